import { describe, expect, it } from "vitest";
import { halfWidthNumber } from "./numberInput";

describe("halfWidthNumber", () => {
  it.each([
    ["１２０", "120"],
    ["１２０．５", "120.5"],
    ["－３", "-3"],
    ["−3", "-3"],
    ["９５％", "95"],
    ["95%", "95"],
    ["　１，８２９．４０　", "1,829.40"],
    ["１２。５", "12.5"],
    ["120", "120"],
    ["abc", "abc"],
    ["", ""],
  ])("%s → %s", (typed, want) => {
    expect(halfWidthNumber(typed)).toBe(want);
  });
});
