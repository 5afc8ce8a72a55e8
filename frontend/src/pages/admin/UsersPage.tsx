import { useMemo, useState } from "react";
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { AdminUsersQuery, Role, UserWhereInput } from "../../gql/graphql";
import { errorsText } from "../../api/errors";
import { nodes } from "../../lib/relay";
import { AdminOnly, DepartmentPicker, Pager, errorSentences, generatePassword, placeErrors, useCursorPager, useDepartments, when } from "./shared";

export const AdminUsersDocument = graphql(`
  query AdminUsers($where: UserWhereInput, $after: Cursor) {
    users(first: 50, after: $after, where: $where, orderBy: [{ field: USERNAME }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id username displayName role disabled lastLoginAt createdAt department { id code name } } }
    }
  }
`);

export const AdminCreateUserDocument = graphql(`
  mutation AdminCreateUser($input: NewUserInput!) { createUser(input: $input) { id username } }
`);

export const AdminUpdateUserDocument = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UserChangeInput!) {
    updateUser(id: $id, input: $input) { id displayName role disabled department { id code name } }
  }
`);

type User = NonNullable<NonNullable<NonNullable<AdminUsersQuery["users"]["edges"]>[number]>["node"]>;

const ROLES: Role[] = ["ADMIN", "REVIEWER", "EDITOR", "ANALYST"];
const roleColor: Record<Role, string> = { ADMIN: "red", REVIEWER: "purple", EDITOR: "blue", ANALYST: "cyan" };

interface Filters {
  search: string;
  role?: Role;
  department?: string;
  status?: "active" | "disabled";
}

/** The filters as a UserWhereInput: the search matches the username or the name, in any letter case. */
export function userWhere(f: Filters): UserWhereInput | undefined {
  const and: UserWhereInput[] = [];
  const q = f.search.trim();
  if (q) and.push({ or: [{ usernameContainsFold: q }, { displayNameContainsFold: q }] });
  if (f.role) and.push({ role: f.role });
  if (f.department) and.push({ departmentID: f.department });
  if (f.status) and.push({ disabled: f.status === "disabled" });
  return and.length ? { and } : undefined;
}

interface UserForm {
  username: string;
  displayName?: string;
  role: Role;
  departmentID?: string;
  password: string;
}

/** Users (administrators): list with search and filters, create, change role and department, disable, reset password. */
export default function UsersPage() {
  return (
    <AdminOnly>
      <Users />
    </AdminOnly>
  );
}
export { UsersPage };

function Users() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ search: "" });
  const [search, setSearch] = useState("");
  const pager = useCursorPager();
  const where = useMemo(() => userWhere(filters), [filters]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminUsersDocument, variables: { where, after: pager.after } });
  const departments = useDepartments();
  const [, update] = useMutation(AdminUpdateUserDocument);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [resetting, setResetting] = useState<User>();
  const [messages, holder] = message.useMessage();
  const users = nodes<User>(data?.users);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const filter = (f: Partial<Filters>) => {
    pager.reset();
    setFilters((old) => ({ ...old, ...f }));
  };
  const name = (u: User) => u.displayName || u.username;

  const setDisabled = async (u: User, disabled: boolean) => {
    const r = await update({ id: u.id, input: { disabled } });
    const errs = errorSentences(t, r.error);
    if (errs.length) void messages.error(errs.join(" "));
    else void messages.success(t("admin.users.saved"));
    reload();
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t("admin.users.title")}</h1>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-add">
          {t("admin.users.add")}
        </Button>
      }
    >
      {holder}
      <Typography.Paragraph type="secondary">{t("admin.users.intro")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t("admin.users.search")}
          placeholder={t("admin.users.search")}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => filter({ search: v })}
          style={{ width: 240 }}
          data-testid="user-search"
        />
        <Select<Role>
          aria-label={t("admin.users.role")}
          placeholder={t("admin.users.anyRole")}
          allowClear
          value={filters.role}
          onChange={(role) => filter({ role })}
          options={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
          style={{ width: 150 }}
        />
        <div style={{ width: 240 }}>
          <DepartmentPicker
            ariaLabel={t("admin.users.department")}
            placeholder={t("admin.users.anyDepartment")}
            list={departments.list}
            value={filters.department}
            onChange={(department) => filter({ department })}
          />
        </div>
        <Select<"active" | "disabled">
          aria-label={t("admin.users.status")}
          placeholder={t("admin.users.anyStatus")}
          allowClear
          value={filters.status}
          onChange={(status) => filter({ status })}
          options={[
            { value: "active", label: t("admin.users.active") },
            { value: "disabled", label: t("admin.users.disabled") },
          ]}
          style={{ width: 130 }}
        />
      </Space>
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey="id"
        data-testid="users-table"
        loading={fetching}
        dataSource={users}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("admin.users.username"),
            dataIndex: "username",
            fixed: "left",
            render: (v: string, u) => (
              <Typography.Text strong delete={u.disabled}>
                {v}
              </Typography.Text>
            ),
          },
          { title: t("admin.users.displayName"), dataIndex: "displayName" },
          { title: t("admin.users.role"), render: (_, u) => <Tag color={roleColor[u.role]}>{t(`admin.roles.${u.role}`)}</Tag> },
          { title: t("admin.users.department"), render: (_, u) => (u.department ? `${u.department.name}（${u.department.code}）` : t("admin.none")) },
          {
            title: t("admin.users.status"),
            render: (_, u) => (u.disabled ? <Tag color="default">{t("admin.users.disabled")}</Tag> : <Tag color="green">{t("admin.users.active")}</Tag>),
          },
          { title: t("admin.users.lastLogin"), render: (_, u) => when(u.lastLoginAt, t("admin.users.never")) },
          {
            title: t("common.actions"),
            render: (_, u) => (
              <Space size="small" wrap>
                <Button size="small" autoInsertSpace={false} onClick={() => setEditing(u)} aria-label={`${t("admin.users.edit")} ${u.username}`}>
                  {t("admin.users.edit")}
                </Button>
                <Button size="small" autoInsertSpace={false} onClick={() => setResetting(u)} aria-label={`${t("admin.users.resetPassword")} ${u.username}`}>
                  {t("admin.users.resetPassword")}
                </Button>
                <Popconfirm
                  title={t(u.disabled ? "admin.users.enableConfirm" : "admin.users.disableConfirm", { name: name(u) })}
                  onConfirm={() => void setDisabled(u, !u.disabled)}
                  okText={t("common.ok")}
                  cancelText={t("common.cancel")}
                >
                  <Button size="small" autoInsertSpace={false} danger={!u.disabled} aria-label={`${t(u.disabled ? "admin.users.enable" : "admin.users.disable")} ${u.username}`}>
                    {t(u.disabled ? "admin.users.enable" : "admin.users.disable")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Pager pager={pager} hasNext={!!data?.users.pageInfo.hasNextPage} endCursor={data?.users.pageInfo.endCursor} total={data?.users.totalCount} />
      {creating && (
        <CreateUser
          departments={departments.list}
          onClose={(created) => {
            setCreating(false);
            if (created) {
              void messages.success(t("admin.users.created", { name: created }));
              reload();
            }
          }}
        />
      )}
      {editing && (
        <EditUser
          user={editing}
          departments={departments.list}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              void messages.success(t("admin.users.saved"));
              reload();
            }
          }}
        />
      )}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(undefined)} />}
    </Card>
  );
}

function CreateUser({ departments, onClose }: { departments: ReturnType<typeof useDepartments>["list"]; onClose: (created?: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserForm>();
  const [, create] = useMutation(AdminCreateUserDocument);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch("role", form);

  const submit = async (v: UserForm) => {
    setProblem(undefined);
    setSaving(true);
    const r = await create({
      input: { username: v.username.trim(), displayName: v.displayName?.trim() || undefined, role: v.role, departmentID: v.departmentID || undefined, password: v.password },
    });
    setSaving(false);
    if (r.error) {
      const rest = placeErrors(t, r.error, ["username", "displayName", "role", "departmentID", "password"], form.setFields, {
        username: t("admin.users.username"),
        displayName: t("admin.users.displayName"),
        role: t("admin.users.role"),
        departmentID: t("admin.users.department"),
        password: t("admin.users.password"),
      });
      if (rest.length) setProblem(rest.join(" "));
      return;
    }
    onClose(r.data?.createUser.username);
  };

  return (
    <Modal
      open
      title={t("admin.users.add")}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ role: "EDITOR" }} data-testid="user-form">
        <Form.Item name="username" label={t("admin.users.username")} rules={[{ required: true, whitespace: true, message: t("admin.users.required", { field: t("admin.users.username") }) }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t("admin.users.displayName")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t("admin.users.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="departmentID"
          label={t("admin.users.department")}
          extra={t("admin.users.departmentHelp")}
          rules={[{ required: role === "EDITOR", message: t("admin.users.departmentRequired") }]}
        >
          <DepartmentPicker list={departments} id="departmentID" />
        </Form.Item>
        <Form.Item label={t("admin.users.password")} required extra={t("admin.users.passwordHelp")}>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="password" noStyle rules={[{ required: true, min: 10, message: t("admin.users.passwordShort") }]}>
              <Input aria-label={t("admin.users.password")} autoComplete="new-password" />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ password: generatePassword() })}>{t("admin.users.generate")}</Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditForm {
  displayName: string;
  role: Role;
  departmentID?: string;
}

function EditUser({ user, departments, onClose }: { user: User; departments: ReturnType<typeof useDepartments>["list"]; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditForm>();
  const [, update] = useMutation(AdminUpdateUserDocument);
  const [problem, setProblem] = useState<string>();
  const role = Form.useWatch("role", form);

  const submit = async (v: EditForm) => {
    setProblem(undefined);
    const clear = !v.departmentID && !!user.department;
    const r = await update({
      id: user.id,
      input: {
        displayName: v.displayName.trim() !== user.displayName ? v.displayName.trim() : undefined,
        role: v.role !== user.role ? v.role : undefined,
        departmentID: v.departmentID && v.departmentID !== user.department?.id ? v.departmentID : undefined,
        clearDepartment: clear || undefined,
      },
    });
    if (r.error) {
      const rest = placeErrors(t, r.error, ["displayName", "role", "departmentID"], form.setFields, {
        displayName: t("admin.users.displayName"),
        role: t("admin.users.role"),
        departmentID: t("admin.users.department"),
      });
      if (rest.length) setProblem(rest.join(" "));
      return;
    }
    onClose(true);
  };

  return (
    <Modal
      open
      title={t("admin.users.editTitle", { name: user.username })}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ displayName: user.displayName, role: user.role, departmentID: user.department?.id }}
      >
        <Form.Item name="displayName" label={t("admin.users.displayName")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t("admin.users.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="departmentID"
          label={t("admin.users.department")}
          extra={t("admin.users.departmentHelp")}
          rules={[{ required: role === "EDITOR", message: t("admin.users.departmentRequired") }]}
        >
          <DepartmentPicker list={departments} id="departmentID" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [, update] = useMutation(AdminUpdateUserDocument);
  const [how, setHow] = useState<"generate" | "type">("generate");
  const [typed, setTyped] = useState("");
  const [shown, setShown] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const name = user.displayName || user.username;

  const reset = async () => {
    setProblem(undefined);
    const password = how === "generate" ? generatePassword() : typed;
    if ([...password].length < 10) return setProblem(t("admin.users.passwordShort"));
    const r = await update({ id: user.id, input: { password } });
    const errs = errorSentences(t, r.error);
    if (errs.length) return setProblem(errs.join(" "));
    if (how === "generate") setShown(password);
    else onClose();
  };

  return (
    <Modal
      open
      title={t("admin.users.resetTitle", { name })}
      onCancel={onClose}
      onOk={() => (shown ? onClose() : void reset())}
      okText={shown ? t("common.ok") : t("admin.users.resetPassword")}
      cancelText={t("common.cancel")}
      cancelButtonProps={{ style: shown ? { display: "none" } : undefined }}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />}
      {shown ? (
        <Alert
          type="success"
          showIcon
          message={t("admin.users.resetDone", { name })}
          description={
            <Typography.Text code copyable data-testid="reset-password">
              {shown}
            </Typography.Text>
          }
        />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Radio.Group value={how} onChange={(e) => setHow(e.target.value as "generate" | "type")} aria-label={t("admin.users.resetHow")}>
            <Space direction="vertical">
              <Radio value="generate">{t("admin.users.resetGenerate")}</Radio>
              <Radio value="type">{t("admin.users.resetType")}</Radio>
            </Space>
          </Radio.Group>
          {how === "type" && (
            <Input.Password
              aria-label={t("admin.users.newPassword")}
              placeholder={t("admin.users.passwordHelp")}
              autoComplete="new-password"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
