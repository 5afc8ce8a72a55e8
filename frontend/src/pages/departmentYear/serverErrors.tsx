import { createContext, useContext, useEffect } from "react";
import { Alert, Button, Space } from "antd";
import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";

/** A failed save sorted for display: a stale version, messages for fields on screen, the rest. */
export interface Sorted {
  /** Somebody saved first (CONFLICT on the version); the row must be reloaded. */
  conflict: boolean;
  /** Messages for the inputs named by extensions.field. */
  fields: Record<string, string>;
  /** Everything else (LOCKED, FORBIDDEN, a field not on screen, network…), shown at the top. */
  general: FieldError[];
}

/** Sorts a mutation's errors, each field's written in the UI's language; fields lists the names of the inputs the form shows. */
export function sortErrors(t: TFunction, error: CombinedError | undefined, fields: readonly string[]): Sorted {
  const out: Sorted = { conflict: false, fields: {}, general: [] };
  if (!error) return out;
  const stale = new Set(
    error.graphQLErrors.filter((e) => e.extensions?.code === "CONFLICT" && e.extensions?.currentVersion != null).map((e) => e.message),
  );
  for (const e of fieldErrors(error)) {
    if (e.code === "CONFLICT" && (stale.has(e.message) || e.field === "version")) out.conflict = true;
    else if (e.field && fields.includes(e.field) && !out.fields[e.field]) out.fields[e.field] = errorText(t, e);
    else out.general.push(e);
  }
  return out;
}

/** The title of an error shown at the top of a form, by its code. */
export function useErrorTitle() {
  const { t } = useTranslation();
  return (code: string) => {
    switch (code) {
      case "LOCKED":
        return t("departmentYear.errors.locked");
      case "FORBIDDEN":
      case "UNAUTHENTICATED":
        return t("common.forbidden");
      case "NETWORK":
        return t("departmentYear.errors.network");
      case "BAD_USER_INPUT":
        return t("departmentYear.errors.badInput");
      default:
        return t("common.error");
    }
  };
}

/**
 * What a page does when a save meets a lock (LOCKED): read the page again, so that what the
 * server now says (viewerCan, lockReason) turns the page read-only with the reason shown.
 */
export const OnLocked = createContext<(() => void) | undefined>(undefined);

/** The errors of a save that belong at the top of its form, and the reload offer after a conflict. */
export function ServerAlerts({ sorted, onReload }: { sorted: Sorted | undefined; onReload: () => void }) {
  const { t } = useTranslation();
  const title = useErrorTitle();
  const onLocked = useContext(OnLocked);
  const locked = !!sorted?.general.some((e) => e.code === "LOCKED");
  useEffect(() => {
    if (locked) onLocked?.();
  }, [locked, onLocked, sorted]);
  if (!sorted || (!sorted.conflict && sorted.general.length === 0)) return null;
  return (
    <Space direction="vertical" style={{ width: "100%", marginBottom: 12 }}>
      {sorted.conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={t("common.conflict")}
          action={
            <Button size="small" onClick={onReload}>
              {t("common.reload")}
            </Button>
          }
        />
      )}
      {sorted.general.map((e, i) => (
        <Alert key={i} type="error" showIcon role="alert" message={title(e.code)} description={errorText(t, e)} />
      ))}
    </Space>
  );
}
