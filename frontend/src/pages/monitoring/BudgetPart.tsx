import { useMemo, useState } from "react";
import { Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { EChartsOption } from "echarts";
import EChart from "../../lib/charts/EChart";
import type { MonitoringReportFieldsFragment } from "../../gql/graphql";
import { LightDot } from "./steps";
import { halfWidthNumber } from "../../lib/numberInput";

type Report = MonitoringReportFieldsFragment;

export interface BudgetValues {
  executed?: string;
  expectedOverride?: string;
  overrideReason?: string;
  cause?: string;
  measure?: string;
}

// (Numbers only: full-width digits typed through an input method are read as ASCII, see lib/numberInput.)
const blank = (s: string | undefined | null) => (s && s.trim() !== "" ? halfWidthNumber(s) : null);

/** The input setMonitoringBudget takes from the form's values. */
export function budgetInput(v: BudgetValues) {
  return {
    executed: blank(v.executed),
    expectedOverride: blank(v.expectedOverride),
    overrideReason: v.overrideReason ?? "",
    cause: v.cause ?? "",
    measure: v.measure ?? "",
  };
}

const pct = (s: string | null | undefined) => (s == null ? "—" : `${s}%`);

/** The budget part: spending to date against the month target, the expected rate, the curve. */
export default function BudgetPart({
  report,
  period,
  saving,
  onSave,
}: {
  report: Report;
  period: string;
  saving: boolean;
  onSave: (v: BudgetValues) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const b = report.budget;
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<BudgetValues>();
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { data: [t("monitoring.curveExecuted"), t("monitoring.curveTarget")] },
      xAxis: { type: "category", data: b.months.map((m) => `${m.month}`) },
      yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      series: [
        { name: t("monitoring.curveExecuted"), type: "line", data: b.months.map((m) => (m.rate == null ? null : Number(m.rate))) },
        { name: t("monitoring.curveTarget"), type: "line", lineStyle: { type: "dashed" }, data: b.months.map((m) => Number(m.targetPercent)) },
      ],
    }),
    [b.months, t],
  );
  const open = () => {
    form.setFieldsValue({
      executed: report.budgetExecuted ?? undefined,
      expectedOverride: report.budgetExpectedOverride ?? undefined,
      overrideReason: report.budgetOverrideReason,
      cause: report.budgetCause,
      measure: report.budgetMeasure,
    });
    setEditing(true);
  };
  return (
    <Card
      title={t("monitoring.budget")}
      size="small"
      data-testid="monitoring-budget"
      extra={
        report.viewerCan.edit && (
          <Button onClick={open} data-testid="monitoring-budget-edit">
            {t("monitoring.budgetEdit")}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
          <Descriptions.Item label={t("monitoring.adjustedBudget")}>{b.adjustedBudget}</Descriptions.Item>
          <Descriptions.Item label={t("monitoring.executedToDate", { period })}>{b.executedToDate ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("monitoring.rateToDate")}>{pct(b.rateToDate)}</Descriptions.Item>
          <Descriptions.Item label={t("monitoring.monthTarget")}>{pct(b.targetPercent)}</Descriptions.Item>
          <Descriptions.Item label={t("monitoring.expectedRate")}>
            {pct(b.expectedRate)}
            {b.overridden && (
              <Typography.Text type="secondary"> ({t("monitoring.computedWas", { value: pct(b.computedExpectedRate), light: b.computedLight ? t(`monitoring.light.${b.computedLight}`) : "—" })})</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("monitoring.col.light")}>
            <LightDot light={b.light} computed={b.computedLight} steps={b.expectedSteps} />
          </Descriptions.Item>
          {(b.explanationRequired || report.budgetCause) && (
            <Descriptions.Item label={t("monitoring.causeText")}>{report.budgetCause || "—"}</Descriptions.Item>
          )}
          {(b.explanationRequired || report.budgetMeasure) && (
            <Descriptions.Item label={t("monitoring.measureText")}>{report.budgetMeasure || "—"}</Descriptions.Item>
          )}
        </Descriptions>
        {b.months.length > 0 && (
          <EChart option={option} height={240} ariaLabel={t("monitoring.curve")} loadingText={t("monitoring.chartLoading")} failedText={t("monitoring.chartFailed")} />
        )}
      </Space>
      {editing && (
        <Modal
          open
          title={t("monitoring.budgetEdit")}
          okText={t("monitoring.save")}
          cancelText={t("monitoring.cancel")}
          confirmLoading={saving}
          onCancel={() => setEditing(false)}
          onOk={() =>
            void form.validateFields().then(async (v) => {
              if (await onSave(v)) setEditing(false);
            })
          }
        >
          <Form form={form} layout="vertical">
            <Form.Item name="executed" label={t("monitoring.budgetExecuted")}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="expectedOverride" label={t("monitoring.budgetOverride")}>
              <Input inputMode="decimal" suffix="%" />
            </Form.Item>
            <Form.Item name="overrideReason" label={t("monitoring.overrideReason")}>
              <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="cause" label={t("monitoring.causeText")} required={b.explanationRequired} extra={b.explanationRequired ? t("monitoring.required") : undefined}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="measure" label={t("monitoring.measureText")} required={b.explanationRequired} extra={b.explanationRequired ? t("monitoring.required") : undefined}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
