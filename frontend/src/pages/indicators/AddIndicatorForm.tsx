import { useMemo, useState } from "react";
import { AutoComplete, Form, Input, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { errorText, type FieldError } from "../../api/errors";
import { decimalProblem, toMicros } from "./decimal";
import { tooLong, type Rules } from "./rules";
import { COMMON_UNITS, OPERATORS, type Kind, type Operator } from "./types";

export interface NewIndicator {
  level1: string;
  level2: string;
  name: string;
  kind: Kind;
  operator?: Operator;
  target?: string;
  unit: string;
  weight: string;
  /** A department-year indicator may take its actual value from a formula over the figures. */
  binding?: FormulaBinding;
}

const BINDINGS = ["EXECUTION_RATE", "CARRYOVER_RATE", "ASSET_UTILIZATION", "PUBLIC_FUNDS_CONTROL", "THREE_PUBLIC_CONTROL"] as const;
type FormulaBinding = (typeof BINDINGS)[number];

interface Props {
  open: boolean;
  /** Existing groups, offered as choices: level-1 name → its level-2 names. */
  groups: Map<string, string[]>;
  onCancel(): void;
  /** Creates the indicator; resolves to the server's errors (empty on success). */
  onCreate(values: NewIndicator): Promise<FieldError[]>;
  /** Whether formulas may be offered: only a department-year's own indicators can be bound. */
  bindable?: boolean;
  /** The server's rules (limits), for the length checks; undefined until loaded, when the server alone checks. */
  rules?: Rules;
}

const FIELDS = new Set(["level1", "level2", "name", "kind", "operator", "target", "unit", "weight", "binding"]);

/** The small form that adds an indicator: where it goes, what it measures, its weight. */
export default function AddIndicatorForm({ open, groups, onCancel, onCreate, bindable, rules }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewIndicator>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string>();
  const kind = Form.useWatch("kind", form);
  const level1 = Form.useWatch("level1", form);
  const level1Options = useMemo(() => [...groups.keys()].map((v) => ({ value: v })), [groups]);
  const level2Options = useMemo(() => (groups.get(level1 ?? "") ?? []).map((v) => ({ value: v })), [groups, level1]);

  const decimalRule = (opts: { positive?: boolean }) => ({
    validator: (_: unknown, v: string | undefined) => {
      if (v == null || v.trim() === "") return Promise.resolve();
      const p = decimalProblem(v);
      if (p === "format") return Promise.reject(new Error(t("indicators.validation.notNumber", { value: v })));
      if (p === "places") return Promise.reject(new Error(t("indicators.validation.places", { value: v })));
      if (p === "range") return Promise.reject(new Error(t("indicators.validation.tooLarge", { value: v })));
      const m = toMicros(v)!;
      if (opts.positive && m <= 0n) return Promise.reject(new Error(t("indicators.validation.positive")));
      if (m < 0n) return Promise.reject(new Error(t("indicators.validation.nonNegative")));
      return Promise.resolve();
    },
  });
  const required = { required: true, whitespace: true, message: t("indicators.validation.required") };
  // A text within the length the server checks for field (limits), in its unit.
  const within = (field: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const over = tooLong(value ?? "", rules?.text(field));
      if (over) throw new Error(t(`indicators.validation.${over.bytes ? "tooLongBytes" : "tooLong"}`, { max: over.max }));
    },
  });

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setOther(undefined);
    const errors = await onCreate({
      ...values,
      level1: values.level1.trim(),
      level2: values.level2.trim(),
      name: values.name.trim(),
      unit: (values.unit ?? "").trim(),
      weight: values.weight.trim(),
      target: values.kind === "QUANTITATIVE" ? values.target?.trim() : undefined,
      operator: values.kind === "QUANTITATIVE" ? values.operator : undefined,
      binding: values.kind === "QUANTITATIVE" && bindable ? values.binding || undefined : undefined,
    });
    setBusy(false);
    if (errors.length === 0) {
      form.resetFields();
      return;
    }
    form.setFields(
      errors
        .filter((e) => e.field && FIELDS.has(e.field))
        .map((e) => ({ name: e.field as keyof NewIndicator, errors: [errorText(t, e)] })),
    );
    const rest = errors.filter((e) => !e.field || !FIELDS.has(e.field));
    if (rest.length) setOther(rest.map((e) => errorText(t, e)).join("；"));
  };

  return (
    <Modal
      open={open}
      title={t("indicators.addTitle")}
      okText={t("indicators.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "QUANTITATIVE", operator: "GE", unit: "" }} preserve={false}>
        <Form.Item name="level1" label={t("indicators.level1")} rules={[required]}>
          <AutoComplete options={level1Options} filterOption />
        </Form.Item>
        <Form.Item name="level2" label={t("indicators.level2")} rules={[required]}>
          <AutoComplete options={level2Options} filterOption />
        </Form.Item>
        <Form.Item name="name" label={t("indicators.col.name")} rules={[required, within("name")]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("indicators.col.kind")}>
          <Radio.Group
            optionType="button"
            options={(["QUANTITATIVE", "QUALITATIVE"] as const).map((k) => ({ value: k, label: t(`indicators.kind.${k}`) }))}
          />
        </Form.Item>
        {kind !== "QUALITATIVE" && (
          <>
            <Form.Item name="operator" label={t("indicators.col.operator")} rules={[{ required: true, message: t("indicators.validation.required") }]}>
              <Select options={OPERATORS.map((o) => ({ value: o.value, label: o.symbol }))} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="target" label={t("indicators.col.target")} rules={[required, decimalRule({})]}>
              <Input inputMode="decimal" />
            </Form.Item>
            {bindable && (
              <Form.Item name="binding" label={t("indicators.formula")} extra={t("indicators.formulaHelp")}>
                <Select
                  allowClear
                  placeholder={t("indicators.noFormula")}
                  options={BINDINGS.map((b) => ({ value: b, label: t(`indicators.binding.${b}`) }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="unit" label={t("indicators.col.unit")} rules={[within("unit")]}>
          <AutoComplete options={COMMON_UNITS.map((u) => ({ value: u }))} filterOption />
        </Form.Item>
        <Form.Item name="weight" label={t("indicators.col.weight")} rules={[required, decimalRule({ positive: true })]}>
          <Input inputMode="decimal" />
        </Form.Item>
        {other && <div className="ind-cell-error" role="alert">{other}</div>}
      </Form>
    </Modal>
  );
}
