import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { AuthProvider } from "../../auth/AuthContext";
import type { DepartmentYearPageQuery, MeQuery, Role } from "../../gql/graphql";
import DepartmentYearPage from "../DepartmentYearPage";
import { renderWith } from "../../test/render";
import { mockClient } from "../../test/urql";

// The fixtures satisfy the queries' generated types: one the queries no longer match fails tsc.
const me = (role: Role): MeQuery => ({
  me: { kind: "USER", name: role, role, csrfToken: "x", user: { id: "u1", username: role, displayName: role }, scope: null },
});

type Year = Extract<DepartmentYearPageQuery["node"], { __typename: "DepartmentYear" }>;

const year: Year = {
  __typename: "DepartmentYear",
  id: "dy1",
  year: 2023,
  version: 2,
  department: { id: "d1", code: "440115-001", name: "区委办" },
  overallEvaluation: { id: "ev9", status: "SUBMITTED" },
  // The server's answers for the caller; each test sets those of its role.
  viewerCan: { edit: true },
  targets: { status: "APPROVED" },
  locked: false,
  lockReason: null,
  personnelBudget: "888.20",
  personnelActual: "886.83",
  publicBudget: "80.00",
  publicActual: "75.61",
  projectBudget: "867.99",
  projectActual: "866.96",
  carryoverStart: "4.58",
  carryoverEnd: "4.58",
  threePublicBudget: "4.00",
  threePublicActual: "3.20",
  assetsInUse: "300.00",
  assetsTotal: "312.50",
  basicInitialBudget: "958.60",
  projectInitialBudget: "845.00",
  totalInitialBudget: "1803.60",
  goal: "做好服务保障",
  goalOutcome: "较好完成",
  basicBudget: "968.20",
  basicActual: "962.44",
  totalBudget: "1836.19",
  totalActual: "1829.40",
  executionRate: "99.63",
  carryoverRate: "0.25",
  monthsBehind: [6],
  months: [
    {
      id: "m6", month: 6, cumulativeExecuted: "900.00", targetPercent: "50.00", executedPercent: "49.01", behind: true,
      explanation: {
        value: null, holds: true, rules: null,
        steps: [{ code: "MONTH_BEHIND", params: { month: "6", cumulative: "900.00", budget: "1836.19", percent: "49.01", target: "50" }, value: "49.01" }],
      },
    },
  ],
  warnings: [],
  keyTasks: [],
  fundingLines: [
    {
      id: "fl1",
      category: "GENERAL_PUBLIC_BUDGET",
      initialBudget: "1803.60",
      adjustedBudget: "1836.19",
      executed: "1829.40",
      executionRate: "99.63",
    },
  ],
  fundingProblems: [],
  projects: {
    totalCount: 1,
    edges: [
      {
        node: {
          id: "p1",
          version: 1,
          code: "NS-01",
          name: "督查督办",
          category: "部门履职类",
          supervisingDepartment: "",
          implementingUnit: "区委办督查室",
          initialBudget: "110.00",
          budget: "120.00",
          executed: "118.50",
          executionRate: "98.75",
          goal: "督查督办",
          goalOutcome: "按期办结",
          continuesNextYear: true,
          viewerCan: { edit: true },
          fundingLines: [],
          fundingProblems: [
            { field: "fundingLines", reason: "FUNDING_SUM_MISMATCH", params: { column: "executed", sum: "0.00", total: "118.50" } },
          ],
          evaluation: { id: "ev10", status: "DRAFT" },
        },
      },
    ],
  },
};

function show(role: Role, node: DepartmentYearPageQuery["node"] = year) {
  const { client } = mockClient({ Me: { data: me(role) }, DepartmentYearPage: { data: { node } } }, { data: {} });
  renderWith(
    client,
    <AuthProvider>
      <DepartmentYearPage />
    </AuthProvider>,
    { route: "/years/dy1", path: "/years/:yearId" },
  );
}

describe("DepartmentYearPage", () => {
  it("heads the page with the department, the year and links to the overall indicators and evaluation", async () => {
    show("EDITOR", { ...year, viewerCan: { edit: false }, locked: true, lockReason: { status: "SUBMITTED" } });
    await screen.findByTestId("department-year");
    expect(screen.getByRole("heading", { level: 3 })).toHaveTextContent("区委办");
    expect(screen.getByRole("heading", { level: 3 })).toHaveTextContent("2023年度");
    expect(screen.getByTestId("overall-indicators")).toHaveAttribute("href", "/years/dy1/indicators");
    expect(screen.getByTestId("overall-evaluation")).toHaveAttribute("href", "/evaluations/ev9");
    expect(screen.getByTestId("overall-evaluation-status")).toHaveTextContent("已提交");
    // The year's performance targets: where they stand, and their page.
    expect(screen.getByTestId("year-targets")).toHaveAttribute("href", "/years/dy1/targets");
    expect(screen.getByTestId("year-targets-status")).toHaveTextContent("已批复");
    // Under review: the editor is told why saving will be refused.
    expect(screen.getByText(/审核期间填报人员不能修改/)).toBeInTheDocument();
  });

  it("is read-only after submission with the reason at the top and on every section; a published year is not 'under review'", async () => {
    show("EDITOR", { ...year, viewerCan: { edit: false }, locked: true, lockReason: { status: "PUBLISHED" } });
    await screen.findByTestId("department-year");
    expect(screen.getByTestId("year-locked")).toHaveTextContent("整体自评已公开：本年度数据已定稿，只读。");
    expect(document.body.textContent).not.toMatch(/审核期间/);
    expect(screen.getAllByTestId("section-locked").length).toBe(5);
    expect(screen.queryByTestId("figures-save")).toBeNull();
    expect(screen.queryByTestId("months-save")).toBeNull();
  });

  it("tells an administrator who may still edit a locked year that editors cannot", async () => {
    show("ADMIN", { ...year, viewerCan: { edit: true }, locked: true, lockReason: { status: "SUBMITTED" } });
    await screen.findByTestId("department-year");
    expect(screen.getByTestId("year-locked")).toHaveTextContent("您作为管理员的修改将记入审计记录");
    expect(screen.queryAllByTestId("section-locked")).toHaveLength(0);
  });

  it("lists the year's warnings at the top, each linked to where it is fixed, and marks the month", async () => {
    const warnings = [
      {
        code: "NEGATIVE_QUANTITY" as const,
        params: { value: "-1", unit: "起" },
        month: null,
        indicator: { id: "i5", name: "建筑施工较大事故起数", departmentYearID: "dy1", projectID: null },
        project: null,
      },
      { code: "ALL_EXACTLY_MET" as const, params: { count: "8", project: "督查督办" }, month: null, indicator: null, project: { id: "p1", name: "督查督办" } },
      { code: "CUMULATIVE_FALLS" as const, params: { month: "6", cumulative: "900.00", previousMonth: "5", previousCumulative: "950.00" }, month: 6, indicator: null, project: null },
    ];
    show("EDITOR", { ...year, warnings });
    const list = await screen.findByTestId("year-warnings");
    expect(list).toHaveTextContent("本年度数据有 3 条提示");
    expect(within(list).getByRole("link", { name: "建筑施工较大事故起数" })).toHaveAttribute("href", "/years/dy1/indicators?indicator=i5&field=actual");
    expect(list).toHaveTextContent("实际完成值 -1起 为负数，数量不能为负。");
    expect(within(list).getByRole("link", { name: "项目「督查督办」" })).toHaveAttribute("href", "/projects/p1/indicators");
    expect(screen.getByTestId("month-warnings")).toHaveTextContent("6月累计支出 900.00 万元，低于5月的 950.00 万元");
    expect(screen.getByTestId("month-6-warning")).toBeInTheDocument();
  });

  it("lists the projects with links to their indicators and evaluation, and empty key tasks", async () => {
    show("EDITOR");
    const projects = await screen.findByTestId("projects");
    const row = within(projects).getByText("督查督办").closest("tr") as HTMLElement;
    expect(row).toHaveTextContent("120.00");
    expect(row).toHaveTextContent("98.75%");
    expect(within(row).getByText("编辑指标").closest("a")).toHaveAttribute("href", "/projects/p1/indicators");
    expect(within(row).getByText("草稿").closest("a")).toHaveAttribute("href", "/evaluations/ev10");
    expect(screen.getByText("尚无重点任务")).toBeInTheDocument();
    expect(screen.getByTestId("project-add")).toBeInTheDocument();
    expect(screen.getByTestId("figures-save")).toBeInTheDocument();
  });

  it("shows the year's budget table: the total row, the revenue by nature and the rows by spending nature", async () => {
    show("EDITOR");
    const table = await screen.findByTestId("funding");
    const row = (key: string) => table.querySelector(`[data-row="${key}"]`) as HTMLElement;
    expect(row("total")).toHaveTextContent("年度资金总额");
    expect(row("total")).toHaveTextContent("1,803.60");
    expect(row("total")).toHaveTextContent("1,829.40");
    expect(row("total")).toHaveTextContent("99.63%");
    expect(screen.getByTestId("funding-GENERAL_PUBLIC_BUDGET-adjustedBudget")).toHaveValue("1836.19");
    expect(screen.getByTestId("funding-UNIT_FUNDS-executed")).toHaveValue("");
    expect(row("basic")).toHaveTextContent("基本支出");
    expect(row("basic")).toHaveTextContent("958.60");
    expect(row("project")).toHaveTextContent("866.96");
    expect(screen.queryByTestId("funding-checks")).toBeNull();
  });

  it("is read-only for an analyst", async () => {
    show("ANALYST", { ...year, viewerCan: { edit: false } });
    await screen.findByTestId("department-year");
    expect(screen.getByText("只读：您的角色不能修改数据。")).toBeInTheDocument();
    expect(screen.getByTestId("figure-personnelBudget")).toBeDisabled();
    expect(screen.queryByTestId("figures-save")).toBeNull();
    expect(screen.queryByTestId("months-save")).toBeNull();
    expect(screen.queryByTestId("key-task-add")).toBeNull();
    expect(screen.queryByTestId("project-add")).toBeNull();
    expect(screen.getByText("查看指标")).toBeInTheDocument();
    expect(screen.queryByTestId("funding-save")).toBeNull();
    expect(within(screen.getByTestId("funding")).queryAllByRole("textbox")).toHaveLength(0);
  });

  it("says so when the department-year is not there", async () => {
    show("EDITOR", null);
    expect(await screen.findByText("找不到该部门年度，或您无权查看。")).toBeInTheDocument();
    expect(screen.queryByTestId("department-year")).toBeNull();
  });
});
