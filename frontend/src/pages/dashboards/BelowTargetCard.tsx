import { useMemo, useState } from "react";
import { Segmented, Select, Space, Table, Typography } from "antd";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DashboardBelowTargetQuery, IndicatorKind } from "../../gql/graphql";
import EChart from "../../lib/charts/EChart";
import { formatDecimal, plain, rate, targetText, withUnit } from "../../lib/format";
import { nodes } from "../../lib/relay";
import ChartTableCard from "./ChartTableCard";
import { pending } from "./pending";
import { attainmentPercent, belowTargetOption, belowTargetWhere, indicatorLink } from "./series";

const BelowTargetDocument = graphql(`
  query DashboardBelowTarget($where: IndicatorWhereInput!) {
    indicatorRanking(by: ATTAINMENT, direction: ASC, first: 50, where: $where) {
      totalCount
      edges {
        node {
          id
          name
          kind
          operator
          target
          unit
          weight
          effectiveActual
          completionRate
          attainment
          score
          rating
          project { id name }
          departmentYear { id year department { id name code } }
        }
      }
    }
  }
`);

type Indicator = NonNullable<
  NonNullable<NonNullable<DashboardBelowTargetQuery["indicatorRanking"]["edges"]>[number]>["node"]
>;

export interface DepartmentOption {
  id: string;
  name: string;
  code: string;
}

const thresholds = ["1", "0.9", "0.8", "0.6"];

/** The year's indicators with the lowest attainment, filtered by kind, attainment and department. */
export default function BelowTargetCard({ year, departments }: { year: number; departments: DepartmentOption[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<IndicatorKind | "ALL">("ALL");
  const [threshold, setThreshold] = useState("1");
  const [departmentId, setDepartmentId] = useState<string>();
  const where = useMemo(
    () => belowTargetWhere({ year, threshold, departmentId, kind: kind === "ALL" ? undefined : kind }),
    [year, threshold, departmentId, kind],
  );
  const [{ data, fetching, error }] = useQuery({ query: BelowTargetDocument, variables: { where } });
  const rows = useMemo(() => nodes<Indicator>(data?.indicatorRanking), [data]);
  const option = useMemo(
    () =>
      belowTargetOption(
        rows.map((r) => ({ name: r.name, department: r.departmentYear.department.name, attainment: r.attainment })),
        t("dashboards.below.attainment"),
      ),
    [rows, t],
  );
  const total = data?.indicatorRanking.totalCount ?? 0;

  const filters = (
    <>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t("dashboards.below.kind")}</Typography.Text>
        <Segmented<IndicatorKind | "ALL">
          value={kind}
          onChange={setKind}
          data-testid="below-kind"
          options={[
            { value: "ALL", label: t("dashboards.below.all") },
            { value: "QUANTITATIVE", label: t("dashboards.below.QUANTITATIVE") },
            { value: "QUALITATIVE", label: t("dashboards.below.QUALITATIVE") },
          ]}
        />
      </Space>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t("dashboards.below.threshold")}</Typography.Text>
        <Select
          value={threshold}
          onChange={setThreshold}
          style={{ width: 100 }}
          data-testid="below-threshold"
          aria-label={t("dashboards.below.threshold")}
          options={thresholds.map((v) => ({ value: v, label: attainmentPercent(v).replace(".00", "") }))}
        />
      </Space>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t("dashboards.below.department")}</Typography.Text>
        <Select
          value={departmentId}
          onChange={setDepartmentId}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("dashboards.below.allDepartments")}
          style={{ width: "min(280px, calc(100vw - 120px))" }}
          data-testid="below-department"
          aria-label={t("dashboards.below.department")}
          options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
        />
      </Space>
    </>
  );

  let chart, table;
  const waiting = pending(t, { error, fetching, data }, !rows.length);
  if (waiting) chart = table = waiting;
  else {
    chart = (
      <EChart
        option={option}
        height={Math.max(200, rows.length * 26 + 48)}
        ariaLabel={t("dashboards.below.title")}
        loadingText={t("dashboards.chartLoading")}
        failedText={t("dashboards.chartFailed")}
      />
    );
    table = (
      <Table<Indicator>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t("dashboards.below.name"),
            dataIndex: "name",
            fixed: "left",
            width: 200,
            render: (name: string, r) => <Link to={indicatorLink(r)}>{name}</Link>,
          },
          {
            title: t("dashboards.below.departmentCol"),
            render: (_, r) => r.departmentYear.department.name,
          },
          {
            title: t("dashboards.below.project"),
            render: (_, r) => r.project?.name ?? <Typography.Text type="secondary">{t("dashboards.below.overall")}</Typography.Text>,
          },
          {
            title: t("dashboards.below.target"),
            render: (_, r) => (r.kind === "QUALITATIVE" ? "—" : targetText(r)),
          },
          {
            title: t("dashboards.below.actual"),
            render: (_, r) =>
              r.kind === "QUALITATIVE"
                ? r.rating
                  ? t(`report.rating.${r.rating}`)
                  : "—"
                : withUnit(r.effectiveActual, r.unit),
          },
          { title: t("dashboards.below.completionRate"), align: "right", render: (_, r) => rate(r.completionRate) },
          { title: t("dashboards.below.attainment"), align: "right", render: (_, r) => attainmentPercent(r.attainment) },
          {
            title: t("dashboards.below.score"),
            align: "right",
            render: (_, r) => `${formatDecimal(r.score, 2)} / ${plain(r.weight)}`,
          },
        ]}
      />
    );
  }
  return (
    <ChartTableCard
      testId="below-card"
      title={t("dashboards.below.title")}
      filters={filters}
      chart={chart}
      table={table}
      initialView="table"
      footer={
        total > 0 && (
          <Typography.Text type="secondary" style={{ display: "block", marginTop: 8 }}>
            {t("dashboards.below.shown", { total, shown: rows.length })}
          </Typography.Text>
        )
      }
    />
  );
}
