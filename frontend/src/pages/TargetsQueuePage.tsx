import { Alert, Card, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { errorsText } from "../api/errors";
import type { TargetsQueueQuery } from "../gql/graphql";
import { nodes } from "../lib/relay";
import { TargetsQueueDocument } from "./targets/query";

type Waiting = NonNullable<NonNullable<NonNullable<TargetsQueueQuery["targetVersions"]["edges"]>[number]>["node"]>;

/** 绩效目标审核: the versions waiting for the finance bureau, oldest first, each linking to its year's targets. */
export default function TargetsQueuePage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: TargetsQueueDocument, requestPolicy: "cache-and-network" });
  const waiting = nodes<Waiting>(data?.targetVersions);
  const total = data?.targetVersions.totalCount ?? 0;
  const columns: ColumnsType<Waiting> = [
    {
      key: "department",
      title: t("targets.queueCol.department"),
      fixed: "left",
      width: 200,
      render: (_, v) => (
        <span>
          {v.departmentYear.department.name}
          <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
            {v.departmentYear.department.code}
          </Typography.Text>
        </span>
      ),
    },
    { key: "year", title: t("targets.queueCol.year"), width: 80, render: (_, v) => v.departmentYear.year },
    { key: "version", title: t("targets.queueCol.version"), width: 90, render: (_, v) => t("targets.version", { number: v.number }) },
    {
      key: "kind",
      title: t("targets.queueCol.kind"),
      width: 80,
      render: (_, v) => <Tag color={v.kind === "ADJUSTMENT" ? "orange" : "blue"}>{t(`targets.kind.${v.kind}`)}</Tag>,
    },
    { key: "by", title: t("targets.queueCol.submittedBy"), width: 120, render: (_, v) => v.submittedByName },
    { key: "at", title: t("targets.queueCol.submittedAt"), width: 150, render: (_, v) => dayjs(v.createdAt).format("YYYY-MM-DD HH:mm") },
    { key: "reason", title: t("targets.queueCol.reason"), render: (_, v) => v.reason },
    {
      key: "action",
      title: t("targets.queueCol.action"),
      width: 80,
      render: (_, v) => <Link to={`/years/${v.departmentYear.id}/targets`}>{t("targets.queueOpen")}</Link>,
    },
  ];
  return (
    <Card title={t("targets.queue")}>
      <Typography.Paragraph type="secondary">{t("targets.queueIntro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" message={t("common.error")} description={errorsText(t, error)} style={{ marginBottom: 12 }} />}
      <Table<Waiting>
        data-testid="targets-queue"
        rowKey="id"
        scroll={{ x: 1000 }}
        size="small"
        loading={fetching && !data}
        pagination={false}
        columns={columns}
        dataSource={waiting}
        locale={{ emptyText: t("targets.queueEmpty") }}
      />
      {total > waiting.length && (
        <Typography.Text type="secondary">{t("targets.queueMore", { total, shown: waiting.length })}</Typography.Text>
      )}
    </Card>
  );
}
