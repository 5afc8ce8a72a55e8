import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { CombinedError, Provider, type Client, type OperationResult } from "urql";
import { fromValue } from "wonka";
import type { DocumentNode } from "graphql";
import i18n from "../../i18n";
import { AuthProvider } from "../../auth/AuthContext";
import IndicatorsPage from "../IndicatorsPage";
import type { IndicatorRow } from "./types";
import { serverLimits } from "./rules.fixture";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

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
  warnings: [],
  attachmentCount: 0,
  reviewScore: null,
};

const opName = (query: DocumentNode) =>
  query.definitions.flatMap((d) => (d.kind === "OperationDefinition" && d.name ? [d.name.value] : []))[0];

type Answer = { data?: unknown; error?: CombinedError };

/** A urql client answering the page's operations from plain functions. */
function mockClient(
  status: string,
  onUpdate: (vars: Record<string, unknown>) => Answer,
  canEdit = status === "DRAFT",
  subjectWarnings: unknown[] = [],
  indicators: unknown[] = [training],
) {
  const locked = status === "SUBMITTED" || status === "APPROVED" || status === "PUBLISHED";
  const answer = (name: string, vars: Record<string, unknown>): Answer => {
    switch (name) {
      case "Me":
        return { data: { me: { kind: "USER", name: "填报员", role: "EDITOR", csrfToken: "t", user: null, scope: null } } };
      case "IndicatorEditorYear":
        return {
          data: {
            node: {
              __typename: "DepartmentYear",
              id: "10",
              year: 2023,
              department: { id: "2", name: "区委办" },
              // The server's answers for this caller: the page follows them.
              viewerCan: { edit: canEdit },
              lockReason: locked ? { status } : null,
              targets: { status: "NOT_FILED" },
              indicators: { totalCount: indicators.length, edges: indicators.map((i) => ({ node: { __typename: "Indicator", ...(i as object) } })) },
              overallEvaluation: {
                __typename: "Evaluation",
                id: "20",
                status,
                score: indicators.length ? "6.00" : "0.00",
                grade: "POOR",
                subtotals: [],
                warnings: subjectWarnings,
              },
            },
          },
        };
      case "IndicatorEditorUpdate":
        return onUpdate(vars);
      case "IndicatorRules":
        return { data: { limits: serverLimits } };
    }
    return { data: null };
  };
  const result = (op: { query: DocumentNode; variables?: object }) =>
    ({ operation: op, ...answer(opName(op.query), (op.variables ?? {}) as Record<string, unknown>), stale: false, hasNext: false }) as unknown as OperationResult;
  return {
    executeQuery: (op: { query: DocumentNode }) => fromValue(result(op)),
    executeMutation: (op: { query: DocumentNode }) => fromValue(result(op)),
    executeSubscription: () => fromValue({}),
    mutation: (query: DocumentNode, variables: object) => ({ toPromise: async () => result({ query, variables }) }),
    query: (query: DocumentNode, variables: object) => ({ toPromise: async () => result({ query, variables }) }),
  } as unknown as Client;
}

function renderPage(client: Client) {
  return render(
    <Provider value={client}>
      <AuthProvider>
        <MemoryRouter initialEntries={["/years/10/indicators"]}>
          <Routes>
            <Route path="/years/:yearId/indicators" element={<IndicatorsPage />} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </Provider>,
  );
}

const editActual = async (value: string) => {
  fireEvent.click(await screen.findByLabelText("编辑「业务岗位培训人数」的实际完成值"));
  const input = screen.getByLabelText("实际完成值");
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: "Enter" });
};

const gqlError = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] });

describe("IndicatorsPage", () => {
  it("saves a cell with the version read and shows the recomputed values", async () => {
    const onUpdate = vi.fn(() => ({
      data: {
        updateIndicator: {
          __typename: "Indicator",
          ...training,
          version: 4,
          actual: "70.00",
          effectiveActual: "70.00",
          completionRate: "87.50",
          score: "5.25",
          attainment: "0.8750",
          deviationRequired: true,
        },
      },
    }));
    renderPage(mockClient("DRAFT", onUpdate));
    await editActual("70");
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith({ id: "1", input: { actual: "70" }, version: 3 }));
    // the indicator's score, and the level-1 and level-2 subtotals above it
    expect(await screen.findAllByText("5.25")).toHaveLength(3);
    expect(screen.getAllByText("87.50%")).toHaveLength(2); // completion rate and attainment
    // the result needs a deviation reason: the page asks for it
    expect(await screen.findByText("请填写偏差原因分析")).toBeInTheDocument();
  });

  it("takes full-width digits typed through an input method as the number", async () => {
    const onUpdate = vi.fn(() => ({ data: { updateIndicator: { __typename: "Indicator", ...training, version: 4, actual: "70.50" } } }));
    renderPage(mockClient("DRAFT", onUpdate));
    await editActual("７０．５");
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith({ id: "1", input: { actual: "70.5" }, version: 3 }));
  });

  it("says there are no indicators yet instead of a total of 0.00 graded 差", async () => {
    renderPage(mockClient("DRAFT", () => ({ data: null }), true, [], []));
    expect(await screen.findByTestId("no-indicators")).toHaveTextContent("尚无指标：新增指标后才计算总分和等级。");
    expect(screen.getByTestId("total-score")).not.toHaveTextContent("0.00");
    expect(screen.queryByText("差")).toBeNull();
    expect(screen.queryByTestId("provisional")).toBeNull();
  });

  it("marks the total and grade provisional, with the reason, while the weights do not add up to 100", async () => {
    renderPage(mockClient("DRAFT", () => ({ data: null })));
    expect(await screen.findByTestId("provisional")).toHaveTextContent("分值合计为 6.00，不等于 100：总分和等级为暂定值");
    expect(within(screen.getByTestId("total-score")).getByTestId("provisional-tag")).toHaveTextContent("暂定");
    expect(within(screen.getByTestId("grade")).getByTestId("provisional-tag")).toHaveTextContent("暂定");
  });

  it("shows the warnings a save answers beside the indicator, and the subject's own above the table", async () => {
    const share = { code: "PERCENT_AS_SHARE", params: { field: "target", value: "1", percent: "100" } };
    const onUpdate = vi.fn(() => ({
      data: { updateIndicator: { __typename: "Indicator", ...training, version: 4, unit: "%", target: "1.00", warnings: [share] } },
    }));
    const allMet = { code: "ALL_EXACTLY_MET", params: { count: "3" }, month: null, indicator: null, project: null };
    renderPage(mockClient("DRAFT", onUpdate, true, [allMet]));
    expect(await screen.findByTestId("subject-warnings")).toHaveTextContent("全部 3 个定量指标的完成率恰好为 100%，请核实实际完成值是否如实填写。");
    expect(screen.queryByTestId("warning-icon")).toBeNull();
    fireEvent.click(await screen.findByLabelText("编辑「业务岗位培训人数」的指标值"));
    const input = screen.getByLabelText("指标值");
    fireEvent.change(input, { target: { value: "1" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith({ id: "1", input: { target: "1" }, version: 3 }));
    const icon = await screen.findByTestId("warning-icon");
    expect(icon).toHaveAccessibleName("提示：指标值 1 的单位是 %：若指 100%，请填写 100。");
    // The sentence is the catalogue's, in the UI's language: English after the switch.
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByTestId("warning-icon")).toHaveAccessibleName("Warning: The target 1 is in %: if 100 % is meant, enter 100.");
    await act(() => i18n.changeLanguage("zh-CN"));
  });

  it("saves the 评（扣）分标准 typed in its column", async () => {
    const criteria = "完成值达到指标值的得满分，未达到的按比例计分。";
    const onUpdate = vi.fn(() => ({
      data: { updateIndicator: { __typename: "Indicator", ...training, version: 4, scoringCriteria: criteria } },
    }));
    renderPage(mockClient("DRAFT", onUpdate));
    fireEvent.click(await screen.findByLabelText("编辑「业务岗位培训人数」的评（扣）分标准"));
    const input = screen.getByLabelText("评（扣）分标准");
    fireEvent.change(input, { target: { value: criteria } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith({ id: "1", input: { scoringCriteria: criteria }, version: 3 }));
    expect(await screen.findByText(criteria)).toBeInTheDocument();
  });

  it("refuses a malformed number before sending it", async () => {
    const onUpdate = vi.fn(() => ({ data: null }));
    renderPage(mockClient("DRAFT", onUpdate));
    await editActual("7O");
    expect(await screen.findByText("“7O”不是有效的数字")).toBeInTheDocument();
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it("shows the server's error next to the cell it names", async () => {
    renderPage(
      mockClient("DRAFT", () => ({
        error: gqlError("target: must not be negative", { code: "BAD_USER_INPUT", field: "target", reason: "NEGATIVE", params: {} }),
      })),
    );
    await editActual("70");
    const message = await screen.findByText("指标值：不能为负数。");
    expect(message.closest("[data-cell]")).toHaveAttribute("data-cell", "1:target");
  });

  it("offers a reload when someone else saved first", async () => {
    renderPage(
      mockClient("DRAFT", () => ({ error: gqlError("indicator 1 was changed by someone else", { code: "CONFLICT", field: "version", currentVersion: 4 }) })),
    );
    await editActual("70");
    expect((await screen.findAllByText("其他人已先保存了修改。请重新加载后再修改。")).length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: "重新加载" })).toBeInTheDocument();
  });

  it("turns read-only with the server's reason when the evaluation is locked", async () => {
    const reason = "evaluation 20 is SUBMITTED: it, its indicators and its figures are read-only until a reviewer returns it";
    const { container } = renderPage(mockClient("DRAFT", () => ({ error: gqlError(reason, { code: "LOCKED", evaluationID: "20", status: "SUBMITTED" }) })));
    await editActual("70");
    expect(await screen.findByText(/评价状态为「已提交」/)).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/read-only|evaluation 20/);
    await waitFor(() => expect(container.querySelectorAll(".ind-cell-editable")).toHaveLength(0));
  });

  it("is read-only for an editor while the evaluation is under review", async () => {
    const { container } = renderPage(mockClient("SUBMITTED", () => ({ data: null })));
    expect(await screen.findByText("指标已锁定，只读")).toBeInTheDocument();
    expect(container.querySelectorAll(".ind-cell-editable")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /新增指标/ })).toBeNull();
  });

  it("edits a locked subject when the server says this caller may (an administrator)", async () => {
    const { container } = renderPage(mockClient("SUBMITTED", () => ({ data: null }), true));
    expect(await screen.findByText(/填报人员目前不能修改/)).toBeInTheDocument();
    expect(container.querySelectorAll(".ind-cell-editable").length).toBeGreaterThan(0);
  });
});
