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
