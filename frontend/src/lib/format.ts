/** Formats an exact decimal string as the report prints it: thousands separators, fixed places. */
export function formatDecimal(value: string | null | undefined, places = 2): string {
  if (value == null || value === "") return "—";
  const negative = value.startsWith("-");
  const [int, frac = ""] = value.replace("-", "").split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fixed = (frac + "0".repeat(places)).slice(0, places);
  return (negative ? "-" : "") + grouped + (places > 0 ? "." + fixed : "");
}

/** An amount in 万元 with two decimals. */
export const wan = (value: string | null | undefined) => formatDecimal(value, 2);

/** A percentage with two decimals. */
export const percent = (value: string | null | undefined) => (value == null ? "—" : formatDecimal(value, 2) + "%");

/** A date as the reports write it: 2023年12月31日, or ISO-like in English. */
export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (lang.startsWith("zh")) return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  return d.toLocaleDateString("en-GB", { year: "numeric", month: "short", day: "numeric" });
}

// Compact figures for screen tables (the dashboards' below-target list): no trailing zeros.

/** Rounds a decimal string to two places, half away from zero ("99.630213" → "99.63", "0.995" → "1.00"). */
export function round2(value: string): string {
  const negative = value.trim().startsWith("-");
  const [int, frac = ""] = value.trim().replace("-", "").split(".");
  let cents = BigInt(int || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  if ((frac[2] ?? "0") >= "5") cents += 1n;
  const sign = negative && cents > 0n ? "-" : "";
  return `${sign}${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** A value with thousands separators, at most two decimals (rounded), no trailing zeros. */
export function plain(value: string | null | undefined): string {
  const s = formatDecimal(value == null || value === "" ? value : round2(value), 2);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** A percentage without trailing zeros: 110%, 144.44%, 0.25%; a dash when unknown. */
export function rate(value: string | null | undefined): string {
  return value == null || value === "" ? "—" : plain(value) + "%";
}

/** A value with its unit: 88 人次, 100%. */
export function withUnit(value: string | null | undefined, unit: string): string {
  if (value == null || value === "") return "—";
  if (!unit) return plain(value);
  return unit === "%" ? plain(value) + "%" : `${plain(value)} ${unit}`;
}

const operatorSymbol: Record<string, string> = { GE: "≥", GT: ">", EQ: "=", LE: "≤", LT: "<" };

/** A quantitative target with its operator: ≥80 人次, ≤10%. */
export function targetText(ind: { operator?: string | null; target?: string | null; unit: string }): string {
  if (ind.target == null) return "—";
  return (ind.operator ? operatorSymbol[ind.operator] : "") + withUnit(ind.target, ind.unit);
}
