import { memo, useCallback, useContext, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from "react";
import { Button, Popconfirm, Table, Tag, Tooltip, message } from "antd";
import type { ColumnsType, TableRef } from "antd/es/table";
import { BookOutlined, CaretDownOutlined, CaretRightOutlined, DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { WarningIcon } from "../../components/Warnings";
import { ScoreExplanation } from "../../components/Explanation";
import { EvidenceButton } from "./Evidence";
import { cellMounted, ComputedCell, EditableCell, EditorContext, focusCell, type EditorContextValue } from "./cells";
import type { Bands } from "./rules";
import type { CellRef, EditStore } from "./editStore";
import { nextCell, type Direction } from "./nav";
import { parseClipboard, pastePlan } from "./paste";
import { groupIndicators, leafKey, rowChanged, type GroupRow, type SubtotalLike, type TreeRow } from "./tree";
import { TARGET_FIELDS, type CellField, type IndicatorRow, type Kind } from "./types";
import "./indicators.css";

type Row = TreeRow<IndicatorRow>;

export interface IndicatorTableHandle {
  /** Scrolls to an indicator and, when given and editable, opens one of its cells. */
  reveal(id: string, field?: CellField): void;
}

export interface IndicatorTableProps {
  indicators: IndicatorRow[];
  subtotals?: SubtotalLike[];
  readOnly: boolean;
  store: EditStore;
  /** Checks and queues the save of a cell; false keeps the cell open with its error. */
  onCommit(id: string, field: CellField, value: string): boolean;
  onDelete?(row: IndicatorRow): void;
  /** Proposes the indicator to the library (提交到指标库); offered whether or not the row is editable. */
  onPropose?(row: IndicatorRow): void;
  /** Render only the rows in view (for long lists); needs a fixed height. */
  virtual?: boolean;
  height?: number;
  /** An indicator to mark (e.g. one a submit problem links to). */
  highlight?: string;
  handle?: Ref<IndicatorTableHandle>;
  /** The rating bands the server serves (limits), for the cells' band hints. */
  bands?: Bands;
  /** The year's targets are filed or approved: the target-defining cells stay read-only, the rest editable. */
  targetsFixed?: boolean;
}

// Narrow enough that on a 1440 px laptop the name (fixed left) and the score (fixed right)
// stay in view while the rest scrolls between them; long texts wrap instead of widening.
const WIDTHS: Record<string, number> = {
  name: 220,
  kind: 60,
  operator: 56,
  target: 88,
  unit: 64,
  weight: 72,
  actual: 120,
  rating: 112,
  ratedScore: 112,
  completionRate: 80,
  attainment: 80,
  score: 84,
  deviationReason: 180,
  scoringCriteria: 160,
  actions: 96,
};
const TOTAL_WIDTH = Object.values(WIDTHS).reduce((a, b) => a + b, 0);

/**
 * The indicator tree table: level-1 and level-2 group rows with their subtotals, and one row
 * per indicator whose cells are edited in place. Presentational: saving is the caller's job.
 */
export default function IndicatorTable({
  indicators,
  subtotals,
  readOnly,
  store,
  onCommit,
  onDelete,
  onPropose,
  virtual = false,
  height = 600,
  highlight,
  handle,
  bands,
  targetsFixed = false,
}: IndicatorTableProps) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => groupIndicators(indicators, subtotals, collapsed), [indicators, subtotals, collapsed]);
  const tableRef = useRef<TableRef>(null);

  // Navigation reads the rows in view at the time of the key press, without re-rendering cells.
  const leaves = useMemo(
    () => rows.flatMap((r) => (r.kind === "indicator" ? [r.indicator] : [])),
    [rows],
  );
  const leavesRef = useRef(leaves);
  const commitRef = useRef(onCommit);
  useLayoutEffect(() => {
    leavesRef.current = leaves;
    commitRef.current = onCommit;
  });

  const toggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const activate = useCallback(
    (cell: CellRef) => {
      if (!cellMounted(cell.id, cell.field)) tableRef.current?.scrollTo({ key: leafKey(cell.id) });
      store.setActive(cell);
    },
    [store],
  );

  const ctx = useMemo<EditorContextValue>(
    () => ({
      store,
      readOnly,
      bands,
      targetsFixed,
      commit: (id, field, value) => commitRef.current(id, field, value),
      // A block copied from a spreadsheet: each cell it covers is checked and saved as if typed,
      // through the same commit (and so the same mutations); a refused cell shows its error.
      paste: (from: CellRef, text: string) => {
        const plan = pastePlan(leavesRef.current, from, parseClipboard(text));
        // Fixed targets take no pasted value: those cells count as skipped.
        const cells = targetsFixed ? plan.cells.filter((c) => !TARGET_FIELDS.has(c.field)) : plan.cells;
        const skipped = plan.skipped + plan.cells.length - cells.length;
        let pasted = 0;
        for (const c of cells) if (commitRef.current(c.id, c.field, c.value)) pasted++;
        focusCell(from.id, from.field);
        if (cells.length + skipped > 1)
          void message.info(skipped ? t("indicators.pasteSkipped", { count: pasted, skipped }) : t("indicators.pasted", { count: pasted }));
      },
      step: (from: CellRef, dir: Direction) => {
        let next = nextCell(leavesRef.current, from, dir, false);
        while (next && targetsFixed && TARGET_FIELDS.has(next.field)) next = nextCell(leavesRef.current, next, dir, false);
        if (!next) return;
        // On screen: at once (a held key moves cell by cell); else once scrolled into view.
        const el = document.querySelector<HTMLElement>(`[data-cell="${next.id}:${next.field}"]`);
        if (el) el.focus();
        else {
          tableRef.current?.scrollTo({ key: leafKey(next.id) });
          focusCell(next.id, next.field);
        }
      },
      move: (from: CellRef, dir: Direction) => {
        let next = nextCell(leavesRef.current, from, dir);
        while (next && targetsFixed && TARGET_FIELDS.has(next.field)) next = nextCell(leavesRef.current, next, dir);
        if (next) activate(next);
        else {
          store.setActive(null);
          focusCell(from.id, from.field);
        }
      },
    }),
    [store, readOnly, bands, targetsFixed, activate, t],
  );

  useImperativeHandle(
    handle,
    () => ({
      reveal(id, field) {
        setCollapsed(new Set());
        requestAnimationFrame(() => {
          tableRef.current?.scrollTo({ key: leafKey(id) });
          if (field && !readOnly) {
            const row = leavesRef.current.find((r) => r.id === id);
            if (row) store.setActive({ id, field });
          }
        });
      },
    }),
    [readOnly, store],
  );

  const columns = useMemo<ColumnsType<Row>>(() => {
    const editable = (field: CellField) => ({
      key: field,
      title: t(`indicators.col.${field}`),
      width: WIDTHS[field],
      shouldCellUpdate: rowChanged,
      render: (_: unknown, r: Row) => (r.kind === "indicator" ? <EditableCell row={r.indicator} field={field} /> : null),
    });
    const computed = (what: "completionRate" | "attainment" | "score") => ({
      key: what,
      title: t(`indicators.col.${what}`),
      width: WIDTHS[what],
      align: "right" as const,
      shouldCellUpdate: rowChanged,
      render: (_: unknown, r: Row) =>
        r.kind === "indicator" ? (
          what === "score" ? (
            <ScoreExplanation indicatorId={r.indicator.id} name={r.indicator.name}>
              <ComputedCell row={r.indicator} what={what} />
            </ScoreExplanation>
          ) : (
            <ComputedCell row={r.indicator} what={what} />
          )
        ) : what === "score" ? (
          <span className="ind-subtotal" data-subtotal={r.key}>
            {r.score}
          </span>
        ) : null,
    });
    return [
      {
        key: "name",
        title: t("indicators.col.name"),
        width: WIDTHS.name,
        fixed: "left",
        shouldCellUpdate: rowChanged,
        render: (_, r) =>
          r.kind === "indicator" ? (
            <div className="ind-leaf">
              {r.indicator.warnings.length > 0 && (
                <span className="ind-warning-icon">
                  <WarningIcon warnings={r.indicator.warnings} />
                </span>
              )}
              <EditableCell row={r.indicator} field="name" />
            </div>
          ) : (
            <GroupTitle row={r} onToggle={toggle} />
          ),
      },
      {
        key: "kind",
        title: t("indicators.col.kind"),
        width: WIDTHS.kind,
        shouldCellUpdate: rowChanged,
        render: (_, r) => (r.kind === "indicator" ? <KindTag kind={r.indicator.kind} /> : null),
      },
      { ...editable("operator"), title: t("indicators.operatorHeader") },
      editable("target"),
      editable("unit"),
      {
        ...editable("weight"),
        render: (_: unknown, r: Row) =>
          r.kind === "indicator" ? (
            <EditableCell row={r.indicator} field="weight" />
          ) : (
            <span className="ind-subtotal">{r.weight}</span>
          ),
      },
      editable("actual"),
      editable("rating"),
      editable("ratedScore"),
      computed("completionRate"),
      computed("attainment"),
      editable("deviationReason"),
      editable("scoringCriteria"),
      {
        key: "actions",
        title: t("indicators.col.actions"),
        width: WIDTHS.actions,
        shouldCellUpdate: rowChanged,
        render: (_, r) => (r.kind === "indicator" ? <RowActions row={r.indicator} onDelete={onDelete} onPropose={onPropose} /> : null),
      },
      // The score stays in view at the right edge however far the table scrolls.
      { ...computed("score"), fixed: "right" as const },
    ];
  }, [t, toggle, onDelete, onPropose]);

  return (
    <EditorContext.Provider value={ctx}>
      <Table<Row>
        ref={tableRef}
        className="ind-table"
        rowKey="key"
        size="small"
        bordered
        virtual={virtual}
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: TOTAL_WIDTH, y: virtual ? height : undefined }}
        sticky={!virtual}
        rowClassName={(r) =>
          r.kind === "indicator" ? (r.indicator.id === highlight ? "ind-row-highlight" : "ind-row-leaf") : `ind-row-${r.kind}`
        }
        locale={{ emptyText: t("indicators.empty") }}
      />
    </EditorContext.Provider>
  );
}

const GroupTitle = memo(function GroupTitle({ row, onToggle }: { row: GroupRow; onToggle(key: string): void }) {
  const { t } = useTranslation();
  const label = row.kind === "level1" ? row.level1 : row.level2;
  return (
    <div className={`ind-group ind-group-${row.kind}`}>
      {row.count > 0 ? (
        <Button
          type="text"
          size="small"
          aria-expanded={!row.collapsed}
          aria-label={t(row.collapsed ? "indicators.expand" : "indicators.collapse", { name: label })}
          icon={row.collapsed ? <CaretRightOutlined /> : <CaretDownOutlined />}
          onClick={() => onToggle(row.key)}
        />
      ) : (
        <span className="ind-group-spacer" />
      )}
      <span className="ind-group-label">{label}</span>
      <span className="ind-group-meta">
        {t(row.kind === "level1" ? "indicators.level1" : "indicators.level2")} · {t("indicators.groupCount", { count: row.count })}
      </span>
    </div>
  );
});

function KindTag({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const label = t(`indicators.kind.${kind}`);
  return (
    <Tag color={kind === "QUALITATIVE" ? "purple" : "blue"} title={label} className="ind-kind">
      {label}
    </Tag>
  );
}

function RowActions({
  row,
  onDelete,
  onPropose,
}: {
  row: IndicatorRow;
  onDelete?: (row: IndicatorRow) => void;
  onPropose?: (row: IndicatorRow) => void;
}) {
  const { t } = useTranslation();
  const ctx = useContext(EditorContext);
  return (
    <span className="ind-actions">
      <EvidenceButton indicatorID={row.id} name={row.name} count={row.attachmentCount} readOnly={!!ctx?.readOnly} />
      {onPropose && (
        <Tooltip title={t("library.proposeIndicator")}>
          <Button
            type="text"
            size="small"
            icon={<BookOutlined />}
            aria-label={t("library.proposeIndicatorOne", { name: row.name })}
            onClick={() => onPropose(row)}
          />
        </Tooltip>
      )}
      {onDelete && !ctx?.readOnly && (
        <Popconfirm okText={t("common.ok")} cancelText={t("common.cancel")} title={t("indicators.deleteConfirm", { name: row.name })} onConfirm={() => onDelete(row)}>
          <Tooltip title={t("indicators.delete")}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("indicators.deleteOne", { name: row.name })} />
          </Tooltip>
        </Popconfirm>
      )}
    </span>
  );
}
