import { formatScaled, PLACES, toMicros } from "./decimal";

export type Rating = "ACHIEVED" | "PARTIAL" | "NOT_ACHIEVED";
export const RATINGS: Rating[] = ["ACHIEVED", "PARTIAL", "NOT_ACHIEVED"];

// The qualitative bands of SCORING.md §2 as tenths of the weight: [lo, hi], hi inclusive or not.
const BANDS: Record<Rating, [bigint, bigint, boolean]> = {
  ACHIEVED: [8n, 10n, true],
  PARTIAL: [6n, 8n, false],
  NOT_ACHIEVED: [0n, 6n, false],
};

/** A rating's band in points for one weight: edges printed as the server prints them. */
export interface Band {
  lo: string;
  hi: string;
  hiInclusive: boolean;
}

/** The band of a rating for a weight; undefined when the weight is not a positive decimal. */
export function ratingBand(rating: Rating | null | undefined, weight: string | null | undefined): Band | undefined {
  if (!rating || !(rating in BANDS)) return undefined;
  const w = toMicros(weight);
  if (w === undefined || w <= 0n) return undefined;
  const [lo, hi, hiInclusive] = BANDS[rating];
  // weight (millionths) × tenths = value at 7 places; printed exactly, at least 2 places.
  return { lo: formatScaled(w * lo, PLACES + 1), hi: formatScaled(w * hi, PLACES + 1), hiInclusive };
}

/** The band as a cell shows it: "4.00–5.00", or "3.00–<4.00" when the upper edge is excluded. */
export function bandText(band: Band | undefined): string {
  if (!band) return "";
  return `${band.lo}–${band.hiInclusive ? "" : "<"}${band.hi}`;
}

/** Whether score lies in the rating's band of weight, compared exactly as the server does. */
export function inBand(score: string, rating: Rating, weight: string): boolean | undefined {
  const s = toMicros(score);
  const w = toMicros(weight);
  if (s === undefined || w === undefined || w <= 0n || !(rating in BANDS)) return undefined;
  const [lo, hi, hiInclusive] = BANDS[rating];
  const s10 = s * 10n;
  return s10 >= w * lo && (s10 < w * hi || (hiInclusive && s10 === w * hi));
}
