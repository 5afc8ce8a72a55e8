import { beforeAll, describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { WarningCode } from "../gql/graphql";
import { warningField, warningSubject, warningText, type WarningLike } from "./warnings";
import { warningLink } from "../components/Warnings";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});

// One of each code, with the params the server names (graph/warnings.graphql).
const cases: { w: WarningLike; zh: string; en: string }[] = [
  {
    w: { code: "TARGET_TOO_LOW", params: { year1: "2023", rate1: "174.78", year2: "2022", rate2: "141.67", actual1: "2370", target: "1356", projectedRate: "174.78", threshold: "130" } },
    zh: "2023年完成率 174.78%、2022年 141.67%，均达到 130% 以上；按上年实际值 2370，本年指标值 1356 仍将完成 174.78%，指标值可能设定偏低。",
    en: "Completed at 174.78 % in 2023 and 141.67 % in 2022, both at or above 130 %; last year's 2370 would meet this year's target 1356 at 174.78 % again: the target may be set too low.",
  },
  {
    w: { code: "TARGET_UNCHANGED", params: { target: "1356", fromYear: "2022", years: "3" } },
    zh: "指标值 1356 自2022年起连续 3 年未变，请确认是否照抄上年。",
    en: "The target 1356 has stayed the same for 3 years since 2022: check that it was not copied from last year.",
  },
  {
    w: { code: "ALL_EXACTLY_MET", params: { count: "8", project: "建设工程质量安全监管" } },
    zh: "全部 8 个定量指标的完成率恰好为 100%，请核实实际完成值是否如实填写。",
    en: "All 8 quantitative indicators were completed at exactly 100 %: check that the actual values were entered as measured.",
  },
  {
    w: { code: "PERCENT_AS_SHARE", params: { field: "target", value: "1", percent: "100" } },
    zh: "指标值 1 的单位是 %：若指 100%，请填写 100。",
    en: "The target 1 is in %: if 100 % is meant, enter 100.",
  },
  {
    w: { code: "PERCENT_AS_SHARE", params: { field: "actual", value: "0.985", percent: "98.5" } },
    zh: "实际完成值 0.985 的单位是 %：若指 98.5%，请填写 98.5。",
    en: "The actual value 0.985 is in %: if 98.5 % is meant, enter 98.5.",
  },
  {
    w: { code: "CUMULATIVE_FALLS", params: { month: "7", cumulative: "378.82", previousMonth: "6", previousCumulative: "4033.71" }, month: 7 },
    zh: "7月累计支出 378.82 万元，低于6月的 4033.71 万元：累计数不会减少，请确认是否填成了当月支出。",
    en: "Cumulative spending of month 7, 378.82 (10,000 yuan), is below month 6's 4033.71: a running total cannot fall; was the month's own spending entered?",
  },
  {
    w: { code: "NEGATIVE_QUANTITY", params: { value: "-1", unit: "起" } },
    zh: "实际完成值 -1起 为负数，数量不能为负。",
    en: "The actual value -1 起 is negative: a count cannot be.",
  },
];

describe("warningText", () => {
  it.each(cases)("says $w.code in Chinese and in English", async ({ w, zh, en }) => {
    expect(warningText(i18n.t, w)).toBe(zh);
    await i18n.changeLanguage("en");
    expect(warningText(i18n.t, w)).toBe(en);
    await i18n.changeLanguage("zh-CN");
  });

  it("has a sentence for every code", () => {
    const all: Record<WarningCode, true> = {
      TARGET_TOO_LOW: true, TARGET_UNCHANGED: true, ALL_EXACTLY_MET: true, PERCENT_AS_SHARE: true, CUMULATIVE_FALLS: true, NEGATIVE_QUANTITY: true,
    };
    const said = new Set(cases.map((c) => c.w.code));
    expect(Object.keys(all).filter((c) => !said.has(c as WarningCode))).toEqual([]);
  });

  it("says something for a code it does not know, never nothing", () => {
    expect(warningText(i18n.t, { code: "NEW_CODE" as WarningCode, params: {} })).toBe("数据可能有误，请核实。");
  });
});

describe("where a warning is fixed", () => {
  const ind = (projectID: string | null) => ({ id: "7", name: "会议参与人数", departmentYearID: "10", projectID });
  it.each([
    [{ code: "PERCENT_AS_SHARE", params: { field: "actual" }, indicator: ind(null) }, "actual", "/years/10/indicators?indicator=7&field=actual"],
    [{ code: "PERCENT_AS_SHARE", params: { field: "target" }, indicator: ind("30") }, "target", "/projects/30/indicators?indicator=7&field=target"],
    [{ code: "TARGET_UNCHANGED", params: {}, indicator: ind(null) }, "target", "/years/10/indicators?indicator=7&field=target"],
    [{ code: "NEGATIVE_QUANTITY", params: {}, indicator: ind(null) }, "actual", "/years/10/indicators?indicator=7&field=actual"],
    [{ code: "ALL_EXACTLY_MET", params: {}, project: { id: "30", name: "教师培训" } }, undefined, "/projects/30/indicators"],
    [{ code: "ALL_EXACTLY_MET", params: {} }, undefined, undefined],
    [{ code: "CUMULATIVE_FALLS", params: {}, month: 3 }, undefined, undefined],
  ] as [WarningLike, string | undefined, string | undefined][])("%o", (w, field, link) => {
    expect(warningField(w)).toBe(field);
    expect(warningLink(w)).toBe(link);
  });

  it("names what each is about", () => {
    expect(warningSubject(i18n.t, { code: "CUMULATIVE_FALLS", params: {}, month: 3 })).toBe("3月");
    expect(warningSubject(i18n.t, { code: "ALL_EXACTLY_MET", params: {}, project: { id: "30", name: "教师培训" } })).toBe("项目「教师培训」");
    expect(warningSubject(i18n.t, { code: "ALL_EXACTLY_MET", params: {} })).toBe("整体提示");
  });
});
