import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { expectCount, launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const office = "中共广州市南沙区委员会办公室";

/** Picks option in the antd Select labelled label (typing search first, when given). */
async function choose(page, label, option, search) {
  const box = page.getByRole("combobox", { name: label, exact: true });
  await box.click();
  if (search) await box.fill(search);
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter({ hasText: option }).first().click();
  await page.keyboard.press("Escape");
}

/** Waits until the list says it holds n rows. */
const total = (page, n) => page.getByTestId("list-total").getByText(`共 ${n} 条`, { exact: true }).waitFor();

/** The scores of the rows shown, top to bottom: the one cell of each row written as 99.69. */
const scores = (page) =>
  page.locator("tbody tr.ant-table-row").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent.trim()).find((s) => /^\d{1,3}\.\d{2}$/.test(s))),
  );

/** Saves the export the button starts and returns its name and bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test("an analyst filters the evaluations by year and grade, sorts by score and exports; the below-target list shows the seed's", async () => {
  const page = await signIn(browser, server, "analyst", "zh-CN", "/lists/evaluations");
  await page.getByRole("heading", { name: "自评查询" }).first().waitFor();

  await choose(page, "年度", "2023年");
  await choose(page, "等级", "良");
  await page.getByText("部门整体", { exact: true }).first().click();
  await total(page, 14); // 2023's overall evaluations graded 良 (the demo's 12 优, 14 良, 3 中, 1 差)
  assert.match(page.url(), /year=2023/);
  assert.match(page.url(), /grade=GOOD/);

  // Best first by default; the header's click asks the server for the lowest first.
  let shown = (await scores(page)).map(Number);
  assert.equal(shown.length, 14);
  assert.deepEqual(shown, [...shown].sort((a, b) => b - a));
  await page.getByRole("columnheader", { name: /得分/ }).click();
  await page.waitForURL(/sort=SCORE\.ASC/);
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("tbody tr.ant-table-row td")].map((td) => td.textContent.trim()).filter((s) => /^\d{1,3}\.\d{2}$/.test(s));
    return cells.length === 14 && Number(cells[0]) <= Number(cells[13]);
  });
  shown = (await scores(page)).map(Number);
  assert.deepEqual(shown, [...shown].sort((a, b) => a - b));
  assert.ok(shown.every((s) => s >= 80 && s < 90), `良 is 80 to 90: ${shown}`);
  await shot(page, "lists-evaluations");

  // The export holds the rows the filters select: an xlsx named after the screen and year…
  const xlsx = await download(page, "Excel");
  assert.equal(xlsx.name, "自评查询 2023.xlsx");
  assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK");
  // …and the same rows as CSV, in the order shown.
  const csv = await download(page, "导出 CSV");
  const lines = csv.bytes.toString("utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.equal(lines.length, 15, "a header and the 14 rows");
  // Headed by the screen's column titles, not the API's field paths.
  assert.match(lines[0], /^部门,/);
  assert.match(lines[0], /,得分,等级（代码）,等级（名称）,/);
  assert.ok(lines.slice(1).every((l) => l.includes(",GOOD,") && l.includes(",2023,")), lines.join("\n"));
  assert.equal(Number(lines[1].match(/,(\d{2}\.\d{2}),GOOD/)[1]), shown[0]);

  // Indicators below target: the seed's two, with the deviation reason it gives.
  await page.goto("/lists/indicators-below-target");
  await page.getByRole("heading", { name: "未达标指标" }).first().waitFor();
  await choose(page, "年度", "2023年");
  await choose(page, "部门", `${office}（440115-001）`, "440115-001");
  await total(page, 2);
  await page.getByRole("link", { name: "绩效管理制度健全性" }).waitFor();
  const budget = page.getByRole("row", { name: /预算资金支出率/ });
  await budget.getByText("部分项目按实际工作量结算", { exact: false }).waitFor();
  await budget.getByText("99.60%").waitFor();
  await shot(page, "lists-below-target");
  await page.getByRole("link", { name: "预算资金支出率" }).click();
  await page.waitForURL(/\/years\/\d+\/indicators$/);

  // The department-years and projects of 2023.
  await page.goto("/lists/department-years?year=2023");
  await page.getByRole("link", { name: office }).waitFor();
  const officeYear = page.getByRole("row", { name: new RegExp(office) });
  await officeYear.getByText("1,829.40").waitFor();
  await officeYear.getByText("99.63%").waitFor();
  await shot(page, "lists-department-years");
  await page.goto("/lists/projects?year=2023&sort=EXECUTION_RATE.ASC");
  await page.getByRole("heading", { name: "项目查询" }).first().waitFor();
  await page.getByRole("searchbox", { name: "项目名称" }).fill("会议及综合服务");
  await page.keyboard.press("Enter");
  await total(page, 1);
  const project = page.getByRole("row", { name: /会议及综合服务/ });
  await project.getByText("305.80").waitFor();
  await project.getByText("98.65%").waitFor();
  await shot(page, "lists-projects");
  await page.context().close();
});

test("an editor sees only their department's rows", async () => {
  const page = await signIn(browser, server, "editor", "zh-CN", "/lists/department-years");
  await page.getByRole("link", { name: office }).first().waitFor();
  const links = page.locator("tbody tr.ant-table-row td:first-child a");
  const names = await links.allInnerTexts();
  assert.ok(names.length > 0);
  assert.deepEqual([...new Set(names)], [office]);
  await shot(page, "lists-editor-department-years");

  await page.goto("/lists/evaluations");
  await page.getByRole("link", { name: office }).first().waitFor();
  const evaluations = await links.allInnerTexts();
  assert.deepEqual([...new Set(evaluations)], [office]);
  // The department filter offers their own department alone.
  await page.getByRole("combobox", { name: "部门", exact: true }).click();
  await expectCount(page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option"), 1);
  await page.keyboard.press("Escape");

  await page.goto("/lists/indicators-below-target");
  await page.getByRole("link", { name: "绩效管理制度健全性" }).waitFor();
  const departments = await page
    .locator("tbody tr.ant-table-row")
    .evaluateAll((rows) => rows.map((r) => r.querySelectorAll("td")[1].textContent.trim()));
  assert.deepEqual([...new Set(departments)], [office]);
  await page.context().close();
});

test("on a phone the table scrolls sideways with its key column fixed", async () => {
  const page = await signIn(browser, server, "analyst", "zh-CN", "/lists/evaluations?year=2023");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("tbody tr.ant-table-row").first().waitFor();
  const key = page.locator("thead th.ant-table-cell-fix-left").first();
  assert.equal((await key.innerText()).trim(), "部门");
  const body = page.locator(".ant-table-content, .ant-table-body").first();
  const { scrollWidth, clientWidth } = await body.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  assert.ok(scrollWidth > clientWidth, `the table scrolls: ${scrollWidth} > ${clientWidth}`);
  const cell = page.locator("tbody tr.ant-table-row td.ant-table-cell-fix-left").first();
  const before = await cell.boundingBox();
  await body.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await page.waitForFunction(() => {
    const el = document.querySelector(".ant-table-content, .ant-table-body");
    return el && el.scrollLeft > 0;
  });
  const afterScroll = await cell.boundingBox();
  assert.equal(Math.round(afterScroll.x), Math.round(before.x), "the key column stays where it was");
  await cell.locator("a").waitFor({ state: "visible" });
  await shot(page, "lists-evaluations-phone");
  await page.context().close();
});
