import { afterEach, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import BelowTargetListPage, { belowTargetListWhere } from "./BelowTargetListPage";
import { connection, exportXlsx, hideColumn, lastVariables, pick, renderList, stubExport } from "./testkit";

const office = { id: "y1", year: 2023, department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" } };
const rows = [
  {
    id: "i17",
    name: "绩效管理制度健全性",
    level1: "管理效率",
    level2: "绩效管理",
    kind: "QUALITATIVE",
    operator: null,
    target: null,
    unit: "",
    weight: "5.00",
    effectiveActual: null,
    rating: "PARTIAL",
    completionRate: null,
    attainment: "0.9460",
    score: "4.73",
    deviationReason: "",
    project: null,
    departmentYear: office,
  },
  {
    id: "i13",
    name: "预算资金支出率",
    level1: "管理效率",
    level2: "预算执行",
    kind: "QUANTITATIVE",
    operator: "GE",
    target: "100",
    unit: "%",
    weight: "10.00",
    effectiveActual: "99.630213",
    rating: null,
    completionRate: "99.63",
    attainment: "0.9960",
    score: "9.96",
    deviationReason: "部分项目按实际工作量结算，少量预算资金未支出。",
    project: null,
    departmentYear: office,
  },
];

const levels = { data: { indicatorAggregate: { groups: [{ key: { level1: "产出指标" }, count: 3 }, { key: { level1: "管理效率" }, count: 2 }] } } };
const page = { data: { indicators: connection(rows) } };
const path = "/lists/indicators-below-target";

afterEach(() => localStorage.clear());

describe("BelowTargetListPage", () => {
  it("makes the where input of the filters: attainment below 100% unless another share is chosen", () => {
    expect(belowTargetListWhere({})).toEqual({ attainmentLT: "1" });
    expect(belowTargetListWhere({ year: "2023", department: "d1", level: "管理效率", below: "0.8" })).toEqual({
      attainmentLT: "0.8",
      level1: "管理效率",
      hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d1" }] }],
    });
    expect(belowTargetListWhere({ level: "管理效率", below: "0.123" }, false)).toEqual({ attainmentLT: "1" });
  });

  it("shows the indicators below target with attainment, completion, score and deviation reason, linked to their editor", async () => {
    const m = renderList(<BelowTargetListPage />, path, { ListBelowTarget: page, ListBelowTargetLevels: levels });
    const link = await screen.findByRole("link", { name: "预算资金支出率" });
    expect(link).toHaveAttribute("href", "/years/y1/indicators");
    const row = link.closest("tr")!;
    expect(within(row).getAllByText("99.63%")).toHaveLength(2); // the actual (rounded) and the completion rate
    for (const text of ["管理效率", "≥100%", "99.60%", "9.96 / 10", "部分项目按实际工作量结算，少量预算资金未支出。"]) {
      expect(within(row).getByText(text)).toBeInTheDocument();
    }
    const qualitative = screen.getByRole("link", { name: "绩效管理制度健全性" }).closest("tr")!;
    expect(within(qualitative).getByText("部分达成")).toBeInTheDocument();
    expect(within(qualitative).getByText("94.60%")).toBeInTheDocument();
    expect(m.variablesOf("ListBelowTarget")[0]).toEqual({
      where: { attainmentLT: "1" },
      orderBy: [{ field: "ATTAINMENT", direction: "ASC" }],
      first: 20,
      after: null,
    });
  });

  it("asks again with the year, department, level and threshold chosen; the levels come from the other filters", async () => {
    const m = renderList(<BelowTargetListPage />, path, { ListBelowTarget: page, ListBelowTargetLevels: levels });
    await screen.findByRole("link", { name: "预算资金支出率" });
    await pick("filter-year", "2023年");
    await pick("filter-department", "中共广州市南沙区委员会办公室（440115-001）");
    await pick("filter-level", "管理效率");
    await pick("filter-below", "80%");
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListBelowTarget").where).toEqual({
        attainmentLT: "0.8",
        level1: "管理效率",
        hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d1" }] }],
      }),
    );
    expect(lastVariables(m.variablesOf, "ListBelowTargetLevels").where).toEqual({
      attainmentLT: "0.8",
      hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d1" }] }],
    });
  });

  it("hides a column through the column settings", async () => {
    renderList(<BelowTargetListPage />, path, { ListBelowTarget: page, ListBelowTargetLevels: levels });
    await screen.findByRole("link", { name: "预算资金支出率" });
    await hideColumn("偏差原因分析");
    expect(screen.queryByText("部分项目按实际工作量结算，少量预算资金未支出。")).toBeNull();
  });

  it("exports with the filters shown", async () => {
    const exp = stubExport();
    try {
      renderList(<BelowTargetListPage />, path, { ListBelowTarget: page, ListBelowTargetLevels: levels }, "?year=2023&level=管理效率");
      await screen.findByRole("link", { name: "预算资金支出率" });
      exportXlsx();
      const body = await exp.posted();
      expect(body.variables).toEqual({
        where: { attainmentLT: "1", level1: "管理效率", hasDepartmentYearWith: [{ year: 2023 }] },
        orderBy: [{ field: "ATTAINMENT", direction: "ASC" }],
      });
      expect(body.filename).toBe("未达标指标 2023");
      expect(body.query).toContain("indicators(first: 1000, where: $where, orderBy: $orderBy)");
      expect(body.query).toContain("deviationReason");
    } finally {
      exp.restore();
    }
  });
});
