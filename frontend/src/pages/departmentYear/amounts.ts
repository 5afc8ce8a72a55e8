// Exact decimals as the server takes them (fixed.Decimal: at most 6 decimal places in an
// int64 of millionths), checked before sending. Nothing here ever becomes a JS number.
import { halfWidthNumber } from "../../lib/numberInput";

/** The largest Decimal the server stores: 2^63 - 1 millionths. */
const maxMillionths = 9223372036854775807n;

/** Why a typed value is not accepted. */
export type DecimalProblem = "required" | "format" | "negative" | "places" | "tooLarge" | "range";

/** A checked value: the string to send, null for an optional value left empty, or the problem. */
export type Checked =
  | { value: string; problem?: undefined }
  | { value: null; problem?: undefined }
  | { value?: undefined; problem: DecimalProblem };

/** A canonical decimal string ("1829.4") as millionths. */
function millionths(canonical: string): bigint {
  const [int, frac = ""] = canonical.split(".");
  return BigInt(int + frac.padEnd(6, "0"));
}

/**
 * Checks an amount in 万元 (or any non-negative Decimal): digits, an optional point and at
 * most 6 decimals, not negative, within the server's range. Thousands separators and
 * spaces are ignored, and what an input method types (full-width １２０．５, ％) is read as
 * its ASCII. Returns the string to send, e.g. " 1,829.4 " → "1829.4", "１２０％" → "120".
 */
export function checkAmount(raw: string | null | undefined, required = true): Checked {
  const s = halfWidthNumber(raw ?? "").replace(/[\s,，]/g, "");
  if (s === "") return required ? { problem: "required" } : { value: null };
  const m = /^(-|\+)?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return { problem: "format" };
  const [, sign, intRaw, frac = ""] = m;
  const int = intRaw.replace(/^0+(?=\d)/, "") || "0";
  const canonical = frac === "" ? int : `${int}.${frac}`;
  if (sign === "-" && /[1-9]/.test(int + frac)) return { problem: "negative" };
  if (frac.length > 6) return { problem: "places" };
  if (millionths(canonical) > maxMillionths) return { problem: "tooLarge" };
  return { value: canonical };
}

/** Checks a percentage between 0 and 100 with at most 6 decimals (the monthly target). */
export function checkPercent(raw: string | null | undefined, required = true): Checked {
  const c = checkAmount(raw, required);
  if (c.value && millionths(c.value) > 100_000_000n) return { problem: "range" };
  return c;
}

/** Whether two decimal strings are the same number ("1829.4" and "1829.40"). */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  const ca = checkAmount(a, false);
  const cb = checkAmount(b, false);
  if (ca.value == null || cb.value == null) return (a ?? "").trim() === (b ?? "").trim();
  return millionths(ca.value) === millionths(cb.value);
}

/** One month as the server returns it. */
export interface MonthData {
  month: number;
  cumulativeExecuted: string;
  targetPercent: string;
  executedPercent?: string | null;
  behind: boolean;
}

/** One row of the monthly grid: a month with its values, or empty when none was entered. */
export interface MonthRow {
  month: number;
  cumulativeExecuted: string;
  targetPercent: string;
  executedPercent: string | null;
  behind: boolean;
  /** Whether the server holds this month. */
  stored: boolean;
}

/** Twelve rows, January first, each month's values or empty strings for a month not entered. */
export function fillMonths(months: readonly MonthData[]): MonthRow[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  return Array.from({ length: 12 }, (_, i) => {
    const m = byMonth.get(i + 1);
    return m
      ? {
          month: i + 1,
          cumulativeExecuted: m.cumulativeExecuted,
          targetPercent: m.targetPercent,
          executedPercent: m.executedPercent ?? null,
          behind: m.behind,
          stored: true,
        }
      : { month: i + 1, cumulativeExecuted: "", targetPercent: "", executedPercent: null, behind: false, stored: false };
  });
}

export interface MonthInput {
  month: number;
  cumulativeExecuted: string;
  targetPercent: string;
}

export interface MonthProblem {
  month: number;
  field: "cumulativeExecuted" | "targetPercent";
  problem: DecimalProblem;
}

/**
 * The months to send to setMonthlyExecution: only rows with a value, both values
 * checked and required once either is typed. Problems name the month and cell.
 */
export function monthInputs(rows: readonly Pick<MonthRow, "month" | "cumulativeExecuted" | "targetPercent">[]): {
  months: MonthInput[];
  problems: MonthProblem[];
} {
  const months: MonthInput[] = [];
  const problems: MonthProblem[] = [];
  for (const r of rows) {
    const blank = r.cumulativeExecuted.trim() === "" && r.targetPercent.trim() === "";
    if (blank) continue;
    const executed = checkAmount(r.cumulativeExecuted);
    const target = checkPercent(r.targetPercent);
    if (executed.problem) problems.push({ month: r.month, field: "cumulativeExecuted", problem: executed.problem });
    if (target.problem) problems.push({ month: r.month, field: "targetPercent", problem: target.problem });
    if (executed.value && target.value) months.push({ month: r.month, cumulativeExecuted: executed.value, targetPercent: target.value });
  }
  return { months, problems };
}

/** The three amounts of one line of a budget breakdown, as typed. */
export type FundingCell = "initialBudget" | "adjustedBudget" | "executed";
export const fundingCells: readonly FundingCell[] = ["initialBudget", "adjustedBudget", "executed"];

/** One line of a breakdown as the table holds it: its category and its three amounts, "" when empty. */
export type FundingRow<C extends string = string> = { category: C } & Record<FundingCell, string>;

export interface FundingProblem<C extends string = string> {
  category: C;
  field: FundingCell;
  problem: DecimalProblem;
}

/**
 * The lines to send to setFundingLines, in the rows' order: a row with all three amounts
 * empty is left out (its line, if any, is deleted), an empty amount of a row kept is 0.
 * Problems name the row's category and cell.
 */
export function fundingInputs<C extends string>(rows: readonly FundingRow<C>[]): {
  lines: ({ category: C } & Partial<Record<FundingCell, string>>)[];
  problems: FundingProblem<C>[];
} {
  const lines: ({ category: C } & Partial<Record<FundingCell, string>>)[] = [];
  const problems: FundingProblem<C>[] = [];
  for (const r of rows) {
    if (fundingCells.every((c) => r[c].trim() === "")) continue;
    const line: { category: C } & Partial<Record<FundingCell, string>> = { category: r.category };
    for (const c of fundingCells) {
      const checked = checkAmount(r[c], false);
      if (checked.problem) problems.push({ category: r.category, field: c, problem: checked.problem });
      else if (checked.value != null) line[c] = checked.value;
    }
    lines.push(line);
  }
  return { lines, problems };
}
