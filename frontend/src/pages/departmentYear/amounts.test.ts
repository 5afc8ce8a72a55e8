import { describe, expect, it } from "vitest";
import { checkAmount, checkPercent, fillMonths, fundingInputs, monthInputs, sameDecimal } from "./amounts";

describe("checkAmount", () => {
  it.each([
    ["1829.40", "1829.40"],
    [" 1,829.4 ", "1829.4"],
    ["0", "0"],
    ["007.5", "7.5"],
    ["0.000001", "0.000001"],
    [".5", "0.5"],
    ["12.", "12"],
    ["-0", "0"],
    ["9223372036854.775807", "9223372036854.775807"],
    // What an input method types: full-width digits, point, comma and percent.
    ["１２０", "120"],
    ["１，８２９．４０", "1829.40"],
    ["８５．５％", "85.5"],
    ["－０", "0"],
  ])("accepts %j as %j", (raw, want) => {
    expect(checkAmount(raw)).toEqual({ value: want });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["abc", "format"],
    ["1e3", "format"],
    ["1.2.3", "format"],
    [".", "format"],
    ["-1", "negative"],
    ["-0.01", "negative"],
    ["－１", "negative"],
    ["1.0000001", "places"],
    ["9223372036854.775808", "tooLarge"],
  ])("refuses %j: %s", (raw, problem) => {
    expect(checkAmount(raw)).toEqual({ problem });
  });

  it("lets an optional amount be empty", () => {
    expect(checkAmount("", false)).toEqual({ value: null });
    expect(checkAmount("-2", false)).toEqual({ problem: "negative" });
  });

  it("never turns the value into a float", () => {
    // 0.1 + 0.2 style drift or 17 significant digits would show here.
    expect(checkAmount("1234567.123456").value).toBe("1234567.123456");
    expect(checkAmount("0.300000").value).toBe("0.300000");
  });
});

describe("checkPercent", () => {
  it("takes 0 to 100 with at most 6 places", () => {
    expect(checkPercent("100")).toEqual({ value: "100" });
    expect(checkPercent("8.333333")).toEqual({ value: "8.333333" });
    expect(checkPercent("100.000001")).toEqual({ problem: "range" });
    expect(checkPercent("-1")).toEqual({ problem: "negative" });
  });
});

describe("sameDecimal", () => {
  it("compares numbers, not spellings", () => {
    expect(sameDecimal("1829.4", "1829.40")).toBe(true);
    expect(sameDecimal("1829.40", "1829.41")).toBe(false);
    expect(sameDecimal("0.000001", "0")).toBe(false);
  });
});

describe("fillMonths", () => {
  it("gives twelve months, January first, empty where nothing was entered", () => {
    const rows = fillMonths([
      { month: 3, cumulativeExecuted: "300.00", targetPercent: "25.00", executedPercent: "20.00", behind: true },
      { month: 1, cumulativeExecuted: "80.00", targetPercent: "5.00", executedPercent: "6.00", behind: false },
    ]);
    expect(rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rows[0]).toMatchObject({ cumulativeExecuted: "80.00", stored: true, behind: false });
    expect(rows[1]).toEqual({ month: 2, cumulativeExecuted: "", targetPercent: "", executedPercent: null, behind: false, stored: false });
    expect(rows[2]).toMatchObject({ executedPercent: "20.00", behind: true, stored: true });
    expect(rows.filter((r) => r.stored)).toHaveLength(2);
  });
});

describe("monthInputs", () => {
  it("sends only months with values, as strings", () => {
    const rows = fillMonths([]);
    rows[0] = { ...rows[0], cumulativeExecuted: "80", targetPercent: "5" };
    rows[5] = { ...rows[5], cumulativeExecuted: "1,000.5", targetPercent: "50" };
    expect(monthInputs(rows)).toEqual({
      months: [
        { month: 1, cumulativeExecuted: "80", targetPercent: "5" },
        { month: 6, cumulativeExecuted: "1000.5", targetPercent: "50" },
      ],
      problems: [],
    });
  });

  it("names the month and cell of a value it refuses, and of a half-filled month", () => {
    const rows = fillMonths([]);
    rows[1] = { ...rows[1], cumulativeExecuted: "12", targetPercent: "" };
    rows[2] = { ...rows[2], cumulativeExecuted: "-3", targetPercent: "120" };
    const { months, problems } = monthInputs(rows);
    expect(months).toEqual([]);
    expect(problems).toEqual([
      { month: 2, field: "targetPercent", problem: "required" },
      { month: 3, field: "cumulativeExecuted", problem: "negative" },
      { month: 3, field: "targetPercent", problem: "range" },
    ]);
  });
});

describe("fundingInputs", () => {
  const row = (category: string, initialBudget: string, adjustedBudget: string, executed: string) => ({
    category,
    initialBudget,
    adjustedBudget,
    executed,
  });

  it("sends the rows with an amount, empty amounts left out (0 on the server), in order", () => {
    expect(
      fundingInputs([row("GENERAL_PUBLIC_BUDGET", "1,803.6", " 1836.19 ", "1829.40"), row("UNIT_FUNDS", "", "", ""), row("GOVERNMENT_FUND_BUDGET", "", "0", "")]),
    ).toEqual({
      lines: [
        { category: "GENERAL_PUBLIC_BUDGET", initialBudget: "1803.6", adjustedBudget: "1836.19", executed: "1829.40" },
        { category: "GOVERNMENT_FUND_BUDGET", adjustedBudget: "0" },
      ],
      problems: [],
    });
  });

  it("names the row and cell of every amount it refuses", () => {
    expect(fundingInputs([row("OTHER_FUNDS", "-1", "abc", "1.1234567")]).problems).toEqual([
      { category: "OTHER_FUNDS", field: "initialBudget", problem: "negative" },
      { category: "OTHER_FUNDS", field: "adjustedBudget", problem: "format" },
      { category: "OTHER_FUNDS", field: "executed", problem: "places" },
    ]);
  });
});
