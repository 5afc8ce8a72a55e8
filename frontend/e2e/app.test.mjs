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

test("the English switch changes the page and is remembered", async () => {
  const page = await signIn(browser, server, "analyst");
  await page.getByRole("link", { name: "部门" }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("link", { name: "Departments" }).waitFor();
  await page.reload();
  await page.getByRole("link", { name: "Departments" }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("jixiao.language")), "en");
  await shot(page, "english");
  await page.context().close();
});

test("an editor is refused another department's data", async () => {
  const admin = await api(server, "admin");
  const years = await admin(`{ departmentYears { edges { node { id department { code } } } } }`);
  const other = years.departmentYears.edges.find((e) => e.node.department.code === "440115-002").node.id;
  const page = await signIn(browser, server, "editor");
  // The editor's tree holds only the office; the neighbour's year does not open.
  await page.getByText("440115-001").first().waitFor();
  assert.equal(await page.getByText("440115-002").count(), 0);
  await page.goto(`/years/${other}`);
  await page.getByTestId("not-found").waitFor();
  await shot(page, "editor-refused");
  await page.context().close();
});

test("an analyst reads the dashboards and the printable report", async () => {
  const analyst = await api(server, "analyst");
  const evs = await analyst(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id } } } }`);
  const page = await signIn(browser, server, "analyst");
  await page.getByRole("link", { name: "分析看板" }).click();
  // The dashboards open on the latest year, the district's 2024; the office's evaluation is 2023's.
  const year = page.getByTestId("dashboard-year");
  await year.getByTitle("2024 年").waitFor();
  await page.getByTestId("group-grades-card").getByTestId("echart").waitFor();
  await year.click();
  await page.locator(".ant-select-item-option-content", { hasText: "2023 年" }).click();
  await year.getByTitle("2023 年").waitFor();
  // The ranking's table: the office's overall evaluation of 2023.
  const ranking = page.getByTestId("ranking-card");
  await ranking.getByText("数据表").click();
  await ranking.getByRole("row", { name: /中共广州市南沙区委员会办公室/ }).getByText("99.69").waitFor();
  // The heat map's table: the office's own row of 2023 attainment averages, from indicatorAggregate.
  const heat = page.getByTestId("heat-card");
  await heat.getByText("数据表").click();
  await heat.getByRole("row", { name: /中共广州市南沙区委员会办公室/ }).waitFor();
  await shot(page, "dashboards");
  await page.goto(`/evaluations/${evs.evaluations.edges[0].node.id}/report`);
  // The report the server wrote, with the seed report's figures as it prints them.
  await page.getByText(/综合得分为99.69分/).first().waitFor();
  await page.getByText(/整体支出为1829.4万元/).first().waitFor();
  await shot(page, "report");
  await page.context().close();
});

test("an editor downloads the report as Word and PDF and the form as Excel", async () => {
  const editor = await api(server, "editor");
  const evs = await editor(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id } } } }`);
  const id = evs.evaluations.edges[0].node.id;
  const page = await signIn(browser, server, "editor");
  // Each button saves what the server made under the name it gave; the bytes are the format's.
  const save = async (testId) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
    const body = readFileSync(await download.path());
    return { name: download.suggestedFilename(), magic: body.subarray(0, 4).toString("latin1"), size: body.length };
  };
  await page.goto(`/evaluations/${id}/report`);
  await page.getByText(/综合得分为99.69分/).first().waitFor();
  const docx = await save("download-report.docx");
  assert.match(docx.name, /部门整体支出绩效自评报告\.docx$/);
  assert.equal(docx.magic, "PK\u0003\u0004");
  const pdf = await save("download-report.pdf");
  assert.match(pdf.name, /部门整体支出绩效自评报告\.pdf$/);
  assert.equal(pdf.magic, "%PDF");
  assert.ok(pdf.size > 50000, `a PDF with its fonts embedded, got ${pdf.size} bytes`);
  await page.goto(`/evaluations/${id}`);
  const xlsx = await save("download-form.xlsx");
  assert.match(xlsx.name, /部门整体支出绩效自评表.*\.xlsx$/);
  assert.equal(xlsx.magic, "PK\u0003\u0004");
  await page.context().close();
});
