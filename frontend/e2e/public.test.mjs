// The public disclosure site in the browser, signed out: the sign-in page links to 公开报告; the list
// finds the demo's published report by department code and year; its page shows the report, prints
// without the site's header, and downloads it as Word (PK…) and PDF (%PDF); an unpublished evaluation's
// address says not found; on a 390×844 phone the list and the report fit the screen's width.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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

/** A visitor who has not signed in, in Chinese, at a viewport. */
async function visitor(viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ baseURL: server.url, viewport, locale: "zh-CN", acceptDownloads: true });
  context.setDefaultTimeout(120_000);
  await context.addInitScript(() => localStorage.getItem("jixiao.language") || localStorage.setItem("jixiao.language", "zh-CN"));
  return context.newPage();
}

/** The demo's first published overall evaluation and an evaluation that is not published, as the administrator reads them. */
async function demoEvaluations() {
  const admin = await api(server, "admin");
  const pub = await admin(`{ evaluations(first: 1, where: {status: PUBLISHED, projectIDIsNil: true, hasDepartmentYearWith: [{year: 2023}]}) {
    edges { node { id departmentYear { year department { code name } } } } } }`);
  const hidden = await admin(`{ evaluations(first: 1, where: {statusIn: [DRAFT, SUBMITTED, APPROVED]}) { edges { node { id status } } } }`);
  assert.ok(pub.evaluations.edges.length === 1, "the demo must publish an evaluation for the public site to show");
  assert.ok(hidden.evaluations.edges.length === 1, "the demo has an unpublished evaluation");
  return { published: pub.evaluations.edges[0].node, hidden: hidden.evaluations.edges[0].node };
}

const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test("signed out, a visitor finds a published report, reads it and downloads it; nothing unpublished", async () => {
  const { published, hidden } = await demoEvaluations();
  const { code, name } = published.departmentYear.department;
  const page = await visitor();

  // Any other address still asks to sign in; the sign-in page links to the public reports.
  await page.goto("/departments");
  await page.getByLabel("用户名").waitFor();
  await page.getByRole("link", { name: "公开报告" }).click();
  await page.waitForURL("**/public");
  await page.getByTestId("public-row").first().waitFor();
  assert.equal(await page.getByRole("menu").count(), 0, "no app menu on the public site");
  await page.getByRole("link", { name: "登录" }).waitFor();
  await shot(page, "public-list");

  // Newest year first.
  const years = await page.getByTestId("public-row").evaluateAll((rows) => rows.map((r) => Number(r.dataset.year)));
  assert.deepEqual(years, [...years].sort((a, b) => b - a));

  // Search by the department's code, then keep its 2023 year.
  await page.getByRole("searchbox", { name: "按部门名称或编码搜索" }).fill(code);
  await page.getByRole("searchbox", { name: "按部门名称或编码搜索" }).press("Enter");
  await page.waitForURL(`**/public?q=${code}`);
  await page.getByRole("combobox", { name: "按年度筛选" }).click();
  await page.locator('.ant-select-item-option[title="2023年"]').click();
  await page.waitForURL("**year=2023**");
  // The list the filters asked for replaces the one before it (until then, the rows of every year).
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid="public-row"]')];
    return rows.length > 0 && rows.every((r) => r.dataset.year === "2023");
  });
  const row = page.locator(`[data-testid="public-row"][data-department="${code}"][data-year="2023"]`);
  await expectCount(row, 1, "the department's 2023 is listed once");
  const departments = await page.getByTestId("public-row").evaluateAll((rows) => rows.map((r) => r.dataset.department));
  assert.ok(departments.every((d) => d.includes(code)), JSON.stringify(departments));
  await shot(page, "public-list-filtered");

  await row.getByRole("link", { name: "2023年度部门整体支出自评报告" }).click();
  await page.waitForURL(`**/public/reports/${published.id}`);
  await page.getByRole("heading", { level: 1, name: new RegExp(`2023年度${name}`) }).waitFor();
  await shot(page, "public-report");

  const save = async (label) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: label }).click()]);
    return readFileSync(await download.path()).subarray(0, 4).toString("latin1");
  };
  assert.equal((await save("下载 Word：本报告的 .docx 文件")).slice(0, 2), "PK");
  assert.equal(await save("下载 PDF：本报告的 PDF 文件"), "%PDF");

  // On paper: the report alone, without the site's header and the toolbar.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByTestId("public-header").isVisible(), false, "the header is not printed");
  assert.equal(await page.getByRole("button", { name: "打印本报告" }).isVisible(), false, "the toolbar is not printed");
  assert.equal(await page.getByTestId("report").isVisible(), true);
  await page.emulateMedia({ media: "screen" });

  // An evaluation that is not published reads as one that does not exist, page and documents alike.
  await page.goto(`/public/reports/${hidden.id}`);
  await page.getByTestId("public-not-found").waitFor();
  assert.equal(await page.getByTestId("report").count(), 0);
  await shot(page, "public-not-found");
  const doc = await page.request.get(`/files/evaluations/${hidden.id}/report.docx`);
  assert.equal(doc.status(), 404);
  await page.context().close();
});

test("on a 390×844 phone the list and the report fit the width; signed in, /public still shows the site", async () => {
  const { published } = await demoEvaluations();
  const page = await visitor({ width: 390, height: 844 });
  await page.goto("/public");
  await page.getByTestId("public-row").first().waitFor();
  assert.ok((await fits(page)) <= 390, `the list is ${await fits(page)} px wide`);
  await shot(page, "public-list-phone");
  await page.goto(`/public/reports/${published.id}`);
  await page.getByTestId("report").waitFor();
  assert.ok((await fits(page)) <= 390, `the report is ${await fits(page)} px wide`);
  await shot(page, "public-report-phone");
  await page.goto("/public");
  await page.getByTestId("public-total").waitFor();

  // Signed in, /public is the same site with the same reports: an editor, whose own reads are confined
  // to one department, sees every published report, as the public does.
  const total = await page.getByTestId("public-total").textContent();
  await page.context().close();
  const editor = await signIn(browser, server, "editor", "zh-CN", "/departments");
  await editor.goto("/public");
  await editor.getByTestId("public-row").first().waitFor();
  await editor.getByRole("link", { name: "进入系统" }).waitFor();
  assert.equal(await editor.getByTestId("whoami").count(), 0, "the public site has its own frame");
  assert.equal(await editor.getByTestId("public-total").textContent(), total);
  await editor.context().close();
});
