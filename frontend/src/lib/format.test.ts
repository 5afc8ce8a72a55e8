import { describe, expect, it } from "vitest";
import { formatDate, formatDecimal, percent, wan } from "./format";

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
});
