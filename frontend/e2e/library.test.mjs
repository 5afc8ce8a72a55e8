import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { api, expectCount, launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test("an editor starts the office's 2024 from 2023 and adds an indicator from the library", async () => {
  const page = await signIn(browser, server, "editor");
  await page.getByTestId("department-search").fill("440115-001");
  await page.getByText("中共广州市南沙区委员会办公室").first().click();

  // 从上年创建: what was copied, then the new year.
  await page.getByTestId("new-year").fill("2024");
  await page.getByTestId("start-from-last").click();
  const dialog = page.getByRole("dialog", { name: "已从 2023 年创建 2024 年" });
  const summary = dialog.getByTestId("year-start-summary");
  for (const line of ["绩效目标：已复制（实际完成情况留空）", "重点工作任务 2 项", "部门整体指标 18 项", "延续项目 3 个，含项目指标 12 项", "新建评价草稿 4 份"])
    await summary.getByText(line).waitFor();
  await page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter")); // the dialog's opening animation
  await shot(page, "library-year-started");
  await dialog.getByTestId("open-started-year").click();
  await page.getByTestId("department-year").waitFor();
  const year = new URL(page.url()).pathname.split("/")[2];

  // Starting it again is refused, saying what 2024 holds.
  await page.goBack();
  await page.getByTestId("new-year").fill("2024");
  await page.getByTestId("start-from-last").click();
  await page.getByTestId("add-year-error").getByText(/2024 年已有数据，不能覆盖：.*指标 30 项/).waitFor();

  // 从指标库添加: search, tick, add; the indicator joins its group with the library's target.
  await page.goto(`/years/${year}/indicators`);
  await page.getByText("共 18 项指标").waitFor();
  await page.getByTestId("from-library").click();
  const drawer = page.locator(".ant-drawer-content");
  await drawer.getByTestId("library-search").fill("服务对象满意度");
  await drawer.getByTestId("library-search").press("Enter");
  // The entry itself, and 群众满意度 of the 服务对象满意度指标 group.
  const row = drawer.getByRole("row", { name: /^服务对象满意度/ });
  await row.waitFor();
  await expectCount(drawer.getByRole("row"), 3, "the header and the two entries found");
  await row.getByRole("checkbox").check();
  await drawer.getByTestId("library-add-selected").click();
  await page.getByText("已从指标库添加 1 项指标").waitFor();
  await drawer.waitFor({ state: "hidden" });
  await page.getByText("共 19 项指标").waitFor();
  await page.locator(".ind-row-leaf").filter({ hasText: "服务对象满意度" }).getByText("85.00").first().waitFor();
  await shot(page, "library-added");

  // The library shows where the entry is used: the office's new year.
  await page.getByRole("link", { name: "指标库" }).click();
  await page.getByTestId("library-search").fill("服务对象满意度");
  await page.getByTestId("library-search").press("Enter");
  const entry = page.getByTestId("library-table").locator("tr", { has: page.getByText("服务对象满意度", { exact: true }) });
  await entry.locator(".ant-table-row-expand-icon").click();
  await page.getByText("用于 1 项指标：中共广州市南沙区委员会办公室 2024年").waitFor();
  await shot(page, "library-where-used");
  await page.context().close();

  // Through the API, the same: 19 overall indicators, the new one made from the library.
  const editor = await api(server, "editor");
  const made = await editor(`query($id: ID!) { node(id: $id) { ... on DepartmentYear { indicators(first: 100, where: {hasProject: false, hasLibraryIndicatorWith: {name: "服务对象满意度"}}) { totalCount } } } }`, { id: year });
  assert.equal(made.node.indicators.totalCount, 1);
});
