// Pure mappings from API answers to table rows and chart options. Figures stay exact decimal
// strings in the tables; charts get numbers, which only decide the length of a bar.
import type { EChartsOption } from "echarts";
import type { EvaluationStatus, Grade, IndicatorKind, IndicatorWhereInput } from "../../gql/graphql";
import { formatDecimal } from "../../lib/format";

export type { Grade };

/** The grades best first, as the charts and tables list them. */
export const GRADES = ["EXCELLENT", "GOOD", "FAIR", "POOR"] as const satisfies readonly Grade[];

/** The colour of a grade, the same in every chart. */
export const gradeColor: Record<Grade, string> = {
  EXCELLENT: "#52c41a",
  GOOD: "#1677ff",
  FAIR: "#faad14",
  POOR: "#ff4d4f",
};

// ---- Ranking ----------------------------------------------------------------------------

export interface RankingRow {
  key: string;
  rank: number;
  department: string;
  code: string;
  score: string;
  grade: Grade;
  status: EvaluationStatus;
  evaluationId: string;
}

interface RankedEvaluation {
  id: string;
  score: string;
  grade: Grade;
  status: EvaluationStatus;
  departmentYear: { department: { name: string; code: string } };
}

/** The ranking's rows in the order the server ranked them (ties share nothing: rank is the position). */
export function rankingRows(evaluations: RankedEvaluation[]): RankingRow[] {
  return evaluations.map((e, i) => ({
    key: e.id,
    rank: i + 1,
    department: e.departmentYear.department.name,
    code: e.departmentYear.department.code,
    score: e.score,
    grade: e.grade,
    status: e.status,
    evaluationId: e.id,
  }));
}

/** The bar chart's series: one bar per department, best first, coloured by grade. */
export function rankingSeries(rows: RankingRow[]): {
  categories: string[];
  values: { value: number; itemStyle: { color: string } }[];
} {
  return {
    categories: rows.map((r) => r.department),
    values: rows.map((r) => ({ value: Number(r.score), itemStyle: { color: gradeColor[r.grade] } })),
  };
}

/** A horizontal bar chart of the ranking (the first department on top). */
export function rankingOption(rows: RankingRow[], scoreLabel: string): EChartsOption {
  const { categories, values } = rankingSeries(rows);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", min: 0, max: 100, name: scoreLabel },
    yAxis: {
      type: "category",
      inverse: true,
      data: categories,
      axisLabel: { width: 180, overflow: "truncate" },
    },
    series: [{ type: "bar", name: scoreLabel, data: values, label: { show: true, position: "right" }, barMaxWidth: 22 }],
  };
}

// ---- Grade distribution -----------------------------------------------------------------

export interface GradeRow {
  grade: Grade;
  count: number;
  /** Percentage of all evaluations of the year, one decimal; "—" when there are none. */
  share: string;
}

type Counted = { totalCount: number } | null | undefined;

/** Counts per grade, in grade order, from the four aliased counts of one query. */
export function gradeDistribution(data: { excellent?: Counted; good?: Counted; fair?: Counted; poor?: Counted } | undefined): GradeRow[] {
  const counts: Record<Grade, number> = {
    EXCELLENT: data?.excellent?.totalCount ?? 0,
    GOOD: data?.good?.totalCount ?? 0,
    FAIR: data?.fair?.totalCount ?? 0,
    POOR: data?.poor?.totalCount ?? 0,
  };
  const total = GRADES.reduce((n, g) => n + counts[g], 0);
  return GRADES.map((grade) => ({
    grade,
    count: counts[grade],
    share: total ? ((counts[grade] * 100) / total).toFixed(1) + "%" : "—",
  }));
}

/** A doughnut of the grades present (a grade nobody earned is in the table only), labelled with the names given. */
export function gradeOption(rows: GradeRow[], label: (g: Grade) => string): EChartsOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["40%", "70%"],
        label: { formatter: "{b}: {c}" },
        data: rows
          .filter((r) => r.count > 0)
          .map((r) => ({ name: label(r.grade), value: r.count, itemStyle: { color: gradeColor[r.grade] } })),
      },
    ],
  };
}

// ---- Indicators below target ------------------------------------------------------------

export interface BelowTargetFilter {
  year: number;
  kind?: IndicatorKind;
  /** Attainment (0 to 1) the indicators stay below, as a decimal string. */
  threshold: string;
  /** A department: it and every department below it. */
  departmentId?: string;
}

/** The where filter of the below-target ranking. */
export function belowTargetWhere(f: BelowTargetFilter): IndicatorWhereInput {
  const where: IndicatorWhereInput = {
    attainmentLT: f.threshold,
    hasDepartmentYearWith: [
      f.departmentId ? { year: f.year, hasDepartmentWith: [{ within: f.departmentId }] } : { year: f.year },
    ],
  };
  if (f.kind) where.kind = f.kind;
  return where;
}

/** Where an indicator is edited: its project's indicators, or its department-year's. */
export function indicatorLink(ind: { project?: { id: string } | null; departmentYear: { id: string } }): string {
  return ind.project ? `/projects/${ind.project.id}/indicators` : `/years/${ind.departmentYear.id}/indicators`;
}

/** Attainment 0.9460 as 94.60%. */
export function attainmentPercent(attainment: string): string {
  const [int, frac = ""] = attainment.split(".");
  const digits = (frac + "0000").slice(0, 4);
  const whole = String(Number(int) * 100 + Number(digits.slice(0, 2)));
  return formatDecimal(`${whole}.${digits.slice(2)}`, 2) + "%";
}

/** A bar per indicator, its attainment in percent, worst on top. */
export function belowTargetOption(rows: { name: string; department: string; attainment: string }[], label: string): EChartsOption {
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", min: 0, max: 100, name: label },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => `${r.name}（${r.department}）`),
      axisLabel: { width: 240, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        name: label,
        data: rows.map((r) => Math.round(Number(r.attainment) * 10000) / 100),
        itemStyle: { color: "#ff7a45" },
        label: { show: true, position: "right", formatter: "{c}%" },
        barMaxWidth: 18,
      },
    ],
  };
}

// ---- Year on year -----------------------------------------------------------------------

export interface YearRow {
  key: string;
  year: number;
  totalActual: string;
  executionRate: string | null;
  score: string | null;
  grade: Grade | null;
  /** Spending against the year before, in percent with two decimals; null for the first year or a zero base. */
  change: string | null;
}

interface YearFigures {
  id: string;
  year: number;
  totalActual: string;
  executionRate?: string | null;
  overallEvaluation?: { score: string; grade: Grade } | null;
}

/** The department's years in order, each with its spending change against the previous year present. */
export function yearOnYearRows(years: YearFigures[]): YearRow[] {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return sorted.map((y, i) => {
    const prev = i > 0 ? Number(sorted[i - 1].totalActual) : 0;
    const change = i > 0 && prev !== 0 ? (((Number(y.totalActual) - prev) / prev) * 100).toFixed(2) : null;
    return {
      key: y.id,
      year: y.year,
      totalActual: y.totalActual,
      executionRate: y.executionRate ?? null,
      score: y.overallEvaluation?.score ?? null,
      grade: y.overallEvaluation?.grade ?? null,
      change,
    };
  });
}

/** Spending as bars (left axis), score and execution rate as lines (right axis, percent). */
export function yearOnYearOption(
  rows: YearRow[],
  labels: { totalActual: string; score: string; executionRate: string },
): EChartsOption {
  const num = (v: string | null) => (v == null ? null : Number(v));
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: rows.map((r) => String(r.year)) },
    yAxis: [
      { type: "value", name: labels.totalActual, min: 0 },
      { type: "value", name: "%", min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)) },
    ],
    series: [
      { type: "bar", name: labels.totalActual, data: rows.map((r) => num(r.totalActual)), barMaxWidth: 40, itemStyle: { color: "#5b8ff9" } },
      { type: "line", name: labels.score, yAxisIndex: 1, data: rows.map((r) => num(r.score)), connectNulls: false, itemStyle: { color: "#52c41a" } },
      { type: "line", name: labels.executionRate, yAxisIndex: 1, data: rows.map((r) => num(r.executionRate)), itemStyle: { color: "#faad14" } },
    ],
  };
}
