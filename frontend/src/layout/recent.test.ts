import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { KEEP_RECENT, clearRecent, readRecent, rememberRecent, useRecent } from "./recent";

const year = (n: number) => ({ path: `/years/y${n}`, kind: "year" as const, title: `区委办 ${2020 + n}` });

describe("recent items", () => {
  it("keeps the newest first, once each, at most KEEP_RECENT, per user", () => {
    for (let i = 0; i < KEEP_RECENT + 2; i++) rememberRecent("u1", year(i), 1000 + i);
    rememberRecent("u1", year(5), 5000);
    const list = readRecent("u1");
    expect(list).toHaveLength(KEEP_RECENT);
    expect(list[0]).toEqual({ ...year(5), at: 5000 });
    expect(list.filter((x) => x.path === "/years/y5")).toHaveLength(1);
    expect(list.map((x) => x.path)).not.toContain("/years/y0");
    expect(readRecent("u2")).toEqual([]);
  });

  it("starts again from a list it cannot read", () => {
    localStorage.setItem("jixiao.recent.u1", "{not json");
    expect(readRecent("u1")).toEqual([]);
    localStorage.setItem("jixiao.recent.u1", JSON.stringify([{ path: 1 }, { ...year(1), at: 1 }]));
    expect(readRecent("u1")).toEqual([{ ...year(1), at: 1 }]);
    rememberRecent("u1", year(2), 2);
    expect(readRecent("u1").map((x) => x.path)).toEqual(["/years/y2", "/years/y1"]);
  });

  it("gives a component the list and follows what is remembered and cleared", () => {
    const { result } = renderHook(() => useRecent("u1"));
    expect(result.current.items).toEqual([]);
    act(() => void result.current.remember(year(1)));
    expect(result.current.items.map((x) => x.title)).toEqual(["区委办 2021"]);
    act(() => rememberRecent("u1", { path: "/evaluations/e1", kind: "evaluation", title: "区委办 2021", detail: "自评" }));
    expect(result.current.items.map((x) => x.path)).toEqual(["/evaluations/e1", "/years/y1"]);
    act(() => clearRecent("u1"));
    expect(result.current.items).toEqual([]);
  });

  it("remembers nothing without a user", () => {
    const { result } = renderHook(() => useRecent(undefined));
    act(() => void result.current.remember(year(1)));
    expect(result.current.items).toEqual([]);
    expect(localStorage.length).toBe(0);
  });
});
