import { describe, expect, it } from "vitest";
import { groupIndicators, level1Key, level2Key, shareRows } from "./tree";

const ind = (id: string, level1: string, level2: string, score: string, weight: string) => ({ id, level1, level2, score, weight });

const indicators = [
  ind("1", "履职效能", "产出", "7", "7"),
  ind("2", "履职效能", "产出", "6", "6"),
  ind("3", "管理效率", "预算执行", "9.96", "10"),
  ind("4", "履职效能", "效益", "6", "6"),
  ind("5", "管理效率", "预算执行", "5", "5"),
];

describe("groupIndicators", () => {
  it("nests indicators under level 1 then level 2, in order of first appearance", () => {
    const rows = groupIndicators(indicators);
    expect(rows.map((r) => (r.kind === "indicator" ? r.indicator.id : `${r.kind}:${r.level2 ?? r.level1}`))).toEqual([
      "level1:履职效能",
      "level2:产出",
      "1",
      "2",
      "level2:效益",
      "4",
      "level1:管理效率",
      "level2:预算执行",
      "3",
      "5",
    ]);
  });
  it("sums each group exactly when the server gives no subtotals", () => {
    const rows = groupIndicators(indicators);
    const l1 = rows.find((r) => r.key === level1Key("管理效率"));
    expect(l1).toMatchObject({ score: "14.96", weight: "15.00", count: 2 });
    expect(rows.find((r) => r.key === level2Key("履职效能", "产出"))).toMatchObject({ score: "13.00", weight: "13.00", count: 2 });
  });
  it("shows the server's subtotals, and its groups without indicators", () => {
    const rows = groupIndicators(indicators, [
      { level1: "履职效能", level2: null, score: "19.00", weight: "19.00" },
      { level1: "履职效能", level2: "产出", score: "13.00", weight: "13.00" },
      { level1: "预算执行率", level2: null, score: "9.50", weight: "10.00" },
    ]);
    expect(rows.find((r) => r.key === level1Key("履职效能"))).toMatchObject({ score: "19.00" });
    expect(rows.at(-1)).toMatchObject({ kind: "level1", level1: "预算执行率", count: 0, score: "9.50", weight: "10.00" });
  });
  it("leaves out the rows of a collapsed group but keeps its subtotal", () => {
    const rows = groupIndicators(indicators, [], new Set([level1Key("履职效能"), level2Key("管理效率", "预算执行")]));
    expect(rows.map((r) => r.key)).toEqual([level1Key("履职效能"), level1Key("管理效率"), level2Key("管理效率", "预算执行")]);
    expect(rows[0]).toMatchObject({ collapsed: true, score: "19.00" });
  });
});

describe("shareRows", () => {
  it("keeps the objects of rows that did not change", () => {
    const a = { id: "1", version: 1, score: "5" };
    const b = { id: "2", version: 1, score: "4" };
    const next = shareRows([a, b], [{ id: "1", version: 1, score: "5" }, { id: "2", version: 2, score: "4.5" }]);
    expect(next[0]).toBe(a);
    expect(next[1]).not.toBe(b);
    expect(next[1].score).toBe("4.5");
  });
});
