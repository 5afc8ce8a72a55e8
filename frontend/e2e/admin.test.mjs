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

const NEIGHBOUR = "440115-002"; // 广州市南沙区财政局
const NEIGHBOUR_NAME = "广州市南沙区财政局";
const OFFICE_NAME = "中共广州市南沙区委员会办公室";

/** Posts a query as whoever the request context is, and returns the parsed answer with its HTTP status. */
async function post(ctx, query, variables = {}, headers = {}) {
  const r = await ctx.post("/query", { data: { query, variables }, headers });
  return { status: r.status(), body: await r.json() };
}

/** Picks a department in an open dialog's tree picker by typing its code. */
async function pickDepartment(page, dialog, label, code, title) {
  const box = dialog.getByRole("combobox", { name: label });
  await box.click();
  await box.fill(code);
  await page.locator(".ant-select-tree-node-content-wrapper", { hasText: title }).first().click();
}

test("an administrator manages users, tokens and departments, and finds each change in the audit trail", async () => {
  const admin = await api(server, "admin");
  const found = await admin(
    `query($code: String!) { departments(where: { code: $code }) { edges { node { id years(first: 1) { edges { node { id } } } } } } }`,
    { code: NEIGHBOUR },
  );
  const neighbour = found.departments.edges[0].node;
  const neighbourYear = neighbour.years.edges[0].node.id;
  const subtree = (await admin(`query($id: ID!) { departments(where: { within: $id }) { totalCount } }`, { id: neighbour.id })).departments.totalCount;

  // The administrator creates an editor for the neighbour's department.
  const page = await signIn(browser, server, "admin", "zh-CN", "/admin/users");
  await page.getByTestId("users-table").getByText("editor", { exact: true }).waitFor();
  await shot(page, "admin-users");
  await page.getByTestId("user-add").click();
  const dialog = page.getByRole("dialog", { name: "新增用户" });
  await dialog.getByLabel("用户名").fill("e2e_editor");
  await dialog.getByLabel("姓名").fill("财政局填报员");
  await pickDepartment(page, dialog, "所属部门", NEIGHBOUR, NEIGHBOUR_NAME);
  await dialog.getByRole("button", { name: "随机生成" }).click();
  const password = await dialog.getByLabel("初始密码").inputValue();
  assert.equal(password.length, 16);
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  const row = page.getByTestId("users-table").getByRole("row", { name: /e2e_editor/ });
  await row.getByText(`${NEIGHBOUR_NAME}（${NEIGHBOUR}）`).waitFor();
  await row.getByText("填报人员").waitFor();
  const userID = (await admin(`{ users(where: { username: "e2e_editor" }) { edges { node { id } } } }`)).users.edges[0].node.id;

  // The new user signs in and sees only that department's subtree.
  server.accounts.e2e_editor = password;
  const editorPage = await signIn(browser, server, "e2e_editor");
  await editorPage.locator(".ant-tree").getByText(NEIGHBOUR_NAME).waitFor();
  assert.equal(await editorPage.getByText(OFFICE_NAME).count(), 0, "the office is outside the editor's department");
  const seen = await post(editorPage.request, `{ me { kind role } departments(first: 100) { totalCount edges { node { code } } } }`);
  assert.deepEqual(seen.body.data.me, { kind: "USER", role: "EDITOR" });
  assert.equal(seen.body.data.departments.totalCount, subtree);
  assert.ok(seen.body.data.departments.edges.every((e) => e.node.code.startsWith(NEIGHBOUR)));
  await shot(editorPage, "admin-new-editor-departments");

  // The administrator disables them: their next request is refused, and the app asks them to sign in.
  await page.getByRole("button", { name: "停用 e2e_editor" }).click();
  await page.getByRole("button", { name: "确 定" }).click();
  await row.getByText("已停用").waitFor();
  const refused = await post(editorPage.request, `mutation($y: ID!) { createKeyTask(input: { departmentYearID: $y, title: "停用后" }) { id } }`, { y: neighbourYear });
  assert.equal(refused.body.errors?.[0]?.extensions?.code, "UNAUTHENTICATED", JSON.stringify(refused.body));
  assert.equal((await post(editorPage.request, `{ me { kind } }`)).body.data.me.kind, "ANONYMOUS");
  await editorPage.reload();
  await editorPage.getByLabel("用户名").waitFor();
  await editorPage.context().close();

  // A token: created, shown once, works against /query; revoked, it no longer does.
  await page.goto("/admin/tokens");
  await page.getByTestId("token-add").click();
  const tokenDialog = page.getByRole("dialog", { name: "新建令牌" });
  await tokenDialog.getByLabel("名称").fill("e2e 集成");
  await tokenDialog.getByLabel("某部门及其下级部门").check();
  await pickDepartment(page, tokenDialog, "部门", NEIGHBOUR, NEIGHBOUR_NAME);
  await tokenDialog.getByRole("button", { name: "保 存" }).click();
  const shown = page.getByTestId("new-token");
  await shown.waitFor();
  const token = (await shown.innerText()).trim();
  assert.match(token, /^jx_/);
  await page.getByText("关闭后它不会再次显示").waitFor();
  await tokenDialog.waitFor({ state: "hidden" }); // the new-token dialog's closing animation, under the shot
  await shot(page, "admin-token-created");
  await page.getByRole("dialog", { name: "令牌「e2e 集成」已创建" }).getByRole("button", { name: "确 定" }).click();
  const tokenRow = page.getByTestId("tokens-table").getByRole("row", { name: /e2e 集成/ });
  await tokenRow.getByText(`${NEIGHBOUR_NAME}（${NEIGHBOUR}）`).waitFor();

  const integration = await request.newContext({ baseURL: server.url });
  const bearer = { Authorization: `Bearer ${token}` };
  const before = await post(integration, `{ me { kind } departments(first: 100) { totalCount } }`, {}, bearer);
  assert.equal(before.status, 200);
  assert.equal(before.body.data.me.kind, "TOKEN");
  assert.equal(before.body.data.departments.totalCount, subtree, "the token sees its department's subtree only");
  await page.reload();
  await tokenRow.waitFor();
  assert.equal(await tokenRow.getByText("从未使用").count(), 0, "the token's last use is recorded");
  await tokenRow.getByRole("button", { name: "撤销 e2e 集成" }).click();
  await page.getByRole("button", { name: "撤 销" }).click();
  await tokenRow.getByText(/^已撤销/).waitFor();
  const afterRevoke = await post(integration, `{ me { kind } }`, {}, bearer);
  assert.equal(afterRevoke.status, 401);
  assert.equal(afterRevoke.body.errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
  await integration.dispose();
  await shot(page, "admin-tokens");

  // The department is renamed in the tree.
  await page.goto("/admin/departments");
  await page.getByTestId("departments-table").getByText(NEIGHBOUR_NAME, { exact: true }).waitFor();
  await page.getByRole("button", { name: `修改 ${NEIGHBOUR_NAME}`, exact: true }).click();
  const deptDialog = page.getByRole("dialog", { name: `修改部门 ${NEIGHBOUR_NAME}` });
  await deptDialog.getByLabel("名称").fill(`${NEIGHBOUR_NAME}（更名）`);
  await deptDialog.getByRole("button", { name: "保 存" }).click();
  await deptDialog.waitFor({ state: "hidden" });
  await page.getByTestId("departments-table").getByText(`${NEIGHBOUR_NAME}（更名）`).waitFor();
  // A department holding data is not deleted, and the page says why.
  // On a busy machine the confirmation's button was once clicked while it was still
  // opening: the delete is asked again until the page answers, at most three times.
  const refusal = page.getByTestId("department-refusal").getByText(/不能删除：仍有.*年度数据 \d+ 个/);
  for (let attempt = 1; ; attempt++) {
    await page.getByRole("button", { name: `删除 ${NEIGHBOUR_NAME}（更名）` }).click();
    await page.getByRole("button", { name: "删 除" }).click();
    try {
      await refusal.waitFor({ timeout: 30000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press("Escape");
    }
  }
  await page.waitForFunction(() => !document.querySelector(".ant-popover:not(.ant-popover-hidden)")); // the confirmation's closing animation
  await shot(page, "admin-departments");

  // The audit trail holds each change with its before and after.
  await page.goto(`/admin/audit?entityType=Department&entityID=${neighbour.id}`);
  const audit = page.getByTestId("audit-table");
  const renamed = audit.locator(".ant-table-row").filter({ hasText: "修改" }).first();
  await renamed.waitFor();
  await renamed.getByRole("button", { name: /^展开/ }).click();
  const change = page.getByRole("row", { name: /^name/ });
  await change.locator('[data-changed="before"]', { hasText: NEIGHBOUR_NAME }).waitFor();
  await change.locator('[data-changed="after"]', { hasText: `${NEIGHBOUR_NAME}（更名）` }).waitFor();
  await shot(page, "admin-audit-department");

  // The user's disabling, found through the filters.
  await page.goto("/admin/audit");
  await page.getByLabel("数据 ID").fill(userID);
  await page.getByLabel("修改人").fill("admin");
  // From yesterday: a day's margin, whatever the clocks' time zones and midnight.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("开始日期").fill(yesterday);
  await page.getByLabel("开始日期").press("Enter");
  await page.getByTestId("audit-apply").click();
  const disabled = audit.locator(".ant-table-row").filter({ hasText: "修改" }).filter({ hasText: `用户 #${userID}` }).first();
  await disabled.waitFor();
  await disabled.getByRole("button", { name: /^展开/ }).click();
  const flag = page.getByRole("row", { name: /^disabled/ });
  await flag.locator('[data-changed="before"]', { hasText: "false" }).waitFor();
  await flag.locator('[data-changed="after"]', { hasText: "true" }).waitFor();
  // The token's revocation too: its revokedAt went from nothing to a time.
  await page.goto("/admin/audit?entityType=APIToken&actor=admin");
  const revoked = audit.locator(".ant-table-row").filter({ hasText: "修改" }).first();
  await revoked.waitFor();
  await revoked.getByRole("button", { name: /^展开/ }).click();
  const at = page.getByRole("row", { name: /^revoked/ });
  await at.locator('[data-changed="before"]', { hasText: "—" }).waitFor();
  await at.locator('[data-changed="after"]', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await shot(page, "admin-audit");

  // On a phone the tables scroll sideways with their key column fixed.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, testid, name] of [
    ["/admin/users", "users-table", "admin-users-phone"],
    ["/admin/tokens", "tokens-table", "admin-tokens-phone"],
    ["/admin/departments", "departments-table", "admin-departments-phone"],
    ["/admin/audit", "audit-table", "admin-audit-phone"],
  ]) {
    await page.goto(path);
    const table = page.getByTestId(testid);
    await table.locator(".ant-table-row").first().waitFor();
    // The key column stays in view, fixed at the left of a table that scrolls sideways.
    const key = table.locator(".ant-table-row .ant-table-cell-fix-left").first();
    await key.waitFor();
    const box = await key.boundingBox();
    assert.ok(box && box.x >= 0 && box.x < 390, `${path}: the key column is in view`);
    const scrolls = await table.locator(".ant-table-content").first().evaluate((e) => e.scrollWidth > e.clientWidth);
    assert.ok(scrolls, `${path}: the table scrolls sideways instead of squeezing its columns`);
    await shot(page, name);
  }

  // In English, the audit trail with a record open.
  const english = await signIn(browser, server, "admin", "en", `/admin/audit?entityType=Department&entityID=${neighbour.id}`);
  await english.getByRole("heading", { name: "Audit trail" }).first().waitFor();
  const first = english.getByTestId("audit-table").locator(".ant-table-row").filter({ hasText: "Update" }).first();
  await first.getByRole("button", { name: /^Expand/ }).click();
  await english.getByRole("columnheader", { name: "Before" }).waitFor();
  await shot(english, "admin-audit-en");
  await english.context().close();

  // Anyone else gets no administration screen.
  const reviewer = await signIn(browser, server, "reviewer", "zh-CN", "/admin/users");
  await reviewer.getByText("只有系统管理员可以使用此页面。").waitFor();
  await reviewer.context().close();
  await page.context().close();
});
