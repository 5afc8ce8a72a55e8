import { Button, Tooltip } from "antd";
import { PaperClipOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { EvidenceButton } from "../indicators/Evidence";

// The 佐证材料 cell of a monitoring report's row: the entry's files (read by whoever reads the
// report; uploaded and deleted by the department while the report is a draft or returned, which
// the server decides). Files attach to a stored entry: a row nothing is said of yet has none.

export interface EntryEvidenceProps {
  entry: { id?: string | null; attachmentCount: number; indicator: { id: string; name: string } };
  /** The report may be changed now (viewerCan.edit). */
  editable: boolean;
}

export default function EntryEvidence({ entry, editable }: EntryEvidenceProps) {
  const { t } = useTranslation();
  if (!entry.id) {
    const why = editable ? t("evidence.saveFirst") : t("evidence.noneYet", { name: entry.indicator.name });
    return (
      <span data-testid={`entry-evidence-${entry.indicator.id}`}>
        <Tooltip title={why}>
          <span>
            <Button type="text" size="small" disabled icon={<PaperClipOutlined />} aria-label={why} />
          </span>
        </Tooltip>
      </span>
    );
  }
  return (
    <span data-testid={`entry-evidence-${entry.indicator.id}`}>
      <EvidenceButton owner={{ kind: "monitoringEntry", id: entry.id }} name={entry.indicator.name} count={entry.attachmentCount} readOnly={!editable} />
    </span>
  );
}
