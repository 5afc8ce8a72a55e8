// The what-if mode's state: hypothetical values typed in the indicator editor, kept on the
// page only (never saved), sent to Query.whatIf, which scores them. Nothing here computes a
// score: the server does, with the rules that govern the evaluation.
import type { Rating, WhatIfInput } from "../../gql/graphql";
import { fromMicros, sameDecimal, toMicros } from "./decimal";
import type { IndicatorRow } from "./types";

/** The values of an indicator a what-if may change, named as WhatIfIndicatorInput names them. */
export type WhatIfField = "actual" | "target" | "weight" | "rating" | "ratedScore";

export type IndicatorDraft = Partial<Record<WhatIfField, string>>;

/** The figures of a department-year a what-if may change (万元), as WhatIfFiguresInput names them. */
export const FIGURES = [
  "personnelBudget",
  "personnelActual",
  "publicBudget",
  "publicActual",
  "projectBudget",
  "projectActual",
  "carryoverEnd",
  "threePublicBudget",
  "threePublicActual",
  "assetsInUse",
  "assetsTotal",
] as const;
export type Figure = (typeof FIGURES)[number];

/** A project's amounts a what-if may change (万元). */
export const PROJECT_FIELDS = ["budget", "executed"] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

export interface WhatIfState {
  indicators: ReadonlyMap<string, IndicatorDraft>;
  figures: Partial<Record<Figure, string>>;
  project: Partial<Record<ProjectField, string>>;
}

export const emptyWhatIf = (): WhatIfState => ({ indicators: new Map(), figures: {}, project: {} });

const DECIMAL: ReadonlySet<WhatIfField> = new Set(["actual", "target", "weight", "ratedScore"]);

/** The value an indicator's field has in the what-if: the hypothetical one, else the kept one. */
export function draftValue(state: WhatIfState, row: IndicatorRow, field: WhatIfField): string | null {
  const d = state.indicators.get(row.id)?.[field];
  if (d !== undefined) return d;
  const v = row[field];
  return v == null ? null : String(v);
}

/** The state with an indicator's field set to value; a value equal to the kept one drops the change. */
export function setIndicator(state: WhatIfState, row: IndicatorRow, field: WhatIfField, value: string): WhatIfState {
  const kept = row[field] == null ? "" : String(row[field]);
  const v = value.trim();
  const same = DECIMAL.has(field) ? sameDecimal(kept, v) : kept === v;
  const draft: IndicatorDraft = { ...state.indicators.get(row.id) };
  if (same) delete draft[field];
  else draft[field] = v;
  const indicators = new Map(state.indicators);
  if (Object.keys(draft).length) indicators.set(row.id, draft);
  else indicators.delete(row.id);
  return { ...state, indicators };
}

/** The state with a figure (or a project's amount) set to value; the kept value drops the change. */
export function setAmount<K extends "figures" | "project">(
  state: WhatIfState,
  which: K,
  field: K extends "figures" ? Figure : ProjectField,
  value: string,
  kept: string | null | undefined,
): WhatIfState {
  const v = value.trim();
  const next: Record<string, string> = { ...(state[which] as Record<string, string>) };
  if (sameDecimal(kept ?? "", v)) delete next[field];
  else next[field] = v;
  return { ...state, [which]: next };
}

/** How many values the what-if changes. */
export function changeCount(state: WhatIfState): number {
  let n = Object.keys(state.figures).length + Object.keys(state.project).length;
  for (const d of state.indicators.values()) n += Object.keys(d).length;
  return n;
}

/** The state as Query.whatIf takes it. */
export function toInput(state: WhatIfState): WhatIfInput {
  const input: WhatIfInput = {};
  const indicators = [...state.indicators].map(([id, d]) => ({
    id,
    ...(d.actual !== undefined ? { actual: d.actual } : {}),
    ...(d.target !== undefined ? { target: d.target } : {}),
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
    ...(d.rating !== undefined ? { rating: d.rating as Rating } : {}),
    ...(d.ratedScore !== undefined ? { ratedScore: d.ratedScore } : {}),
  }));
  if (indicators.length) input.indicators = indicators;
  if (Object.keys(state.figures).length) input.figures = { ...state.figures };
  if (Object.keys(state.project).length) input.project = { ...state.project };
  return input;
}

const MINUS = "−";

/** A signed difference as the mode shows it: "−1.50", "+0.04" (at least places decimals); "" for none or when unknown. */
export function signed(diff: string | null | undefined, places = 2): string {
  const m = toMicros(diff);
  if (m === undefined || m === 0n) return "";
  return m < 0n ? MINUS + fromMicros(-m, places) : "+" + fromMicros(m, places);
}

/** to − from, signed ("" when equal or unknown). */
export function difference(from: string | null | undefined, to: string | null | undefined): string {
  const a = toMicros(from);
  const b = toMicros(to);
  if (a === undefined || b === undefined) return "";
  return signed(fromMicros(b - a));
}

/** A decimal as the mode prints it: two places at least ("60" → "60.00"); "—" for none. */
export function shown(value: string | null | undefined): string {
  const m = toMicros(value);
  return m === undefined ? "—" : fromMicros(m);
}

/** Whether a hypothetical value differs from the kept one (both missing: no). */
export function isChanged(kept: string | null | undefined, now: string | null | undefined): boolean {
  return kept == null || now == null ? kept != now : !sameDecimal(kept, now);
}

/**
 * A kept and a hypothetical value as one text: "6.00 → 4.50 (−1.50)", or the value alone when they
 * are the same. diff is the server's difference when it gives one.
 */
export function change(kept: string | null | undefined, now: string | null | undefined, diff?: string | null): string {
  if (!isChanged(kept, now)) return shown(now);
  const d = diff !== undefined ? signed(diff) : difference(kept, now);
  return `${shown(kept)} → ${shown(now)}${d ? ` (${d})` : ""}`;
}
