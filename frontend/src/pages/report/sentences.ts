// Pure functions that write the report's sentences from the figures. They take the translation
// function, so the same code writes the Chinese report and its English version; every figure
// arrives as an exact decimal string and is only formatted, never recomputed in floating point.
import type { Grade, Operator } from "../../gql/graphql";
import { formatDecimal, wan } from "../../lib/format";
import type { ReportDepartmentYear, ReportIndicator } from "./query";

/** The translation function the sentences use (i18next's t, or a fixed-language one in tests). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;


/** The figures of a department-year the report quotes (万元 and percent, as the API sends them). */
export type YearFigures = Pick<
  ReportDepartmentYear,
  "year" | "totalActual" | "basicActual" | "personnelActual" | "publicActual" | "projectActual"
> &
  Partial<
    Pick<
      ReportDepartmentYear,
      "totalBudget" | "basicBudget" | "projectBudget" | "carryoverStart" | "carryoverEnd" | "carryoverRate" | "executionRate"
    >
  >;

/** What a sentence needs of an indicator: part of the report query's indicator. */
export type IndicatorFigures = Pick<
  ReportIndicator,
  "level1" | "level2" | "name" | "kind" | "unit" | "weight" | "score" | "attainment"
> &
  Partial<Pick<ReportIndicator, "operator" | "target" | "effectiveActual" | "completionRate" | "rating">>;

const operatorSymbol: Record<Operator, string> = { GE: "≥", GT: ">", EQ: "=", LE: "≤", LT: "<" };

/** Rounds a decimal string to two places, half away from zero ("99.630213" → "99.63", "0.995" → "1.00"). */
export function round2(value: string): string {
  const negative = value.trim().startsWith("-");
  const [int, frac = ""] = value.trim().replace("-", "").split(".");
  let cents = BigInt(int || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  if ((frac[2] ?? "0") >= "5") cents += 1n;
  const sign = negative && cents > 0n ? "-" : "";
  return `${sign}${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** A value as the report writes it: thousands separators, at most two decimals (rounded), no trailing zeros. */
export function plain(value: string | null | undefined): string {
  const s = formatDecimal(value == null || value === "" ? value : round2(value), 2);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A percentage as the report writes it: 110%, 144.44%, 0.25%; a dash when unknown. */
export function rate(value: string | null | undefined): string {
  return value == null || value === "" ? "—" : plain(value) + "%";
}

/** A value with its unit: 88 人次, 100%. */
export function withUnit(value: string | null | undefined, unit: string): string {
  if (value == null || value === "") return "—";
  if (!unit) return plain(value);
  return unit === "%" ? plain(value) + "%" : `${plain(value)} ${unit}`;
}

/** A quantitative target with its operator: ≥80 人次, ≤10%. */
export function targetText(ind: Pick<IndicatorFigures, "operator" | "target" | "unit">): string {
  if (ind.target == null) return "—";
  return (ind.operator ? operatorSymbol[ind.operator] : "") + withUnit(ind.target, ind.unit);
}

/** 1 → 一, 12 → 十二, 21 → 二十一 (the seed numbers its tasks 任务一, 任务二). */
export function chineseNumeral(n: number): string {
  const digits = "零一二三四五六七八九";
  if (n < 10) return digits[n];
  if (n < 20) return "十" + (n % 10 ? digits[n % 10] : "");
  if (n < 100) return digits[Math.floor(n / 10)] + "十" + (n % 10 ? digits[n % 10] : "");
  return String(n);
}

/** Sums decimal strings exactly (in millionths, as the server's fixed type does). */
export function sumDecimals(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const negative = v.trim().startsWith("-");
    const [int, frac = ""] = v.trim().replace("-", "").split(".");
    const micros = BigInt(int || "0") * 1_000_000n + BigInt((frac + "000000").slice(0, 6));
    total += negative ? -micros : micros;
  }
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const frac = String(abs % 1_000_000n).padStart(6, "0").slice(0, 2);
  return (negative ? "-" : "") + String(abs / 1_000_000n) + "." + frac;
}

/** Where the report discusses an indicator: 履职效能 (output, benefit, satisfaction) or 管理效率. */
export type IndicatorSection = "output" | "benefit" | "satisfaction" | "management";

export function classifyIndicator(ind: Pick<IndicatorFigures, "level1" | "level2">): IndicatorSection {
  const levels = `${ind.level1} ${ind.level2}`;
  if (levels.includes("产出")) return "output";
  if (levels.includes("满意")) return "satisfaction";
  if (levels.includes("效益")) return "benefit";
  return "management";
}

/** Whether an indicator fell short: a qualitative one not rated 达成, a quantitative one with attainment below 1. */
export function belowTarget(ind: Pick<IndicatorFigures, "kind" | "rating" | "attainment" | "effectiveActual">): boolean {
  if (ind.kind === "QUALITATIVE") return ind.rating !== "ACHIEVED";
  if (ind.effectiveActual == null) return true;
  return Number(ind.attainment) < 1;
}

/** Indicators grouped by level 1, then level 2, in the order they come. */
export function groupByLevel<T extends Pick<IndicatorFigures, "level1" | "level2">>(
  indicators: T[],
): { level1: string; groups: { level2: string; indicators: T[] }[] }[] {
  const out: { level1: string; groups: { level2: string; indicators: T[] }[] }[] = [];
  for (const ind of indicators) {
    let l1 = out.find((g) => g.level1 === ind.level1);
    if (!l1) out.push((l1 = { level1: ind.level1, groups: [] }));
    let l2 = l1.groups.find((g) => g.level2 === ind.level2);
    if (!l2) l1.groups.push((l2 = { level2: ind.level2, indicators: [] }));
    l2.indicators.push(ind);
  }
  return out;
}

/** （四）部门整体收支情况: 2023 年我部门整体支出为 1,829.40 万元，基本支出 962.44 万元，… */
export function spendingSentence(t: Translate, f: YearFigures): string {
  return t("report.s.spending", {
    year: f.year,
    total: wan(f.totalActual),
    basic: wan(f.basicActual),
    personnel: wan(f.personnelActual),
    public: wan(f.publicActual),
    project: wan(f.projectActual),
  });
}

/** The adjusted budget beside the spending, with the execution rate. */
export function budgetSentence(t: Translate, f: YearFigures): string {
  return t("report.s.budget", {
    budget: wan(f.totalBudget),
    basic: wan(f.basicBudget),
    project: wan(f.projectBudget),
    rate: rate(f.executionRate),
  });
}

/** （一）自评结论: the composite score and its grade. */
export function scoreSentence(t: Translate, year: number, score: string, grade: Grade, project?: string): string {
  const vars = { year, score: formatDecimal(score, 2), grade: t(`grade.${grade}`), project: project ?? "" };
  return t(project ? "report.s.projectScore" : "report.s.score", vars);
}

/** The level-1 subtotals after the score: 其中履职效能得分 50.00 分（满分 50 分），… */
export function subtotalsSentence(
  t: Translate,
  subtotals: { level1: string; level2?: string | null; score: string; weight: string }[],
): string {
  const parts = subtotals
    .filter((s) => !s.level2)
    .map((s) => t("report.s.subtotal", { name: s.level1, score: formatDecimal(s.score, 2), weight: plain(s.weight) }));
  return parts.length ? t("report.s.subtotals", { parts: parts.join(t("report.s.sep")) }) : "";
}

/** One indicator inside a completion sentence: 业务岗位培训人数 88 人次，指标完成率为 110% */
export function indicatorItem(t: Translate, ind: IndicatorFigures): string {
  if (ind.kind === "QUALITATIVE") {
    return ind.rating
      ? t("report.s.itemQual", { name: ind.name, rating: t(`report.rating.${ind.rating}`) })
      : t("report.s.itemMissing", { name: ind.name });
  }
  if (ind.effectiveActual == null) return t("report.s.itemMissing", { name: ind.name });
  return t("report.s.itemQuant", {
    name: ind.name,
    actual: withUnit(ind.effectiveActual, ind.unit),
    rate: rate(ind.completionRate),
  });
}

const groupKey: Record<Exclude<IndicatorSection, "management">, string> = {
  output: "report.s.groupOutput",
  benefit: "report.s.groupBenefit",
  satisfaction: "report.s.groupSatisfaction",
};

/**
 * 2.部门整体绩效目标产出指标完成情况 (and 效益, 满意度): whether the group reached its targets,
 * each indicator with its actual value and completion rate, then those that fell short.
 */
export function indicatorGroupSentences(
  t: Translate,
  section: Exclude<IndicatorSection, "management">,
  indicators: IndicatorFigures[],
): string[] {
  const group = t(groupKey[section]);
  if (!indicators.length) return [t("report.s.noIndicators", { group })];
  const below = indicators.filter(belowTarget);
  const items = indicators.map((i) => indicatorItem(t, i)).join(t("report.s.sep"));
  const first = t(below.length ? "report.s.indicatorsNotMet" : "report.s.indicatorsMet", { group, items });
  if (!below.length) return [first];
  return [first, t("report.s.indicatorsBelow", { names: below.map((i) => i.name).join(t("report.s.listSep")) })];
}

/** 4.部门预算资金支出率: the execution rate and the months that fell behind. */
export function executionSentence(t: Translate, executionRate: string | null | undefined, monthsBehind: number[]): string {
  const first = t("report.s.execution", { rate: rate(executionRate) });
  const months = monthsBehind.map((m) => t("report.s.month", { m })).join(t("report.s.listSep"));
  return first + t("report.s.join") + (monthsBehind.length ? t("report.s.monthsBehind", { months }) : t("report.s.monthsOnTrack"));
}

/** 2.预算执行情况 (1) 结转结余率. */
export function carryoverSentence(t: Translate, f: YearFigures): string {
  return t("report.s.carryover", {
    end: wan(f.carryoverEnd),
    start: wan(f.carryoverStart),
    total: wan(f.totalActual),
    rate: rate(f.carryoverRate),
  });
}

/** One management-efficiency indicator: how it was rated or what it reached, and its score. */
export function managementSentence(t: Translate, ind: IndicatorFigures): string {
  const score = formatDecimal(ind.score, 2);
  const weight = plain(ind.weight);
  if (ind.kind === "QUALITATIVE") {
    const rating = ind.rating ? t(`report.rating.${ind.rating}`) : t("report.s.empty");
    return t("report.s.mgmtQual", { name: ind.name, rating, score, weight });
  }
  return t("report.s.mgmtQuant", {
    name: ind.name,
    actual: withUnit(ind.effectiveActual, ind.unit),
    target: targetText(ind),
    score,
    weight,
  });
}

/** Sentences of one paragraph: run together in Chinese, a space between them in English. */
export function joinSentences(t: Translate, list: string[]): string {
  return list.filter(Boolean).join(t("report.s.join"));
}

/** Splits a text typed with line breaks into the report's paragraphs. */
export function paragraphs(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
