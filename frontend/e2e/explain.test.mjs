// Explanations in the browser: every score opens how it was computed. An editor opens the seed's
// indicator editor and reads three scores' derivations as the rules computed them (a positive
// indicator met, a reverse one bound to the figures, a qualitative one rated inside its band), then
// the evaluation's total as the sum of its subtotals; in English too; and downloads the report with
// its appendix 评分计算过程.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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

/** The seed office's 2023 department-year and its overall evaluation. */
async function office() {
  const editor = await api(server, "editor");
  const r = await editor(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) {
    edges { node { id overallEvaluation { id } } } } }`);
  return r.departmentYears.edges[0].node;
}

/** Opens an indicator's score's derivation in the editor and waits for the line. */
async function explain(page, name, label, line) {
  await page.getByRole("button", { name: label(name) }).click();
  const popover = page.locator(".ant-popover:not(.ant-popover-hidden)");
  await popover.getByText(line, { exact: true }).waitFor();
  return popover;
}

test("an editor reads how the seed's scores were computed, in Chinese and in English", async () => {
  const year = await office();
  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${year.id}/indicators`);
  await page.getByText("业务岗位培训人数").first().waitFor();
  const zh = (name) => `查看「${name}」得分的计算过程`;

  let popover = await explain(page, "业务岗位培训人数", zh, "6 × min(88 / 80, 1) = 6 × 1 = 6.00");
  await popover.getByText("正向指标，实际值达到指标值，得满分").waitFor();
  await popover.getByText("评分规则：系统内置评分规则").waitFor();
  await shot(page, "explain-training");
  await page.keyboard.press("Escape");

  popover = await explain(page, "结转结余率", zh, "4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00");
  await popover.getByText("反向指标，实际值未超过指标值，得满分").waitFor();
  await shot(page, "explain-carryover");
  await page.keyboard.press("Escape");

  popover = await explain(page, "绩效管理制度健全性", zh, "达成年度指标，自评 4.73，在 [4.00, 5.00] 内 → 4.73");
  await page.keyboard.press("Escape");

  // A deviation's reason: 会议参与人数 met its target at 144.44 %, at or above 130 %.
  popover = await explain(page, "会议参与人数", zh, "144.44 % ≥ 130 %");
  await popover.getByText("完成率达到或超过 130%，须填写偏差原因").waitFor();
  await page.keyboard.press("Escape");

  // The total: the level-1 subtotals' sum, and its grade.
  await page.goto(`/evaluations/${year.overallEvaluation.id}`);
  await page.getByRole("button", { name: "总分的计算过程" }).click();
  popover = page.locator(".ant-popover:not(.ant-popover-hidden)");
  await popover.getByText("50.00 + 49.69 = 99.69", { exact: true }).waitFor();
  await popover.getByText("99.69 ≥ 90 → 优", { exact: true }).waitFor();
  await popover.getByText("履职效能 / 产出 小计").waitFor();
  await shot(page, "explain-total");
  await page.keyboard.press("Escape");

  // The report with its appendix, from the download button's menu.
  await page.goto(`/evaluations/${year.overallEvaluation.id}/report`);
  await page.getByText(/综合得分为99.69分/).first().waitFor();
  await page.getByTestId("download-report.pdf-options").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: /含评分计算过程/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /部门整体支出绩效自评报告\.pdf$/);
  const body = readFileSync(await download.path());
  assert.equal(body.subarray(0, 4).toString("latin1"), "%PDF");
  await page.context().close();

  const english = await signIn(browser, server, "editor", "en");
  await english.goto(`/years/${year.id}/indicators`);
  await english.getByText("业务岗位培训人数").first().waitFor();
  const en = (name) => `How the score of “${name}” is computed`;
  popover = await explain(english, "绩效管理制度健全性", en, "Annual target achieved, rated 4.73 within [4.00, 5.00] → 4.73");
  await popover.getByText("Scoring rules: the built-in rules").waitFor();
  await english.keyboard.press("Escape");
  await explain(english, "结转结余率", en, "4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00");
  await shot(english, "explain-english");
  await english.context().close();
});
