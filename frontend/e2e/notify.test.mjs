// Notifications in the browser: the editor's open evaluation page reads itself again when the
// administrator changes one of its indicators, and the bell lists the change; the administrator
// registers a webhook and sees its secret once.
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

test("an open page hears another user's change over the websocket", async () => {
  const found = await admin(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) {
    edges { node { id score indicators { id name } } } } }`);
  const ev = found.evaluations.edges[0].node;
  const indicator = ev.indicators.find((i) => i.name === "业务岗位培训人数");
  const page = await signIn(browser, server, "editor");
  await page.goto(`/evaluations/${ev.id}`);
  await page.getByText(ev.score).first().waitFor();

  const changed = await admin(`mutation($id: ID!) { updateIndicator(id: $id, input: {actual: "72"}) { id } }`, { id: indicator.id });
  assert.ok(changed.updateIndicator.id);
  const now = await admin(`query($id: ID!) { node(id: $id) { ... on Evaluation { score } } }`, { id: ev.id });
  assert.notEqual(now.node.score, ev.score);

  await page.getByText("此页面的数据刚被他人修改，已重新加载。").waitFor();
  await page.getByText(now.node.score).first().waitFor();
  const bell = page.getByRole("button", { name: "通知" });
  await page.locator(".ant-badge", { has: bell }).getByText("1").waitFor();
  await bell.click();
  await page.getByRole("link", { name: "admin修改了指标" }).waitFor();
  await shot(page, "notify-evaluation");
});

test("an administrator registers a webhook and sees its secret once", async () => {
  const page = await signIn(browser, server, "admin");
  await page.getByRole("link", { name: "Webhook" }).click();
  await page.getByRole("button", { name: /新增 Webhook/ }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("地址").fill("https://integration.example/jixiao");
  await dialog.getByLabel("名称").fill("预算一体化");
  await dialog.getByRole("button", { name: "保 存" }).click();
  const secret = await page.getByTestId("webhook-secret").innerText();
  assert.match(secret, /^whsec_/);
  await page.getByText("https://integration.example/jixiao").waitFor();
  await shot(page, "notify-webhooks");
});
