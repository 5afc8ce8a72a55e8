import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { columnStorageKey, useColumnSettings } from "./useColumnSettings";

const columns = [{ key: "name", fixed: true }, { key: "score" }, { key: "code", defaultHidden: true }];

describe("useColumnSettings", () => {
  it("shows the defaults, keeps the key column, remembers a choice per screen and forgets it on reset", () => {
    const { result } = renderHook(() => useColumnSettings("projects", columns));
    expect(result.current.visibleKeys).toEqual(["name", "score"]);
    act(() => result.current.setVisible("name", false));
    act(() => result.current.setVisible("score", false));
    act(() => result.current.setVisible("code", true));
    expect(result.current.visibleKeys).toEqual(["name", "code"]);
    expect(JSON.parse(localStorage.getItem(columnStorageKey("projects"))!)).toEqual({ score: false, code: true });
    expect(localStorage.getItem(columnStorageKey("evaluations"))).toBeNull();
    // A second screen of the same name starts from what was stored.
    const again = renderHook(() => useColumnSettings("projects", columns));
    expect(again.result.current.visibleKeys).toEqual(["name", "code"]);
    act(() => result.current.reset());
    expect(result.current.visibleKeys).toEqual(["name", "score"]);
    expect(localStorage.getItem(columnStorageKey("projects"))).toBeNull();
  });

  it("drops a choice that only restates the default, and reads unreadable storage as none", () => {
    localStorage.setItem(columnStorageKey("projects"), "{not json");
    const { result } = renderHook(() => useColumnSettings("projects", columns));
    expect(result.current.visibleKeys).toEqual(["name", "score"]);
    act(() => result.current.setVisible("score", false));
    act(() => result.current.setVisible("score", true));
    expect(result.current.customised).toBe(false);
    expect(localStorage.getItem(columnStorageKey("projects"))).toBeNull();
    localStorage.setItem(columnStorageKey("departmentYears"), JSON.stringify({ score: "no", code: true }));
    expect(renderHook(() => useColumnSettings("departmentYears", columns)).result.current.visibleKeys).toEqual(["name", "score", "code"]);
  });
});
