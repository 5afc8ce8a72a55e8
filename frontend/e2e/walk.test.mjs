// The walk: every screen as the role that uses it and signed out, on a laptop (1440×900) and a phone
// (390×844), in Chinese and English. On each: axe-core finds no critical or serious violation, and
// a screenshot walk-<role>-<screen>-<lang>-<width>.png is saved in e2e/screenshots.
//
// One signed-in context per role; the viewport and the language change within it (the language
// through the app's own stored choice, then the next page load), so the walk stays fast.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { api, launch, screenshots, shot, signIn, startServer } from "./harness.mjs";
import { expectAccessible } from "./axe.mjs";

/**
 * The screens, each walked by the roles listed (every screen at least once in each language and
 * viewport; each role's home and the screens it works in). path gets the ids found in the demo data
 * (see ids() below); ready, when given, is what to wait for besides the generic "loaded" (no spinner,
 * charts drawn). Add a row per new screen.
 */
const SCREENS = [
  { screen: "signin", roles: ["signedout"], path: () => "/", ready: (p) => p.locator("input[type=password]") },
  { screen: "home", roles: ["admin", "reviewer", "analyst", "editor"], path: () => "/home" },
  { screen: "departments", roles: ["editor"], path: () => "/departments", ready: (p) => p.getByTestId("department-search") },
  { screen: "department-year", roles: ["editor"], path: (ids) => `/years/${ids.year}`, ready: (p) => p.getByTestId("department-year") },
  { screen: "indicators-year", roles: ["editor"], path: (ids) => `/years/${ids.year}/indicators`, ready: (p) => p.getByTestId("weight-sum") },
  { screen: "indicators-project", roles: ["editor"], path: (ids) => `/projects/${ids.project}/indicators`, ready: (p) => p.getByTestId("weight-sum") },
  { screen: "targets", roles: ["reviewer"], path: (ids) => `/years/${ids.year}/targets`, ready: (p) => p.getByTestId("targets-page") },
  { screen: "monitoring", roles: ["reviewer"], path: (ids) => `/years/${ids.year}/monitoring` },
  { screen: "evaluation", roles: ["reviewer"], path: (ids) => `/evaluations/${ids.evaluation}`, ready: (p) => p.getByTestId("status") },
  { screen: "targets-queue", roles: ["reviewer"], path: () => "/targets", ready: (p) => p.getByTestId("targets-queue") },
  { screen: "report", roles: ["analyst"], path: (ids) => `/evaluations/${ids.evaluation}/report`, ready: (p) => p.getByTestId("print") },
  { screen: "dashboards", roles: ["analyst"], path: () => "/dashboards", ready: (p) => p.getByTestId("dashboard-year") },
  { screen: "library", roles: ["analyst"], path: () => "/library", ready: (p) => p.locator(".ant-table-row").first() },
  { screen: "rules", roles: ["admin"], path: () => "/rules", ready: (p) => p.locator(".ant-alert") },
  { screen: "rounds", roles: ["admin"], path: () => "/rounds", ready: (p) => p.locator(".ant-table-row").first() },
  { screen: "round", roles: ["admin"], path: (ids) => `/rounds/${ids.round}`, ready: (p) => p.getByTestId("round-deadline") },
  { screen: "webhooks", roles: ["admin"], path: () => "/admin/webhooks" },
  { screen: "list-evaluations", roles: ["reviewer"], path: () => "/lists/evaluations", ready: (p) => p.getByTestId("list-total") },
  { screen: "list-years", roles: ["analyst"], path: () => "/lists/department-years", ready: (p) => p.getByTestId("list-total") },
  { screen: "list-projects", roles: ["editor"], path: () => "/lists/projects", ready: (p) => p.getByTestId("list-total") },
  { screen: "list-below-target", roles: ["analyst"], path: () => "/lists/indicators-below-target", ready: (p) => p.getByTestId("list-total") },
  { screen: "admin-users", roles: ["admin"], path: () => "/admin/users", ready: (p) => p.locator(".ant-table-row").first() },
  { screen: "admin-tokens", roles: ["admin"], path: () => "/admin/tokens" },
  { screen: "admin-departments", roles: ["admin"], path: () => "/admin/departments", ready: (p) => p.locator(".ant-table-row").first() },
  { screen: "admin-audit", roles: ["admin"], path: () => "/admin/audit", ready: (p) => p.locator(".ant-table-row").first() },
  { screen: "public", roles: ["signedout"], path: () => "/public", ready: (p) => p.getByTestId("public-row") },
  { screen: "public-report", roles: ["signedout"], path: (ids) => `/public/reports/${ids.published}`, ready: (p) => p.getByTestId("public-report") },
];

/**
 * Known critical or serious violations in screens other branches are rewriting now: reported by the
 * walk, not failed. The integrator fixes them after the merge and empties this list.
 */
const ALLOWED = [
];

const ROLES = ["signedout", "editor", "reviewer", "analyst", "admin"];
const LANGS = [["zh-CN", "zh"], ["en", "en"]];
const VIEWPORTS = [{ width: 1440, height: 900 }, { width: 390, height: 844 }];

let server, browser, ids;
const counts = [];

before(async () => {
  server = await startServer();
  browser = await launch();
  ids = await findIds();
});

after(async () => {
  // The axe counts of every screenshot (allowed violations included), for the closing note.
  counts.sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(join(screenshots, "walk-axe.json"), JSON.stringify(counts, null, 2));
  console.log(`axe counts (critical serious moderate minor) of ${counts.length} screens:\n`
    + counts.map((c) => `  ${c.name.padEnd(44)} ${c.critical} ${c.serious} ${c.moderate} ${c.minor}`).join("\n"));
  await browser?.close();
  server?.stop();
});

/** The demo's office, its 2023 year, a project, the year's evaluation and a round. */
async function findIds() {
  const admin = await api(server, "admin");
  const found = await admin(`{
    departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) {
      edges { node { id overallEvaluation { id } projects { edges { node { id } } } } }
    }
    rounds { edges { node { id } } }
    published: evaluations(first: 1, where: {status: PUBLISHED}) { edges { node { id } } }
  }`);
  const year = found.departmentYears.edges[0].node;
  return {
    year: year.id,
    evaluation: year.overallEvaluation.id,
    project: year.projects.edges[0].node.id,
    round: found.rounds.edges[0].node.id,
    published: found.published.edges[0].node.id,
  };
}

/** Waits for the screen: its own sign of content, no spinner or skeleton, every chart drawn. */
async function waitForScreen(page, row) {
  if (row.ready) await row.ready(page).first().waitFor();
  await page.waitForFunction(() =>
    !document.querySelector(".ant-spin-spinning, .ant-skeleton-active")
    && [...document.querySelectorAll("[data-testid=echart]")].every((c) => c.querySelector("canvas")));
}

/** Walks the role's screens in every language and viewport; failures are collected, then asserted. */
async function walk(role) {
  const rows = SCREENS.filter((s) => s.roles.includes(role));
  assert.ok(rows.length > 0, `no screens for ${role}`);
  let page;
  if (role === "signedout") {
    const context = await browser.newContext({ baseURL: server.url, locale: "zh-CN" });
    context.setDefaultTimeout(120_000);
    page = await context.newPage();
    await page.goto("/"); // localStorage belongs to the app's origin
  } else {
    page = await signIn(browser, server, role, "zh-CN", "/home");
  }
  const failures = [];
  try {
    for (const [lang, short] of LANGS) {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const row of rows) {
          // The stored language is read when the app starts: set it, then load the screen.
          await page.evaluate((l) => localStorage.setItem("jixiao.language", l), lang);
          await page.goto(row.path(ids));
          await waitForScreen(page, row);
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang === "en" ? "en" : "zh-CN",
            `<html lang> on ${row.screen} in ${lang}`);
          const name = `walk-${role}-${row.screen}-${short}-${viewport.width}`;
          const allowed = ALLOWED.filter((a) => a.screen === row.screen || a.screen === "*").map((a) => a.rule);
          try {
            const found = await expectAccessible(page, name, { allowed });
            counts.push({ name, ...Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length])) });
          } catch (e) {
            failures.push(e.message);
          }
          await shot(page, name);
        }
      }
    }
  } finally {
    await page.context().close();
  }
  assert.equal(failures.length, 0, failures.join("\n\n"));
}

// Two roles at a time: most of a screen's time is waiting for the server and the page, not the CPU.
describe("the walk", { concurrency: 2 }, () => {
  for (const role of ROLES) {
    test(`the ${role === "signedout" ? "signed-out visitor" : role} walks every screen on a laptop and a phone in Chinese and English with no critical or serious axe violation`, () => walk(role));
  }
});
