import type { FieldError } from "../../api/errors";
import type { EvaluationPageFieldsFragment } from "../../gql/graphql";

/** One reason an evaluation cannot be submitted, as the problems list shows it. */
export interface ProblemRow {
  key: string;
  indicatorID?: string;
  indicatorName?: string;
  /** The GraphQL field to fix: deviationReason, weight, ratedScore, executionExplanation… */
  field: string;
  /** The server's reason code and the values its sentence names: the list writes the sentence. */
  reason: string;
  params: Record<string, string>;
}

/** The submit checks as the evaluation reports them before submission (submitProblems). */
export type SubmitProblemLike = EvaluationPageFieldsFragment["submitProblems"][number];

/**
 * The problems of a refused submitEvaluation: one row per SUBMIT_CHECK error that names a
 * field (the last error, without one, only says the submission was refused), each with the
 * indicator's name the server gives in extensions.
 */
export function problemsFromErrors(errors: FieldError[]): ProblemRow[] {
  return errors
    .filter((e) => e.code === "SUBMIT_CHECK" && e.field)
    .map((e, i) => ({
      key: `${i}:${e.indicatorID ?? ""}:${e.field}`,
      indicatorID: e.indicatorID,
      indicatorName: e.indicatorName,
      field: e.field!,
      reason: e.reason ?? "INVALID",
      params: e.params ?? {},
    }));
}

/** The same rows from the evaluation's submitProblems. */
export function problemsFromChecks(problems: SubmitProblemLike[]): ProblemRow[] {
  return problems.map((p, i) => ({
    key: `${i}:${p.indicatorID ?? ""}:${p.field}`,
    indicatorID: p.indicatorID ?? undefined,
    indicatorName: p.indicatorName ?? undefined,
    field: p.field,
    reason: p.reason,
    params: (p.params as Record<string, string> | null) ?? {},
  }));
}

/**
 * Where a problem is fixed: the indicator's cell in the editor, the editor for the weights and
 * the level-1 groups (a rule set's standard split), the department-year's page (yearPath) for a
 * budget breakdown that does not add up.
 */
export function problemLink(row: ProblemRow, editorPath: string, yearPath?: string): string | undefined {
  if (row.field === "fundingLines") return yearPath;
  if (row.indicatorID) {
    const q = new URLSearchParams({ indicator: row.indicatorID, field: row.field });
    return `${editorPath}?${q.toString()}`;
  }
  if (row.field === "weight" || row.field === "level1") return editorPath;
  return undefined;
}

/** Fields of the evaluation itself, fixed on the evaluation page. */
export const EVALUATION_FIELDS = new Set(["conclusion", "problems", "improvements", "executionExplanation"]);
