import { useEffect } from "react";
import { Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DeviationCause, Likelihood, MonitoringEntryInput, MonitoringReportFieldsFragment } from "../../gql/graphql";
import { halfWidthNumber } from "../../lib/numberInput";

export type Entry = MonitoringReportFieldsFragment["entries"][number];

export interface EntryValues {
  valueToDate?: string;
  expectedOverride?: string;
  likelihoodOverride?: Likelihood;
  overrideReason?: string;
  causeCategory?: DeviationCause;
  cause?: string;
  measure?: string;
  note?: string;
}

// (Numbers only: full-width digits typed through an input method are read as ASCII, see lib/numberInput.)
const blank = (s: string | undefined | null) => (s && s.trim() !== "" ? halfWidthNumber(s) : null);

/** The input setMonitoringEntry takes from the form's values (empty is null: it clears). */
export function entryInput(v: EntryValues): MonitoringEntryInput {
  return {
    valueToDate: blank(v.valueToDate),
    expectedOverride: blank(v.expectedOverride),
    likelihoodOverride: v.likelihoodOverride ?? null,
    overrideReason: v.overrideReason ?? "",
    causeCategory: v.causeCategory ?? null,
    cause: v.cause ?? "",
    measure: v.measure ?? "",
    note: v.note ?? "",
  };
}

const decimal = /^-?\d+(\.\d{1,6})?$/;

/** The form of one indicator's entry: value to date, override with reason, cause and measure. */
export default function EntryModal({
  entry,
  saving,
  onSave,
  onCancel,
}: {
  entry: Entry | null;
  saving: boolean;
  onSave: (v: EntryValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EntryValues>();
  useEffect(() => {
    if (!entry) return;
    form.setFieldsValue({
      valueToDate: entry.valueToDate ?? undefined,
      expectedOverride: entry.expectedOverride ?? undefined,
      likelihoodOverride: entry.likelihoodOverride ?? undefined,
      overrideReason: entry.overrideReason,
      causeCategory: entry.causeCategory ?? undefined,
      cause: entry.cause,
      measure: entry.measure,
      note: entry.note,
    });
  }, [entry, form]);
  if (!entry) return null;
  const qualitative = entry.indicator.kind === "QUALITATIVE";
  const needs = entry.explanationRequired;
  const number = { pattern: decimal, message: t("errors.reason.INVALID", { field: "" }) };
  return (
    <Modal
      open
      title={t("monitoring.entryTitle", { name: entry.indicator.name })}
      okText={t("monitoring.save")}
      cancelText={t("monitoring.cancel")}
      confirmLoading={saving}
      onOk={() => void form.validateFields().then(onSave)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {!qualitative && (
          <Form.Item name="valueToDate" label={t("monitoring.valueToDate")} rules={[number]}>
            <Input suffix={entry.indicator.unit} inputMode="decimal" />
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary">{t("monitoring.overrideHelp")}</Typography.Paragraph>
        {!qualitative && (
          <Form.Item name="expectedOverride" label={t("monitoring.expectedOverride")} rules={[number]}>
            <Input suffix={entry.indicator.unit} inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item name="likelihoodOverride" label={t("monitoring.likelihoodOverride")}>
          <Select
            allowClear
            options={(["LIKELY", "AT_RISK", "UNLIKELY"] as const).map((l) => ({ value: l, label: t(`monitoring.likelihood.${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="overrideReason" label={t("monitoring.overrideReason")}>
          <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="causeCategory" label={t("monitoring.causeCategory")} extra={needs ? t("monitoring.required") : undefined}>
          <Select
            allowClear
            options={(["FUNDING", "SYSTEM", "STAFF", "HARDWARE", "OTHER"] as const).map((c) => ({ value: c, label: t(`monitoring.cause.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="cause" label={t("monitoring.causeText")} required={needs} extra={needs ? t("monitoring.required") : undefined}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="measure" label={t("monitoring.measureText")} required={needs} extra={needs ? t("monitoring.required") : undefined}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="note" label={t("monitoring.note")}>
          <Input maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
