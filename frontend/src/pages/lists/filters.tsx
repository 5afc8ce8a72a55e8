import { useMemo, type ReactNode } from "react";
import { Select, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { nodes } from "../../lib/relay";
import { MUTED } from "./cells";

export const ListOptionsDocument = graphql(`
  query ListOptions {
    latest: departmentYears(first: 1, orderBy: [{ field: YEAR, direction: DESC }]) {
      edges { node { id year } }
    }
    earliest: departmentYears(first: 1, orderBy: [{ field: YEAR, direction: ASC }]) {
      edges { node { id year } }
    }
    departments(first: 1000, orderBy: [{ field: CODE }]) {
      edges { node { id code name } }
    }
  }
`);

/** The years from the latest to the earliest present (every year between them can be picked). */
export function yearRange(latest: number | undefined, earliest: number | undefined): number[] {
  if (latest == null) return [];
  const out: number[] = [];
  for (let y = latest; y >= (earliest ?? latest); y--) out.push(y);
  return out;
}

/**
 * The years and departments the filters offer: those the caller reads (an editor's own
 * department subtree), as the server's access rules answer them.
 */
export function useListOptions() {
  const [{ data }] = useQuery({ query: ListOptionsDocument });
  const years = useMemo(() => yearRange(nodes(data?.latest)[0]?.year, nodes(data?.earliest)[0]?.year), [data]);
  const departments = useMemo(() => nodes(data?.departments), [data]);
  return { years, departments };
}

/** A select's placeholder in AA contrast (antd's is 0.25 black, which fails). */
export const hint = (text: string) => <span style={{ color: MUTED }}>{text}</span>;

/** A filter's visible name beside its control. */
export function Filter({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6, maxWidth: "100%" }}>
      <Typography.Text>{label}</Typography.Text>
      {children}
    </span>
  );
}

/** The year filter: every year present, or all of them. */
export function YearFilter({ value, years, onChange }: { value?: string; years: number[]; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Filter label={t("lists.year")}>
      <Select<number>
        aria-label={t("lists.year")}
        data-testid="filter-year"
        allowClear
        placeholder={hint(t("lists.allYears"))}
        style={{ width: 120 }}
        value={value ? Number(value) : undefined}
        onChange={(v) => onChange(v == null ? undefined : String(v))}
        options={years.map((y) => ({ value: y, label: t("lists.yearOption", { year: y }) }))}
      />
    </Filter>
  );
}

/** The department filter: a department and every one below it, found by typing its name or code. */
export function DepartmentFilter({
  value,
  departments,
  onChange,
}: {
  value?: string;
  departments: { id: string; code: string; name: string }[];
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Filter label={t("lists.department")}>
      <Select<string>
        aria-label={t("lists.department")}
        data-testid="filter-department"
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={hint(t("lists.allDepartments"))}
        style={{ width: 280, maxWidth: "calc(100vw - 120px)" }}
        value={value}
        onChange={(v) => onChange(v ?? undefined)}
        options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
      />
    </Filter>
  );
}

/** A filter of several choices: none chosen is all of them. */
export function MultiFilter<V extends string>({
  label,
  placeholder,
  testId,
  value,
  options,
  onChange,
  width = 220,
}: {
  label: string;
  placeholder: string;
  testId: string;
  value: V[];
  options: { value: V; label: string }[];
  onChange: (v: V[]) => void;
  width?: number;
}) {
  return (
    <Filter label={label}>
      <Select<V[]>
        mode="multiple"
        aria-label={label}
        data-testid={testId}
        allowClear
        placeholder={hint(placeholder)}
        style={{ minWidth: width, maxWidth: "calc(100vw - 120px)" }}
        value={value}
        onChange={onChange}
        options={options}
      />
    </Filter>
  );
}

/** The department part of a where input: the department chosen and its subtree. */
export const departmentWithin = (departmentId: string | undefined) =>
  departmentId ? { hasDepartmentWith: [{ within: departmentId }] } : {};
