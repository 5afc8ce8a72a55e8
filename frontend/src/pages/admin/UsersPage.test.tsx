import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors } from "../../test/urql";
import UsersPage, { userWhere } from "./UsersPage";
import { renderAdmin } from "./fixture";

const user = (over: Record<string, unknown> = {}) => ({
  __typename: "User",
  id: "4294967297",
  username: "editor01",
  displayName: "张编辑",
  role: "EDITOR",
  disabled: false,
  lastLoginAt: null,
  createdAt: "2026-12-01T08:00:00Z",
  department: { __typename: "Department", id: "2", code: "440115-001", name: "区委办" },
  ...over,
});

const list = (...users: ReturnType<typeof user>[]) => ({
  data: {
    users: {
      __typename: "UserConnection",
      totalCount: users.length,
      pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
      edges: users.map((node) => ({ __typename: "UserEdge", node })),
    },
  },
});

describe("userWhere", () => {
  it("matches the search on username or name, and adds each filter", () => {
    expect(userWhere({ search: "  " })).toBeUndefined();
    expect(userWhere({ search: "Zhang", role: "EDITOR", department: "2", status: "disabled" })).toEqual({
      and: [
        { or: [{ usernameContainsFold: "Zhang" }, { displayNameContainsFold: "Zhang" }] },
        { role: "EDITOR" },
        { departmentID: "2" },
        { disabled: true },
      ],
    });
  });
});

describe("UsersPage", () => {
  it("refuses anyone but an administrator without asking for users", async () => {
    const m = renderAdmin(<UsersPage />, { AdminUsers: list(user()) }, "EDITOR");
    expect(await screen.findByText("只有系统管理员可以使用此页面。")).toBeInTheDocument();
    expect(m.variablesOf("AdminUsers")).toEqual([]);
  });

  it("lists users and searches them by name", async () => {
    const m = renderAdmin(<UsersPage />, { AdminUsers: list(user(), user({ id: "4294967298", username: "old", displayName: "", disabled: true })) });
    const table = await screen.findByTestId("users-table");
    expect(await within(table).findByText("editor01")).toBeInTheDocument();
    expect(within(within(table).getByText("editor01").closest("tr")!).getByText("区委办（440115-001）")).toBeInTheDocument();
    expect(within(table).getByText("已停用")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("搜索用户名或姓名"), { target: { value: "张" } });
    fireEvent.keyDown(screen.getByLabelText("搜索用户名或姓名"), { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() =>
      expect(m.variablesOf("AdminUsers").at(-1)).toEqual({ where: { and: [{ or: [{ usernameContainsFold: "张" }, { displayNameContainsFold: "张" }] }] }, after: undefined }),
    );
  });

  it("creates an editor only with a department and a long enough password", async () => {
    const m = renderAdmin(<UsersPage />, {
      AdminUsers: list(user()),
      AdminCreateUser: { data: { createUser: { __typename: "User", id: "4294967299", username: "new01" } } },
    });
    await screen.findByText("editor01");
    fireEvent.click(screen.getByTestId("user-add"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("用户名"), { target: { value: " new01 " } });
    fireEvent.change(within(dialog).getByLabelText("初始密码"), { target: { value: "short" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    expect(await within(dialog).findByText("填报人员须指定所属部门")).toBeInTheDocument();
    expect(await within(dialog).findByText("密码至少 10 个字符")).toBeInTheDocument();
    expect(m.variablesOf("AdminCreateUser")).toEqual([]);

    fireEvent.click(within(dialog).getByRole("button", { name: "随机生成" }));
    const password = (within(dialog).getByLabelText("初始密码") as HTMLInputElement).value;
    expect(password).toHaveLength(16);
    m.calls.length = 0;
    // The department from the tree picker.
    fireEvent.mouseDown(within(dialog).getByRole("combobox", { name: "所属部门" }));
    fireEvent.click(await screen.findByTitle("区委办（440115-001）"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() =>
      expect(m.variablesOf("AdminCreateUser")).toEqual([{ input: { username: "new01", displayName: undefined, role: "EDITOR", departmentID: "2", password } }]),
    );
  });

  it("puts a refused username on its field, in the catalogue's words", async () => {
    renderAdmin(<UsersPage />, {
      AdminUsers: list(user()),
      AdminCreateUser: gqlErrors(['username: "editor01" is taken', { code: "CONFLICT", field: "username" }]),
    });
    await screen.findByText("editor01");
    fireEvent.click(screen.getByTestId("user-add"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("用户名"), { target: { value: "editor01" } });
    fireEvent.change(within(dialog).getByLabelText("初始密码"), { target: { value: "a-long-password" } });
    fireEvent.mouseDown(within(dialog).getByRole("combobox", { name: "所属部门" }));
    fireEvent.click(await screen.findByTitle("综合科（440115-001-01）"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    expect(await within(dialog).findByText("用户名：与其他数据冲突。")).toBeInTheDocument();
    expect(within(dialog).queryByText(/is taken/)).toBeNull();
  });

  it("disables a user after confirmation", async () => {
    const m = renderAdmin(<UsersPage />, {
      AdminUsers: list(user()),
      AdminUpdateUser: { data: { updateUser: { ...user({ disabled: true }) } } },
    });
    await screen.findByText("editor01");
    fireEvent.click(screen.getByRole("button", { name: "停用 editor01" }));
    fireEvent.click(await screen.findByRole("button", { name: "确 定" }));
    await waitFor(() => expect(m.variablesOf("AdminUpdateUser")).toEqual([{ id: "4294967297", input: { disabled: true } }]));
  });

  it("resets a password to a generated one and shows it once", async () => {
    const m = renderAdmin(<UsersPage />, {
      AdminUsers: list(user()),
      AdminUpdateUser: { data: { updateUser: { ...user() } } },
    });
    await screen.findByText("editor01");
    fireEvent.click(screen.getByRole("button", { name: "重置密码 editor01" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "重置密码" }));
    const shown = await within(dialog).findByTestId("reset-password");
    const sent = m.variablesOf("AdminUpdateUser")[0] as { input: { password: string } };
    expect(sent.input.password).toHaveLength(16);
    expect(shown).toHaveTextContent(sent.input.password);
  });

  it("refuses a typed password shorter than 10 characters without asking the server", async () => {
    const m = renderAdmin(<UsersPage />, { AdminUsers: list(user()) });
    await screen.findByText("editor01");
    fireEvent.click(screen.getByRole("button", { name: "重置密码 editor01" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByLabelText("由我输入"));
    fireEvent.change(within(dialog).getByLabelText("新密码"), { target: { value: "123456789" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "重置密码" }));
    expect(await within(dialog).findByText("密码至少 10 个字符")).toBeInTheDocument();
    expect(m.variablesOf("AdminUpdateUser")).toEqual([]);
  });
});
