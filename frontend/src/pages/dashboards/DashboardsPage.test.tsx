import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type {
  DashboardAttainmentHeatQuery,
  DashboardBelowTargetQuery,
  DashboardDepartmentYearsQuery,
  DashboardFiltersQuery,
  DashboardGradesQuery,
  DashboardGroupGradesQuery,
  DashboardRankingQuery,
  DashboardYearOnYearQuery,
} from "../../gql/graphql";
import { renderWith } from "../../test/render";
import { mockClient, type Reply } from "../../test/urql";
import DashboardsPage from "../DashboardsPage";

// Charts show the option they were given (src/test/setup.ts).

const edges = <T,>(list: T[]) => ({ totalCount: list.length, edges: list.map((node) => ({ node })) });

const office = { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室", depth: 2 };
const finance = { id: "3", code: "440115-002", name: "广州市南沙区财政局", depth: 2 };
const district = { id: "1", code: "440115", name: "广州市南沙区", depth: 1 };

/** The cells' texts of a card's table rows (the header rows left out). */
const cells = (card: HTMLElement) =>
  within(card)
    .getAllByRole("row")
    .filter((r) => within(r).queryAllByRole("cell").length)
    .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));

// Each answer satisfies its query's generated type: a fixture the query no longer matches fails tsc.
const answers = {
  DashboardFilters: {
    latest: edges([{ id: "y3", year: 2023 }]),
    earliest: edges([{ id: "y1", year: 2021 }]),
    departments: edges([
      { id: "1", code: "440115", name: "广州市南沙区", parentID: null },
      { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室", parentID: "1" },
      { id: "3", code: "440115-002", name: "广州市南沙区财政局", parentID: "1" },
      { id: "4", code: "440115-002-01", name: "财政国库支付中心", parentID: "3" },
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
  DashboardGrades: {
    evaluationAggregate: {
      totalGroups: 2,
      groups: [
        { key: { grade: "EXCELLENT" }, count: 1 },
        { key: { grade: "FAIR" }, count: 1 },
      ],
    },
    defaultRules: { excellentFrom: "90.00", goodFrom: "80.00", fairFrom: "60.00" },
  } satisfies DashboardGradesQuery,
  DashboardGroupGrades: {
    evaluationAggregate: {
      totalGroups: 3,
      groups: [
        { key: { department: office, grade: "EXCELLENT" }, count: 1 },
        { key: { department: finance, grade: "EXCELLENT" }, count: 3 },
        { key: { department: finance, grade: "FAIR" }, count: 1 },
      ],
    },
  } satisfies DashboardGroupGradesQuery,
  DashboardAttainmentHeat: {
    indicatorAggregate: {
      totalGroups: 3,
      groups: [
        { key: { level1: "产出指标", level2: "数量指标", department: office }, count: 2, stats: [{ measure: "ATTAINMENT", count: 2, avg: "1.0000" }] },
        { key: { level1: "产出指标", level2: "数量指标", department: finance }, count: 4, stats: [{ measure: "ATTAINMENT", count: 4, avg: "0.8125" }] },
        { key: { level1: "效益指标", level2: "社会效益指标", department: office }, count: 1, stats: [{ measure: "ATTAINMENT", count: 1, avg: "0.4567" }] },
      ],
    },
  } satisfies DashboardAttainmentHeatQuery,
  DashboardYearOnYear: {
    evaluationYearOnYear: {
      year: 2023,
      against: 2022,
      totalGroups: 2,
      groups: [
        { key: { department: office }, current: { count: 1, avg: "99.69" }, previous: { count: 1, avg: "96.18" }, change: { avg: "3.51" } },
        { key: { department: finance }, current: { count: 1, avg: "78.50" }, previous: { count: 0, avg: null }, change: { avg: null } },
      ],
    },
  } satisfies DashboardYearOnYearQuery,
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

/** Renders the page on a client answering every query from answers (or from the replies given); returns what it was asked. */
function renderPage(overrides: Record<string, Reply> = {}) {
  const replies = { ...Object.fromEntries(Object.entries(answers).map(([name, data]) => [name, { data }])), ...overrides };
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
    expect(calls.find((c) => c.name === "DashboardGroupGrades")?.variables).toEqual({ year: 2023, depth: 2 });
    expect(calls.find((c) => c.name === "DashboardAttainmentHeat")?.variables).toEqual({ year: 2023, depth: 2 });
    expect(calls.find((c) => c.name === "DashboardYearOnYear")?.variables).toEqual({
      year: 2023,
      against: 2022,
      orderBy: { field: "CHANGE", stat: "AVG", direction: "DESC" },
    });
    // The aggregate cards export their groups as the ranking does its rows.
    for (const id of ["ranking-card", "group-grades-card", "heat-card", "yoy-card"]) {
      expect(within(screen.getByTestId(id)).getByTitle("导出为 CSV（UTF-8，Excel 可直接打开）")).toBeInTheDocument();
    }
    // Nothing is counted in the browser any more: no list is asked for its totalCount per grade.
    expect(calls.map((c) => c.name).sort()).toEqual([
      "DashboardAttainmentHeat",
      "DashboardBelowTarget",
      "DashboardFilters",
      "DashboardGrades",
      "DashboardGroupGrades",
      "DashboardRanking",
      "DashboardYearOnYear",
    ]);
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

  it("asks every card again for another year", async () => {
    const calls = renderPage();
    await pick("dashboard-year", "2021 年");
    const last = (name: string) => calls.filter((c) => c.name === name).at(-1)?.variables;
    await waitFor(() => expect(last("DashboardRanking")).toEqual({ year: 2021 }));
    expect(last("DashboardGrades")).toEqual({ year: 2021 });
    expect(last("DashboardGroupGrades")).toEqual({ year: 2021, depth: 2 });
    expect(last("DashboardAttainmentHeat")).toEqual({ year: 2021, depth: 2 });
    expect(last("DashboardYearOnYear")).toMatchObject({ year: 2021, against: 2020 });
  });

  it("stacks the grades per department group, and rolls them up to another depth", async () => {
    const calls = renderPage({
      DashboardGroupGrades: (v) => ({
        data: {
          evaluationAggregate:
            v.depth === 1
              ? { totalGroups: 2, groups: [{ key: { department: district, grade: "EXCELLENT" }, count: 4 }, { key: { department: district, grade: "FAIR" }, count: 1 }] }
              : answers.DashboardGroupGrades.evaluationAggregate,
        },
      }),
    });
    const card = screen.getByTestId("group-grades-card");
    const option = JSON.parse(within(card).getByTestId("chart").textContent!);
    expect(option.yAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局"]);
    expect(option.series.map((s: { name: string; stack: string; data: (number | null)[] }) => [s.name, s.stack, s.data])).toEqual([
      ["优", "grades", [1, 3]],
      ["良", "grades", [null, null]],
      ["中", "grades", [null, 1]],
      ["差", "grades", [null, null]],
    ]);
    await userEvent.click(within(card).getByText("数据表"));
    expect(cells(card)).toEqual([
      ["中共广州市南沙区委员会办公室", "440115-001", "1", "0", "0", "0", "1"],
      ["广州市南沙区财政局", "440115-002", "3", "0", "1", "0", "4"],
    ]);

    // The tree has three levels (the filters' parents): each can be picked.
    await pick("group-grades-depth", "第 1 级（最上级）");
    await waitFor(() => expect(calls.filter((c) => c.name === "DashboardGroupGrades").at(-1)?.variables).toEqual({ year: 2023, depth: 1 }));
    await waitFor(() => expect(cells(card)).toEqual([["广州市南沙区", "440115", "4", "0", "1", "0", "5"]]));
    expect(screen.getAllByText("第 3 级部门", { selector: ".ant-select-item-option-content" }).length).toBeGreaterThan(0);
  });

  it("maps attainment per level-2 group and department, the table a matrix with empty cells left empty", async () => {
    const calls = renderPage();
    const card = screen.getByTestId("heat-card");
    const option = JSON.parse(within(card).getByTestId("chart").textContent!);
    expect(option.xAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局"]);
    expect(option.yAxis.data).toEqual(["数量指标", "社会效益指标"]);
    expect(option.series[0]).toMatchObject({ type: "heatmap", data: [[0, 0, 1], [1, 0, 0.8125], [0, 1, 0.4567]] });
    expect(option.visualMap).toMatchObject({ min: 0, max: 1 });

    await userEvent.click(within(card).getByText("数据表"));
    for (const header of ["产出指标", "数量指标", "效益指标", "社会效益指标"]) {
      expect(within(card).getByRole("columnheader", { name: header })).toBeInTheDocument();
    }
    expect(cells(card)).toEqual([
      ["中共广州市南沙区委员会办公室", "100.00%", "45.67%"],
      ["广州市南沙区财政局", "81.25%", ""],
    ]);

    await pick("heat-depth", "第 3 级部门");
    await waitFor(() => expect(calls.filter((c) => c.name === "DashboardAttainmentHeat").at(-1)?.variables).toEqual({ year: 2023, depth: 3 }));
  });

  it("compares every department's score with the year before, in the order picked", async () => {
    const calls = renderPage();
    const card = screen.getByTestId("yoy-card");
    const option = JSON.parse(within(card).getByTestId("chart").textContent!);
    expect(option.yAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局"]);
    expect(option.series[0].data).toEqual([{ value: 3.51, itemStyle: { color: "#52c41a" }, label: { formatter: "+3.51" } }, null]);

    await userEvent.click(within(card).getByText("数据表"));
    expect(within(card).getByRole("columnheader", { name: "2022 年得分" })).toBeInTheDocument();
    expect(within(card).getByRole("columnheader", { name: "2023 年得分" })).toBeInTheDocument();
    expect(cells(card)).toEqual([
      ["中共广州市南沙区委员会办公室", "440115-001", "96.18", "99.69", "+3.51"],
      ["广州市南沙区财政局", "440115-002", "—", "78.50", "—"],
    ]);

    const last = () => calls.filter((c) => c.name === "DashboardYearOnYear").at(-1)?.variables;
    await pick("yoy-sort", "降幅最大在前");
    await waitFor(() => expect(last()).toEqual({ year: 2023, against: 2022, orderBy: { field: "CHANGE", stat: "AVG", direction: "ASC" } }));
    await pick("yoy-against", "2021 年");
    await waitFor(() => expect(last()).toEqual({ year: 2023, against: 2021, orderBy: { field: "CHANGE", stat: "AVG", direction: "ASC" } }));
  });

  it("shows an aggregate's error in its card", async () => {
    renderPage({ DashboardAttainmentHeat: { errors: [{ message: "boom", extensions: { code: "BAD_USER_INPUT", field: "departmentDepth" } }] } });
    const card = screen.getByTestId("heat-card");
    expect(within(card).getByRole("alert")).toBeInTheDocument();
    expect(within(screen.getByTestId("group-grades-card")).queryByRole("alert")).toBeNull();
  });

  it("shows one department's years", async () => {
    const calls = renderPage();
    const card = screen.getByTestId("history-card");
    expect(within(card).getByText("请选择一个部门查看其各年度情况")).toBeInTheDocument();
    await pick("history-department", "中共广州市南沙区委员会办公室（440115-001）");
    await waitFor(() => expect(calls.find((c) => c.name === "DashboardDepartmentYears")?.variables).toEqual({ id: "2" }));
    const option = JSON.parse(within(card).getByTestId("chart").textContent!);
    expect(option.xAxis.data).toEqual(["2022", "2023"]);
    expect(option.series.map((s: { data: (number | null)[] }) => s.data)).toEqual([
      [1700, 1829.4],
      [null, 99.69],
      [97.1, 99.63],
    ]);
    await userEvent.click(within(card).getByText("数据表"));
    expect(cells(card).at(-1)).toEqual(["2023", "1,829.40", "99.63%", "99.69", "优"]);
  });
});
