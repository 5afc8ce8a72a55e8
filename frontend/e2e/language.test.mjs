// In either language the UI writes its own sentences from the server's codes,
// reasons and params: no English server message (nor an internal id) appears.
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

/** The server's own message for a request that fails, to make sure the page never shows it. */
async function serverMessages(query, variables, as = admin) {
  try {
    await as(query, variables);
  } catch (e) {
    return JSON.parse(e.message.slice(e.message.indexOf("["))).map((x) => x.message);
  }
  return [];
}

/** Asserts the page's text holds none of the messages, and in Chinese no English words at all in the alerts. */
async function noServerText(page, messages, lang, where) {
  const text = await page.locator("body").innerText();
  for (const m of messages) assert.ok(!text.includes(m), `${where} (${lang}): the server's text ${JSON.stringify(m)} is on the page`);
  if (lang === "zh-CN") {
    for (const alert of await page.locator(".ant-alert, [data-testid=login-error]").allInnerTexts()) {
      assert.doesNotMatch(alert, /[A-Za-z]{3,}/, `${where}: English in a Chinese alert: ${alert}`);
    }
  }
}

const SUBMIT = `mutation($id: ID!) { submitEvaluation(id: $id) { id } }`;

for (const lang of ["zh-CN", "en"]) {
  test(`${lang}: sign-in, lock and submit errors are the UI's sentences`, async () => {
    // The sign-in error.
    const context = await browser.newContext({ baseURL: server.url, locale: lang });
    await context.addInitScript((l) => localStorage.setItem("jixiao.language", l), lang);
    const login = await context.newPage();
    await login.goto("/");
    await login.getByLabel(lang === "en" ? "Username" : "用户名").fill("editor");
    await login.getByLabel(lang === "en" ? "Password" : "密码").fill("not the password");
    await login.getByRole("button", { name: lang === "en" ? "Sign in" : "登 录" }).click();
    await login.getByTestId("login-error").waitFor();
    await noServerText(login, ["wrong username or password"], lang, "sign-in");
    await shot(login, `language-${lang}-signin`);
    await context.close();

    // A project evaluation of the editor's office that the checks refuse: weights 80 + 10, a deviation.
    const years = await admin(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`);
    const year = years.departmentYears.edges[0].node.id;
    const code = `L-${lang}`;
    const p = await admin(`mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`, {
      in: { departmentYearID: year, code, name: `语言测试项目${lang}`, budget: "100", executed: "100" },
    });
    const project = p.createProject.id;
    await admin(`mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { id } }`, {
      in: { departmentYearID: year, projectID: project, level1: "产出", level2: "数量", name: "短缺指标", kind: "QUANTITATIVE", operator: "GE", target: "2", actual: "1", unit: "件", weight: "80" },
    });
    const ev = (await admin(`mutation($in: CreateEvaluationInput!) { createEvaluation(input: $in) { id } }`, { in: { departmentYearID: year, projectID: project } })).createEvaluation.id;
    const submitMessages = await serverMessages(SUBMIT, { id: ev });
    assert.ok(submitMessages.length >= 3, `the checks refuse: ${submitMessages}`);

    const page = await signIn(browser, server, "editor", lang);
    // The page would hear the submission made behind its back below (notifications) and lock
    // itself: it is kept deaf (its websocket never answers), so that its save meets the server's
    // lock, as a save racing the submission does.
    await page.routeWebSocket(/\/query$/, () => {});
    await page.goto(`/evaluations/${ev}`);
    // While the checks list problems, 提交审核 is disabled and says why; the problems are the UI's sentences.
    await page.getByTestId("problems").first().waitFor();
    await page.getByTestId("submit-blocked").waitFor();
    assert.ok(await page.getByTestId("submit").isDisabled(), "submission is disabled while problems are listed");
    await noServerText(page, submitMessages, lang, "submit checks");
    await shot(page, `language-${lang}-submit`);

    // The lock: the evaluation is submitted behind the editor's back, then the editor saves.
    await admin(`mutation($id: ID!) { updateIndicator(id: $id, input: {weight: "90", deviationReason: "原因"}) { id } }`, {
      id: (await admin(`query($id: ID!) { node(id: $id) { ... on Evaluation { indicators { id } } } }`, { id: ev })).node.indicators[0].id,
    });
    await admin(SUBMIT, { id: ev });
    const lockMessages = await serverMessages(`mutation($id: ID!) { updateEvaluation(id: $id, input: {conclusion: "x"}) { id } }`, { id: ev }, await api(server, "editor"));
    assert.match(lockMessages[0] ?? "", /read-only/);
    await page.getByLabel(lang === "en" ? "Conclusion" : "自评结论").fill("补充结论");
    await page.getByRole("button", { name: lang === "en" ? "Save" : /保\s*存/ }).click();
    await page.getByText(lang === "en" ? /The evaluation is Submitted/ : /评价状态为「已提交」/).first().waitFor();
    await noServerText(page, lockMessages, lang, "lock");
    assert.ok(!(await page.locator("body").innerText()).includes(`evaluation ${ev}`), "the internal id is not shown");
    await shot(page, `language-${lang}-locked`);
    await page.context().close();
  });
}
