// Pure mappings from API answers to table rows and chart options. Figures stay exact decimal
// strings in the tables; charts get numbers, which only decide the length of a bar.
import type { EChartsOption } from "echarts";
import type { EvaluationStatus, Grade, IndicatorKind, IndicatorWhereInput, YearOnYearOrder } from "../../gql/graphql";
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

/** An aggregate group as the dashboards read it: the key's fields they ask for, the row count, the stats. */
export interface AggregateGroupIn {
  key: {
    department?: AggregateDepartmentIn | null;
    grade?: Grade | null;
    level1?: string | null;
    level2?: string | null;
  };
  count: number;
  stats?: { measure: string; count: number; avg?: string | null }[];
}

/** A department as an aggregate key: null when its rows' department-year is hidden from the caller. */
export interface AggregateDepartmentIn {
  id: string;
  code: string;
  name: string;
}

export interface GradeRow {
  grade: Grade;
  count: number;
  /** Percentage of all evaluations of the year, one decimal; "—" when there are none. */
  share: string;
}

/** count / total in percent with one decimal, rounded half up, in integer arithmetic; "—" for no total. */
export function shareText(count: number, total: number): string {
  if (!total) return "—";
  const tenths = Math.floor((count * 2000 + total) / (2 * total));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** Zero for every grade. */
const noGrades = (): Record<Grade, number> => ({ EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 });

/** Counts per grade, in grade order, from evaluationAggregate(groupBy: [GRADE]) groups. */
export function gradeDistribution(groups: AggregateGroupIn[] | undefined): GradeRow[] {
  const counts = noGrades();
  for (const g of groups ?? []) if (g.key.grade) counts[g.key.grade] += g.count;
  const total = GRADES.reduce((n, g) => n + counts[g], 0);
  return GRADES.map((grade) => ({ grade, count: counts[grade], share: shareText(counts[grade], total) }));
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

// ---- Grades per department group --------------------------------------------------------

export interface GroupGradeRow {
  /** The department's id; "" for the rows hidden from the caller. */
  key: string;
  department: string;
  code: string;
  counts: Record<Grade, number>;
  total: number;
}

/** What a group whose department is hidden from the caller is called and keyed by. */
const hiddenDepartment = (label: string): AggregateDepartmentIn => ({ id: "", code: "", name: label });

/**
 * One row per department group from evaluationAggregate(groupBy: [DEPARTMENT, GRADE]) groups, in
 * the server's order (by department code), with the count of each grade and the group's total.
 */
export function groupGradeRows(groups: AggregateGroupIn[] | undefined, hiddenLabel: string): GroupGradeRow[] {
  const rows = new Map<string, GroupGradeRow>();
  for (const g of groups ?? []) {
    const d = g.key.department ?? hiddenDepartment(hiddenLabel);
    let row = rows.get(d.id);
    if (!row) rows.set(d.id, (row = { key: d.id, department: d.name, code: d.code, counts: noGrades(), total: 0 }));
    if (g.key.grade) row.counts[g.key.grade] += g.count;
    row.total += g.count;
  }
  return [...rows.values()];
}

/** Horizontal bars, one per department group (the first on top), stacked by grade in the grades' colours. */
export function groupGradeOption(rows: GroupGradeRow[], label: (g: Grade) => string, countLabel: string): EChartsOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: "value", minInterval: 1, name: countLabel, nameLocation: "middle", nameGap: 28 },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.department), axisLabel: { width: 200, overflow: "truncate" } },
    series: GRADES.map((g) => ({
      type: "bar",
      name: label(g),
      stack: "grades",
      barMaxWidth: 22,
      itemStyle: { color: gradeColor[g] },
      label: { show: true },
      // A grade nobody in the group earned draws nothing (and no "0" label).
      data: rows.map((r) => (r.counts[g] ? r.counts[g] : null)),
    })),
  };
}

// ---- Attainment heat map ----------------------------------------------------------------

export interface HeatDepartment {
  key: string;
  name: string;
  code: string;
}

export interface HeatLevel {
  key: string;
  level1: string;
  level2: string;
}

export interface HeatCell {
  /** Average attainment, 0 to 1, four places, as the server gave it. */
  avg: string;
  /** Indicators with an attainment. */
  count: number;
}

export interface AttainmentMatrix {
  departments: HeatDepartment[];
  levels: HeatLevel[];
  /** By cellKey(level, department); a pair with no indicator has no cell. */
  cells: Map<string, HeatCell>;
}

export const cellKey = (level: string, department: string) => `${level}\u0000${department}`;

/**
 * The matrix of indicatorAggregate(groupBy: [LEVEL1, LEVEL2, DEPARTMENT], measures: [ATTAINMENT])
 * groups: the level-2 groups in the server's order (by level 1, then level 2), the departments by code
 * (the hidden ones last), and the average attainment of each pair that has indicators.
 */
export function attainmentMatrix(groups: AggregateGroupIn[] | undefined, hiddenLabel: string): AttainmentMatrix {
  const departments = new Map<string, HeatDepartment>();
  const levels = new Map<string, HeatLevel>();
  const cells = new Map<string, HeatCell>();
  for (const g of groups ?? []) {
    const stat = g.stats?.find((s) => s.measure === "ATTAINMENT");
    const d = g.key.department ?? hiddenDepartment(hiddenLabel);
    const level1 = g.key.level1 ?? "";
    const level2 = g.key.level2 ?? "";
    const lk = cellKey(level1, level2);
    if (!departments.has(d.id)) departments.set(d.id, { key: d.id, name: d.name, code: d.code });
    if (!levels.has(lk)) levels.set(lk, { key: lk, level1, level2 });
    if (stat?.avg != null && stat.count > 0) cells.set(cellKey(lk, d.id), { avg: stat.avg, count: stat.count });
  }
  const byCode = (a: HeatDepartment, b: HeatDepartment) =>
    a.key === "" ? 1 : b.key === "" ? -1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  return { departments: [...departments.values()].sort(byCode), levels: [...levels.values()], cells };
}

/** The heat map: departments across, level-2 groups down, each cell its average attainment, red (0) to green (1). */
export function heatmapOption(m: AttainmentMatrix, labels: { attainment: string; count: string }): EChartsOption {
  const data: [number, number, number][] = [];
  m.levels.forEach((l, y) =>
    m.departments.forEach((d, x) => {
      const cell = m.cells.get(cellKey(l.key, d.key));
      if (cell) data.push([x, y, Number(cell.avg)]);
    }),
  );
  return {
    tooltip: {
      position: "top",
      formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number] }).value;
        const cell = m.cells.get(cellKey(m.levels[y].key, m.departments[x].key));
        return `${m.departments[x].name}<br/>${m.levels[y].level1} / ${m.levels[y].level2}<br/>${labels.attainment}: ${(v * 100).toFixed(2)}%<br/>${labels.count}: ${cell?.count ?? 0}`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: {
      type: "category",
      data: m.departments.map((d) => d.name),
      splitArea: { show: true },
      axisLabel: { interval: 0, rotate: 45, width: 120, overflow: "truncate" },
    },
    yAxis: { type: "category", inverse: true, data: m.levels.map((l) => l.level2), splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: 1,
      precision: 2,
      calculable: true,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      inRange: { color: ["#ff4d4f", "#faad14", "#52c41a"] },
    },
    series: [{ type: "heatmap", name: labels.attainment, data, emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } } }],
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

// ---- Year on year, every department ----------------------------------------------------

/** How the year-on-year groups are ordered (the server orders them). */
export type YoySort = "CHANGE_DESC" | "CHANGE_ASC" | "CURRENT_DESC" | "KEY";

export const YOY_SORTS = ["CHANGE_DESC", "CHANGE_ASC", "CURRENT_DESC", "KEY"] as const satisfies readonly YoySort[];

/** The orderBy of evaluationYearOnYear for a sort (the averages; nulls come last either way). */
export function yoyOrder(sort: YoySort): YearOnYearOrder {
  switch (sort) {
    case "CHANGE_DESC":
      return { field: "CHANGE", stat: "AVG", direction: "DESC" };
    case "CHANGE_ASC":
      return { field: "CHANGE", stat: "AVG", direction: "ASC" };
    case "CURRENT_DESC":
      return { field: "CURRENT", stat: "AVG", direction: "DESC" };
    case "KEY":
      return { field: "KEY", stat: "AVG", direction: "ASC" };
  }
}

export interface YoyGroupIn {
  key: { department?: AggregateDepartmentIn | null };
  current: { count: number; avg?: string | null };
  previous: { count: number; avg?: string | null };
  change: { avg?: string | null };
}

export interface YoyRow {
  key: string;
  department: string;
  code: string;
  /** Average score in the year picked, and in the year compared against; null when the group had no evaluation. */
  current: string | null;
  previous: string | null;
  /** current − previous, as the server gave it; null when either is. */
  change: string | null;
}

/** The year-on-year groups as rows, in the server's order. */
export function yoyRows(groups: YoyGroupIn[] | undefined, hiddenLabel: string): YoyRow[] {
  return (groups ?? []).map((g) => {
    const d = g.key.department ?? hiddenDepartment(hiddenLabel);
    return {
      key: d.id,
      department: d.name,
      code: d.code,
      current: g.current.avg ?? null,
      previous: g.previous.avg ?? null,
      change: g.change.avg ?? null,
    };
  });
}

/** A change with its sign: +3.51, -0.35, 0.00; "—" for none. */
export function signed(change: string | null): string {
  if (change == null) return "—";
  const text = formatDecimal(change, 2);
  return change.startsWith("-") || /^0(\.0*)?$/.test(change) ? text : "+" + text;
}

/** Horizontal bars of the change per department (rises green, falls red), in the rows' order. */
export function yoyOption(rows: YoyRow[], changeLabel: string): EChartsOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 56, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "value", name: changeLabel, nameLocation: "middle", nameGap: 28 },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.department), axisLabel: { width: 200, overflow: "truncate" } },
    series: [
      {
        type: "bar",
        name: changeLabel,
        barMaxWidth: 18,
        label: { show: true, position: "right" },
        // The bar's length is a number; its label is the server's exact change, signed.
        data: rows.map((r) =>
          r.change == null
            ? null
            : {
                value: Number(r.change),
                itemStyle: { color: r.change.startsWith("-") ? "#ff4d4f" : "#52c41a" },
                label: { formatter: signed(r.change) },
              },
        ),
      },
    ],
  };
}

// ---- One department's years -------------------------------------------------------------

export interface YearRow {
  key: string;
  year: number;
  totalActual: string;
  executionRate: string | null;
  score: string | null;
  grade: Grade | null;
}

interface YearFigures {
  id: string;
  year: number;
  totalActual: string;
  executionRate?: string | null;
  overallEvaluation?: { score: string; grade: Grade } | null;
}

/** The department's years in order, with the kept figures as the server gave them. */
export function historyRows(years: YearFigures[]): YearRow[] {
  return [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      key: y.id,
      year: y.year,
      totalActual: y.totalActual,
      executionRate: y.executionRate ?? null,
      score: y.overallEvaluation?.score ?? null,
      grade: y.overallEvaluation?.grade ?? null,
    }));
}

/** Spending as bars (left axis), score and execution rate as lines (right axis, percent). */
export function historyOption(
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

// ---- Department tree ----------------------------------------------------------------------

/**
 * How deep the department tree goes (1 for roots alone), from the departments the caller sees; a
 * department whose parent is not among them counts as a root. 0 for none.
 */
export function treeDepth(departments: { id: string; parentID?: string | null }[]): number {
  const parent = new Map(departments.map((d) => [d.id, d.parentID ?? null]));
  const depth = new Map<string, number>();
  const of = (id: string): number => {
    const known = depth.get(id);
    if (known != null) return known;
    depth.set(id, 1); // a cycle, should one exist, ends here
    const p = parent.get(id);
    const d = p != null && parent.has(p) ? of(p) + 1 : 1;
    depth.set(id, d);
    return d;
  };
  return departments.reduce((max, d) => Math.max(max, of(d.id)), 0);
}
