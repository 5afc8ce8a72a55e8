import { useState } from "react";
import { Button, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { percent, plain } from "../../lib/format";
import { operatorSymbol, type IndicatorRow } from "./types";

/** The deviation thresholds of the rules that score the indicator, in percent (decimal strings). */
export interface Thresholds {
  below: string;
  atOrAbove: string;
}

interface Props {
  row: IndicatorRow | undefined;
  thresholds: Thresholds | undefined;
  onSave(reason: string): void;
  onLater(): void;
}

/** Asks for the deviation reason (偏差原因分析) an indicator now needs before submission. */
export default function DeviationPrompt({ row, thresholds, onSave, onLater }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!row}
      title={t("indicators.deviationPromptTitle")}
      onCancel={onLater}
      footer={null}
      destroyOnHidden
    >
      {row && <PromptBody key={row.id} row={row} thresholds={thresholds} onSave={onSave} onLater={onLater} />}
    </Modal>
  );
}

function PromptBody({ row, thresholds, onSave, onLater }: { row: IndicatorRow; thresholds: Thresholds | undefined; onSave(reason: string): void; onLater(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(row.deviationReason);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSave(reason);
      }}
    >
      <Typography.Paragraph>
        {t("indicators.deviationPromptText", {
          name: row.name,
          target: `${operatorSymbol(row.operator)} ${row.target ?? "—"}${row.unit}`,
          actual: `${row.effectiveActual ?? "—"}${row.unit}`,
          rate: row.completionRate == null ? "—" : percent(row.completionRate),
          below: thresholds ? plain(thresholds.below) : "—",
          atOrAbove: thresholds ? plain(thresholds.atOrAbove) : "—",
        })}
      </Typography.Paragraph>
      <Input.TextArea
        autoFocus
        rows={4}
        value={reason}
        aria-label={t("indicators.col.deviationReason")}
        placeholder={t("indicators.deviationPlaceholder")}
        onChange={(e) => setReason(e.target.value)}
      />
      <div style={{ display: "flex", justifyContent: "flex-end", gap: 8, marginTop: 16 }}>
        <Button onClick={onLater}>{t("indicators.deviationLater")}</Button>
        <Button type="primary" htmlType="submit" disabled={!reason.trim()}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}
