import type { TFunction } from "i18next";
import type { WarningCode } from "../gql/graphql";

/**
 * A warning as the server gives it (Warning): its code, the params its sentence names and,
 * when it concerns one, the indicator, project or month. The server's English message is
 * for logs: the UI writes its sentence with warningText.
 */
export interface WarningLike {
  code: WarningCode;
  params: unknown;
  month?: number | null;
  /** departmentYearID and projectID: where its editor is (a list links to it). */
  indicator?: { id: string; name: string; departmentYearID?: string; projectID?: string | null } | null;
  project?: { id: string; name: string } | null;
}

// A Record over the enum: a new code in the schema fails tsc until it has a sentence key.
const KEYS: Record<WarningCode, (params: Record<string, string>) => string> = {
  TARGET_TOO_LOW: () => "TARGET_TOO_LOW",
  TARGET_UNCHANGED: () => "TARGET_UNCHANGED",
  ALL_EXACTLY_MET: () => "ALL_EXACTLY_MET",
  PERCENT_AS_SHARE: (p) => `PERCENT_AS_SHARE.${p.field === "actual" ? "actual" : "target"}`,
  CUMULATIVE_FALLS: () => "CUMULATIVE_FALLS",
  NEGATIVE_QUANTITY: () => "NEGATIVE_QUANTITY",
};

const paramsOf = (w: WarningLike) => (w.params && typeof w.params === "object" ? (w.params as Record<string, string>) : {});

/** The sentence for a warning, from its code and params, in the UI's language. */
export function warningText(t: TFunction, w: WarningLike): string {
  const params = paramsOf(w);
  const key = KEYS[w.code]?.(params);
  return key ? t(`warnings.code.${key}`, { ...params, defaultValue: t("warnings.unknown") }) : t("warnings.unknown");
}

/** What a warning is about, as a list names it: the indicator, the project, the month, else the subject. */
export function warningSubject(t: TFunction, w: WarningLike): string {
  if (w.indicator) return w.indicator.name;
  if (w.month != null) return t("warnings.month", { month: w.month });
  if (w.project) return t("warnings.project", { name: w.project.name });
  return t("warnings.subjectTitle");
}

/** The indicator's field a warning is about, for the editor to open: the target or the actual value. */
export function warningField(w: WarningLike): "target" | "actual" | undefined {
  switch (w.code) {
    case "PERCENT_AS_SHARE":
      return paramsOf(w).field === "actual" ? "actual" : "target";
    case "TARGET_TOO_LOW":
    case "TARGET_UNCHANGED":
      return "target";
    case "NEGATIVE_QUANTITY":
      return "actual";
  }
  return undefined;
}
