import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { CombinedError, Provider, type Client, type OperationResult } from "urql";
import { fromValue } from "wonka";
import type { DocumentNode } from "graphql";
import i18n from "../../i18n";
import { AuthProvider } from "../../auth/AuthContext";
import EvaluationPage from "../EvaluationPage";

// ECharts needs a real canvas; the chart's figures are checked through the table beside it.
vi.mock("./SubtotalsChart", () => ({ default: () => null }));

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

const evaluation = (over: Record<string, unknown> = {}) => ({
  __typename: "Evaluation",
  id: "20",
  status: "DRAFT",
  version: 5,
  conclusion: "基本完成年度目标。",
  problems: "",
  improvements: "",
  executionExplanation: "",
  reviewComment: "",
  submittedAt: null,
  score: "99.69",
  grade: "EXCELLENT",
  gradeLabel: "优",
  executionRate: "85.00",
  executionScore: "8.50",
  monthsBehind: [],
  subtotals: [
    { level1: "产出指标", level2: null, score: "50.00", weight: "50.00" },
    { level1: "产出指标", level2: "数量指标", score: "25.00", weight: "25.00" },
  ],
  submitProblems: [
    {
      indicatorID: "7",
      indicatorName: "会议参与人数",
      field: "deviationReason",
      reason: "COMPLETION_AT_OR_ABOVE",
      params: { completionRate: "144.44", threshold: "130" },
    },
  ],
  // The server's answers for an editor of a draft: the page shows what they allow.
  viewerCan: { edit: true, submit: true, approve: false, return: false, publish: false },
  locked: false,
  lockReason: null,
  transitions: [],
  indicators: [{ id: "7", name: "会议参与人数" }],
  warnings: [],
  departmentYear: { id: "10", year: 2023, department: { id: "2", name: "区委办" }, months: [{ id: "m1" }] },
  project: { id: "30", name: "督查督办" },
  rules: { frozen: false, ruleSet: null, parameters: { executionWeight: "10.00", executionExplanationBelow: "90.00" } },
  ...over,
});

const none = { edit: false, submit: false, approve: false, return: false, publish: false };
const lockedBy = (status: string) => ({ status, locked: true, lockReason: { evaluationID: "20", status } });

const opName = (query: DocumentNode) =>
  query.definitions.flatMap((d) => (d.kind === "OperationDefinition" && d.name ? [d.name.value] : []))[0];

type Answer = { data?: unknown; error?: CombinedError };

function mockClient(role: string, ev: object, mutations: Record<string, (vars: Record<string, unknown>) => Answer> = {}) {
  const answer = (name: string, vars: Record<string, unknown>): Answer => {
    if (name === "Me") return { data: { me: { kind: "USER", name: "用户", role, csrfToken: "t", user: null, scope: null } } };
    if (name === "EvaluationPage") return { data: { node: ev } };
    return mutations[name]?.(vars) ?? { data: null };
  };
  const result = (op: { query: DocumentNode; variables?: object }) =>
    ({ operation: op, ...answer(opName(op.query), (op.variables ?? {}) as Record<string, unknown>), stale: false, hasNext: false }) as unknown as OperationResult;
  return {
    executeQuery: (op: { query: DocumentNode }) => fromValue(result(op)),
    executeMutation: (op: { query: DocumentNode }) => fromValue(result(op)),
    executeSubscription: () => fromValue({}),
  } as unknown as Client;
}

function renderPage(client: Client) {
  return render(
    <Provider value={client}>
      <AuthProvider>
        <MemoryRouter initialEntries={["/evaluations/20"]}>
          <Routes>
            <Route path="/evaluations/:evaluationId" element={<EvaluationPage />} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </Provider>,
  );
}

const submitCheck = (message: string, extensions: Record<string, unknown>) => ({ message, extensions: { code: "SUBMIT_CHECK", ...extensions } });

describe("EvaluationPage", () => {
  it("shows the score, the grade, the breakdown table and the links", async () => {
    renderPage(mockClient("EDITOR", evaluation()));
    await screen.findByTestId("status");
    const stats = [...document.querySelectorAll(".ant-statistic")].map((s) => s.textContent);
    expect(stats).toContain("得分99.69");
    expect(stats).toContain("等级优");
    expect(screen.getByRole("link", { name: /打印版报告/ })).toHaveAttribute("href", "/evaluations/20/report");
    expect(screen.getByRole("link", { name: /指标编辑/ })).toHaveAttribute("href", "/projects/30/indicators");
    expect(screen.getByText("数量指标")).toBeInTheDocument();
  });

  it("says which rules score it: the built-in rules, or the rule set and version it keeps since its submission", async () => {
    renderPage(mockClient("EDITOR", evaluation()));
    expect(await screen.findByTestId("rules")).toHaveTextContent("评分规则：内置规则（SCORING.md）");
    cleanup();
    const kept = {
      frozen: true,
      ruleSet: { id: "64424509441", name: "南沙区 2023 年度评分规则", year: 2023, version: 1, latest: false, region: null },
      parameters: { executionWeight: "20.00", executionExplanationBelow: "85.00" },
    };
    renderPage(mockClient("REVIEWER", evaluation({ ...lockedBy("SUBMITTED"), viewerCan: none, rules: kept })));
    const line = await screen.findByTestId("rules");
    expect(line).toHaveTextContent("南沙区 2023 年度评分规则（2023年度，第 1 版）");
    expect(line).toHaveTextContent("提交时的规则");
    expect(line).toHaveTextContent("规则集已有新版本");
    // The execution item's weight is the rules', not a number the page knows.
    const stats = [...document.querySelectorAll(".ant-statistic")].map((s) => s.textContent);
    expect(stats).toContain("预算执行率得分8.50/ 20");
  });

  it("lists the checks before submitting and keeps 提交审核 disabled with the reason while there are any", async () => {
    const submit = vi.fn(() => ({ data: null }));
    renderPage(mockClient("EDITOR", evaluation(), { EvaluationPageSubmit: submit }));
    expect(await screen.findByText("提交前检查：还有 1 个问题")).toBeInTheDocument();
    const button = screen.getByRole("button", { name: "提交审核" });
    expect(button).toBeDisabled();
    expect(screen.getByTestId("submit-blocked")).toHaveTextContent("还有 1 个问题未解决，解决后才能提交审核");
    expect(button).toHaveAttribute("aria-describedby", "submit-blocked");
    fireEvent.click(button);
    expect(submit).not.toHaveBeenCalled();
  });

  it("shows no score for an evaluation without indicators, and says so", async () => {
    renderPage(mockClient("EDITOR", evaluation({ indicators: [], score: "0.00", grade: "POOR", subtotals: [], submitProblems: [
      { indicatorID: null, indicatorName: null, field: "weight", reason: "WEIGHTS_NOT_100", params: { sum: "0" } },
    ] })));
    expect(await screen.findByTestId("no-indicators")).toHaveTextContent("尚无指标");
    expect(screen.getByTestId("evaluation-score")).not.toHaveTextContent("0.00");
    expect(screen.getByTestId("evaluation-grade")).not.toHaveTextContent("差");
    expect(screen.queryByTestId("provisional")).toBeNull();
  });

  it("marks the score and grade provisional, with the reason, while the weights do not add up to 100", async () => {
    renderPage(mockClient("EDITOR", evaluation({ score: "100.94", grade: "EXCELLENT", submitProblems: [
      { indicatorID: null, indicatorName: null, field: "weight", reason: "WEIGHTS_NOT_100", params: { sum: "102" } },
    ] })));
    expect(await screen.findByTestId("provisional")).toHaveTextContent("总分和等级为暂定值：分值合计 102，应为 100。");
    expect(within(screen.getByTestId("evaluation-score")).getByTestId("provisional-tag")).toHaveTextContent("暂定");
    expect(within(screen.getByTestId("evaluation-grade")).getByTestId("provisional-tag")).toHaveTextContent("暂定");
  });

  it("says a year without monthly figures has none, not that no month is behind", async () => {
    const year = { id: "10", year: 2023, department: { id: "2", name: "区委办" } };
    const { unmount } = renderPage(mockClient("EDITOR", evaluation({ project: null, executionScore: null, departmentYear: { ...year, months: [] } })));
    expect(await screen.findByText("未填报月度数据")).toBeInTheDocument();
    unmount();
    renderPage(mockClient("EDITOR", evaluation({ project: null, executionScore: null, departmentYear: { ...year, months: [{ id: "m1" }] } })));
    expect(await screen.findByText("无")).toBeInTheDocument();
  });

  it("says a published evaluation is published, not under review", async () => {
    renderPage(mockClient("EDITOR", evaluation({ ...lockedBy("PUBLISHED"), viewerCan: none, submitProblems: [] })));
    expect(await screen.findByText("评价已公开：评价、指标及相关数据已定稿，只读。")).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/审核期间/);
  });

  it("lists every problem the server returns on a submission the checks had passed, next to its field", async () => {
    const submit = vi.fn(() => ({
      error: new CombinedError({
        graphQLErrors: [
          submitCheck('indicator "会议参与人数": completion rate 144.44 % is at or above 130 %; a deviation reason is required', {
            field: "deviationReason",
            indicatorID: "7",
            indicatorName: "会议参与人数",
            reason: "COMPLETION_AT_OR_ABOVE",
            params: { completionRate: "144.44", threshold: "130" },
          }),
          submitCheck("weights add up to 95.5 (with the execution item's 10), not 100", {
            field: "weight",
            reason: "WEIGHTS_NOT_100",
            params: { sum: "95.5", executionItemWeight: "10" },
          }),
          submitCheck("execution rate 85.00 % is below 90 %; an explanation is required", {
            field: "executionExplanation",
            reason: "EXECUTION_BELOW_THRESHOLD",
            params: { executionRate: "85.00", threshold: "90" },
          }),
          submitCheck("evaluation 20 cannot be submitted: 3 problem(s), each reported as its own error", { reason: "REFUSED", params: { problems: 3 } }),
        ],
      }),
    }));
    // Someone changed an indicator since the page was read: the checks had passed, the server refuses.
    const { container } = renderPage(mockClient("EDITOR", evaluation({ submitProblems: [] }), { EvaluationPageSubmit: submit }));
    expect(await screen.findByText("提交前检查已通过，可以提交。")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "提交审核" }));
    fireEvent.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    expect(await screen.findByText("未能提交：共 3 个问题，请逐项修改")).toBeInTheDocument();
    expect(submit).toHaveBeenCalledWith({ id: "20" });
    const items = container.querySelectorAll("[data-problem]");
    expect(items).toHaveLength(3);
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "会议参与人数" })).toHaveAttribute(
      "href",
      "/projects/30/indicators?indicator=7&field=deviationReason",
    );
    expect(items[0]).toHaveTextContent("完成率 144.44% 达到或超过 130%，须填写偏差原因分析");
    expect(items[1]).toHaveTextContent("分值合计 95.5，应为 100");
    // No English text of the server's messages reaches the page.
    expect(container.textContent).not.toMatch(/weights add up|completion rate|indicator "/);
    // the evaluation's own field shows its problem beside the text area
    const explanation = screen.getByLabelText("预算执行率偏低的原因说明").closest(".ant-form-item") as HTMLElement;
    expect(explanation).toHaveClass("ant-form-item-has-error");
    expect(await within(explanation).findByText("预算执行率 85.00% 低于 90%，须说明原因")).toBeInTheDocument();
  });

  it("lists what the submission warns about, each with a link to its cell, and still submits", async () => {
    const warnings = [
      {
        code: "TARGET_TOO_LOW",
        params: { year1: "2023", rate1: "144.44", year2: "2022", rate2: "150.00", actual1: "1300", target: "900", projectedRate: "144.44", threshold: "130" },
        month: null,
        indicator: { id: "7", name: "会议参与人数", departmentYearID: "10", projectID: null },
        project: null,
      },
      { code: "CUMULATIVE_FALLS", params: { month: "3", cumulative: "25.00", previousMonth: "2", previousCumulative: "30.00" }, month: 3, indicator: null, project: null },
      { code: "ALL_EXACTLY_MET", params: { count: "3", project: "教师培训" }, month: null, indicator: null, project: { id: "30", name: "教师培训" } },
    ];
    const ready = evaluation({ submitProblems: [], warnings, project: null });
    const submit = vi.fn(() => ({ data: { submitEvaluation: { ...ready, status: "SUBMITTED" } } }));
    const { container } = renderPage(mockClient("EDITOR", ready, { EvaluationPageSubmit: submit }));
    const list = await screen.findByTestId("evaluation-warnings");
    expect(list).toHaveTextContent("提交时的提示：共 3 条（不影响提交）");
    const items = container.querySelectorAll("[data-warning]");
    expect(items).toHaveLength(3);
    expect(within(items[0] as HTMLElement).getByRole("link", { name: "会议参与人数" })).toHaveAttribute(
      "href",
      "/years/10/indicators?indicator=7&field=target",
    );
    expect(items[0]).toHaveTextContent(
      "2023年完成率 144.44%、2022年 150.00%，均达到 130% 以上；按上年实际值 1300，本年指标值 900 仍将完成 144.44%，指标值可能设定偏低。",
    );
    expect(items[1]).toHaveTextContent("3月：3月累计支出 25.00 万元，低于2月的 30.00 万元");
    expect(within(items[2] as HTMLElement).getByRole("link", { name: "项目「教师培训」" })).toHaveAttribute("href", "/projects/30/indicators");
    // Warnings never block: the checks pass and the button submits.
    expect(screen.getByText("提交前检查已通过，可以提交。")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "提交审核" }));
    fireEvent.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ id: "20" }));
    expect(container.querySelector("[data-problem]")).toBeNull();
  });

  it("shows the reviewer's comment to the editor when returned", async () => {
    renderPage(mockClient("EDITOR", evaluation({ status: "RETURNED", reviewComment: "请补充偏差原因。" })));
    expect(await screen.findByTestId("review-comment")).toHaveTextContent("请补充偏差原因。");
  });

  it("lets a reviewer return a submitted evaluation only with a comment", async () => {
    const giveBack = vi.fn(() => ({ data: { returnEvaluation: evaluation({ status: "RETURNED" }) } }));
    renderPage(
      mockClient("REVIEWER", evaluation({ ...lockedBy("SUBMITTED"), viewerCan: { ...none, approve: true, return: true } }), {
        EvaluationPageReturn: giveBack,
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "退回修改" }));
    const dialog = await screen.findByRole("dialog");
    const ok = within(dialog).getAllByRole("button", { name: "退回修改" }).at(-1)!;
    expect(ok).toBeDisabled();
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "请补充偏差原因。" } });
    expect(ok).toBeEnabled();
    fireEvent.click(ok);
    await waitFor(() => expect(giveBack).toHaveBeenCalledWith({ id: "20", comment: "请补充偏差原因。" }));
    expect(screen.queryByRole("button", { name: "提交审核" })).toBeNull();
  });

  it("saves the texts with the version read and offers a reload on a conflict", async () => {
    const update = vi.fn(() => ({
      error: new CombinedError({
        graphQLErrors: [{ message: "evaluation 20 was changed by someone else", extensions: { code: "CONFLICT", field: "version", currentVersion: 6 } }],
      }),
    }));
    renderPage(mockClient("EDITOR", evaluation(), { EvaluationPageUpdate: update }));
    fireEvent.change(await screen.findByLabelText("存在的主要问题"), { target: { value: "个别月份支出进度未达标。" } });
    fireEvent.click(screen.getByRole("button", { name: /保\s*存/ }));
    await waitFor(() =>
      expect(update).toHaveBeenCalledWith({ id: "20", input: { problems: "个别月份支出进度未达标。" }, version: 5 }),
    );
    expect(await screen.findByText("其他人已先保存了修改。请重新加载后再修改。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "重新加载" })).toBeInTheDocument();
  });

  it("is read-only for an editor while under review", async () => {
    renderPage(mockClient("EDITOR", evaluation({ ...lockedBy("SUBMITTED"), viewerCan: none })));
    expect(await screen.findByText("评价只读")).toBeInTheDocument();
    expect(screen.getByLabelText("自评结论")).toHaveAttribute("readonly");
    expect(screen.queryByRole("button", { name: "提交审核" })).toBeNull();
  });

  it("offers exactly what the server's viewerCan allows, whatever the role and status", async () => {
    // A rule changed in Go (here: reviewers may also publish, editors may not submit) changes the page with no edit here.
    renderPage(mockClient("EDITOR", evaluation({ viewerCan: { ...none, edit: true, publish: true } })));
    expect(await screen.findByRole("button", { name: /公\s*开/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "提交审核" })).toBeNull();
    expect(screen.queryByRole("button", { name: /审\s*核\s*通\s*过/ })).toBeNull();
    expect(screen.getByLabelText("自评结论")).not.toHaveAttribute("readonly");
  });

  it("says the lock error in the UI's language, with the status from extensions, never the server's text", async () => {
    const update = vi.fn(() => ({
      error: new CombinedError({
        graphQLErrors: [
          {
            message: "evaluation 20 is SUBMITTED: it, its indicators and its figures are read-only until a reviewer returns it",
            extensions: { code: "LOCKED", evaluationID: "20", status: "SUBMITTED" },
          },
        ],
      }),
    }));
    const { container } = renderPage(mockClient("EDITOR", evaluation(), { EvaluationPageUpdate: update }));
    fireEvent.change(await screen.findByLabelText("存在的主要问题"), { target: { value: "新问题" } });
    fireEvent.click(screen.getByRole("button", { name: /保\s*存/ }));
    expect(await screen.findByText(/评价状态为「已提交」/)).toBeInTheDocument();
    expect(container.textContent).not.toMatch(/read-only|evaluation 20/);
  });
});
