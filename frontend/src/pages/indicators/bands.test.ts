import { describe, expect, it } from "vitest";
import { bandText, inBand, ratingBand } from "./bands";

describe("ratingBand and bandText", () => {
  it("gives the band in points for a weight", () => {
    expect(bandText(ratingBand("ACHIEVED", "5"))).toBe("4.00–5.00");
    expect(bandText(ratingBand("PARTIAL", "5"))).toBe("3.00–<4.00");
    expect(bandText(ratingBand("NOT_ACHIEVED", "5.00"))).toBe("0.00–<3.00");
    expect(bandText(ratingBand("ACHIEVED", "2.5"))).toBe("2.00–2.50");
  });
  it("prints an edge exactly when two places would round it", () => {
    // SCORING.md: with weight 3.33 the ACHIEVED band starts at 2.664.
    expect(ratingBand("ACHIEVED", "3.33")).toEqual({ lo: "2.664", hi: "3.33", hiInclusive: true });
  });
  it("has no band without a rating or a positive weight", () => {
    expect(ratingBand(null, "5")).toBeUndefined();
    expect(ratingBand("ACHIEVED", "0")).toBeUndefined();
    expect(ratingBand("ACHIEVED", "abc")).toBeUndefined();
    expect(bandText(undefined)).toBe("");
  });
});

describe("inBand", () => {
  it("compares exactly, with the upper edge inclusive only for ACHIEVED", () => {
    expect(inBand("4.73", "ACHIEVED", "5")).toBe(true);
    expect(inBand("5", "ACHIEVED", "5")).toBe(true);
    expect(inBand("3.99", "ACHIEVED", "5")).toBe(false);
    expect(inBand("4", "PARTIAL", "5")).toBe(false);
    expect(inBand("3", "PARTIAL", "5")).toBe(true);
    expect(inBand("2.663999", "ACHIEVED", "3.33")).toBe(false);
    expect(inBand("2.664", "ACHIEVED", "3.33")).toBe(true);
    expect(inBand("0", "NOT_ACHIEVED", "5")).toBe(true);
  });
});
