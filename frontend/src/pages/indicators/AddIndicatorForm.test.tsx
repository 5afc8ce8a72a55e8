import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import AddIndicatorForm from "./AddIndicatorForm";

describe("AddIndicatorForm", () => {
  it.each([
    [true, 1],
    [false, 0],
  ])("offers a formula only for a department-year's own indicators (bindable=%s)", (bindable, count) => {
    render(<AddIndicatorForm open groups={new Map()} onCancel={() => {}} onCreate={async () => []} bindable={bindable} />);
    expect(screen.getAllByText("新增绩效指标").length).toBeGreaterThan(0);
    expect(screen.queryAllByText("计算公式")).toHaveLength(count);
  });
});
