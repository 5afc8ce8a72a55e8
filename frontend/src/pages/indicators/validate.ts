import { bandText, inBand, ratingBand, RATINGS, type Rating } from "./bands";
import { tooLong, type Rules } from "./rules";
import { decimalProblem, toMicros } from "./decimal";
import { OPERATORS, type CellField, type IndicatorRow } from "./types";

/** A problem found before sending: an i18n key under indicators.validation and its values. */
export interface Invalid {
  key: string;
  values?: Record<string, string>;
}

function decimal(value: string, opts: { required?: boolean; nonNegative?: boolean; positive?: boolean }): Invalid | undefined {
  if (value.trim() === "") return opts.required ? { key: "required" } : undefined;
  const p = decimalProblem(value);
  if (p === "format") return { key: "notNumber", values: { value } };
  if (p === "places") return { key: "places", values: { value } };
  if (p === "range") return { key: "tooLarge", values: { value } };
  const m = toMicros(value)!;
  if (opts.positive && m <= 0n) return { key: "positive", values: { value } };
  if (opts.nonNegative && m < 0n) return { key: "nonNegative", values: { value } };
  return undefined;
}

function band(rules: Rules | undefined, score: string | null | undefined, rating: Rating | null | undefined, weight: string): Invalid | undefined {
  if (score == null || score.trim() === "" || !rating) return undefined;
  if (inBand(rules?.bands, score, rating, weight) === false) {
    return { key: "outsideBand", values: { score, band: bandText(ratingBand(rules?.bands, rating, weight)), rating } };
  }
  return undefined;
}

/** A text longer than the server's limit for field. */
function length(rules: Rules | undefined, field: string, value: string): Invalid | undefined {
  const over = tooLong(value, rules?.text(field));
  return over && { key: over.bytes ? "tooLongBytes" : "tooLong", values: { max: String(over.max) } };
}

/**
 * Checks a cell's new value as the server will, before sending it: decimals of at most 6
 * places, weight > 0, target and rated score not negative; with the server's rules
 * (limits: undefined until loaded), a rated score inside its rating's band and names and
 * units within their lengths.
 */
export function validateCell(row: IndicatorRow, field: CellField, value: string, rules?: Rules): Invalid | undefined {
  switch (field) {
    case "name":
      if (value.trim() === "") return { key: "required" };
      return length(rules, "name", value);
    case "unit":
      return length(rules, "unit", value);
    case "operator":
      return OPERATORS.some((o) => o.value === value) ? undefined : { key: "required" };
    case "target":
      return decimal(value, { required: true, nonNegative: true });
    case "actual":
      return decimal(value, {});
    case "weight": {
      const bad = decimal(value, { required: true, positive: true });
      if (bad) return bad;
      return row.kind === "QUALITATIVE" ? band(rules, row.ratedScore, row.rating, value) : undefined;
    }
    case "rating":
      return value === "" || RATINGS.includes(value as Rating) ? undefined : { key: "required" };
    case "ratedScore": {
      const bad = decimal(value, { nonNegative: true });
      if (bad) return bad;
      if (value.trim() !== "" && !row.rating) return { key: "ratingFirst" };
      return band(rules, value, row.rating, row.weight);
    }
    case "deviationReason":
      return undefined;
    case "scoringCriteria":
      return length(rules, "scoringCriteria", value);
  }
}
