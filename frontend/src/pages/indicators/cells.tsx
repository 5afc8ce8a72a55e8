import { createContext, memo, useContext, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { AutoComplete, Input, Select, Tag, Tooltip } from "antd";
import { LoadingOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { percent, plain } from "../../lib/format";
import { bandText, ratingBand, RATINGS } from "./bands";
import type { Bands } from "./rules";
import { roundDecimal, sameDecimal, shareToPercent } from "./decimal";
import { useCellError, useIsActive, useIsSaving, type CellRef, type EditStore } from "./editStore";
import { arrowDirection, type Direction } from "./nav";
import { parseClipboard } from "./paste";
import { cellApplies, cellValue, COMMON_UNITS, OPERATORS, operatorSymbol, TARGET_FIELDS, type CellField, type IndicatorRow } from "./types";
import { WithOriginal } from "../targets/tables";

/** What every cell of the table shares; changes only when the table turns read-only or back. */
export interface EditorContextValue {
  store: EditStore;
  readOnly: boolean;
  /** Checks and queues the save of a cell; false keeps the cell open, its error in the store. */
  commit(id: string, field: CellField, value: string): boolean;
  move(from: CellRef, dir: Direction): void;
  /** Moves the keyboard focus (not the editor) to the next editable cell in dir: the arrow keys. */
  step(from: CellRef, dir: Direction): void;
  /** Fills the cells a block of clipboard text (copied from a spreadsheet) covers from cell. */
  paste(from: CellRef, text: string): void;
  /** The rating bands the server serves; undefined until loaded. */
  bands?: Bands;
  /** The year's targets are filed or approved: the target-defining cells (TARGET_FIELDS) are read-only. */
  targetsFixed?: boolean;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("indicator cell outside its table");
  return ctx;
}

const cellSelector = (id: string, field: string) => `[data-cell="${id}:${field}"]`;

/** Puts the keyboard focus back on a cell once it has rendered. */
export function focusCell(id: string, field: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(cellSelector(id, field))?.focus());
}

/** Whether the cell is on screen (a virtual table renders only the rows in view). */
export const cellMounted = (id: string, field: string) => document.querySelector(cellSelector(id, field)) != null;

/** One editable cell: its value, or its editor while it is the active cell; its error below. */
export const EditableCell = memo(function EditableCell({ row, field }: { row: IndicatorRow; field: CellField }) {
  const { store, readOnly, paste, targetsFixed, step } = useEditor();
  const { t } = useTranslation();
  const active = useIsActive(store, row.id, field);
  const error = useCellError(store, row.id, field);
  const applies = cellApplies(row, field);
  const editable = !readOnly && applies && !(targetsFixed && TARGET_FIELDS.has(field));
  if (active && editable) {
    // A block of cells pasted into the editor fills the cells it covers; one cell's text is
    // typed into the editor as usual.
    const onPaste = (e: ClipboardEvent) => {
      const text = e.clipboardData.getData("text/plain");
      const block = parseClipboard(text);
      if (block.length > 1 || (block[0]?.length ?? 0) > 1) {
        e.preventDefault();
        store.setActive(null);
        paste({ id: row.id, field }, text);
      }
    };
    return (
      <div className="ind-cell-editing" onPaste={onPaste}>
        <CellEditor row={row} field={field} error={error} />
        {error && (
          <div className="ind-cell-error" role="alert">
            {error}
          </div>
        )}
      </div>
    );
  }
  const start = () => store.setActive({ id: row.id, field });
  return (
    <div
      className={`ind-cell${editable ? " ind-cell-editable" : ""}${error ? " ind-cell-invalid" : ""}`}
      tabIndex={editable ? 0 : undefined}
      // An editable cell is a field showing its value (typing, Enter or a click opens its editor):
      // a textbox to assistive technology, named by its column and indicator.
      role={editable ? "textbox" : undefined}
      data-cell={`${row.id}:${field}`}
      aria-label={editable ? t("indicators.editCell", { column: t(`indicators.col.${field}`), name: row.name }) : undefined}
      onClick={editable ? start : undefined}
      onPaste={
        editable
          ? (e) => {
              const text = e.clipboardData.getData("text/plain");
              if (!text) return;
              e.preventDefault();
              paste({ id: row.id, field }, text);
            }
          : undefined
      }
      onKeyDown={
        editable
          ? (e) => {
              if (e.key === "Enter" || e.key === "F2") {
                e.preventDefault();
                start();
                return;
              }
              const dir = e.altKey || e.ctrlKey || e.metaKey || e.shiftKey ? undefined : arrowDirection(e.key);
              if (dir) {
                e.preventDefault(); // the page does not scroll
                step({ id: row.id, field }, dir);
              }
            }
          : undefined
      }
    >
      <CellDisplay row={row} field={field} />
      {error && (
        <div className="ind-cell-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
});

/** A cell's value as text, as the table shows it when not editing. */
function CellDisplay({ row, field }: { row: IndicatorRow; field: CellField }) {
  const { t } = useTranslation();
  const { bands } = useEditor();
  switch (field) {
    case "operator":
      return <>{operatorSymbol(row.operator)}</>;
    case "actual":
      if (row.binding) {
        return (
          <Tooltip
            title={`${row.effectiveActual ?? "—"} · ${t("indicators.boundTo", { binding: t(`indicators.binding.${row.binding}`) })}`}
          >
            <span className="ind-bound">
              {roundDecimal(row.effectiveActual) ?? "—"}
              <Tag className="ind-binding-tag">{t(`indicators.binding.${row.binding}`)}</Tag>
            </span>
          </Tooltip>
        );
      }
      return <>{row.actual ?? (row.kind === "QUANTITATIVE" ? <span className="ind-muted">—</span> : "")}</>;
    case "rating": {
      if (row.kind !== "QUALITATIVE") return null;
      if (!row.rating) return <span className="ind-warning">{t("indicators.noRating")}</span>;
      return (
        <span>
          {t(`indicators.rating.${row.rating}`)}{" "}
          <span className="ind-muted ind-band">{bandText(ratingBand(bands, row.rating, row.weight))}</span>
        </span>
      );
    }
    case "ratedScore": {
      if (row.kind !== "QUALITATIVE") return null;
      const band = bandText(ratingBand(bands, row.rating, row.weight));
      return (
        <span>
          {row.ratedScore ?? "—"}
          {band && (
            <span className="ind-muted ind-band"> {t("indicators.band", { band })}</span>
          )}
        </span>
      );
    }
    case "deviationReason":
      if (row.deviationRequired && !row.deviationReason.trim()) {
        return (
          <span className="ind-warning ind-deviation-needed">
            <WarningOutlined aria-hidden /> {t("indicators.deviationNeeded")}
          </span>
        );
      }
      return (
        <span className="ind-ellipsis" title={row.deviationReason}>
          {row.deviationReason}
        </span>
      );
    case "scoringCriteria":
      return (
        <span className="ind-ellipsis" title={row.scoringCriteria}>
          {row.scoringCriteria}
        </span>
      );
    case "name":
      return (
        <span className="ind-ellipsis" title={row.name}>
          {row.name}
        </span>
      );
    case "target":
    case "weight": {
      // An approved adjustment changed it: the original beside it (e.g. 100.00（原 80.00）).
      const a = row.targetAdjustment;
      const original = field === "target" ? a?.originalTarget : a?.originalWeight;
      if (!a || original == null || sameDecimal(original, row[field])) return <>{cellValue(row, field)}</>;
      return (
        <WithOriginal
          value={cellValue(row, field)}
          original={original}
          adjustment={a}
          what={field === "target" ? "originalTarget" : "originalWeight"}
        />
      );
    }
    default:
      return <>{cellValue(row, field)}</>;
  }
}

const DECIMAL_CELLS = new Set<CellField>(["target", "weight", "actual", "ratedScore"]);

/** The editor of the active cell: Enter saves and moves down, Tab right, Shift+Tab left, Esc cancels. */
function CellEditor({ row, field, error }: { row: IndicatorRow; field: CellField; error?: string }) {
  const { t } = useTranslation();
  const { store, commit, move, bands } = useEditor();
  const [draft, setDraftState] = useState(() => cellValue(row, field));
  const draftRef = useRef(draft);
  const done = useRef(false);
  const setDraft = (v: string) => {
    draftRef.current = v;
    setDraftState(v);
  };

  const finish = (how: Direction | "stay" | "blur", value = draftRef.current) => {
    if (done.current) return;
    done.current = true;
    if (!commit(row.id, field, value)) {
      done.current = false;
      return;
    }
    if (how === "blur") {
      if (store.isActive(row.id, field)) store.setActive(null);
    } else if (how === "stay") {
      store.setActive(null);
      focusCell(row.id, field);
    } else move({ id: row.id, field }, how);
  };
  // A virtual table unmounts an editor scrolled out of view: keep what was typed.
  useEffect(() => {
    const initial = draftRef.current;
    return () => {
      if (!done.current && draftRef.current !== initial) commit(row.id, field, draftRef.current);
    };
  }, [commit, row.id, field]);
  const cancel = () => {
    done.current = true;
    store.setError(row.id, field, undefined);
    store.setActive(null);
    focusCell(row.id, field);
  };
  const onKeyDown = (e: KeyboardEvent, multiline = false) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === "Enter" && !(multiline && e.shiftKey)) {
      e.preventDefault();
      finish(e.shiftKey ? "up" : "down");
    } else if (e.key === "Tab") {
      e.preventDefault();
      finish(e.shiftKey ? "left" : "right");
    } else if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  };

  // Pickers: the dropdown handles Enter while open (choosing an option); the choice then saves.
  // The selects open at once; the unit's list opens as one types.
  const open = useRef(field !== "unit");
  const enter = useRef(false);
  const pickerKeys = (e: KeyboardEvent) => {
    if (e.key === "Tab") {
      e.preventDefault();
      e.stopPropagation();
      finish(e.shiftKey ? "left" : "right");
    } else if (e.key === "Enter") {
      if (!open.current) {
        e.preventDefault();
        e.stopPropagation();
        finish("down");
      } else {
        enter.current = true;
        setTimeout(() => finish("down"), 0);
      }
    } else if (e.key === "Escape" && (!open.current || field === "unit")) {
      // (An Escape reaching the unit's combobox would empty it.)
      e.preventDefault();
      e.stopPropagation();
      cancel();
    }
  };
  const picked = (v: string) => {
    setDraft(v);
    if (!enter.current) finish("stay", v);
  };
  const label = t(`indicators.col.${field}`);
  const status = error ? ("error" as const) : undefined;

  switch (field) {
    case "operator":
      return (
        <div onKeyDownCapture={pickerKeys} data-editor={`${row.id}:${field}`}>
          <Select
            size="small"
            autoFocus
            defaultOpen
            aria-label={label}
            status={status}
            value={draft || undefined}
            onOpenChange={(o) => (open.current = o)}
            onChange={picked}
            onBlur={() => finish("blur")}
            options={OPERATORS.map((o) => ({ value: o.value, label: o.symbol }))}
            style={{ width: "100%" }}
          />
        </div>
      );
    case "rating":
      return (
        <div onKeyDownCapture={pickerKeys} data-editor={`${row.id}:${field}`}>
          <Select
            size="small"
            autoFocus
            defaultOpen
            allowClear
            aria-label={label}
            status={status}
            value={draft || undefined}
            onOpenChange={(o) => (open.current = o)}
            onChange={(v) => picked(v ?? "")}
            onBlur={() => finish("blur")}
            popupMatchSelectWidth={false}
            options={RATINGS.map((r) => ({
              value: r,
              label: `${t(`indicators.rating.${r}`)}  ${bandText(ratingBand(bands, r, row.weight))}`,
              title: t(`indicators.ratingFull.${r}`),
            }))}
            style={{ width: "100%" }}
          />
        </div>
      );
    case "unit":
      return (
        <div onKeyDownCapture={pickerKeys} data-editor={`${row.id}:${field}`}>
          <AutoComplete
            size="small"
            autoFocus
            aria-label={label}
            status={status}
            value={draft}
            onOpenChange={(o) => (open.current = o)}
            onChange={(v) => setDraft(v ?? "")}
            onSelect={(v: string) => picked(v)}
            onBlur={() => finish("blur")}
            options={COMMON_UNITS.filter((u) => !draft || u.includes(draft)).map((u) => ({ value: u }))}
            style={{ width: "100%" }}
          />
        </div>
      );
    case "deviationReason":
    case "scoringCriteria":
      return (
        <Input.TextArea
          autoFocus
          autoSize={{ minRows: 1, maxRows: 6 }}
          aria-label={label}
          status={status}
          value={draft}
          placeholder={field === "deviationReason" && row.deviationRequired ? t("indicators.deviationPlaceholder") : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => onKeyDown(e, true)}
          onBlur={() => finish("blur")}
          data-editor={`${row.id}:${field}`}
        />
      );
    default: {
      const band = field === "ratedScore" ? bandText(ratingBand(bands, row.rating, row.weight)) : "";
      return (
        <Input
          size="small"
          autoFocus
          aria-label={label}
          status={status}
          value={draft}
          inputMode={DECIMAL_CELLS.has(field) ? "decimal" : undefined}
          placeholder={band || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => onKeyDown(e)}
          onBlur={() => finish("blur")}
          onFocus={(e) => e.target.select()}
          data-editor={`${row.id}:${field}`}
        />
      );
    }
  }
}

/** Completion rate, attainment or score of an indicator: computed by the server after each save. */
export const ComputedCell = memo(function ComputedCell({
  row,
  what,
}: {
  row: IndicatorRow;
  what: "completionRate" | "attainment" | "score";
}) {
  const { store } = useEditor();
  const saving = useIsSaving(store, row.id);
  let text: string;
  if (what === "completionRate") text = row.completionRate == null ? "—" : percent(row.completionRate);
  else if (what === "attainment") {
    const p = shareToPercent(row.attainment);
    text = p === undefined ? "—" : `${p}%`;
  } else text = row.score;
  return (
    <span className={what === "score" ? "ind-score" : undefined}>
      {saving && <LoadingOutlined className="ind-saving" aria-hidden />}
      {text}
      {what === "score" && row.reviewScore && <ReviewMark review={row.reviewScore} />}
    </span>
  );
});

/** The finance bureau's re-score beside the self-score, its reason on hover. */
function ReviewMark({ review }: { review: { score: string; reason: string } }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={`${t("review.reason")}：${review.reason}`}>
      <Tag color="orange" style={{ marginInlineStart: 4, marginInlineEnd: 0 }} data-testid="review-mark">
        {t("review.reviewScore")} {plain(review.score)}
      </Tag>
    </Tooltip>
  );
}
