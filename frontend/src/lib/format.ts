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
