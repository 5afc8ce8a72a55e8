import type { CellRef } from "./editStore";
import { CELL_ORDER, cellApplies, type IndicatorRow } from "./types";

export type Direction = "down" | "up" | "right" | "left";

/**
 * The cell keyboard navigation moves to: down/up to the same column of the next/previous
 * indicator where that cell applies (group rows are skipped), right/left to the next/previous
 * editable cell of the row, continuing on the next/previous row. Undefined at either end.
 */
export function nextCell(rows: IndicatorRow[], from: CellRef, dir: Direction): CellRef | undefined {
  const r = rows.findIndex((row) => row.id === from.id);
  if (r < 0) return undefined;
  if (dir === "down" || dir === "up") {
    const step = dir === "down" ? 1 : -1;
    for (let i = r + step; i >= 0 && i < rows.length; i += step) {
      if (cellApplies(rows[i], from.field)) return { id: rows[i].id, field: from.field };
    }
    return undefined;
  }
  const step = dir === "right" ? 1 : -1;
  let c = CELL_ORDER.indexOf(from.field) + step;
  for (let i = r; i >= 0 && i < rows.length; i += step) {
    for (; c >= 0 && c < CELL_ORDER.length; c += step) {
      if (cellApplies(rows[i], CELL_ORDER[c])) return { id: rows[i].id, field: CELL_ORDER[c] };
    }
    c = step > 0 ? 0 : CELL_ORDER.length - 1;
  }
  return undefined;
}
