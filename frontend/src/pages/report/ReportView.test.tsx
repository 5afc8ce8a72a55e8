import { describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { renderWith } from "../../test/render";
import { mockClient } from "../../test/urql";
import ReportPage from "../ReportPage";
import type { ReportEvaluation } from "./query";
import ReportView from "./ReportView";
import { seedEvaluation } from "./seed.fixture";

const texts = (elements: HTMLElement[]) => elements.map((e) => e.textContent);

describe("ReportView", () => {
  it("follows the seed report's four parts, with its headings", () => {
    render(<ReportView evaluation={seedEvaluation} />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "2023年度中共广州市南沙区委员会办公室部门整体支出绩效自评报告",
    );
    expect(texts(screen.getAllByRole("heading", { level: 2 }))).toEqual([
      "一、部门基本情况",
      "二、绩效自评情况",
      "三、存在的主要问题",
      "四、下一步改进措施",
    ]);
    expect(texts(screen.getAllByRole("heading", { level: 3 }))).toEqual([
      "（一）部门职能。",
      "（二）年度总体工作和重点工作任务。",
      "（三）部门整体支出绩效目标。",
      "（四）部门整体收支情况。",
      "（五）部门整体绩效管理情况。",
      "（一）自评结论。",
      "（二）履职效能分析。",
      "（三）管理效率分析。",
      "附表：绩效指标完成情况",
    ]);
    expect(texts(screen.getAllByRole("heading", { level: 4 }))).toEqual([
      "1.各重点任务项目支出完成情况分析",
      "2.部门整体绩效目标产出指标完成情况",
      "3.部门整体绩效目标效益指标完成情况",
      "4.部门预算资金支出率",
      "1.预算编制情况",
      "2.预算执行情况",
      "3.信息公开情况",
      "4.绩效管理情况",
      "5.采购管理情况",
      "6.资产管理情况",
      "7.运行成本情况",
    ]);
  });

  it("fills the figures into the sentences", () => {
    render(<ReportView evaluation={seedEvaluation} />);
    expect(screen.getByTestId("spending")).toHaveTextContent(
      "2023 年我部门整体支出为 1,829.40 万元，基本支出 962.44 万元，其中人员经费 886.83 万元，公用支出 75.61 万元；项目支出 866.96 万元。",
    );
    expect(screen.getByTestId("score")).toHaveTextContent(
      "2023 年部门整体支出绩效自评综合得分为 99.69 分，评价等级为“优”。其中履职效能得分 50.00 分（满分 50 分），管理效率得分 49.69 分（满分 50 分）。",
    );
    expect(screen.getByText(/业务岗位培训人数 88 人次，指标完成率为 110%/)).toBeInTheDocument();
    expect(screen.getByText(/年度评价执行率为 99.63%。其中 3 月、6 月累计支出进度未达到序时目标。/)).toBeInTheDocument();
    expect(screen.getByText(/本部门结转结余率为 0.25%。/)).toBeInTheDocument();
    expect(screen.getByText("（1）任务一：围绕区委中心工作，做好以文辅政。")).toBeInTheDocument();
    expect(screen.getByText(/本年度部门预算项目共 3 个，调整后预算合计 690.00 万元，执行数合计 683.50 万元/)).toBeInTheDocument();
    expect(screen.getByText(/一是部门绩效管理制度仍需进一步规范/)).toBeInTheDocument();
  });

  it("lists every indicator in the appendix, grouped by level, with the total", () => {
    render(<ReportView evaluation={seedEvaluation} />);
    const table = screen.getByTestId("indicator-table");
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(1 + 18 + 1);
    const firstLevel1 = within(table).getByText("履职效能");
    expect(firstLevel1).toHaveAttribute("rowspan", "8");
    expect(within(table).getByText("预算执行")).toHaveAttribute("rowspan", "3");
    expect(texts(within(rows[rows.length - 1]).getAllByRole("cell"))).toEqual(["合计", "100", "99.69", ""]);
    const meeting = rows.find((r) => r.textContent?.includes("会议参与人数"))!;
    expect(texts(within(meeting).getAllByRole("cell"))).toEqual([
      "会议参与人数",
      "≥900 人次",
      "1,300 人次",
      "144.44%",
      "6",
      "6.00",
      "全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。",
    ]);
  });

  it("says which indicators fell short when some did", () => {
    const worse: ReportEvaluation = {
      ...seedEvaluation,
      indicators: seedEvaluation.indicators.map((i) =>
        i.name === "业务岗位培训人数" ? { ...i, effectiveActual: "60.00", completionRate: "75.00", attainment: "0.75", score: "4.50" } : i,
      ),
    };
    render(<ReportView evaluation={worse} />);
    expect(screen.getByText(/产出指标未全部达到预期目标：.*业务岗位培训人数 60 人次，指标完成率为 75%.*其中业务岗位培训人数未达到年度指标值。/)).toBeInTheDocument();
  });

  it("writes headings and sentences in English", async () => {
    await act(() => i18n.changeLanguage("en"));
    render(<ReportView evaluation={seedEvaluation} />);
    expect(texts(screen.getAllByRole("heading", { level: 2 }))).toEqual([
      "1. The department",
      "2. Self-evaluation",
      "3. Main problems",
      "4. Next steps",
    ]);
    expect(screen.getByTestId("spending")).toHaveTextContent(
      "In 2023 the department spent 1,829.40 (10k yuan): basic spending 962.44, of which personnel 886.83 and public (operating) 75.61; project spending 866.96. The adjusted budget",
    );
    expect(screen.getByTestId("score")).toHaveTextContent("scores 99.69, grade “Excellent”");
  });
});

function renderPage(node: unknown) {
  const mock = mockClient({ ReportEvaluation: { data: { node } } });
  renderWith(mock.client, <ReportPage />, { route: "/evaluations/8589934594/report", path: "/evaluations/:evaluationId/report" });
  return mock;
}

describe("ReportPage", () => {
  it("asks for the evaluation of the address and prints it", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    const { variablesOf } = renderPage(seedEvaluation);
    expect(variablesOf("ReportEvaluation")).toEqual([{ id: "8589934594" }]);
    expect(screen.getByTestId("report")).toBeInTheDocument();
    const styles = [...document.querySelectorAll("style")].map((s) => s.textContent ?? "");
    expect(styles.some((s) => s.includes("@media print") && s.includes(".ant-layout-header"))).toBe(true);
    await userEvent.click(screen.getByTestId("print"));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("says so when the evaluation cannot be read", () => {
    renderPage(null);
    expect(screen.queryByTestId("report")).not.toBeInTheDocument();
    expect(screen.getByText("未找到该评价，或您无权查看。")).toBeInTheDocument();
  });
});
