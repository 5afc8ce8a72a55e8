import { describe, expect, it } from "vitest";
import type { IndicatorRow } from "./types";
import { change, changeCount, difference, draftValue, emptyWhatIf, setAmount, setIndicator, signed, toInput } from "./whatIf";

const row = { id: "1", actual: "88.00", target: "80.00", weight: "6.00", rating: null, ratedScore: null } as IndicatorRow;
const qual = { id: "9", actual: null, target: null, weight: "5.00", rating: "ACHIEVED", ratedScore: "4.73" } as IndicatorRow;

describe("what-if state", () => {
  it("keeps a hypothetical value until it is the kept one again", () => {
    let s = setIndicator(emptyWhatIf(), row, "actual", "60");
    expect(draftValue(s, row, "actual")).toBe("60");
    expect(draftValue(s, row, "target")).toBe("80.00");
    expect(changeCount(s)).toBe(1);
    s = setIndicator(s, row, "actual", "88");
    expect(s.indicators.size).toBe(0);
    expect(draftValue(s, row, "actual")).toBe("88.00");
  });

  it("sends only what changed, as WhatIfInput names it", () => {
    let s = setIndicator(emptyWhatIf(), row, "actual", " 60 ");
    s = setIndicator(s, qual, "rating", "PARTIAL");
    s = setIndicator(s, qual, "ratedScore", "3.50");
    s = setAmount(s, "figures", "projectActual", "800", "866.96");
    s = setAmount(s, "figures", "carryoverEnd", "4.580", "4.58"); // the kept value: no change
    expect(toInput(s)).toEqual({
      indicators: [
        { id: "1", actual: "60" },
        { id: "9", rating: "PARTIAL", ratedScore: "3.50" },
      ],
      figures: { projectActual: "800" },
    });
    expect(changeCount(s)).toBe(4);
    expect(toInput(emptyWhatIf())).toEqual({});
  });
});

describe("differences", () => {
  it("writes a kept and a hypothetical value with the difference between them", () => {
    expect(change("6.00", "4.50", "-1.50")).toBe("6.00 → 4.50 (−1.50)");
    expect(change("88.00", "60")).toBe("88.00 → 60.00 (−28.00)");
    expect(change("4.73", "4.77")).toBe("4.73 → 4.77 (+0.04)");
    expect(change("99.69", "99.690")).toBe("99.69");
    expect(change(null, "5")).toBe("— → 5.00");
  });

  it("signs a difference, and says nothing of none", () => {
    expect(signed("-1.5")).toBe("−1.50");
    expect(signed("0.04")).toBe("+0.04");
    expect(signed("0.00")).toBe("");
    expect(difference("866.96", "872.84")).toBe("+5.88");
    expect(difference(undefined, "1")).toBe("");
  });
});
