// The department years, projects and evaluations a user opened last, newest first, kept in this
// browser's localStorage under the user's id (two people sharing a browser keep their own lists).
import { useCallback, useSyncExternalStore } from "react";

export interface RecentItem {
  /** Where it opens; also what makes two items the same. */
  path: string;
  kind: "year" | "project" | "evaluation";
  /** "中共广州市南沙区委员会办公室 2023" */
  title: string;
  /** A second line: the project's name, or which self-evaluation. */
  detail?: string;
  /** When it was opened (ms since the epoch). */
  at: number;
}

/** How many the list keeps. */
export const KEEP_RECENT = 8;

const prefix = "jixiao.recent.";
const keyOf = (user: string) => prefix + user;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function parse(raw: string | null): RecentItem[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (x): x is RecentItem => !!x && typeof x === "object" && typeof x.path === "string" && typeof x.title === "string" && typeof x.kind === "string",
    );
  } catch {
    return []; // a list another version wrote, or a hand edit: start again
  }
}

/** The user's list as stored. */
export function readRecent(user: string): RecentItem[] {
  return parse(localStorage.getItem(keyOf(user)));
}

/** Puts item first (replacing the same path), keeps KEEP_RECENT. */
export function rememberRecent(user: string, item: Omit<RecentItem, "at">, now = Date.now()) {
  const list = readRecent(user);
  const head = list[0];
  // Opening the same page again with the same name changes nothing (no write, no re-render).
  if (head && head.path === item.path && head.title === item.title && head.detail === item.detail) return;
  const next = [{ ...item, at: now }, ...list.filter((x) => x.path !== item.path)].slice(0, KEEP_RECENT);
  try {
    localStorage.setItem(keyOf(user), JSON.stringify(next));
  } catch {
    return; // storage full or refused (private mode): the list is a convenience
  }
  notify();
}

/** Forgets the user's list. */
export function clearRecent(user: string) {
  localStorage.removeItem(keyOf(user));
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab of the same browser changed the list.
  const onStorage = (e: StorageEvent) => {
    if (!e.key || e.key.startsWith(prefix)) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

// useSyncExternalStore wants the same value while nothing changed: parse once per stored string.
let cache: { raw: string | null; items: RecentItem[] } = { raw: null, items: [] };
function snapshot(user: string | undefined): RecentItem[] {
  const raw = user ? localStorage.getItem(keyOf(user)) : null;
  if (raw !== cache.raw) cache = { raw, items: parse(raw) };
  return cache.items;
}

/** The user's recent items, kept up to date, and remember/clear for them. */
export function useRecent(user: string | undefined) {
  const items = useSyncExternalStore(subscribe, () => snapshot(user));
  const remember = useCallback((item: Omit<RecentItem, "at">) => user && rememberRecent(user, item), [user]);
  const clear = useCallback(() => user && clearRecent(user), [user]);
  return { items, remember, clear };
}
