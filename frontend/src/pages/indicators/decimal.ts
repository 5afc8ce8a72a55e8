// Exact decimal arithmetic for what the editor checks and sums before the server does:
// values are held as BigInt millionths (the server's 6 places), never as binary floats.

export const PLACES = 6;
const SCALE = 10n ** BigInt(PLACES);
/** The largest magnitude the server stores (int64 millionths). */
const LIMIT = 9_223_372_036_854_775_807n;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Why a string is not a decimal the server accepts, or undefined when it is one. */
export type DecimalProblem = "format" | "places" | "range";

export function decimalProblem(s: string): DecimalProblem | undefined {
  const v = s.trim();
  if (!NUMBER.test(v)) return "format";
  const frac = v.split(".")[1] ?? "";
  if (frac.replace(/0+$/, "").length > PLACES) return "places";
  const m = toMicros(v);
  if (m === undefined || m > LIMIT || m < -LIMIT) return "range";
  return undefined;
}

/** Parses a decimal string into millionths; undefined when malformed or finer than 6 places. */
export function toMicros(s: string | null | undefined): bigint | undefined {
  if (s == null) return undefined;
  const v = s.trim();
  if (!NUMBER.test(v)) return undefined;
  const negative = v.startsWith("-");
  const [int = "", frac = ""] = v.replace(/^[+-]/, "").split(".");
  const trimmed = frac.replace(/0+$/, "");
  if (trimmed.length > PLACES) return undefined;
  const micros = BigInt(int || "0") * SCALE + BigInt((trimmed + "0".repeat(PLACES)).slice(0, PLACES) || "0");
  return negative ? -micros : micros;
}

/**
 * Prints a scaled integer (value / 10^scale) as the server prints decimals: two places when
 * that is exact, otherwise every significant place (1829.40, 2.664, 0.000001).
 */
export function formatScaled(value: bigint, scale: number, minPlaces = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const digits = abs.toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale) || "0";
  let frac = scale > 0 ? digits.slice(digits.length - scale) : "";
  frac = frac.replace(/0+$/, "");
  if (frac.length < minPlaces) frac = frac + "0".repeat(minPlaces - frac.length);
  const body = frac ? `${int}.${frac}` : int;
  return negative && abs !== 0n ? `-${body}` : body;
}

/** Prints millionths like the server. */
export const fromMicros = (micros: bigint, minPlaces = 2) => formatScaled(micros, PLACES, minPlaces);

/** The exact sum of decimal strings (missing or malformed ones count as 0). */
export function sumDecimals(values: (string | null | undefined)[]): string {
  let total = 0n;
  for (const v of values) total += toMicros(v) ?? 0n;
  return fromMicros(total);
}

/** A 0..1 share as a percentage string with two places (0.996 → "99.60"). */
export function shareToPercent(share: string | null | undefined): string | undefined {
  const m = toMicros(share);
  if (m === undefined) return undefined;
  // share × 100, rounded half away from zero to 2 places: millionths × 100 / 10^4 = hundredths.
  const scaled = m * 100n;
  const q = scaled / 10_000n;
  const r = scaled % 10_000n;
  const rounded = r * 2n >= 10_000n ? q + 1n : r * 2n <= -10_000n ? q - 1n : q;
  return formatScaled(rounded, 2, 2);
}

/** Whether two decimal strings hold the same number ("5" and "5.00"). */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = a == null || a.trim() === "" ? undefined : toMicros(a);
  const y = b == null || b.trim() === "" ? undefined : toMicros(b);
  return x === y && (x !== undefined || ((a ?? "").trim() === "" && (b ?? "").trim() === ""));
}

/** A decimal rounded half away from zero to places (for display; the exact value stays in a tooltip). */
export function roundDecimal(s: string | null | undefined, places = 2): string | undefined {
  const m = toMicros(s);
  if (m === undefined) return undefined;
  const unit = 10n ** BigInt(PLACES - places);
  const q = m / unit;
  const r = m % unit;
  const rounded = r * 2n >= unit ? q + 1n : r * 2n <= -unit ? q - 1n : q;
  return formatScaled(rounded, places, places);
}
