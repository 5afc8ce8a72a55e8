import { sumDecimals } from "./decimal";

/** A server subtotal: of a level-1 group (level2 null) or of a level-2 group inside it. */
export interface SubtotalLike {
  level1: string;
  level2?: string | null;
  score: string;
  weight: string;
}

interface Leveled {
  id: string;
  level1: string;
  level2: string;
  score: string;
  weight: string;
}

export type GroupRow = {
  kind: "level1" | "level2";
  key: string;
  level1: string;
  level2?: string;
  score: string;
  weight: string;
  /** Indicators below the group. */
  count: number;
  collapsed: boolean;
};

export type LeafRow<T> = { kind: "indicator"; key: string; indicator: T };

export type TreeRow<T> = GroupRow | LeafRow<T>;

export const level1Key = (level1: string) => `l1:${level1}`;
export const level2Key = (level1: string, level2: string) => `l2:${level1}\u0000${level2}`;
export const leafKey = (id: string) => `i:${id}`;

/**
 * Arranges indicators (in position order) as the editor's three-level tree, flattened:
 * each level-1 group, then each of its level-2 groups followed by their indicators.
 * Groups come in the order of their first indicator. A group's score and weight are the
 * server's subtotal when given, else the exact sum of its indicators. Server groups with no
 * indicators (a project's budget-execution item) are listed at the end. Rows below a
 * collapsed group are left out; the group row stays.
 */
export function groupIndicators<T extends Leveled>(
  indicators: T[],
  subtotals: SubtotalLike[] = [],
  collapsed: ReadonlySet<string> = new Set(),
): TreeRow<T>[] {
  const level1s = new Map<string, Map<string, T[]>>();
  for (const ind of indicators) {
    let l2 = level1s.get(ind.level1);
    if (!l2) level1s.set(ind.level1, (l2 = new Map()));
    const list = l2.get(ind.level2);
    if (list) list.push(ind);
    else l2.set(ind.level2, [ind]);
  }
  const server = new Map(subtotals.map((s) => [s.level2 == null ? level1Key(s.level1) : level2Key(s.level1, s.level2), s]));
  const total = (key: string, inds: T[]) => {
    const s = server.get(key);
    return s
      ? { score: s.score, weight: s.weight }
      : { score: sumDecimals(inds.map((i) => i.score)), weight: sumDecimals(inds.map((i) => i.weight)) };
  };

  const out: TreeRow<T>[] = [];
  for (const [level1, l2s] of level1s) {
    const key1 = level1Key(level1);
    const all = [...l2s.values()].flat();
    out.push({ kind: "level1", key: key1, level1, count: all.length, collapsed: collapsed.has(key1), ...total(key1, all) });
    if (collapsed.has(key1)) continue;
    for (const [level2, inds] of l2s) {
      const key2 = level2Key(level1, level2);
      out.push({ kind: "level2", key: key2, level1, level2, count: inds.length, collapsed: collapsed.has(key2), ...total(key2, inds) });
      if (collapsed.has(key2)) continue;
      for (const ind of inds) out.push({ kind: "indicator", key: leafKey(ind.id), indicator: ind });
    }
  }
  for (const s of subtotals) {
    if (s.level2 == null && !level1s.has(s.level1)) {
      out.push({ kind: "level1", key: level1Key(s.level1), level1: s.level1, count: 0, collapsed: false, score: s.score, weight: s.weight });
    }
  }
  return out;
}

/** Whether a table cell showing a row must render again: only when what it shows changed. */
export function rowChanged<T>(a: TreeRow<T>, b: TreeRow<T>): boolean {
  if (a.kind === "indicator" || b.kind === "indicator") {
    return a.kind !== b.kind || (a as LeafRow<T>).indicator !== (b as LeafRow<T>).indicator;
  }
  return a.key !== b.key || a.score !== b.score || a.weight !== b.weight || a.count !== b.count || a.collapsed !== b.collapsed;
}

const ROW_FIELDS = [
  "id",
  "version",
  "position",
  "level1",
  "level2",
  "name",
  "kind",
  "operator",
  "target",
  "unit",
  "weight",
  "actual",
  "binding",
  "rating",
  "ratedScore",
  "deviationReason",
  "scoringCriteria",
  "effectiveActual",
  "completionRate",
  "score",
  "attainment",
  "deviationRequired",
] as const;

/** Whether two rows warn alike: their warnings' codes and params (a list is new after every fetch). */
const sameWarnings = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/**
 * Reuses the previous object of every row whose values did not change, so that after a
 * refetch only the rows that changed render again. Warnings count as values: they may
 * change with another year's figures while the row's own stay; so does an approved
 * adjustment's original target (targetAdjustment).
 */
export function shareRows<T extends { id: string }>(prev: readonly T[], next: readonly T[]): T[] {
  const old = new Map(prev.map((r) => [r.id, r]));
  return next.map((n) => {
    const p = old.get(n.id);
    if (!p) return n;
    const a = p as Record<string, unknown>;
    const b = n as Record<string, unknown>;
    return ROW_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null)) && sameWarnings(a.warnings, b.warnings) && sameWarnings(a.targetAdjustment, b.targetAdjustment)
      ? p
      : n;
  });
}
