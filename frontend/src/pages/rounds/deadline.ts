import type { EChartsOption } from "echarts";
import type { TFunction } from "i18next";

// Deadlines are instants kept in UTC; the finance bureau sets and reads them in Beijing time, whatever
// the browser's zone. China keeps UTC+8 all year.

const parts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant as Beijing time, "2024-03-31 23:59". */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return "—";
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The deadline of a day chosen as "YYYY-MM-DD": its last second in Beijing time. */
export function deadlineOf(day: string): string {
  return `${day}T23:59:59+08:00`;
}

/** The day (YYYY-MM-DD, Beijing time) of a deadline. */
export function dayOf(iso: string): string {
  return beijing(iso).slice(0, 10);
}

/** How much time is left, as the server counts it (calendar days in Beijing time). */
export function leftText(t: TFunction, daysLeft: number, pastDeadline: boolean): string {
  if (pastDeadline) return t("rounds.overdueDays", { count: Math.max(1, -daysLeft) });
  if (daysLeft <= 0) return t("rounds.dueToday");
  return t("rounds.daysLeft", { count: daysLeft });
}

/** The colour of a deadline's tag: red once past, orange in its last three days. */
export function leftColor(daysLeft: number, pastDeadline: boolean): string {
  if (pastDeadline) return "red";
  if (daysLeft <= 3) return "orange";
  return "blue";
}

/** The tag colour of a participant's status. */
export const statusColor: Record<string, string> = {
  SUBMITTED_ON_TIME: "green",
  SUBMITTED_LATE: "orange",
  RETURNED: "magenta",
  NOT_SUBMITTED: "default",
  OVERDUE: "red",
};

/** The order and colours of the statuses in a summary chart. */
export const summaryStatuses = [
  { key: "onTime", status: "SUBMITTED_ON_TIME", color: "#52c41a" },
  { key: "late", status: "SUBMITTED_LATE", color: "#fa8c16" },
  { key: "returned", status: "RETURNED", color: "#eb2f96" },
  { key: "notSubmitted", status: "NOT_SUBMITTED", color: "#bfbfbf" },
  { key: "overdue", status: "OVERDUE", color: "#f5222d" },
] as const;

export interface SummaryCounts {
  onTime: number;
  late: number;
  returned: number;
  notSubmitted: number;
  overdue: number;
  total: number;
}

/** A round's summary as a doughnut, each status in its colour. */
export function summaryOption(s: SummaryCounts, label: (status: string) => string): EChartsOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["40%", "70%"],
        minShowLabelAngle: 1, // an empty status keeps its legend entry, not a label
        data: summaryStatuses.map((x) => ({ name: label(x.status), value: s[x.key], itemStyle: { color: x.color } })),
      },
    ],
  };
}
