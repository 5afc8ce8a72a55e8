import { useMemo } from "react";
import { Link } from "react-router-dom";
import { Select } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { IndicatorWhereInput, ListBelowTargetQuery } from "../../gql/graphql";
import { formatDecimal, plain, rate, targetText, withUnit } from "../../lib/format";
import { attainmentPercent, indicatorLink } from "../dashboards/series";
import ListScreen, { type ListColumn } from "./ListScreen";
import { DepartmentFilter, Filter, YearFilter, departmentWithin, hint, useListOptions } from "./filters";
import { Muted } from "./cells";
import { useListParams, type Sort } from "./useListParams";
import type { ExportRoot } from "./exportDocument";

export const ListBelowTargetDocument = graphql(`
  query ListBelowTarget($where: IndicatorWhereInput, $orderBy: [IndicatorOrder!], $first: Int!, $after: Cursor) {
    indicators(where: $where, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          name
          level1
          level2
          kind
          operator
          target
          unit
          weight
          effectiveActual
          rating
          completionRate
          attainment
          score
          deviationReason
          project { id code name }
          departmentYear { id year department { id code name } }
        }
      }
    }
  }
`);

export const BelowTargetLevelsDocument = graphql(`
  query ListBelowTargetLevels($where: IndicatorWhereInput) {
    indicatorAggregate(groupBy: [LEVEL1], where: $where) {
      groups { key { level1 } count }
    }
  }
`);

type Row = NonNullable<NonNullable<NonNullable<ListBelowTargetQuery["indicators"]["edges"]>[number]>["node"]>;

/** The attainments (score ÷ weight) the list can stay below; 1 is below target at all. */
export const THRESHOLDS = ["1", "0.9", "0.8", "0.6"];

export interface BelowTargetFilters {
  year?: string;
  department?: string;
  level?: string;
  below?: string;
}

/**
 * The where input of the indicators below target: attainment (score ÷ weight, kept in an indexed
 * column) below the threshold, by default 1 (any shortfall), in the year, department and level-1
 * group chosen.
 */
export function belowTargetListWhere(f: BelowTargetFilters, withLevel = true): IndicatorWhereInput {
  const where: IndicatorWhereInput = { attainmentLT: f.below && THRESHOLDS.includes(f.below) ? f.below : "1" };
  if (f.year || f.department) {
    where.hasDepartmentYearWith = [{ ...(f.year ? { year: Number(f.year) } : {}), ...departmentWithin(f.department) }];
  }
  if (withLevel && f.level) where.level1 = f.level;
  return where;
}

export const DEFAULT_BELOW_TARGET_SORT: Sort = { field: "ATTAINMENT", direction: "ASC" };
const exportRoot: ExportRoot = { field: "indicators", whereType: "IndicatorWhereInput", orderType: "IndicatorOrder" };
const filterKeys = ["year", "department", "level", "below"] as const;

/** 未达标指标: indicators whose attainment is below target, with their deviation reasons. */
export function BelowTargetListPage() {
  const { t } = useTranslation();
  const { years, departments } = useListOptions();
  const { filters, setFilter, sort, setSort, clearFilters, anyFilter } = useListParams(filterKeys);
  const where = useMemo(() => belowTargetListWhere(filters), [filters]);
  // The level-1 groups present among the indicators the other filters select.
  const levelWhere = useMemo(() => belowTargetListWhere(filters, false), [filters]);
  const [{ data: levels }] = useQuery({ query: BelowTargetLevelsDocument, variables: { where: levelWhere } });
  const levelOptions = useMemo(() => {
    const names = (levels?.indicatorAggregate.groups ?? []).map((g) => g.key.level1).filter((l): l is string => !!l);
    if (filters.level && !names.includes(filters.level)) names.push(filters.level);
    return names.map((l) => ({ value: l, label: l }));
  }, [levels, filters.level]);
  const col = (k: string) => t(`lists.belowTarget.col.${k}`);

  const columns: ListColumn<Row>[] = [
    {
      key: "name",
      title: col("name"),
      fixed: true,
      sortField: "NAME",
      render: (r) => <Link to={indicatorLink(r)}>{r.name}</Link>,
      exportFields: "name",
    },
    {
      key: "department",
      title: col("department"),
      render: (r) => r.departmentYear.department.name,
      exportFields: "departmentYear { department { code name } }",
    },
    { key: "year", title: col("year"), render: (r) => r.departmentYear.year, exportFields: "departmentYear { year }" },
    {
      key: "subject",
      title: col("subject"),
      render: (r) => r.project?.name ?? <Muted>{t("lists.overall")}</Muted>,
      exportFields: "project { code name }",
    },
    { key: "level1", title: col("level1"), sortField: "LEVEL1", render: (r) => r.level1, exportFields: "level1" },
    { key: "level2", title: col("level2"), sortField: "LEVEL2", defaultHidden: true, render: (r) => r.level2, exportFields: "level2" },
    {
      key: "target",
      title: col("target"),
      render: (r) => (r.kind === "QUALITATIVE" ? "—" : targetText(r)),
      exportFields: "kind operator target unit",
    },
    {
      key: "actual",
      title: col("actual"),
      render: (r) => (r.kind === "QUALITATIVE" ? (r.rating ? t(`report.rating.${r.rating}`) : "—") : withUnit(r.effectiveActual, r.unit)),
      exportFields: "effectiveActual rating",
    },
    {
      key: "completionRate",
      title: col("completionRate"),
      align: "right",
      sortField: "COMPLETION_RATE",
      render: (r) => rate(r.completionRate),
      exportFields: "completionRate",
    },
    {
      key: "attainment",
      title: col("attainment"),
      align: "right",
      sortField: "ATTAINMENT",
      render: (r) => attainmentPercent(r.attainment),
      exportFields: "attainment",
    },
    {
      key: "score",
      title: col("score"),
      align: "right",
      sortField: "SCORE",
      render: (r) => `${formatDecimal(r.score, 2)} / ${plain(r.weight)}`,
      exportFields: "score weight",
    },
    {
      key: "deviationReason",
      title: col("deviationReason"),
      width: 320,
      render: (r) => r.deviationReason || "—",
      exportFields: "deviationReason",
    },
  ];

  const title = t("lists.belowTarget.title");
  return (
    <ListScreen
      id="belowTarget"
      title={title}
      intro={t("lists.belowTarget.intro")}
      query={ListBelowTargetDocument}
      connection={(d) => d.indicators}
      where={where}
      sort={sort ?? DEFAULT_BELOW_TARGET_SORT}
      onSort={setSort}
      columns={columns}
      exportRoot={exportRoot}
      filename={filters.year ? `${title} ${filters.year}` : title}
      anyFilter={anyFilter}
      onClearFilters={clearFilters}
      filters={
        <>
          <YearFilter value={filters.year} years={years} onChange={(v) => setFilter("year", v)} />
          <DepartmentFilter value={filters.department} departments={departments} onChange={(v) => setFilter("department", v)} />
          <Filter label={t("lists.level")}>
            <Select<string>
              aria-label={t("lists.level")}
              data-testid="filter-level"
              allowClear
              placeholder={hint(t("lists.allLevels"))}
              style={{ width: 180 }}
              value={filters.level}
              onChange={(v) => setFilter("level", v)}
              options={levelOptions}
            />
          </Filter>
          <Filter label={t("lists.threshold")}>
            <Select<string>
              aria-label={t("lists.threshold")}
              data-testid="filter-below"
              style={{ width: 100 }}
              value={filters.below && THRESHOLDS.includes(filters.below) ? filters.below : "1"}
              onChange={(v) => setFilter("below", v === "1" ? undefined : v)}
              options={THRESHOLDS.map((v) => ({ value: v, label: attainmentPercent(v).replace(".00", "") }))}
            />
          </Filter>
        </>
      }
    />
  );
}

export default BelowTargetListPage;
