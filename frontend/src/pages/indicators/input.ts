import type { UpdateIndicatorInput } from "../../gql/graphql";
import { inBand } from "./bands";
import type { Bands } from "./rules";
import { sameDecimal } from "./decimal";
import { halfWidthNumber } from "../../lib/numberInput";
import { isOperator, isRating, type CellField, type IndicatorRow } from "./types";

type SentField =
  | "name"
  | "operator"
  | "target"
  | "unit"
  | "weight"
  | "actual"
  | "clearActual"
  | "rating"
  | "clearRating"
  | "ratedScore"
  | "clearRatedScore"
  | "deviationReason"
  | "scoringCriteria";

/** The fields of UpdateIndicatorInput the editor sends (never null: clearing has its own flags). */
export type IndicatorChange = { [K in SentField]?: NonNullable<UpdateIndicatorInput[K]> };

const DECIMAL_FIELDS = new Set<CellField>(["target", "weight", "actual", "ratedScore"]);

/**
 * A cell's typed text as the editor checks and sends it: a number typed through an input
 * method (full-width １２０．５, －, ％) in ASCII (see halfWidthNumber); texts as typed.
 */
export function typedValue(field: CellField, raw: string): string {
  return DECIMAL_FIELDS.has(field) ? halfWidthNumber(raw) : raw;
}

/**
 * The update that sets one cell to value, or undefined when nothing changes. A new rating
 * whose band no longer holds the rated score clears the score, which the server would
 * otherwise refuse; an emptied rating clears the score with it.
 */
export function changeFor(row: IndicatorRow, field: CellField, raw: string, bands?: Bands): IndicatorChange | undefined {
  // Texts keep what was typed (line breaks and all); names and numbers are trimmed.
  const value = field === "deviationReason" || field === "scoringCriteria" ? raw : raw.trim();
  const old = row[field] == null ? "" : String(row[field]);
  if (DECIMAL_FIELDS.has(field) ? sameDecimal(old, value) : old === value) return undefined;
  switch (field) {
    case "actual":
      return value === "" ? { clearActual: true } : { actual: value };
    case "ratedScore":
      return value === "" ? { clearRatedScore: true } : { ratedScore: value };
    case "rating": {
      if (value === "") return { clearRating: true, ...(row.ratedScore != null ? { clearRatedScore: true } : {}) };
      if (!isRating(value)) return undefined; // the picker offers only ratings; validate.ts names the problem
      const keep = row.ratedScore != null && inBand(bands, row.ratedScore, value, row.weight) === true;
      return { rating: value, ...(row.ratedScore != null && !keep ? { clearRatedScore: true } : {}) };
    }
    case "operator":
      return isOperator(value) ? { operator: value } : undefined;
    case "name":
      return { name: value };
    default:
      return { [field]: value };
  }
}

/** The row as it will look once change is saved (computed values stay until the server answers). */
export function applyChange(row: IndicatorRow, change: IndicatorChange): IndicatorRow {
  const next: IndicatorRow = { ...row };
  if (change.name !== undefined) next.name = change.name;
  if (change.operator !== undefined) next.operator = change.operator;
  if (change.target !== undefined) next.target = change.target;
  if (change.unit !== undefined) next.unit = change.unit;
  if (change.weight !== undefined) next.weight = change.weight;
  if (change.actual !== undefined) next.actual = change.actual;
  if (change.clearActual) next.actual = null;
  if (change.rating !== undefined) next.rating = change.rating;
  if (change.clearRating) next.rating = null;
  if (change.ratedScore !== undefined) next.ratedScore = change.ratedScore;
  if (change.clearRatedScore) next.ratedScore = null;
  if (change.deviationReason !== undefined) next.deviationReason = change.deviationReason;
  if (change.scoringCriteria !== undefined) next.scoringCriteria = change.scoringCriteria;
  return next;
}
