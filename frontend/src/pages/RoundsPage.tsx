import { useState } from "react";
import { Alert, Button, Space, Spin, Table, Tag, Typography, message } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthContext";
import { errorsText } from "../api/errors";
import { nodes } from "../lib/relay";
import type { RoundRowFragment } from "../gql/graphql";
import { RoundsListDocument } from "./rounds/query";
import { beijing, leftColor, leftText } from "./rounds/deadline";
import OpenRoundModal from "./rounds/OpenRoundModal";

/** The rounds the caller reads, with their progress; the finance bureau opens new ones here. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [messages, holder] = message.useMessage();
  const [creating, setCreating] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: RoundsListDocument, requestPolicy: "cache-and-network" });
  const bureau = me?.role === "ADMIN" || me?.role === "REVIEWER";
  const rounds = nodes(data?.rounds) as RoundRowFragment[];
  return (
    <>
      {holder}
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("rounds.title")}
        </Typography.Title>
        {bureau && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("rounds.open")}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t("rounds.intro")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("rounds.monitoringPointNote")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      {fetching && !data ? (
        <Spin />
      ) : (
        <Table<RoundRowFragment>
          rowKey="id"
          scroll={{ x: 900 }}
          size="middle"
          dataSource={rounds}
          pagination={false}
          locale={{ emptyText: t("rounds.empty") }}
          columns={[
            { title: t("rounds.col.name"), dataIndex: "name", fixed: "left", width: 180, render: (name: string, r) => <Link to={`/rounds/${r.id}`}>{name}</Link> },
            {
              title: t("rounds.col.kind"),
              dataIndex: "kind",
              render: (k: string, r) => (r.monitoringPoint ? `${t(`rounds.kind.${k}`)}（${r.monitoringPoint}）` : t(`rounds.kind.${k}`)),
            },            { title: t("rounds.col.year"), dataIndex: "year" },
            { title: t("rounds.col.deadline"), dataIndex: "deadline", render: (d: string) => beijing(d) },
            {
              title: t("rounds.col.left"),
              key: "left",
              render: (_, r) =>
                r.status === "OPEN" ? <Tag color={leftColor(r.daysLeft, r.pastDeadline)}>{leftText(t, r.daysLeft, r.pastDeadline)}</Tag> : t("rounds.none"),
            },
            { title: t("rounds.col.status"), dataIndex: "status", render: (s: string) => <Tag color={s === "OPEN" ? "processing" : "default"}>{t(`rounds.status.${s}`)}</Tag> },
            {
              title: t("rounds.col.progress"),
              key: "progress",
              render: (_, r) => t("rounds.progress", { ...r.summary, open: r.summary.notSubmitted + r.summary.overdue }),
            },
          ]}
        />
      )}
      <OpenRoundModal
        open={creating}
        onClose={() => setCreating(false)}
        onOpened={(id, name) => {
          setCreating(false);
          void messages.success(t("rounds.opened", { name }));
          refetch({ requestPolicy: "network-only" });
          void navigate(`/rounds/${id}`);
        }}
      />
    </>
  );
}
