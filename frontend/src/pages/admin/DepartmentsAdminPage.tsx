import { useMemo, useState } from "react";
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { CombinedError } from "urql";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import { errorsText } from "../../api/errors";
import { AdminOnly, DepartmentPicker, labelledExpandIcon, departmentForest, errorSentences, placeErrors, subtreeIds, useDepartments, type AdminDepartment, type DepartmentNode } from "./shared";

export const AdminCreateDepartmentDocument = graphql(`
  mutation AdminCreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }
`);

export const AdminUpdateDepartmentDocument = graphql(`
  mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!, $version: Int) {
    updateDepartment(id: $id, input: $input, version: $version) { id code name version parent { id } }
  }
`);

export const AdminDeleteDepartmentDocument = graphql(`
  mutation AdminDeleteDepartment($id: ID!) { deleteDepartment(id: $id) }
`);

/**
 * The sentence for a refused delete: a department that still has sub-departments or data names
 * what it holds (extensions.references); any other error in the catalogue's words.
 */
export function deleteRefusal(t: TFunction, name: string, error: CombinedError): string {
  const refs = error.graphQLErrors.flatMap((e) => (Array.isArray(e.extensions?.references) ? (e.extensions.references as { what: string; count: number }[]) : []));
  if (!refs.length) return errorSentences(t, error).join(" ");
  const held = refs
    .map((r) => t(`admin.departments.held.${r.what}`, { count: r.count, defaultValue: `${r.what} ${r.count}` }))
    .join(t("admin.departments.held.separator"));
  return t("admin.departments.inUse", { name, held });
}

/** What the edit dialog edits: a new department (below parent, or at the top) or an existing one. */
type Editing = { kind: "create"; parent?: AdminDepartment } | { kind: "edit"; department: AdminDepartment };

interface DeptForm {
  name: string;
  code: string;
  parentID?: string;
}

/** The department tree (administrators): add a department below another, rename, recode, move, delete. */
export default function DepartmentsAdminPage() {
  return (
    <AdminOnly>
      <Departments />
    </AdminOnly>
  );
}
export { DepartmentsAdminPage };

function Departments() {
  const { t } = useTranslation();
  const { list, fetching, error, reload } = useDepartments();
  const [, remove] = useMutation(AdminDeleteDepartmentDocument);
  const [editing, setEditing] = useState<Editing>();
  const [search, setSearch] = useState("");
  const [refusal, setRefusal] = useState<string>();
  const [messages, holder] = message.useMessage();

  const tree = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return departmentForest(list);
    return list.filter((d) => d.name.toLowerCase().includes(q) || d.code.toLowerCase().includes(q)).map((d) => ({ ...d }) as DepartmentNode);
  }, [list, search]);

  const doDelete = async (d: AdminDepartment) => {
    setRefusal(undefined);
    const r = await remove({ id: d.id });
    if (r.error) return setRefusal(deleteRefusal(t, d.name, r.error));
    void messages.success(t("admin.departments.deleted"));
    reload();
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t("admin.departments.title")}</h1>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: "create" })}>
          {t("admin.departments.addRoot")}
        </Button>
      }
    >
      {holder}
      <Typography.Paragraph type="secondary">{t("admin.departments.intro")}</Typography.Paragraph>
      <Input.Search
        aria-label={t("admin.departments.search")}
        placeholder={t("admin.departments.search")}
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ maxWidth: 320, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} message={refusal} style={{ marginBottom: 16 }} data-testid="department-refusal" />}
      {!fetching && (
        <Table<DepartmentNode>
          rowKey="id"
          data-testid="departments-table"
          dataSource={tree}
          pagination={false}
          scroll={{ x: "max-content" }}
          expandable={{ defaultExpandAllRows: true, expandIcon: labelledExpandIcon<DepartmentNode>(t, (d) => d.name) }}
          columns={[
            { title: t("admin.departments.name"), dataIndex: "name", fixed: "left" },
            { title: t("admin.departments.code"), dataIndex: "code", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: t("common.actions"),
              render: (_, d) => (
                <Space size="small" wrap>
                  <Button size="small" autoInsertSpace={false} onClick={() => setEditing({ kind: "create", parent: d })} aria-label={`${t("admin.departments.addChild")} ${d.name}`}>
                    {t("admin.departments.addChild")}
                  </Button>
                  <Button size="small" autoInsertSpace={false} onClick={() => setEditing({ kind: "edit", department: d })} aria-label={`${t("admin.departments.edit")} ${d.name}`}>
                    {t("admin.departments.edit")}
                  </Button>
                  <Popconfirm
                    title={t("admin.departments.deleteConfirm", { name: d.name })}
                    onConfirm={() => void doDelete(d)}
                    okText={t("admin.departments.delete")}
                    okButtonProps={{ danger: true }}
                    cancelText={t("common.cancel")}
                  >
                    <Button size="small" autoInsertSpace={false} danger aria-label={`${t("admin.departments.delete")} ${d.name}`}>
                      {t("admin.departments.delete")}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <DepartmentDialog
          editing={editing}
          list={list}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              void messages.success(t(editing.kind === "create" ? "admin.departments.created" : "admin.departments.saved"));
              reload();
            }
          }}
        />
      )}
    </Card>
  );
}

function DepartmentDialog({ editing, list, onClose }: { editing: Editing; list: AdminDepartment[]; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeptForm>();
  const [, create] = useMutation(AdminCreateDepartmentDocument);
  const [, update] = useMutation(AdminUpdateDepartmentDocument);
  const [problem, setProblem] = useState<string>();
  const current = editing.kind === "edit" ? editing.department : undefined;
  // A department cannot move below itself: its own subtree is greyed out (the server refuses it too).
  const own = useMemo(() => (current ? subtreeIds(list, current.id) : undefined), [current, list]);
  const initial: Partial<DeptForm> = current
    ? { name: current.name, code: current.code, parentID: current.parent?.id }
    : { parentID: editing.kind === "create" ? editing.parent?.id : undefined };
  const title =
    editing.kind === "edit"
      ? t("admin.departments.editTitle", { name: editing.department.name })
      : editing.parent
        ? t("admin.departments.childTitle", { name: editing.parent.name })
        : t("admin.departments.rootTitle");

  const submit = async (v: DeptForm) => {
    setProblem(undefined);
    let error: CombinedError | undefined;
    if (!current) {
      error = (await create({ input: { name: v.name.trim(), code: v.code.trim(), parentID: v.parentID || undefined } })).error;
    } else {
      const parentChanged = (v.parentID ?? null) !== (current.parent?.id ?? null);
      const input = {
        name: v.name.trim() !== current.name ? v.name.trim() : undefined,
        code: v.code.trim() !== current.code ? v.code.trim() : undefined,
        parentID: parentChanged && v.parentID ? v.parentID : undefined,
        clearParent: parentChanged && !v.parentID ? true : undefined,
      };
      error = (await update({ id: current.id, input, version: current.version })).error;
    }
    if (error) {
      const rest = placeErrors(
        t,
        error,
        ["name", "code", "parentID"],
        form.setFields,
        { name: t("admin.departments.name"), code: t("admin.departments.code"), parentID: t("admin.departments.parent") },
        // The one refusal of a parent that exists: a move under the department itself.
        (e) => (e.field === "parentID" && e.code === "BAD_USER_INPUT" && !e.reason ? t("admin.departments.cycle") : undefined),
      );
      if (rest.length) setProblem(rest.join(" "));
      return;
    }
    onClose(true);
  };

  return (
    <Modal open title={title} onCancel={() => onClose()} onOk={() => form.submit()} okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial}>
        <Form.Item name="name" label={t("admin.departments.name")} rules={[{ required: true, whitespace: true, message: t("admin.departments.required", { field: t("admin.departments.name") }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="code" label={t("admin.departments.code")} rules={[{ required: true, whitespace: true, message: t("admin.departments.required", { field: t("admin.departments.code") }) }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="parentID" label={t("admin.departments.parent")}>
          <DepartmentPicker list={list} disabled={own} placeholder={t("admin.departments.noParent")} id="parentID" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
