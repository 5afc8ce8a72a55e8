import { useState } from "react";
import { Button, Dropdown, Space, message } from "antd";
import { DownloadOutlined, DownOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { exportErrorText } from "../../components/ExportButton";
import { downloadDocument, type EvaluationDocument } from "./formFile";

/**
 * Downloads one of the evaluation's documents as the server makes it, saying what it saved or why
 * not; its menu offers the same with the derivation of the scores (含评分计算过程).
 */
export default function DocumentDownloadButton({
  evaluationID,
  document,
  label,
  title,
}: {
  evaluationID: string;
  document: EvaluationDocument;
  label: string;
  title?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (explain: boolean) => {
    setBusy(true);
    try {
      const name = await downloadDocument(evaluationID, document, explain);
      void message.success(t("forms.downloaded", { name }));
    } catch (err) {
      void message.error(exportErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const withExplanation = `${label}（${t("explain.withExplanation")}）`;
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} title={title} loading={busy} onClick={() => void run(false)} data-testid={`download-${document}`}>
        {label}
      </Button>
      <Dropdown
        trigger={["click"]}
        disabled={busy}
        menu={{
          items: [{ key: "explain", label: withExplanation, title: t("explain.withExplanationTitle") }],
          onClick: () => void run(true),
        }}
      >
        <Button icon={<DownOutlined />} aria-label={withExplanation} data-testid={`download-${document}-options`} />
      </Dropdown>
    </Space.Compact>
  );
}
