import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import NotificationBell, { KEEP, keep, linkOf, type Change } from "./NotificationBell";

const change = (over: Partial<Change> = {}): Change => ({
  id: "e1",
  resync: false,
  entityType: "Indicator",
  entityID: "12884901889",
  action: "UPDATE",
  actorName: "reviewer",
  at: "2026-12-07T08:30:00Z",
  departmentYearID: "4294967297",
  projectID: null,
  departmentYear: { id: "4294967297", year: 2023 },
  department: { id: "1", name: "区委办" },
  ...over,
});

describe("NotificationBell", () => {
  it("counts a change heard from the subscription, lists it in words with its place and link, and forgets the count once read", async () => {
    const m = mockClient({ NotificationChanges: { data: { changes: change() } } });
    renderWith(m.client, <NotificationBell />);
    const bell = screen.getByRole("button", { name: "通知" });
    await waitFor(() => expect(bell.closest(".ant-badge")).toHaveTextContent("1"));
    expect(m.calls.find((c) => c.name === "NotificationChanges")?.kind).toBe("subscription");

    fireEvent.click(bell);
    const list = await screen.findByTestId("notifications");
    const link = within(list).getByRole("link", { name: "reviewer修改了指标" });
    expect(link).toHaveAttribute("href", "/years/4294967297/indicators");
    expect(list).toHaveTextContent("区委办 2023年");

    fireEvent.click(within(list).getByRole("button", { name: "全部标为已读" }));
    await waitFor(() => expect(bell.closest(".ant-badge")).not.toHaveTextContent("1"));
  });

  it("says when nothing has changed", async () => {
    const m = mockClient({});
    renderWith(m.client, <NotificationBell />);
    fireEvent.click(screen.getByRole("button", { name: "通知" }));
    expect(await screen.findByText("打开页面以来，您可查看的数据没有被他人修改。")).toBeInTheDocument();
  });
});

describe("keep", () => {
  it("puts the newest first, once, and keeps at most KEEP", () => {
    let list: Change[] | undefined;
    for (let i = 0; i < KEEP + 5; i++) list = keep(list, change({ id: `e${i}` }));
    expect(list).toHaveLength(KEEP);
    expect(list![0].id).toBe(`e${KEEP + 4}`);
    expect(keep(list, change({ id: `e${KEEP + 4}` }))).toHaveLength(KEEP);
  });
});

describe("linkOf", () => {
  it("opens the screen that shows the change", () => {
    expect(linkOf(change({ entityType: "Evaluation", entityID: "8589934593" }))).toBe("/evaluations/8589934593");
    expect(linkOf(change({ entityType: "DepartmentYear", entityID: "4294967297" }))).toBe("/years/4294967297");
    expect(linkOf(change({ projectID: "25769803777" }))).toBe("/projects/25769803777/indicators");
    expect(linkOf(change({ entityType: "MonthlyExecution" }))).toBe("/years/4294967297");
    expect(linkOf(change({ entityType: "Evaluation", action: "DELETE" }))).toBe("/years/4294967297");
    expect(linkOf(change({ entityType: "User", departmentYear: null }))).toBeUndefined();
  });

  it("lists no resync signal: it is no change, and the pages read again by themselves", () => {
    const one = change();
    const resync = change({ id: "r1", resync: true, entityType: "RESYNC", entityID: "0", actorName: "", departmentYear: null, department: null });
    expect(keep([one], resync)).toEqual([one]);
    expect(keep(undefined, resync)).toEqual([]);
  });
});
