import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";

export type Direction = "ASC" | "DESC";

/** A connection's order: one of its OrderField values and a direction. */
export interface Sort {
  field: string;
  direction: Direction;
}

/** "SCORE.DESC" → { field: "SCORE", direction: "DESC" }; anything else → undefined. */
export function parseSort(s: string | null | undefined): Sort | undefined {
  const m = /^([A-Z0-9_]+)\.(ASC|DESC)$/.exec(s ?? "");
  return m ? { field: m[1], direction: m[2] as Direction } : undefined;
}

export const sortParam = (s: Sort) => `${s.field}.${s.direction}`;

/** A filter value of several choices, kept comma-separated in the address. */
export const splitList = (v: string | undefined) => (v ? v.split(",").filter(Boolean) : []);

/**
 * A list screen's filters and order, kept in the address (?year=2023&grade=POOR&sort=SCORE.DESC), so
 * that the back button from a row's page, a reload and a shared link show the same list.
 */
export function useListParams(filterKeys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const keys = filterKeys.join(",");
  const filters = useMemo(() => {
    const out: Record<string, string | undefined> = {};
    for (const k of keys.split(",")) out[k] = params.get(k) || undefined;
    return out;
  }, [params, keys]);
  const sort = parseSort(params.get("sort"));

  const setFilter = useCallback(
    (key: string, value: string | number | readonly string[] | null | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const text = Array.isArray(value) ? value.join(",") : value == null ? "" : String(value);
          if (text) next.set(key, text);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setSort = useCallback(
    (s: Sort | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (s) next.set("sort", sortParam(s));
          else next.delete("sort");
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clearFilters = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of keys.split(",")) next.delete(k);
        return next;
      },
      { replace: true },
    );
  }, [setParams, keys]);

  const anyFilter = Object.values(filters).some((v) => v != null);
  return { filters, setFilter, sort, setSort, clearFilters, anyFilter };
}
