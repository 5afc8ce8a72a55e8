import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { seedEvaluation } from "./seed.fixture";
import {
  belowTarget,
  budgetSentence,
  carryoverSentence,
  chineseNumeral,
  classifyIndicator,
  executionSentence,
  groupByLevel,
  indicatorGroupSentences,
  joinSentences,
  managementSentence,
  paragraphs,
  plain,
  rate,
  round2,
  scoreSentence,
  spendingSentence,
  subtotalsSentence,
  sumDecimals,
  targetText,
  type IndicatorFigures,
  type Translate,
  type YearFigures,
} from "./sentences";

const zh: Translate = (key, vars) => i18n.getFixedT("zh-CN")(key, vars);
const en: Translate = (key, vars) => i18n.getFixedT("en")(key, vars);

// The seed report's figures (DOMAIN.md, "The seed's figures").
const seed: YearFigures = {
  year: 2023,
  totalActual: "1829.40",
  basicActual: "962.44",
  personnelActual: "886.83",
  publicActual: "75.61",
  projectActual: "866.96",
  totalBudget: "1836.19",
  basicBudget: "968.20",
  projectBudget: "867.99",
  carryoverStart: "4.58",
  carryoverEnd: "4.58",
  carryoverRate: "0.25",
  executionRate: "99.63",
};

const quant = (name: string, actual: string, target: string, unit: string, completion: string, attainment = "1.00"): IndicatorFigures => ({
  level1: "履职效能",
  level2: "产出",
  name,
  kind: "QUANTITATIVE",
  operator: "GE",
  target,
  unit,
  weight: "6.00",
  effectiveActual: actual,
  completionRate: completion,
  score: "6.00",
  attainment,
});

describe("the seed report's sentences", () => {
  it("writes （四）部门整体收支情况 from the figures", () => {
    expect(spendingSentence(zh, seed)).toBe(
      "2023 年我部门整体支出为 1,829.40 万元，基本支出 962.44 万元，其中人员经费 886.83 万元，公用支出 75.61 万元；项目支出 866.96 万元。",
    );
  });
  it("writes the budget and its execution rate", () => {
    expect(budgetSentence(zh, seed)).toBe(
      "部门调整后预算数为 1,836.19 万元，其中基本支出 968.20 万元、项目支出 867.99 万元，预算执行率为 99.63%。",
    );
  });
  it("writes the composite score and grade of （一）自评结论", () => {
    expect(scoreSentence(zh, 2023, "99.69", "EXCELLENT")).toBe("2023 年部门整体支出绩效自评综合得分为 99.69 分，评价等级为“优”。");
    expect(scoreSentence(zh, 2023, "85", "GOOD")).toBe("2023 年部门整体支出绩效自评综合得分为 85.00 分，评价等级为“良”。");
  });
  it("writes a project's score with its name", () => {
    expect(scoreSentence(zh, 2023, "98.5", "EXCELLENT", "督查督办")).toBe(
      "2023 年“督查督办”项目支出绩效自评综合得分为 98.50 分，评价等级为“优”。",
    );
  });
  it("writes the level-1 subtotals and skips the level-2 ones", () => {
    expect(subtotalsSentence(zh, seedEvaluation.subtotals)).toBe(
      "其中履职效能得分 50.00 分（满分 50 分），管理效率得分 49.69 分（满分 50 分）。",
    );
    expect(subtotalsSentence(zh, [])).toBe("");
  });
  it("writes the output indicators with their completion rates", () => {
    const output = seedEvaluation.indicators.filter((i) => classifyIndicator(i) === "output");
    expect(indicatorGroupSentences(zh, "output", output)).toEqual([
      "年度预算编报时确定的整体预算绩效目标中产出指标达到预期目标：交办任务事项完成率 100%，指标完成率为 100%，" +
        "业务岗位培训人数 88 人次，指标完成率为 110%，会议参与人数 1,300 人次，指标完成率为 144.44%，" +
        "后勤保障服务完成及时性 100%，指标完成率为 100%。",
    ]);
  });
  it("writes the benefit indicators with their completion rates", () => {
    const benefit = seedEvaluation.indicators.filter((i) => classifyIndicator(i) === "benefit");
    expect(indicatorGroupSentences(zh, "benefit", benefit)[0]).toBe(
      "年度预算编报时确定的整体预算绩效目标中效益指标达到预期目标：成果被采纳应用率 100%，指标完成率为 100%，" +
        "信息稿件被省采纳 20 篇，指标完成率为 133.33%，信息稿件被国家采纳 3 篇，指标完成率为 100%，" +
        "信息稿件或批示次数 36 次，指标完成率为 120%。",
    );
  });
  it("says which indicators fell short", () => {
    const list = [quant("业务岗位培训人数", "60", "80", "人次", "75.00", "0.75"), quant("会议参与人数", "900", "900", "人次", "100.00")];
    expect(indicatorGroupSentences(zh, "output", list)).toEqual([
      "年度预算编报时确定的整体预算绩效目标中产出指标未全部达到预期目标：业务岗位培训人数 60 人次，指标完成率为 75%，会议参与人数 900 人次，指标完成率为 100%。",
      "其中业务岗位培训人数未达到年度指标值。",
    ]);
    expect(indicatorGroupSentences(zh, "benefit", [])).toEqual(["未设置效益指标。"]);
  });
  it("writes the execution rate and the months behind", () => {
    expect(executionSentence(zh, "99.63", [3, 6])).toBe(
      "按财政部门通报的月度支出执行率，经计算，部门一般公共预算资金支出年度评价执行率为 99.63%。其中 3 月、6 月累计支出进度未达到序时目标。",
    );
    expect(executionSentence(zh, "100", [])).toBe(
      "按财政部门通报的月度支出执行率，经计算，部门一般公共预算资金支出年度评价执行率为 100%。各月累计支出进度均达到序时目标。",
    );
  });
  it("writes the carry-over rate", () => {
    expect(carryoverSentence(zh, seed)).toBe(
      "结转结余率：年末结转结余决算数为 4.58 万元，年初结转结余决算数为 4.58 万元，整体支出决算数为 1,829.40 万元，按公式计算，本部门结转结余率为 0.25%。",
    );
  });
  it("writes a management indicator, qualitative or bound to the figures", () => {
    const byName = (n: string) => seedEvaluation.indicators.find((i) => i.name === n)!;
    expect(managementSentence(zh, byName("绩效管理制度健全性"))).toBe("绩效管理制度健全性：评定为“达成”，得分 4.73 分（满分 5 分）。");
    expect(managementSentence(zh, byName("预算资金支出率"))).toBe(
      "预算资金支出率：实际完成值 99.63%，年度指标值 ≥100%，得分 9.96 分（满分 10 分）。",
    );
    expect(managementSentence(zh, byName("结转结余率"))).toBe("结转结余率：实际完成值 0.25%，年度指标值 ≤10%，得分 5.00 分（满分 5 分）。");
  });
  it("writes the same sentences in English", () => {
    expect(spendingSentence(en, seed)).toBe(
      "In 2023 the department spent 1,829.40 (10k yuan): basic spending 962.44, of which personnel 886.83 and public (operating) 75.61; project spending 866.96.",
    );
    expect(scoreSentence(en, 2023, "99.69", "EXCELLENT")).toBe(
      "The department's overall expenditure self-evaluation for 2023 scores 99.69, grade “Excellent”.",
    );
    expect(executionSentence(en, "99.63", [3, 6])).toBe(
      "From the monthly execution reported by the finance bureau, the year's execution rate of general public budget funds is 99.63%. " +
        "Cumulative spending fell behind the bureau's schedule in month(s) 3, 6.",
    );
    expect(joinSentences(en, ["One.", "", "Two."])).toBe("One. Two.");
    expect(joinSentences(zh, ["一。", "二。"])).toBe("一。二。");
  });
});

describe("report helpers", () => {
  it.each([
    ["1300.00", "1,300"],
    ["88.00", "88"],
    ["144.44", "144.44"],
    ["99.630213", "99.63"],
    ["0.250355", "0.25"],
    ["99.996", "100"],
    ["2.50", "2.5"],
  ])("plain(%s) = %s", (v, want) => expect(plain(v)).toBe(want));
  it("rounds half away from zero", () => {
    expect(round2("0.995")).toBe("1.00");
    expect(round2("-1.234")).toBe("-1.23");
    expect(round2("-0.001")).toBe("0.00");
  });
  it("writes rates and targets", () => {
    expect(rate("110.00")).toBe("110%");
    expect(rate(null)).toBe("—");
    expect(targetText({ operator: "GE", target: "80.00", unit: "人次" })).toBe("≥80 人次");
    expect(targetText({ operator: "LE", target: "10", unit: "%" })).toBe("≤10%");
  });
  it("numbers tasks the Chinese way", () => {
    expect([1, 2, 10, 11, 20, 23].map(chineseNumeral)).toEqual(["一", "二", "十", "十一", "二十", "二十三"]);
  });
  it("sums money exactly", () => {
    expect(sumDecimals(["120.00", "260.00", "310.00"])).toBe("690.00");
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.30");
    expect(sumDecimals(["886.83", "75.61"])).toBe("962.44");
    expect(sumDecimals([])).toBe("0.00");
  });
  it("sorts indicators into the report's sections", () => {
    expect(classifyIndicator({ level1: "履职效能", level2: "产出" })).toBe("output");
    expect(classifyIndicator({ level1: "履职效能", level2: "效益" })).toBe("benefit");
    expect(classifyIndicator({ level1: "效益指标", level2: "社会效益指标" })).toBe("benefit");
    expect(classifyIndicator({ level1: "满意度指标", level2: "服务对象满意度指标" })).toBe("satisfaction");
    expect(classifyIndicator({ level1: "管理效率", level2: "预算执行" })).toBe("management");
  });
  it("groups indicators by level 1 and level 2 in their order", () => {
    const groups = groupByLevel(seedEvaluation.indicators);
    expect(groups.map((g) => g.level1)).toEqual(["履职效能", "管理效率"]);
    expect(groups[1].groups.map((g) => g.level2)).toEqual(["预算编制", "预算执行", "信息公开", "绩效管理", "采购管理", "资产管理", "运行成本"]);
    expect(groups[1].groups[1].indicators.map((i) => i.name)).toEqual(["预算资金支出率", "结转结余率", "财务管理合规性"]);
  });
  it("knows which indicators fell short", () => {
    expect(belowTarget({ kind: "QUANTITATIVE", attainment: "0.996", effectiveActual: "99.63" })).toBe(true);
    expect(belowTarget({ kind: "QUANTITATIVE", attainment: "1.00", effectiveActual: "100" })).toBe(false);
    expect(belowTarget({ kind: "QUANTITATIVE", attainment: "0", effectiveActual: null })).toBe(true);
    expect(belowTarget({ kind: "QUALITATIVE", attainment: "0.946", rating: "ACHIEVED" })).toBe(false);
    expect(belowTarget({ kind: "QUALITATIVE", attainment: "0.7", rating: "PARTIAL" })).toBe(true);
  });
  it("splits typed text into paragraphs", () => {
    expect(paragraphs("一是…\n\n 二是… \n")).toEqual(["一是…", "二是…"]);
    expect(paragraphs(null)).toEqual([]);
  });
});
