import { useMemo, useState } from "react";
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, TreeSelect } from "antd";
import type { Dayjs } from "dayjs";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText } from "../../api/errors";
import { nodes } from "../../lib/relay";
import type { RoundKind } from "../../gql/graphql";
import { OpenRoundDocument, RoundDepartmentsDocument } from "./query";
import { deadlineOf } from "./deadline";

interface Values {
  kind: RoundKind;
  year: number;
  name: string;
  deadline: Dayjs;
  /** A monitoring round's point in its year: "06-30". */
  point?: string;
  departments: string[];
  projects: boolean;
}

/** The quarter ends a monitoring round may collect reports at (docs/MONITORING.md: usually 30 June and 30 September). */
export const POINTS = ["03-31", "06-30", "09-30", "12-31"] as const;

/** What openRound is sent for the form's values: each ticked department with everything below it. */
export function openRoundInput(v: Omit<Values, "deadline"> & { deadline: string }) {
  return {
    kind: v.kind,
    year: v.year,
    name: v.name.trim(),
    deadline: deadlineOf(v.deadline),
    monitoringPoint: v.kind === "MONITORING" ? `${v.year}-${v.point ?? "06-30"}` : undefined,
    subtreeIDs: v.departments,
    projects: v.projects,
  };
}

/** The bureau opens a round: kind, year, name, the deadline's day and the departments, picked from the tree. */
export default function OpenRoundModal({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const year = Form.useWatch("year", form);
  const [{ data }] = useQuery({ query: RoundDepartmentsDocument, pause: !open });
  const [{ fetching, error }, openRound] = useMutation(OpenRoundDocument);
  const [shownError, setShownError] = useState(false);
  const tree = useMemo(
    () =>
      nodes(data?.departments).map((d) => ({ id: d.id, pId: d.parent?.id ?? 0, value: d.id, title: `${d.name}（${d.code}）` })),
    [data],
  );
  const submit = async () => {
    const v = await form.validateFields();
    setShownError(true);
    const r = await openRound({ input: openRoundInput({ ...v, deadline: v.deadline.format("YYYY-MM-DD"), projects: !!v.projects }) });
    if (r.data) {
      form.resetFields();
      setShownError(false);
      onOpened(r.data.openRound.id, r.data.openRound.name);
    }
  };
  const required = (field: string) => [{ required: true, message: t("rounds.required", { field }) }];
  return (
    <Modal title={t("rounds.openTitle")} open={open} onCancel={onClose} onOk={() => void submit()} confirmLoading={fetching} okText={t("rounds.open")} destroyOnHidden>
      {shownError && error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: "SELF_EVALUATION", year: new Date().getFullYear() - 1, point: "06-30", projects: false }}>
        <Form.Item name="kind" label={t("rounds.field.kind")} rules={required(t("rounds.field.kind"))}>
          <Select options={(["SELF_EVALUATION", "MONITORING"] as const).map((k) => ({ value: k, label: t(`rounds.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="year" label={t("rounds.field.year")} rules={required(t("rounds.field.year"))}>
          <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
        </Form.Item>
        {kind === "MONITORING" && (
          <Form.Item name="point" label={t("rounds.field.point")} rules={required(t("rounds.field.point"))}>
            <Select options={POINTS.map((p) => ({ value: p, label: t("rounds.pointOption", { year: year ?? "", date: p }) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t("rounds.field.name")} rules={[...required(t("rounds.field.name")), { whitespace: true, message: t("rounds.required", { field: t("rounds.field.name") }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="deadline" label={t("rounds.field.deadline")} rules={required(t("rounds.field.deadline"))}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="departments" label={t("rounds.field.departments")} rules={required(t("rounds.field.departments"))}>
          <TreeSelect
            treeDataSimpleMode
            treeData={tree}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_PARENT}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Form.Item name="projects" valuePropName="checked">
          <Checkbox>{t("rounds.field.projects")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
