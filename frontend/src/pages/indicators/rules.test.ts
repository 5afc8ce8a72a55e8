import { describe, expect, it } from "vitest";
import { applyChange, changeFor } from "./input";
import { arrowDirection, nextCell } from "./nav";
import type { IndicatorRow } from "./types";
import { validateCell } from "./validate";
import { rulesOf } from "./rules.fixture";

const rules = rulesOf();

const base: IndicatorRow = {
  id: "1",
  version: 3,
  position: 1,
  level1: "履职效能",
  level2: "产出",
  name: "业务岗位培训人数",
  kind: "QUANTITATIVE",
  operator: "GE",
  target: "80.00",
  unit: "人次",
  weight: "6.00",
  actual: "88.00",
  binding: null,
  rating: null,
  ratedScore: null,
  deviationReason: "",
  scoringCriteria: "",
  effectiveActual: "88.00",
  completionRate: "110.00",
  score: "6.00",
  attainment: "1.0000",
  deviationRequired: false,
  warnings: [],
  attachmentCount: 0,
  reviewScore: null,
};
const qualitative: IndicatorRow = {
  ...base,
  id: "2",
  name: "绩效管理制度健全性",
  kind: "QUALITATIVE",
  operator: null,
  target: null,
  actual: null,
  unit: "",
  weight: "5.00",
  rating: "ACHIEVED",
  ratedScore: "4.73",
};
const bound: IndicatorRow = { ...base, id: "3", name: "预算资金支出率", binding: "EXECUTION_RATE", actual: null };

describe("validateCell", () => {
  it("refuses what the server refuses", () => {
    expect(validateCell(base, "weight", "0", rules)?.key).toBe("positive");
    expect(validateCell(base, "weight", "-1", rules)?.key).toBe("positive");
    expect(validateCell(base, "weight", "", rules)?.key).toBe("required");
    expect(validateCell(base, "target", "1.1234567", rules)?.key).toBe("places");
    expect(validateCell(base, "target", "-3", rules)?.key).toBe("nonNegative");
    expect(validateCell(base, "actual", "八十", rules)?.key).toBe("notNumber");
    expect(validateCell(base, "name", "  ", rules)?.key).toBe("required");
    expect(validateCell(base, "unit", "x".repeat(21), rules)?.key).toBe("tooLongBytes");
    // The server counts the name's bytes (ent's MaxLen): 101 Chinese characters are 303 bytes.
    expect(validateCell(base, "name", "名".repeat(101), rules)).toEqual({ key: "tooLongBytes", values: { max: "300" } });
    expect(validateCell(base, "name", "名".repeat(100), rules)).toBeUndefined();
    // 评（扣）分标准 counts characters: 2000 Chinese ones fit, one more does not.
    expect(validateCell(base, "scoringCriteria", "分".repeat(2001), rules)).toEqual({ key: "tooLong", values: { max: "2000" } });
    expect(validateCell(base, "scoringCriteria", "分".repeat(2000), rules)).toBeUndefined();
  });
  it("accepts good values", () => {
    expect(validateCell(base, "weight", "6.5", rules)).toBeUndefined();
    expect(validateCell(base, "actual", "", rules)).toBeUndefined();
    expect(validateCell(base, "target", "0.000001", rules)).toBeUndefined();
  });
  it("keeps a rated score inside its band, also when the weight changes", () => {
    expect(validateCell(qualitative, "ratedScore", "4", rules)).toBeUndefined();
    expect(validateCell(qualitative, "ratedScore", "3.9", rules)).toMatchObject({
      key: "outsideBand",
      values: { band: "4.00–5.00", rating: "ACHIEVED" },
    });
    expect(validateCell(qualitative, "weight", "10", rules)?.key).toBe("outsideBand");
    expect(validateCell({ ...qualitative, rating: null, ratedScore: null }, "ratedScore", "4", rules)?.key).toBe("ratingFirst");
  });
});

describe("changeFor", () => {
  it("sends only a changed value", () => {
    expect(changeFor(base, "target", "80")).toBeUndefined();
    expect(changeFor(base, "target", "90")).toEqual({ target: "90" });
    expect(changeFor(base, "actual", "")).toEqual({ clearActual: true });
  });
  it("sends the scoring criteria as typed, line breaks kept", () => {
    expect(changeFor(base, "scoringCriteria", "完成得满分；\n未完成按比例扣分 ")).toEqual({ scoringCriteria: "完成得满分；\n未完成按比例扣分 " });
    expect(changeFor({ ...base, scoringCriteria: "按比例" }, "scoringCriteria", "按比例")).toBeUndefined();
    expect(applyChange(base, { scoringCriteria: "按比例" })).toMatchObject({ scoringCriteria: "按比例" });
  });
  it("clears a rated score the new rating's band no longer holds", () => {
    expect(changeFor(qualitative, "rating", "PARTIAL", rules.bands)).toEqual({ rating: "PARTIAL", clearRatedScore: true });
    expect(changeFor({ ...qualitative, rating: "PARTIAL", ratedScore: "4.5" }, "rating", "ACHIEVED", rules.bands)).toEqual({ rating: "ACHIEVED" });
    expect(applyChange(qualitative, { rating: "PARTIAL", clearRatedScore: true })).toMatchObject({ rating: "PARTIAL", ratedScore: null });
  });
});

describe("nextCell", () => {
  const rows = [base, bound, qualitative];
  it("moves down to the next indicator where the cell applies", () => {
    expect(nextCell(rows, { id: "1", field: "actual" }, "down")).toBeUndefined();
    expect(nextCell(rows, { id: "1", field: "weight" }, "down")).toEqual({ id: "3", field: "weight" });
    expect(nextCell(rows, { id: "1", field: "target" }, "down")).toEqual({ id: "3", field: "target" });
    expect(nextCell(rows, { id: "2", field: "weight" }, "up")).toEqual({ id: "3", field: "weight" });
  });
  it("moves right over the cells that do not apply, then on to the next row", () => {
    expect(nextCell(rows, { id: "1", field: "actual" }, "right")).toEqual({ id: "1", field: "deviationReason" });
    expect(nextCell(rows, { id: "1", field: "deviationReason" }, "right")).toEqual({ id: "1", field: "scoringCriteria" });
    expect(nextCell(rows, { id: "1", field: "scoringCriteria" }, "right")).toEqual({ id: "3", field: "name" });
    expect(nextCell(rows, { id: "3", field: "weight" }, "right")).toEqual({ id: "3", field: "deviationReason" });
    expect(nextCell(rows, { id: "2", field: "name" }, "left")).toEqual({ id: "3", field: "scoringCriteria" });
    expect(nextCell(rows, { id: "2", field: "scoringCriteria" }, "right")).toBeUndefined();
  });
  it("stops at the row's ends for the arrow keys (no wrap)", () => {
    expect(nextCell(rows, { id: "1", field: "scoringCriteria" }, "right", false)).toBeUndefined();
    expect(nextCell(rows, { id: "2", field: "name" }, "left", false)).toBeUndefined();
    expect(nextCell(rows, { id: "1", field: "actual" }, "right", false)).toEqual({ id: "1", field: "deviationReason" });
    expect(nextCell(rows, { id: "1", field: "weight" }, "down", false)).toEqual({ id: "3", field: "weight" });
  });
  it.each([
    ["ArrowDown", "down"],
    ["ArrowUp", "up"],
    ["ArrowLeft", "left"],
    ["ArrowRight", "right"],
    ["Enter", undefined],
  ])("reads %s as %s", (key, dir) => {
    expect(arrowDirection(key)).toBe(dir);
  });
});
