// What-if and what it would take, in the browser: the editor tries another actual value in the
// seed's indicator editor, sees the difference beside it and the new total, and nothing is saved;
// the evaluation pages list what it would take to reach the next grade.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { api, launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser, admin;

before(async () => {
  server = await startServer();
  browser = await launch();
  admin = await api(server, "admin");
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** A department-year's id and its overall evaluation's. */
async function yearOf(code, year) {
  const r = await admin(
    `query($code: String!, $year: Int!) { departmentYears(where: {year: $year, hasDepartmentWith: {code: $code}}) {
      edges { node { id overallEvaluation { id score } } } } }`,
    { code, year },
  );
  return r.departmentYears.edges[0].node;
}

/** What a what-if must leave as it was: the office's trainees, its score and the audit trail's length. */
async function stored() {
  const r = await admin(`{
    auditRecords(first: 1) { totalCount }
    indicators(where: {name: "业务岗位培训人数", hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) {
      edges { node { actual score version } } }
    departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { overallEvaluation { score version } } } }
  }`);
  return JSON.stringify(r);
}

test("an editor tries 60 trainees in what-if mode, sees −1.50 and 98.19, and nothing is saved", async () => {
  const office = await yearOf("440115-001", 2023);
  const before = await stored();
  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${office.id}/indicators`);
  const name = "业务岗位培训人数";
  await page.getByLabel(`编辑「${name}」的实际完成值`).waitFor();

  await page.getByRole("switch", { name: "假设分析" }).click();
  const mode = page.getByTestId("whatif-mode");
  await mode.getByTestId("whatif-total").getByText("99.69").waitFor();
  const actual = mode.getByLabel(`假设「${name}」的实际完成值`);
  await actual.fill("60");
  await actual.press("Enter");

  const total = mode.getByTestId("whatif-total");
  await total.getByText("98.19").waitFor();
  assert.equal(await total.textContent(), "99.69 → 98.19 (−1.50)");
  const row = mode.locator("tr", { has: page.getByLabel(`假设「${name}」的实际完成值`) });
  assert.match(await row.textContent(), /88\.00 → 60\.00 \(−28\.00\)/);
  assert.match(await row.textContent(), /6\.00 → 4\.50 \(−1\.50\)/);
  assert.match(await row.textContent(), /110\.00 → 75\.00 \(−35\.00\)/); // the completion rate
  await mode.getByText("已修改 1 项").waitFor();
  await shot(page, "whatif-editor");

  // A figure re-derives the bound indicators: less project spending, a lower execution rate.
  const spending = mode.getByLabel("假设项目支出支出数");
  await spending.fill("800");
  await spending.press("Enter");
  await total.getByText("97.83").waitFor(); // 98.19 − 0.36
  await shot(page, "whatif-figures");

  // Leaving discards: back in the mode, the kept values again.
  await page.getByRole("switch", { name: "假设分析" }).click();
  await mode.waitFor({ state: "detached" });
  await page.getByRole("switch", { name: "假设分析" }).click();
  await mode.getByText("已修改 0 项").waitFor();
  assert.equal(await mode.getByTestId("whatif-total").textContent(), "99.69");
  assert.equal(await mode.getByLabel(`假设「${name}」的实际完成值`).inputValue(), "88.00");
  await page.getByRole("switch", { name: "假设分析" }).click();
  await mode.waitFor({ state: "detached" });

  // Reloading shows the stored values: nothing was saved.
  await page.reload();
  const cell = page.getByLabel(`编辑「${name}」的实际完成值`);
  await cell.waitFor();
  assert.match(await cell.textContent(), /^88(\.00)?$/);
  assert.equal(await page.getByRole("switch", { name: "假设分析" }).getAttribute("aria-checked"), "false");
  assert.equal(await stored(), before, "the what-if wrote nothing and left no audit record");
  await page.context().close();
});

test("the evaluation page lists what it would take to reach the next grade", async () => {
  // 区交通运输局 2023 (the demo's 差): 53.53, 6.47 below 中.
  const transport = await yearOf("440115-008", 2023);
  const page = await signIn(browser, server, "analyst");
  await page.goto(`/evaluations/${transport.overallEvaluation.id}`);
  const panel = page.getByTestId("next-grade-panel");
  await panel.getByText("达到「中」还需要").waitFor();
  await panel.getByText("当前 53.53 分（差），达到「中」需 60.00 分，还差 6.47 分。", { exact: false }).waitFor();
  const row = panel.locator("tr", { hasText: "出行群众满意度" });
  assert.match(await row.textContent(), /实际完成值 9\.50 → 70\.92（\+61\.42），总分 60\.00/);
  await panel.locator("tr", { hasText: "单项无法达到" }).first().waitFor();
  await shot(page, "next-grade");

  // The seed is at the top grade: its points lost alone.
  const office = await yearOf("440115-001", 2023);
  await page.goto(`/evaluations/${office.overallEvaluation.id}`);
  const seed = page.getByTestId("next-grade-panel");
  await seed.getByText("已是最高等级「优」：下面列出各项失分。").waitFor();
  const lost = await seed.locator("tr", { hasText: "绩效管理制度健全性" }).textContent();
  assert.ok(lost.includes("4.73 / 5.00") && lost.endsWith("0.27"), lost);
  await page.context().close();
});
