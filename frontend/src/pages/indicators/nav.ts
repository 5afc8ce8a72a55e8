import type { CellRef } from "./editStore";
import { CELL_ORDER, cellApplies, type IndicatorRow } from "./types";

export type Direction = "down" | "up" | "right" | "left";

/**
 * The cell keyboard navigation moves to: down/up to the same column of the next/previous
 * indicator where that cell applies (group rows are skipped), right/left to the next/previous
 * editable cell of the row, continuing on the next/previous row (unless wrap is false, as for
 * the arrow keys, which stop at the row's end). Undefined at either end.
 */
export function nextCell(rows: IndicatorRow[], from: CellRef, dir: Direction, wrap = true): CellRef | undefined {
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
    if (!wrap) return undefined;
    c = step > 0 ? 0 : CELL_ORDER.length - 1;
  }
  return undefined;
}

/** The direction an arrow key moves in the grid, undefined for any other key. */
export function arrowDirection(key: string): Direction | undefined {
  switch (key) {
    case "ArrowDown":
      return "down";
    case "ArrowUp":
      return "up";
    case "ArrowRight":
      return "right";
    case "ArrowLeft":
      return "left";
  }
  return undefined;
}
