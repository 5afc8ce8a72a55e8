import { useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { Button, Result, Space, Spin, TreeSelect, Typography } from "antd";
import type { CombinedError } from "urql";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import dayjs from "dayjs";
import { graphql } from "../../gql";
import type { AdminDepartmentsQuery } from "../../gql/graphql";
import { useAuth } from "../../auth/AuthContext";
import { errorText, fieldErrors, type FieldError } from "../../api/errors";
import { nodes } from "../../lib/relay";

export const AdminDepartmentsDocument = graphql(`
  query AdminDepartments {
    departments(first: 1000, orderBy: [{ field: CODE }]) {
      edges { node { id code name version parent { id } } }
    }
  }
`);

export type AdminDepartment = NonNullable<NonNullable<NonNullable<AdminDepartmentsQuery["departments"]["edges"]>[number]>["node"]>;

/** A department with the departments below it, for trees and tree tables. */
export interface DepartmentNode extends AdminDepartment {
  children?: DepartmentNode[];
}

/** Arranges a flat list of departments as a forest, each level in the list's order (by code). */
export function departmentForest(list: AdminDepartment[]): DepartmentNode[] {
  const byId = new Map<string, DepartmentNode>(list.map((d) => [d.id, { ...d }]));
  const roots: DepartmentNode[] = [];
  for (const d of byId.values()) {
    const parent = d.parent ? byId.get(d.parent.id) : undefined;
    if (parent) (parent.children ??= []).push(d);
    else roots.push(d);
  }
  return roots;
}

/** The ids of a department and every department below it. */
export function subtreeIds(list: AdminDepartment[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list) {
      if (d.parent && out.has(d.parent.id) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Every department, once per page (the picker and the tree share the answer). */
export function useDepartments() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminDepartmentsDocument });
  const list = useMemo(() => nodes<AdminDepartment>(data?.departments), [data]);
  return { list, fetching: fetching && !data, error, reload: () => refetch({ requestPolicy: "network-only" }) };
}

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** A department chosen from the tree, searchable by name or code. disabled greys out ids (a move's own subtree). */
export function DepartmentPicker({
  value,
  onChange,
  list,
  disabled,
  placeholder,
  id,
  ariaLabel,
  allowClear = true,
  testId,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  list: AdminDepartment[];
  disabled?: Set<string>;
  placeholder?: string;
  id?: string;
  ariaLabel?: string;
  allowClear?: boolean;
  testId?: string;
}) {
  const treeData = useMemo(() => {
    const walk = (ns: DepartmentNode[]): TreeOption[] =>
      ns.map((d) => ({ value: d.id, title: `${d.name}（${d.code}）`, disabled: disabled?.has(d.id), children: d.children ? walk(d.children) : undefined }));
    return walk(departmentForest(list));
  }, [list, disabled]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder}
      treeDefaultExpandAll
      style={{ width: "100%", minWidth: 200 }}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * A row's expand button with a name (antd's own has none, which axe counts as critical): for
 * Table's expandable.expandIcon. name says whose row it is.
 */
export function labelledExpandIcon<T>(t: TFunction, name: (record: T) => string) {
  function ExpandIcon({ expanded, expandable, record, onExpand }: { expanded: boolean; expandable: boolean; record: T; onExpand: (record: T, e: MouseEvent<HTMLElement>) => void }) {
    if (!expandable) return <span className="ant-table-row-expand-icon ant-table-row-expand-icon-spaced" aria-hidden />;
    return (
      <button
        type="button"
        className={`ant-table-row-expand-icon ${expanded ? "ant-table-row-expand-icon-expanded" : "ant-table-row-expand-icon-collapsed"}`}
        aria-expanded={expanded}
        aria-label={`${t(expanded ? "admin.collapse" : "admin.expand")} ${name(record)}`}
        onClick={(e) => {
          e.stopPropagation();
          onExpand(record, e);
        }}
      />
    );
  }
  return ExpandIcon;
}

/** The page for administrators only: others get a refusal (the server refuses them too). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, fetching } = useAuth();
  if (!me && fetching) return <Spin />;
  if (me?.role !== "ADMIN") return <Result status="403" title="403" subTitle={t("admin.onlyAdmins")} />;
  return <>{children}</>;
}

export const when = (v?: string | null, empty = "—") => (v ? dayjs(v).format("YYYY-MM-DD HH:mm:ss") : empty);

/** A response's errors in the catalogue's words, one sentence each. */
export function errorSentences(t: TFunction, error: CombinedError | undefined): string[] {
  return fieldErrors(error).map((e) => errorText(t, e));
}

/**
 * Puts each error that names a form field on that field, and returns the sentences of the rest
 * (for an alert above the form). labels names the fields as the form does, where the errors
 * catalogue has no name for them; own gives a field's error a sentence of the page's own.
 */
export function placeErrors<const K extends string>(
  t: TFunction,
  error: CombinedError | undefined,
  fields: readonly K[],
  setFields: (f: { name: K; errors: string[] }[]) => void,
  labels: Partial<Record<K, string>> = {},
  own?: (e: FieldError) => string | undefined,
): string[] {
  const rest: string[] = [];
  const onField: { name: K; errors: string[] }[] = [];
  const known = (f: string | undefined): f is K => !!f && (fields as readonly string[]).includes(f);
  const named = ((key: string, opts?: Record<string, unknown>) => {
    const label = key.startsWith("errors.field.") ? (labels as Record<string, string | undefined>)[key.slice("errors.field.".length)] : undefined;
    return label ?? t(key, opts as never);
  }) as unknown as TFunction;
  for (const e of fieldErrors(error) as FieldError[]) {
    const text = own?.(e) ?? errorText(named, e);
    if (known(e.field)) onField.push({ name: e.field, errors: [text] });
    else rest.push(text);
  }
  if (onField.length) setFields(onField);
  return rest;
}

/** Cursor paging for a connection: the cursors of the pages before the current one. */
export function useCursorPager() {
  const [stack, setStack] = useState<(string | undefined)[]>([]);
  const [after, setAfter] = useState<string | undefined>();
  return {
    after,
    page: stack.length + 1,
    reset: () => {
      setStack([]);
      setAfter(undefined);
    },
    next: (cursor: string | null | undefined) => {
      if (!cursor) return;
      setStack((s) => [...s, after]);
      setAfter(cursor);
    },
    prev: () => {
      setStack((s) => {
        const copy = [...s];
        setAfter(copy.pop());
        return copy;
      });
    },
    hasPrev: stack.length > 0,
  };
}

/** Previous / next buttons with the total. */
export function Pager({
  pager,
  hasNext,
  endCursor,
  total,
}: {
  pager: ReturnType<typeof useCursorPager>;
  hasNext: boolean;
  endCursor?: string | null;
  total?: number;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12 }} wrap>
      <Button disabled={!pager.hasPrev} onClick={pager.prev} data-testid="pager-prev">
        {t("admin.pager.prev")}
      </Button>
      <Typography.Text>{pager.page}</Typography.Text>
      <Button disabled={!hasNext} onClick={() => pager.next(endCursor)} data-testid="pager-next">
        {t("admin.pager.next")}
      </Button>
      {total != null && <Typography.Text type="secondary">{t("admin.pager.total", { count: total })}</Typography.Text>}
    </Space>
  );
}

/** A password of 16 characters from an alphabet without look-alikes, from the browser's CSPRNG. */
export function generatePassword(length = 16): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
