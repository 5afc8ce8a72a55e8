import { describe, expect, it } from "vitest";
import { formatDate, formatDecimal, percent, plain, rate, round2, targetText, wan } from "./format";

describe("format", () => {
  it.each([
    ["1829.4", 2, "1,829.40"],
    ["962.44", 2, "962.44"],
    ["-4.5", 2, "-4.50"],
    ["1234567.891234", 2, "1,234,567.89"],
    ["88", 0, "88"],
  ])("formatDecimal(%s, %d) = %s", (value, places, want) => {
    expect(formatDecimal(value, places)).toBe(want);
  });
  it("prints money and rates", () => {
    expect(wan("1829.40")).toBe("1,829.40");
    expect(percent("99.63")).toBe("99.63%");
    expect(percent(null)).toBe("—");
  });
  it("writes dates as the report does", () => {
    expect(formatDate("2023-12-31T08:00:00Z", "zh-CN")).toBe("2023年12月31日");
  });
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
});
