import type { TFunction } from "i18next";
import type { ExplanationCode } from "../gql/graphql";

/**
 * Explanations as the UI writes them. The server's steps (Explanation.steps) say which rule
 * applied (code) with which numbers (params, exact decimal strings); this module turns each into a
 * line: the rule, then its formula with the numbers substituted, in the UI's language. The numbers
 * are the server's own, never recomputed here. The Chinese lines are the documents' (the server's
 * package domain/derivation writes the same for the report's appendix and the Excel form).
 */

export interface StepLike {
  code: ExplanationCode;
  params: unknown;
  value?: string | null;
}

export interface RulesLike {
  frozen: boolean;
  ruleSet?: { name: string; version: number } | null;
}

export interface ExplanationLike {
  steps: readonly StepLike[];
  value?: string | null;
  holds?: boolean | null;
  rules?: RulesLike | null;
}

/** One step as written: the rule that applied and its formula ("" for a step that computes nothing). */
export interface ExplanationLine {
  code: ExplanationCode;
  rule: string;
  formula: string;
}

type Params = Record<string, string>;

const paramsOf = (s: StepLike): Params => (s.params && typeof s.params === "object" ? (s.params as Params) : {});

const SYMBOL: Record<string, string> = { GE: "≥", GT: ">", EQ: "=", LE: "≤", LT: "<" };
const NEGATION: Record<string, string> = { GE: "<", EQ: "≠", LE: ">" };

/**
 * Each code's formula (its key under explain.formula), "binding" for a bound actual's, null for a
 * step whose rule says it all. A Record over the enum: a new code in the schema fails tsc here
 * until it is written.
 */
const FORMULA: Record<ExplanationCode, string | null> = {
  BINDING_EXECUTION_RATE: "binding",
  BINDING_CARRYOVER_RATE: "binding",
  BINDING_ASSET_UTILIZATION: "binding",
  BINDING_PUBLIC_FUNDS_CONTROL: "binding",
  BINDING_THREE_PUBLIC_CONTROL: "binding",
  BINDING_UNDEFINED: "binding",
  WEIGHT_NOT_POSITIVE: null,
  KIND_UNKNOWN: null,
  NO_ACTUAL: null,
  OPERATOR_UNKNOWN: null,
  POSITIVE_CAPPED: "POSITIVE_CAPPED",
  POSITIVE_SHARE: "POSITIVE_SHARE",
  POSITIVE_NEGATIVE_ACTUAL: "POSITIVE_NEGATIVE_ACTUAL",
  ZERO_TARGET_MET: "ZERO_TARGET_MET",
  ZERO_TARGET_MISSED: "ZERO_TARGET_MISSED",
  EQUAL_MET: "EQUAL_MET",
  EQUAL_MISSED: "EQUAL_MISSED",
  REVERSE_MET: "REVERSE_MET",
  REVERSE_LINEAR: "REVERSE_LINEAR",
  REVERSE_PAST_DOUBLE: "REVERSE_PAST_DOUBLE",
  REVERSE_RATIO: "REVERSE_RATIO",
  NOT_RATED: null,
  RATED_IN_BAND: "RATED_IN_BAND",
  RATED_OUTSIDE_BAND: "RATED_OUTSIDE_BAND",
  SCORE_BOUNDED: "SCORE_BOUNDED",
  COMPLETION_RATE: "COMPLETION_RATE",
  DEVIATION_BELOW: "DEVIATION_BELOW",
  DEVIATION_AT_OR_ABOVE: "DEVIATION_AT_OR_ABOVE",
  DEVIATION_WITHIN: "DEVIATION_WITHIN",
  DEVIATION_TARGET_MISSED: "DEVIATION_TARGET_MISSED",
  DEVIATION_TARGET_MET: "DEVIATION_TARGET_MET",
  EXECUTION_ITEM_CAPPED: "EXECUTION_ITEM_CAPPED",
  EXECUTION_ITEM_SHARE: "EXECUTION_ITEM_SHARE",
  EXECUTION_ITEM_NEGATIVE: "EXECUTION_ITEM_NEGATIVE",
  EXECUTION_ITEM_NO_BUDGET: null,
  SUBTOTAL: "SUBTOTAL",
  TOTAL: "TOTAL",
  GRADE_BAND: "GRADE_BAND",
  MONTH_BEHIND: "MONTH_BEHIND",
  MONTH_ON_TRACK: "MONTH_ON_TRACK",
  MONTH_NO_BUDGET: null,
};

/** Every code, for tests. */
export const EXPLANATION_CODES = Object.keys(FORMULA) as ExplanationCode[];

/** Steps that read the actual once, against the target: a bound actual is written inside them. */
const COMPARISONS = new Set<ExplanationCode>([
  "REVERSE_MET",
  "REVERSE_PAST_DOUBLE",
  "ZERO_TARGET_MET",
  "ZERO_TARGET_MISSED",
  "EQUAL_MET",
  "EQUAL_MISSED",
]);

/** A bound actual's formula: numerator / denominator = the actual as the next step shows it. */
function bindingFormula(t: TFunction, binding: Params, next: Params): string {
  const shown = next.actualShown || binding.percent;
  return t("explain.formula.BINDING", { numerator: binding.numerator, denominator: binding.denominator, shown });
}

/**
 * The lines of an explanation. unit is the indicator's: a percentage ("%") is written beside the
 * numbers a comparison reads, as a bound actual always is. A bound actual is written inside the
 * comparison that reads it ("4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00"), or on its own line before an
 * arithmetic step.
 */
export function explanationLines(t: TFunction, e: ExplanationLike, unit?: string | null): ExplanationLine[] {
  const out: ExplanationLine[] = [];
  let bound: Params | undefined;
  e.steps.forEach((s, i) => {
    const p = paramsOf(s);
    if (FORMULA[s.code] === "binding") {
      const next = e.steps[i + 1];
      if (s.code !== "BINDING_UNDEFINED" && next && COMPARISONS.has(next.code)) {
        bound = p;
        return;
      }
      out.push(
        s.code === "BINDING_UNDEFINED"
          ? { code: s.code, rule: t("explain.rule.BINDING_UNDEFINED"), formula: t("explain.formula.BINDING_UNDEFINED", p) }
          : { code: s.code, rule: t(`explain.binding.${s.code}`), formula: bindingFormula(t, p, next ? paramsOf(next) : {}) },
      );
      return;
    }
    out.push(stepLine(t, s, p, unit, bound));
    bound = undefined;
  });
  return out;
}

function stepLine(t: TFunction, s: StepLike, p: Params, unit: string | null | undefined, bound: Params | undefined): ExplanationLine {
  const value = s.value ?? "";
  const pct = unit === "%" || p.actualShown ? " %" : "";
  const actual = p.actualShown || p.actual;
  const lhs = bound ? bindingFormula(t, bound, p) : `${actual}${pct}`;
  const vars: Record<string, string> = {
    ...p,
    value,
    actual,
    lhs,
    pct,
    target: s.code === "REVERSE_PAST_DOUBLE" ? p.target : `${p.target}${pct}`,
    cmp: SYMBOL[p.compare] ?? p.compare,
    notCmp: NEGATION[p.compare] ?? p.compare,
  };
  let formulaKey = FORMULA[s.code];
  switch (s.code) {
    case "POSITIVE_CAPPED":
    case "POSITIVE_SHARE":
    case "POSITIVE_NEGATIVE_ACTUAL":
    case "REVERSE_LINEAR":
    case "REVERSE_RATIO":
      vars.target = p.target; // arithmetic: the numbers alone
      break;
    case "DEVIATION_TARGET_MISSED":
    case "DEVIATION_TARGET_MET":
      vars.actual = `${p.actual}${pct}`;
      break;
    case "COMPLETION_RATE":
      vars.actual = p.actual;
      vars.target = p.target;
      break;
    case "RATED_IN_BAND":
    case "RATED_OUTSIDE_BAND":
      vars.rating = t(`indicators.ratingFull.${p.rating}`, { defaultValue: p.rating });
      vars.close = p.highInclusive === "true" ? "]" : ")";
      break;
    case "SUBTOTAL":
      vars.group = p.level2 ? `${p.level1} / ${p.level2}` : p.level1;
      break;
    case "GRADE_BAND":
      vars.grade = t(`grade.${p.grade}`, { defaultValue: p.grade });
      if (!p.below) formulaKey = "GRADE_BAND_TOP";
      break;
  }
  const rule = t(`explain.rule.${s.code}`, { ...vars, defaultValue: t("explain.unknown", { code: s.code }) });
  const formula = formulaKey ? t(`explain.formula.${formulaKey}`, { ...vars, defaultValue: "" }) : "";
  return { code: s.code, rule, formula };
}

/** Which rules computed a value: the built-in ones or a rule set's name and version, and whether they are kept. */
export function rulesText(t: TFunction, rules: RulesLike | null | undefined): string {
  if (!rules) return "";
  let name = rules.ruleSet ? t("explain.ruleSet", { name: rules.ruleSet.name, version: rules.ruleSet.version }) : t("explain.builtIn");
  if (rules.frozen) name = t("explain.frozen", { name });
  return t("explain.rules", { name });
}

/** A line as one sentence: "rule：formula". */
export function lineText(t: TFunction, l: ExplanationLine): string {
  return l.formula ? `${l.rule}${t("explain.separator")}${l.formula}` : l.rule;
}

/** An explanation as text, a line each. */
export function explanationText(t: TFunction, e: ExplanationLike, unit?: string | null): string {
  return explanationLines(t, e, unit)
    .map((l) => lineText(t, l))
    .join("\n");
}
