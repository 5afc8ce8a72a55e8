import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors } from "../../test/urql";
import DepartmentsAdminPage from "./DepartmentsAdminPage";
import { renderAdmin } from "./fixture";

describe("DepartmentsAdminPage", () => {
  it("shows the tree with codes and adds a department below another", async () => {
    const m = renderAdmin(<DepartmentsAdminPage />, { AdminCreateDepartment: { data: { createDepartment: { __typename: "Department", id: "5" } } } });
    const table = await screen.findByTestId("departments-table");
    expect(await within(table).findByText("综合科")).toBeInTheDocument();
    expect(within(table).getByText("440115-001-01")).toBeInTheDocument();
    // 综合科 is a level below 区委办, two below 番禺区.
    expect(within(table).getByText("综合科").closest("tr")).toHaveClass("ant-table-row-level-2");
    fireEvent.click(within(table).getByRole("button", { name: "新增下级 区委办" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("在 区委办 下新增部门")).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("名称"), { target: { value: "督查科" } });
    fireEvent.change(within(dialog).getByLabelText("编码"), { target: { value: "440115-001-02" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() =>
      expect(m.variablesOf("AdminCreateDepartment")).toEqual([{ input: { name: "督查科", code: "440115-001-02", parentID: "2" } }]),
    );
  });

  it("renames and moves a department with its version; its own subtree cannot be its parent", async () => {
    const m = renderAdmin(<DepartmentsAdminPage />, {
      AdminUpdateDepartment: { data: { updateDepartment: { __typename: "Department", id: "2", code: "440115-001", name: "区委办公室", version: 4, parent: { __typename: "Department", id: "3" } } } },
    });
    const table = await screen.findByTestId("departments-table");
    fireEvent.click(await within(table).findByRole("button", { name: "修改 区委办" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("名称"), { target: { value: "区委办公室" } });
    fireEvent.mouseDown(within(dialog).getByRole("combobox", { name: "上级部门" }));
    const own = await screen.findByTitle("综合科（440115-001-01）");
    expect(own.closest(".ant-select-tree-treenode")).toHaveClass("ant-select-tree-treenode-disabled");
    fireEvent.click(screen.getByTitle("区财政局（440115-002）"));
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() =>
      expect(m.variablesOf("AdminUpdateDepartment")).toEqual([
        { id: "2", version: 3, input: { name: "区委办公室", code: undefined, parentID: "3", clearParent: undefined } },
      ]),
    );
  });

  it("says the server's refusal of a move under itself on the parent field", async () => {
    renderAdmin(<DepartmentsAdminPage />, {
      AdminUpdateDepartment: gqlErrors(["department 4 is inside department 2's own subtree", { code: "BAD_USER_INPUT", field: "parentID" }]),
    });
    fireEvent.click(await screen.findByRole("button", { name: "修改 区委办" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("编码"), { target: { value: "X-1" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    expect(await within(dialog).findByText("不能移到自身或其下级部门之下。")).toBeInTheDocument();
    expect(within(dialog).queryByText(/own subtree/)).toBeNull();
  });

  it("explains why a department with data cannot be deleted", async () => {
    const m = renderAdmin(<DepartmentsAdminPage />, {
      AdminDeleteDepartment: gqlErrors([
        "id: department 2 still has 1 sub-departments, 3 years; delete those first",
        { code: "BAD_USER_INPUT", field: "id", entity: "department", references: [{ what: "sub-departments", count: 1 }, { what: "years", count: 3 }] },
      ]),
    });
    fireEvent.click(await screen.findByRole("button", { name: "删除 区委办" }));
    fireEvent.click(await screen.findByRole("button", { name: "删 除" }));
    expect(await screen.findByTestId("department-refusal")).toHaveTextContent("「区委办」不能删除：仍有下级部门 1 个、年度数据 3 个。请先删除或移走这些数据。");
    expect(m.variablesOf("AdminDeleteDepartment")).toEqual([{ id: "2" }]);
  });
});
