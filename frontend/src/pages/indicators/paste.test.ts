import { describe, expect, it } from "vitest";
import { GRID_COLUMNS, parseClipboard, pastedValue, pastePlan } from "./paste";
import type { IndicatorRow } from "./types";

const row = (id: string, over: Partial<IndicatorRow> = {}): IndicatorRow => ({
  id,
  version: 1,
  position: Number(id),
  level1: "产出指标",
  level2: "数量指标",
  name: `指标${id}`,
  kind: "QUANTITATIVE",
  operator: "GE",
  target: "100.00",
  unit: "%",
  weight: "5.00",
  actual: "90.00",
  scoringCriteria: "",
  binding: null,
  rating: null,
  ratedScore: null,
  deviationReason: "",
  effectiveActual: "90.00",
  completionRate: "90.00",
  score: "4.50",
  attainment: "0.9000",
  deviationRequired: true,
  warnings: [],
  attachmentCount: 0,
  reviewScore: null,
  ...over,
});

describe("parseClipboard", () => {
  it("reads rows by line and cells by tab, as Excel copies them", () => {
    expect(parseClipboard("80\t人次\t6\r\n900\t人次\t6\r\n")).toEqual([
      ["80", "人次", "6"],
      ["900", "人次", "6"],
    ]);
    expect(parseClipboard("88")).toEqual([["88"]]);
    expect(parseClipboard("a\t\tc\n")).toEqual([["a", "", "c"]]);
  });
  it("reads quoted cells holding line breaks, tabs and quotes", () => {
    expect(parseClipboard('"第一行\n第二行"\t"含""引号"""\t"a\tb"\n')).toEqual([["第一行\n第二行", '含"引号"', "a\tb"]]);
    // a quote inside a cell that is not quoted is text
    expect(parseClipboard('5"寸\t2\n')).toEqual([['5"寸', "2"]]);
  });
});

describe("pastedValue", () => {
  it("turns the forms' words into the editor's values", () => {
    expect(pastedValue("operator", " ≥ ")).toBe("GE");
    expect(pastedValue("operator", "不超过")).toBe("LE");
    expect(pastedValue("operator", "约")).toBe("约"); // left for the cell's check to refuse
    expect(pastedValue("rating", "部分达成并具有一定效果")).toBe("PARTIAL");
    expect(pastedValue("rating", "达成")).toBe("ACHIEVED");
    expect(pastedValue("target", "1,300")).toBe("1300");
    expect(pastedValue("actual", "９５％")).toBe("95");
    expect(pastedValue("weight", " 6 ")).toBe("6");
    expect(pastedValue("deviationReason", " 原因 \n续 ")).toBe(" 原因 \n续 ");
  });
});

describe("pastePlan", () => {
  const rows = [row("1"), row("2", { kind: "QUALITATIVE", operator: null, target: null, actual: null, rating: "ACHIEVED", ratedScore: "4" }), row("3", { binding: "EXECUTION_RATE" })];

  it("covers the table's columns rightwards and its indicators downwards", () => {
    // target, unit, weight, actual from row 1's target: three rows.
    const block = parseClipboard("80\t人次\t6\t88\n1\t次\t5\t2\n95\t%\t10\t99\n");
    const { cells, skipped } = pastePlan(rows, { id: "1", field: "target" }, block);
    expect(cells).toEqual([
      { id: "1", field: "target", value: "80" },
      { id: "1", field: "unit", value: "人次" },
      { id: "1", field: "weight", value: "6" },
      { id: "1", field: "actual", value: "88" },
      // a qualitative indicator has no target or actual; a bound one no typed actual
      { id: "2", field: "unit", value: "次" },
      { id: "2", field: "weight", value: "5" },
      { id: "3", field: "target", value: "95" },
      { id: "3", field: "unit", value: "%" },
      { id: "3", field: "weight", value: "10" },
    ]);
    expect(skipped).toBe(3);
  });

  it("skips the kind and computed columns, and what lies beyond the table", () => {
    const start = GRID_COLUMNS.indexOf("ratedScore");
    // The table's order: … 评分, 完成率, 达成度, 偏差原因分析 … (得分 is fixed at the right end).
    const block = [["4.5", "90", "0.9", "原因"], ["x"], ["y"], ["z"]];
    const { cells, skipped } = pastePlan(rows, { id: "2", field: "ratedScore" }, block);
    expect(start).toBeGreaterThan(0);
    expect(cells).toEqual([
      { id: "2", field: "ratedScore", value: "4.5" },
      { id: "2", field: "deviationReason", value: "原因" },
    ]);
    // 2 computed columns, row 3's rated score (quantitative), and two rows beyond the last
    expect(skipped).toBe(5);
  });
});
