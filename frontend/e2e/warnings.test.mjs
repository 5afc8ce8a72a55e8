// Warnings in the browser: an editor types a percentage as a share and is told so, beside the
// indicator and at submission, which goes through all the same; a reviewer finds every kind of
// warning the demo shows (住房和城乡建设局's 2024 draft) on the pages that show them.
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

/** The department-year of a department code and year, its overall evaluation and projects. */
async function yearOf(code, year) {
  const admin = await api(server, "admin");
  const r = await admin(
    `query($code: String!, $year: Int!) { departmentYears(where: {year: $year, hasDepartmentWith: {code: $code}}) {
      edges { node { id overallEvaluation { id } projects(first: 10) { edges { node { id code } } } } } } }`,
    { code, year },
  );
  return r.departmentYears.edges[0].node;
}

const share = "指标值 1 的单位是 %：若指 100%，请填写 100。";

test("an editor types a % target of 1, is warned beside the indicator and at submission, and submits", async () => {
  const office = await yearOf("440115-001", 2023);
  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${office.id}/indicators`);
  const name = "交办任务事项完成率";
  await page.getByLabel(`编辑「${name}」的指标值`).click();
  await page.keyboard.type("1");
  await page.keyboard.press("Enter");
  // 100 against a target of 1 is 10000 %: the rules ask for a reason, the warning says why. The
  // prompt opens when the save answers; Escape before it would dismiss it ("later").
  const prompt = page.getByRole("dialog", { name: "请填写偏差原因分析" });
  await prompt.waitFor();
  await prompt.getByLabel("偏差原因分析").fill("目标值按比例填写。");
  await prompt.getByRole("button", { name: /保\s*存/ }).click();
  await prompt.waitFor({ state: "hidden" });
  await page.keyboard.press("Escape"); // leaves the next row's cell, which Enter opened
  await page.waitForLoadState("networkidle");

  const icon = page.getByRole("img", { name: `提示：${share}` });
  await icon.waitFor();
  await icon.hover();
  await page.locator(".ant-tooltip").getByText(share).waitFor();
  await shot(page, "warning-editor");

  await page.goto(`/evaluations/${office.overallEvaluation.id}`);
  const warnings = page.getByTestId("evaluation-warnings");
  await warnings.getByText("提交时的提示：共 1 条（不影响提交）").waitFor();
  await warnings.getByText(`：${share}`).waitFor();
  // Its link opens the cell to fix.
  assert.equal(await warnings.getByRole("link", { name }).getAttribute("href"),
    `/years/${office.id}/indicators?indicator=${await indicatorID(name)}&field=target`);
  await shot(page, "warning-evaluation");
  // The warning does not block: the submission goes through.
  await page.getByRole("button", { name: "提交审核" }).click();
  await page.getByRole("button", { name: /确\s*定|OK/ }).click();
  await page.getByTestId("status").getByText("已提交").waitFor();
  await page.context().close();
});

/** The id of the office's 2023 indicator called name. */
async function indicatorID(name) {
  const admin = await api(server, "admin");
  const r = await admin(
    `query($name: String!) { indicators(where: {name: $name, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id } } } }`,
    { name },
  );
  return r.indicators.edges[0].node.id;
}

test("a reviewer finds each kind of warning of the demo on the pages that show it", async () => {
  const housing = await yearOf("440115-009", 2024);
  const page = await signIn(browser, server, "reviewer");

  // The year's page: every warning of the year, and July's row marked.
  await page.goto(`/years/${housing.id}`);
  const year = page.getByTestId("year-warnings");
  await year.getByText("本年度数据有 7 条提示").waitFor();
  for (const sentence of [
    /2023年完成率 174.78%、2022年 141.67%，均达到 130% 以上；按上年实际值 2370，本年指标值 1356 仍将完成 174.78%/,
    /指标值 1356 自2022年起连续 3 年未变/,
    /实际完成值 -1起 为负数/,
    /指标值 0.89 的单位是 %：若指 89%，请填写 89。/,
    /实际完成值 0.985 的单位是 %：若指 98.5%，请填写 98.5。/,
    /全部 8 个定量指标的完成率恰好为 100%/,
    /7月累计支出 378.82 万元，低于6月的 4,?033.71 万元/,
  ]) {
    await year.getByText(sentence).first().waitFor();
  }
  await page.getByTestId("month-7-warning").waitFor();
  await shot(page, "warning-year");

  // The indicator editor: an icon beside each indicator warned about.
  await page.goto(`/years/${housing.id}/indicators`);
  const icons = page.getByTestId("warning-icon");
  await icons.first().waitFor();
  const codes = (await icons.evaluateAll((els) => els.map((e) => e.getAttribute("data-codes")))).sort();
  assert.deepEqual(codes, ["NEGATIVE_QUANTITY", "PERCENT_AS_SHARE PERCENT_AS_SHARE", "TARGET_TOO_LOW TARGET_UNCHANGED"]);

  // The project whose actuals were all typed as their targets: the editor says it above the table.
  const project = housing.projects.edges.find((e) => e.node.code === "NS2024-009-03").node;
  await page.goto(`/projects/${project.id}/indicators`);
  await page.getByTestId("subject-warnings").getByText(/全部 8 个定量指标的完成率恰好为 100%/).waitFor();

  // The evaluation lists what its submission would warn about.
  await page.goto(`/evaluations/${housing.overallEvaluation.id}`);
  await page.getByTestId("evaluation-warnings").getByText("提交时的提示：共 6 条（不影响提交）").waitFor();
  await shot(page, "warning-review");
  await page.context().close();
});
