import { afterEach, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import DepartmentYearsListPage, { departmentYearsWhere } from "./DepartmentYearsListPage";
import { connection, exportXlsx, hideColumn, lastVariables, pick, renderList, stubExport } from "./testkit";

const rows = [
  {
    id: "y1",
    year: 2023,
    department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" },
    totalInitialBudget: "1803.60",
    totalBudget: "1836.19",
    totalActual: "1829.40",
    executionRate: "99.63",
    basicBudget: "962.44",
    projectBudget: "873.75",
    carryoverRate: "0.25",
    targets: { status: "APPROVED" },
    overallEvaluation: { id: "e1", status: "PUBLISHED" },
  },
  {
    id: "y2",
    year: 2024,
    department: { id: "d8", code: "440115-008", name: "广州市南沙区交通运输局" },
    totalInitialBudget: "12000.00",
    totalBudget: "12345.678901",
    totalActual: "0.00",
    executionRate: null,
    basicBudget: "0.00",
    projectBudget: "0.00",
    carryoverRate: null,
    targets: { status: "NOT_FILED" },
    overallEvaluation: null,
  },
];

const page = { data: { departmentYears: connection(rows) } };
const path = "/lists/department-years";

afterEach(() => localStorage.clear());

describe("DepartmentYearsListPage", () => {
  it("makes the where input of the filters", () => {
    expect(departmentYearsWhere({})).toEqual({});
    expect(departmentYearsWhere({ year: "2023", department: "d1" })).toEqual({ year: 2023, hasDepartmentWith: [{ within: "d1" }] });
  });

  it("shows each department-year with its exact figures and target status, linked to the year", async () => {
    const m = renderList(<DepartmentYearsListPage />, path, { ListDepartmentYears: page });
    const link = await screen.findByRole("link", { name: "中共广州市南沙区委员会办公室" });
    expect(link).toHaveAttribute("href", "/years/y1");
    const row = link.closest("tr")!;
    for (const text of ["1,836.19", "1,829.40", "99.63%", "已批复", "已公开"]) expect(within(row).getByText(text)).toBeInTheDocument();
    const other = screen.getByRole("link", { name: "广州市南沙区交通运输局" }).closest("tr")!;
    expect(within(other).getByText("12,345.678901")).toBeInTheDocument(); // money exact, every place
    expect(within(other).getByText("未申报")).toBeInTheDocument();
    expect(m.variablesOf("ListDepartmentYears")[0]).toEqual({ where: {}, orderBy: [{ field: "YEAR", direction: "DESC" }], first: 20, after: null });
  });

  it("asks again with the year and department chosen", async () => {
    const m = renderList(<DepartmentYearsListPage />, path, { ListDepartmentYears: page });
    await screen.findByRole("link", { name: "中共广州市南沙区委员会办公室" });
    await pick("filter-year", "2024年");
    await pick("filter-department", "广州市南沙区交通运输局（440115-008）");
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListDepartmentYears").where).toEqual({ year: 2024, hasDepartmentWith: [{ within: "d8" }] }),
    );
  });

  it("hides a column through the column settings", async () => {
    renderList(<DepartmentYearsListPage />, path, { ListDepartmentYears: page });
    await screen.findByRole("link", { name: "中共广州市南沙区委员会办公室" });
    await hideColumn("绩效目标");
    expect(screen.queryByText("已批复")).toBeNull();
  });

  it("exports with the filters shown", async () => {
    const exp = stubExport();
    try {
      renderList(<DepartmentYearsListPage />, path, { ListDepartmentYears: page }, "?year=2023&department=d1&sort=EXECUTION_RATE.ASC");
      await screen.findByRole("link", { name: "中共广州市南沙区委员会办公室" });
      exportXlsx();
      const body = await exp.posted();
      expect(body.variables).toEqual({
        where: { year: 2023, hasDepartmentWith: [{ within: "d1" }] },
        orderBy: [{ field: "EXECUTION_RATE", direction: "ASC" }],
      });
      expect(body.filename).toBe("部门年度查询 2023");
      expect(body.query).toContain("departmentYears(first: 1000, where: $where, orderBy: $orderBy)");
      expect(body.query).toContain("targets");
    } finally {
      exp.restore();
    }
  });
});
