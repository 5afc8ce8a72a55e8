import { useState } from "react";
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { AdminTokensQuery } from "../../gql/graphql";
import { errorsText } from "../../api/errors";
import { nodes } from "../../lib/relay";
import { AdminOnly, DepartmentPicker, errorSentences, placeErrors, useDepartments, when } from "./shared";

export const AdminTokensDocument = graphql(`
  query AdminTokens {
    apiTokens(first: 500, orderBy: [{ field: CREATED_AT, direction: DESC }]) {
      edges { node { id name prefix createdAt revokedAt lastUsedAt department { id code name } createdBy { id username displayName } } }
    }
  }
`);

export const AdminCreateTokenDocument = graphql(`
  mutation AdminCreateToken($name: String!, $departmentID: ID) {
    createAPIToken(name: $name, departmentID: $departmentID) { token apiToken { id name } }
  }
`);

export const AdminRevokeTokenDocument = graphql(`
  mutation AdminRevokeToken($id: ID!) { revokeAPIToken(id: $id) { id revokedAt } }
`);

type Token = NonNullable<NonNullable<NonNullable<AdminTokensQuery["apiTokens"]["edges"]>[number]>["node"]>;

interface TokenForm {
  name: string;
  scope: "all" | "department";
  departmentID?: string;
}

/** API tokens (administrators): create one with its scope (shown once), list them with their last use, revoke. */
export default function TokensPage() {
  return (
    <AdminOnly>
      <Tokens />
    </AdminOnly>
  );
}
export { TokensPage };

function Tokens() {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminTokensDocument });
  const departments = useDepartments();
  const [, create] = useMutation(AdminCreateTokenDocument);
  const [, revoke] = useMutation(AdminRevokeTokenDocument);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<TokenForm>();
  const scope = Form.useWatch("scope", form);
  const [messages, holder] = message.useMessage();
  const tokens = nodes<Token>(data?.apiTokens);
  const reload = () => refetch({ requestPolicy: "network-only" });

  const submit = async (v: TokenForm) => {
    setProblem(undefined);
    const r = await create({ name: v.name.trim(), departmentID: v.scope === "department" ? v.departmentID : undefined });
    if (r.error) {
      const rest = placeErrors(t, r.error, ["name", "departmentID"], form.setFields, { name: t("admin.tokens.name"), departmentID: t("admin.tokens.department") });
      if (rest.length) setProblem(rest.join(" "));
      return;
    }
    setAdding(false);
    form.resetFields();
    if (r.data) setCreated({ name: r.data.createAPIToken.apiToken.name, token: r.data.createAPIToken.token });
    reload();
  };

  const doRevoke = async (tok: Token) => {
    const r = await revoke({ id: tok.id });
    const errs = errorSentences(t, r.error);
    if (errs.length) void messages.error(errs.join(" "));
    reload();
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t("admin.tokens.title")}</h1>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="token-add">
          {t("admin.tokens.add")}
        </Button>
      }
    >
      {holder}
      <Typography.Paragraph type="secondary">{t("admin.tokens.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      <Table<Token>
        rowKey="id"
        data-testid="tokens-table"
        loading={fetching && !data}
        dataSource={tokens}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("admin.tokens.name"), dataIndex: "name", fixed: "left", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t("admin.tokens.prefix"), dataIndex: "prefix", render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          {
            title: t("admin.tokens.scope"),
            render: (_, tok) => (tok.department ? `${tok.department.name}（${tok.department.code}）` : t("admin.tokens.scopeAll")),
          },
          { title: t("admin.tokens.createdAt"), render: (_, tok) => when(tok.createdAt) },
          { title: t("admin.tokens.createdBy"), render: (_, tok) => tok.createdBy.displayName || tok.createdBy.username },
          { title: t("admin.tokens.lastUsed"), render: (_, tok) => when(tok.lastUsedAt, t("admin.tokens.neverUsed")) },
          {
            title: t("admin.tokens.status"),
            render: (_, tok) =>
              tok.revokedAt ? <Tag>{t("admin.tokens.revoked", { at: when(tok.revokedAt) })}</Tag> : <Tag color="green">{t("admin.tokens.valid")}</Tag>,
          },
          {
            title: t("common.actions"),
            render: (_, tok) =>
              tok.revokedAt ? null : (
                <Popconfirm
                  title={t("admin.tokens.revokeConfirm", { name: tok.name })}
                  onConfirm={() => void doRevoke(tok)}
                  okText={t("admin.tokens.revoke")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                >
                  <Button size="small" autoInsertSpace={false} danger aria-label={`${t("admin.tokens.revoke")} ${tok.name}`}>
                    {t("admin.tokens.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t("admin.tokens.add")}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ scope: "all" }}>
          <Form.Item name="name" label={t("admin.tokens.name")} rules={[{ required: true, whitespace: true, message: t("admin.tokens.required") }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="scope" label={t("admin.tokens.scope")}>
            <Radio.Group>
              <Radio value="all">{t("admin.tokens.scopeAll")}</Radio>
              <Radio value="department">{t("admin.tokens.scopeDepartment")}</Radio>
            </Radio.Group>
          </Form.Item>
          {scope === "department" && (
            <Form.Item name="departmentID" label={t("admin.tokens.department")} rules={[{ required: true, message: t("admin.tokens.departmentRequired") }]}>
              <DepartmentPicker list={departments.list} id="departmentID" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={!!created}
        title={created ? t("admin.tokens.createdTitle", { name: created.name }) : ""}
        onCancel={() => setCreated(undefined)}
        onOk={() => setCreated(undefined)}
        okText={t("common.ok")}
        cancelButtonProps={{ style: { display: "none" } }}
        maskClosable={false}
        destroyOnHidden
      >
        <Alert type="warning" showIcon message={t("admin.tokens.once")} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          code
          copyable={{ text: created?.token, tooltips: [t("admin.tokens.copy"), t("admin.tokens.copied")] }}
          data-testid="new-token"
          style={{ wordBreak: "break-all" }}
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
