import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../../auth/AuthContext";
import type { IndicatorEditorYearQuery, TargetStatus } from "../../gql/graphql";
import { renderWith } from "../../test/render";
import { gqlErrors, mockClient, type Reply } from "../../test/urql";
import IndicatorsPage from "../IndicatorsPage";
import { serverLimits } from "./rules.fixture";
import type { IndicatorRow } from "./types";

// The indicator editor while the year's performance targets are filed or approved (绩效目标): the
// target-defining cells are read-only, the rest stay editable; an adjusted target shows its original.

const training: IndicatorRow = {
  id: "1",
  version: 3,
  position: 1,
  level1: "履职效能",
  level2: "产出",
  name: "业务岗位培训人数",
  kind: "QUANTITATIVE",
  operator: "GE",
  target: "80.00",
  unit: "人次",
  weight: "6.00",
  actual: "88.00",
  binding: null,
  rating: null,
  ratedScore: null,
  deviationReason: "",
  scoringCriteria: "",
  effectiveActual: "88.00",
  completionRate: "110.00",
  score: "6.00",
  attainment: "1.0000",
  deviationRequired: false,
  reviewScore: null,
  attachmentCount: 0,
  warnings: [],
  targetAdjustment: null,
};

type YearNode = Extract<NonNullable<IndicatorEditorYearQuery["node"]>, { __typename: "DepartmentYear" }>;

function yearNode(status: TargetStatus, rows: IndicatorRow[]): YearNode {
  return {
    __typename: "DepartmentYear",
    id: "10",
    year: 2023,
    department: { id: "2", name: "区委办" },
    viewerCan: { edit: true },
    lockReason: null,
    targets: { status },
    rules: { parameters: { deviationBelow: "100", deviationAtOrAbove: "130", ratingBands: serverLimits.ratingBands.map((b) => ({ ...b })) } },
    indicators: { totalCount: rows.length, edges: rows.map((r) => ({ node: { targetAdjustment: null, ...r } })) },
    overallEvaluation: { id: "20", status: "DRAFT", score: "6.00", grade: "POOR", subtotals: [], warnings: [] },
  };
}

function page(status: TargetStatus, rows: IndicatorRow[] = [training], replies: Record<string, Reply> = {}) {
  const m = mockClient({
    Me: { data: { me: { kind: "USER", name: "editor", role: "EDITOR", csrfToken: "t", user: null, scope: null } } },
    IndicatorEditorYear: { data: { node: yearNode(status, rows) } },
    IndicatorRules: { data: { limits: serverLimits } },
    ...replies,
  });
  const view = renderWith(
    m.client,
    <AuthProvider>
      <IndicatorsPage />
    </AuthProvider>,
    { route: "/years/10/indicators", path: "/years/:yearId/indicators" },
  );
  return { ...m, ...view };
}

const cellLabel = (column: string) => `编辑「业务岗位培训人数」的${column}`;

describe("IndicatorsPage with fixed targets", () => {
  it("keeps the target-defining cells and adding or deleting read-only once the targets are approved, the rest editable", async () => {
    page("APPROVED");
    const alert = await screen.findByTestId("targets-fixed");
    expect(alert).toHaveTextContent("绩效目标已批复");
    expect(alert).toHaveTextContent("调整请提交目标调整申请");
    expect(within(alert).getByRole("link", { name: "查看绩效目标" })).toHaveAttribute("href", "/years/10/targets");
    // The header links to the targets with where they stand.
    expect(screen.getByTestId("targets-link")).toHaveAttribute("href", "/years/10/targets");
    expect(screen.getByText("已批复")).toBeInTheDocument();
    for (const column of ["三级指标", "符号", "指标值", "单位", "分值"]) expect(screen.queryByLabelText(cellLabel(column))).toBeNull();
    for (const column of ["实际完成值", "偏差原因分析", "评（扣）分标准"]) expect(screen.getByLabelText(cellLabel(column))).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /新增指标/ })).toBeNull();
    expect(screen.queryByTestId("from-library")).toBeNull();
    expect(screen.queryByLabelText("删除指标「业务岗位培训人数」")).toBeNull();
  });

  it("says a filing waits for the bureau, and edits every cell while the targets are not filed", async () => {
    page("FILED");
    expect(await screen.findByTestId("targets-fixed")).toHaveTextContent("财政局退回后方可修改");
    expect(screen.queryByLabelText(cellLabel("指标值"))).toBeNull();
    screen.getByTestId("targets-link");
  });

  it("edits the targets freely before they are filed", async () => {
    page("RETURNED");
    expect(await screen.findByLabelText(cellLabel("指标值"))).toBeInTheDocument();
    expect(screen.getByLabelText(cellLabel("分值"))).toBeInTheDocument();
    expect(screen.queryByTestId("targets-fixed")).toBeNull();
    expect(screen.getByText("已退回")).toBeInTheDocument();
  });

  it("shows an adjusted target with its original beside it and the adjustments' reasons in a tooltip", async () => {
    const adjusted: IndicatorRow = {
      ...training,
      target: "100.00",
      score: "5.28",
      targetAdjustment: { originalTarget: "80.00", originalWeight: "6.00", versions: [{ id: "v3", number: 3, reason: "年中培训计划扩大" }] },
    };
    const { container } = page("APPROVED", [adjusted]);
    const cell = await screen.findByText("（原 80.00）");
    expect(cell.closest(".ind-cell")).toHaveTextContent("100.00（原 80.00）");
    // The weight did not change: no original beside it.
    expect(container.querySelectorAll(".tgt-original")).toHaveLength(1);
    fireEvent.mouseEnter(cell);
    expect(await screen.findByText("原批复指标值 80.00；调整：第 3 版「年中培训计划扩大」")).toBeInTheDocument();
  });

  it("says in the catalogue's words that the server refused a target because the targets are fixed, and fixes the cells", async () => {
    const m = page("NOT_FILED", [training], {
      IndicatorEditorUpdate: gqlErrors([
        "cannot change the target of indicator 1: department-year 10's targets are approved and locked (APPROVED); propose an adjustment instead",
        { code: "LOCKED", reason: "TARGETS_FIXED", status: "APPROVED", departmentYearID: "10" },
      ]),
    });
    fireEvent.click(await screen.findByLabelText(cellLabel("指标值")));
    const input = screen.getByLabelText("指标值");
    fireEvent.change(input, { target: { value: "90" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(m.variablesOf("IndicatorEditorUpdate")).toEqual([{ id: "1", input: { target: "90" }, version: 3 }]));
    const error = await screen.findByText(/^绩效目标已批复：指标值、分值、符号、单位、名称及指标的增删已锁定/);
    expect(error.closest("[data-cell]")).toHaveAttribute("data-cell", "1:target");
    expect(screen.queryByText(/propose an adjustment/)).toBeNull();
    // Only the target-defining cells turn read-only: the actual value stays editable.
    expect(await screen.findByTestId("targets-fixed")).toBeInTheDocument();
    expect(screen.queryByLabelText(cellLabel("分值"))).toBeNull();
    expect(screen.getByLabelText(cellLabel("实际完成值"))).toBeInTheDocument();
  });
});
