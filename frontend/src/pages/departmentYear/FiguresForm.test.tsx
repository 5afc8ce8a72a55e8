import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import FiguresForm, { Derived } from "./FiguresForm";
import { renderWith } from "../../test/render";
import { mockClient, type Answer } from "../../test/urql";

const year = {
  id: "dy1",
  version: 4,
  personnelBudget: "962.44",
  personnelActual: "962.44",
  publicBudget: "126.58",
  publicActual: "124.12",
  projectBudget: "747.10",
  projectActual: "742.84",
  carryoverStart: "0.00",
  carryoverEnd: "4.62",
  threePublicBudget: "12.00",
  threePublicActual: "8.35",
  assetsInUse: "300.00",
  assetsTotal: "320.00",
  basicInitialBudget: "1080.00",
  projectInitialBudget: "0.00",
  goal: "保障区委日常运转",
  goalOutcome: "",
  totalInitialBudget: "1080.00",
  basicBudget: "1089.02",
  basicActual: "1086.56",
  totalBudget: "1836.12",
  totalActual: "1829.40",
  executionRate: "99.63",
  carryoverRate: "0.25",
  monthsBehind: [3, 6],
  months: [{ id: "m3" }, { id: "m6" }],
};

function setup(answer: Answer, editable = true) {
  const { client, executeMutation } = mockClient({}, answer);
  const onReload = vi.fn();
  renderWith(client, <FiguresForm year={year} editable={editable} onReload={onReload} />);
  return { executeMutation, onReload, user: userEvent.setup() };
}

const field = (name: string) => screen.getByTestId(`figure-${name}`);
const itemOf = (name: string) => field(name).closest(".ant-form-item") as HTMLElement;

async function retype(user: ReturnType<typeof userEvent.setup>, name: string, value: string) {
  await user.clear(field(name));
  // Pasting is one input event: typing keystroke by keystroke through an Ant form is slow in jsdom.
  await user.paste(value);
}

// Ant Design forms validate asynchronously and are slow under jsdom.
describe("FiguresForm", () => {
  it("shows the figures and the derived totals", () => {
    setup({ data: {} });
    expect(field("personnelBudget")).toHaveValue("962.44");
    const derived = screen.getByTestId("figures-derived");
    expect(derived).toHaveTextContent("1,829.40");
    expect(derived).toHaveTextContent("99.63%");
    expect(within(derived).getByText("3月")).toBeInTheDocument();
  });

  it("refuses a negative amount and too many decimals before sending", async () => {
    const { executeMutation, user } = setup({ data: {} });
    await retype(user, "personnelBudget", "-1");
    await retype(user, "publicBudget", "1.1234567");
    await user.click(screen.getByTestId("figures-save"));
    await waitFor(() => expect(itemOf("personnelBudget")).toHaveTextContent("不能为负数"));
    await waitFor(() => expect(itemOf("publicBudget")).toHaveTextContent("最多 6 位小数"));
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("sends the changed amounts as strings with the version read", async () => {
    const { executeMutation, user } = setup({ data: { updateDepartmentYear: { ...year, version: 5 } } });
    await retype(user, "personnelBudget", "1,000.000001");
    await retype(user, "publicBudget", "126.580"); // the same number: not sent
    await user.click(field("goal"));
    await user.keyboard("{Control>}{End}{/Control}");
    await user.paste("，推进重点工作");
    await user.click(screen.getByTestId("figures-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      id: "dy1",
      version: 4,
      input: { personnelBudget: "1000.000001", goal: "保障区委日常运转，推进重点工作" },
    });
  });

  it("sends the initial budgets and the goal's outcome beside the goal", async () => {
    const { executeMutation, user } = setup({ data: { updateDepartmentYear: { ...year, version: 5 } } });
    expect(screen.getByTestId("figures-derived")).toHaveTextContent("1,080.00");
    await retype(user, "projectInitialBudget", "740");
    await user.click(field("goalOutcome"));
    await user.paste("全年任务全部完成");
    await user.click(screen.getByTestId("figures-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      id: "dy1",
      version: 4,
      input: { projectInitialBudget: "740", goalOutcome: "全年任务全部完成" },
    });
  });

  it("puts a BAD_USER_INPUT refusal next to the field the server names, in the UI's words", async () => {
    const { user } = setup({
      errors: [{ message: "assetsInUse: must not be negative", extensions: { code: "BAD_USER_INPUT", field: "assetsInUse", reason: "NEGATIVE" } }],
    });
    await retype(user, "assetsInUse", "1");
    await user.click(screen.getByTestId("figures-save"));
    // Ant Design animates the message in, replacing its node: wait for the text, not for one node.
    await waitFor(() => expect(itemOf("assetsInUse")).toHaveTextContent("在用固定资产：不能为负数。"));
    expect(itemOf("assetsInUse")).not.toHaveTextContent("must not be negative");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("offers a reload after a conflict", async () => {
    const { user, onReload } = setup({
      errors: [
        {
          message: "department-year 1 was changed by somebody else",
          extensions: { code: "CONFLICT", field: "version", currentVersion: 5 },
        },
      ],
    });
    await retype(user, "assetsTotal", "321");
    await user.click(screen.getByTestId("figures-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("其他人已先保存了修改");
    await user.click(within(alert).getByRole("button", { name: /重新加载/ }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["LOCKED", "evaluation 3 is SUBMITTED: read-only until a reviewer returns it", "数据已锁定", "评价状态为「已提交」"],
    ["FORBIDDEN", "an editor may change only their own department's data", "您没有权限进行此操作", "您没有权限进行此操作。"],
  ])("shows a %s refusal at the top in the UI's words, never the server's", async (code, serverMessage, title, sentence) => {
    const { user } = setup({ errors: [{ message: serverMessage, extensions: { code, status: "SUBMITTED" } }] });
    await retype(user, "assetsTotal", "321");
    await user.click(screen.getByTestId("figures-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(sentence);
    expect(alert).not.toHaveTextContent(serverMessage);
  });

  it("is read-only without the right to edit", () => {
    setup({ data: {} }, false);
    expect(field("personnelBudget")).toBeDisabled();
    expect(field("goal")).toBeDisabled();
    expect(screen.queryByTestId("figures-save")).toBeNull();
  });
});

describe("Derived", () => {
  it("says a year without monthly figures has none, not that every month met its target", () => {
    render(<Derived year={{ ...year, monthsBehind: [], months: [] }} />);
    expect(screen.getByTestId("no-months")).toHaveTextContent("尚未填报月度执行数据");
    expect(screen.queryByText("各月均达到进度要求")).toBeNull();
  });
  it("says every month met its target only when months were entered", () => {
    render(<Derived year={{ ...year, monthsBehind: [] }} />);
    expect(screen.getByText("各月均达到进度要求")).toBeInTheDocument();
  });
});
