import { useMemo } from "react";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DepartmentYearWhereInput, ListDepartmentYearsQuery, TargetStatus } from "../../gql/graphql";
import { percent } from "../../lib/format";
import ListScreen, { type ListColumn } from "./ListScreen";
import { DepartmentFilter, YearFilter, departmentWithin, useListOptions } from "./filters";
import { StatusTag, ToneTag, money, type Tone } from "./cells";
import { useListParams, type Sort } from "./useListParams";
import type { ExportRoot } from "./exportDocument";

export const ListDepartmentYearsDocument = graphql(`
  query ListDepartmentYears($where: DepartmentYearWhereInput, $orderBy: [DepartmentYearOrder!], $first: Int!, $after: Cursor) {
    departmentYears(where: $where, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          year
          department { id code name }
          totalInitialBudget
          totalBudget
          totalActual
          executionRate
          basicBudget
          projectBudget
          carryoverRate
          targets { status }
          overallEvaluation { id status }
        }
      }
    }
  }
`);

type Row = NonNullable<NonNullable<NonNullable<ListDepartmentYearsQuery["departmentYears"]["edges"]>[number]>["node"]>;

export interface DepartmentYearFilters {
  year?: string;
  department?: string;
}

/** The where input of the department-years the filters select. */
export function departmentYearsWhere(f: DepartmentYearFilters): DepartmentYearWhereInput {
  return { ...(f.year ? { year: Number(f.year) } : {}), ...departmentWithin(f.department) };
}

const targetTone: Record<TargetStatus, Tone> = { NOT_FILED: "grey", FILED: "blue", RETURNED: "orange", APPROVED: "green", ADJUSTING: "blue" };

export const DEFAULT_DEPARTMENT_YEAR_SORT: Sort = { field: "YEAR", direction: "DESC" };
const exportRoot: ExportRoot = { field: "departmentYears", whereType: "DepartmentYearWhereInput", orderType: "DepartmentYearOrder" };
const filterKeys = ["year", "department"] as const;

/** 部门年度查询: each department's years with their budget, spending, execution rate and targets. */
export function DepartmentYearsListPage() {
  const { t } = useTranslation();
  const { years, departments } = useListOptions();
  const { filters, setFilter, sort, setSort, clearFilters, anyFilter } = useListParams(filterKeys);
  const where = useMemo(() => departmentYearsWhere(filters), [filters]);
  const col = (k: string) => t(`lists.departmentYears.col.${k}`);
  const amount = (key: "totalInitialBudget" | "totalBudget" | "totalActual" | "basicBudget" | "projectBudget", sortField?: string, defaultHidden?: boolean): ListColumn<Row> => ({
    key,
    title: col(key),
    align: "right",
    sortField,
    defaultHidden,
    render: (r) => money(r[key]),
    exportFields: key,
  });

  const columns: ListColumn<Row>[] = [
    {
      key: "department",
      title: col("department"),
      fixed: true,
      render: (r) => <Link to={`/years/${r.id}`}>{r.department.name}</Link>,
      exportFields: "department { name }",
    },
    { key: "code", title: col("code"), defaultHidden: true, render: (r) => r.department.code, exportFields: "department { code }" },
    { key: "year", title: col("year"), sortField: "YEAR", render: (r) => r.year, exportFields: "year" },
    amount("totalInitialBudget", undefined, true),
    amount("totalBudget", "TOTAL_BUDGET"),
    amount("totalActual", "TOTAL_ACTUAL"),
    {
      key: "executionRate",
      title: col("executionRate"),
      align: "right",
      sortField: "EXECUTION_RATE",
      render: (r) => percent(r.executionRate),
      exportFields: "executionRate",
    },
    amount("basicBudget", "BASIC_BUDGET", true),
    amount("projectBudget", "PROJECT_BUDGET", true),
    {
      key: "carryoverRate",
      title: col("carryoverRate"),
      align: "right",
      sortField: "CARRYOVER_RATE",
      defaultHidden: true,
      render: (r) => percent(r.carryoverRate),
      exportFields: "carryoverRate",
    },
    {
      key: "targetStatus",
      title: col("targetStatus"),
      render: (r) => <ToneTag tone={targetTone[r.targets.status]}>{t(`targets.status.${r.targets.status}`)}</ToneTag>,
      exportFields: "targets { status }",
    },
    {
      key: "evaluationStatus",
      title: col("evaluationStatus"),
      render: (r) => (r.overallEvaluation ? <StatusTag t={t} status={r.overallEvaluation.status} /> : "—"),
      exportFields: "overallEvaluation { status }",
    },
  ];

  const title = t("lists.departmentYears.title");
  return (
    <ListScreen
      id="departmentYears"
      title={title}
      intro={t("lists.departmentYears.intro")}
      query={ListDepartmentYearsDocument}
      connection={(d) => d.departmentYears}
      where={where}
      sort={sort ?? DEFAULT_DEPARTMENT_YEAR_SORT}
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
        </>
      }
    />
  );
}

export default DepartmentYearsListPage;
