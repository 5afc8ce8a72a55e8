import { useMemo, useState } from "react";
import { Select, Space, Table, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import { formatDecimal } from "../../lib/format";
import ExportButton from "../../components/ExportButton";
import ChartTableCard from "./ChartTableCard";
import { pending } from "./pending";
import { signed, YOY_SORTS, yoyOption, yoyOrder, yoyRows, type YoyRow, type YoySort } from "./series";

const YearOnYearDocument = graphql(`
  query DashboardYearOnYear($year: Int!, $against: Int!, $orderBy: YearOnYearOrder!) {
    evaluationYearOnYear(
      year: $year
      against: $against
      groupBy: [DEPARTMENT]
      measure: SCORE
      where: { hasProject: false }
      orderBy: $orderBy
      first: 1000
    ) {
      year
      against
      totalGroups
      groups {
        key { department { id code name depth } }
        current { count avg }
        previous { count avg }
        change { avg }
      }
    }
  }
`);

/**
 * Every department's overall score in the year against another year (the one before by default),
 * with the change: bars of the change, or a table, ordered by the server as picked.
 */
export default function YearOnYearCard({ year, years }: { year: number; years: number[] }) {
  const { t } = useTranslation();
  const [against, setAgainst] = useState(year - 1);
  const [sort, setSort] = useState<YoySort>("CHANGE_DESC");
  const orderBy = useMemo(() => yoyOrder(sort), [sort]);
  const [{ data, fetching, error }] = useQuery({ query: YearOnYearDocument, variables: { year, against, orderBy } });
  const rows = useMemo(() => yoyRows(data?.evaluationYearOnYear.groups, t("dashboards.hidden")), [data, t]);
  const option = useMemo(() => yoyOption(rows, t("dashboards.yoy.change")), [rows, t]);
  // Any year but the one picked: the one before, even when nothing is stored for it.
  const againstYears = [...new Set([year - 1, ...years])].filter((y) => y !== year).sort((a, b) => b - a);

  const filters = (
    <>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t("dashboards.yoy.against")}</Typography.Text>
        <Select
          value={against}
          onChange={setAgainst}
          style={{ width: 120 }}
          data-testid="yoy-against"
          aria-label={t("dashboards.yoy.against")}
          options={againstYears.map((y) => ({ value: y, label: t("dashboards.yearSuffix", { year: y }) }))}
        />
      </Space>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t("dashboards.yoy.sort")}</Typography.Text>
        <Select<YoySort>
          value={sort}
          onChange={setSort}
          style={{ width: 180 }}
          data-testid="yoy-sort"
          aria-label={t("dashboards.yoy.sort")}
          options={YOY_SORTS.map((s) => ({ value: s, label: t(`dashboards.yoy.sorts.${s}`) }))}
        />
      </Space>
    </>
  );

  const score = (v: string | null) => (v == null ? "—" : formatDecimal(v, 2));
  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={Math.max(200, rows.length * 26 + 48)}
        ariaLabel={t("dashboards.yoy.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<YoyRow>
        size="small"
        rowKey="key"
        scroll={{ x: 760 }}
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30 } : false}
        columns={[
          { title: t("dashboards.yoy.department"), dataIndex: "department", fixed: "left", width: 200 },
          { title: t("dashboards.yoy.code"), dataIndex: "code" },
          {
            title: t("dashboards.yoy.scoreIn", { year: against }),
            dataIndex: "previous",
            align: "right",
            render: score,
          },
          { title: t("dashboards.yoy.scoreIn", { year }), dataIndex: "current", align: "right", render: score },
          { title: t("dashboards.yoy.change"), dataIndex: "change", align: "right", render: (v: string | null) => signed(v) },
        ]}
      />
    );
  }
  return (
    <ChartTableCard
      testId="yoy-card"
      title={t("dashboards.yoy.title")}
      filters={filters}
      chart={chart}
      table={table}
      footer={
        <div style={{ marginTop: 12 }}>
          <ExportButton
            document={YearOnYearDocument}
            variables={{ year, against, orderBy }}
            filename={`${t("dashboards.yoy.title")} ${year}-${against}`}
          />
        </div>
      }
    />
  );
}
