import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** The day n days from today in Beijing, YYYY-MM-DD. */
const beijingDay = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

test("the bureau opens a round for the office; the editor's home page shows it; the editor submits; the round shows the office on time", async () => {
  const name = "2023年度部门整体支出绩效自评（浏览器测试）";
  const office = "中共广州市南沙区委员会办公室（440115-001）";

  // The bureau lands on its home page and opens the round from 工作布置.
  const admin = await signIn(browser, server, "admin", "zh-CN", "/");
  await admin.waitForURL(/\/home$/);
  await admin.getByTestId("queue-rounds").waitFor();
  await admin.getByRole("link", { name: "工作布置" }).click();
  await admin.getByRole("button", { name: "发起轮次" }).click();
  const dialog = admin.getByRole("dialog", { name: "发起工作轮次" });
  await dialog.getByLabel("年度").fill("2023");
  await dialog.getByLabel("名称").fill(name);
  await dialog.getByLabel("截止日期（当日 23:59 北京时间）").click();
  await admin.keyboard.type(beijingDay(10));
  await admin.keyboard.press("Enter");
  await dialog.getByLabel("部门（勾选上级即包括其全部下级）").click();
  await admin.keyboard.type("440115-001");
  await admin.locator(".ant-select-tree-title", { hasText: "440115-001" }).click();
  await dialog.locator(".ant-modal-title").click(); // closes the tree's dropdown
  await shot(admin, "rounds-open");
  await dialog.getByRole("button", { name: "发起轮次" }).click();

  // Its dashboard: the office has not submitted yet; ten days left.
  await admin.waitForURL(/\/rounds\/\d+$/);
  const roundURL = new URL(admin.url()).pathname;
  const officeRow = () => admin.getByRole("row", { name: new RegExp(office.replace(/[()（）]/g, ".")) });
  await officeRow().getByText("未提交").waitFor();
  await admin.getByText("剩余 10 天").first().waitFor();
  assert.match(await admin.getByTestId("round-deadline").innerText(), new RegExp(`${beijingDay(10)} 23:59`));

  // The editor's home page lists it with its deadline; its link opens the evaluation, which the editor submits.
  const editor = await signIn(browser, server, "editor", "zh-CN", "/");
  await editor.waitForURL(/\/home$/);
  const toFill = editor.getByTestId("queue-toFill");
  await toFill.getByText("剩余 10 天").waitFor();
  await toFill.getByText(/已逾期 \d+ 天/).waitFor(); // the demo's 2024 round, in red
  await shot(editor, "rounds-editor-home");
  await toFill.getByRole("link", { name }).click();
  await editor.waitForURL(/\/evaluations\/\d+$/);
  await editor.getByRole("button", { name: "提交审核" }).click();
  await editor.getByRole("button", { name: /确\s*定|OK/ }).click();
  await editor.getByTestId("status").getByText("已提交").waitFor();
  // Home again: the round has left the list (the demo's open 2024 round, overdue, stays: the office has no 2024 yet).
  await editor.goto("/home");
  await editor.getByTestId("queue-toFill").getByRole("link", { name: "2024年度部门整体支出绩效自评" }).waitFor();
  assert.equal(await editor.getByTestId("queue-toFill").getByRole("link", { name }).count(), 0);
  await editor.context().close();

  // The round now shows the office on time.
  await admin.goto(roundURL);
  await officeRow().getByText("按时提交").waitFor();
  await admin.getByTestId("summary-onTime").getByText("按时提交 1").waitFor();
  await shot(admin, "rounds-dashboard");
  await admin.context().close();
});
