import { describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import { renderWith } from "../../test/render";
import { gqlErrors, mockClient, type Reply } from "../../test/urql";
import TargetsPage from "../TargetsPage";
import TargetsQueuePage from "../TargetsQueuePage";
import { pageAnswer, targetChange, targetsYear, v1, v2, v3 } from "./fixture";

function page(year: ReturnType<typeof targetsYear>, replies: Record<string, Reply> = {}) {
  const m = mockClient({ TargetsPage: pageAnswer(year), ...replies });
  renderWith(m.client, <TargetsPage />, { route: "/years/10/targets", path: "/years/:yearId/targets" });
  return m;
}

const actions = () => within(screen.getByTestId("targets-actions"));
/** Ant Design spaces a two-character Chinese button label: 申报 reads "申 报". */
const spaced = (label: string) => new RegExp(`^${[...label].join("\\s?")}$`);
const dialog = () => screen.findByRole("dialog");

describe("TargetsPage", () => {
  it("shows where the targets stand and only the actions the server allows", async () => {
    page(targetsYear("NOT_FILED", [], { file: true }));
    expect(await screen.findByTestId("targets-status")).toHaveTextContent("未申报");
    expect(actions().getByRole("button", { name: "申报绩效目标" })).toBeInTheDocument();
    for (const name of ["申请调整", "批复", "退回"]) expect(actions().queryByRole("button", { name: spaced(name) })).toBeNull();
    expect(screen.getByText("尚未申报")).toBeInTheDocument();
  });

  it("offers nothing to a caller the server allows nothing (an analyst), and says a filing waits", async () => {
    page(targetsYear("FILED", [{ ...v1, status: "SUBMITTED", reviewComment: "", reviewedByName: "", reviewedAt: null }]));
    expect(await screen.findByTestId("targets-status")).toHaveTextContent("已申报待审核");
    expect(actions().queryAllByRole("button")).toHaveLength(0);
    expect(screen.getByTestId("targets-pending")).toHaveTextContent("第 1 版（申报）");
  });

  it("files the targets with the note typed, and says what the server refused", async () => {
    let calls = 0;
    const m = page(targetsYear("RETURNED", [v1], { file: true }), {
      FileTargets: () =>
        ++calls === 1
          ? gqlErrors(["业务岗位培训人数 has no target", { code: "BAD_USER_INPUT", field: "departmentYearID", reason: "TARGET_MISSING", params: { indicatorID: "i1", name: "业务岗位培训人数" } }])
          : { data: { fileTargets: { ...v2, status: "SUBMITTED" } } },
    });
    expect(await screen.findByTestId("targets-status")).toHaveTextContent("已退回");
    fireEvent.click(actions().getByRole("button", { name: "重新申报绩效目标" }));
    const d = await dialog();
    fireEvent.change(within(d).getByLabelText("申报说明（可选）"), { target: { value: " 2023年度绩效目标（修改后） " } });
    fireEvent.click(within(d).getByRole("button", { name: spaced("申报") }));
    expect(await within(d).findByText("「业务岗位培训人数」尚未填写计算符号或指标值：申报前每个定量指标都须填写。")).toBeInTheDocument();
    expect(within(d).getByRole("link", { name: "打开指标编辑" })).toHaveAttribute("href", "/years/10/indicators");
    fireEvent.click(within(d).getByRole("button", { name: spaced("申报") }));
    await waitFor(() => expect(m.variablesOf("FileTargets")).toHaveLength(2));
    expect(m.variablesOf("FileTargets")[1]).toEqual({ departmentYearID: "10", note: "2023年度绩效目标（修改后）" });
    expect(await screen.findByText("已申报第 2 版绩效目标，等待财政局审核")).toBeInTheDocument();
    // The page reads the targets again.
    await waitFor(() => expect(m.variablesOf("TargetsPage").length).toBeGreaterThan(1));
  });

  it("proposes an adjustment: new values per row, the weight totals after it, a reason required", async () => {
    const m = page(targetsYear("APPROVED", [v1, v2], { adjust: true }), {
      ProposeTargetAdjustment: { data: { proposeTargetAdjustment: v3 } },
    });
    fireEvent.click(await screen.findByRole("button", { name: "申请调整" }));
    const d = await dialog();
    expect(within(d).getByTestId("weight-total-overall")).toHaveTextContent("部门整体 · 分值合计 20");
    expect(within(d).getByTestId("weight-total-p1")).toHaveTextContent("项目：会议及综合服务 · 分值合计 20");
    // A qualitative indicator has no target to change, only its weight.
    expect(within(d).queryByLabelText("新指标值：服务对象满意度")).toBeNull();
    expect(within(d).getByLabelText("新分值：服务对象满意度")).toBeInTheDocument();

    // Nothing typed: nothing is sent, and both what is missing are said.
    fireEvent.click(within(d).getByRole("button", { name: "提交调整申请" }));
    expect(await within(d).findByText("请填写调整原因")).toBeInTheDocument();
    expect(within(d).getByText("请至少为一项指标填写新的指标值或分值")).toBeInTheDocument();

    fireEvent.change(within(d).getByLabelText("新指标值：业务岗位培训人数"), { target: { value: "100" } });
    fireEvent.change(within(d).getByLabelText("新分值：督查件按期办结率"), { target: { value: "4x" } });
    expect(within(d).getByText("请输入数字")).toBeInTheDocument();
    fireEvent.change(within(d).getByLabelText("新分值：督查件按期办结率"), { target: { value: "8" } });
    // A value typed as it stands changes nothing.
    fireEvent.change(within(d).getByLabelText("新指标值：会议保障次数"), { target: { value: "12" } });
    expect(within(d).getByTestId("adjust-count")).toHaveTextContent("已调整 2 项");
    expect(within(d).getByTestId("weight-total-overall")).toHaveTextContent("部门整体 · 分值合计 20 → 24");
    expect(within(d).getByTestId("weight-total-p1")).toHaveTextContent("项目：会议及综合服务 · 分值合计 20");

    // The reason is still missing.
    fireEvent.click(within(d).getByRole("button", { name: "提交调整申请" }));
    expect(await within(d).findByText("请填写调整原因")).toBeInTheDocument();
    expect(m.variablesOf("ProposeTargetAdjustment")).toEqual([]);

    fireEvent.change(within(d).getByLabelText("调整原因"), { target: { value: "年中培训计划扩大" } });
    fireEvent.click(within(d).getByRole("button", { name: "提交调整申请" }));
    await waitFor(() =>
      expect(m.variablesOf("ProposeTargetAdjustment")).toEqual([
        {
          departmentYearID: "10",
          reason: "年中培训计划扩大",
          changes: [
            { indicatorID: "i1", target: "100" },
            { indicatorID: "i2", weight: "8" },
          ],
        },
      ]),
    );
    expect(await screen.findByText("已提交第 3 版（调整），等待财政局审核")).toBeInTheDocument();
  });

  it("puts the server's refusals of an adjustment next to the row and field they name", async () => {
    page(targetsYear("APPROVED", [v1, v2], { adjust: true }), {
      ProposeTargetAdjustment: gqlErrors(
        ["changes.1.target: 服务对象满意度 is qualitative", { code: "BAD_USER_INPUT", field: "changes.1.weight", reason: "NO_CHANGE", params: {} }],
        ["changes.0.target: …", { code: "BAD_USER_INPUT", field: "changes.0.target", reason: "NEGATIVE", params: {} }],
        ["department-year 10's targets are ADJUSTING", { code: "BAD_USER_INPUT", field: "departmentYearID", reason: "TARGETS_NOT_IN_FORCE", params: { status: "ADJUSTING" } }],
      ),
    });
    fireEvent.click(await screen.findByRole("button", { name: "申请调整" }));
    const d = await dialog();
    fireEvent.change(within(d).getByLabelText("新指标值：业务岗位培训人数"), { target: { value: "-1" } });
    fireEvent.change(within(d).getByLabelText("新分值：督查件按期办结率"), { target: { value: "4.5" } });
    fireEvent.change(within(d).getByLabelText("调整原因"), { target: { value: "x" } });
    fireEvent.click(within(d).getByRole("button", { name: "提交调整申请" }));
    const row = (name: string) => within(d).getByText(name).closest("tr") as HTMLElement;
    // changes.0 is the first change sent (培训人数), changes.1 the second (督查件).
    expect(await within(row("业务岗位培训人数")).findByText("指标值：不能为负数。")).toBeInTheDocument();
    expect(within(row("督查件按期办结率")).getByText("没有调整：请填写与现行目标不同的指标值或分值。")).toBeInTheDocument();
    expect(within(d).getByText("只有已批复、且没有待审核调整的绩效目标才能申请调整。")).toBeInTheDocument();
    expect(d).not.toHaveTextContent(/qualitative|ADJUSTING/);
  });

  it("lets the bureau approve a waiting adjustment, or return it only with a comment", async () => {
    const m = page(targetsYear("ADJUSTING", [v1, v2, v3], { review: true }), {
      ReturnTargets: { data: { returnTargets: { ...v3, status: "RETURNED", reviewComment: "请说明培训计划" } } },
      ApproveTargets: { data: { approveTargets: { ...v3, status: "APPROVED" } } },
    });
    expect(await screen.findByTestId("targets-status")).toHaveTextContent("调整待审核");
    expect(actions().queryByRole("button", { name: "申请调整" })).toBeNull();

    fireEvent.click(actions().getByRole("button", { name: spaced("退回") }));
    let d = await dialog();
    expect(d).toHaveTextContent("退回第 3 版（调整）");
    fireEvent.click(within(d).getByRole("button", { name: spaced("退回") }));
    expect(await within(d).findByText("退回须说明需要修改的内容")).toBeInTheDocument();
    expect(m.variablesOf("ReturnTargets")).toEqual([]);
    fireEvent.change(within(d).getByLabelText("退回原因"), { target: { value: "请说明培训计划" } });
    fireEvent.click(within(d).getByRole("button", { name: spaced("退回") }));
    await waitFor(() => expect(m.variablesOf("ReturnTargets")).toEqual([{ id: "v3", comment: "请说明培训计划" }]));
    expect(await screen.findByText("已退回第 3 版")).toBeInTheDocument();

    fireEvent.click(actions().getByRole("button", { name: spaced("批复") }));
    d = await dialog();
    expect(d).toHaveTextContent("批复后，调整的指标值和分值写入指标并重新计分。");
    fireEvent.click(within(d).getByRole("button", { name: spaced("批复") }));
    await waitFor(() => expect(m.variablesOf("ApproveTargets")).toEqual([{ id: "v3", comment: undefined }]));
    expect(await screen.findByText("已批复第 3 版")).toBeInTheDocument();
  });

  it("shows the targets in force, each version with its differences, and compares any two", async () => {
    const approvedV3 = { ...v3, status: "APPROVED" as const, reviewedByName: "reviewer", reviewedAt: "2026-12-10T10:00:00Z" };
    const m = page(
      targetsYear("APPROVED", [v1, v2, approvedV3], { adjust: true }, { indicatorID: "i1", originalTarget: "85.00", reason: "年中培训计划扩大", number: 3 }),
      {
        TargetChanges: (vars) => ({
          data: { targetChanges: vars.fromID === "v1" ? [targetChange("80.00", "100.00")] : [targetChange("85.00", "100.00")] },
        }),
      },
    );
    // In force: version 3, grouped by subject; the adjusted target with its original beside it.
    const inForce = await screen.findByTestId("in-force");
    expect(screen.getByText("在用绩效目标（第 3 版）")).toBeInTheDocument();
    expect(within(inForce).getByText("部门整体")).toBeInTheDocument();
    expect(within(inForce).getByText("项目：会议及综合服务")).toBeInTheDocument();
    expect(within(inForce).getByText("业务岗位培训人数").closest("tr")).toHaveTextContent("≥100 人次（原 85）");
    expect(within(inForce).getByText("服务对象满意度").closest("tr")).toHaveTextContent("定性");

    // The history, newest first: who and when, reasons and comments, and what each changed (原 → 新).
    const third = screen.getByTestId("version-3");
    expect(third).toHaveTextContent("第 3 版（调整）");
    expect(third).toHaveTextContent("已批复");
    expect(third).toHaveTextContent("调整原因：年中培训计划扩大");
    expect(third).toHaveTextContent("与当时在用的版本相比的变化（1 项）");
    const diff = within(screen.getByTestId("changes-3")).getByText("业务岗位培训人数").closest("tr") as HTMLElement;
    expect(diff.querySelector("[data-changed]")).toHaveTextContent("≥85 人次 → ≥100 人次");
    expect(diff.querySelector(".tgt-before")).toHaveTextContent("≥85 人次");
    expect(diff.querySelector(".tgt-after")).toHaveTextContent("≥100 人次");
    expect(diff).toHaveTextContent("6"); // the weight did not change: shown once, not highlighted
    expect(diff.querySelectorAll("[data-changed]")).toHaveLength(1);
    expect(screen.getByTestId("version-2")).toHaveTextContent("与上次退回的申报相比的变化（1 项）");
    const first = screen.getByTestId("version-1");
    expect(first).toHaveTextContent("首次申报，共 4 项指标");
    expect(first).toHaveTextContent("已退回");
    expect(first).toHaveTextContent("审核意见：培训人数目标偏低");
    expect(first).toHaveTextContent("申报说明：2023年度绩效目标");
    // A version's own tree on demand.
    fireEvent.click(within(first).getByRole("button", { name: "查看该版指标（4 项）" }));
    expect(within(screen.getByTestId("entries-1")).getByText("业务岗位培训人数").closest("tr")).toHaveTextContent("≥80 人次");

    // Compare: the latest against the one before by default, then any two.
    await waitFor(() => expect(m.variablesOf("TargetChanges")).toEqual([{ fromID: "v2", toID: "v3" }]));
    expect(await screen.findByTestId("compare-changes")).toHaveTextContent("≥85 人次 → ≥100 人次");
    fireEvent.mouseDown(within(screen.getByTestId("compare-from")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("第 1 版（申报） · 已退回"));
    await waitFor(() => expect(m.variablesOf("TargetChanges")).toContainEqual({ fromID: "v1", toID: "v3" }));
    expect(await screen.findByText("≥80 人次", { selector: "[data-testid=compare-changes] .tgt-before" })).toBeInTheDocument();
  });

  it("says it in English too", async () => {
    await act(() => i18n.changeLanguage("en"));
    page(targetsYear("ADJUSTING", [v1, v2, v3], { review: true }));
    expect(await screen.findByTestId("targets-status")).toHaveTextContent("Adjustment awaiting review");
    expect(screen.getByTestId("version-3")).toHaveTextContent("Reason: 年中培训计划扩大");
    expect(actions().getByRole("button", { name: "Approve" })).toBeInTheDocument();
  });
});

describe("TargetsQueuePage", () => {
  it("lists the versions waiting for the bureau, each linking to its year's targets", async () => {
    const m = mockClient({
      TargetsQueue: {
        data: {
          targetVersions: {
            totalCount: 2,
            edges: [
              {
                node: {
                  id: "v1",
                  number: 1,
                  kind: "FILING",
                  reason: "2023年度绩效目标",
                  submittedByName: "editor",
                  createdAt: "2026-12-07T09:00:00Z",
                  departmentYear: { id: "10", year: 2023, department: { id: "2", code: "440115-001", name: "区委办" } },
                },
              },
              {
                node: {
                  id: "v9",
                  number: 3,
                  kind: "ADJUSTMENT",
                  reason: "年中计划调整",
                  submittedByName: "editor2",
                  createdAt: "2026-12-08T09:00:00Z",
                  departmentYear: { id: "11", year: 2023, department: { id: "3", code: "440115-002", name: "财政局" } },
                },
              },
            ],
          },
        },
      },
    });
    renderWith(m.client, <TargetsQueuePage />);
    const table = await screen.findByTestId("targets-queue");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("区委办");
    expect(rows[0]).toHaveTextContent("申报");
    expect(within(rows[0]).getByRole("link", { name: "审核" })).toHaveAttribute("href", "/years/10/targets");
    expect(rows[1]).toHaveTextContent("第 3 版");
    expect(rows[1]).toHaveTextContent("年中计划调整");
    expect(within(rows[1]).getByRole("link", { name: "审核" })).toHaveAttribute("href", "/years/11/targets");
  });
});
