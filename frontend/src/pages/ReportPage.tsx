import { Alert, Button, Space, Spin, Tag } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { ReportEvaluationDocument } from "./report/query";
import ReportView from "./report/ReportView";
import { reportCss } from "./report/printCss";
import { errorsText } from "../api/errors";

/** The printable self-evaluation report of one evaluation (/evaluations/:evaluationId/report). */
export default function ReportPage() {
  const { t } = useTranslation();
  const { evaluationId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: ReportEvaluationDocument, variables: { id: evaluationId } });
  const node = data?.node;
  const evaluation = node?.__typename === "Evaluation" ? node : undefined;

  if (error && !evaluation) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  if (!evaluation) return <Alert type="warning" showIcon message={t("report.notFound")} />;
  return (
    <div className="jx-report-page">
      <style>{reportCss}</style>
      <div className="jx-report-toolbar">
        <Space wrap>
          <Link to={`/evaluations/${evaluation.id}`}>{t("report.back")}</Link>
          <Tag>{t("report.status", { status: t(`status.${evaluation.status}`) })}</Tag>
          {evaluation.status !== "PUBLISHED" && <span style={{ color: "#8c8c8c" }}>{t("report.draftNote")}</span>}
        </Space>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
          {t("report.print")}
        </Button>
      </div>
      <ReportView evaluation={evaluation} />
    </div>
  );
}
