import { describe, expect, it } from "vitest";
import type { Grade } from "../../gql/graphql";
import { yearRange } from "../DashboardsPage";
import {
  attainmentPercent,
  belowTargetWhere,
  gradeColor,
  gradeDistribution,
  gradeOption,
  indicatorLink,
  rankingOption,
  rankingRows,
  rankingSeries,
  yearOnYearRows,
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

describe("grade distribution", () => {
  it("counts each grade in grade order, with its share", () => {
    expect(
      gradeDistribution({ excellent: { totalCount: 6 }, good: { totalCount: 3 }, fair: { totalCount: 0 }, poor: { totalCount: 1 } }),
    ).toEqual([
      { grade: "EXCELLENT", count: 6, share: "60.0%" },
      { grade: "GOOD", count: 3, share: "30.0%" },
      { grade: "FAIR", count: 0, share: "0.0%" },
      { grade: "POOR", count: 1, share: "10.0%" },
    ]);
  });
  it("has nothing to share out when there is no evaluation", () => {
    expect(gradeDistribution(undefined).map((r) => [r.count, r.share])).toEqual([
      [0, "—"],
      [0, "—"],
      [0, "—"],
      [0, "—"],
    ]);
  });
  it("labels the slices with the grade names given, leaving out the grades nobody earned", () => {
    const rows = gradeDistribution({ excellent: { totalCount: 2 }, good: { totalCount: 1 } });
    const option = gradeOption(rows, (g) => ({ EXCELLENT: "优", GOOD: "良", FAIR: "中", POOR: "差" })[g]) as {
      series: { data: { name: string; value: number }[] }[];
    };
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ["优", 2],
      ["良", 1],
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
  it("orders the years and compares each year's spending with the year before", () => {
    const rows = yearOnYearRows([
      { id: "b", year: 2023, totalActual: "1829.40", executionRate: "99.63", overallEvaluation: { score: "99.69", grade: "EXCELLENT" } },
      { id: "a", year: 2022, totalActual: "1700.00", executionRate: "97.10", overallEvaluation: null },
      { id: "c", year: 2024, totalActual: "1829.40", executionRate: null, overallEvaluation: { score: "88.00", grade: "GOOD" } },
    ]);
    expect(rows.map((r) => [r.year, r.change, r.score, r.grade])).toEqual([
      [2022, null, null, null],
      [2023, "7.61", "99.69", "EXCELLENT"],
      [2024, "0.00", "88.00", "GOOD"],
    ]);
  });
  it("has no change against a year that spent nothing", () => {
    const rows = yearOnYearRows([
      { id: "a", year: 2022, totalActual: "0" },
      { id: "b", year: 2023, totalActual: "10" },
    ]);
    expect(rows[1].change).toBeNull();
  });
});

describe("year picker", () => {
  it("offers every year from the latest down to the earliest", () => {
    expect(yearRange(2023, 2021)).toEqual([2023, 2022, 2021]);
    expect(yearRange(2023, undefined)).toEqual([2023]);
    expect(yearRange(undefined, undefined)).toEqual([]);
  });
});
