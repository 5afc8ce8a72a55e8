// The keyboard and the truthful states (issue 15, items 4–6): an indicator added by keyboard
// alone (Tab through, full-width digits, Enter), Esc asking before discarding, the arrow keys in
// the grid, the editor's key columns in view at 1440×900, and a submitted year's page read-only.
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

const yearOf = async (call, code) => {
  const r = await call(`{ departmentYears(first: 5, where: {year: 2023, hasDepartmentWith: {code: "${code}"}}) { edges { node { id overallEvaluation { id status } } } } }`);
  return r.departmentYears.edges[0].node;
};

/** The id (or, for a focused cell, data-cell) of what has the keyboard focus. */
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("data-cell") || document.activeElement?.tagName);

/** Presses Tab until the focus is on the field with id (at most max presses), asserting it gets there. */
async function tabTo(page, id, max = 3) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)) === id) return;
  }
  assert.equal(await focused(page), id, `Tab reaches ${id}`);
}

test("an indicator added by keyboard alone; Esc asks before discarding; the arrow keys move in the grid; the key columns stay in view at 1440×900", async () => {
  const admin = await api(server, "admin");
  const dy = await yearOf(admin, "440115-002");
  // An existing group, so that its name is offered in the suggestion list as it is typed.
  const existing = await admin(`query($id: ID!) { node(id: $id) { ... on DepartmentYear { indicators(first: 1, where: {hasProject: false}) { edges { node { level1 level2 } } } } } }`, { id: dy.id });
  const group = existing.node.indicators.edges[0].node;
  const page = await signIn(browser, server, "admin");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/years/${dy.id}/indicators`);
  await page.locator("[data-cell]").first().waitFor();

  // The dialog opens with the focus in its first field.
  await page.getByRole("button", { name: "新增指标" }).click();
  const dialog = page.getByRole("dialog", { name: "新增绩效指标" });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "level1");
  await page.keyboard.type(group.level1);
  // The suggestion list is open under the field: the first Tab still moves on.
  await page.locator(".ant-select-dropdown:visible").first().waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "level2", "the first Tab leaves the suggestion field");
  await page.keyboard.type(group.level2);
  await tabTo(page, "name", 1);
  await page.keyboard.type("键盘新增的指标");
  await tabTo(page, "operator", 3); // past the kind's radio buttons
  await tabTo(page, "target", 1);
  await page.keyboard.type("１２０"); // full-width, as an input method types it
  await tabTo(page, "unit", 2); // past the formula picker
  await page.keyboard.type("人次");
  await tabTo(page, "weight", 1);
  await page.keyboard.type("１．５");
  await shot(page, "keys-add-dialog");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  await page.getByText("已新增指标「键盘新增的指标」").waitFor();
  const saved = await admin(`query($id: ID!) { node(id: $id) { ... on DepartmentYear { indicators(first: 200, where: {name: "键盘新增的指标"}) { edges { node { level1 level2 target unit weight } } } } } }`, { id: dy.id });
  const got = saved.node.indicators.edges.map((e) => ({ ...e.node, target: Number(e.node.target), weight: Number(e.node.weight) }));
  assert.deepEqual(got, [{ level1: group.level1, level2: group.level2, target: 120, unit: "人次", weight: 1.5 }]);

  // Esc: at once when nothing was typed …
  await page.getByRole("button", { name: "新增指标" }).click();
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "level1");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  // … and after asking once something was.
  await page.getByRole("button", { name: "新增指标" }).click();
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "level1");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("不要的指标");
  await page.keyboard.press("Escape");
  const confirm = page.locator(".ant-modal-confirm");
  await confirm.locator(".ant-modal-confirm-title").getByText("放弃填写的新指标？").waitFor();
  await shot(page, "keys-discard-confirm");
  await confirm.getByRole("button", { name: "继续填写" }).click();
  await confirm.waitFor({ state: "hidden" });
  assert.equal(await dialog.getByLabel("三级指标").inputValue(), "不要的指标", "keeping on keeps what was typed");
  await dialog.getByLabel("三级指标").press("Escape");
  await confirm.getByRole("button", { name: /放\s*弃/ }).click();
  await dialog.waitFor({ state: "hidden" });

  // The arrow keys move between the grid's editable cells.
  const first = page.locator('[data-cell$=":name"]').first();
  const id = (await first.getAttribute("data-cell")).split(":")[0];
  await first.focus();
  await page.keyboard.press("ArrowRight");
  assert.match(await focused(page), new RegExp(`^${id}:(operator|weight)$`), "right moves to the next editable column");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(page), `${id}:name`);
  await page.keyboard.press("ArrowDown");
  const below = await focused(page);
  assert.match(below, /:name$/);
  assert.notEqual(below, `${id}:name`, "down moves to the next indicator");
  // A focused cell shows a ring.
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow + getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(ring, "nonenone", "the focused cell shows a focus ring");

  // At 1440×900 the name and the score stay in view, however far the table scrolls.
  await page.locator(".ind-table .ant-table-content, .ind-table .ant-table-body").first().evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const header = (name) => page.locator(".ind-table thead th").filter({ hasText: new RegExp(`^${name}$`) }).first();
  for (const name of ["三级指标", "得分"]) {
    const box = await header(name).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 1440, `${name} is in view at 1440 px (${JSON.stringify(box)})`);
  }
  await shot(page, "keys-indicators-1440");

  // The weights no longer add up to 100 (1.5 added): the evaluation's score is provisional, with the
  // reason, and 提交审核 waits, disabled, with the reason beside it.
  await page.goto(`/evaluations/${dy.overallEvaluation.id}`);
  await page.getByTestId("provisional").getByText(/总分和等级为暂定值：分值合计 .*，应为 100/).waitFor();
  await page.getByTestId("submit-blocked").getByText(/个问题未解决，解决后才能提交审核/).waitFor();
  assert.ok(await page.getByTestId("submit").isDisabled(), "提交审核 is disabled while problems are listed");
  await shot(page, "keys-evaluation-provisional");
  await page.context().close();
});

test("a submitted year's page is read-only, with the reason at the top and on every section; every element the keyboard reaches shows a focus ring", async () => {
  const editorApi = await api(server, "editor");
  const dy = await yearOf(editorApi, "440115-001");
  if (dy.overallEvaluation.status === "DRAFT" || dy.overallEvaluation.status === "RETURNED") {
    await editorApi(`mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, { id: dy.overallEvaluation.id });
  }
  const page = await signIn(browser, server, "editor");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/years/${dy.id}`);
  await page.getByTestId("year-locked").getByText(/整体自评已提交审核/).waitFor();
  // Every section says it is read-only; nothing offers to save or add.
  assert.equal(await page.getByTestId("section-locked").count(), 5);
  for (const id of ["figures-save", "months-save"]) assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered`);
  assert.ok(await page.getByTestId("figure-personnelBudget").isDisabled(), "the figures are read-only");
  assert.equal(await page.getByRole("button", { name: /添加项目|新增项目/ }).count(), 0, "no project is added");
  assert.equal(await page.getByRole("button", { name: /新增重点任务/ }).count(), 0, "no key task is added");
  await shot(page, "keys-year-locked");

  // Every element the keyboard reaches shows where it is: a ring (outline) or, on a field, its glow.
  await page.locator("body").focus();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    const seen = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { what: "body", ring: true };
      const frame = el.closest(".ant-select-selector, .ant-input-affix-wrapper, .ant-input-outlined, .ant-radio-button-wrapper") ?? el;
      const s = getComputedStyle(el);
      const f = getComputedStyle(frame);
      const ring = (s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none" || f.boxShadow !== "none" || (f.outlineStyle !== "none" && f.outlineWidth !== "0px");
      return { what: `${el.tagName} ${el.getAttribute("aria-label") ?? el.textContent?.slice(0, 20) ?? ""}`, ring };
    });
    assert.ok(seen.ring, `the focused element shows a focus ring: ${seen.what}`);
  }
  await page.context().close();
});
