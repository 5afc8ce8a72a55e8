import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, shot, signIn, startServer } from "./harness.mjs";

// An intranet has no internet: every page must work with nothing but the server. Each test
// aborts every request to another host and fails if one was attempted.
let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Blocks every request that leaves the server's origin and returns the list of them. */
async function offline(page) {
  const own = new URL(server.url).origin;
  const outside = [];
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === own) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return outside;
}

test("the explorer at /graphiql loads its schema from the server alone", async () => {
  const page = await browser.newPage({ baseURL: server.url });
  const outside = await offline(page);
  await page.goto("/graphiql");
  // The schema came through introspection: the docs explorer lists the Query type's fields.
  await page.getByText("SeedScore").first().waitFor();
  await page.getByRole("button", { name: /documentation/i }).first().click();
  await page.getByText("Query", { exact: true }).first().waitFor();
  await shot(page, "graphiql-offline");
  assert.deepEqual(outside, []);
  await page.close();
});

test("the app signs in and opens the dashboards with no request to another host", async () => {
  const page = await signIn(browser, server, "analyst");
  const outside = await offline(page);
  await page.getByRole("link", { name: "分析看板" }).click();
  await page.getByTestId("group-grades-card").getByTestId("echart").waitFor();
  assert.deepEqual(outside, []);
  await page.context().close();
});
