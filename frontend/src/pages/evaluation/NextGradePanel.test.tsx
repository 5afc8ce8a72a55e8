import { describe, expect, it } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import i18n from "../../i18n";
import { mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import NextGradePanel, { NextGradeTable, orderedItems, type NextGrade } from "./NextGradePanel";

const item = {
  level2: null,
  unit: "%",
  binding: null,
  places: 2,
  from: null,
  to: null,
  change: null,
  rating: null,
  actual: null,
  totalAfter: null,
  field: null,
} as const;

/** 区交通运输局's 2023 (the demo): 53.53, 差, 6.47 below 中; three of its items as the server answers them. */
const poor: NextGrade = {
  score: "53.53",
  grade: "POOR",
  next: "FAIR",
  from: "60.00",
  gap: "6.47",
  items: [
    { ...item, indicator: { id: "1" }, level1: "产出指标", name: "新增公交站场数", unit: "个", weight: "7.00", score: "0.00", pointsLost: "7.00", outcome: "REACHES", field: "actual", places: 0, from: "0.00", to: "7.00", change: "7.00", totalAfter: "60.53" },
    { ...item, indicator: { id: "2" }, level1: "效益指标", name: "公交准点率", weight: "9.00", score: "3.00", pointsLost: "6.00", outcome: "CANNOT", field: "actual", from: "30.30" },
    { ...item, indicator: { id: "3" }, level1: "满意度指标", name: "出行群众满意度", weight: "10.00", score: "1.00", pointsLost: "9.00", outcome: "REACHES", field: "actual", from: "9.50", to: "70.92", change: "61.42", totalAfter: "60.00" },
    { ...item, indicator: { id: "4" }, level1: "管理效率", name: "长效管理机制健全性", unit: "", weight: "8.00", score: "0.80", pointsLost: "7.20", outcome: "REACHES", field: "ratedScore", from: "0.80", to: "7.27", change: "6.47", rating: "ACHIEVED", totalAfter: "60.00" },
    { ...item, indicator: { id: "5" }, level1: "管理效率", name: "预算资金支出率", binding: "EXECUTION_RATE", weight: "8.00", score: "6.71", pointsLost: "1.29", outcome: "CANNOT", field: "projectActual", from: "3194.41" },
    { ...item, indicator: { id: "6" }, level1: "管理效率", name: "固定资产利用率", binding: "ASSET_UTILIZATION", weight: "3.00", score: "3.00", pointsLost: "0.00", outcome: "FULL" },
  ],
};

describe("NextGradeTable", () => {
  it("lists what each item alone would need, those that reach first, then by points lost", () => {
    renderWith(mockClient().client, <NextGradeTable next={poor} editorPath="/years/7/indicators" />);
    const table = screen.getByTestId("next-grade");
    expect(table).toHaveTextContent("当前 53.53 分（差），达到「中」需 60.00 分，还差 6.47 分。");
    const rows = [...table.querySelectorAll("tbody tr.ant-table-row")].map((tr) => tr.textContent);
    expect(rows).toHaveLength(5); // the full one is left out
    expect(rows[0]).toContain("出行群众满意度");
    expect(rows[0]).toContain("实际完成值 9.50 → 70.92（+61.42），总分 60.00");
    expect(rows[1]).toContain("长效管理机制健全性");
    expect(rows[1]).toContain("评分 0.80 → 7.27（+6.47），评级「达成」，总分 60.00");
    expect(rows[2]).toContain("实际完成值 0 → 7（+7），总分 60.53"); // a count, in whole numbers
    expect(rows[3]).toContain("单项无法达到（满分也不够）");
    expect(rows[3]).toContain("公交准点率");
    expect(screen.getByRole("link", { name: "出行群众满意度" })).toHaveAttribute("href", "/years/7/indicators?indicator=3&field=actual");
    // Every item, the full one too.
    fireEvent.click(screen.getByRole("switch", { name: "只看有失分的项" }));
    expect(table.querySelectorAll("tbody tr.ant-table-row")).toHaveLength(6);
    expect(table).toHaveTextContent("已得满分");
  });

  it("at the top grade lists the points lost alone", () => {
    const top: NextGrade = {
      score: "99.69",
      grade: "EXCELLENT",
      next: null,
      from: null,
      gap: null,
      items: [
        { ...item, indicator: { id: "10" }, level1: "管理效率", name: "预算资金支出率", binding: "EXECUTION_RATE", weight: "10.00", score: "9.96", pointsLost: "0.04", outcome: null },
        { ...item, indicator: { id: "14" }, level1: "管理效率", name: "绩效管理制度健全性", weight: "5.00", score: "4.73", pointsLost: "0.27", outcome: null },
      ],
    };
    renderWith(mockClient().client, <NextGradeTable next={top} />);
    expect(screen.getByTestId("next-grade")).toHaveTextContent("已是最高等级「优」：下面列出各项失分。");
    expect(orderedItems(top.items, true).map((i) => i.name)).toEqual(["绩效管理制度健全性", "预算资金支出率"]);
    expect(screen.queryByText("单项达到所需")).toBeNull();
  });

  it("speaks English too", async () => {
    await i18n.changeLanguage("en");
    renderWith(mockClient().client, <NextGradeTable next={poor} />);
    expect(screen.getByTestId("next-grade")).toHaveTextContent("actual 9.50 → 70.92 (+61.42), total 60.00");
    expect(screen.getByTestId("next-grade")).toHaveTextContent("Cannot reach it alone (not even at full weight)");
  });
});

describe("NextGradePanel", () => {
  it("asks the server for the evaluation's next grade", async () => {
    const mock = mockClient({ EvaluationNextGrade: { data: { node: { __typename: "Evaluation", id: "20", nextGrade: poor } } } });
    renderWith(mock.client, <NextGradePanel evaluationID="20" />);
    expect(await screen.findByText("达到「中」还需要")).toBeInTheDocument();
    expect(mock.variablesOf("EvaluationNextGrade")).toEqual([{ id: "20" }]);
  });
});
