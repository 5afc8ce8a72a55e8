import { describe, expect, it } from "vitest";
import { render, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import IndicatorTable from "./IndicatorTable";
import { EditStore } from "./editStore";
import type { IndicatorRow } from "./types";

function row(id: string, kind: IndicatorRow["kind"]): IndicatorRow {
  const q = kind === "QUALITATIVE";
  return {
    id,
    version: 1,
    position: Number(id),
    level1: "产出指标",
    level2: "数量指标",
    name: `指标${id}`,
    kind,
    operator: q ? null : "GE",
    target: q ? null : "100.00",
    unit: q ? "" : "%",
    weight: "10.00",
    actual: q ? null : "100.00",
    binding: null,
    rating: q ? "ACHIEVED" : null,
    ratedScore: q ? "9.00" : null,
    deviationReason: "",
    scoringCriteria: "",
    effectiveActual: q ? null : "100.00",
    completionRate: q ? null : "100.00",
    score: "10.00",
    attainment: "1.0000",
    deviationRequired: false,
    warnings: [],
    attachmentCount: 0,
    reviewScore: null,
  };
}

const cell = (id: string, field: string) => document.querySelector<HTMLElement>(`[data-cell="${id}:${field}"]`)!;

describe("IndicatorTable arrow keys", () => {
  it("move the focus between the editable cells: up and down rows, left and right columns", async () => {
    const store = new EditStore();
    render(
      <IndicatorTable indicators={[row("1", "QUANTITATIVE"), row("2", "QUANTITATIVE"), row("3", "QUALITATIVE")]} readOnly={false} store={store} onCommit={() => true} />,
    );
    const user = userEvent.setup();
    cell("1", "name").focus();
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(cell("1", "operator")).toHaveFocus());
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(cell("1", "target")).toHaveFocus());
    await user.keyboard("{ArrowDown}");
    await waitFor(() => expect(cell("2", "target")).toHaveFocus());
    // A qualitative row has no target: down stops on the last row that has one.
    await user.keyboard("{ArrowDown}");
    await new Promise((r) => requestAnimationFrame(r));
    expect(cell("2", "target")).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    await waitFor(() => expect(cell("1", "target")).toHaveFocus());
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    await waitFor(() => expect(cell("1", "name")).toHaveFocus());
    // The left end of a row is the end: no wrap to the row above.
    await user.keyboard("{ArrowLeft}");
    await new Promise((r) => requestAnimationFrame(r));
    expect(cell("1", "name")).toHaveFocus();
    // Enter opens the editor; there the arrow keys move the text cursor, not the cell.
    await user.keyboard("{Enter}");
    const editor = await waitFor(() => {
      const el = document.querySelector<HTMLInputElement>('[data-editor="1:name"]');
      expect(el).toHaveFocus();
      return el!;
    });
    await user.keyboard("{ArrowRight}");
    expect(editor).toHaveFocus();
    expect(store.isActive("1", "name")).toBe(true);
  });

  it("skip the target cells when the year's targets are fixed", async () => {
    const store = new EditStore();
    render(<IndicatorTable indicators={[row("1", "QUANTITATIVE")]} readOnly={false} targetsFixed store={store} onCommit={() => true} />);
    const user = userEvent.setup();
    cell("1", "actual").focus();
    // actual ← (name, operator, target, unit, weight fixed): nothing to the left
    await user.keyboard("{ArrowLeft}");
    expect(cell("1", "actual")).toHaveFocus();
    expect(cell("1", "weight")).not.toHaveAttribute("tabindex");
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(cell("1", "deviationReason")).toHaveFocus());
  });

  it("do nothing in a read-only table, whose cells take no focus", () => {
    const store = new EditStore();
    render(<IndicatorTable indicators={[row("1", "QUANTITATIVE")]} readOnly store={store} onCommit={() => true} />);
    expect(cell("1", "name")).not.toHaveAttribute("tabindex");
  });
});

describe("IndicatorTable on a laptop", () => {
  it("keeps the name fixed at the left and the score fixed at the right, within 1600 px of columns", () => {
    const store = new EditStore();
    const { container } = render(<IndicatorTable indicators={[row("1", "QUANTITATIVE")]} readOnly={false} store={store} onCommit={() => true} />);
    const headers = [...container.querySelectorAll<HTMLElement>("thead th")];
    const name = headers.find((h) => h.textContent === "三级指标")!;
    const score = headers.find((h) => h.textContent === "得分")!;
    expect(name).toHaveClass("ant-table-cell-fix-left");
    expect(score).toHaveClass("ant-table-cell-fix-right");
    expect(headers.filter((h) => h.textContent).at(-1)).toBe(score);
    const widths = [...container.querySelectorAll<HTMLElement>(".ant-table-header colgroup col, table colgroup col")].map((c) => parseInt(c.style.width || "0", 10));
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1600 * 2); // header and body colgroups
  });
});
