import { describe, expect, it } from "vitest";
import { bandText, inBand, ratingBand } from "./bands";
import { rulesOf } from "./rules.fixture";

// The bands as the server serves them (limits.ratingBands): no copy of them here.
const { bands } = rulesOf();

describe("ratingBand and bandText", () => {
  it("gives the band in points for a weight", () => {
    expect(bandText(ratingBand(bands, "ACHIEVED", "5"))).toBe("4.00–5.00");
    expect(bandText(ratingBand(bands, "PARTIAL", "5"))).toBe("3.00–<4.00");
    expect(bandText(ratingBand(bands, "NOT_ACHIEVED", "5.00"))).toBe("0.00–<3.00");
    expect(bandText(ratingBand(bands, "ACHIEVED", "2.5"))).toBe("2.00–2.50");
  });
  it("prints an edge exactly when two places would round it", () => {
    // SCORING.md: with weight 3.33 the ACHIEVED band starts at 2.664.
    expect(ratingBand(bands, "ACHIEVED", "3.33")).toEqual({ lo: "2.664", hi: "3.33", hiInclusive: true });
  });
  it("has no band without a rating or a positive weight", () => {
    expect(ratingBand(bands, null, "5")).toBeUndefined();
    expect(ratingBand(bands, "ACHIEVED", "0")).toBeUndefined();
    expect(ratingBand(bands, "ACHIEVED", "abc")).toBeUndefined();
    expect(bandText(undefined)).toBe("");
  });
});

describe("inBand", () => {
  it("compares exactly, with the upper edge inclusive only for ACHIEVED", () => {
    expect(inBand(bands, "4.73", "ACHIEVED", "5")).toBe(true);
    expect(inBand(bands, "5", "ACHIEVED", "5")).toBe(true);
    expect(inBand(bands, "3.99", "ACHIEVED", "5")).toBe(false);
    expect(inBand(bands, "4", "PARTIAL", "5")).toBe(false);
    expect(inBand(bands, "3", "PARTIAL", "5")).toBe(true);
    expect(inBand(bands, "2.663999", "ACHIEVED", "3.33")).toBe(false);
    expect(inBand(bands, "2.664", "ACHIEVED", "3.33")).toBe(true);
    expect(inBand(bands, "0", "NOT_ACHIEVED", "5")).toBe(true);
  });
});

describe("bands served by the server", () => {
  it("follow the server when it changes them, with no edit here", () => {
    const changed = rulesOf({ fields: [], ratingBands: [{ rating: "ACHIEVED", low: "0.90", high: "1.00", highInclusive: true }] }).bands;
    expect(bandText(ratingBand(changed, "ACHIEVED", "5"))).toBe("4.50–5.00");
    expect(inBand(changed, "4.4", "ACHIEVED", "5")).toBe(false);
    expect(ratingBand(undefined, "ACHIEVED", "5")).toBeUndefined();
    expect(inBand(undefined, "4", "ACHIEVED", "5")).toBeUndefined();
  });
});
