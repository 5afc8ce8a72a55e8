import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import Review from "./Review";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

const indicators = [
  {
    id: "7", level1: "履职效能", level2: "产出", name: "业务岗位培训人数", weight: "6.00", score: "6.00",
    reviewScore: { id: "90", score: "4.50", reason: "培训记录不全", reviewerName: "reviewer", updatedAt: "2024-03-01T08:00:00Z" },
  },
  { id: "8", level1: "履职效能", level2: "产出", name: "会议参与人数", weight: "6.00", score: "6.00", reviewScore: null },
];

const item = (over: Record<string, unknown> = {}) => ({
  id: "50", status: "OPEN", issue: "培训台账不完整", requirement: "补齐签到表", dueDate: "2024-06-30", overdue: true,
  measures: "", outcome: "", reviewComment: "", raisedByName: "reviewer", indicator: { id: "7", name: "业务岗位培训人数" },
  viewerCan: { answer: false, decide: false },
  transitions: [{ id: "1", from: null, to: "OPEN", comment: "", measures: "", outcome: "", actorName: "reviewer", at: "2024-03-01T08:00:00Z" }],
  ...over,
});

const evaluation = (over: Record<string, unknown> = {}) => ({
  __typename: "Evaluation", id: "20", status: "SUBMITTED",
  reviewViewerCan: { rescore: true, raiseRectification: true },
  indicators, rectifications: [item()], ...over,
});

describe("Review", () => {
  it("shows each self-score with the review score beside it, and the reviewer's control", async () => {
    const { client, variablesOf } = mockClient({
      EvaluationReview: { data: { node: evaluation() } },
      EvaluationReviewRescore: gqlErrors(["score: above", { code: "BAD_USER_INPUT", field: "score", reason: "SCORE_ABOVE_WEIGHT", params: { weight: "6.00", got: "7" } }]),
    });
    renderWith(client, <Review evaluationId="20" />);
    const table = await screen.findByTestId("review-scores");
    expect(within(table).getByTestId("review-score-7")).toHaveTextContent("4.5");
    expect(within(table).getByText("培训记录不全")).toBeInTheDocument();
    expect(within(table).getByText("未复核")).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "复核评分 会议参与人数" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/分值 6，自评得分 6/)).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("复核得分"), { target: { value: "7" } });
    fireEvent.change(within(dialog).getByLabelText("复核意见"), { target: { value: "抽查不符" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /保\s*存/ }));
    // The server's refusal is said at the field, naming the weight.
    expect(await within(dialog).findByText("复核得分：复核得分 7 超过该指标的分值 6.00。")).toBeInTheDocument();
    expect(variablesOf("EvaluationReviewRescore")).toEqual([{ id: "8", score: "7", reason: "抽查不符" }]);
  });

  it("hides the controls from an editor and lets them answer an open item, overdue in red", async () => {
    const { client, variablesOf } = mockClient({
      EvaluationReview: { data: { node: evaluation({ reviewViewerCan: { rescore: false, raiseRectification: false }, rectifications: [item({ viewerCan: { answer: true, decide: false } })] }) } },
      EvaluationReviewAnswer: (vars) => ({ data: { answerRectification: { id: vars.id, status: "ANSWERED", measures: vars.measures, outcome: vars.outcome } } }),
    });
    renderWith(client, <Review evaluationId="20" />);
    const panel = await screen.findByTestId("rectifications");
    expect(screen.queryByRole("button", { name: /复核评分/ })).not.toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "提出整改" })).not.toBeInTheDocument();
    expect(within(panel).getByTestId("overdue-50")).toHaveTextContent("已逾期");
    expect(within(panel).getByTestId("rect-status-50")).toHaveTextContent("待整改");

    fireEvent.click(within(panel).getByRole("button", { name: "答复整改" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("整改措施"), { target: { value: "已补齐签到表" } });
    fireEvent.change(within(dialog).getByLabelText("整改结果"), { target: { value: "台账完整" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "答复整改" }));
    await waitFor(() => expect(variablesOf("EvaluationReviewAnswer")).toEqual([{ id: "50", measures: "已补齐签到表", outcome: "台账完整" }]));
  });

  it("lets a reviewer send an answer back only with a comment, and says a wrong step's status", async () => {
    const { client, variablesOf } = mockClient({
      EvaluationReview: { data: { node: evaluation({ rectifications: [item({ status: "ANSWERED", overdue: false, measures: "已补齐", viewerCan: { answer: false, decide: true } })] }) } },
      EvaluationReviewReject: gqlErrors(["id: wrong status", { code: "BAD_USER_INPUT", field: "id", reason: "RECTIFICATION_STATUS", params: { status: "ACCEPTED", expected: "ANSWERED" } }]),
    });
    renderWith(client, <Review evaluationId="20" />);
    const panel = await screen.findByTestId("rectifications");
    expect(within(panel).queryByTestId("overdue-50")).not.toBeInTheDocument();
    fireEvent.click(within(panel).getByRole("button", { name: "退回整改" }));
    const dialog = await screen.findByRole("dialog");
    const send = within(dialog).getByRole("button", { name: "退回整改" });
    expect(send).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText("复核意见"), { target: { value: "缺少课件" } });
    fireEvent.click(send);
    expect(await within(dialog).findByText("整改事项当前为「已验收」，此操作须在「已答复，待验收」时进行。")).toBeInTheDocument();
    expect(variablesOf("EvaluationReviewReject")).toEqual([{ id: "50", comment: "缺少课件" }]);
  });

  it("raises an item with its due date", async () => {
    const { client, variablesOf } = mockClient({
      EvaluationReview: { data: { node: evaluation({ rectifications: [] }) } },
      EvaluationReviewRaise: { data: { raiseRectification: { id: "51", status: "OPEN" } } },
    });
    renderWith(client, <Review evaluationId="20" />);
    const panel = await screen.findByTestId("rectifications");
    expect(within(panel).getByText("暂无整改事项")).toBeInTheDocument();
    fireEvent.click(within(panel).getByRole("button", { name: "提出整改" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("存在问题"), { target: { value: "制度不健全" } });
    fireEvent.change(within(dialog).getByLabelText("整改要求"), { target: { value: "修订制度" } });
    const due = within(dialog).getByLabelText("整改期限");
    fireEvent.mouseDown(due);
    fireEvent.change(due, { target: { value: "2024-12-31" } });
    fireEvent.keyDown(due, { key: "Enter", code: "Enter" });
    const ok = within(dialog).getByRole("button", { name: "提出整改" });
    await waitFor(() => expect(ok).toBeEnabled());
    fireEvent.click(ok);
    await waitFor(() =>
      expect(variablesOf("EvaluationReviewRaise")).toEqual([
        { input: { evaluationID: "20", indicatorID: null, issue: "制度不健全", requirement: "修订制度", dueDate: "2024-12-31" } },
      ]),
    );
  });
});
