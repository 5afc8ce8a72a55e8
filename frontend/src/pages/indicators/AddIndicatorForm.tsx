import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { AutoComplete, Form, Input, Modal, Radio, Select } from "antd";
import type { RefSelectProps } from "antd/es/select";
import { useTranslation } from "react-i18next";
import { errorText, type FieldError } from "../../api/errors";
import { decimalProblem, toMicros } from "./decimal";
import { halfWidthNumber } from "../../lib/numberInput";
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
const INITIAL = { kind: "QUANTITATIVE", operator: "GE", unit: "" } as const;

/**
 * The dialog's keys, whatever field has the focus: Tab always moves to the next field (a
 * suggestion list open under an AutoComplete would otherwise take it to pick an option and
 * keep the focus, so what is typed next lands in the wrong field); Enter saves, unless the
 * user has moved into an open list with the arrow keys, where Enter picks the option; Esc
 * closes an open list, else leaves the dialog (onEscape, which asks first); keys
 * typed while an input method composes are the input method's.
 */
export function useDialogKeys(onEnter: () => void, onEscape: () => void) {
  const open = useRef(new Set<string>());
  const arrowed = useRef(false);
  /** Tells the keys which list is open: pass as a picker's onOpenChange. */
  const openChange = (name: string) => (o: boolean) => {
    if (o) open.current.add(name);
    else open.current.delete(name);
    arrowed.current = false;
  };
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const target = e.target as HTMLElement;
    if (e.key === "Tab") {
      // The browser moves the focus; the picker never sees the key (its list closes on blur).
      e.stopPropagation();
    } else if (e.key === "Escape") {
      // An open list closes first (the picker takes the key); otherwise the dialog is left.
      if (open.current.size > 0) return;
      e.preventDefault();
      e.stopPropagation();
      onEscape();
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && open.current.size > 0) {
      arrowed.current = true;
    } else if (e.key === "Enter" && !(open.current.size > 0 && arrowed.current)) {
      // A button (the form's radio buttons are inputs) or a text area keeps its own Enter.
      if (target.tagName === "TEXTAREA" || target.tagName === "BUTTON") return;
      e.preventDefault();
      e.stopPropagation();
      onEnter();
    }
  };
  return { openChange, onKeyDownCapture };
}

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
  const [modal, modalHolder] = Modal.useModal();
  const first = useRef<RefSelectProps>(null);

  const decimalRule = (opts: { positive?: boolean }) => ({
    validator: (_: unknown, v: string | undefined) => {
      if (v == null || v.trim() === "") return Promise.resolve();
      v = halfWidthNumber(v);
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
      weight: halfWidthNumber(values.weight),
      target: values.kind === "QUANTITATIVE" && values.target != null ? halfWidthNumber(values.target) : undefined,
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

  const save = () => {
    if (!busy) void submit().catch(() => undefined);
  };
  const confirming = useRef(false);
  // Esc, the close button and 取消: at once when nothing was typed, else after asking.
  const cancel = () => {
    if (busy || confirming.current) return;
    const typed = Object.entries(form.getFieldsValue(true) as Record<string, unknown>).some(
      ([k, v]) => typeof v === "string" && v.trim() !== "" && v !== (INITIAL as Record<string, string>)[k],
    );
    if (!typed) {
      onCancel();
      return;
    }
    confirming.current = true;
    modal.confirm({
      title: t("indicators.discardTitle"),
      content: t("indicators.discardText"),
      okText: t("indicators.discard"),
      okButtonProps: { danger: true },
      cancelText: t("indicators.keepEditing"),
      onOk: () => {
        confirming.current = false;
        onCancel();
      },
      onCancel: () => {
        confirming.current = false;
      },
    });
  };

  const keys = useDialogKeys(save, cancel);

  return (
    <>
      {/* Outside the dialog: a key in the question must not reach the dialog behind it. */}
      {modalHolder}
      <Modal
        open={open}
        title={t("indicators.addTitle")}
        okText={t("indicators.create")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={save}
        onCancel={cancel}
        afterOpenChange={(o) => {
          if (o && !document.activeElement?.closest(".ant-modal-body")) first.current?.focus();
        }}
        destroyOnHidden
      >
        <div onKeyDownCapture={keys.onKeyDownCapture} data-testid="add-indicator-form">
          <Form form={form} layout="vertical" initialValues={INITIAL} preserve={false}>
            <Form.Item name="level1" label={t("indicators.level1")} rules={[required]}>
              <AutoComplete ref={first} options={level1Options} filterOption autoFocus onOpenChange={keys.openChange("level1")} />
            </Form.Item>
            <Form.Item name="level2" label={t("indicators.level2")} rules={[required]}>
              <AutoComplete options={level2Options} filterOption onOpenChange={keys.openChange("level2")} />
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
                  <Select
                    options={OPERATORS.map((o) => ({ value: o.value, label: o.symbol }))}
                    style={{ width: 120 }}
                    onOpenChange={keys.openChange("operator")}
                  />
                </Form.Item>
                <Form.Item name="target" label={t("indicators.col.target")} rules={[required, decimalRule({})]}>
                  <Input inputMode="decimal" />
                </Form.Item>
                {bindable && (
                  <Form.Item name="binding" label={t("indicators.formula")} extra={t("indicators.formulaHelp")}>
                    <Select
                      allowClear
                      onOpenChange={keys.openChange("binding")}
                      placeholder={t("indicators.noFormula")}
                      options={BINDINGS.map((b) => ({ value: b, label: t(`indicators.binding.${b}`) }))}
                    />
                  </Form.Item>
                )}
              </>
            )}
            <Form.Item name="unit" label={t("indicators.col.unit")} rules={[within("unit")]}>
              <AutoComplete options={COMMON_UNITS.map((u) => ({ value: u }))} filterOption onOpenChange={keys.openChange("unit")} />
            </Form.Item>
            <Form.Item name="weight" label={t("indicators.col.weight")} rules={[required, decimalRule({ positive: true })]}>
              <Input inputMode="decimal" />
            </Form.Item>
            {other && <div className="ind-cell-error" role="alert">{other}</div>}
          </Form>
        </div>
      </Modal>
    </>
  );
}
