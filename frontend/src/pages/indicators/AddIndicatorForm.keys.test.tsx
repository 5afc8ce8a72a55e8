import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import AddIndicatorForm, { type NewIndicator } from "./AddIndicatorForm";

const groups = new Map([["产出指标", ["数量指标", "质量指标"]]]);

function setUp() {
  const onCreate = vi.fn(async (v: NewIndicator) => (void v, []));
  const onCancel = vi.fn();
  render(<AddIndicatorForm open groups={groups} onCancel={onCancel} onCreate={onCreate} />);
  return { onCreate, onCancel, user: userEvent.setup() };
}

describe("AddIndicatorForm by keyboard", () => {
  it("starts in the first field, Tabs through every field even with a suggestion list open, and saves on Enter", async () => {
    const { onCreate, user } = setUp();
    const level1 = screen.getByLabelText("一级指标");
    await waitFor(() => expect(level1).toHaveFocus());
    await user.keyboard("产出");
    // The suggestion list is open under the field: Tab still moves on, and keeps what was typed.
    await waitFor(() => expect(document.querySelector(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")).not.toBeNull());
    // The list would take a Tab as the browser sends it (keyCode 9, which user-event leaves 0) and
    // cancel its default, keeping the focus: the key must reach the browser untouched.
    expect(fireEvent.keyDown(level1, { key: "Tab", code: "Tab", keyCode: 9, which: 9 })).toBe(true);
    await user.tab();
    expect(screen.getByLabelText("二级指标")).toHaveFocus();
    expect(level1).toHaveValue("产出");
    await user.keyboard("数量");
    await user.tab();
    expect(screen.getByLabelText("三级指标")).toHaveFocus();
    await user.keyboard("培训人次");
    await user.tab(); // 定量 (the kind's radio buttons)
    await user.tab(); // the operator
    expect(screen.getByLabelText("符号")).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText("指标值")).toHaveFocus();
    // Full-width digits from an input method are the number they show.
    await user.keyboard("１２０．５");
    await user.tab();
    expect(screen.getByLabelText("单位")).toHaveFocus();
    await user.keyboard("人");
    await user.tab();
    expect(screen.getByLabelText("分值")).toHaveFocus();
    await user.keyboard("１０{Enter}");
    await waitFor(() => expect(onCreate).toHaveBeenCalledTimes(1));
    expect(onCreate.mock.calls[0][0]).toMatchObject({
      level1: "产出",
      level2: "数量",
      name: "培训人次",
      kind: "QUANTITATIVE",
      operator: "GE",
      target: "120.5",
      unit: "人",
      weight: "10",
    });
  });

  it("picks a suggestion with the arrow keys and Enter without saving", async () => {
    const { onCreate, user } = setUp();
    await waitFor(() => expect(screen.getByLabelText("一级指标")).toHaveFocus());
    await user.keyboard("产");
    // (The list reads keyCode, which user-event leaves 0: the browser's keys, as fired.)
    const input = screen.getByLabelText("一级指标");
    fireEvent.keyDown(input, { key: "ArrowDown", code: "ArrowDown", keyCode: 40, which: 40 });
    fireEvent.keyDown(input, { key: "Enter", code: "Enter", keyCode: 13, which: 13 });
    expect(screen.getByLabelText("一级指标")).toHaveValue("产出指标");
    expect(onCreate).not.toHaveBeenCalled();
  });

  it("shows what is missing on Enter instead of saving", async () => {
    const { onCreate, user } = setUp();
    await waitFor(() => expect(screen.getByLabelText("一级指标")).toHaveFocus());
    await user.keyboard("{Enter}");
    expect((await screen.findAllByText("必填")).length).toBeGreaterThan(0);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it("closes at once on Esc when nothing was typed", async () => {
    const { onCancel, user } = setUp();
    await waitFor(() => expect(screen.getByLabelText("一级指标")).toHaveFocus());
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("放弃填写的新指标？")).toBeNull();
  });

  it("asks before discarding what was typed on Esc", async () => {
    const { onCancel, user } = setUp();
    await waitFor(() => expect(screen.getByLabelText("一级指标")).toHaveFocus());
    await user.click(screen.getByLabelText("三级指标"));
    await user.keyboard("培训人次{Escape}");
    await waitFor(() => expect(document.querySelectorAll(".ant-modal-confirm")).toHaveLength(1));
    expect(screen.getAllByText("放弃填写的新指标？").length).toBeGreaterThan(0);
    expect(onCancel).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "继续填写" }));
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByLabelText("三级指标")).toHaveValue("培训人次");
    await user.click(screen.getByRole("button", { name: "取 消" }));
    await user.click(await screen.findByRole("button", { name: "放 弃" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
