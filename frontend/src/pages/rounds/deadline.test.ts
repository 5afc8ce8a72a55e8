import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { beijing, dayOf, deadlineOf, leftColor, leftText, summaryOption } from "./deadline";

describe("deadlines in Beijing time", () => {
  it("shows an instant in Beijing time whatever its zone", () => {
    expect(beijing("2024-03-31T15:59:59Z")).toBe("2024-03-31 23:59");
    expect(beijing("2024-03-31T16:00:00Z")).toBe("2024-04-01 00:00");
    expect(beijing("2024-03-31T10:59:59-05:00")).toBe("2024-03-31 23:59");
    expect(beijing(null)).toBe("—");
  });

  it("makes a day's deadline its last second in Beijing, and reads the day back", () => {
    expect(deadlineOf("2024-03-31")).toBe("2024-03-31T23:59:59+08:00");
    expect(dayOf("2024-03-31T15:59:59Z")).toBe("2024-03-31");
    expect(dayOf(new Date(deadlineOf("2024-12-31")).toISOString())).toBe("2024-12-31");
  });

  it("says what is left, red once past and orange in the last three days", () => {
    const t = i18n.t.bind(i18n);
    expect(leftText(t, 10, false)).toBe("剩余 10 天");
    expect(leftText(t, 0, false)).toBe("今天截止");
    expect(leftText(t, 0, true)).toBe("已逾期 1 天");
    expect(leftText(t, -3, true)).toBe("已逾期 3 天");
    expect([leftColor(10, false), leftColor(3, false), leftColor(0, true)]).toEqual(["blue", "orange", "red"]);
  });

  it("draws the summary with every status", () => {
    const o = summaryOption({ onTime: 3, late: 1, returned: 0, notSubmitted: 2, overdue: 1, total: 7 }, (s) => s);
    const series = o.series as { data: { name: string; value: number }[] }[];
    expect(series[0].data.map((d) => [d.name, d.value])).toEqual([
      ["SUBMITTED_ON_TIME", 3],
      ["SUBMITTED_LATE", 1],
      ["RETURNED", 0],
      ["NOT_SUBMITTED", 2],
      ["OVERDUE", 1],
    ]);
  });
});
