import { useCallback, useMemo, useState } from "react";

/** What column settings need to know of a column. */
export interface SettableColumn {
  key: string;
  /** The key column: always shown. */
  fixed?: boolean;
  /** Hidden until the user shows it. */
  defaultHidden?: boolean;
}

/** Where a screen's column choices are kept in localStorage. */
export const columnStorageKey = (screen: string) => `jixiao.lists.${screen}.columns`;

/** The choices the user made: column key → shown. Columns not named keep their default. */
type Choices = Record<string, boolean>;

function load(screen: string): Choices {
  try {
    const raw = localStorage.getItem(columnStorageKey(screen));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === "boolean")) as Choices;
  } catch {
    return {}; // unreadable: the defaults
  }
}

function save(screen: string, choices: Choices) {
  try {
    if (Object.keys(choices).length === 0) localStorage.removeItem(columnStorageKey(screen));
    else localStorage.setItem(columnStorageKey(screen), JSON.stringify(choices));
  } catch {
    // storage full or denied: the choice lasts as long as the page
  }
}

/**
 * Which of a screen's columns are shown, remembered in localStorage per screen: the user's choice
 * where there is one, else the column's default. The key column is always shown. A column added
 * to a screen later shows by its default, whatever was stored before it existed.
 */
export function useColumnSettings(screen: string, columns: readonly SettableColumn[]) {
  const [choices, setChoices] = useState<Choices>(() => load(screen));

  const isVisible = useCallback(
    (key: string) => {
      const c = columns.find((col) => col.key === key);
      if (!c) return false;
      if (c.fixed) return true;
      return choices[key] ?? !c.defaultHidden;
    },
    [columns, choices],
  );

  const visibleKeys = useMemo(() => columns.filter((c) => isVisible(c.key)).map((c) => c.key), [columns, isVisible]);

  const setVisible = useCallback(
    (key: string, visible: boolean) => {
      const c = columns.find((col) => col.key === key);
      if (!c || c.fixed) return;
      setChoices((prev) => {
        const next = { ...prev };
        if (visible === !c.defaultHidden) delete next[key];
        else next[key] = visible;
        save(screen, next);
        return next;
      });
    },
    [columns, screen],
  );

  const reset = useCallback(() => {
    save(screen, {});
    setChoices({});
  }, [screen]);

  return { visibleKeys, isVisible, setVisible, reset, customised: Object.keys(choices).length > 0 };
}
