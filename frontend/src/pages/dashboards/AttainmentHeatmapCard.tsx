import { useMemo, useState } from "react";
import { Table, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import EChart from "../../lib/charts/EChart";
import ExportButton from "../../components/ExportButton";
import ChartTableCard from "./ChartTableCard";
import DepthSelect from "./DepthSelect";
import { pending } from "./pending";
import { attainmentMatrix, attainmentPercent, cellKey, heatmapOption, type HeatDepartment } from "./series";

const AttainmentHeatDocument = graphql(`
  query DashboardAttainmentHeat($year: Int!, $depth: Int!) {
    indicatorAggregate(
      groupBy: [LEVEL1, LEVEL2, DEPARTMENT]
      measures: [ATTAINMENT]
      departmentDepth: $depth
      where: { hasDepartmentYearWith: { year: $year } }
      first: 1000
    ) {
      totalGroups
      groups {
        key { level1 level2 department { id code name depth } }
        count
        stats { measure count avg }
      }
    }
  }
`);

/**
 * The year's average attainment of the indicators per level-2 group and department group: a heat
 * map from red (0) to green (1), or the same matrix as a table (a pair without indicators is empty).
 */
export default function AttainmentHeatmapCard({ year, maxDepth }: { year: number; maxDepth: number }) {
  const { t } = useTranslation();
  const [depth, setDepth] = useState(Math.min(2, Math.max(maxDepth, 1)));
  const [{ data, fetching, error }] = useQuery({ query: AttainmentHeatDocument, variables: { year, depth } });
  const matrix = useMemo(() => attainmentMatrix(data?.indicatorAggregate.groups, t("dashboards.hidden")), [data, t]);
  const option = useMemo(
    () => heatmapOption(matrix, { attainment: t("dashboards.heat.attainment"), count: t("dashboards.heat.count") }),
    [matrix, t],
  );

  // The table: a row per department group, a column per level-2 group under its level-1 group.
  const columns = useMemo(() => {
    const level1s: string[] = [];
    for (const l of matrix.levels) if (!level1s.includes(l.level1)) level1s.push(l.level1);
    const cols: ColumnsType<HeatDepartment> = [
      { title: t("dashboards.heat.department"), dataIndex: "name", fixed: "left", width: 220 },
      ...level1s.map((l1) => ({
        title: l1 || "—",
        key: `l1:${l1}`,
        children: matrix.levels
          .filter((l) => l.level1 === l1)
          .map((l) => ({
            title: l.level2 || "—",
            key: l.key,
            align: "right" as const,
            width: 110,
            render: (_: unknown, d: HeatDepartment) => {
              const cell = matrix.cells.get(cellKey(l.key, d.key));
              return cell ? (
                <Tooltip title={t("dashboards.heat.cellCount", { count: cell.count })}>{attainmentPercent(cell.avg)}</Tooltip>
              ) : null;
            },
          })),
      })),
    ];
    return cols;
  }, [matrix, t]);

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !matrix.cells.size);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={Math.max(280, matrix.levels.length * 30 + 200)}
        ariaLabel={t("dashboards.heat.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<HeatDepartment>
        size="small"
        bordered
        rowKey="key"
        dataSource={matrix.departments}
        pagination={false}
        scroll={{ x: 220 + matrix.levels.length * 110 }}
        columns={columns}
      />
    );
  }
  return (
    <ChartTableCard
      testId="heat-card"
      title={t("dashboards.heat.title")}
      filters={<DepthSelect value={depth} onChange={setDepth} maxDepth={maxDepth} testId="heat-depth" />}
      chart={chart}
      table={table}
      footer={
        <div style={{ marginTop: 12 }}>
          <ExportButton document={AttainmentHeatDocument} variables={{ year, depth }} filename={`${t("dashboards.heat.title")} ${year}`} />
        </div>
      }
    />
  );
}
