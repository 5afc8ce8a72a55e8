// The end-to-end harness: the real Go server on a fresh SQLite database with the
// demo data, and Debian's Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";
import { chromium, request } from "playwright-core";

const root = new URL("../..", import.meta.url).pathname;
export const screenshots = join(root, "frontend/e2e/screenshots");

function chromiumPath() {
  for (const p of [process.env.CHROMIUM, "/usr/lib/chromium/chromium", "/usr/bin/chromium"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("Chromium not found: apt-get install chromium (or set CHROMIUM)");
}

/**
 * Starts the server (../../jixiao, built by make) with the demo data and any further flags,
 * and returns its URL and the demo accounts it printed.
 */
export async function startServer(args = []) {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-e2e-"));
  const bin = process.env.JIXIAO_BIN ?? join(root, "jixiao");
  const proc = spawn(bin, ["--addr", "127.0.0.1:0", "--db", `sqlite://${dir}/e2e.db`, "--migrate", "--demo", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const accounts = {};
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on("line", (line) => {
      const a = line.match(/demo account: role=\S+\s+username=(\S+)\s+password=(\S+)/);
      if (a) accounts[a[1]] = a[2];
      const l = line.match(/msg=listening url=(\S+)/);
      if (l) resolve(l[1]);
    });
    proc.on("exit", (code) => reject(new Error(`the server stopped (${code}) before listening`)));
  });
  return { url, accounts, stop: () => proc.kill("SIGTERM") };
}

/** Launches headless Chromium with the flags this machine needs. */
export function launch() {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** A GraphQL client signed in as username, for setting up data the way an administrator would. */
export async function api(server, username) {
  const ctx = await request.newContext({ baseURL: server.url });
  const login = await ctx.post("/query", { data: { query: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { csrfToken } }", variables: { u: username, p: server.accounts[username] } } });
  const csrf = (await login.json()).data.login.csrfToken;
  return async (query, variables = {}) => {
    const r = await ctx.post("/query", { data: { query, variables }, headers: { "X-CSRF-Token": csrf } });
    const body = await r.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/**
 * Opens a page signed in as username through the sign-in form, in Chinese unless lang says otherwise,
 * at start (the departments, where most tests begin; "/" lands on the home page as a user would).
 */
export async function signIn(browser, server, username, lang = "zh-CN", start = "/departments") {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1000 }, locale: lang });
  // Every wait is for an event; the ceiling only bounds a hung test. Playwright's
  // 30 s was reached on a busy 2-core machine (load 16) while a page loaded.
  context.setDefaultTimeout(120_000);
  // The starting language; a switch made on the page survives reloads.
  await context.addInitScript((l) => localStorage.getItem("jixiao.language") || localStorage.setItem("jixiao.language", l), lang);
  const page = await context.newPage();
  await page.goto(start);
  await page.getByLabel(lang === "en" ? "Username" : "用户名").fill(username);
  await page.getByLabel(lang === "en" ? "Password" : "密码").fill(server.accounts[username]);
  await page.getByRole("button", { name: lang === "en" ? "Sign in" : "登 录" }).click();
  await page.getByTestId("whoami").waitFor();
  await page.waitForLoadState("networkidle");
  return page;
}

export async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/**
 * Waits until locator matches exactly n elements, then asserts it: a count read
 * right after typing a search sees the list before the answer arrives.
 */
export async function expectCount(locator, n, message) {
  const deadline = Date.now() + 120_000;
  let count = await locator.count();
  while (count !== n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    count = await locator.count();
  }
  assert.equal(count, n, message);
}
