import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import i18n from "../../i18n";
import History from "./History";
import type { FieldError } from "../../api/errors";
import ProblemsList from "./ProblemsList";
import SubtotalsTable from "./SubtotalsTable";
import { problemsFromErrors } from "./problems";
import { breakdownRows } from "./subtotals";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

describe("ProblemsList", () => {
  const refused: FieldError[] = [
    {
      code: "SUBMIT_CHECK",
      field: "deviationReason",
      reason: "COMPLETION_AT_OR_ABOVE",
      params: { completionRate: "144.44", threshold: "130" },
      indicatorID: "9",
      indicatorName: "会议参与人数",
      message: 'indicator "会议参与人数": completion rate 144.44 % is at or above 130 %; a deviation reason is required',
    },
    {
      code: "SUBMIT_CHECK",
      field: "executionExplanation",
      reason: "EXECUTION_BELOW_THRESHOLD",
      params: { executionRate: "80.00", threshold: "90" },
      message: "execution rate 80.00 % is below 90 %; an explanation is required",
    },
    { code: "SUBMIT_CHECK", reason: "REFUSED", params: { problems: "2" }, message: "evaluation 1 cannot be submitted: 2 problem(s), each reported as its own error" },
  ];

  it("writes each problem's sentence from its reason and params in the UI's language", async () => {
    const rows = problemsFromErrors(refused);
    const { container } = render(
      <MemoryRouter>
        <ProblemsList rows={rows} editorPath="/years/4/indicators" />
      </MemoryRouter>,
    );
    expect(container.textContent).toContain("完成率 144.44% 达到或超过 130%，须填写偏差原因分析");
    expect(container.textContent).not.toMatch(/completion rate|execution rate|indicator "/);
    await i18n.changeLanguage("en");
    try {
      cleanup();
      const en = render(
        <MemoryRouter>
          <ProblemsList rows={rows} editorPath="/years/4/indicators" />
        </MemoryRouter>,
      );
      expect(en.container.textContent).toContain("completion rate 144.44 % is at or above 130 %; a deviation reason is required");
      expect(en.container.textContent).toContain("execution rate 80.00 % is below 90 %; an explanation is required");
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("names a breakdown that does not add up, in the table's words, and links the department-year's page", () => {
    const rows = problemsFromErrors([
      {
        code: "SUBMIT_CHECK",
        field: "fundingLines",
        reason: "FUNDING_SUM_MISMATCH",
        params: { column: "adjustedBudget", sum: "1800.00", total: "1836.19" },
        message: "the funding lines' adjustedBudget add up to 1800.00, not the total 1836.19",
      },
    ]);
    const { container } = render(
      <MemoryRouter>
        <ProblemsList rows={rows} editorPath="/years/4/indicators" yearPath="/years/4" />
      </MemoryRouter>,
    );
    expect(container.textContent).toContain("预算执行情况明细");
    expect(container.textContent).toContain("各明细行的全年预算数合计 1800.00，与年度资金总额 1836.19 不一致");
    expect(within(container).getByRole("link", { name: "预算执行情况" })).toHaveAttribute("href", "/years/4");
  });

  it("shows every SUBMIT_CHECK problem with its field, linking the indicator to its cell", () => {
    const rows = problemsFromErrors(refused);
    const onField = vi.fn();
    const { container } = render(
      <MemoryRouter>
        <ProblemsList rows={rows} editorPath="/years/4/indicators" onField={onField} />
      </MemoryRouter>,
    );
    const items = container.querySelectorAll("[data-problem]");
    expect(items).toHaveLength(2);
    const first = within(items[0] as HTMLElement);
    expect(first.getByText("偏差原因分析")).toBeInTheDocument();
    expect(first.getByRole("link", { name: "会议参与人数" })).toHaveAttribute(
      "href",
      "/years/4/indicators?indicator=9&field=deviationReason",
    );
    expect(items[0]).toHaveTextContent("完成率 144.44% 达到或超过 130%");
    const second = within(items[1] as HTMLElement);
    expect(second.getByText("预算执行率偏低的原因说明")).toBeInTheDocument();
    fireEvent.click(second.getByText("本评价"));
    expect(onField).toHaveBeenCalledWith("executionExplanation");
  });
});

describe("SubtotalsTable", () => {
  it("lists the chart's figures", () => {
    render(
      <SubtotalsTable
        rows={breakdownRows([
          { level1: "履职效能", level2: null, score: "50.00", weight: "50.00" },
          { level1: "履职效能", level2: "产出", score: "25.00", weight: "25.00" },
          { level1: "管理效率", level2: null, score: "49.69", weight: "50.00" },
        ])}
      />,
    );
    const body = document.querySelector(".ant-table-tbody") as HTMLElement;
    const cells = [...body.querySelectorAll("tr.ant-table-row")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells).toEqual([
      ["履职效能", "50.00", "50.00", "100.00%"],
      ["产出", "25.00", "25.00", "100.00%"],
      ["管理效率", "49.69", "50.00", "99.38%"],
    ]);
  });
});

describe("History", () => {
  it("shows each step oldest first with who, when and the comment", () => {
    render(
      <History
        transitions={[
          { from: "SUBMITTED", to: "RETURNED", comment: "请补充偏差原因", actorName: "审核员", at: "2024-03-02T10:00:00Z" },
          { from: "DRAFT", to: "SUBMITTED", comment: "", actorName: "填报员", at: "2024-03-01T09:00:00Z" },
        ]}
      />,
    );
    const steps = screen.getAllByTestId("transition");
    expect(steps[0]).toHaveTextContent("草稿 → 已提交");
    expect(steps[0]).toHaveTextContent("填报员");
    expect(steps[1]).toHaveTextContent("已提交 → 已退回");
    expect(steps[1]).toHaveTextContent("“请补充偏差原因”");
  });
});
