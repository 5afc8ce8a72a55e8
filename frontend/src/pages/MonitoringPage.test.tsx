import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient, type Reply } from "../test/urql";
import { renderWith } from "../test/render";
import MonitoringPage from "./MonitoringPage";
import { stepText } from "./monitoring/steps";
import i18n from "../i18n";

const year = {
  data: {
    node: {
      __typename: "DepartmentYear",
      id: "4294967298",
      year: 2023,
      viewerCan: { edit: true },
      department: { id: "2", name: "区委办" },
      projects: { edges: [{ node: { id: "30", name: "区委重要会议保障" } }] },
      monitoringReports: [{ id: "900", point: "2023-06-30", status: "DRAFT", projectID: null }],
    },
  },
};

const steps = [
  { code: "ELAPSED_SHARE", params: [{ name: "point", value: "2023-06-30" }, { name: "months", value: "6" }, { name: "share", value: "0.5" }] },
  { code: "LINEAR", params: [{ name: "valueToDate", value: "30" }, { name: "share", value: "0.5" }, { name: "expected", value: "60" }] },
  { code: "RATIO", params: [{ name: "expected", value: "60" }, { name: "target", value: "80" }, { name: "ratio", value: "0.75" }] },
  { code: "LIGHT_POSITIVE", params: [{ name: "ratio", value: "0.75" }, { name: "light", value: "RED" }, { name: "yellowFloor", value: "0.9" }] },
];

function report(over: Record<string, unknown> = {}) {
  return {
    __typename: "MonitoringReport",
    id: "900",
    point: "2023-06-30",
    status: "DRAFT",
    projectID: null,
    reviewComment: "",
    submittedByName: "",
    reviewedByName: "",
    viewerCan: { edit: true, submit: true, review: false },
    entries: [
      {
        indicator: { id: "11", level1: "履职效能", level2: "产出", name: "业务岗位培训人数", kind: "QUANTITATIVE", unit: "人次", operator: "GE", target: "80" },
        valueToDate: "30",
        computedExpected: "60.0000",
        expected: "60.0000",
        expectedSteps: steps,
        computedLikelihood: "UNLIKELY",
        computedLight: "RED",
        likelihood: "UNLIKELY",
        light: "RED",
        overridden: false,
        expectedOverride: null,
        likelihoodOverride: null,
        overrideReason: "",
        causeCategory: null,
        cause: "",
        measure: "",
        note: "",
        explanationRequired: true,
        fromLastYear: false,
      },
    ],
    budget: {
      month: 6,
      adjustedBudget: "1836.19",
      executedToDate: "900.00",
      fromMonths: true,
      rateToDate: "49.01",
      targetPercent: "50.00",
      computedExpectedRate: "98.02",
      expectedRate: "98.02",
      expectedSteps: [],
      computedLight: "YELLOW",
      light: "YELLOW",
      overridden: false,
      explanationRequired: true,
      months: [{ month: 6, executed: "900.00", targetPercent: "50.00", rate: "49.01" }],
    },
    budgetExecuted: null,
    budgetExpectedOverride: null,
    budgetOverrideReason: "",
    budgetCause: "",
    budgetMeasure: "",
    submitProblems: [],
    ...over,
  };
}

function page(replies: Record<string, Reply>) {
  const m = mockClient({ MonitoringPage: year, MonitoringReport: { data: { node: report() } }, ...replies });
  renderWith(m.client, <MonitoringPage />, { route: "/years/4294967298/monitoring", path: "/years/:yearId/monitoring" });
  return m;
}

describe("MonitoringPage", () => {
  it("shows each indicator's light, says how it was computed, and asks for the cause of a red one", async () => {
    page({});
    const row = (await screen.findByText("业务岗位培训人数")).closest("tr")!;
    expect(within(row).getByText("60人次")).toBeInTheDocument();
    expect(within(row).getByTestId("monitoring-light")).toHaveAttribute("data-light", "RED");
    expect(within(row).getAllByText("黄灯、红灯须填写")).toHaveLength(2);
    fireEvent.mouseEnter(within(row).getByTestId("monitoring-light"));
    expect(await screen.findByText("按时间进度测算：30 ÷ 0.5 = 60")).toBeInTheDocument();
    expect(screen.getByText("比值 ≥ 1 为绿灯，≥ 0.9 为黄灯，否则红灯：红灯")).toBeInTheDocument();
    expect(screen.getByTestId("monitoring-budget")).toHaveTextContent("49.01%");
    expect(screen.getByTestId("chart")).toHaveAttribute("aria-label", "累计执行进度与目标进度");
  });

  it("saves an entry with its cause and measure, and lists a refused submission's problems by indicator", async () => {
    const m = page({
      SetMonitoringEntry: { data: { setMonitoringEntry: report() } },
      SubmitMonitoring: gqlErrors(
        ["x", { code: "SUBMIT_CHECK", reason: "MEASURE_MISSING", field: "measure", indicatorID: "11", indicatorName: "业务岗位培训人数", params: { name: "业务岗位培训人数" } }],
        ["y", { code: "SUBMIT_CHECK", reason: "CAUSE_MISSING", field: "budgetCause", params: { name: "预算执行" } }],
        ["z", { code: "SUBMIT_CHECK", reason: "REFUSED", params: { problems: 2 } }],
      ),
    });
    fireEvent.click(await screen.findByTestId("monitoring-edit-11"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("偏差原因"), { target: { value: "骨干借调" } });
    fireEvent.change(within(dialog).getByLabelText("整改措施"), { target: { value: "下半年集中培训" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保 存" }));
    await waitFor(() =>
      expect(m.variablesOf("SetMonitoringEntry")).toEqual([
        {
          report: "900",
          indicator: "11",
          input: { valueToDate: "30", expectedOverride: null, likelihoodOverride: null, overrideReason: "", causeCategory: null, cause: "骨干借调", measure: "下半年集中培训", note: "" },
        },
      ]),
    );
    fireEvent.click(screen.getByTestId("monitoring-submit"));
    const alert = await screen.findByTestId("monitoring-errors");
    expect(alert).toHaveTextContent("业务岗位培训人数：黄灯、红灯须填写整改措施");
    expect(alert).toHaveTextContent("预算执行情况：黄灯、红灯须填写偏差原因");
  });

  it("lets the bureau return a submitted report with its reason", async () => {
    const submitted = report({ status: "SUBMITTED", viewerCan: { edit: false, submit: false, review: true } });
    const m = page({
      MonitoringReport: { data: { node: submitted } },
      ReturnMonitoring: { data: { returnMonitoringReport: { ...submitted, status: "RETURNED", reviewComment: "请细化" } } },
    });
    fireEvent.click(await screen.findByTestId("monitoring-return"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("退回原因"), { target: { value: "请细化" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "退 回" }));
    await waitFor(() => expect(m.variablesOf("ReturnMonitoring")).toEqual([{ id: "900", comment: "请细化" }]));
    expect(screen.queryByTestId("monitoring-edit-11")).toBeNull();
  });

  it("writes the steps in English too", async () => {
    await i18n.changeLanguage("en");
    expect(stepText(i18n.t, steps[3])).toBe("Ratio ≥ 1 is green, ≥ 0.9 yellow, else red: Red");
  });
});
