import type { Rating } from "./bands";

export type Operator = "GE" | "GT" | "EQ" | "LE" | "LT";
export type Kind = "QUANTITATIVE" | "QUALITATIVE";
export type Binding = "EXECUTION_RATE" | "CARRYOVER_RATE" | "ASSET_UTILIZATION" | "PUBLIC_FUNDS_CONTROL" | "THREE_PUBLIC_CONTROL";

export const OPERATORS: { value: Operator; symbol: string }[] = [
  { value: "GE", symbol: "≥" },
  { value: "GT", symbol: ">" },
  { value: "EQ", symbol: "=" },
  { value: "LE", symbol: "≤" },
  { value: "LT", symbol: "<" },
];

export const operatorSymbol = (op: Operator | null | undefined) => OPERATORS.find((o) => o.value === op)?.symbol ?? "";

/** Units the unit picker offers; any other text is allowed too. */
export const COMMON_UNITS = ["%", "人次", "篇", "次", "个", "件", "万元"];

/** One indicator as the editor shows it: what is stored plus what the server computes. */
export interface IndicatorRow {
  id: string;
  version: number;
  position: number;
  level1: string;
  level2: string;
  name: string;
  kind: Kind;
  operator?: Operator | null;
  target?: string | null;
  unit: string;
  weight: string;
  actual?: string | null;
  binding?: Binding | null;
  rating?: Rating | null;
  ratedScore?: string | null;
  deviationReason: string;
  effectiveActual?: string | null;
  completionRate?: string | null;
  score: string;
  attainment: string;
  deviationRequired: boolean;
}

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
  | "deviationReason";

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
];

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
