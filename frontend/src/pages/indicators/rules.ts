import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import type { Rating } from "../../gql/graphql";
import { toMicros } from "./decimal";

// The numbers the server's rules check, as the server serves them (limits): the
// editor checks a cell with them before sending it, and copies none of them.
const LimitsDocument = graphql(`
  query IndicatorRules {
    limits {
      fields { type field maxLength maxBytes }
      ratingBands { rating low high highInclusive }
    }
  }
`);

/** A rating's band as millionths of a share of the weight (800000 = 80 %). */
export interface Share {
  lo: bigint;
  hi: bigint;
  hiInclusive: boolean;
}

export type Bands = ReadonlyMap<Rating, Share>;

/** The longest text a field takes: in characters, or in UTF-8 bytes when the server counts bytes. */
export interface TextLimit {
  maxLength?: number;
  maxBytes?: number;
}

export interface Rules {
  bands: Bands;
  /** An Indicator field's limit, undefined when it has none. */
  text(field: string): TextLimit | undefined;
}

/** A rating's band as the server serves it: shares of the weight, as decimal strings. */
export interface ServedBand {
  rating: Rating;
  low: string;
  high: string;
  highInclusive: boolean;
}

/**
 * The server's rules, once loaded (undefined until then: the server still checks every save). The
 * bands are subjectBands, those of the rules that score the indicators being edited (a rule set may
 * move them), once the subject is loaded; the built-in rules' (limits) before.
 */
export function useRules(subjectBands?: readonly ServedBand[]): Rules | undefined {
  const [{ data }] = useQuery({ query: LimitsDocument });
  return useMemo(() => {
    if (!data) return undefined;
    const bands = new Map<Rating, Share>();
    for (const b of subjectBands ?? data.limits.ratingBands) {
      const lo = toMicros(b.low);
      const hi = toMicros(b.high);
      if (lo !== undefined && hi !== undefined) bands.set(b.rating, { lo, hi, hiInclusive: b.highInclusive });
    }
    const texts = new Map<string, TextLimit>();
    for (const f of data.limits.fields) {
      if (f.type === "Indicator") texts.set(f.field, { maxLength: f.maxLength ?? undefined, maxBytes: f.maxBytes ?? undefined });
    }
    return { bands, text: (field: string) => texts.get(field) };
  }, [data, subjectBands]);
}

/** Whether text is longer than limit allows, and the limit to name. */
export function tooLong(text: string, limit: TextLimit | undefined): { max: number; bytes: boolean } | undefined {
  if (limit?.maxLength !== undefined && [...text].length > limit.maxLength) return { max: limit.maxLength, bytes: false };
  if (limit?.maxBytes !== undefined && new TextEncoder().encode(text).length > limit.maxBytes) return { max: limit.maxBytes, bytes: true };
  return undefined;
}
