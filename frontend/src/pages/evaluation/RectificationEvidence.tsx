import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EvidenceButton, EvidencePanel } from "../indicators/Evidence";

// The evidence (整改佐证材料) of a rectification item's answer: a paper clip in the items' table
// (the reviewer reads and downloads), and the files in the answer dialog, where the department
// uploads and deletes them while the item is open (the server decides: viewerCan.answer).

export interface RectificationEvidenceProps {
  item: { id: string; issue: string; attachmentCount: number; viewerCan: { answer: boolean } };
}

/** The items' table cell. */
export function RectificationEvidenceButton({ item }: RectificationEvidenceProps) {
  return (
    <span data-testid={`rect-evidence-${item.id}`}>
      <EvidenceButton owner={{ kind: "rectification", id: item.id }} name={item.issue} count={item.attachmentCount} readOnly={!item.viewerCan.answer} />
    </span>
  );
}

/** The answer dialog's files: listed, uploaded and deleted in place. */
export function RectificationEvidencePanel({ item }: RectificationEvidenceProps) {
  const { t } = useTranslation();
  return (
    <div data-testid="answer-evidence">
      <Typography.Text strong>{t("evidence.answerFiles")}</Typography.Text>
      <EvidencePanel owner={{ kind: "rectification", id: item.id }} readOnly={!item.viewerCan.answer} />
    </div>
  );
}
