import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type {
  DashboardBelowTargetQuery,
  DashboardDepartmentYearsQuery,
  DashboardFiltersQuery,
  DashboardGradesQuery,
  DashboardRankingQuery,
} from "../../gql/graphql";
import { renderWith } from "../../test/render";
import { mockClient } from "../../test/urql";
import DashboardsPage from "../DashboardsPage";

// Charts show the option they were given (src/test/setup.ts).

const edges = <T,>(list: T[]) => ({ totalCount: list.length, edges: list.map((node) => ({ node })) });

// Each answer satisfies its query's generated type: a fixture the query no longer matches fails tsc.
const answers = {
  DashboardFilters: {
    latest: edges([{ id: "y3", year: 2023 }]),
    earliest: edges([{ id: "y1", year: 2021 }]),
    departments: edges([
      { id: "1", code: "440115", name: "广州市南沙区" },
      { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室" },
    ]),
  } satisfies DashboardFiltersQuery,
  DashboardRanking: {
    evaluationRanking: edges([
      {
        id: "e1",
        score: "99.69",
        grade: "EXCELLENT",
        status: "DRAFT",
        departmentYear: { id: "y3", department: { id: "2", name: "中共广州市南沙区委员会办公室", code: "440115-001" } },
      },
      {
        id: "e2",
        score: "78.50",
        grade: "FAIR",
        status: "SUBMITTED",
        departmentYear: { id: "y4", department: { id: "3", name: "广州市南沙区财政局", code: "440115-002" } },
      },
    ]),
  } satisfies DashboardRankingQuery,
  DashboardGrades: { excellent: { totalCount: 1 }, good: { totalCount: 0 }, fair: { totalCount: 1 }, poor: { totalCount: 0 } } satisfies DashboardGradesQuery,
  DashboardBelowTarget: {
    indicatorRanking: edges([
      {
        id: "i1",
        name: "预算资金支出率",
        kind: "QUANTITATIVE",
        operator: "GE",
        target: "100.00",
        unit: "%",
        weight: "10.00",
        effectiveActual: "99.630213",
        completionRate: "99.63",
        attainment: "0.996",
        score: "9.96",
        rating: null,
        project: null,
        departmentYear: { id: "4294967298", year: 2023, department: { id: "2", name: "中共广州市南沙区委员会办公室", code: "440115-001" } },
      },
      {
        id: "i2",
        name: "承办单位对督办工作满意度",
        kind: "QUANTITATIVE",
        operator: "GE",
        target: "90.00",
        unit: "%",
        weight: "10.00",
        effectiveActual: "85.00",
        completionRate: "94.44",
        attainment: "0.9444",
        score: "9.44",
        rating: null,
        project: { id: "25769803777", name: "督查督办" },
        departmentYear: { id: "4294967298", year: 2023, department: { id: "2", name: "中共广州市南沙区委员会办公室", code: "440115-001" } },
      },
    ]),
  } satisfies DashboardBelowTargetQuery,
  DashboardDepartmentYears: {
    node: {
      __typename: "Department",
      id: "2",
      name: "中共广州市南沙区委员会办公室",
      code: "440115-001",
      years: edges([
        { id: "y2", year: 2022, totalActual: "1700.00", executionRate: "97.10", overallEvaluation: null },
        { id: "y3", year: 2023, totalActual: "1829.40", executionRate: "99.63", overallEvaluation: { id: "e1", score: "99.69", grade: "EXCELLENT" } },
      ]),
    },
  } satisfies DashboardDepartmentYearsQuery,
};

/** Renders the page on a client answering every query from answers; returns what it was asked. */
function renderPage() {
  const replies = Object.fromEntries(Object.entries(answers).map(([name, data]) => [name, { data }]));
  const { client, calls } = mockClient(replies);
  renderWith(client, <DashboardsPage />);
  return calls;
}

/** Opens an antd Select and picks the option with this text. */
async function pick(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-selector")!);
  const options = await screen.findAllByText(option, { selector: ".ant-select-item-option-content" });
  fireEvent.click(options[options.length - 1]);
}

describe("DashboardsPage", () => {
  it("asks for the latest year by default and charts the ranking", () => {
    const calls = renderPage();
    expect(calls.find((c) => c.name === "DashboardRanking")?.variables).toEqual({ year: 2023 });
    expect(calls.find((c) => c.name === "DashboardGrades")?.variables).toEqual({ year: 2023 });
    const ranking = screen.getByTestId("ranking-card");
    const option = JSON.parse(within(ranking).getByTestId("chart").textContent!);
    expect(option.yAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局"]);
    expect(option.series[0].data.map((d: { value: number }) => d.value)).toEqual([99.69, 78.5]);
  });

  it("shows the same ranking as a table", async () => {
    renderPage();
    const ranking = screen.getByTestId("ranking-card");
    await userEvent.click(within(ranking).getByText("数据表"));
    const rows = within(ranking).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").slice(0, 5).map((c) => c.textContent))).toEqual([
      ["1", "中共广州市南沙区委员会办公室", "440115-001", "99.69", "优"],
      ["2", "广州市南沙区财政局", "440115-002", "78.50", "中"],
    ]);
    expect(within(rows[0]).getByText("打开").closest("a")).toHaveAttribute("href", "/evaluations/e1/report");
  });

  it("counts the grades in a table beside the chart", async () => {
    renderPage();
    const grades = screen.getByTestId("grades-card");
    const option = JSON.parse(within(grades).getByTestId("chart").textContent!);
    expect(option.series[0].data.map((d: { name: string; value: number }) => [d.name, d.value])).toEqual([
      ["优", 1],
      ["中", 1],
    ]);
    await userEvent.click(within(grades).getByText("数据表"));
    const counts = within(grades)
      .getAllByRole("row")
      .slice(1, 5)
      .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(counts[0]).toEqual(["优", "≥ 90", "1", "50.0%"]);
    expect(counts[2]).toEqual(["中", "60 – 80", "1", "50.0%"]);
  });

  it("lists indicators below target, each linked to its editor, and filters them", async () => {
    const calls = renderPage();
    expect(calls.find((c) => c.name === "DashboardBelowTarget")?.variables).toEqual({
      where: { attainmentLT: "1", hasDepartmentYearWith: [{ year: 2023 }] },
    });
    const below = screen.getByTestId("below-card");
    expect(within(below).getByText("预算资金支出率").closest("a")).toHaveAttribute("href", "/years/4294967298/indicators");
    expect(within(below).getByText("承办单位对督办工作满意度").closest("a")).toHaveAttribute("href", "/projects/25769803777/indicators");
    const row = within(below).getByText("预算资金支出率").closest("tr")!;
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "预算资金支出率",
      "中共广州市南沙区委员会办公室",
      "部门整体",
      "≥100%",
      "99.63%",
      "99.63%",
      "99.60%",
      "9.96 / 10",
    ]);

    await userEvent.click(within(below).getByText("定量"));
    await pick("below-department", "中共广州市南沙区委员会办公室（440115-001）");
    await waitFor(() =>
      expect(calls.filter((c) => c.name === "DashboardBelowTarget").at(-1)?.variables).toEqual({
        where: {
          attainmentLT: "1",
          kind: "QUANTITATIVE",
          hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "2" }] }],
        },
      }),
    );
  });

  it("asks again for another year", async () => {
    const calls = renderPage();
    await pick("dashboard-year", "2021 年");
    await waitFor(() => expect(calls.filter((c) => c.name === "DashboardRanking").at(-1)?.variables).toEqual({ year: 2021 }));
  });

  it("compares one department's years", async () => {
    const calls = renderPage();
    const yoy = screen.getByTestId("yoy-card");
    expect(within(yoy).getByText("请选择一个部门查看其各年度情况")).toBeInTheDocument();
    await pick("yoy-department", "中共广州市南沙区委员会办公室（440115-001）");
    await waitFor(() => expect(calls.find((c) => c.name === "DashboardDepartmentYears")?.variables).toEqual({ id: "2" }));
    const option = JSON.parse(within(yoy).getByTestId("chart").textContent!);
    expect(option.xAxis.data).toEqual(["2022", "2023"]);
    expect(option.series.map((s: { data: (number | null)[] }) => s.data)).toEqual([
      [1700, 1829.4],
      [null, 99.69],
      [97.1, 99.63],
    ]);
    await userEvent.click(within(yoy).getByText("数据表"));
    const last = within(yoy).getAllByRole("row").at(-1)!;
    expect(within(last).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2023", "1,829.40", "+7.61%", "99.63%", "99.69", "优"]);
  });
});
