import { useMemo } from "react";
import { Link } from "react-router-dom";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { EvaluationStatus, EvaluationWhereInput, Grade, ListEvaluationsQuery } from "../../gql/graphql";
import { formatDecimal, percent } from "../../lib/format";
import ListScreen, { type ListColumn } from "./ListScreen";
import { DepartmentFilter, Filter, MultiFilter, YearFilter, departmentWithin, useListOptions } from "./filters";
import { GRADE_VALUES, GradeTag, Muted, STATUSES, StatusTag, when } from "./cells";
import { splitList, useListParams, type Sort } from "./useListParams";
import type { ExportRoot } from "./exportDocument";

export const ListEvaluationsDocument = graphql(`
  query ListEvaluations($where: EvaluationWhereInput, $orderBy: [EvaluationOrder!], $first: Int!, $after: Cursor) {
    evaluations(where: $where, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          status
          score
          grade
          executionRate
          submittedAt
          updatedAt
          project { id code name }
          departmentYear { id year department { id code name } }
        }
      }
    }
  }
`);

type Row = NonNullable<NonNullable<NonNullable<ListEvaluationsQuery["evaluations"]["edges"]>[number]>["node"]>;

export type Scope = "ALL" | "OVERALL" | "PROJECT";

export interface EvaluationFilters {
  year?: string;
  status?: string;
  grade?: string;
  department?: string;
  scope?: string;
}

/** The where input of the evaluations the filters select. */
export function evaluationsWhere(f: EvaluationFilters): EvaluationWhereInput {
  const where: EvaluationWhereInput = {};
  const statuses = splitList(f.status) as EvaluationStatus[];
  const grades = splitList(f.grade) as Grade[];
  if (statuses.length) where.statusIn = statuses;
  if (grades.length) where.gradeIn = grades;
  if (f.scope === "OVERALL") where.projectIDIsNil = true;
  if (f.scope === "PROJECT") where.projectIDNotNil = true;
  if (f.year || f.department) {
    where.hasDepartmentYearWith = [{ ...(f.year ? { year: Number(f.year) } : {}), ...departmentWithin(f.department) }];
  }
  return where;
}

export const DEFAULT_EVALUATION_SORT: Sort = { field: "SCORE", direction: "DESC" };
const exportRoot: ExportRoot = { field: "evaluations", whereType: "EvaluationWhereInput", orderType: "EvaluationOrder" };
const filterKeys = ["year", "status", "grade", "department", "scope"] as const;

/** 自评查询: evaluations by year, status, grade and department, sorted on the server. */
export function EvaluationsListPage() {
  const { t } = useTranslation();
  const { years, departments } = useListOptions();
  const { filters, setFilter, sort, setSort, clearFilters, anyFilter } = useListParams(filterKeys);
  const where = useMemo(() => evaluationsWhere(filters), [filters]);

  const columns: ListColumn<Row>[] = [
    {
      key: "department",
      title: t("lists.evaluations.col.department"),
      fixed: true,
      render: (r) => <Link to={`/evaluations/${r.id}`}>{r.departmentYear.department.name}</Link>,
      exportFields: "departmentYear { department { name } }",
    },
    {
      key: "code",
      title: t("lists.evaluations.col.code"),
      defaultHidden: true,
      render: (r) => r.departmentYear.department.code,
      exportFields: "departmentYear { department { code } }",
    },
    { key: "year", title: t("lists.evaluations.col.year"), render: (r) => r.departmentYear.year, exportFields: "departmentYear { year }" },
    {
      key: "subject",
      title: t("lists.evaluations.col.subject"),
      render: (r) => r.project?.name ?? <Muted>{t("lists.overall")}</Muted>,
      exportFields: "project { code name }",
    },
    {
      key: "score",
      title: t("lists.evaluations.col.score"),
      align: "right",
      sortField: "SCORE",
      render: (r) => formatDecimal(r.score, 2),
      exportFields: "score",
    },
    { key: "grade", title: t("lists.evaluations.col.grade"), sortField: "GRADE", render: (r) => <GradeTag t={t} grade={r.grade} />, exportFields: "grade gradeLabel" },
    { key: "status", title: t("lists.evaluations.col.status"), sortField: "STATUS", render: (r) => <StatusTag t={t} status={r.status} />, exportFields: "status" },
    {
      key: "executionRate",
      title: t("lists.evaluations.col.executionRate"),
      align: "right",
      sortField: "EXECUTION_RATE",
      defaultHidden: true,
      render: (r) => percent(r.executionRate),
      exportFields: "executionRate",
    },
    {
      key: "submittedAt",
      title: t("lists.evaluations.col.submittedAt"),
      sortField: "SUBMITTED_AT",
      render: (r) => when(r.submittedAt),
      exportFields: "submittedAt",
    },
    {
      key: "updatedAt",
      title: t("lists.evaluations.col.updatedAt"),
      sortField: "UPDATED_AT",
      render: (r) => when(r.updatedAt),
      exportFields: "updatedAt",
    },
  ];

  const title = t("lists.evaluations.title");
  return (
    <ListScreen
      id="evaluations"
      title={title}
      intro={t("lists.evaluations.intro")}
      query={ListEvaluationsDocument}
      connection={(d) => d.evaluations}
      where={where}
      sort={sort ?? DEFAULT_EVALUATION_SORT}
      onSort={setSort}
      columns={columns}
      exportRoot={exportRoot}
      filename={filters.year ? `${title} ${filters.year}` : title}
      anyFilter={anyFilter}
      onClearFilters={clearFilters}
      filters={
        <>
          <YearFilter value={filters.year} years={years} onChange={(v) => setFilter("year", v)} />
          <MultiFilter<EvaluationStatus>
            label={t("lists.status")}
            placeholder={t("lists.allStatuses")}
            testId="filter-status"
            value={splitList(filters.status) as EvaluationStatus[]}
            onChange={(v) => setFilter("status", v)}
            options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <MultiFilter<Grade>
            label={t("lists.grade")}
            placeholder={t("lists.allGrades")}
            testId="filter-grade"
            width={160}
            value={splitList(filters.grade) as Grade[]}
            onChange={(v) => setFilter("grade", v)}
            options={GRADE_VALUES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
          />
          <DepartmentFilter value={filters.department} departments={departments} onChange={(v) => setFilter("department", v)} />
          <Filter label={t("lists.scope")}>
            <Segmented<Scope>
              aria-label={t("lists.scope")}
              data-testid="filter-scope"
              value={(filters.scope as Scope | undefined) ?? "ALL"}
              onChange={(v) => setFilter("scope", v === "ALL" ? undefined : v)}
              options={(["ALL", "OVERALL", "PROJECT"] as const).map((s) => ({ value: s, label: t(`lists.scopes.${s}`) }))}
            />
          </Filter>
        </>
      }
    />
  );
}

export default EvaluationsListPage;
