import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { FormImportMutation } from "../../gql/graphql";
import { fieldName, reasonText } from "../../api/errors";
import { dispositionName, refusal, saveBlob } from "../../components/ExportButton";
import { operatorSymbol, isOperator } from "../indicators/types";

/** The import mutation: a dry run (the default) answers what would change and every problem. */
export const ImportFormDocument = graphql(`
  mutation FormImport($evaluationID: ID!, $file: Upload!, $dryRun: Boolean!) {
    importEvaluationForm(evaluationID: $evaluationID, file: $file, dryRun: $dryRun) {
      form
      dryRun
      applied
      scoreBefore
      scoreAfter
      problems { sheet cell field value code params message }
      changes { kind entity id name level1 level2 row fields { field before after } scoreBefore scoreAfter }
    }
  }
`);

/** The documents the server makes of an evaluation (GET /files/evaluations/{id}/{document}). */
export type EvaluationDocument = "form.xlsx" | "report.docx" | "report.pdf";

/**
 * The path of one of an evaluation's documents; explain asks for the derivation of the scores
 * with it (the report's appendix 评分计算过程, the form's column 计算过程).
 */
export const documentPath = (evaluationID: string, document: EvaluationDocument, explain = false) =>
  `/files/evaluations/${encodeURIComponent(evaluationID)}/${document}${explain ? "?explain=1" : ""}`;

/** The path of an evaluation's form as a workbook. */
export const formPath = (evaluationID: string) => documentPath(evaluationID, "form.xlsx");

/** The name a download is saved under when the server gives none. */
const fallbackNames: Record<EvaluationDocument, string> = {
  "form.xlsx": "自评表.xlsx",
  "report.docx": "自评报告.docx",
  "report.pdf": "自评报告.pdf",
};

/**
 * Downloads one of an evaluation's documents (GET, with the session cookie) and saves it under
 * the name the server gives. Resolves with that name; rejects with an ExportError when the server
 * refuses.
 */
export async function downloadDocument(evaluationID: string, document: EvaluationDocument, explain = false): Promise<string> {
  const resp = await fetch(documentPath(evaluationID, document, explain), { credentials: "same-origin" });
  if (!resp.ok) throw await refusal(resp);
  const name = dispositionName(resp.headers.get("Content-Disposition")) ?? fallbackNames[document];
  saveBlob(await resp.blob(), name);
  return name;
}


type Problem = Pick<FormImportMutation["importEvaluationForm"]["problems"][number], "sheet" | "cell" | "field" | "value" | "code" | "params">;

/** Where a problem is, as a spreadsheet names it: 自评表!H14, or the sheet alone. */
export function problemRef(p: Pick<Problem, "sheet" | "cell">): string {
  if (!p.sheet) return "";
  return p.cell ? `${p.sheet}!${p.cell}` : p.sheet;
}

/** The sentence for an import problem, in the UI's language, from its code and params. */
export function problemText(t: TFunction, p: Problem): string {
  const params = { ...((p.params ?? {}) as Record<string, string>) };
  const ref = problemRef(p);
  const values: Record<string, unknown> = { ...params, ref, value: p.value ?? "" };
  switch (p.code) {
    case "FILE_TOO_LARGE":
      values.mb = Math.round(Number(params.max) / (1 << 20));
      break;
    case "WRONG_FORM":
      values.found = t(`forms.form.${params.found}`);
      values.expected = t(`forms.form.${params.expected}`);
      break;
    case "INVALID":
      values.reason = reasonText(t, params.reason ?? "INVALID", params, p.field ?? undefined);
      break;
  }
  const text = t(`forms.problem.${p.code}`, { ...values, defaultValue: t("forms.problem.UNKNOWN", { ref }) });
  // A problem of the file itself has no cell to name.
  return ref ? text : text.replace(/^[：:]\s*/, "");
}

/** A field of a change by the name the UI gives it. */
export function changeFieldName(t: TFunction, field: string): string {
  return t(`forms.field.${field}`, { defaultValue: fieldName(t, field) });
}

/** A value of a change as the UI shows it: enums in words, nothing as （空）. */
export function changeValue(t: TFunction, field: string, v: unknown): string {
  if (v == null || v === "") return t("forms.empty");
  const s = String(v);
  switch (field) {
    case "operator":
      return isOperator(s) ? operatorSymbol(s) : s;
    case "kind":
      return t(`indicators.kind.${s}`, { defaultValue: s });
    case "rating":
      return t(`indicators.rating.${s}`, { defaultValue: s });
  }
  return s;
}
