import { formatScaled, shareToPercent, toMicros } from "../indicators/decimal";

export interface SubtotalLike {
  level1: string;
  level2?: string | null;
  score: string;
  weight: string;
}

/** One bar of the breakdown chart and one row of its table. */
export interface BreakdownRow {
  key: string;
  level: 1 | 2;
  level1: string;
  level2?: string;
  label: string;
  score: string;
  weight: string;
  /** score / weight in percent, two places; undefined for a zero weight. */
  attainment?: string;
}

/** The server's subtotals (each level-1 group followed by its level-2 groups) as chart and table rows. */
export function breakdownRows(subtotals: SubtotalLike[]): BreakdownRow[] {
  return subtotals.map((s) => {
    const w = toMicros(s.weight);
    const sc = toMicros(s.score);
    let attainment: string | undefined;
    if (w !== undefined && sc !== undefined && w > 0n) {
      // score / weight at 6 places, rounded half up, then as a percentage.
      const q = (sc * 10n ** 7n) / w;
      const share = (q + 5n) / 10n;
      attainment = shareToPercent(formatScaled(share, 6));
    }
    return {
      key: s.level2 == null ? `1:${s.level1}` : `2:${s.level1}\u0000${s.level2}`,
      level: s.level2 == null ? 1 : 2,
      level1: s.level1,
      level2: s.level2 ?? undefined,
      label: s.level2 == null ? s.level1 : `${s.level1} / ${s.level2}`,
      score: s.score,
      weight: s.weight,
      attainment,
    };
  });
}
