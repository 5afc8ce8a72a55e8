import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import TokensPage from "./TokensPage";
import { renderAdmin } from "./fixture";

const token = (over: Record<string, unknown> = {}) => ({
  __typename: "APIToken",
  id: "8589934593",
  name: "预算一体化系统",
  prefix: "jx_abcdef",
  createdAt: "2026-12-01T08:00:00Z",
  revokedAt: null,
  lastUsedAt: "2026-12-07T09:30:00Z",
  department: { __typename: "Department", id: "2", code: "440115-001", name: "区委办" },
  createdBy: { __typename: "User", id: "1", username: "admin", displayName: "管理员" },
  ...over,
});

const list = (...tokens: ReturnType<typeof token>[]) => ({
  data: { apiTokens: { __typename: "APITokenConnection", edges: tokens.map((node) => ({ __typename: "APITokenEdge", node })) } },
});

describe("TokensPage", () => {
  it("lists tokens with scope, last use and revocation", async () => {
    renderAdmin(<TokensPage />, {
      AdminTokens: list(token(), token({ id: "8589934594", name: "旧接口", department: null, lastUsedAt: null, revokedAt: "2026-12-05T10:00:00Z" })),
    });
    const table = await screen.findByTestId("tokens-table");
    expect(await within(table).findByText("预算一体化系统")).toBeInTheDocument();
    expect(within(table).getByText("区委办（440115-001）")).toBeInTheDocument();
    expect(within(table).getByText("全部部门")).toBeInTheDocument();
    expect(within(table).getByText("从未使用")).toBeInTheDocument();
    expect(within(table).getByText(/^已撤销 2026-12-05/)).toBeInTheDocument();
    // A revoked token has nothing left to revoke.
    expect(within(table).getAllByRole("button", { name: /^撤销/ })).toHaveLength(1);
  });

  it("creates a token scoped to a department and shows it once with a warning", async () => {
    const m = renderAdmin(<TokensPage />, {
      AdminTokens: list(token()),
      AdminCreateToken: { data: { createAPIToken: { token: "jx_secret-shown-once", apiToken: { __typename: "APIToken", id: "8589934595", name: "统计系统" } } } },
    });
    await screen.findByText("预算一体化系统");
    fireEvent.click(screen.getByTestId("token-add"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("名称"), { target: { value: " 统计系统 " } });
    fireEvent.click(within(dialog).getByLabelText("某部门及其下级部门"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    expect(await within(dialog).findByText("请选择部门")).toBeInTheDocument();
    expect(m.variablesOf("AdminCreateToken")).toEqual([]);
    fireEvent.mouseDown(within(dialog).getByRole("combobox", { name: "部门" }));
    fireEvent.click(await screen.findByTitle("区财政局（440115-002）"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() => expect(m.variablesOf("AdminCreateToken")).toEqual([{ name: "统计系统", departmentID: "3" }]));
    expect(await screen.findByTestId("new-token")).toHaveTextContent("jx_secret-shown-once");
    expect(screen.getByText(/关闭后它不会再次显示/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "复制令牌" })).toBeInTheDocument();
  });

  it("revokes a token after confirmation", async () => {
    const m = renderAdmin(<TokensPage />, {
      AdminTokens: list(token()),
      AdminRevokeToken: { data: { revokeAPIToken: { __typename: "APIToken", id: "8589934593", revokedAt: "2026-12-07T10:00:00Z" } } },
    });
    await screen.findByText("预算一体化系统");
    fireEvent.click(screen.getByRole("button", { name: "撤销 预算一体化系统" }));
    expect(await screen.findByText(/使用它的系统将立即无法访问/)).toBeInTheDocument();
    expect(m.variablesOf("AdminRevokeToken")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "撤 销" }));
    await waitFor(() => expect(m.variablesOf("AdminRevokeToken")).toEqual([{ id: "8589934593" }]));
  });
});
