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

/** The field's name in the UI's language (the GraphQL name when the catalogue has none). */
export function fieldName(t: TFunction, field: string | undefined): string {
  return field ? t(`errors.field.${field}`, { defaultValue: field }) : "";
}

/** The sentence for a reason code and its params, in the UI's language. */
export function reasonText(t: TFunction, reason: string, params: Record<string, unknown> | undefined, field?: string): string {
  return t(`errors.reason.${reason}`, { ...params, field: fieldName(t, field), defaultValue: t("errors.reason.INVALID", { field: fieldName(t, field) }) });
}

/** The sentence for a server error, built from its code, reason and params: never its English message. */
export function errorText(t: TFunction, e: FieldError): string {
  if (e.reason) return reasonText(t, e.reason, e.params, e.field);
  return t(`errors.code.${e.code}`, {
    field: fieldName(t, e.field),
    status: e.status ? t(`status.${e.status}`) : "",
    defaultValue: t("errors.code.UNKNOWN"),
  });
}
