import { useMemo, useState } from "react";
import { Alert, Col, Empty, Row, Select, Space, Spin, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { nodes } from "../lib/relay";
import BelowTargetCard, { type DepartmentOption } from "./dashboards/BelowTargetCard";
import GradeDistributionCard from "./dashboards/GradeDistributionCard";
import RankingCard from "./dashboards/RankingCard";
import YearOnYearCard from "./dashboards/YearOnYearCard";
import DepartmentHistoryCard from "./dashboards/DepartmentHistoryCard";
import GroupGradesCard from "./dashboards/GroupGradesCard";
import AttainmentHeatmapCard from "./dashboards/AttainmentHeatmapCard";
import { treeDepth } from "./dashboards/series";
import { errorsText } from "../api/errors";

const DashboardFiltersDocument = graphql(`
  query DashboardFilters {
    latest: departmentYears(first: 1, orderBy: [{ field: YEAR, direction: DESC }]) {
      edges { node { id year } }
    }
    earliest: departmentYears(first: 1, orderBy: [{ field: YEAR, direction: ASC }]) {
      edges { node { id year } }
    }
    departments(first: 1000, orderBy: [{ field: CODE }]) {
      edges { node { id code name parentID } }
    }
  }
`);

/** The years from the latest to the earliest present (every year between them can be picked). */
export function yearRange(latest: number | undefined, earliest: number | undefined): number[] {
  if (latest == null) return [];
  const from = earliest ?? latest;
  const out: number[] = [];
  for (let y = latest; y >= from; y--) out.push(y);
  return out;
}

/**
 * Dashboards for analysts: the year's ranking and grades, the grades per department group, the
 * attainment heat map, indicators below target, every department against another year, one
 * department's years. Counts and averages come from the aggregates API.
 */
export default function DashboardsPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: DashboardFiltersDocument });
  const [picked, setPicked] = useState<number>();
  const years = useMemo(
    () => yearRange(nodes(data?.latest)[0]?.year, nodes(data?.earliest)[0]?.year),
    [data],
  );
  const departments = useMemo<DepartmentOption[]>(() => nodes(data?.departments), [data]);
  const maxDepth = useMemo(() => treeDepth(nodes(data?.departments)), [data]);
  const year = picked ?? years[0];

  if (error) return <Alert type="error" showIcon message={t("common.error")} description={errorsText(t, error)} />;
  if (fetching && !data) return <Spin />;
  if (year == null) return <Empty description={t("dashboards.noYears")} />;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("dashboards.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("dashboards.year")}</Typography.Text>
        <Select
          value={year}
          onChange={setPicked}
          style={{ width: 120 }}
          data-testid="dashboard-year"
          aria-label={t("dashboards.year")}
          options={years.map((y) => ({ value: y, label: t("dashboards.yearSuffix", { year: y }) }))}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <RankingCard year={year} />
        </Col>
        <Col xs={24} xl={10}>
          <GradeDistributionCard year={year} />
        </Col>
        <Col span={24}>
          <GroupGradesCard year={year} maxDepth={maxDepth} />
        </Col>
        <Col span={24}>
          <AttainmentHeatmapCard year={year} maxDepth={maxDepth} />
        </Col>
        <Col span={24}>
          <BelowTargetCard year={year} departments={departments} />
        </Col>
        <Col span={24}>
          {/* keyed by the year: another year compares against the one before it again */}
          <YearOnYearCard key={year} year={year} years={years} />
        </Col>
        <Col span={24}>
          <DepartmentHistoryCard departments={departments} />
        </Col>
      </Row>
    </Space>
  );
}
