import { describe, expect, it } from "vitest";
import type { Grade } from "../../gql/graphql";
import { yearRange } from "../DashboardsPage";
import {
  attainmentMatrix,
  attainmentPercent,
  belowTargetWhere,
  cellKey,
  gradeColor,
  gradeDistribution,
  gradeOption,
  groupGradeOption,
  groupGradeRows,
  heatmapOption,
  historyRows,
  indicatorLink,
  rankingOption,
  rankingRows,
  rankingSeries,
  shareText,
  signed,
  treeDepth,
  yoyOption,
  yoyOrder,
  yoyRows,
  type AggregateGroupIn,
} from "./series";

const evaluation = (id: string, name: string, code: string, score: string, grade: Grade) => ({
  id,
  score,
  grade,
  status: "DRAFT" as const,
  departmentYear: { department: { name, code } },
});

describe("ranking", () => {
  const rows = rankingRows([
    evaluation("e1", "中共广州市南沙区委员会办公室", "440115-001", "99.69", "EXCELLENT"),
    evaluation("e2", "广州市南沙区财政局", "440115-002", "85.10", "GOOD"),
    evaluation("e3", "某局", "440115-003", "59.99", "POOR"),
  ]);

  it("keeps the server's order and numbers the ranks", () => {
    expect(rows.map((r) => [r.rank, r.code, r.score])).toEqual([
      [1, "440115-001", "99.69"],
      [2, "440115-002", "85.10"],
      [3, "440115-003", "59.99"],
    ]);
  });
  it("maps the rows to one bar per department, coloured by grade", () => {
    expect(rankingSeries(rows)).toEqual({
      categories: ["中共广州市南沙区委员会办公室", "广州市南沙区财政局", "某局"],
      values: [
        { value: 99.69, itemStyle: { color: gradeColor.EXCELLENT } },
        { value: 85.1, itemStyle: { color: gradeColor.GOOD } },
        { value: 59.99, itemStyle: { color: gradeColor.POOR } },
      ],
    });
  });
  it("draws the best department on top of a horizontal bar chart", () => {
    const option = rankingOption(rows, "得分") as { yAxis: { type: string; inverse: boolean; data: string[] }; xAxis: { type: string } };
    expect(option.xAxis.type).toBe("value");
    expect(option.yAxis).toMatchObject({ type: "category", inverse: true });
    expect(option.yAxis.data[0]).toBe("中共广州市南沙区委员会办公室");
  });
});

const gradeName = (g: Grade) => ({ EXCELLENT: "优", GOOD: "良", FAIR: "中", POOR: "差" })[g];
const dept = (id: string, code: string, name: string) => ({ id, code, name, depth: 2 });
const office = dept("2", "440115-001", "中共广州市南沙区委员会办公室");
const finance = dept("3", "440115-002", "广州市南沙区财政局");

describe("grade distribution", () => {
  it("counts each grade in grade order, with its share", () => {
    // The server leaves out a grade nobody earned, and orders the groups by key.
    expect(
      gradeDistribution([
        { key: { grade: "EXCELLENT" }, count: 6 },
        { key: { grade: "GOOD" }, count: 3 },
        { key: { grade: "POOR" }, count: 1 },
      ]),
    ).toEqual([
      { grade: "EXCELLENT", count: 6, share: "60.0%" },
      { grade: "GOOD", count: 3, share: "30.0%" },
      { grade: "FAIR", count: 0, share: "0.0%" },
      { grade: "POOR", count: 1, share: "10.0%" },
    ]);
  });
  it("has nothing to share out when there is no evaluation", () => {
    for (const groups of [undefined, []]) {
      expect(gradeDistribution(groups).map((r) => [r.count, r.share])).toEqual([
        [0, "—"],
        [0, "—"],
        [0, "—"],
        [0, "—"],
      ]);
    }
  });
  it.each([
    [1, 3, "33.3%"],
    [2, 3, "66.7%"],
    [1, 8, "12.5%"],
    [1, 16, "6.3%"], // 6.25 rounds half up
    [1, 1, "100.0%"],
    [0, 7, "0.0%"],
    [3, 0, "—"],
  ])("writes %i of %i as %s", (count, total, want) => expect(shareText(count, total)).toBe(want));
  it("labels the slices with the grade names given, leaving out the grades nobody earned", () => {
    const rows = gradeDistribution([
      { key: { grade: "EXCELLENT" }, count: 2 },
      { key: { grade: "GOOD" }, count: 1 },
    ]);
    const option = gradeOption(rows, gradeName) as { series: { data: { name: string; value: number }[] }[] };
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ["优", 2],
      ["良", 1],
    ]);
  });
});

describe("grades per department group", () => {
  const groups: AggregateGroupIn[] = [
    { key: { department: office, grade: "EXCELLENT" }, count: 1 },
    { key: { department: finance, grade: "EXCELLENT" }, count: 4 },
    { key: { department: finance, grade: "FAIR" }, count: 2 },
    { key: { department: null, grade: "POOR" }, count: 1 },
  ];
  const rows = groupGradeRows(groups, "未公开的部门");

  it("makes one row per department group in the server's order, counting each grade", () => {
    expect(rows.map((r) => [r.key, r.department, r.code, r.counts, r.total])).toEqual([
      ["2", "中共广州市南沙区委员会办公室", "440115-001", { EXCELLENT: 1, GOOD: 0, FAIR: 0, POOR: 0 }, 1],
      ["3", "广州市南沙区财政局", "440115-002", { EXCELLENT: 4, GOOD: 0, FAIR: 2, POOR: 0 }, 6],
      ["", "未公开的部门", "", { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 1 }, 1],
    ]);
  });
  it("has no rows without groups", () => {
    expect(groupGradeRows(undefined, "x")).toEqual([]);
  });
  it("stacks a series per grade in the grades' colours, one bar per group, drawing nothing for a zero", () => {
    const option = groupGradeOption(rows, gradeName, "评价数") as {
      yAxis: { data: string[]; inverse: boolean };
      series: { name: string; stack: string; itemStyle: { color: string }; data: (number | null)[] }[];
    };
    expect(option.yAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局", "未公开的部门"]);
    expect(option.series.map((s) => [s.name, s.stack, s.itemStyle.color, s.data])).toEqual([
      ["优", "grades", gradeColor.EXCELLENT, [1, 4, null]],
      ["良", "grades", gradeColor.GOOD, [null, null, null]],
      ["中", "grades", gradeColor.FAIR, [null, 2, null]],
      ["差", "grades", gradeColor.POOR, [null, null, 1]],
    ]);
  });
});

describe("attainment heat map", () => {
  const attainment = (avg: string | null, count: number) => [{ measure: "ATTAINMENT", count, avg }];
  // In the server's order: level 1, level 2, then department code.
  const groups: AggregateGroupIn[] = [
    { key: { level1: "产出指标", level2: "数量指标", department: finance }, count: 3, stats: attainment("0.9000", 3) },
    { key: { level1: "产出指标", level2: "数量指标", department: office }, count: 2, stats: attainment("1.0000", 2) },
    { key: { level1: "产出指标", level2: "质量指标", department: office }, count: 1, stats: attainment("0.4567", 1) },
    { key: { level1: "效益指标", level2: "社会效益指标", department: finance }, count: 2, stats: attainment("0.8453", 2) },
    // Indicators with no attainment make no cell.
    { key: { level1: "效益指标", level2: "社会效益指标", department: office }, count: 1, stats: attainment(null, 0) },
  ];
  const m = attainmentMatrix(groups, "未公开的部门");

  it("lists the departments by code and the level-2 groups in the server's order", () => {
    expect(m.departments.map((d) => d.code)).toEqual(["440115-001", "440115-002"]);
    expect(m.levels.map((l) => [l.level1, l.level2])).toEqual([
      ["产出指标", "数量指标"],
      ["产出指标", "质量指标"],
      ["效益指标", "社会效益指标"],
    ]);
  });
  it.each([
    [0, "2", { avg: "1.0000", count: 2 }],
    [0, "3", { avg: "0.9000", count: 3 }],
    [1, "2", { avg: "0.4567", count: 1 }],
    [1, "3", undefined],
    [2, "2", undefined],
    [2, "3", { avg: "0.8453", count: 2 }],
  ])("keeps level %i × department %s exact: %o", (level, department, want) => {
    expect(m.cells.get(cellKey(m.levels[level].key, department))).toEqual(want);
  });
  it("puts the departments hidden from the caller last", () => {
    const hidden = attainmentMatrix(
      [
        { key: { level1: "a", level2: "b", department: null }, count: 1, stats: attainment("0.5", 1) },
        { key: { level1: "a", level2: "b", department: finance }, count: 1, stats: attainment("0.5", 1) },
      ],
      "未公开的部门",
    );
    expect(hidden.departments.map((d) => d.name)).toEqual(["广州市南沙区财政局", "未公开的部门"]);
  });
  it("draws [department, level, attainment] cells on a 0–1 scale, leaving the empty pairs out", () => {
    const option = heatmapOption(m, { attainment: "平均达成度", count: "指标数" }) as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      visualMap: { min: number; max: number; inRange: { color: string[] } };
      series: { type: string; data: number[][] }[];
    };
    expect(option.xAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局"]);
    expect(option.yAxis.data).toEqual(["数量指标", "质量指标", "社会效益指标"]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 1, inRange: { color: ["#ff4d4f", "#faad14", "#52c41a"] } });
    expect(option.series[0].type).toBe("heatmap");
    expect(option.series[0].data).toEqual([
      [0, 0, 1],
      [1, 0, 0.9],
      [0, 1, 0.4567],
      [1, 2, 0.8453],
    ]);
  });
});

describe("indicators below target", () => {
  it("filters by year and attainment, and by kind and department when chosen", () => {
    expect(belowTargetWhere({ year: 2023, threshold: "1" })).toEqual({
      attainmentLT: "1",
      hasDepartmentYearWith: [{ year: 2023 }],
    });
    expect(belowTargetWhere({ year: 2022, threshold: "0.8", kind: "QUANTITATIVE", departmentId: "2" })).toEqual({
      attainmentLT: "0.8",
      kind: "QUANTITATIVE",
      hasDepartmentYearWith: [{ year: 2022, hasDepartmentWith: [{ within: "2" }] }],
    });
  });
  it("links an indicator to its editor", () => {
    expect(indicatorLink({ project: null, departmentYear: { id: "42" } })).toBe("/years/42/indicators");
    expect(indicatorLink({ project: { id: "7" }, departmentYear: { id: "42" } })).toBe("/projects/7/indicators");
  });
  it.each([
    ["0.996", "99.60%"],
    ["1.00", "100.00%"],
    ["0.75", "75.00%"],
    ["0", "0.00%"],
    ["0.9463", "94.63%"],
  ])("writes attainment %s as %s", (a, want) => expect(attainmentPercent(a)).toBe(want));
});

describe("year on year", () => {
  it.each([
    ["CHANGE_DESC", { field: "CHANGE", stat: "AVG", direction: "DESC" }],
    ["CHANGE_ASC", { field: "CHANGE", stat: "AVG", direction: "ASC" }],
    ["CURRENT_DESC", { field: "CURRENT", stat: "AVG", direction: "DESC" }],
    ["KEY", { field: "KEY", stat: "AVG", direction: "ASC" }],
  ] as const)("orders %s by %o", (sort, want) => expect(yoyOrder(sort)).toEqual(want));

  const rows = yoyRows(
    [
      { key: { department: office }, current: { count: 1, avg: "86.42" }, previous: { count: 1, avg: "82.91" }, change: { avg: "3.51" } },
      { key: { department: finance }, current: { count: 1, avg: "88.30" }, previous: { count: 1, avg: "88.65" }, change: { avg: "-0.35" } },
      { key: { department: null }, current: { count: 1, avg: "70.00" }, previous: { count: 0, avg: null }, change: { avg: null } },
    ],
    "未公开的部门",
  );
  it("keeps the server's order and its exact averages and changes", () => {
    expect(rows.map((r) => [r.key, r.code, r.previous, r.current, r.change])).toEqual([
      ["2", "440115-001", "82.91", "86.42", "3.51"],
      ["3", "440115-002", "88.65", "88.30", "-0.35"],
      ["", "", null, "70.00", null],
    ]);
  });
  it.each([
    ["3.51", "+3.51"],
    ["-0.35", "-0.35"],
    ["0.00", "0.00"],
    ["0", "0.00"],
    ["12", "+12.00"],
    [null, "—"],
  ])("signs the change %s as %s", (change, want) => expect(signed(change)).toBe(want));
  it("draws rises green and falls red, nothing for a department without the other year", () => {
    const option = yoyOption(rows, "得分变化") as {
      yAxis: { data: string[] };
      series: { data: ({ value: number; itemStyle: { color: string } } | null)[] }[];
    };
    expect(option.yAxis.data).toEqual(["中共广州市南沙区委员会办公室", "广州市南沙区财政局", "未公开的部门"]);
    expect(option.series[0].data).toEqual([
      { value: 3.51, itemStyle: { color: "#52c41a" }, label: { formatter: "+3.51" } },
      { value: -0.35, itemStyle: { color: "#ff4d4f" }, label: { formatter: "-0.35" } },
      null,
    ]);
  });
});

describe("one department's years", () => {
  it("orders the years and keeps the kept figures as given", () => {
    const rows = historyRows([
      { id: "b", year: 2023, totalActual: "1829.40", executionRate: "99.63", overallEvaluation: { score: "99.69", grade: "EXCELLENT" } },
      { id: "a", year: 2022, totalActual: "1700.00", executionRate: "97.10", overallEvaluation: null },
      { id: "c", year: 2024, totalActual: "1829.40", executionRate: null, overallEvaluation: { score: "88.00", grade: "GOOD" } },
    ]);
    expect(rows.map((r) => [r.year, r.totalActual, r.executionRate, r.score, r.grade])).toEqual([
      [2022, "1700.00", "97.10", null, null],
      [2023, "1829.40", "99.63", "99.69", "EXCELLENT"],
      [2024, "1829.40", null, "88.00", "GOOD"],
    ]);
  });
});

describe("department tree", () => {
  it.each([
    ["no departments", [], 0],
    ["roots alone", [{ id: "1" }, { id: "2", parentID: null }], 1],
    [
      "a district with departments and units",
      [
        { id: "1", parentID: null },
        { id: "2", parentID: "1" },
        { id: "3", parentID: "2" },
        { id: "4", parentID: "1" },
      ],
      3,
    ],
    ["a parent not shown counts as a root", [{ id: "5", parentID: "9" }, { id: "6", parentID: "5" }], 2],
    ["a child listed before its parent", [{ id: "3", parentID: "2" }, { id: "2", parentID: "1" }, { id: "1" }], 3],
  ])("%s: depth %i", (_, departments, want) => expect(treeDepth(departments)).toBe(want));
});

describe("year picker", () => {
  it("offers every year from the latest down to the earliest", () => {
    expect(yearRange(2023, 2021)).toEqual([2023, 2022, 2021]);
    expect(yearRange(2023, undefined)).toEqual([2023]);
    expect(yearRange(undefined, undefined)).toEqual([]);
  });
});
