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
  await page.getByText("中共广州市南沙区委员会办公室").first().waitFor();
  await shot(page, "dashboards");
  await page.goto(`/evaluations/${evs.evaluations.edges[0].node.id}/report`);
  await page.getByText("99.69").first().waitFor();
  await page.getByText("1,829.40").first().waitFor();
  await shot(page, "report");
  await page.context().close();
});
