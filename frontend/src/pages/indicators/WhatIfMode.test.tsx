import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "../../i18n";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import WhatIfMode from "./WhatIfMode";
import type { IndicatorRow } from "./types";
import { rulesOf } from "./rules.fixture";

const base = {
  version: 1,
  position: 1,
  level1: "履职效能",
  level2: "产出",
  operator: "GE",
  unit: "人次",
  binding: null,
  rating: null,
  ratedScore: null,
  deviationReason: "",
  scoringCriteria: "",
  deviationRequired: false,
  reviewScore: null,
  attachmentCount: 0,
} as const;

const trainees: IndicatorRow = {
  ...base,
  id: "1",
  name: "业务岗位培训人数",
  kind: "QUANTITATIVE",
  target: "80.00",
  weight: "6.00",
  actual: "88.00",
  effectiveActual: "88.00",
  completionRate: "110.00",
  score: "6.00",
  attainment: "1.0000",
  warnings: [],
};

const performance: IndicatorRow = {
  ...base,
  id: "14",
  position: 2,
  level1: "管理效率",
  level2: "绩效管理",
  name: "绩效管理制度健全性",
  kind: "QUALITATIVE",
  operator: null,
  unit: "",
  target: null,
  weight: "5.00",
  actual: null,
  rating: "ACHIEVED",
  ratedScore: "4.73",
  effectiveActual: null,
  completionRate: null,
  score: "4.73",
  attainment: "0.9460",
  warnings: [],
};

const nextGrade = { score: "10.73", grade: "POOR", next: "FAIR", from: "60.00", gap: "49.27", items: [] };

/** The server's what-if of the two rows: 60 trainees of 80 score 4.50; anything else is kept. */
function whatIf(vars: Record<string, unknown>) {
  const changes = vars.changes as { indicators?: { id: string; actual?: string }[] };
  const trained = changes.indicators?.find((c) => c.id === "1")?.actual;
  const score = trained === "60" ? "4.50" : "6.00";
  const total = trained === "60" ? "9.23" : "10.73";
  return {
    data: {
      whatIf: {
        score: total,
        grade: "POOR",
        difference: trained === "60" ? "-1.50" : "0.00",
        rank: trained === "60" ? 3 : 2,
        keptRank: 2,
        peers: 3,
        executionRate: "99.63",
        executionScore: null,
        evaluation: { id: "20", score: "10.73", grade: "POOR", executionRate: "99.63", executionScore: null },
        indicators: [
          {
            indicator: { id: "1" },
            changed: trained !== undefined,
            actual: trained ?? "88.00",
            score,
            completionRate: trained === "60" ? "75.00" : "110.00",
            difference: trained === "60" ? "-1.50" : "0.00",
          },
          { indicator: { id: "14" }, changed: false, actual: null, score: "4.73", completionRate: null, difference: "0.00" },
        ],
        subtotals: [{ level1: "履职效能", level2: null, score, keptScore: "6.00", difference: trained === "60" ? "-1.50" : "0.00" }],
        nextGrade,
      },
    },
  };
}

const subject = {
  data: {
    node: {
      __typename: "Evaluation",
      id: "20",
      departmentYear: {
        id: "10",
        personnelBudget: "888.20",
        personnelActual: "886.83",
        publicBudget: "80.00",
        publicActual: "75.61",
        projectBudget: "867.99",
        projectActual: "866.96",
        carryoverEnd: "4.58",
        threePublicBudget: "4.00",
        threePublicActual: "3.20",
        assetsInUse: "300.00",
        assetsTotal: "312.50",
      },
      project: null,
    },
  },
};

function setup(replies: Parameters<typeof mockClient>[0] = {}) {
  const mock = mockClient({ IndicatorWhatIf: whatIf, IndicatorWhatIfSubject: subject, ...replies });
  const onLeave = vi.fn();
  renderWith(mock.client, <WhatIfMode evaluationID="20" rows={[trainees, performance]} rules={rulesOf()} onLeave={onLeave} />);
  return { ...mock, onLeave };
}

describe("WhatIfMode", () => {
  it("tries a value on the server, shows each difference beside it, and saves nothing", async () => {
    const { variablesOf, executeMutation } = setup();
    expect(await screen.findByTestId("whatif-total")).toHaveTextContent("10.73");
    expect(screen.getByTestId("whatif-rank")).toHaveTextContent("第 2 / 3 名");

    const actual = screen.getByLabelText("假设「业务岗位培训人数」的实际完成值");
    fireEvent.change(actual, { target: { value: "60" } });
    fireEvent.keyDown(actual, { key: "Enter", code: "Enter", keyCode: 13 });

    await waitFor(() => expect(screen.getByTestId("whatif-total")).toHaveTextContent("10.73 → 9.23 (−1.50)"));
    expect(screen.getByTestId("whatif-score-1")).toHaveTextContent("6.00 → 4.50 (−1.50)");
    expect(screen.getByTestId("whatif-rank")).toHaveTextContent("第 2 / 3 名 → 第 3 / 3 名");
    expect(actual.closest(".whatif-cell")).toHaveTextContent("88.00 → 60.00 (−28.00)");
    expect(screen.getByText("已修改 1 项")).toBeInTheDocument();
    expect(variablesOf("IndicatorWhatIf").at(-1)).toEqual({ id: "20", changes: { indicators: [{ id: "1", actual: "60" }] } });
    expect(executeMutation).not.toHaveBeenCalled();

    // Clearing the changes asks for the kept values again.
    fireEvent.click(screen.getByRole("button", { name: "清除修改" }));
    await waitFor(() => expect(screen.getByTestId("whatif-total")).toHaveTextContent(/^10\.73$/));
    expect(variablesOf("IndicatorWhatIf").at(-1)).toEqual({ id: "20", changes: {} });
  });

  it("checks a value before trying it, as a save would be checked", async () => {
    const { variablesOf } = setup();
    await screen.findByTestId("whatif-total");
    const rated = screen.getByLabelText("假设「绩效管理制度健全性」的评分");
    fireEvent.change(rated, { target: { value: "3.5" } });
    fireEvent.blur(rated);
    expect(await screen.findByText("评分 3.5 不在「达成」的区间 4.00–5.00 内")).toBeInTheDocument();
    expect(variablesOf("IndicatorWhatIf").every((v) => JSON.stringify(v.changes) === "{}")).toBe(true);
  });

  it("a rating whose band does not hold the score tries the band's top score with it", async () => {
    const { variablesOf } = setup();
    await screen.findByTestId("whatif-total");
    const select = screen.getByRole("combobox", { name: "假设「绩效管理制度健全性」的定性评级" });
    fireEvent.mouseDown(select);
    fireEvent.click(await screen.findByTitle("部分达成"));
    await waitFor(() =>
      expect(variablesOf("IndicatorWhatIf").at(-1)).toEqual({ id: "20", changes: { indicators: [{ id: "14", rating: "PARTIAL", ratedScore: "3.99" }] } }),
    );
  });

  it("says which indicator the server refused and why, in the UI's language", async () => {
    setup({
      IndicatorWhatIf: (vars) =>
        (vars.changes as { indicators?: unknown[] }).indicators
          ? gqlErrors([
              "indicator 1 (业务岗位培训人数): must not be negative, got -1",
              { code: "BAD_USER_INPUT", field: "target", reason: "NEGATIVE", params: { indicatorID: "1" }, indicatorID: "1", indicatorName: "业务岗位培训人数" },
            ])
          : whatIf(vars),
    });
    await screen.findByTestId("whatif-total");
    // A change the page's own checks let through (a weight of 7) is refused by this server.
    const weight = screen.getByLabelText("假设「业务岗位培训人数」的分值");
    fireEvent.change(weight, { target: { value: "7" } });
    fireEvent.keyDown(weight, { key: "Enter", code: "Enter", keyCode: 13 });
    const alert = await screen.findByText("无法试算");
    expect(alert.closest(".ant-alert")).toHaveTextContent("「业务岗位培训人数」：指标值：不能为负数。");
    // The last scores stay.
    expect(screen.getByTestId("whatif-total")).toHaveTextContent("10.73");
  });

  it("tries the year's figures, and leaves on request", async () => {
    const { variablesOf, onLeave } = setup();
    await screen.findByTestId("whatif-total");
    const figure = screen.getByLabelText("假设项目支出支出数");
    expect(figure).toHaveValue("866.96");
    fireEvent.change(figure, { target: { value: "800" } });
    fireEvent.blur(figure);
    await waitFor(() => expect(variablesOf("IndicatorWhatIf").at(-1)).toEqual({ id: "20", changes: { figures: { projectActual: "800" } } }));
    expect(figure.closest(".whatif-cell")).toHaveTextContent("866.96 → 800.00 (−66.96)");
    fireEvent.click(screen.getByRole("button", { name: "退出假设分析" }));
    expect(onLeave).toHaveBeenCalled();
  });

  it("speaks English too", async () => {
    await i18n.changeLanguage("en");
    setup();
    expect(await screen.findByTestId("whatif-rank")).toHaveTextContent("2 of 3");
    const actual = screen.getByLabelText("What if: Actual of “业务岗位培训人数”");
    fireEvent.change(actual, { target: { value: "60" } });
    fireEvent.blur(actual);
    await waitFor(() => expect(screen.getByTestId("whatif-total")).toHaveTextContent("10.73 → 9.23 (−1.50)"));
    expect(screen.getByText("1 value(s) changed")).toBeInTheDocument();
  });
});
