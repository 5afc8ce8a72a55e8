import { useState } from "react";
import { Alert, Button, Card, Form, Input, Modal, Skeleton, Space, Table, Tag, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, type CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { errorText, errorsText, fieldErrors, type FieldError } from "../../api/errors";
import type { MonitoringReportFieldsFragment } from "../../gql/graphql";
import {
  ApproveMonitoringDocument,
  MonitoringReportDocument,
  ReturnMonitoringDocument,
  SetMonitoringBudgetDocument,
  SetMonitoringEntryDocument,
  SubmitMonitoringDocument,
} from "./queries";
import EntryModal, { entryInput, type Entry, type EntryValues } from "./EntryModal";
import BudgetPart, { budgetInput, type BudgetValues } from "./BudgetPart";
import { LightDot } from "./steps";
import EntryEvidence from "./EntryEvidence";

type Report = MonitoringReportFieldsFragment;

export const statusColor: Record<string, string> = { DRAFT: "default", SUBMITTED: "processing", RETURNED: "warning", APPROVED: "success" };

const ops: Record<string, string> = { GE: "≥", GT: ">", EQ: "=", LE: "≤", LT: "<" };

/** A decimal as typed, without trailing zeros: "80.00" → "80", "0.25" stays. */
const plain = (d: string) => (d.includes(".") ? d.replace(/\.?0+$/, "") : d);

/** A server error in the catalogue's words, a monitoring lock's status in the UI's language. */
export function monitoringErrorText(t: TFunction, e: FieldError): string {
  if (e.reason === "MONITORING_LOCKED" && e.status) {
    return t("errors.reason.MONITORING_LOCKED", { status: t(`monitoring.status.${e.status}`) });
  }
  if (e.reason === "MONITORING_STEP" && e.params) {
    return t("errors.reason.MONITORING_STEP", { from: t(`monitoring.status.${e.params.from}`), to: t(`monitoring.status.${e.params.to}`) });
  }
  return errorText(t, e);
}

/** The problems a refused submission lists (its last error, REFUSED, counts them). */
function Problems({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="monitoring-errors"
      message={errors.some((e) => e.code === "SUBMIT_CHECK") ? t("monitoring.problems") : t("common.error")}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {errors
            .filter((e) => e.reason !== "REFUSED")
            .map((e, i) => (
              <li key={i}>{monitoringErrorText(t, { ...e, params: { ...e.params, name: e.indicatorName ?? t("monitoring.budget") } })}</li>
            ))}
        </ul>
      }
    />
  );
}

/** One monitoring report: the indicators' grid, the budget part, the steps and the downloads. */
export default function ReportView({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: MonitoringReportDocument, variables: { id } });
  const [entryState, setEntry] = useMutation(SetMonitoringEntryDocument);
  const [budgetState, setBudget] = useMutation(SetMonitoringBudgetDocument);
  const [, submit] = useMutation(SubmitMonitoringDocument);
  const [, approve] = useMutation(ApproveMonitoringDocument);
  const [, ret] = useMutation(ReturnMonitoringDocument);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [returning, setReturning] = useState(false);
  const [returnForm] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState(false);

  if (fetching && !data) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  const report = data?.node?.__typename === "MonitoringReport" ? (data.node as Report) : null;
  if (!report) return null;

  const month = report.budget.month;
  const period = month > 0 ? t("monitoring.period", { month }) : t("monitoring.periodStart");
  const done = (err: CombinedError | undefined) => {
    const es = fieldErrors(err);
    setErrors(es);
    return es.length === 0;
  };
  const step = async (run: () => Promise<{ error?: CombinedError }>) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    return done(r.error);
  };
  const saveEntry = async (v: EntryValues) => {
    if (!editing) return;
    const r = await setEntry({ report: report.id, indicator: editing.indicator.id, input: entryInput(v) });
    if (done(r.error)) setEditing(null);
  };
  const saveBudget = async (v: BudgetValues) => done((await setBudget({ report: report.id, input: budgetInput(v) })).error);

  const columns = [
    {
      title: t("monitoring.col.indicator"),
      key: "indicator",
      fixed: "left" as const,
      width: 200,
      render: (_: unknown, e: Entry) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{e.indicator.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.indicator.level1} / {e.indicator.level2}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t("monitoring.col.target"),
      key: "target",
      render: (_: unknown, e: Entry) =>
        e.indicator.kind === "QUALITATIVE" ? "—" : `${e.indicator.operator ? ops[e.indicator.operator] : ""}${e.indicator.target == null ? "" : plain(e.indicator.target)}${e.indicator.unit}`,
    },
    { title: t("monitoring.col.valueToDate", { period }), key: "value", render: (_: unknown, e: Entry) => (e.valueToDate == null ? "—" : `${plain(e.valueToDate)}${e.indicator.unit}`) },
    {
      title: t("monitoring.col.expected"),
      key: "expected",
      render: (_: unknown, e: Entry) => (
        <Space direction="vertical" size={0}>
          <span>{e.expected == null ? "—" : `${plain(e.expected)}${e.indicator.unit}`}</span>
          {e.overridden && e.expectedOverride != null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("monitoring.computedWas", {
                value: e.computedExpected == null ? "—" : `${plain(e.computedExpected)}${e.indicator.unit}`,
                light: e.computedLight ? t(`monitoring.light.${e.computedLight}`) : "—",
              })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t("monitoring.col.light"), key: "light", render: (_: unknown, e: Entry) => <LightDot light={e.light} computed={e.computedLight} steps={e.expectedSteps} /> },
    { title: t("monitoring.col.likelihood"), key: "likelihood", render: (_: unknown, e: Entry) => (e.likelihood ? t(`monitoring.likelihood.${e.likelihood}`) : "—") },
    {
      title: t("monitoring.col.cause"),
      key: "cause",
      render: (_: unknown, e: Entry) =>
        e.cause || e.causeCategory ? (
          <span>
            {e.causeCategory && <Tag>{t(`monitoring.cause.${e.causeCategory}`)}</Tag>}
            {e.cause}
          </span>
        ) : e.explanationRequired ? (
          <Typography.Text type="danger">{t("monitoring.required")}</Typography.Text>
        ) : (
          "—"
        ),
    },
    {
      title: t("monitoring.col.measure"),
      key: "measure",
      render: (_: unknown, e: Entry) => e.measure || (e.explanationRequired ? <Typography.Text type="danger">{t("monitoring.required")}</Typography.Text> : "—"),
    },
    {
      title: t("evidence.column"),
      key: "evidence",
      render: (_: unknown, e: Entry) => <EntryEvidence entry={e} editable={report.viewerCan.edit} />,
    },
    ...(report.viewerCan.edit
      ? [
          {
            title: t("monitoring.col.actions"),
            key: "actions",
            render: (_: unknown, e: Entry) => (
              <Button size="small" onClick={() => setEditing(e)} data-testid={`monitoring-edit-${e.indicator.id}`}>
                {t("monitoring.edit")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" style={{ width: "100%" }} size={12} data-testid="monitoring-report">
      <Card size="small">
        <Space wrap size={12}>
          <Typography.Text strong>
            {t("monitoring.point")}：{report.point}
          </Typography.Text>
          <Tag color={statusColor[report.status]} data-testid="monitoring-status">
            {t(`monitoring.status.${report.status}`)}
          </Tag>
          {report.viewerCan.submit && (
            <Button type="primary" loading={busy} data-testid="monitoring-submit" onClick={() => void step(() => submit({ id: report.id }))}>
              {t("monitoring.submit")}
            </Button>
          )}
          {report.viewerCan.review && (
            <>
              <Button type="primary" loading={busy} data-testid="monitoring-approve" onClick={() => void step(() => approve({ id: report.id, comment: null }))}>
                {t("monitoring.approve")}
              </Button>
              <Button danger data-testid="monitoring-return" onClick={() => setReturning(true)}>
                {t("monitoring.return")}
              </Button>
            </>
          )}
          <a href={`/files/monitoring/${report.id}/form.xlsx`} download data-testid="monitoring-xlsx">
            <DownloadOutlined /> {t("monitoring.xlsx")}
          </a>
          <a href={`/files/monitoring/${report.id}/form.docx`} download data-testid="monitoring-docx">
            <DownloadOutlined /> {t("monitoring.docx")}
          </a>
        </Space>
        {report.reviewComment && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t("monitoring.reviewComment", { comment: report.reviewComment })}</Typography.Paragraph>
        )}
        {(report.status === "SUBMITTED" || report.status === "APPROVED") && !report.viewerCan.review && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t("monitoring.locked", { status: t(`monitoring.status.${report.status}`) })}
          </Typography.Paragraph>
        )}
      </Card>
      <Problems errors={errors} />
      <BudgetPart report={report} period={period} saving={budgetState.fetching} onSave={saveBudget} />
      <Table<Entry>
        rowKey={(e) => e.indicator.id}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={report.entries}
        scroll={{ x: 1100 }}
        onRow={(e) => ({ "data-light": e.light ?? "NONE" }) as React.HTMLAttributes<HTMLElement>}
      />
      <EntryModal entry={editing} saving={entryState.fetching} onSave={(v) => void saveEntry(v)} onCancel={() => setEditing(null)} />
      {returning && (
        <Modal
          open
          title={t("monitoring.returnTitle")}
          okText={t("monitoring.return")}
          cancelText={t("monitoring.cancel")}
          onCancel={() => setReturning(false)}
          onOk={() =>
            void returnForm.validateFields().then(async (v) => {
              if (await step(() => ret({ id: report.id, comment: v.comment }))) setReturning(false);
            })
          }
        >
          <Form form={returnForm} layout="vertical">
            <Form.Item name="comment" label={t("monitoring.returnReason")} rules={[{ required: true, whitespace: true, message: t("monitoring.returnRequired") }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
