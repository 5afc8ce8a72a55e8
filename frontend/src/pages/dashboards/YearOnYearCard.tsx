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
import { gradeColor, yearOnYearOption, yearOnYearRows, type YearRow } from "./series";

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

/** One department's years side by side: spending, execution rate and score. */
export default function YearOnYearCard({ departments }: { departments: DepartmentOption[] }) {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState<string>();
  const [{ data, fetching, error }] = useQuery({
    query: DepartmentYearsDocument,
    variables: { id: departmentId ?? "" },
    pause: !departmentId,
  });
  const department = data?.node?.__typename === "Department" ? data.node : undefined;
  const rows = useMemo(() => yearOnYearRows(department ? nodes(department.years) : []), [department]);
  const option = useMemo(
    () =>
      yearOnYearOption(rows, {
        totalActual: t("dashboards.yoy.totalActual"),
        score: t("dashboards.yoy.score"),
        executionRate: t("dashboards.yoy.executionRate"),
      }),
    [rows, t],
  );

  const filters = (
    <Select
      value={departmentId}
      onChange={setDepartmentId}
      showSearch
      optionFilterProp="label"
      placeholder={t("dashboards.yoy.pick")}
      style={{ width: 320 }}
      data-testid="yoy-department"
      options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
    />
  );

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length, t("dashboards.yoy.noYears"));
  if (!departmentId) chart = table = <Empty description={t("dashboards.yoy.pickHint")} />;
  else if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={320}
        ariaLabel={t("dashboards.yoy.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<YearRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t("dashboards.yoy.year"), dataIndex: "year" },
          { title: t("dashboards.yoy.totalActual"), dataIndex: "totalActual", align: "right", render: (v: string) => wan(v) },
          {
            title: t("dashboards.yoy.change"),
            dataIndex: "change",
            align: "right",
            render: (v: string | null) => (v == null ? "—" : (v.startsWith("-") ? "" : "+") + percent(v)),
          },
          { title: t("dashboards.yoy.executionRate"), dataIndex: "executionRate", align: "right", render: (v: string | null) => percent(v) },
          {
            title: t("dashboards.yoy.score"),
            dataIndex: "score",
            align: "right",
            render: (v: string | null) => (v == null ? "—" : formatDecimal(v, 2)),
          },
          {
            title: t("dashboards.yoy.grade"),
            dataIndex: "grade",
            render: (g: YearRow["grade"]) => (g ? <Tag color={gradeColor[g]}>{t(`grade.${g}`)}</Tag> : "—"),
          },
        ]}
      />
    );
  }
  return <ChartTableCard testId="yoy-card" title={t("dashboards.yoy.title")} filters={filters} chart={chart} table={table} />;
}
