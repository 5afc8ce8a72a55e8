import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import type { EvaluationExplanationQuery, IndicatorExplanationQuery } from "../gql/graphql";
import { ScoreExplanation, TotalExplanation } from "./Explanation";
import DocumentDownloadButton from "../pages/evaluation/DocumentDownloadButton";

const builtIn = { frozen: false, ruleSet: null };

const indicator: IndicatorExplanationQuery = {
  node: {
    __typename: "Indicator",
    id: "7",
    name: "会议参与人数",
    unit: "人次",
    explanation: {
      value: "6.00",
      holds: null,
      rules: builtIn,
      steps: [{ code: "POSITIVE_CAPPED", params: { weight: "6", actual: "1300", target: "900", operator: "GE" }, value: "6.00" }],
    },
    deviationExplanation: {
      value: null,
      holds: true,
      rules: builtIn,
      steps: [
        { code: "COMPLETION_RATE", params: { actual: "1300", target: "900" }, value: "144.44" },
        { code: "DEVIATION_AT_OR_ABOVE", params: { completionRate: "144.44", threshold: "130" }, value: null },
      ],
    },
  },
};

const evaluation: EvaluationExplanationQuery = {
  node: {
    __typename: "Evaluation",
    id: "20",
    explanation: {
      value: "99.69",
      holds: null,
      rules: { frozen: true, ruleSet: { id: "3", name: "南沙区 2023 年度评分规则", version: 2 } },
      steps: [
        { code: "TOTAL", params: { terms: "50.00 + 49.69" }, value: "99.69" },
        { code: "GRADE_BAND", params: { total: "99.69", grade: "EXCELLENT", from: "90", below: "" }, value: "99.69" },
      ],
    },
  },
};

describe("ScoreExplanation", () => {
  it("loads the score's derivation when opened, with the deviation's", async () => {
    const { client, variablesOf } = mockClient({ IndicatorExplanation: { data: indicator } });
    renderWith(client, <ScoreExplanation indicatorId="7" name="会议参与人数"><span>6.00</span></ScoreExplanation>);
    expect(variablesOf("IndicatorExplanation")).toEqual([]); // nothing is asked before it is opened
    fireEvent.click(screen.getByRole("button", { name: /查看「会议参与人数」得分的计算过程$/ }));
    expect(await screen.findByText("6 × min(1300 / 900, 1) = 6 × 1 = 6.00")).toBeInTheDocument();
    expect(screen.getByText("正向指标，实际值达到指标值，得满分")).toBeInTheDocument();
    expect(screen.getByText("评分规则：系统内置评分规则")).toBeInTheDocument();
    expect(screen.getByText("偏差原因是否必填")).toBeInTheDocument();
    expect(screen.getByText("144.44 % ≥ 130 %")).toBeInTheDocument();
    expect(variablesOf("IndicatorExplanation")).toEqual([{ id: "7" }]);
  });

  it("says why it could not load", async () => {
    const { client } = mockClient({ IndicatorExplanation: { errors: [{ message: "boom" }] } });
    renderWith(client, <ScoreExplanation indicatorId="7" name="x"><span>6.00</span></ScoreExplanation>);
    fireEvent.click(screen.getByRole("button", { name: /查看「x」得分的计算过程$/ }));
    expect(await screen.findByText(/计算过程加载失败/)).toBeInTheDocument();
  });
});

describe("TotalExplanation", () => {
  it("shows the total as the sum of the subtotals, its grade and the version that scores it", async () => {
    const { client } = mockClient({ EvaluationExplanation: { data: evaluation } });
    renderWith(client, <TotalExplanation evaluationId="20" />);
    fireEvent.click(screen.getByRole("button", { name: /总分的计算过程$/ }));
    expect(await screen.findByText("50.00 + 49.69 = 99.69")).toBeInTheDocument();
    expect(screen.getByText("99.69 ≥ 90 → 优")).toBeInTheDocument();
    expect(screen.getByText("评分规则：南沙区 2023 年度评分规则（第 2 版），提交时锁定")).toBeInTheDocument();
  });
});

describe("DocumentDownloadButton", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn().mockResolvedValue(
      new Response("PK", { status: 200, headers: { "Content-Disposition": "attachment; filename*=UTF-8''r.pdf" } }),
    );
    vi.stubGlobal("fetch", fetchMock);
    URL.createObjectURL = vi.fn(() => "blob:doc-1");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("downloads the document, or with the derivation from its menu", async () => {
    const { client } = mockClient();
    renderWith(client, <DocumentDownloadButton evaluationID="20" document="report.pdf" label="下载 PDF" />);
    fireEvent.click(screen.getByTestId("download-report.pdf"));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0][0]).toBe("/files/evaluations/20/report.pdf");
    await waitFor(() => expect(screen.getByTestId("download-report.pdf")).not.toHaveClass("ant-btn-loading"));
    await userEvent.click(screen.getByRole("button", { name: "下载 PDF（含评分计算过程）" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "下载 PDF（含评分计算过程）" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchMock.mock.calls[1][0]).toBe("/files/evaluations/20/report.pdf?explain=1");
  });
});
