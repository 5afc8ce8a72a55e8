import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { api, launch, shot, signIn, startServer } from "./harness.mjs";
import { figures, months } from "./seed.mjs";

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

// An empty department inside the demo editor's subtree, made by the administrator.
async function emptyDepartment(code, name) {
  const office = await admin(`{ departments(where: {code: "440115-001"}) { edges { node { id } } } }`);
  await admin(`mutation($in: CreateDepartmentInput!) { createDepartment(input: $in) { id } }`, {
    in: { code, name, parentID: office.departments.edges[0].node.id },
  });
}

test("an editor enters the seed's figures and monthly execution from an empty department", async () => {
  await emptyDepartment("440115-001-09", "区委办演示科");
  const page = await signIn(browser, server, "editor");
  await page.getByTestId("department-search").fill("440115-001-09");
  await page.getByText("区委办演示科").first().click();
  await page.getByTestId("new-year").fill("2023");
  await page.getByTestId("add-year").click();
  await page.getByTestId("department-year").waitFor();

  for (const [field, value] of Object.entries(figures)) await page.getByTestId(`figure-${field}`).fill(value);
  await page.getByTestId("figures-save").click();
  const derived = page.getByTestId("figures-derived");
  await derived.getByText("1,829.40").first().waitFor();
  for (const figure of ["962.44", "1,836.19", "99.63", "0.25"]) await derived.getByText(figure, { exact: false }).first().waitFor();

  for (const [i, [executed, target]] of months.entries()) {
    await page.getByTestId(`month-${i + 1}-cumulativeExecuted`).fill(executed);
    await page.getByTestId(`month-${i + 1}-targetPercent`).fill(target);
  }
  await page.getByTestId("months-save").click();
  const grid = page.getByTestId("months-grid");
  await grid.locator(".dy-month-behind").first().waitFor();
  assert.equal(await grid.locator(".dy-month-behind").count(), 2, "March and June fall behind their targets");
  await shot(page, "seed-department-year");
  await page.context().close();
});
