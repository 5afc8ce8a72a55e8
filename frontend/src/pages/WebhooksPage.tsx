import { useState } from "react";
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, message } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../gql";
import type { WebhookDeliveriesQuery, WebhooksPageQuery } from "../gql/graphql";
import { errorsText, errorText, fieldErrors } from "../api/errors";
import { nodes } from "../lib/relay";
import { zh as notifyStrings } from "../i18n/sections/notify";
import { ExpandColumnTitle } from "../components/VisuallyHidden";

export const WebhooksPageDocument = graphql(`
  query WebhooksPage {
    webhooks(first: 200, orderBy: [{ field: CREATED_AT, direction: DESC }]) {
      edges { node { id name url entityTypes actions active createdAt department { id code name } } }
    }
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($id: ID!) {
    webhookDeliveries(first: 50, where: { webhookID: $id }, orderBy: [{ field: CREATED_AT, direction: DESC }]) {
      totalCount
      edges { node { id entityType entityID action status attempts responseCode error nextAttemptAt deliveredAt createdAt } }
    }
  }
`);

export const CreateWebhookDocument = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { secret webhook { id } }
  }
`);

const SetWebhookActiveDocument = graphql(`
  mutation SetWebhookActive($id: ID!, $active: Boolean!) {
    updateWebhook(id: $id, input: { active: $active }) { id active }
  }
`);

const DeleteWebhookDocument = graphql(`
  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }
`);

const RetryDeliveryDocument = graphql(`
  mutation RetryWebhookDelivery($id: ID!) { retryWebhookDelivery(id: $id) { id status } }
`);

const DepartmentByCodeDocument = graphql(`
  query WebhookDepartment($code: String!) { departments(where: { code: $code }) { edges { node { id } } } }
`);

type Webhook = NonNullable<NonNullable<NonNullable<WebhooksPageQuery["webhooks"]["edges"]>[number]>["node"]>;
type Delivery = NonNullable<NonNullable<NonNullable<WebhookDeliveriesQuery["webhookDeliveries"]["edges"]>[number]>["node"]>;

/** The entity types a webhook may ask for, as the notifications name them. */
const ENTITY_TYPES = Object.keys(notifyStrings.entities).filter((e) => !["User", "APIToken", "Webhook", "WebhookDelivery"].includes(e));
const ACTIONS = ["CREATE", "UPDATE", "DELETE"] as const;
type Action = (typeof ACTIONS)[number];

const statusColor: Record<string, string> = { PENDING: "orange", SENDING: "blue", DELIVERED: "green", FAILED: "red" };
const when = (v?: string | null) => (v ? dayjs(v).format("YYYY-MM-DD HH:mm:ss") : "—");

interface NewWebhook {
  name?: string;
  url: string;
  secret?: string;
  entityTypes?: string[];
  actions?: Action[];
  department?: string;
}

/**
 * Webhooks (administrators): the registered endpoints, each with its delivery log; add one (its
 * signing secret is shown once), switch it on or off, delete it, retry a delivery.
 */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebhooksPageDocument });
  const [, create] = useMutation(CreateWebhookDocument);
  const [, setActive] = useMutation(SetWebhookActiveDocument);
  const [, remove] = useMutation(DeleteWebhookDocument);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<NewWebhook>();
  const [messages, holder] = message.useMessage();
  const webhooks = nodes<Webhook>(data?.webhooks);
  const reload = () => refetch({ requestPolicy: "network-only" });

  const submit = async (v: NewWebhook) => {
    setProblem(undefined);
    let departmentID: string | undefined;
    if (v.department?.trim()) {
      const d = await client.query(DepartmentByCodeDocument, { code: v.department.trim() }).toPromise();
      departmentID = nodes<{ id: string }>(d.data?.departments)[0]?.id;
      if (!departmentID) return setProblem(t("notify.webhooks.noDepartment", { code: v.department.trim() }));
    }
    const r = await create({
      input: {
        name: v.name || undefined,
        url: v.url.trim(),
        secret: v.secret || undefined,
        entityTypes: v.entityTypes?.length ? v.entityTypes : undefined,
        actions: v.actions?.length ? v.actions : undefined,
        departmentID,
      },
    });
    const errors = fieldErrors(r.error);
    if (errors.length) return setProblem(errors.map((e) => errorText(t, e)).join(" "));
    setAdding(false);
    form.resetFields();
    setSecret(r.data?.createWebhook.secret);
    reload();
  };

  const done = async (r: Promise<{ error?: Parameters<typeof fieldErrors>[0] }>) => {
    const errors = fieldErrors((await r).error);
    if (errors.length) void messages.error(errors.map((e) => errorText(t, e)).join(" "));
    reload();
  };

  return (
    <Card title={t("notify.webhooks.title")} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t("notify.webhooks.add")}</Button>}>
      {holder}
      <Typography.Paragraph type="secondary">{t("notify.webhooks.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      {secret && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSecret(undefined)}
          style={{ marginBottom: 16 }}
          message={t("notify.webhooks.created")}
          description={
            <span>
              {t("notify.webhooks.secretOnce")} <Typography.Text code copyable data-testid="webhook-secret">{secret}</Typography.Text>
            </span>
          }
        />
      )}
      <Table<Webhook>
        rowKey="id"
        scroll={{ x: 1000 }}
        loading={fetching && !data}
        dataSource={webhooks}
        pagination={false}
        expandable={{ expandedRowRender: (w) => <Deliveries webhookId={w.id} />, columnTitle: <ExpandColumnTitle /> }}
        columns={[
          { title: t("notify.webhooks.name"), dataIndex: "name", fixed: "left", width: 140 },
          { title: t("notify.webhooks.url"), dataIndex: "url", render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
          {
            title: t("notify.webhooks.entityTypes"),
            render: (_, w) =>
              w.entityTypes?.length ? w.entityTypes.map((e) => <Tag key={e}>{t(`notify.entities.${e}`, { defaultValue: e })}</Tag>) : t("notify.webhooks.entityTypesHelp"),
          },
          {
            title: t("notify.webhooks.actions"),
            render: (_, w) => (w.actions?.length ? w.actions.map((a) => <Tag key={a}>{t(`notify.actions.${a}`, { defaultValue: a })}</Tag>) : t("notify.webhooks.actionsHelp")),
          },
          {
            title: t("notify.webhooks.department"),
            render: (_, w) => (w.department ? `${w.department.name} (${w.department.code})` : t("notify.webhooks.allDepartments")),
          },
          {
            title: t("notify.webhooks.active"),
            render: (_, w) => (
              <Switch
                checked={w.active}
                aria-label={t("notify.webhooks.active")}
                onChange={(active) => void done(setActive({ id: w.id, active }))}
              />
            ),
          },
          { title: t("notify.webhooks.createdAt"), render: (_, w) => when(w.createdAt) },
          {
            title: t("common.actions"),
            render: (_, w) => (
              <Popconfirm title={t("notify.webhooks.deleteConfirm")} onConfirm={() => void done(remove({ id: w.id }))}>
                <Button size="small" danger>
                  {t("notify.webhooks.delete")}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t("notify.webhooks.add")}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="name" label={t("notify.webhooks.name")}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="url" label={t("notify.webhooks.url")} rules={[{ required: true }]}>
            <Input placeholder="https://example.org/jixiao" />
          </Form.Item>
          <Form.Item name="secret" label={t("notify.webhooks.secret")} extra={t("notify.webhooks.secretHelp")}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="entityTypes" label={t("notify.webhooks.entityTypes")} extra={t("notify.webhooks.entityTypesHelp")}>
            <Select mode="multiple" allowClear options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`notify.entities.${e}`) }))} />
          </Form.Item>
          <Form.Item name="actions" label={t("notify.webhooks.actions")} extra={t("notify.webhooks.actionsHelp")}>
            <Checkbox.Group options={ACTIONS.map((a) => ({ value: a, label: t(`notify.actions.${a}`) }))} />
          </Form.Item>
          <Form.Item name="department" label={t("notify.webhooks.department")} extra={t("notify.webhooks.departmentHelp")}>
            <Input placeholder="440115-001" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** A webhook's delivery log, newest first, with a retry for what is not delivered. */
export function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebhookDeliveriesDocument, variables: { id: webhookId }, requestPolicy: "network-only" });
  const [, retry] = useMutation(RetryDeliveryDocument);
  const [messages, holder] = message.useMessage();
  const rows = nodes<Delivery>(data?.webhookDeliveries);
  const again = async (id: string) => {
    const r = await retry({ id });
    const errors = fieldErrors(r.error);
    if (errors.length) void messages.error(errors.map((e) => errorText(t, e)).join(" "));
    else void messages.success(t("notify.webhooks.retried"));
    refetch({ requestPolicy: "network-only" });
  };
  if (error) return <Alert type="error" showIcon message={errorsText(t, error)} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {holder}
      <Typography.Text strong>
        {t("notify.webhooks.deliveries")} ({data?.webhookDeliveries.totalCount ?? 0})
      </Typography.Text>
      <Table<Delivery>
        size="small"
        rowKey="id"
        scroll={{ x: 1100 }}
        loading={fetching && !data}
        dataSource={rows}
        pagination={false}
        data-testid={`deliveries-${webhookId}`}
        columns={[
          { title: t("notify.webhooks.col.created"), fixed: "left", width: 150, render: (_, d) => when(d.createdAt) },
          {
            title: t("notify.webhooks.col.event"),
            render: (_, d) => `${t(`notify.actions.${d.action}`, { defaultValue: d.action })} ${t(`notify.entities.${d.entityType}`, { defaultValue: d.entityType })} ${d.entityID}`,
          },
          {
            title: t("notify.webhooks.col.status"),
            render: (_, d) => <Tag color={statusColor[d.status]}>{t(`notify.webhooks.status.${d.status}`)}</Tag>,
          },
          { title: t("notify.webhooks.col.attempts"), dataIndex: "attempts" },
          { title: t("notify.webhooks.col.response"), render: (_, d) => d.responseCode ?? "—" },
          { title: t("notify.webhooks.col.error"), render: (_, d) => d.error || "—" },
          { title: t("notify.webhooks.col.next"), render: (_, d) => when(d.nextAttemptAt) },
          { title: t("notify.webhooks.col.delivered"), render: (_, d) => when(d.deliveredAt) },
          {
            title: t("common.actions"),
            render: (_, d) =>
              d.status === "PENDING" || d.status === "FAILED" ? (
                <Button size="small" onClick={() => void again(d.id)}>
                  {t("notify.webhooks.retry")}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
