import { useMemo } from "react";
import { Space, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import { formatDecimal } from "../../lib/format";
import { nodes } from "../../lib/relay";
import ExportButton from "../../components/ExportButton";
import ChartTableCard from "./ChartTableCard";
import { pending } from "./pending";
import { gradeColor, rankingOption, rankingRows, type RankingRow } from "./series";

const RankingDocument = graphql(`
  query DashboardRanking($year: Int!) {
    evaluationRanking(direction: DESC, first: 100, where: { hasProject: false, hasDepartmentYearWith: { year: $year } }) {
      totalCount
      edges {
        node {
          id
          score
          grade
          status
          departmentYear { id department { id name code } }
        }
      }
    }
  }
`);

/** Departments of a year ranked by their overall evaluation's score: bars, or the same as a table. */
export default function RankingCard({ year }: { year: number }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: RankingDocument, variables: { year } });
  const rows = useMemo(() => rankingRows(nodes(data?.evaluationRanking)), [data]);
  const option = useMemo(() => rankingOption(rows, t("dashboards.ranking.score")), [rows, t]);
  const total = data?.evaluationRanking.totalCount ?? 0;

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={Math.max(200, rows.length * 28 + 48)}
        ariaLabel={t("dashboards.ranking.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<RankingRow>
        size="small"
        rowKey="key"
        scroll={{ x: 800 }}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t("dashboards.ranking.rank"), dataIndex: "rank", width: 70 },
          { title: t("dashboards.ranking.department"), dataIndex: "department", fixed: "left", width: 200 },
          { title: t("dashboards.ranking.code"), dataIndex: "code" },
          { title: t("dashboards.ranking.score"), dataIndex: "score", align: "right", render: (v: string) => formatDecimal(v, 2) },
          {
            title: t("dashboards.ranking.grade"),
            dataIndex: "grade",
            render: (g: RankingRow["grade"]) => <Tag color={gradeColor[g]}>{t(`grade.${g}`)}</Tag>,
          },
          { title: t("dashboards.ranking.status"), dataIndex: "status", render: (s: string) => t(`status.${s}`) },
          {
            title: t("dashboards.ranking.report"),
            render: (_, r) => <Link to={`/evaluations/${r.evaluationId}/report`}>{t("common.open")}</Link>,
          },
        ]}
      />
    );
  }
  return (
    <ChartTableCard
      testId="ranking-card"
      title={t("dashboards.ranking.title")}
      chart={chart}
      table={table}
      footer={
        <Space wrap style={{ marginTop: 12 }}>
          <ExportButton document={RankingDocument} variables={{ year }} filename={`${t("dashboards.ranking.title")} ${year}`} />
          {total > rows.length && (
            <Typography.Text type="secondary">{t("dashboards.ranking.shown", { total, shown: rows.length })}</Typography.Text>
          )}
        </Space>
      }
    />
  );
}
