import { formatScaled, PLACES, toMicros } from "./decimal";
import type { Bands } from "./rules";

export type { Rating } from "../../gql/graphql";
import type { Rating } from "../../gql/graphql";
export const RATINGS: Rating[] = ["ACHIEVED", "PARTIAL", "NOT_ACHIEVED"];

/** A rating's band in points for one weight: edges printed as the server prints them. */
export interface Band {
  lo: string;
  hi: string;
  hiInclusive: boolean;
}

/**
 * The band of a rating for a weight, from the shares the server serves (limits.ratingBands);
 * undefined when the bands are not loaded or the weight is not a positive decimal.
 */
export function ratingBand(bands: Bands | undefined, rating: Rating | null | undefined, weight: string | null | undefined): Band | undefined {
  const share = rating ? bands?.get(rating) : undefined;
  const w = toMicros(weight);
  if (!share || w === undefined || w <= 0n) return undefined;
  // weight (millionths) × share (millionths) = value at 12 places; printed exactly, at least 2 places.
  return { lo: formatScaled(w * share.lo, PLACES * 2), hi: formatScaled(w * share.hi, PLACES * 2), hiInclusive: share.hiInclusive };
}

/** The band as a cell shows it: "4.00–5.00", or "3.00–<4.00" when the upper edge is excluded. */
export function bandText(band: Band | undefined): string {
  if (!band) return "";
  return `${band.lo}–${band.hiInclusive ? "" : "<"}${band.hi}`;
}

/** Whether score lies in the rating's band of weight, compared exactly; undefined when it cannot tell. */
export function inBand(bands: Bands | undefined, score: string, rating: Rating, weight: string): boolean | undefined {
  const share = bands?.get(rating);
  const s = toMicros(score);
  const w = toMicros(weight);
  if (!share || s === undefined || w === undefined || w <= 0n) return undefined;
  const s6 = s * 1_000_000n; // score at 12 places, as weight × share
  const lo = w * share.lo;
  const hi = w * share.hi;
  return s6 >= lo && (s6 < hi || (share.hiInclusive && s6 === hi));
}
