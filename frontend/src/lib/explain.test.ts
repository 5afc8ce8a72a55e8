import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { ExplanationCode } from "../gql/graphql";
import { EXPLANATION_CODES, explanationLines, explanationText, rulesText, type ExplanationLike, type StepLike } from "./explain";

const zh = i18n.getFixedT("zh-CN");
const en = i18n.getFixedT("en");

const step = (code: ExplanationCode, params: Record<string, string>, value: string | null = null): StepLike => ({ code, params, value });
const of = (...steps: StepLike[]): ExplanationLike => ({ steps });

// The steps as the API gives them for the seed (app.TestExplanations checks these on the server).
const training = of(step("POSITIVE_CAPPED", { weight: "6", actual: "88", target: "80", operator: "GE" }, "6.00"));
const carryover = of(
  step("BINDING_CARRYOVER_RATE", { numerator: "4.58", denominator: "1829.40", percent: "0.25" }, "0.250355"),
  step("REVERSE_MET", { weight: "5", actual: "0.250355", actualShown: "0.25", target: "10", operator: "LE" }, "5.00"),
);
const management = of(
  step("RATED_IN_BAND", { rating: "ACHIEVED", ratedScore: "4.73", weight: "5", low: "4.00", high: "5.00", highInclusive: "true" }, "4.73"),
);
const execution = of(
  step("BINDING_EXECUTION_RATE", { numerator: "1829.40", denominator: "1836.19", percent: "99.63" }, "99.630213"),
  step("POSITIVE_SHARE", { weight: "10", actual: "99.630213", actualShown: "99.63", target: "100", operator: "GE" }, "9.96"),
);

describe("explanationText", () => {
  // The same lines as the documents' (domain/derivation's TestSeedLines), but "−" for "-".
  it.each<[string, ExplanationLike, string, string, string]>([
    ["业务岗位培训人数", training, "人次", "正向指标，实际值达到指标值，得满分：6 × min(88 / 80, 1) = 6 × 1 = 6.00",
      "Positive indicator, target met: full weight: 6 × min(88 / 80, 1) = 6 × 1 = 6.00"],
    ["结转结余率", carryover, "%", "反向指标，实际值未超过指标值，得满分：4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00",
      "Reverse indicator, not above target: full weight: 4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00"],
    ["绩效管理制度健全性", management, "", "定性指标，得分为评级分档内的自评得分：达成年度指标，自评 4.73，在 [4.00, 5.00] 内 → 4.73",
      "Qualitative indicator: the rated score, within its rating's band: Annual target achieved, rated 4.73 within [4.00, 5.00] → 4.73"],
    ["预算资金支出率", execution, "%",
      "预算资金支出率 = 执行数 / 调整后预算数：1829.40 / 1836.19 = 99.63 %\n正向指标，按完成比例得分：10 × min(99.63 / 100, 1) = 10 × 99.63 / 100 = 9.96",
      "Execution rate = executed / adjusted budget: 1829.40 / 1836.19 = 99.63 %\nPositive indicator, scored in proportion: 10 × min(99.63 / 100, 1) = 10 × 99.63 / 100 = 9.96"],
    ["reverse linear", of(step("REVERSE_LINEAR", { weight: "5", actual: "15", target: "10", twice: "20", operator: "LE" }, "2.50")), "",
      "反向指标，超过指标值，按超出比例扣分：5 × (1 − (15 − 10) / 10) = 5 × (20 − 15) / 10 = 2.50",
      "Reverse indicator above target: points off in proportion: 5 × (1 − (15 − 10) / 10) = 5 × (20 − 15) / 10 = 2.50"],
    ["reverse past twice", of(step("REVERSE_PAST_DOUBLE", { weight: "5", actual: "25", target: "10", twice: "20", operator: "LE" }, "0.00")), "%",
      "反向指标，达到指标值的 2 倍及以上，得 0 分：25 % ≥ 2 × 10 = 20 % → 0.00",
      "Reverse indicator at twice its target or more: 0: 25 % ≥ 2 × 10 = 20 % → 0.00"],
    ["reverse ratio", of(step("REVERSE_RATIO", { weight: "5", actual: "15", target: "10", operator: "LE" }, "3.33")), "",
      "反向指标，超过指标值，按 指标值 / 实际值 × 分值 计分：5 × 10 / 15 = 3.33",
      "Reverse indicator above target: target / actual × weight: 5 × 10 / 15 = 3.33"],
    ["partial", of(step("RATED_IN_BAND", { rating: "PARTIAL", ratedScore: "3.5", weight: "5", low: "3.00", high: "4.00", highInclusive: "false" }, "3.50")), "",
      "定性指标，得分为评级分档内的自评得分：部分达成并具有一定效果，自评 3.5，在 [3.00, 4.00) 内 → 3.50",
      "Qualitative indicator: the rated score, within its rating's band: Partly achieved with some effect, rated 3.5 within [3.00, 4.00) → 3.50"],
    ["zero target", of(step("ZERO_TARGET_MISSED", { weight: "5", actual: "-1", target: "0", operator: "GE", compare: "GE" }, "0.00")), "",
      "指标值为 0，实际值不符合要求，得 0 分：-1 < 0 → 0.00", "Target 0, missed: 0: -1 < 0 → 0.00"],
    ["execution item", of(step("EXECUTION_ITEM_SHARE", { weight: "10", executed: "254.62", budget: "260.00" }, "9.79")), "",
      "预算执行率 = 分值 × 执行数 / 预算数：10 × min(254.62 / 260.00, 1) = 10 × 254.62 / 260.00 = 9.79",
      "Budget execution item = weight × executed / budget: 10 × min(254.62 / 260.00, 1) = 10 × 254.62 / 260.00 = 9.79"],
    ["a month behind", of(step("MONTH_BEHIND", { month: "6", cumulative: "780.50", budget: "1836.19", percent: "42.51", target: "45" }, "42.51")), "",
      "6月累计支出进度低于目标，未达标：780.50 / 1836.19 = 42.51 % < 45 %",
      "Month 6: cumulative spending behind its target: 780.50 / 1836.19 = 42.51 % < 45 %"],
    ["no actual", of(step("NO_ACTUAL", {}, "0.00")), "", "尚未填写实际值，得 0 分", "No actual value yet: scores 0"],
    ["deviation", of(
      step("COMPLETION_RATE", { actual: "1300", target: "900" }, "144.44"),
      step("DEVIATION_AT_OR_ABOVE", { completionRate: "144.44", threshold: "130" }),
    ), "人次", "完成率 = 实际值 / 指标值：1300 / 900 = 144.44 %\n完成率达到或超过 130%，须填写偏差原因：144.44 % ≥ 130 %",
      "Completion rate = actual / target: 1300 / 900 = 144.44 %\nCompletion at or above 130 %: a deviation reason is required: 144.44 % ≥ 130 %"],
  ])("%s", (_, e, unit, wantZh, wantEn) => {
    expect(explanationText(zh, e, unit)).toBe(wantZh);
    expect(explanationText(en, e, unit)).toBe(wantEn);
  });

  it("writes the total as the sum of the subtotals, then the grade", () => {
    const total = of(
      step("SUBTOTAL", { level1: "履职效能", level2: "产出", terms: "7.00 + 6.00 + 6.00 + 6.00", weight: "25" }, "25.00"),
      step("SUBTOTAL", { level1: "履职效能", level2: "", terms: "25.00 + 25.00", weight: "50" }, "50.00"),
      step("TOTAL", { terms: "50.00 + 49.69" }, "99.69"),
      step("GRADE_BAND", { total: "99.69", grade: "EXCELLENT", from: "90", below: "" }, "99.69"),
    );
    expect(explanationText(zh, total)).toBe(
      [
        "履职效能 / 产出 小计：7.00 + 6.00 + 6.00 + 6.00 = 25.00",
        "履职效能 小计：25.00 + 25.00 = 50.00",
        "总分 = 各一级指标小计之和：50.00 + 49.69 = 99.69",
        "评价等级：优：99.69 ≥ 90 → 优",
      ].join("\n"),
    );
    const good = of(step("GRADE_BAND", { total: "85.00", grade: "GOOD", from: "80", below: "90" }, "85.00"));
    expect(explanationText(en, good)).toBe("Grade: Good: 80 ≤ 85.00 < 90 → Good");
  });

  it("writes a bound actual on its own line when no comparison reads it, and exactly when 2 places would mislead", () => {
    const exact = of(
      step("BINDING_CARRYOVER_RATE", { numerator: "10.00", denominator: "100.00", percent: "10.00" }, "10.004"),
      step("REVERSE_LINEAR", { weight: "5", actual: "10.004", actualShown: "10.004", target: "10", twice: "20", operator: "LE" }, "5.00"),
    );
    expect(explanationLines(zh, exact, "%").map((l) => l.formula)).toEqual([
      "10.00 / 100.00 = 10.004 %",
      "5 × (1 − (10.004 − 10) / 10) = 5 × (20 − 10.004) / 10 = 5.00",
    ]);
  });

  it("has a sentence for every code, in both languages", () => {
    for (const code of EXPLANATION_CODES) {
      for (const t of [zh, en]) {
        const params = Object.fromEntries(
          ["weight", "actual", "target", "twice", "numerator", "denominator", "percent", "ratedScore", "low", "high", "before", "month",
            "completionRate", "threshold", "below", "atOrAbove", "executed", "budget", "terms", "total", "from", "cumulative"].map((k) => [k, "1"]),
        );
        Object.assign(params, { compare: "GE", rating: "ACHIEVED", grade: "GOOD", kind: "X", operator: "NE", level1: "产出" });
        const [line] = explanationLines(t, of(step(code, params, "1.00")), "");
        expect(line.rule, code).not.toBe(t("explain.unknown", { code }));
        expect(line.rule + line.formula, code).not.toMatch(/explain\.|\{\{/);
      }
    }
  });

  it("says an unknown code is one", () => {
    const [line] = explanationLines(en, of(step("SOMETHING_NEW" as ExplanationCode, {}, null)));
    expect(line.rule).toBe("(an unknown step SOMETHING_NEW)");
    expect(line.formula).toBe("");
  });
});

describe("rulesText", () => {
  it("names the built-in rules, or a rule set's version, and whether they are kept", () => {
    expect(rulesText(zh, { frozen: false, ruleSet: null })).toBe("评分规则：系统内置评分规则");
    expect(rulesText(zh, { frozen: true, ruleSet: { name: "某省规则", version: 2 } })).toBe("评分规则：某省规则（第 2 版），提交时锁定");
    expect(rulesText(en, { frozen: false, ruleSet: { name: "Province", version: 1 } })).toBe("Scoring rules: Province (version 1)");
    expect(rulesText(en, null)).toBe("");
  });
});
