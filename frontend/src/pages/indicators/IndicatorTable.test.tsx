import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import IndicatorTable from "./IndicatorTable";
import { EditStore } from "./editStore";
import type { IndicatorRow } from "./types";
import { rulesOf } from "./rules.fixture";
import { GRID_COLUMNS } from "./paste";
import i18n from "../../i18n";

/** n indicators in 3 level-1 groups of 5 level-2 groups each; every 4th is qualitative. */
function makeIndicators(n: number): IndicatorRow[] {
  return Array.from({ length: n }, (_, i) => {
    const qualitative = i % 4 === 3;
    return {
      id: String(i + 1),
      version: 1,
      position: i,
      level1: `一级${i % 3}`,
      level2: `二级${i % 3}-${Math.floor(i / 3) % 5}`,
      name: `指标${i + 1}`,
      kind: qualitative ? "QUALITATIVE" : "QUANTITATIVE",
      operator: qualitative ? null : "GE",
      target: qualitative ? null : "100.00",
      unit: qualitative ? "" : "%",
      weight: "1.00",
      actual: qualitative ? null : "90.00",
      binding: null,
      rating: qualitative ? "ACHIEVED" : null,
      ratedScore: qualitative ? "0.90" : null,
      deviationReason: "",
      scoringCriteria: "",
      effectiveActual: qualitative ? null : "90.00",
      completionRate: qualitative ? null : "90.00",
      score: "0.90",
      attainment: "0.9000",
      deviationRequired: !qualitative,
      warnings: [],
      attachmentCount: 0,
      reviewScore: null,
    } satisfies IndicatorRow;
  });
}

const leafRows = (container: HTMLElement) => container.querySelectorAll("tr.ind-row-leaf, .ind-row-leaf");

describe("IndicatorTable", () => {
  // Every row of the full table is in the document: 60 rows fill every group; the virtual table
  // below takes the 300.
  it("renders every indicator with its group subtotals", () => {
    const store = new EditStore();
    const { container } = render(
      <IndicatorTable indicators={makeIndicators(60)} readOnly={false} store={store} onCommit={() => true} bands={rulesOf().bands} />,
    );
    expect(leafRows(container)).toHaveLength(60);
    // 3 level-1 groups of 20 indicators, each 20 × 0.90 = 18.00 of weight 20.00.
    const l1 = container.querySelectorAll("tr.ind-row-level1");
    expect(l1).toHaveLength(3);
    expect(within(l1[0] as HTMLElement).getByText("一级0")).toBeInTheDocument();
    expect(within(l1[0] as HTMLElement).getByText("18.00")).toBeInTheDocument();
    expect(within(l1[0] as HTMLElement).getByText("20.00")).toBeInTheDocument();
    expect(container.querySelectorAll("tr.ind-row-level2")).toHaveLength(15);
    expect(screen.getByText("指标60")).toBeInTheDocument();
    // every quantitative row below 100 % asks for a deviation reason
    expect(screen.getAllByText("须填写偏差原因")).toHaveLength(45);
    // a qualitative row shows its rating with the band in points
    expect(screen.getAllByText("0.80–1.00").length).toBeGreaterThan(0);
  });

  it("renders 300 indicators as a virtual table", () => {
    const store = new EditStore();
    const { container } = render(
      <IndicatorTable indicators={makeIndicators(300)} readOnly={false} store={store} onCommit={() => true} virtual height={500} />,
    );
    expect(container.querySelector(".ant-table-tbody-virtual")).not.toBeNull();
    expect(screen.getByText("一级0")).toBeInTheDocument();
    // only the rows in view are in the document
    expect(leafRows(container).length).toBeGreaterThan(0);
    expect(leafRows(container).length).toBeLessThan(300);
  });

  it("edits a cell in place: Enter saves and moves down, Tab moves right", () => {
    const store = new EditStore();
    const onCommit = vi.fn(() => true);
    render(<IndicatorTable indicators={makeIndicators(6)} readOnly={false} store={store} onCommit={onCommit} />);
    const cell = document.querySelector('[data-cell="1:target"]') as HTMLElement;
    fireEvent.click(cell);
    const input = screen.getByLabelText("指标值") as HTMLInputElement;
    expect(input.value).toBe("100.00");
    fireEvent.change(input, { target: { value: "95" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onCommit).toHaveBeenCalledWith("1", "target", "95");
    // in tree order 1 is followed by 4 (qualitative: no target), then 2
    expect(store.getActive()).toEqual({ id: "2", field: "target" });
    const next = screen.getByLabelText("指标值") as HTMLInputElement;
    fireEvent.keyDown(next, { key: "Tab" });
    expect(store.getActive()).toEqual({ id: "2", field: "unit" });
  });

  it("keeps an invalid cell open with its error", () => {
    const store = new EditStore();
    const onCommit = vi.fn((id: string, field: string) => {
      store.setError(id, field, "分值须大于 0");
      return false;
    });
    render(<IndicatorTable indicators={makeIndicators(3)} readOnly={false} store={store} onCommit={onCommit} />);
    fireEvent.click(document.querySelector('[data-cell="1:weight"]') as HTMLElement);
    const input = screen.getByLabelText("分值");
    fireEvent.change(input, { target: { value: "0" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(store.getActive()).toEqual({ id: "1", field: "weight" });
    expect(screen.getByText("分值须大于 0")).toBeInTheDocument();
  });

  it("does not edit when read-only", () => {
    const store = new EditStore();
    render(<IndicatorTable indicators={makeIndicators(3)} readOnly store={store} onCommit={() => true} />);
    fireEvent.click(document.querySelector('[data-cell="1:target"]') as HTMLElement);
    expect(store.getActive()).toBeNull();
    expect(screen.queryByLabelText("指标值")).toBeNull();
  });

  it("shows a bound indicator's derived value with the formula's name, not editable", () => {
    const store = new EditStore();
    const [row] = makeIndicators(1);
    const bound = { ...row, binding: "EXECUTION_RATE" as const, actual: null, effectiveActual: "99.63" };
    render(<IndicatorTable indicators={[bound]} readOnly={false} store={store} onCommit={() => true} />);
    const cell = document.querySelector('[data-cell="1:actual"]') as HTMLElement;
    expect(cell).toHaveTextContent("99.63");
    expect(cell).toHaveTextContent("预算执行率");
    act(() => cell.click());
    expect(store.getActive()).toBeNull();
  });

  // A block copied from Excel, pasted into a cell, fills the cells it covers: the table's columns
  // rightwards and its indicators downwards, each through the same commit as a typed value.
  it("pastes a block of cells from a spreadsheet", () => {
    const store = new EditStore();
    const onCommit = vi.fn((id: string, field: string) => {
      if (id === "2" && field === "target") {
        store.setError(id, field, "指标值不能为负数");
        return false;
      }
      return true;
    });
    render(<IndicatorTable indicators={makeIndicators(6)} readOnly={false} store={store} onCommit={onCommit} />);
    const cell = document.querySelector('[data-cell="1:target"]') as HTMLElement;
    fireEvent.paste(cell, { clipboardData: { getData: () => "95\t次\r\n80\t篇\r\n-70\t件\r\n" } });
    // tree order: 1, 4 (qualitative: no target), 2
    expect(onCommit.mock.calls).toEqual([
      ["1", "target", "95"],
      ["1", "unit", "次"],
      ["4", "unit", "篇"],
      ["2", "target", "-70"],
      ["2", "unit", "件"],
    ]);
    // the refused cell shows its error as the editor shows every error
    expect(document.querySelector('[data-cell="2:target"]')).toHaveTextContent("指标值不能为负数");
    expect(store.getActive()).toBeNull();
  });

  it("pastes a block into the cell being edited, and one cell's text as typed text", () => {
    const store = new EditStore();
    const onCommit = vi.fn(() => true);
    render(<IndicatorTable indicators={makeIndicators(3)} readOnly={false} store={store} onCommit={onCommit} />);
    fireEvent.click(document.querySelector('[data-cell="1:weight"]') as HTMLElement);
    const input = screen.getByLabelText("分值");
    fireEvent.paste(input, { clipboardData: { getData: () => "8" } });
    expect(onCommit).not.toHaveBeenCalled(); // typed into the editor by the browser
    fireEvent.paste(input, { clipboardData: { getData: () => "5\t88\n" } });
    expect(onCommit.mock.calls).toEqual([
      ["1", "weight", "5"],
      ["1", "actual", "88"],
    ]);
    expect(store.getActive()).toBeNull();
  });

  it("pastes nothing when read-only", () => {
    const onCommit = vi.fn(() => true);
    render(<IndicatorTable indicators={makeIndicators(3)} readOnly store={new EditStore()} onCommit={onCommit} />);
    fireEvent.paste(document.querySelector('[data-cell="1:target"]') as HTMLElement, { clipboardData: { getData: () => "1\t2" } });
    expect(onCommit).not.toHaveBeenCalled();
  });

  // GRID_COLUMNS says which column a pasted value lands in: it must be the table's order.
  it("pastes into the columns as the table shows them", () => {
    const { container } = render(<IndicatorTable indicators={makeIndicators(1)} readOnly={false} store={new EditStore()} onCommit={() => true} />);
    const headers = [...container.querySelectorAll("thead th")].map((th) => th.textContent ?? "").filter((h) => h !== "");
    GRID_COLUMNS.forEach((field, i) => {
      if (field) expect(headers[i]).toBe(i18n.t(field === "operator" ? "indicators.operatorHeader" : `indicators.col.${field}`));
    });
  });

  it("offers proposing an indicator to the library on read-only rows too, and deleting only on editable ones", () => {
    const onPropose = vi.fn();
    const { rerender } = render(
      <IndicatorTable indicators={makeIndicators(2)} readOnly store={new EditStore()} onCommit={() => true} onDelete={() => {}} onPropose={onPropose} />,
    );
    expect(screen.queryByLabelText("删除指标「指标1」")).toBeNull();
    fireEvent.click(screen.getByLabelText("把「指标2」提交到指标库"));
    expect(onPropose).toHaveBeenCalledWith(expect.objectContaining({ id: "2", name: "指标2" }));
    rerender(<IndicatorTable indicators={makeIndicators(2)} readOnly={false} store={new EditStore()} onCommit={() => true} onDelete={() => {}} />);
    expect(screen.getByLabelText("删除指标「指标1」")).toBeInTheDocument();
    expect(screen.queryByLabelText("把「指标1」提交到指标库")).toBeNull();
  });
});
