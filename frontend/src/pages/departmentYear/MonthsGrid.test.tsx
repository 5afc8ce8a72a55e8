import { OnLocked } from "./serverErrors";
import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import MonthsGrid from "./MonthsGrid";
import { renderWith } from "../../test/render";
import { mockClient } from "../../test/urql";

// A month's explanation as the server gives it (MonthlyExecution.explanation).
function explained(month: number, cumulative: string, percent: string, target: string, behind: boolean) {
  const code = behind ? ("MONTH_BEHIND" as const) : ("MONTH_ON_TRACK" as const);
  const params = { month: String(month), cumulative, budget: "1333.33", percent, target };
  return { value: null, holds: behind, rules: null, steps: [{ code, params, value: percent }] };
}

const year = {
  id: "dy1",
  months: [
    { id: "m1", month: 1, cumulativeExecuted: "80.00", targetPercent: "5.00", executedPercent: "6.00", behind: false, explanation: explained(1, "80.00", "6.00", "5", false) },
    { id: "m3", month: 3, cumulativeExecuted: "200.00", targetPercent: "25.00", executedPercent: "15.00", behind: true, explanation: explained(3, "200.00", "15.00", "25", true) },
  ],
  warnings: [],
};

const row = (month: number) => screen.getByTestId("months-grid").querySelector(`tr[data-month="${month}"]`) as HTMLElement;

describe("MonthsGrid", () => {
  it("shows twelve months and highlights the months behind target", () => {
    const { client } = mockClient({}, { data: {} });
    renderWith(client, <MonthsGrid year={year} editable={false} />);
    expect(screen.getByTestId("months-grid").querySelectorAll("tbody tr[data-month]")).toHaveLength(12);
    expect(row(3)).toHaveClass("dy-month-behind");
    expect(within(row(3)).getByText("未达标")).toBeInTheDocument();
    expect(row(1)).not.toHaveClass("dy-month-behind");
    expect(within(row(1)).queryByText("未达标")).toBeNull();
    expect(within(row(1)).getByText("达标")).toBeInTheDocument();
    expect(within(row(2)).getByText("未填报")).toBeInTheDocument();
    expect(within(row(3)).getByText("15.00%")).toBeInTheDocument();
  });

  it("says why a month is behind: its share of the budget against its target", async () => {
    const { client } = mockClient({}, { data: {} });
    renderWith(client, <MonthsGrid year={year} editable={false} />);
    await userEvent.hover(screen.getByTestId("month-3-behind"));
    expect(await screen.findByText("3月累计支出进度低于目标，未达标：200.00 / 1333.33 = 15.00 % < 25 %")).toBeInTheDocument();
    expect(screen.queryByTestId("months-save")).toBeNull();
  });

  it("marks a month whose running total falls, with the warning's sentence", () => {
    const { client } = mockClient({}, { data: {} });
    const falls = { code: "CUMULATIVE_FALLS" as const, params: { month: "3", cumulative: "200.00", previousMonth: "1", previousCumulative: "280.00" }, month: 3, indicator: null, project: null };
    renderWith(client, <MonthsGrid year={{ ...year, warnings: [falls] }} editable={false} />);
    expect(screen.getByTestId("month-warnings")).toHaveTextContent("3月累计支出 200.00 万元，低于1月的 280.00 万元：累计数不会减少，请确认是否填成了当月支出。");
    expect(within(row(3)).getByTestId("month-3-warning")).toHaveTextContent("累计数下降");
    expect(within(row(1)).queryByTestId("month-1-warning")).toBeNull();
  });

  it("saves only the months with values, as exact strings", async () => {
    const { client, executeMutation } = mockClient({}, { data: { setMonthlyExecution: { ...year, monthsBehind: [3] } } });
    renderWith(client, <MonthsGrid year={year} editable />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("month-2-cumulativeExecuted"));
    await user.paste("150.123456");
    // Tab moves from the month's amount to its target.
    await user.tab();
    expect(screen.getByTestId("month-2-targetPercent")).toHaveFocus();
    await user.keyboard("15");
    await user.click(screen.getByTestId("months-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      id: "dy1",
      months: [
        { month: 1, cumulativeExecuted: "80.00", targetPercent: "5.00" },
        { month: 2, cumulativeExecuted: "150.123456", targetPercent: "15" },
        { month: 3, cumulativeExecuted: "200.00", targetPercent: "25.00" },
      ],
    });
  });

  it("refuses a half-filled month without calling the server", async () => {
    const { client, executeMutation } = mockClient({}, { data: {} });
    renderWith(client, <MonthsGrid year={year} editable />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId("month-4-cumulativeExecuted"), "300");
    await user.click(screen.getByTestId("months-save"));
    expect(await within(row(4)).findByText("请输入数值（可以为 0）")).toBeInTheDocument();
    expect(screen.getByTestId("month-4-targetPercent")).toHaveAttribute("aria-invalid", "true");
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("shows the server's refusal above the grid", async () => {
    const { client } = mockClient({}, {
      errors: [{ message: "evaluation 7 is SUBMITTED: it, its indicators and its figures are read-only", extensions: { code: "LOCKED", status: "SUBMITTED" } }],
    });
    renderWith(client, <MonthsGrid year={year} editable />);
    const user = userEvent.setup();
    await user.clear(screen.getByTestId("month-1-cumulativeExecuted"));
    await user.type(screen.getByTestId("month-1-cumulativeExecuted"), "90");
    await user.click(screen.getByTestId("months-save"));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("数据已锁定");
    expect(alert).toHaveTextContent("评价状态为「已提交」");
    expect(alert).not.toHaveTextContent("evaluation 7");
  });

  it("says a year without any monthly figures has none", () => {
    const { client } = mockClient({}, { data: {} });
    renderWith(client, <MonthsGrid year={{ ...year, months: [], warnings: [] }} editable={false} />);
    expect(screen.getByTestId("no-months")).toHaveTextContent("本年度尚未填报任何月份的执行数据");
    expect(screen.queryByText("达标")).toBeNull();
  });

  it("takes full-width digits typed through an input method as the number", async () => {
    const { client, executeMutation } = mockClient({}, { data: {} });
    renderWith(client, <MonthsGrid year={year} editable />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId("month-4-cumulativeExecuted"));
    await user.paste("３００．５");
    await user.click(screen.getByTestId("month-4-targetPercent"));
    await user.paste("３５％");
    await user.click(screen.getByTestId("months-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect((executeMutation.mock.calls[0][0].variables as { months: unknown[] }).months).toContainEqual({ month: 4, cumulativeExecuted: "300.5", targetPercent: "35" });
  });

  it("asks the page to read itself again when a save meets the lock", async () => {
    const { client } = mockClient({}, {
      errors: [{ message: "locked", extensions: { code: "LOCKED", status: "SUBMITTED" } }],
    });
    const onLocked = vi.fn();
    renderWith(client, <OnLocked.Provider value={onLocked}><MonthsGrid year={year} editable /></OnLocked.Provider>);
    const user = userEvent.setup();
    await user.type(screen.getByTestId("month-4-cumulativeExecuted"), "300");
    await user.type(screen.getByTestId("month-4-targetPercent"), "30");
    await user.click(screen.getByTestId("months-save"));
    await waitFor(() => expect(onLocked).toHaveBeenCalled());
  });
});
