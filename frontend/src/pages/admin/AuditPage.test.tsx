import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import dayjs from "dayjs";
import AuditPage, { auditWhere, shown } from "./AuditPage";
import { renderAdmin } from "./fixture";

const record = (over: Record<string, unknown> = {}) => ({
  __typename: "AuditRecord",
  id: "12884901889",
  at: "2026-12-07T09:00:00Z",
  actorKind: "USER",
  actorID: 1,
  actorName: "admin",
  action: "UPDATE",
  entityType: "Department",
  entityID: 2,
  requestID: "req-1",
  changes: [
    { __typename: "FieldChange", field: "name", before: "区委办", after: "区委办公室" },
    { __typename: "FieldChange", field: "code", before: "440115-001", after: "440115-001" },
  ],
  ...over,
});

const page = (hasNextPage: boolean, ...records: ReturnType<typeof record>[]) => ({
  data: {
    auditRecords: {
      __typename: "AuditRecordConnection",
      totalCount: 30,
      pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: hasNextPage ? "cursor-25" : null },
      edges: records.map((node) => ({ __typename: "AuditRecordEdge", node })),
    },
  },
});

describe("auditWhere", () => {
  it("turns the filters into a where input, to the end of the last day", () => {
    expect(auditWhere({})).toBeUndefined();
    const from = dayjs("2026-12-01T15:00:00");
    const to = dayjs("2026-12-07T08:00:00");
    expect(auditWhere({ entityType: "Department", entityID: 2, actor: " Adm ", action: "UPDATE", from, to })).toEqual({
      entityType: "Department",
      entityID: 2,
      actorNameContainsFold: "Adm",
      action: "UPDATE",
      atGTE: dayjs("2026-12-01T00:00:00").toISOString(),
      atLT: dayjs("2026-12-08T00:00:00").toISOString(),
    });
  });

  it("shows nulls as a dash and structures as JSON", () => {
    expect(shown(null)).toBe("—");
    expect(shown("x")).toBe("x");
    expect(shown({ a: 1 })).toBe('{"a":1}');
  });
});

describe("AuditPage", () => {
  it("expands a record to its fields before and after, the changed ones highlighted", async () => {
    renderAdmin(<AuditPage />, { AdminAudit: page(false, record()) });
    const table = await screen.findByTestId("audit-table");
    const row = (await within(table).findByText("部门 #2")).closest("tr")!;
    expect(within(row).getByText("修改")).toBeInTheDocument();
    fireEvent.click(within(row).getByRole("button", { name: /^展开 部门 #2 / }));
    const changes = await screen.findByTestId("changes-12884901889");
    const name = within(changes).getByText("name").closest("tr")!;
    expect(within(name).getByText("区委办")).toHaveAttribute("data-changed", "before");
    expect(within(name).getByText("区委办公室")).toHaveAttribute("data-changed", "after");
    const code = within(changes).getByText("code").closest("tr")!;
    expect(within(code).getAllByText("440115-001")).toHaveLength(2);
    expect(code.querySelector("mark")).toBeNull();
  });

  it("filters by entity, actor and action, and pages by cursor", async () => {
    const m = renderAdmin(<AuditPage />, {
      AdminAudit: (v) => (v.after ? page(false, record({ id: "12884901890" })) : page(true, record())),
    });
    await screen.findByText("部门 #2");
    fireEvent.click(screen.getByTestId("pager-next"));
    await waitFor(() => expect(m.variablesOf("AdminAudit").at(-1)).toEqual({ where: undefined, after: "cursor-25" }));
    expect(await screen.findByTestId("pager-prev")).toBeEnabled();
    fireEvent.change(screen.getByLabelText("数据 ID"), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText("修改人"), { target: { value: "admin" } });
    fireEvent.click(screen.getByTestId("audit-apply"));
    await waitFor(() => expect(m.variablesOf("AdminAudit").at(-1)).toEqual({ where: { entityID: 2, actorNameContainsFold: "admin" }, after: undefined }));
  });

  it("refuses anyone but an administrator", async () => {
    const m = renderAdmin(<AuditPage />, { AdminAudit: page(false, record()) }, "REVIEWER");
    expect(await screen.findByText("只有系统管理员可以使用此页面。")).toBeInTheDocument();
    expect(m.variablesOf("AdminAudit")).toEqual([]);
  });
});
