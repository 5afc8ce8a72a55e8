import { toMicros } from "./decimal";
import type { Rating } from "./bands";
import type { Rules, Share, TextLimit } from "./rules";

/** What the server's limits query answers today (TestLimits asserts the same), as useRules reads it. */
export const serverLimits = {
  fields: [
    { type: "Indicator", field: "name", maxLength: null, maxBytes: 300 },
    { type: "Indicator", field: "unit", maxLength: null, maxBytes: 20 },
    { type: "Indicator", field: "deviationReason", maxLength: 2000, maxBytes: null },
    { type: "Indicator", field: "scoringCriteria", maxLength: 2000, maxBytes: null },
  ],
  ratingBands: [
    { rating: "ACHIEVED", low: "0.80", high: "1.00", highInclusive: true },
    { rating: "PARTIAL", low: "0.60", high: "0.80", highInclusive: false },
    { rating: "NOT_ACHIEVED", low: "0.00", high: "0.60", highInclusive: false },
  ],
} as const;

/** serverLimits as Rules, for tests of the pure functions. */
export function rulesOf(limits: typeof serverLimits | { fields: readonly { type: string; field: string; maxLength: number | null; maxBytes: number | null }[]; ratingBands: readonly { rating: string; low: string; high: string; highInclusive: boolean }[] } = serverLimits): Rules {
  const bands = new Map<Rating, Share>(
    limits.ratingBands.map((b) => [b.rating as Rating, { lo: toMicros(b.low)!, hi: toMicros(b.high)!, hiInclusive: b.highInclusive }]),
  );
  const texts = new Map<string, TextLimit>(
    limits.fields.map((f) => [f.field, { maxLength: f.maxLength ?? undefined, maxBytes: f.maxBytes ?? undefined }]),
  );
  return { bands, text: (f) => texts.get(f) };
}
