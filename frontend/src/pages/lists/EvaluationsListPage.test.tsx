import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import EvaluationsListPage, { evaluationsWhere } from "./EvaluationsListPage";
import { columnStorageKey } from "./useColumnSettings";
import { connection, exportXlsx, hideColumn, lastVariables, pick, renderList, stubExport } from "./testkit";

const dy = (id: string, year: number, code: string, name: string) => ({ id, year, department: { id: `d-${code}`, code, name } });

const rows = [
  {
    id: "e1",
    status: "APPROVED",
    score: "53.53",
    grade: "POOR",
    executionRate: "81.20",
    submittedAt: "2024-02-20T10:00:00Z",
    updatedAt: "2024-03-01T02:30:00Z",
    project: null,
    departmentYear: dy("y8", 2023, "440115-008", "广州市南沙区交通运输局"),
  },
  {
    id: "e2",
    status: "DRAFT",
    score: "99.69",
    grade: "EXCELLENT",
    executionRate: "99.63",
    submittedAt: null,
    updatedAt: "2024-01-05T08:00:00Z",
    project: { id: "p1", code: "NS2023-001-01", name: "会议及综合服务" },
    departmentYear: dy("y1", 2023, "440115-001", "中共广州市南沙区委员会办公室"),
  },
];

const page = (opts?: { next?: string; total?: number }) => ({ data: { evaluations: connection(rows, opts) } });
const path = "/lists/evaluations";

afterEach(() => localStorage.clear());

describe("evaluationsWhere", () => {
  it("makes the where input of the filters", () => {
    expect(evaluationsWhere({})).toEqual({});
    expect(evaluationsWhere({ year: "2023", status: "SUBMITTED,APPROVED", grade: "POOR", department: "d8", scope: "OVERALL" })).toEqual({
      statusIn: ["SUBMITTED", "APPROVED"],
      gradeIn: ["POOR"],
      projectIDIsNil: true,
      hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d8" }] }],
    });
    expect(evaluationsWhere({ scope: "PROJECT" })).toEqual({ projectIDNotNil: true });
  });
});

describe("EvaluationsListPage", () => {
  it("shows the rows the server answers, each linked to its evaluation, sorted by score on the server", async () => {
    const m = renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    const link = await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    expect(link).toHaveAttribute("href", "/evaluations/e1");
    const row = link.closest("tr")!;
    expect(within(row).getByText("53.53")).toBeInTheDocument();
    expect(within(row).getByText("差")).toBeInTheDocument();
    expect(within(row).getByText("已审核")).toBeInTheDocument();
    expect(within(row).getByText("部门整体")).toBeInTheDocument();
    expect(within(row).getByText("2024-02-20 18:00")).toBeInTheDocument(); // Beijing time
    const other = screen.getByRole("link", { name: "中共广州市南沙区委员会办公室" }).closest("tr")!;
    expect(within(other).getByText("会议及综合服务")).toBeInTheDocument();
    expect(within(other).getByText("草稿")).toBeInTheDocument();
    expect(screen.getByTestId("list-total")).toHaveTextContent("共 2 条");
    expect(m.variablesOf("ListEvaluations")[0]).toEqual({ where: {}, orderBy: [{ field: "SCORE", direction: "DESC" }], first: 20, after: null });
  });

  it("asks again with the filters chosen: year, grade, status, department, subject", async () => {
    const m = renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    await pick("filter-year", "2023年");
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListEvaluations").where).toEqual({ hasDepartmentYearWith: [{ year: 2023 }] }),
    );
    await pick("filter-grade", "差");
    await pick("filter-status", "已审核");
    await pick("filter-department", "广州市南沙区交通运输局（440115-008）");
    fireEvent.click(screen.getByText("部门整体", { selector: ".ant-segmented-item-label" }));
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListEvaluations").where).toEqual({
        gradeIn: ["POOR"],
        statusIn: ["APPROVED"],
        projectIDIsNil: true,
        hasDepartmentYearWith: [{ year: 2023, hasDepartmentWith: [{ within: "d8" }] }],
      }),
    );
  });

  it("reads its filters and order from the address", async () => {
    const m = renderList(<EvaluationsListPage />, path, { ListEvaluations: page() }, "?year=2023&grade=POOR,FAIR&sort=UPDATED_AT.ASC");
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    expect(m.variablesOf("ListEvaluations")[0]).toMatchObject({
      where: { gradeIn: ["POOR", "FAIR"], hasDepartmentYearWith: [{ year: 2023 }] },
      orderBy: [{ field: "UPDATED_AT", direction: "ASC" }],
    });
  });

  it("sorts by a column on the server when its header is clicked", async () => {
    const m = renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    fireEvent.click(screen.getByRole("columnheader", { name: /提交时间/ }));
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListEvaluations").orderBy).toEqual([{ field: "SUBMITTED_AT", direction: "DESC" }]),
    );
    fireEvent.click(screen.getByRole("columnheader", { name: /提交时间/ }));
    await waitFor(() =>
      expect(lastVariables(m.variablesOf, "ListEvaluations").orderBy).toEqual([{ field: "SUBMITTED_AT", direction: "ASC" }]),
    );
  });

  it("pages forward with the connection's cursor and back again", async () => {
    const m = renderList(<EvaluationsListPage />, path, { ListEvaluations: page({ next: "cur-20", total: 45 }) });
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    expect(screen.getByTestId("list-prev")).toBeDisabled();
    fireEvent.click(screen.getByTestId("list-next"));
    await waitFor(() => expect(lastVariables(m.variablesOf, "ListEvaluations").after).toBe("cur-20"));
    expect(screen.getByTestId("list-page")).toHaveTextContent("第 2 页");
    fireEvent.click(screen.getByTestId("list-prev"));
    await waitFor(() => expect(lastVariables(m.variablesOf, "ListEvaluations").after).toBeNull());
  });

  it("hides a column through the column settings and remembers it", async () => {
    renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    expect(screen.getByRole("columnheader", { name: /^得分/ })).toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: /^部门编码/ })).toBeNull(); // hidden by default
    await hideColumn("得分");
    expect(JSON.parse(localStorage.getItem(columnStorageKey("evaluations"))!)).toEqual({ score: false });
    // The key column cannot be hidden.
    const panel = screen.getByTestId("column-settings-panel");
    expect([...panel.querySelectorAll("label")].find((l) => l.textContent?.startsWith("部门（"))?.querySelector("input")).toBeDisabled();
  });

  it("starts with the columns remembered", async () => {
    localStorage.setItem(columnStorageKey("evaluations"), JSON.stringify({ score: false, code: true }));
    renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
    expect(screen.queryByRole("columnheader", { name: /^得分/ })).toBeNull();
    expect(screen.getByRole("columnheader", { name: /^部门编码/ })).toBeInTheDocument();
    expect(screen.getByText("440115-008")).toBeInTheDocument();
  });

  it("exports the rows the filters select, in the order shown, with the columns shown", async () => {
    const exp = stubExport();
    try {
      renderList(<EvaluationsListPage />, path, { ListEvaluations: page() }, "?year=2023&grade=POOR&sort=SCORE.ASC");
      await screen.findByRole("link", { name: "广州市南沙区交通运输局" });
      await hideColumn("状态");
      exportXlsx();
      const body = await exp.posted();
      expect(body.format).toBe("xlsx");
      expect(body.filename).toBe("自评查询 2023");
      expect(body.variables).toEqual({
        where: { gradeIn: ["POOR"], hasDepartmentYearWith: [{ year: 2023 }] },
        orderBy: [{ field: "SCORE", direction: "ASC" }],
      });
      expect(body.query).toContain("evaluations(first: 1000, where: $where, orderBy: $orderBy)");
      expect(body.query).toContain("score");
      expect(body.query).toContain("gradeLabel");
      expect(body.query).not.toMatch(/\bstatus\b/);
    } finally {
      exp.restore();
    }
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    renderList(<EvaluationsListPage />, path, { ListEvaluations: page() });
    const row = (await screen.findByRole("link", { name: "广州市南沙区交通运输局" })).closest("tr")!;
    expect(within(row).getByText("Poor")).toBeInTheDocument();
    expect(within(row).getByText("Department overall")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Evaluations" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: /^Score/ })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Grade" })).toBeInTheDocument();
    expect(screen.getByTestId("list-total")).toHaveTextContent("2 in all");
  });
});
