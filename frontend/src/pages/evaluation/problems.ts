import type { FieldError } from "../../api/errors";

/** One reason an evaluation cannot be submitted, as the problems list shows it. */
export interface ProblemRow {
  key: string;
  indicatorID?: string;
  indicatorName?: string;
  /** The GraphQL field to fix: deviationReason, weight, ratedScore, executionExplanation… */
  field: string;
  message: string;
}

/** The submit checks as the evaluation reports them before submission (submitProblems). */
export interface SubmitProblemLike {
  indicatorID?: string | null;
  indicatorName?: string | null;
  field: string;
  message: string;
}

// The server's messages start with the indicator's name: `indicator "会议参与人数": …`.
const NAMED = /^indicator "((?:[^"\\]|\\.)*)": /;

/** The indicator name a server message starts with, if any. */
export function nameInMessage(message: string): string | undefined {
  return NAMED.exec(message)?.[1];
}

/**
 * The problems of a refused submitEvaluation: one row per SUBMIT_CHECK error that names a
 * field (the last error, without one, only says the submission was refused), with the
 * indicator's name from names or, failing that, from the message.
 */
export function problemsFromErrors(errors: FieldError[], names: ReadonlyMap<string, string> = new Map()): ProblemRow[] {
  return errors
    .filter((e) => e.code === "SUBMIT_CHECK" && e.field)
    .map((e, i) => ({
      key: `${i}:${e.indicatorID ?? ""}:${e.field}`,
      indicatorID: e.indicatorID,
      indicatorName: e.indicatorID ? (names.get(e.indicatorID) ?? nameInMessage(e.message)) : undefined,
      field: e.field!,
      message: e.message,
    }));
}

/** The same rows from the evaluation's submitProblems. */
export function problemsFromChecks(problems: SubmitProblemLike[]): ProblemRow[] {
  return problems.map((p, i) => ({
    key: `${i}:${p.indicatorID ?? ""}:${p.field}`,
    indicatorID: p.indicatorID ?? undefined,
    indicatorName: p.indicatorName ?? (p.indicatorID ? nameInMessage(p.message) : undefined),
    field: p.field,
    message: p.message,
  }));
}

/** Where a problem is fixed: the indicator's cell in the editor, or the editor for the weights. */
export function problemLink(row: ProblemRow, editorPath: string): string | undefined {
  if (row.indicatorID) {
    const q = new URLSearchParams({ indicator: row.indicatorID, field: row.field });
    return `${editorPath}?${q.toString()}`;
  }
  if (row.field === "weight") return editorPath;
  return undefined;
}

/** Fields of the evaluation itself, fixed on the evaluation page. */
export const EVALUATION_FIELDS = new Set(["conclusion", "problems", "improvements", "executionExplanation"]);
