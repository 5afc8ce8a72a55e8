import type { FormulaBinding, IndicatorEditorRowFragment, IndicatorKind, Operator, Rating } from "../../gql/graphql";

// The enums and the row are the types GraphQL Code Generator makes from the schema and the
// editor's fragment: a change there fails tsc here, not a user at run time.
export type { Operator, Rating };
export type Kind = IndicatorKind;
export type Binding = FormulaBinding;

/**
 * One indicator as the editor shows it: the IndicatorEditorRow fragment (stored plus computed values).
 * Its targetAdjustment (the original of a target an approved adjustment changed) may be left out:
 * a row without it shows its target alone.
 */
export type IndicatorRow = Omit<IndicatorEditorRowFragment, "targetAdjustment"> &
  Partial<Pick<IndicatorEditorRowFragment, "targetAdjustment">>;

// A Record over the enum: a new operator in the schema fails tsc until it has a symbol.
const SYMBOLS: Record<Operator, string> = { GE: "≥", GT: ">", EQ: "=", LE: "≤", LT: "<" };

/** The operators in the order the picker offers them. */
export const OPERATORS = (["GE", "GT", "EQ", "LE", "LT"] as const satisfies readonly Operator[]).map((value) => ({
  value,
  symbol: SYMBOLS[value],
}));

export const operatorSymbol = (op: Operator | null | undefined) => (op ? SYMBOLS[op] : "");

/** Whether a string the user picked names an operator. */
export const isOperator = (value: string): value is Operator => Object.hasOwn(SYMBOLS, value);

const RATINGS: Record<Rating, true> = { ACHIEVED: true, PARTIAL: true, NOT_ACHIEVED: true };

/** Whether a string the user picked names a rating. */
export const isRating = (value: string): value is Rating => Object.hasOwn(RATINGS, value);

/** Units the unit picker offers; any other text is allowed too. */
export const COMMON_UNITS = ["%", "人次", "篇", "次", "个", "件", "万元"];

/** The cells a user edits in the table, named as the GraphQL input fields. */
export type CellField =
  | "name"
  | "operator"
  | "target"
  | "unit"
  | "weight"
  | "actual"
  | "rating"
  | "ratedScore"
  | "deviationReason"
  | "scoringCriteria";

/** Editable cells from left to right: the order Tab follows. */
export const CELL_ORDER: CellField[] = [
  "name",
  "operator",
  "target",
  "unit",
  "weight",
  "actual",
  "rating",
  "ratedScore",
  "deviationReason",
  "scoringCriteria",
];

/** The cells the year's filed or approved targets fix (绩效目标): changed only by an approved adjustment. */
export const TARGET_FIELDS: ReadonlySet<CellField> = new Set<CellField>(["name", "operator", "target", "unit", "weight"]);

/** Whether a cell of row can be edited at all (read-only screens aside). */
export function cellApplies(row: Pick<IndicatorRow, "kind" | "binding">, field: CellField): boolean {
  switch (field) {
    case "operator":
    case "target":
      return row.kind === "QUANTITATIVE";
    case "actual":
      return row.kind === "QUANTITATIVE" && !row.binding;
    case "rating":
    case "ratedScore":
      return row.kind === "QUALITATIVE";
    default:
      return true;
  }
}

/** The value a cell's editor starts with. */
export function cellValue(row: IndicatorRow, field: CellField): string {
  const v = row[field];
  return v == null ? "" : String(v);
}
