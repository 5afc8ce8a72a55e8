import { useMemo, useState } from "react";
import { Table, Tag } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import ExportButton from "../../components/ExportButton";
import ChartTableCard from "./ChartTableCard";
import DepthSelect from "./DepthSelect";
import { pending } from "./pending";
import { GRADES, gradeColor, groupGradeOption, groupGradeRows, type GroupGradeRow } from "./series";

const GroupGradesDocument = graphql(`
  query DashboardGroupGrades($year: Int!, $depth: Int!) {
    evaluationAggregate(
      groupBy: [DEPARTMENT, GRADE]
      departmentDepth: $depth
      where: { hasProject: false, hasDepartmentYearWith: { year: $year } }
      first: 1000
    ) {
      totalGroups
      groups { key { department { id code name depth } grade } count }
    }
  }
`);

/** The grades of a year's department evaluations per department group (the tree cut at a depth): stacked bars, or a table. */
export default function GroupGradesCard({ year, maxDepth }: { year: number; maxDepth: number }) {
  const { t } = useTranslation();
  const [depth, setDepth] = useState(Math.min(2, Math.max(maxDepth, 1)));
  const [{ data, fetching, error }] = useQuery({ query: GroupGradesDocument, variables: { year, depth } });
  const rows = useMemo(() => groupGradeRows(data?.evaluationAggregate.groups, t("dashboards.hidden")), [data, t]);
  const option = useMemo(
    () => groupGradeOption(rows, (g) => t(`grade.${g}`), t("dashboards.groupGrades.count")),
    [rows, t],
  );

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={Math.max(200, rows.length * 28 + 72)}
        ariaLabel={t("dashboards.groupGrades.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<GroupGradeRow>
        size="small"
        rowKey="key"
        scroll={{ x: 800 }}
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30 } : false}
        columns={[
          { title: t("dashboards.groupGrades.department"), dataIndex: "department", fixed: "left", width: 200 },
          { title: t("dashboards.groupGrades.code"), dataIndex: "code" },
          ...GRADES.map((g) => ({
            title: <Tag color={gradeColor[g]}>{t(`grade.${g}`)}</Tag>,
            key: g,
            align: "right" as const,
            render: (_: unknown, r: GroupGradeRow) => r.counts[g],
          })),
          { title: t("dashboards.groupGrades.total"), dataIndex: "total", align: "right" },
        ]}
      />
    );
  }
  return (
    <ChartTableCard
      testId="group-grades-card"
      title={t("dashboards.groupGrades.title")}
      filters={<DepthSelect value={depth} onChange={setDepth} maxDepth={maxDepth} testId="group-grades-depth" />}
      chart={chart}
      table={table}
      footer={
        <div style={{ marginTop: 12 }}>
          <ExportButton document={GroupGradesDocument} variables={{ year, depth }} filename={`${t("dashboards.groupGrades.title")} ${year}`} />
        </div>
      }
    />
  );
}
