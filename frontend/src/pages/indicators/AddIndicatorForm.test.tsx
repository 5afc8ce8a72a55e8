import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import AddIndicatorForm from "./AddIndicatorForm";
import { rulesOf } from "./rules.fixture";

describe("AddIndicatorForm", () => {
  it.each([
    [true, 1],
    [false, 0],
  ])("offers a formula only for a department-year's own indicators (bindable=%s)", (bindable, count) => {
    render(<AddIndicatorForm open groups={new Map()} onCancel={() => {}} onCreate={async () => []} bindable={bindable} />);
    expect(screen.getAllByText("新增绩效指标").length).toBeGreaterThan(0);
    expect(screen.queryAllByText("计算公式")).toHaveLength(count);
  });

  it("checks the name's length in the unit the server serves (bytes today), never a copied number", async () => {
    render(<AddIndicatorForm open groups={new Map()} onCancel={() => {}} onCreate={async () => []} rules={rulesOf()} />);
    fireEvent.change(screen.getByLabelText("三级指标"), { target: { value: "名".repeat(101) } });
    expect(await screen.findByText("不能超过 300 字节（一个汉字占 3 字节）")).toBeInTheDocument();
  });
});
