import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import i18n from "../../i18n";
import History from "./History";
import ProblemsList from "./ProblemsList";
import SubtotalsTable from "./SubtotalsTable";
import { problemsFromErrors } from "./problems";
import { breakdownRows } from "./subtotals";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

describe("ProblemsList", () => {
  it("shows every SUBMIT_CHECK problem with its field, linking the indicator to its cell", () => {
    const rows = problemsFromErrors([
      {
        code: "SUBMIT_CHECK",
        field: "deviationReason",
        indicatorID: "9",
        message: 'indicator "会议参与人数": completion rate 144.44 % is at or above 130 %; a deviation reason is required',
      },
      { code: "SUBMIT_CHECK", field: "executionExplanation", message: "execution rate 80.00 % is below 90 %; an explanation is required" },
      { code: "SUBMIT_CHECK", message: "evaluation 1 cannot be submitted: 2 problem(s), each reported as its own error" },
    ]);
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
    expect(items[0]).toHaveTextContent("completion rate 144.44 % is at or above 130 %");
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
    const cells = [...body.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
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
