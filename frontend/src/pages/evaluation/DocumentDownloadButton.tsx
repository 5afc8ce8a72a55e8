import { useState } from "react";
import { Button, message } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { exportErrorText } from "../../components/ExportButton";
import { downloadDocument, type EvaluationDocument } from "./formFile";

/** Downloads one of the evaluation's documents as the server makes it, saying what it saved or why not. */
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
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadDocument(evaluationID, document);
      void message.success(t("forms.downloaded", { name }));
    } catch (err) {
      void message.error(exportErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} title={title} loading={busy} onClick={() => void run()} data-testid={`download-${document}`}>
      {label}
    </Button>
  );
}

