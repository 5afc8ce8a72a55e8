import type { CellRef } from "./editStore";
import { cellApplies, type CellField, type IndicatorRow, type Operator, type Rating } from "./types";

/**
 * The indicator table's columns from left to right, as IndicatorTable shows them: a block pasted
 * at a cell covers these columns from that cell's rightwards. null marks a column that cannot be
 * pasted into (the kind, the computed completion rate, attainment and score): its values are skipped.
 */
export const GRID_COLUMNS: readonly (CellField | null)[] = [
  "name",
  null, // kind
  "operator",
  "target",
  "unit",
  "weight",
  "actual",
  "rating",
  "ratedScore",
  null, // completionRate
  null, // attainment
  "deviationReason",
  "scoringCriteria",
  null, // actions
  null, // score (fixed at the right edge, so it stays in view on a laptop)
];

/**
 * The cells of clipboard text as a spreadsheet copies them: rows by line, cells by tab; a cell
 * holding a tab, a line break or a quote comes quoted ("a ""b""" is a "b"). The line end after
 * the last row is not a row of its own.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const s = text.replace(/\r\n?/g, "\n");
  let quotedStart = true; // at the start of a cell
  while (i < s.length) {
    const ch = s[i];
    if (quotedStart && ch === '"') {
      // A quoted cell: up to the closing quote not followed by another.
      let j = i + 1;
      let value = "";
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j++;
          } else break;
        } else value += s[j];
      }
      if (j < s.length && (j + 1 === s.length || s[j + 1] === "\t" || s[j + 1] === "\n")) {
        cell = value;
        i = j + 1;
        quotedStart = false;
        continue;
      }
      // Not a well-formed quoted cell: the quote is text.
    }
    quotedStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      quotedStart = true;
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      quotedStart = true;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One cell a paste fills. */
export interface PastedCell extends CellRef {
  value: string;
}

/**
 * The cells a block covers when pasted at from: its rows go down the indicators as shown (group
 * rows are not indicators), its columns right across GRID_COLUMNS. A value that lands on a cell
 * that cannot be edited (a computed column, the target of a qualitative indicator, the actual of
 * one bound to a formula) or beyond the table is skipped and counted.
 */
export function pastePlan(rows: IndicatorRow[], from: CellRef, block: string[][]): { cells: PastedCell[]; skipped: number } {
  const r0 = rows.findIndex((r) => r.id === from.id);
  const c0 = GRID_COLUMNS.indexOf(from.field);
  const cells: PastedCell[] = [];
  let skipped = 0;
  block.forEach((values, dr) => {
    const row = r0 < 0 ? undefined : rows[r0 + dr];
    values.forEach((text, dc) => {
      const field = c0 < 0 ? undefined : GRID_COLUMNS[c0 + dc];
      if (!row || !field || !cellApplies(row, field)) {
        skipped++;
        return;
      }
      cells.push({ id: row.id, field, value: pastedValue(field, text) });
    });
  });
  return { cells, skipped };
}

const OPERATOR_WORDS: Record<string, Operator> = {
  "≥": "GE", ">=": "GE", "≧": "GE", "＞＝": "GE", 大于等于: "GE", 不低于: "GE", 不少于: "GE", GE: "GE",
  ">": "GT", "＞": "GT", 大于: "GT", 高于: "GT", GT: "GT",
  "=": "EQ", "＝": "EQ", 等于: "EQ", EQ: "EQ",
  "≤": "LE", "<=": "LE", "≦": "LE", "＜＝": "LE", 小于等于: "LE", 不高于: "LE", 不超过: "LE", 不多于: "LE", LE: "LE",
  "<": "LT", "＜": "LT", 小于: "LT", 低于: "LT", LT: "LT",
};

const RATING_WORDS: Record<string, Rating> = {
  达成年度指标: "ACHIEVED", 达成: "ACHIEVED", ACHIEVED: "ACHIEVED",
  部分达成并具有一定效果: "PARTIAL", 部分达成: "PARTIAL", PARTIAL: "PARTIAL",
  未达成且效果较差: "NOT_ACHIEVED", 未达成: "NOT_ACHIEVED", NOT_ACHIEVED: "NOT_ACHIEVED",
};

const DECIMALS = new Set<CellField>(["target", "weight", "actual", "ratedScore"]);

/**
 * A pasted text as the cell's editor takes it: operators and ratings as the forms write them
 * (≥, 达成年度指标) become their codes, numbers lose thousands separators, full-width digits and a
 * trailing %. Anything else is left as it is, for the cell's checks to name.
 */
export function pastedValue(field: CellField, text: string): string {
  if (field === "deviationReason") return text;
  const v = text.trim();
  if (field === "operator") return OPERATOR_WORDS[v.replace(/\s/g, "")] ?? v;
  if (field === "rating") return RATING_WORDS[v.replace(/\s/g, "")] ?? v;
  if (DECIMALS.has(field)) {
    return v
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
      .replace(/．/g, ".")
      .replace(/[,，\s]/g, "")
      .replace(/[%％]$/, "");
  }
  return v;
}
