import type { ReactNode } from "react";
import { Alert, Empty, Spin } from "antd";
import type { CombinedError } from "urql";
import type { TFunction } from "i18next";
import { errorsText } from "../../api/errors";

/**
 * What a card shows instead of its chart and table while there is nothing to draw:
 * the error, a spinner on the first load, or the empty message; undefined when the
 * data is there.
 */
export function pending(t: TFunction, q: { error?: CombinedError; fetching: boolean; data: unknown }, empty: boolean, emptyText?: string): ReactNode | undefined {
  if (q.error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, q.error)} />;
  if (q.fetching && !q.data) return <Spin />;
  if (empty) return <Empty description={emptyText ?? t("common.empty")} />;
  return undefined;
}
