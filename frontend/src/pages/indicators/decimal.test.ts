import { describe, expect, it } from "vitest";
import { decimalProblem, fromMicros, roundDecimal, sameDecimal, shareToPercent, sumDecimals, toMicros } from "./decimal";

describe("decimals", () => {
  it("accepts at most 6 places, like the server", () => {
    expect(decimalProblem("1829.40")).toBeUndefined();
    expect(decimalProblem("0.000001")).toBeUndefined();
    expect(decimalProblem("1.0000000")).toBeUndefined();
    expect(decimalProblem("0.0000001")).toBe("places");
    expect(decimalProblem("1,5")).toBe("format");
    expect(decimalProblem("1e3")).toBe("format");
    expect(decimalProblem("")).toBe("format");
    expect(decimalProblem("99999999999999")).toBe("range");
  });
  it("sums exactly and prints as the server does", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.30");
    expect(sumDecimals(["7", "6", "6", "6", "2.5", "2.5"])).toBe("30.00");
    expect(fromMicros(toMicros("2.664")!)).toBe("2.664");
    expect(fromMicros(toMicros("-0.5")!)).toBe("-0.50");
  });
  it("turns a share into a percentage, rounding half away from zero", () => {
    expect(shareToPercent("0.996")).toBe("99.60");
    expect(shareToPercent("1")).toBe("100.00");
    expect(shareToPercent("0.94605")).toBe("94.61");
    expect(shareToPercent(null)).toBeUndefined();
  });
  it("rounds for display, half away from zero", () => {
    expect(roundDecimal("99.630213")).toBe("99.63");
    expect(roundDecimal("0.255")).toBe("0.26");
    expect(roundDecimal("-0.255")).toBe("-0.26");
    expect(roundDecimal("94.5125")).toBe("94.51");
    expect(roundDecimal("x")).toBeUndefined();
  });
  it("compares numbers, not strings", () => {
    expect(sameDecimal("5", "5.00")).toBe(true);
    expect(sameDecimal("", "")).toBe(true);
    expect(sameDecimal("5", "")).toBe(false);
    expect(sameDecimal("5", "5.01")).toBe(false);
  });
});
