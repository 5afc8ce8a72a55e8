import { useState } from "react";
import { Alert, Button, Input, Space, Spin, Tag, Typography, message } from "antd";
import { EditOutlined, PrinterOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery, type CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import { ReportDocument, SetReportTextDocument, type ReportSection } from "./report/query";
import ReportView from "./report/ReportView";
import { reportCss } from "./report/printCss";
import { errorsText } from "../api/errors";
import DocumentDownloadButton from "./evaluation/DocumentDownloadButton";

// The conclusion, problems and improvements sections are the evaluation's own fields: its page reads them.
const mutationContext = { additionalTypenames: ["Evaluation", "ReportText"] };

/**
 * The self-evaluation report of one evaluation (/evaluations/:evaluationId/report), as the server
 * writes it, printable. Whoever may edit the evaluation's texts (viewerCan.edit, the server's answer)
 * edits the department's text of a section in place.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const { evaluationId = "" } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ReportDocument, variables: { id: evaluationId } });
  const [editing, setEditing] = useState<string>();
  const node = data?.node;
  const evaluation = node?.__typename === "Evaluation" ? node : undefined;

  if (error && !evaluation) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  if (!evaluation) return <Alert type="warning" showIcon message={t("report.notFound")} />;
  const canEdit = evaluation.viewerCan.edit;
  // The legend tells an editor what the marked drafts are and that they are theirs to write.
  const drafts = canEdit && evaluation.report.sections.some((s) => s.text && !s.text.written);
  return (
    <div className="jx-report-page">
      <style>{reportCss}</style>
      <div className="jx-report-toolbar">
        <Space wrap>
          <Link to={`/evaluations/${evaluation.id}`}>{t("report.back")}</Link>
          <Tag>{t("report.status", { status: t(`status.${evaluation.status}`) })}</Tag>
          <span data-testid="characters">{t("report.characters", { n: evaluation.report.characters })}</span>
          {evaluation.status !== "PUBLISHED" && <span style={{ color: "#595959" }}>{t("report.draftNote")}</span>}
        </Space>
        <Space wrap>
          <DocumentDownloadButton evaluationID={evaluation.id} document="report.docx" label={t("report.word")} title={t("report.wordTitle")} />
          <DocumentDownloadButton evaluationID={evaluation.id} document="report.pdf" label={t("report.pdf")} title={t("report.pdfTitle")} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
            {t("report.print")}
          </Button>
        </Space>
      </div>
      {drafts && <Alert className="jx-report-toolbar" type="info" showIcon message={t("report.draftLegend")} />}
      <ReportView
        report={evaluation.report}
        tools={(s) =>
          canEdit && s.text && editing !== s.key ? (
            <Button
              className="jx-no-print"
              type="link"
              size="small"
              icon={<EditOutlined />}
              aria-label={t("report.editSection", { title: s.title })}
              onClick={() => setEditing(s.key)}
            >
              {t("report.edit")}
            </Button>
          ) : null
        }
        below={(s) =>
          canEdit && editing === s.key ? (
            <SectionEditor
              evaluationId={evaluation.id}
              section={s}
              onClose={(saved) => {
                setEditing(undefined);
                if (saved) refetch({ requestPolicy: "network-only" });
              }}
            />
          ) : null
        }
      />
    </div>
  );
}

/** Edits the department's text of one section: its own words, or the generator's draft to start from. */
function SectionEditor({
  evaluationId,
  section,
  onClose,
}: {
  evaluationId: string;
  section: ReportSection;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const text = section.text!;
  const [value, setValue] = useState(text.written ? text.value : text.draft);
  const [failure, setFailure] = useState<CombinedError>();
  const [{ fetching }, setReportText] = useMutation(SetReportTextDocument);

  const save = async (next: string) => {
    setFailure(undefined);
    const r = await setReportText(
      { evaluationID: evaluationId, section: section.key, text: next, version: text.version },
      mutationContext,
    );
    if (r.error) {
      setFailure(r.error);
      return;
    }
    void message.success(t("report.saved"));
    onClose(true);
  };

  return (
    <div className="jx-no-print jx-report-editor" data-testid={`editor-${section.key}`}>
      <Typography.Text type="secondary">{t(`report.store.${text.store}`)}</Typography.Text>
      <Input.TextArea
        aria-label={t("report.editSection", { title: section.title })}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 16 }}
        maxLength={text.maxLength}
        showCount
      />
      {failure && <Alert type="error" showIcon message={errorsText(t, failure)} />}
      <Space wrap>
        <Button type="primary" loading={fetching} onClick={() => void save(value)}>
          {t("report.save")}
        </Button>
        <Button onClick={() => onClose(false)}>{t("report.cancel")}</Button>
        {text.written && (
          <Button danger type="text" disabled={fetching} onClick={() => void save("")}>
            {t("report.useDraft")}
          </Button>
        )}
      </Space>
    </div>
  );
}
