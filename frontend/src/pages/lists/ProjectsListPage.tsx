import { useMemo } from "react";
import { Link } from "react-router-dom";
import { Input } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { ListProjectsQuery, ProjectWhereInput } from "../../gql/graphql";
import { percent } from "../../lib/format";
import ListScreen, { type ListColumn } from "./ListScreen";
import { DepartmentFilter, Filter, YearFilter, departmentWithin, useListOptions } from "./filters";
import { StatusTag, money } from "./cells";
import { useListParams, type Sort } from "./useListParams";
import type { ExportRoot } from "./exportDocument";

export const ListProjectsDocument = graphql(`
  query ListProjects($where: ProjectWhereInput, $orderBy: [ProjectOrder!], $first: Int!, $after: Cursor) {
    projects(where: $where, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          code
          name
          category
          initialBudget
          budget
          executed
          executionRate
          evaluation { id status }
          departmentYear { id year department { id code name } }
        }
      }
    }
  }
`);

type Row = NonNullable<NonNullable<NonNullable<ListProjectsQuery["projects"]["edges"]>[number]>["node"]>;

export interface ProjectFilters {
  year?: string;
  department?: string;
  q?: string;
}

/** The where input of the projects the filters select: a search matches the name or the code. */
export function projectsWhere(f: ProjectFilters): ProjectWhereInput {
  const where: ProjectWhereInput = {};
  if (f.year || f.department) {
    where.hasDepartmentYearWith = [{ ...(f.year ? { year: Number(f.year) } : {}), ...departmentWithin(f.department) }];
  }
  const q = f.q?.trim();
  if (q) where.or = [{ nameContainsFold: q }, { codeContainsFold: q }];
  return where;
}

export const DEFAULT_PROJECT_SORT: Sort = { field: "BUDGET", direction: "DESC" };
const exportRoot: ExportRoot = { field: "projects", whereType: "ProjectWhereInput", orderType: "ProjectOrder" };
const filterKeys = ["year", "department", "q"] as const;

/** 项目查询: the departments' projects with budget, spending and execution rate. */
export function ProjectsListPage() {
  const { t } = useTranslation();
  const { years, departments } = useListOptions();
  const { filters, setFilter, sort, setSort, clearFilters, anyFilter } = useListParams(filterKeys);
  const where = useMemo(() => projectsWhere(filters), [filters]);
  const col = (k: string) => t(`lists.projects.col.${k}`);
  const amount = (key: "initialBudget" | "budget" | "executed", sortField: string, defaultHidden?: boolean): ListColumn<Row> => ({
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
      key: "name",
      title: col("name"),
      fixed: true,
      render: (r) => <Link to={`/projects/${r.id}/indicators`}>{r.name}</Link>,
      exportFields: "name",
    },
    { key: "code", title: col("code"), sortField: "CODE", defaultHidden: true, render: (r) => r.code, exportFields: "code" },
    {
      key: "department",
      title: col("department"),
      render: (r) => r.departmentYear.department.name,
      exportFields: "departmentYear { department { code name } }",
    },
    { key: "year", title: col("year"), render: (r) => r.departmentYear.year, exportFields: "departmentYear { year }" },
    { key: "category", title: col("category"), sortField: "CATEGORY", defaultHidden: true, render: (r) => r.category || "—", exportFields: "category" },
    amount("initialBudget", "INITIAL_BUDGET", true),
    amount("budget", "BUDGET"),
    amount("executed", "EXECUTED"),
    {
      key: "executionRate",
      title: col("executionRate"),
      align: "right",
      sortField: "EXECUTION_RATE",
      render: (r) => percent(r.executionRate),
      exportFields: "executionRate",
    },
    {
      key: "evaluationStatus",
      title: col("evaluationStatus"),
      render: (r) => (r.evaluation ? <StatusTag t={t} status={r.evaluation.status} /> : "—"),
      exportFields: "evaluation { status }",
    },
  ];

  const title = t("lists.projects.title");
  return (
    <ListScreen
      id="projects"
      title={title}
      intro={t("lists.projects.intro")}
      query={ListProjectsDocument}
      connection={(d) => d.projects}
      where={where}
      sort={sort ?? DEFAULT_PROJECT_SORT}
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
          <Filter label={t("lists.projectName")}>
            <Input.Search
              key={filters.q ?? ""}
              aria-label={t("lists.projectName")}
              data-testid="filter-q"
              allowClear
              defaultValue={filters.q}
              placeholder={t("lists.projectSearch")}
              style={{ width: 240, maxWidth: "calc(100vw - 120px)" }}
              onSearch={(v) => setFilter("q", v.trim() || undefined)}
            />
          </Filter>
        </>
      }
    />
  );
}

export default ProjectsListPage;
