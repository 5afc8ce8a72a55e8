import { useMemo, useState } from "react";
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { Dayjs } from "dayjs";
import { graphql } from "../../gql";
import type { AdminAuditQuery, AuditAction, AuditRecordWhereInput } from "../../gql/graphql";
import { errorsText } from "../../api/errors";
import { nodes } from "../../lib/relay";
import { zh as notifyStrings } from "../../i18n/sections/notify";
import { AdminOnly, Pager, labelledExpandIcon, useCursorPager, when } from "./shared";

export const AdminAuditDocument = graphql(`
  query AdminAudit($where: AuditRecordWhereInput, $after: Cursor) {
    auditRecords(first: 25, after: $after, where: $where, orderBy: [{ field: AT, direction: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at actorKind actorID actorName action entityType entityID requestID changes { field before after } } }
    }
  }
`);

type Record_ = NonNullable<NonNullable<NonNullable<AdminAuditQuery["auditRecords"]["edges"]>[number]>["node"]>;
type Change = Record_["changes"][number];

const ENTITY_TYPES = Object.keys(notifyStrings.entities);
const ACTIONS: AuditAction[] = ["CREATE", "UPDATE", "DELETE"];
const actionColor: Record<AuditAction, string> = { CREATE: "green", UPDATE: "blue", DELETE: "red" };

export interface AuditFilters {
  entityType?: string;
  entityID?: number | null;
  actor?: string;
  action?: AuditAction;
  /** The first day of the range, and its last: two fields, each with its own label. */
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** The filters as an AuditRecordWhereInput: the actor by name in any letter case; the range from its first day to the end of its last. */
export function auditWhere(f: AuditFilters): AuditRecordWhereInput | undefined {
  const w: AuditRecordWhereInput = {};
  if (f.entityType) w.entityType = f.entityType;
  if (f.entityID != null) w.entityID = f.entityID;
  if (f.actor?.trim()) w.actorNameContainsFold = f.actor.trim();
  if (f.action) w.action = f.action;
  if (f.from) w.atGTE = f.from.startOf("day").toISOString();
  if (f.to) w.atLT = f.to.add(1, "day").startOf("day").toISOString();
  return Object.keys(w).length ? w : undefined;
}

/** A value as the change table shows it: text as is, null as a dash, anything else as JSON. */
export function shown(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The audit trail (administrators): filtered by entity, actor, action and time; each record's fields before and after. */
export default function AuditPage() {
  return (
    <AdminOnly>
      <Audit />
    </AdminOnly>
  );
}
export { AuditPage };

function Audit() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const fromURL: AuditFilters = {
    entityType: params.get("entityType") ?? undefined,
    entityID: params.get("entityID") ? Number(params.get("entityID")) : undefined,
    actor: params.get("actor") ?? undefined,
  };
  const [form] = Form.useForm<AuditFilters>();
  const [filters, setFilters] = useState<AuditFilters>(fromURL);
  const pager = useCursorPager();
  const where = useMemo(() => auditWhere(filters), [filters]);
  const [{ data, fetching, error }] = useQuery({ query: AdminAuditDocument, variables: { where, after: pager.after }, requestPolicy: "network-only" });
  const records = nodes<Record_>(data?.auditRecords);
  const entityName = (e: string) => t(`notify.entities.${e}`, { defaultValue: e });

  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t("admin.audit.title")}</h1>}>
      <Typography.Paragraph type="secondary">{t("admin.audit.intro")}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={fromURL}
        onFinish={(v) => {
          pager.reset();
          setFilters(v);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="audit-filters"
      >
        <Form.Item name="entityType" label={t("admin.audit.entityType")}>
          <Select
            allowClear
            placeholder={t("admin.audit.anyEntity")}
            style={{ width: 150 }}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: entityName(e) }))}
          />
        </Form.Item>
        <Form.Item name="entityID" label={t("admin.audit.entityID")}>
          <InputNumber min={1} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="actor" label={t("admin.audit.actor")}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t("admin.audit.action")}>
          <Select allowClear placeholder={t("admin.audit.anyAction")} style={{ width: 110 }} options={ACTIONS.map((a) => ({ value: a, label: t(`admin.audit.actions.${a}`) }))} />
        </Form.Item>
        <Form.Item name="from" label={t("admin.audit.from")}>
          <DatePicker placeholder={t("admin.audit.datePlaceholder")} />
        </Form.Item>
        <Form.Item name="to" label={t("admin.audit.to")}>
          <DatePicker placeholder={t("admin.audit.datePlaceholder")} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-apply">
              {t("admin.audit.apply")}
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue({ entityType: undefined, entityID: undefined, actor: undefined, action: undefined, from: undefined, to: undefined });
                pager.reset();
                setFilters({});
              }}
            >
              {t("admin.audit.reset")}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={errorsText(t, error)} style={{ marginBottom: 16 }} />}
      <Table<Record_>
        rowKey="id"
        data-testid="audit-table"
        loading={fetching}
        dataSource={records}
        pagination={false}
        scroll={{ x: "max-content" }}
        expandable={{ expandedRowRender: (r) => <Changes record={r} />, expandIcon: labelledExpandIcon<Record_>(t, (r) => `${entityName(r.entityType)} #${r.entityID} ${when(r.at)}`) }}
        columns={[
          { title: t("admin.audit.at"), fixed: "left", render: (_, r) => when(r.at) },
          {
            title: t("admin.audit.actor"),
            render: (_, r) => (
              <span>
                {r.actorName} <Typography.Text type="secondary">({t(`admin.audit.actorKind.${r.actorKind}`)})</Typography.Text>
              </span>
            ),
          },
          { title: t("admin.audit.action"), render: (_, r) => <Tag color={actionColor[r.action]}>{t(`admin.audit.actions.${r.action}`)}</Tag> },
          { title: t("admin.audit.entity"), render: (_, r) => `${entityName(r.entityType)} #${r.entityID}` },
          {
            title: t("admin.audit.fields"),
            render: (_, r) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                {r.changes
                  .filter((c) => !same(c.before, c.after))
                  .map((c) => c.field)
                  .join(", ")}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Pager pager={pager} hasNext={!!data?.auditRecords.pageInfo.hasNextPage} endCursor={data?.auditRecords.pageInfo.endCursor} total={data?.auditRecords.totalCount} />
    </Card>
  );
}

/** One record's fields side by side, before and after, the changed ones highlighted. */
export function Changes({ record }: { record: Record_ }) {
  const { t } = useTranslation();
  if (!record.changes.length) return <Typography.Text type="secondary">{t("admin.audit.noChanges")}</Typography.Text>;
  return (
    <Table<Change>
      size="small"
      rowKey="field"
      data-testid={`changes-${record.id}`}
      dataSource={record.changes}
      pagination={false}
      scroll={{ x: "max-content" }}
      rowClassName={(c) => (same(c.before, c.after) ? "" : "audit-changed")}
      columns={[
        { title: t("admin.audit.field"), dataIndex: "field", fixed: "left", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        {
          title: t("admin.audit.before"),
          render: (_, c) => <Value value={c.before} changed={!same(c.before, c.after)} side="before" />,
        },
        {
          title: t("admin.audit.after"),
          render: (_, c) => <Value value={c.after} changed={!same(c.before, c.after)} side="after" />,
        },
      ]}
    />
  );
}

function Value({ value, changed, side }: { value: unknown; changed: boolean; side: "before" | "after" }) {
  if (!changed) return <span style={{ wordBreak: "break-word" }}>{shown(value)}</span>;
  // Highlighted by background, in a <mark> that screen readers announce: red for what went, green for what came.
  const style = side === "before" ? { background: "#fff1f0", color: "#820014" } : { background: "#f6ffed", color: "#135200" };
  return (
    <mark data-changed={side} style={{ ...style, padding: "0 4px", borderRadius: 2, wordBreak: "break-word" }}>
      {shown(value)}
    </mark>
  );
}
