import { useMemo, useState } from "react";
import { Empty, Select, Table, Tag } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import { formatDecimal, percent, wan } from "../../lib/format";
import { nodes } from "../../lib/relay";
import type { DepartmentOption } from "./BelowTargetCard";
import ChartTableCard from "./ChartTableCard";
import { pending } from "./pending";
import { gradeColor, historyOption, historyRows, type YearRow } from "./series";

const DepartmentYearsDocument = graphql(`
  query DashboardDepartmentYears($id: ID!) {
    node(id: $id) {
      __typename
      ... on Department {
        id
        name
        code
        years(first: 50, orderBy: [{ field: YEAR, direction: ASC }]) {
          edges {
            node {
              id
              year
              totalActual
              executionRate
              overallEvaluation { id score grade }
            }
          }
        }
      }
    }
  }
`);

/** One department's years side by side: spending, execution rate and score, as kept for each year. */
export default function DepartmentHistoryCard({ departments }: { departments: DepartmentOption[] }) {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState<string>();
  const [{ data, fetching, error }] = useQuery({
    query: DepartmentYearsDocument,
    variables: { id: departmentId ?? "" },
    pause: !departmentId,
  });
  const department = data?.node?.__typename === "Department" ? data.node : undefined;
  const rows = useMemo(() => historyRows(department ? nodes(department.years) : []), [department]);
  const option = useMemo(
    () =>
      historyOption(rows, {
        totalActual: t("dashboards.history.totalActual"),
        score: t("dashboards.history.score"),
        executionRate: t("dashboards.history.executionRate"),
      }),
    [rows, t],
  );

  const filters = (
    <Select
      value={departmentId}
      onChange={setDepartmentId}
      showSearch
      optionFilterProp="label"
      placeholder={t("dashboards.history.pick")}
      style={{ width: "min(320px, calc(100vw - 120px))" }}
      data-testid="history-department"
      aria-label={t("dashboards.history.pick")}
      options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
    />
  );

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length, t("dashboards.history.noYears"));
  if (!departmentId) chart = table = <Empty description={t("dashboards.history.pickHint")} />;
  else if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={320}
        ariaLabel={t("dashboards.history.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<YearRow>
        size="small"
        rowKey="key"
        scroll={{ x: 600 }}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t("dashboards.history.year"), dataIndex: "year", fixed: "left", width: 80 },
          { title: t("dashboards.history.totalActual"), dataIndex: "totalActual", align: "right", render: (v: string) => wan(v) },
          { title: t("dashboards.history.executionRate"), dataIndex: "executionRate", align: "right", render: (v: string | null) => percent(v) },
          {
            title: t("dashboards.history.score"),
            dataIndex: "score",
            align: "right",
            render: (v: string | null) => (v == null ? "—" : formatDecimal(v, 2)),
          },
          {
            title: t("dashboards.history.grade"),
            dataIndex: "grade",
            render: (g: YearRow["grade"]) => (g ? <Tag color={gradeColor[g]}>{t(`grade.${g}`)}</Tag> : "—"),
          },
        ]}
      />
    );
  }
  return <ChartTableCard testId="history-card" title={t("dashboards.history.title")} filters={filters} chart={chart} table={table} />;
}
