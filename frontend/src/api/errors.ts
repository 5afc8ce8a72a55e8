import type { TFunction } from "i18next";
import type { CombinedError } from "urql";

/**
 * One server error as the UI shows it: its code, the field it concerns, the reason
 * and its params, the indicator and the lock, all from extensions. message is the
 * server's English text, for logs: the UI writes its sentence with errorText.
 */
export interface FieldError {
  code: string;
  field?: string;
  reason?: string;
  params?: Record<string, string>;
  indicatorID?: string;
  indicatorName?: string;
  /** LOCKED: the status of the evaluation that holds the data. */
  status?: string;
  message: string;
}

const str = (v: unknown) => (v == null ? undefined : String(v));

/** Lists a response's GraphQL errors with their extensions. */
export function fieldErrors(error: CombinedError | undefined): FieldError[] {
  if (!error) return [];
  if (error.networkError) return [{ code: "NETWORK", message: error.networkError.message }];
  return error.graphQLErrors.map((e) => {
    const x = e.extensions ?? {};
    return {
      code: String(x.code ?? ""),
      field: str(x.field),
      reason: str(x.reason),
      params: (x.params as Record<string, string> | undefined) ?? undefined,
      indicatorID: str(x.indicatorID),
      indicatorName: str(x.indicatorName),
      status: str(x.status),
      message: e.message,
    };
  });
}

/**
 * The field's name in the UI's language: the errors catalogue's, else the
 * department-year form's label of that field, else the GraphQL name.
 */
export function fieldName(t: TFunction, field: string | undefined): string {
  if (!field) return "";
  // setFundingLines names a line by its place in the input: lines[1].executed.
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
  if (line) return t("errors.field.line", { n: Number(line[1]) + 1, field: columnName(t, line[2]) });
  // A list argument names its element: libraryIDs[1].
  const item = /^(\w+)\[(\d+)\]$/.exec(field);
  if (item) return t("errors.field.item", { n: Number(item[2]) + 1, field: fieldName(t, item[1]) });
  // A field of a list's element, as proposeTargetAdjustment names it: changes.0.target.
  const nested = /^(\w+)\.(\d+)\.(\w+)$/.exec(field);
  if (nested) return t("errors.field.itemField", { list: fieldName(t, nested[1]), n: Number(nested[2]) + 1, field: fieldName(t, nested[3]) });
  const label = t(`departmentYear.figures.${field}`, { defaultValue: t(`departmentYear.months.${field}`, { defaultValue: field }) });
  return t(`errors.field.${field}`, { defaultValue: label });
}

/** A column of the forms' budget table (initialBudget, adjustedBudget, executed) as the table heads it. */
function columnName(t: TFunction, column: string): string {
  return t(`departmentYear.funding.${column}`, { defaultValue: fieldName(t, column) });
}

/** The sentence for a reason code and its params, in the UI's language. */
export function reasonText(t: TFunction, reason: string, params: Record<string, unknown> | undefined, field?: string): string {
  // A column param (FUNDING_SUM_MISMATCH) names a field: written in the UI's language too; so does
  // the parameter a rule set's band must stay below (NOT_ORDERED's above).
  const column = typeof params?.column === "string" ? { column: columnName(t, params.column) } : {};
  const above = typeof params?.above === "string" ? { aboveName: fieldName(t, params.above) } : {};
  return t(`errors.reason.${reason}`, {
    ...params,
    ...column,
    ...above,
    ...(reason === "YEAR_HAS_DATA" ? { held: heldText(t, params) } : {}),
    field: fieldName(t, field),
    defaultValue: t("errors.reason.INVALID", { field: fieldName(t, field) }),
  });
}

/** What a year holds (YEAR_HAS_DATA's params besides the year: a count per kind), in the UI's language. */
function heldText(t: TFunction, params: Record<string, unknown> | undefined): string {
  return Object.entries(params ?? {})
    .filter(([k]) => k !== "year")
    .map(([k, n]) => t(`errors.held.${k}`, { count: Number(n), defaultValue: `${k} ${String(n)}` }))
    .join(t("errors.held.separator"));
}

/** The sentences for every error of a response, in the UI's language: for a page that could not load. */
export function errorsText(t: TFunction, error: CombinedError): string {
  return fieldErrors(error)
    .map((e) => errorText(t, e))
    .join(" ");
}

/** The sentence for a server error, built from its code, reason and params: never its English message. */
export function errorText(t: TFunction, e: FieldError): string {
  // LOCKED by the year's targets: the sentence says where they stand (extensions.status).
  if (e.reason === "TARGETS_FIXED") return t("errors.reason.TARGETS_FIXED", { context: e.status });
  if (e.reason) return reasonText(t, e.reason, e.params, e.field);
  return t(`errors.code.${e.code}`, {
    field: fieldName(t, e.field),
    status: e.status ? t(`status.${e.status}`) : "",
    defaultValue: t("errors.code.UNKNOWN"),
  });
}
