import { useMemo } from "react";
import { Table, Tag } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import ChartTableCard from "./ChartTableCard";
import { pending } from "./pending";
import { plain } from "../../lib/format";
import { gradeColor, gradeDistribution, gradeOption, type GradeRow } from "./series";

const GradesDocument = graphql(`
  query DashboardGrades($year: Int!) {
    evaluationAggregate(groupBy: [GRADE], where: { hasProject: false, hasDepartmentYearWith: { year: $year } }) {
      totalGroups
      groups { key { grade } count }
    }
    defaultRules { excellentFrom goodFrom fairFrom }
  }
`);

/** How many departments of a year earned each grade: a doughnut, or the same as a table. */
export default function GradeDistributionCard({ year }: { year: number }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: GradesDocument, variables: { year } });
  const rows = useMemo(() => gradeDistribution(data?.evaluationAggregate.groups), [data]);
  const option = useMemo(() => gradeOption(rows, (g) => t(`grade.${g}`)), [rows, t]);
  const total = rows.reduce((n, r) => n + r.count, 0);
  // The built-in rules' bands, as the server states them; a region's rule set may draw its own.
  const bands = data?.defaultRules;
  const bandOf = (g: GradeRow["grade"]) => {
    if (!bands) return "";
    const [from, to] = { EXCELLENT: [bands.excellentFrom, ""], GOOD: [bands.goodFrom, bands.excellentFrom], FAIR: [bands.fairFrom, bands.goodFrom], POOR: ["", bands.fairFrom] }[g];
    return t(`dashboards.grades.bands.${g}`, { from: plain(from), to: plain(to) });
  };

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, false);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={300}
        ariaLabel={t("dashboards.grades.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<GradeRow>
        size="small"
        rowKey="grade"
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t("dashboards.grades.grade"),
            dataIndex: "grade",
            render: (g: GradeRow["grade"]) => <Tag color={gradeColor[g]}>{t(`grade.${g}`)}</Tag>,
          },
          { title: t("dashboards.grades.band"), dataIndex: "grade", key: "band", render: bandOf },
          { title: t("dashboards.grades.count"), dataIndex: "count", align: "right" },
          { title: t("dashboards.grades.share"), dataIndex: "share", align: "right" },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              {t("dashboards.grades.total")}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {total}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
      />
    );
  }
  return <ChartTableCard testId="grades-card" title={t("dashboards.grades.title")} chart={chart} table={table} />;
}
