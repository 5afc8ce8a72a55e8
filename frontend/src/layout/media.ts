import { useSyncExternalStore } from "react";

/** Phones and narrow windows: the side menu becomes a drawer. */
export const NARROW = "(max-width: 768px)";

/** Whether the media query matches, following the window as it changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener?.("change", onChange);
      return () => mql.removeEventListener?.("change", onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
