import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { renderWith } from "../../test/render";
import { gqlErrors, mockClient, type Reply } from "../../test/urql";
import ReportPage from "../ReportPage";
import type { ReportEvaluation } from "./query";
import ReportView from "./ReportView";
import { seedReportAnswer } from "./seed.fixture";

const seed: ReportEvaluation = seedReportAnswer.node;
const texts = (elements: HTMLElement[]) => elements.map((e) => e.textContent);
const section = (key: string) => document.querySelector<HTMLElement>(`[data-section="${key}"]`)!;

beforeEach(() => i18n.changeLanguage("zh-CN"));
afterEach(cleanup);

describe("ReportView draws the server's report", () => {
  it("as the server numbers and titles its sections: the seed report's four parts", () => {
    render(<ReportView report={seed.report} />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("2023年度中共广州市南沙区委员会办公室部门整体支出绩效自评报告");
    expect(texts(screen.getAllByRole("heading", { level: 2 }))).toEqual([
      "一、部门基本情况",
      "二、绩效自评情况",
      "三、存在的主要问题",
      "四、下一步改进措施",
    ]);
    expect(texts(screen.getAllByRole("heading", { level: 3 })).map((s) => s?.replace("系统草稿", ""))).toEqual([
      "（一）部门职能",
      "（二）年度总体工作和重点工作任务",
      "（三）部门整体支出绩效目标",
      "（四）部门整体收支情况",
      "（五）部门整体绩效管理情况",
      "（一）自评结论",
      "（二）履职效能分析",
      "（三）管理效率分析",
    ]);
    expect(screen.getAllByRole("heading", { level: 4 }).map((h) => h.textContent?.replace("系统草稿", ""))).toContain("7.运行成本情况");
    expect(screen.getByRole("heading", { level: 5, name: /（1）任务一：围绕区委中心工作，做好以文辅政/ })).toBeInTheDocument();
  });

  it("prints the server's sentences and figures as they come", () => {
    render(<ReportView report={seed.report} />);
    expect(section("1.4")).toHaveTextContent(
      "2023年本部门整体支出为1829.4万元，其中基本支出962.44万元（人员经费886.83万元，公用支出75.61万元），项目支出866.96万元。",
    );
    expect(section("2.1")).toHaveTextContent("综合得分为99.69分，评价等级为“优”");
    expect(section("2.2.2")).toHaveTextContent("业务岗位培训人数88人次，指标完成率为110%");
    expect(section("2.2.4")).toHaveTextContent("年度评价执行率为99.63%");
  });

  it("runs a heading into its paragraph where the server says so", () => {
    render(<ReportView report={seed.report} />);
    const carryover = section("2.3.2.1");
    expect(within(carryover).queryByRole("heading")).not.toBeInTheDocument();
    expect(carryover.querySelector("p")).toHaveTextContent(/^（1）结转结余率：本部门年末结转结余决算数为4.58万元/);
  });

  it("marks the drafts of texts the department has not written, and only those", () => {
    render(<ReportView report={seed.report} />);
    const costs = section("2.3.7");
    expect(within(costs).getByText("系统草稿")).toHaveClass("jx-no-print");
    const drafts = [...document.querySelectorAll(".jx-report-draft")].map((p) => p.closest("section")?.dataset.section);
    expect(drafts).toEqual(["2.3.7"]);
    expect(within(section("2.3.4")).queryByText("系统草稿")).not.toBeInTheDocument();
  });

  it("draws a table with the cells the server merged", () => {
    render(<ReportView report={seed.report} />);
    const table = within(section("2.1")).getByRole("table");
    expect(within(table).getByText("部门整体支出绩效自评指标得分情况")).toBeInTheDocument();
    expect(within(table).getByText("履职效能")).toHaveAttribute("rowspan", "8");
    expect(within(table).getByText("预算执行")).toHaveAttribute("rowspan", "3");
    const rows = within(table).getAllByRole("row");
    expect(texts(within(rows[rows.length - 1]).getAllByRole("cell"))).toEqual(["合计", "100", "99.69", ""]);
    expect(within(rows[rows.length - 1]).getByText("合计")).toHaveAttribute("colspan", "6");
    expect(within(table).getByText("99.69")).toHaveClass("num");
  });

  it("keeps the report Chinese when the screen is in English", async () => {
    await act(() => i18n.changeLanguage("en"));
    render(<ReportView report={seed.report} />);
    expect(screen.getByTestId("report")).toHaveAttribute("lang", "zh-CN");
    expect(texts(screen.getAllByRole("heading", { level: 2 }))[0]).toBe("一、部门基本情况");
    expect(within(section("2.3.7")).getByText("Draft")).toBeInTheDocument();
  });
});

const route = { route: "/evaluations/8589934594/report", path: "/evaluations/:evaluationId/report" };

function renderPage(node: unknown, replies: Record<string, Reply> = {}) {
  const mock = mockClient({ Report: { data: { node } }, ...replies });
  renderWith(mock.client, <ReportPage />, route);
  return mock;
}

/** The seed's report as somebody who may not edit the evaluation reads it. */
const readOnly = { ...seed, viewerCan: { edit: false } };

describe("ReportPage", () => {
  it("asks for the evaluation of the address, says how long the report is, and prints it", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    const { variablesOf } = renderPage(seed);
    expect(variablesOf("Report")).toEqual([{ id: "8589934594" }]);
    expect(screen.getByTestId("report")).toBeInTheDocument();
    expect(screen.getByTestId("characters")).toHaveTextContent("全文 3454 字");
    const styles = [...document.querySelectorAll("style")].map((s) => s.textContent ?? "");
    expect(styles.some((s) => s.includes("@media print") && s.includes(".jx-no-print") && s.includes(".jx-report-draft"))).toBe(true);
    await userEvent.click(screen.getByTestId("print"));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("offers no editing to whoever the server does not let edit", () => {
    renderPage(readOnly);
    expect(screen.queryByRole("button", { name: /编辑/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/标有“系统草稿”的段落/)).not.toBeInTheDocument();
  });

  it("tells an editor what the drafts are", () => {
    renderPage(seed);
    expect(screen.getByText(/标有“系统草稿”的段落是系统拟写的初稿/)).toBeInTheDocument();
  });

  it("offers editing of exactly the sections that take the department's text", () => {
    renderPage(seed);
    const editable = seed.report.sections.filter((s) => s.text).map((s) => s.title);
    expect(screen.getAllByRole("button", { name: /^编辑“/ }).map((b) => b.getAttribute("aria-label"))).toEqual(
      editable.map((title) => `编辑“${title}”`),
    );
    expect(within(section("2.2.2")).queryByRole("button")).not.toBeInTheDocument();
  });

  it("starts the department's text from the draft, saves it with the version read, and reloads the report", async () => {
    const { variablesOf } = renderPage(seed, {
      SetReportText: { data: { setReportText: { key: "2.3.7", text: { version: 1, written: true } } } },
    });
    await userEvent.click(within(section("2.3.7")).getByRole("button", { name: "编辑“运行成本情况”" }));
    const box = within(section("2.3.7")).getByRole("textbox", { name: "编辑“运行成本情况”" });
    const draft = seed.report.sections.find((s) => s.key === "2.3.7")!.text!.draft;
    expect(box).toHaveValue(draft);
    expect(within(section("2.3.7")).getByText("本节文字随本报告保存。")).toBeInTheDocument();
    await userEvent.clear(box);
    await userEvent.type(box, "本办严格控制运行成本。");
    await userEvent.click(within(section("2.3.7")).getByRole("button", { name: /保\s*存/ }));
    await waitFor(() => expect(variablesOf("SetReportText")).toHaveLength(1));
    expect(variablesOf("SetReportText")[0]).toEqual({ evaluationID: "8589934594", section: "2.3.7", text: "本办严格控制运行成本。", version: 0 });
    await waitFor(() => expect(variablesOf("Report")).toHaveLength(2));
    expect(within(section("2.3.7")).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("edits the conclusion as the evaluation's own text, and can bring the draft back", async () => {
    const { variablesOf } = renderPage(seed, {
      SetReportText: { data: { setReportText: { key: "2.1", text: { version: 2, written: false } } } },
    });
    const conclusion = seed.report.sections.find((s) => s.key === "2.1")!.text!;
    await userEvent.click(within(section("2.1")).getByRole("button", { name: "编辑“自评结论”" }));
    expect(within(section("2.1")).getByRole("textbox")).toHaveValue(conclusion.value);
    expect(within(section("2.1")).getByText("本节文字即本评价的“自评结论”。")).toBeInTheDocument();
    await userEvent.click(within(section("2.1")).getByRole("button", { name: "恢复系统草稿" }));
    await waitFor(() => expect(variablesOf("SetReportText")).toHaveLength(1));
    expect(variablesOf("SetReportText")[0]).toMatchObject({ section: "2.1", text: "", version: conclusion.version });
  });

  it("says why a save was refused and keeps the text", async () => {
    renderPage(seed, {
      SetReportText: gqlErrors(["evaluation 8589934594 is SUBMITTED", { code: "LOCKED", status: "SUBMITTED", evaluationID: "8589934594" }]),
    });
    await userEvent.click(within(section("2.3.7")).getByRole("button", { name: "编辑“运行成本情况”" }));
    await userEvent.click(within(section("2.3.7")).getByRole("button", { name: /保\s*存/ }));
    expect(await within(section("2.3.7")).findByRole("alert")).toBeInTheDocument();
    expect(within(section("2.3.7")).getByRole("textbox")).toBeInTheDocument();
  });

  it("writes its chrome in English", async () => {
    await act(() => i18n.changeLanguage("en"));
    renderPage(seed);
    expect(screen.getByTestId("print")).toHaveTextContent("Print");
    expect(screen.getByTestId("characters")).toHaveTextContent("3454 Chinese characters");
    expect(within(section("2.3.7")).getByRole("button", { name: "Edit “运行成本情况”" })).toBeInTheDocument();
  });

  it("says so when the evaluation cannot be read", () => {
    renderPage(null);
    expect(screen.queryByTestId("report")).not.toBeInTheDocument();
    expect(screen.getByText("未找到该评价，或您无权查看。")).toBeInTheDocument();
  });
});
