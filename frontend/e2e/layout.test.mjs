// The console's frame as an editor and an administrator, in Chinese and English, on a laptop
// (1440×900) and a phone (390×844): the side menu by role, breadcrumbs, the workbench's shortcuts
// and recent items, the phone's drawer, a header that fits the screen, and signing out.
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

const words = {
  "zh-CN": {
    home: "工作台", departments: "部门", library: "指标库", rounds: "工作布置", users: "用户管理", audit: "审计日志", webhooks: "Webhook",
    dashboards: "分析看板", rules: "评分规则", open: "打开菜单", logout: "退出登录", username: "用户名", fill: "填报指标", indicators: "指标", language: "English",
  },
  en: {
    home: "Workbench", departments: "Departments", library: "Indicator library", rounds: "Rounds", users: "Users", audit: "Audit trail", webhooks: "Webhook",
    dashboards: "Dashboards", rules: "Scoring rules", open: "Open the menu", logout: "Sign out", username: "Username", fill: "Fill in indicators", indicators: "Indicators", language: "中文",
  },
};

const roles = {
  editor: { shown: ["home", "departments", "library", "rounds"], hidden: ["users", "audit", "webhooks", "dashboards", "rules"] },
  admin: { shown: ["home", "departments", "library", "rounds", "users", "audit", "webhooks", "dashboards", "rules"], hidden: [] },
};

/** What of the header lies outside the window, the page's and the header's widths, and the name's height. */
function measure(page) {
  return page.evaluate(() => {
    const header = document.querySelector('[data-testid="app-header"]');
    const outside = [...header.querySelectorAll("*")]
      .filter((e) => {
        const b = e.getBoundingClientRect();
        return b.width > 0 && (b.right > window.innerWidth + 0.5 || b.left < -0.5);
      })
      .map((e) => e.outerHTML.slice(0, 100));
    const who = document.querySelector('[data-testid="whoami"]').getBoundingClientRect();
    return { outside, page: document.documentElement.scrollWidth, header: header.getBoundingClientRect().width, whoHeight: who.height };
  });
}

async function assertFits(page, width, where) {
  const m = await measure(page);
  assert.deepEqual(m.outside, [], `${where}: header elements outside the window`);
  assert.ok(m.header <= width, `${where}: the header is ${m.header} px wide`);
  assert.ok(m.page <= width, `${where}: the page is ${m.page} px wide`);
  assert.ok(m.whoHeight < 30, `${where}: the user's name wraps (${m.whoHeight} px high)`);
}

/** The menu's links, by the role's entries: shown ones exactly once, hidden ones not at all. */
async function assertMenu(scope, w, role, where) {
  for (const k of roles[role].shown) assert.equal(await scope.getByRole("link", { name: w[k], exact: true }).count(), 1, `${where}: ${w[k]} in the menu`);
  for (const k of roles[role].hidden) assert.equal(await scope.getByRole("link", { name: w[k], exact: true }).count(), 0, `${where}: ${w[k]} not in the menu`);
}

for (const role of ["editor", "admin"]) {
  for (const lang of ["zh-CN", "en"]) {
    test(`the console as ${role} in ${lang}, on a laptop and a phone`, async () => {
      const w = words[lang];
      const page = await signIn(browser, server, role, lang, "/home");
      const tag = `layout-${role}-${lang}`;
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);

      // A laptop: the side menu by role, the workbench.
      await page.setViewportSize({ width: 1440, height: 900 });
      const side = page.getByTestId("side-menu");
      await side.getByRole("link", { name: w.home, exact: true }).waitFor();
      await assertMenu(side, w, role, `${tag} laptop`);
      await page.getByTestId("shortcuts").waitFor();
      await assertFits(page, 1440, `${tag} laptop`);
      await shot(page, `${tag}-laptop-home`);

      if (role === "editor") {
        // The shortcut opens the latest year's indicators; the breadcrumb names the office and the year,
        // and the workbench lists the year as recently opened.
        await page.getByTestId("shortcut-fill").click();
        await page.waitForURL(/\/years\/[^/]+\/indicators$/);
        const crumbs = page.getByTestId("breadcrumb");
        await crumbs.getByRole("link", { name: /中共广州市南沙区委员会办公室 20\d\d/ }).waitFor();
        assert.match(await crumbs.innerText(), new RegExp(`^${w.departments}\\s*/\\s*中共广州市南沙区委员会办公室 20\\d\\d\\s*/\\s*${w.indicators}$`));
        await shot(page, `${tag}-laptop-indicators`);
        await side.getByRole("link", { name: w.home, exact: true }).click();
        await page.getByTestId("recent").getByRole("link", { name: /中共广州市南沙区委员会办公室 20\d\d/ }).waitFor();
      } else {
        // The side menu collapses to its icons and stays so after a reload.
        await page.getByRole("button", { name: lang === "en" ? "Collapse the menu" : "收起菜单" }).click();
        await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width <= 64);
        await shot(page, `${tag}-laptop-collapsed`);
        await page.reload();
        const expand = page.getByRole("button", { name: lang === "en" ? "Expand the menu" : "展开菜单" });
        await expand.click();
        await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width > 200);
        await side.getByRole("link", { name: w.audit, exact: true }).click();
        await page.waitForURL(/\/home$|\/admin\/audit$/); // the audit screen's route comes with its branch
        await side.getByRole("link", { name: w.home, exact: true }).click();
      }

      // A phone: no side menu; the drawer from the header holds the same entries; nothing off-screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId("side-menu").waitFor({ state: "detached" });
      const open = page.getByRole("button", { name: w.open });
      await open.waitFor();
      await assertFits(page, 390, `${tag} phone`);
      await page.getByRole("button", { name: w.language }).waitFor();
      await shot(page, `${tag}-phone-home`);
      // The notifications open within the screen too.
      await page.getByRole("button", { name: lang === "en" ? "Notifications" : "通知" }).click();
      await page.getByTestId("notifications").waitFor();
      const list = await page.getByTestId("notifications").boundingBox();
      assert.ok(list.x >= 0 && list.x + list.width <= 390, `${tag}: the notifications within the screen (${list.x}+${list.width})`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, `${tag}: the page with the notifications open`);
      await page.getByRole("button", { name: lang === "en" ? "Notifications" : "通知" }).click();
      await page.getByTestId("notifications").waitFor({ state: "hidden" });
      await open.click();
      const drawer = page.getByRole("dialog");
      await drawer.getByRole("link", { name: w.library, exact: true }).waitFor();
      await assertMenu(drawer, w, role, `${tag} phone drawer`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, `${tag}: the page behind the drawer stays within the screen`);
      // The screenshot once the drawer has slid in.
      await page.waitForFunction(() => document.querySelector(".ant-drawer-content-wrapper")?.getBoundingClientRect().left >= 0);
      await shot(page, `${tag}-phone-drawer`);
      await drawer.getByRole("link", { name: w.library, exact: true }).click();
      await page.waitForURL(/\/library$/);
      await drawer.waitFor({ state: "hidden" });
      await assertFits(page, 390, `${tag} phone library`);

      // Signing out is one tap away on the phone.
      const logout = page.getByRole("button", { name: w.logout });
      const box = await logout.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${tag}: sign-out within the screen`);
      await logout.click();
      await page.getByLabel(w.username).waitFor();
      await page.context().close();
    });
  }
}
