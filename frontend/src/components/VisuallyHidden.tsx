import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Text for screen readers only: in the page, out of sight. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" }}>{children}</span>
  );
}

/** The header of a table's expand-button column (antd leaves it empty): "details", read, not shown. */
export function ExpandColumnTitle() {
  const { t } = useTranslation();
  return <VisuallyHidden>{t("a11y.expandColumn")}</VisuallyHidden>;
}
