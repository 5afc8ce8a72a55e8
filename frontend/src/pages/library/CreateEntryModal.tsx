import { useState } from "react";
import { Checkbox, Form, Input, Modal, Radio, Select } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { errorText, fieldErrors } from "../../api/errors";
import { decimalProblem } from "../indicators/decimal";
import { OPERATORS, type Kind, type Operator } from "../indicators/types";
import { CreateLibraryDocument, trim, UpdateLibraryDocument, type LibraryEntry } from "./query";

interface Values {
  scope: "COMMON" | "DEPARTMENT";
  level1: string;
  level2: string;
  name: string;
  kind: Kind;
  operator?: Operator;
  targetMin?: string;
  targetMax?: string;
  unit?: string;
  weight?: string;
  scoringCriteria?: string;
  tags: string[];
  propose: boolean;
}

const FIELDS = new Set(["scope", "level1", "level2", "name", "kind", "operator", "targetMin", "targetMax", "unit", "weight", "scoringCriteria", "tags"]);

/**
 * A new library entry: the finance bureau's for the common library, an editor's for their
 * department's (and, ticked, proposed to the bureau at once); or, given entry, a change of it,
 * with the version read. The server checks it all.
 */
export default function CreateEntryModal({
  open,
  bureau,
  department,
  entry,
  onClose,
}: {
  open: boolean;
  /** The entry to change; none for a new one. */
  entry?: LibraryEntry;
  /** Whether the caller keeps the common library (administrators, reviewers). */
  bureau: boolean;
  /** The caller's department, for an entry of its own; none for the bureau. */
  department?: { id: string; name: string };
  onClose(created?: string): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [other, setOther] = useState<string>();
  const [{ fetching: creating }, create] = useMutation(CreateLibraryDocument);
  const [{ fetching: updating }, update] = useMutation(UpdateLibraryDocument);
  const fetching = creating || updating;
  const kind = Form.useWatch("kind", form);
  const scope = Form.useWatch("scope", form);
  const required = { required: true, whitespace: true, message: t("indicators.validation.required") };
  const decimal = {
    validator: async (_: unknown, v?: string) => {
      if (!v?.trim()) return;
      const p = decimalProblem(v.trim());
      if (p) throw new Error(t(p === "format" ? "indicators.validation.notNumber" : p === "places" ? "indicators.validation.places" : "indicators.validation.tooLarge", { value: v }));
    },
  };
  const submit = async () => {
    const v = await form.validateFields();
    setOther(undefined);
    const quantitative = v.kind === "QUANTITATIVE";
    const opt = (s?: string) => (s?.trim() ? s.trim() : undefined);
    const fields = {
      level1: v.level1,
      level2: v.level2,
      name: v.name.trim(),
      kind: v.kind,
      operator: quantitative ? v.operator : undefined,
      targetMin: quantitative ? opt(v.targetMin) : undefined,
      targetMax: quantitative ? opt(v.targetMax) : undefined,
      unit: v.unit?.trim() ?? "",
      weight: opt(v.weight),
      scoringCriteria: v.scoringCriteria?.trim() ?? "",
      tags: v.tags,
    };
    const r = entry
      ? await update({
          id: entry.id,
          version: entry.version,
          // What is left empty is cleared, as the form shows it.
          input: {
            ...fields,
            clearOperator: !fields.operator,
            clearTargetMin: !fields.targetMin,
            clearTargetMax: !fields.targetMax,
            clearWeight: !fields.weight,
          },
        })
      : await create({
          input: { ...fields, scope: v.scope, departmentID: v.scope === "DEPARTMENT" ? department?.id : undefined },
          propose: v.scope === "DEPARTMENT" && v.propose,
        });
    const errors = fieldErrors(r.error);
    if (!errors.length) {
      form.resetFields();
      return onClose(t(entry ? "library.saved" : "library.created", { name: v.name.trim() }));
    }
    form.setFields(errors.filter((e) => e.field && FIELDS.has(e.field)).map((e) => ({ name: e.field as keyof Values, errors: [errorText(t, e)] })));
    const rest = errors.filter((e) => !e.field || !FIELDS.has(e.field));
    if (rest.length) setOther(rest.map((e) => errorText(t, e)).join(" "));
  };
  return (
    <Modal
      open={open}
      title={entry ? t("library.editTitle", { name: entry.name }) : t("library.addTitle")}
      okText={entry ? t("common.save") : t("library.create")}
      cancelText={t("common.cancel")}
      confirmLoading={fetching}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          entry
            ? {
                ...entry,
                operator: entry.operator ?? "GE",
                targetMin: entry.targetMin ? trim(entry.targetMin) : undefined,
                targetMax: entry.targetMax ? trim(entry.targetMax) : undefined,
                weight: entry.weight ? trim(entry.weight) : undefined,
                tags: [...entry.tags],
              }
            : { scope: bureau ? "COMMON" : "DEPARTMENT", kind: "QUANTITATIVE", operator: "GE", tags: [], propose: true }
        }
        aria-label={entry ? t("library.editTitle", { name: entry.name }) : t("library.addTitle")}
      >
        <Form.Item name="scope" label={t("library.addScope")} hidden={!!entry}>
          <Radio.Group
            options={[
              { value: "COMMON", label: t("library.addAsCommon"), disabled: !bureau },
              { value: "DEPARTMENT", label: department ? `${t("library.addAsDepartment")}（${department.name}）` : t("library.addAsDepartment"), disabled: !department },
            ]}
          />
        </Form.Item>
        <Form.Item name="level1" label={t("indicators.level1")} rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item name="level2" label={t("indicators.level2")} rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t("library.col.name")} rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("library.col.kind")}>
          <Radio.Group optionType="button" options={(["QUANTITATIVE", "QUALITATIVE"] as const).map((k) => ({ value: k, label: t(`indicators.kind.${k}`) }))} />
        </Form.Item>
        {kind !== "QUALITATIVE" && (
          <>
            <Form.Item name="operator" label={t("indicators.col.operator")}>
              <Select options={OPERATORS.map((o) => ({ value: o.value, label: o.symbol }))} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="targetMin" label={t("library.targetMin")} rules={[decimal]}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="targetMax" label={t("library.targetMax")} rules={[decimal]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </>
        )}
        <Form.Item name="unit" label={t("library.col.unit")}>
          <Input />
        </Form.Item>
        <Form.Item name="weight" label={t("library.col.weight")} rules={[decimal]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="scoringCriteria" label={t("library.criteria")}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="tags" label={t("library.tags")}>
          <Select mode="tags" tokenSeparators={[",", "，", "、"]} placeholder={t("library.tagsPlaceholder")} aria-label={t("library.tags")} />
        </Form.Item>
        {scope === "DEPARTMENT" && !entry && (
          <Form.Item name="propose" valuePropName="checked">
            <Checkbox>{t("library.proposeNow")}</Checkbox>
          </Form.Item>
        )}
        {other && (
          <div className="ind-cell-error" role="alert">
            {other}
          </div>
        )}
      </Form>
    </Modal>
  );
}
