import { useCallback, useSyncExternalStore } from "react";
import type { CellField } from "./types";

export interface CellRef {
  id: string;
  field: CellField;
}

const cellKey = (id: string, field: string) => `${id}:${field}`;

/**
 * Which cell is being edited, which cells carry an error and which rows are saving, kept
 * outside React state: a cell subscribes to its own slice, so starting or ending an edit
 * re-renders the two cells concerned, not the table.
 */
export class EditStore {
  private active: CellRef | null = null;
  private errors = new Map<string, string>();
  private saving = new Map<string, number>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private emit() {
    for (const l of [...this.listeners]) l();
  }

  getActive(): CellRef | null {
    return this.active;
  }

  isActive(id: string, field: CellField): boolean {
    return this.active?.id === id && this.active.field === field;
  }

  setActive(cell: CellRef | null) {
    if (cell?.id === this.active?.id && cell?.field === this.active?.field) return;
    this.active = cell;
    this.emit();
  }

  errorOf(id: string, field: string): string | undefined {
    return this.errors.get(cellKey(id, field));
  }

  setError(id: string, field: string, message: string | undefined) {
    const k = cellKey(id, field);
    if (this.errors.get(k) === message) return;
    if (message === undefined) this.errors.delete(k);
    else this.errors.set(k, message);
    this.emit();
  }

  clearErrors() {
    if (this.errors.size === 0) return;
    this.errors.clear();
    this.emit();
  }

  isSaving(id: string): boolean {
    return (this.saving.get(id) ?? 0) > 0;
  }

  /** Counts a save of row id starting (+1) or ending (-1). */
  markSaving(id: string, delta: 1 | -1) {
    const n = (this.saving.get(id) ?? 0) + delta;
    if (n <= 0) this.saving.delete(id);
    else this.saving.set(id, n);
    this.emit();
  }
}

export function useIsActive(store: EditStore, id: string, field: CellField): boolean {
  const get = useCallback(() => store.isActive(id, field), [store, id, field]);
  return useSyncExternalStore(store.subscribe, get, get);
}

export function useCellError(store: EditStore, id: string, field: CellField): string | undefined {
  const get = useCallback(() => store.errorOf(id, field), [store, id, field]);
  return useSyncExternalStore(store.subscribe, get, get);
}

export function useIsSaving(store: EditStore, id: string): boolean {
  const get = useCallback(() => store.isSaving(id), [store, id]);
  return useSyncExternalStore(store.subscribe, get, get);
}
