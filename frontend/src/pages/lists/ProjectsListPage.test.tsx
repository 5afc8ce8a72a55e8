import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import ProjectsListPage, { projectsWhere } from "./ProjectsListPage";
import { connection, exportXlsx, hideColumn, lastVariables, pick, renderList, stubExport } from "./testkit";

const rows = [
  {
    id: "p1",
    code: "NS2023-001-01",
    name: "会议及综合服务",
    category: "运行保障",
    initialBudget: "300.00",
    budget: "310.00",
    executed: "305.80",
    executionRate: "98.65",
    evaluation: { id: "e7", status: "SUBMITTED" },
    departmentYear: { id: "y1", year: 2023, department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" } },
  },
];

const page = { data: { projects: connection(rows) } };
const path = "/lists/projects";

afterEach(() => localStorage.clear());

describe("ProjectsListPage", () => {
  it("makes the where input of the filters", () => {
    expect(projectsWhere({ q: "  " })).toEqual({});
    expect(projectsWhere({ year: "2023", department: "d1", q: "会议" })).toEqual({
      hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d1" }] }],
      or: [{ nameContainsFold: "会议" }, { codeContainsFold: "会议" }],
    });
  });

  it("shows each project with its budget, spending and execution rate, linked to its indicators", async () => {
    const m = renderList(<ProjectsListPage />, path, { ListProjects: page });
    const link = await screen.findByRole("link", { name: "会议及综合服务" });
    expect(link).toHaveAttribute("href", "/projects/p1/indicators");
    const row = link.closest("tr")!;
    for (const text of ["中共广州市南沙区委员会办公室", "2023", "310.00", "305.80", "98.65%", "已提交"]) {
      expect(within(row).getByText(text)).toBeInTheDocument();
    }
    expect(m.variablesOf("ListProjects")[0]).toEqual({ where: {}, orderBy: [{ field: "BUDGET", direction: "DESC" }], first: 20, after: null });
  });

  it("asks again with the year, department and search chosen", async () => {
    const m = renderList(<ProjectsListPage />, path, { ListProjects: page });
    await screen.findByRole("link", { name: "会议及综合服务" });
    await pick("filter-year", "2023年");
    await pick("filter-department", "中共广州市南沙区委员会办公室（440115-001）");
    const search = screen.getByRole("searchbox", { name: "项目名称" });
    fireEvent.change(search, { target: { value: "会议" } });
    fireEvent.keyDown(search, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListProjects").where).toEqual({
        hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d1" }] }],
        or: [{ nameContainsFold: "会议" }, { codeContainsFold: "会议" }],
      }),
    );
  });

  it("hides a column through the column settings", async () => {
    renderList(<ProjectsListPage />, path, { ListProjects: page });
    await screen.findByRole("link", { name: "会议及综合服务" });
    await hideColumn("执行率");
    expect(screen.queryByText("98.65%")).toBeNull();
  });

  it("exports with the filters shown", async () => {
    const exp = stubExport();
    try {
      renderList(<ProjectsListPage />, path, { ListProjects: page }, "?year=2023&q=会议");
      await screen.findByRole("link", { name: "会议及综合服务" });
      exportXlsx();
      const body = await exp.posted();
      expect(body.variables).toEqual({
        where: { hasDepartmentYearWith: [{ year: 2023 }], or: [{ nameContainsFold: "会议" }, { codeContainsFold: "会议" }] },
        orderBy: [{ field: "BUDGET", direction: "DESC" }],
      });
      expect(body.query).toContain("projects(first: 1000, where: $where, orderBy: $orderBy)");
    } finally {
      exp.restore();
    }
  });
});
