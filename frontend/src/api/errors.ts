import type { CombinedError } from "urql";

/** One server error as the UI shows it: the field it concerns, if any, and its code. */
export interface FieldError {
  code: string;
  field?: string;
  message: string;
  indicatorID?: string;
}

/** Lists a response's GraphQL errors with their extensions (code, field, indicatorID). */
export function fieldErrors(error: CombinedError | undefined): FieldError[] {
  if (!error) return [];
  if (error.networkError) return [{ code: "NETWORK", message: error.networkError.message }];
  return error.graphQLErrors.map((e) => ({
    code: String(e.extensions?.code ?? ""),
    field: e.extensions?.field as string | undefined,
    indicatorID: e.extensions?.indicatorID != null ? String(e.extensions.indicatorID) : undefined,
    message: e.message,
  }));
}

/** The error to show next to field, if the server named it. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}
