import { useState } from "react";
import { Alert, Button, Space, Spin, Typography, message } from "antd";
import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import ReportView from "../report/ReportView";
import { reportCss } from "../report/printCss";
import { documentPath, type EvaluationDocument } from "../evaluation/formFile";
import { dispositionName, exportErrorText, refusal, saveBlob } from "../../components/ExportButton";
import type { Report } from "../report/query";
import { PublicReportDocument, asPublic, type PublicReport } from "./query";

/**
 * One published self-evaluation report (/public/reports/:evaluationId), read-only, as the server writes
 * it, with its Word and PDF downloads. What is not published reads as not found, signed in or not: the
 * server hides it from the public (as a missing row), and this page shows nothing but published reports.
 */
export default function PublicReportPage() {
  const { t } = useTranslation();
  const { evaluationId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PublicReportDocument, variables: { id: evaluationId }, context: asPublic });
  const node = data?.node;
  const evaluation = node?.__typename === "Evaluation" && node.status === "PUBLISHED" ? node : undefined;

  const back = (
    <Link to="/public" className="jx-no-print" data-testid="public-back">
      {t("public.home")}
    </Link>
  );
  if (fetching && !data) return <Spin />;
  if (!evaluation) {
    // A hidden evaluation answers as a missing one (null, or NOT_FOUND): both are "not found" here.
    const failed = error && !error.graphQLErrors.some((e) => e.extensions?.code === "NOT_FOUND");
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        {back}
        <Alert type={failed ? "error" : "warning"} showIcon message={failed ? t("public.loadFailed") : t("public.notFound")} data-testid="public-not-found" />
      </Space>
    );
  }
  return (
    <div className="jx-report-page" data-testid="public-report">
      <style>{reportCss}</style>
      <div className="jx-report-toolbar">
        <Space wrap>
          {back}
          <Typography.Text style={{ color: "#595959" }}>
            {evaluation.departmentYear.department.name} · {t("public.yearValue", { year: evaluation.departmentYear.year })}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Download evaluationID={evaluation.id} document="report.docx" label={t("public.word")} ariaLabel={t("public.wordLabel")} />
          <Download evaluationID={evaluation.id} document="report.pdf" label={t("public.pdf")} ariaLabel={t("public.pdfLabel")} />
          <Button icon={<PrinterOutlined />} aria-label={t("public.printLabel")} onClick={() => window.print()} data-testid="public-print">
            {t("public.print")}
          </Button>
        </Space>
      </div>
      <ReportView report={asPublished(evaluation.report)} />
    </div>
  );
}

/**
 * The report as the public reads it: a published document, so without the marks the screen puts on the
 * generator's drafts for the department's editors (the Word and PDF files carry none either).
 */
function asPublished(report: PublicReport): Report {
  return {
    ...report,
    sections: report.sections.map((s) => ({ ...s, text: null, paragraphs: s.paragraphs.map((p) => ({ ...p, draft: false })) })),
  };
}

/**
 * Downloads one of the report's files as the public does (without the session cookie, as the page reads
 * it) and saves it under the name the server gives; rejects with the server's refusal.
 */
async function downloadPublic(evaluationID: string, document: EvaluationDocument): Promise<string> {
  const resp = await fetch(documentPath(evaluationID, document), { credentials: "omit" });
  if (!resp.ok) throw await refusal(resp);
  const name = dispositionName(resp.headers.get("Content-Disposition")) ?? `${evaluationID}-${document}`;
  saveBlob(await resp.blob(), name);
  return name;
}

/** Downloads one of the report's files as the server makes it, saying what it saved or why not. */
function Download({ evaluationID, document, label, ariaLabel }: { evaluationID: string; document: EvaluationDocument; label: string; ariaLabel: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadPublic(evaluationID, document);
      void message.success(t("public.downloaded", { name }));
    } catch (err) {
      void message.error(exportErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} aria-label={ariaLabel} title={ariaLabel} loading={busy} onClick={() => void run()} data-testid={`public-download-${document}`}>
      {label}
    </Button>
  );
}
