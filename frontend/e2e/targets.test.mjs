// Performance targets in the browser (绩效目标申报、审核、调整): the editor files the seed office's
// 2023 targets, the finance bureau approves them from its queue, the editor proposes raising
// 业务岗位培训人数 from 80 to 100 with a reason, the bureau approves that too, and the indicator
// editor shows the new target with the original beside it, scored against it (6 × 88 / 100 = 5.28).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { api, launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const office = "中共广州市南沙区委员会办公室";
const training = "业务岗位培训人数";

/** The office's 2023 department-year. */
async function officeYear() {
  const admin = await api(server, "admin");
  const r = await admin(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`);
  return r.departmentYears.edges[0].node.id;
}

/** Waits for a modal's opening animation to end (a screenshot or a click mid-zoom misses). */
const settled = (page) => page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter"));

/** The finance bureau approves the version waiting on the targets page it is on. */
async function approve(page, title) {
  await page.getByTestId("targets-actions").getByRole("button", { name: /^批\s?复$/ }).click();
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.getByLabel("批复意见（可选）").fill("同意");
  await dialog.getByRole("button", { name: /^批\s?复$/ }).click();
  await dialog.waitFor({ state: "hidden" });
}

test("targets are filed, approved, adjusted with a reason and approved again; the editor scores against the adjusted target", async () => {
  const year = await officeYear();

  // The editor files the year's targets from the department-year page.
  const editor = await signIn(browser, server, "editor");
  await editor.goto(`/years/${year}`);
  await editor.getByTestId("year-targets-status").getByText("未申报").waitFor();
  await editor.getByTestId("year-targets").click();
  await editor.getByTestId("targets-status").getByText("未申报").waitFor();
  await editor.getByTestId("targets-actions").getByRole("button", { name: "申报绩效目标" }).click();
  const filing = editor.getByRole("dialog", { name: "申报 2023 年度绩效目标" });
  await filing.getByLabel("申报说明（可选）").fill("2023年度绩效目标");
  await filing.getByRole("button", { name: /^申\s?报$/ }).click();
  await editor.getByText("已申报第 1 版绩效目标，等待财政局审核").waitFor();
  await editor.getByTestId("targets-status").getByText("已申报待审核").waitFor();
  await editor.getByTestId("version-1").getByText(/首次申报，共 \d+ 项指标/).waitFor();
  assert.equal(await editor.getByTestId("targets-actions").getByRole("button").count(), 0, "the editor waits for the bureau");

  // Filed, the targets are fixed in the indicator editor; the actual values are not.
  await editor.goto(`/years/${year}/indicators`);
  await editor.getByTestId("targets-fixed").getByText("绩效目标已申报，等待财政局审核").waitFor();
  await editor.getByLabel(`编辑「${training}」的实际完成值`).waitFor();
  assert.equal(await editor.getByLabel(`编辑「${training}」的指标值`).count(), 0, "the target cell is read-only");
  assert.equal(await editor.getByRole("button", { name: /新增指标/ }).count(), 0, "no indicator is added");
  await shot(editor, "targets-editor-fixed");

  // The bureau finds the filing in its queue and approves it.
  const reviewer = await signIn(browser, server, "reviewer");
  await reviewer.getByRole("link", { name: "目标审核" }).click();
  const waiting = reviewer.getByTestId("targets-queue").locator("tr", { hasText: office });
  await waiting.getByText("2023年度绩效目标").waitFor();
  await shot(reviewer, "targets-queue");
  await waiting.getByRole("link", { name: "审核" }).click();
  await reviewer.getByTestId("targets-status").getByText("已申报待审核").waitFor();
  await approve(reviewer, "批复第 1 版（申报）");
  await reviewer.getByText("已批复第 1 版").waitFor();
  await reviewer.getByTestId("targets-status").getByText("已批复").waitFor();
  await reviewer.getByTestId("in-force").locator("tr", { hasText: training }).getByText("≥80 人次").waitFor();

  // The editor proposes raising 业务岗位培训人数 from 80 to 100, saying why.
  await editor.goto(`/years/${year}/targets`);
  await editor.getByTestId("targets-status").getByText("已批复").waitFor();
  await editor.getByTestId("targets-actions").getByRole("button", { name: "申请调整" }).click();
  const adjusting = editor.getByRole("dialog", { name: "申请调整绩效目标" });
  await adjusting.getByLabel("按指标名称筛选").fill(training);
  await adjusting.getByLabel(`新指标值：${training}`).fill("100");
  // The reason is required: nothing is sent without it.
  await adjusting.getByRole("button", { name: "提交调整申请" }).click();
  await adjusting.getByText("请填写调整原因").waitFor();
  await adjusting.getByLabel("调整原因").fill("年中培训计划扩大");
  await adjusting.getByTestId("weight-total-overall").getByText(/部门整体 · 分值合计 100$/).waitFor();
  await settled(editor);
  await shot(editor, "targets-adjust");
  await adjusting.getByRole("button", { name: "提交调整申请" }).click();
  await editor.getByText("已提交第 2 版（调整），等待财政局审核").waitFor();
  await editor.getByTestId("targets-status").getByText("调整待审核").waitFor();
  const proposed = editor.getByTestId("changes-2").locator("tr", { hasText: training });
  await proposed.locator(".tgt-before").getByText("≥80 人次").waitFor();
  await proposed.locator(".tgt-after").getByText("≥100 人次").waitFor();

  // Until the bureau approves, the approved 80 scores.
  await editor.goto(`/years/${year}/indicators`);
  const row = editor.locator(".ind-row-leaf", { hasText: training });
  await row.locator(`[data-cell$=":target"]`, { hasText: /^80\.00$/ }).waitFor();
  await row.locator(".ind-score", { hasText: "6.00" }).waitFor();

  // The bureau approves the adjustment.
  await reviewer.goto(`/years/${year}/targets`);
  await reviewer.getByTestId("targets-status").getByText("调整待审核").waitFor();
  await reviewer.getByTestId("version-2").getByText("调整原因：年中培训计划扩大").waitFor();
  await approve(reviewer, "批复第 2 版（调整）");
  await reviewer.getByText("已批复第 2 版").waitFor();
  await reviewer.getByTestId("in-force").locator("tr", { hasText: training }).getByText("≥100 人次（原 80）").waitFor();
  await shot(reviewer, "targets-approved-adjustment");
  await reviewer.context().close();

  // The indicator editor: 100 with the original 80 beside it, scored against 100.
  await editor.reload();
  await row.locator(`[data-cell$=":target"]`, { hasText: "100.00（原 80.00）" }).waitFor();
  await row.locator(".ind-score", { hasText: "5.28" }).waitFor();
  await row.locator(".tgt-original").hover();
  await editor.locator(".ant-tooltip").getByText("原批复指标值 80.00；调整：第 2 版「年中培训计划扩大」").waitFor();
  await shot(editor, "targets-editor-adjusted");
  await editor.context().close();

  // Through the API, the same: the indicator's target in force, its original and its score.
  const admin = await api(server, "admin");
  const r = await admin(
    `query($y: ID!) { node(id: $y) { ... on DepartmentYear { targets { status versions { number kind status } }
      indicators(first: 100, where: {name: "${training}"}) { edges { node { target score targetAdjustment { originalTarget } } } } } } }`,
    { y: year },
  );
  assert.equal(r.node.targets.status, "APPROVED");
  assert.deepEqual(r.node.targets.versions.map((v) => `${v.number} ${v.kind} ${v.status}`), ["1 FILING APPROVED", "2 ADJUSTMENT APPROVED"]);
  const ind = r.node.indicators.edges[0].node;
  assert.deepEqual([ind.target, ind.score, ind.targetAdjustment.originalTarget], ["100.00", "5.28", "80.00"]);
});
