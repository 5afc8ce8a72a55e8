import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "playwright-core";
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

/** Waits until the server serves at least n subscriptions (its /metrics), so that a change made next is heard. */
async function subscriptions(n) {
  const ctx = await request.newContext({ baseURL: server.url });
  try {
    for (;;) {
      const text = await (await ctx.get("/metrics")).text();
      const m = text.match(/^jixiao_subscriptions (\d+)/m);
      if (m && Number(m[1]) >= n) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await ctx.dispose();
  }
}

test("the round's dashboard updates itself when a department submits, and a monitoring round shows its point", async () => {
  const admin = await api(server, "admin");
  const editor = await api(server, "editor");
  const found = await admin(`{
    departments(where: {code: "440115-001"}) { edges { node { id } } }
    evaluations(first: 1, where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id status } } }
  }`);
  const office = found.departments.edges[0].node.id;
  const evaluation = found.evaluations.edges[0].node;
  assert.equal(evaluation.status, "DRAFT");
  const deadline = new Date(Date.now() + 10 * 86400e3).toISOString().replace(/\.\d+Z$/, "Z");
  const open = `mutation($in: OpenRoundInput!) { openRound(input: $in) { id } }`;
  const round = (await admin(open, { in: { kind: "SELF_EVALUATION", year: 2023, name: "实时轮次（浏览器测试）", deadline, departmentIDs: [office] } })).openRound.id;

  // The bureau watches the dashboard: the office has not submitted.
  const page = await signIn(browser, server, "admin", "zh-CN", `/rounds/${round}`);
  const officeRow = page.getByRole("row", { name: /440115-001/ });
  await officeRow.getByText("未提交").waitFor();
  await subscriptions(2); // the bell's changes and the dashboard's roundChanged

  // The editor submits elsewhere (through the API): the dashboard changes without a reload.
  await editor(`mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, { id: evaluation.id });
  await officeRow.getByText("按时提交").waitFor();
  await page.getByTestId("summary-onTime").getByText("按时提交 1").waitFor();
  await page.getByText("此页面的数据刚被他人修改，已重新加载。").waitFor();
  await shot(page, "rounds-live");

  // A monitoring round: its point, read from its deadline, and a link to fill the office's monitoring report.
  const monitoring = (await admin(open, { in: { kind: "MONITORING", year: 2023, name: "监控轮次（浏览器测试）", deadline, departmentIDs: [office] } })).openRound.id;
  await page.goto(`/rounds/${monitoring}`);
  await page.getByTestId("round-monitoring-point").getByText("2023-12-31").waitFor();
  await page.getByRole("row", { name: /440115-001/ }).getByRole("link", { name: "填报监控表" }).waitFor();
  await page.context().close();
});
