// A year in motion, as the people who run it use the screens: the bureau opens the half-year
// monitoring round, the office reports with a red light and its corrective measure, the
// reviewer approves; the bureau opens the self-evaluation round, the office submits after the
// deadline; the reviewer re-scores an indicator and raises a rectification item, the office
// answers it with a file, the reviewer accepts. An integration's endpoint (a server in this
// test) receives each step as a signed webhook; the pages open elsewhere update themselves.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { api, launch, shot, signIn, startServer } from "./harness.mjs";

let server, browser, hooks;

/** The integration's endpoint: every request's body and whether its signature holds. */
function receiver() {
  const got = [];
  let secret = "";
  const http = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const want = "sha256=" + createHmac("sha256", secret).update(`${req.headers["x-jixiao-timestamp"]}.${body}`).digest("hex");
      got.push({ signed: req.headers["x-jixiao-signature"] === want, event: JSON.parse(body).event });
      res.end("ok");
    });
  });
  return new Promise((resolve) => http.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${http.address().port}/jixiao`, got, setSecret: (s) => (secret = s), close: () => http.close(),
  })));
}

before(async () => {
  hooks = await receiver();
  server = await startServer(["--webhook-allow-hosts", "127.0.0.1"]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  hooks?.close();
});

/** The day n days from today in Beijing, YYYY-MM-DD. */
const beijingDay = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
/** Waits until no antd dialog is opening or closing (their animations move the buttons). */
const settled = (page) => page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave"));
const office = "中共广州市南沙区委员会办公室（440115-001）";
const pdf = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Opens a round from 工作布置 as the bureau: its kind, name, deadline in days, the office. */
async function openRound(page, kind, name, days) {
  await page.goto("/rounds");
  await page.getByRole("button", { name: "发起轮次" }).click();
  const dialog = page.getByRole("dialog", { name: "发起工作轮次" });
  await settled(page);
  await dialog.getByLabel("类型").click({ force: true }); // the selected value covers the input
  await page.locator(".ant-select-dropdown").getByText(kind, { exact: true }).click();
  await dialog.getByLabel("年度").fill("2023");
  if (kind === "绩效运行监控") await dialog.getByLabel("监控时点").waitFor(); // 2023-06-30, the default point
  await dialog.getByLabel("名称").fill(name);
  await dialog.getByLabel("截止日期（当日 23:59 北京时间）").click();
  await page.keyboard.type(beijingDay(days));
  await page.keyboard.press("Enter");
  await dialog.getByLabel("部门（勾选上级即包括其全部下级）").click();
  await page.keyboard.type("440115-001");
  await page.locator(".ant-select-tree-title", { hasText: "440115-001" }).click();
  await dialog.locator(".ant-modal-title").click(); // closes the tree's dropdown
  await dialog.getByRole("button", { name: "发起轮次" }).click();
  await page.waitForURL(/\/rounds\/\d+$/);
  return new URL(page.url()).pathname;
}

test("a year: monitoring with a red light, a late self-evaluation, a re-score and a rectification answered with a file", async () => {
  const admin = await api(server, "admin");
  const found = await admin(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) {
    edges { node { id status departmentYear { id } } } } }`);
  const evaluation = found.evaluations.edges[0].node.id;
  const year = found.evaluations.edges[0].node.departmentYear.id;
  const signed = join(mkdtempSync(join(tmpdir(), "jixiao-year-")), "培训签到表.pdf");
  writeFileSync(signed, pdf);
  assert.equal(found.evaluations.edges[0].node.status, "DRAFT", "the demo leaves the office's 2023 evaluation a draft");

  // The bureau registers the integration's endpoint (the secret is shown once) and opens the monitoring round.
  const bureau = await signIn(browser, server, "admin", "zh-CN", "/");
  await bureau.goto("/admin/webhooks");
  await bureau.getByRole("button", { name: /新增 Webhook/ }).first().click();
  let dialog = bureau.getByRole("dialog");
  await dialog.getByLabel("地址").fill(hooks.url);
  await dialog.getByLabel("名称").fill("预算一体化系统");
  await dialog.getByRole("button", { name: "保 存" }).click();
  hooks.setSecret(await bureau.getByTestId("webhook-secret").innerText());
  const monitoringRound = await openRound(bureau, "绩效运行监控", "2023年半年绩效运行监控", 10);
  const officeRow = () => bureau.getByRole("row", { name: new RegExp(office.replace(/[()（）]/g, ".")) });
  await officeRow().getByText("未提交").waitFor();

  // The office's home page lists the round; it reports at 30 June.
  const editor = await signIn(browser, server, "editor", "zh-CN", "/");
  await editor.getByTestId("queue-toFill").getByRole("link", { name: "2023年半年绩效运行监控" }).waitFor();
  await shot(editor, "year-editor-home");
  await editor.getByTestId("queue-toFill").getByRole("link", { name: "2023年半年绩效运行监控" }).click();
  await editor.waitForURL(new RegExp(`/years/${year}/monitoring`));
  await editor.getByTestId("monitoring-create").getByLabel("监控时点").fill("2023-06-30");
  await editor.getByTestId("monitoring-create-button").click();
  await editor.getByTestId("monitoring-report").waitFor();
  const report = new URL(editor.url()).searchParams.get("report");
  // The other indicators go in through the API, as an import would: on track.
  const office_ = await api(server, "editor");
  const entries = await office_(`query($id: ID!) { node(id: $id) { ... on MonitoringReport { entries { indicator { id name kind unit target } } } } }`, { id: report });
  for (const { indicator: i } of entries.node.entries) {
    if (i.name === "业务岗位培训人数") continue;
    const input = i.kind === "QUALITATIVE" ? { likelihoodOverride: "LIKELY", overrideReason: "按计划推进" }
      : { valueToDate: i.unit === "%" ? i.target : String(Number(i.target) / 2) };
    await office_(`mutation($r: ID!, $i: ID!, $in: MonitoringEntryInput!) { setMonitoringEntry(reportID: $r, indicatorID: $i, input: $in) { id } }`, { r: report, i: i.id, in: input });
  }
  const training = entries.node.entries.find((e) => e.indicator.name === "业务岗位培训人数").indicator.id;
  await editor.reload();
  // 30 of 80 trainees by June: red; the cause and the measure with it.
  await editor.getByTestId(`monitoring-edit-${training}`).click();
  dialog = editor.getByRole("dialog");
  await dialog.getByLabel("执行情况（完成值）").fill("30");
  await dialog.getByLabel("偏差原因", { exact: true }).fill("上半年业务骨干借调，培训延后");
  await dialog.getByLabel("整改措施").fill("7月、9月各组织一期业务培训");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  const trainingRow = editor.locator("tr", { has: editor.getByText("业务岗位培训人数", { exact: true }) });
  await trainingRow.locator('[data-light="RED"]').waitFor();
  await trainingRow.getByText("7月、9月各组织一期业务培训").waitFor();
  await editor.getByTestId("monitoring-budget-edit").click();
  dialog = editor.getByRole("dialog");
  await dialog.getByLabel("偏差原因", { exact: true }).fill("部分项目合同在下半年签订");
  await dialog.getByLabel("整改措施").fill("加快采购和支付进度");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await editor.getByTestId("monitoring-submit").click();
  await editor.getByTestId("monitoring-status").getByText("已提交").waitFor();
  await shot(editor, "year-monitoring-red");

  // The bureau's open dashboard hears it: the office submitted on time.
  await officeRow().getByText("按时提交").waitFor();
  await shot(bureau, "year-monitoring-round");

  // The reviewer's home page lists the report; the reviewer approves it.
  const reviewer = await signIn(browser, server, "reviewer", "zh-CN", "/");
  const waiting = reviewer.getByTestId("queue-monitoring").getByRole("link", { name: "中共广州市南沙区委员会办公室 2023年" });
  await waiting.waitFor();
  await shot(reviewer, "year-reviewer-home");
  await waiting.click();
  await reviewer.waitForURL(new RegExp(`report=${report}`));
  await reviewer.getByTestId("monitoring-approve").click();
  await reviewer.getByTestId("monitoring-status").getByText("已审核").waitFor();

  // The self-evaluation round; a month passes (the round's dates moved through the API) and
  // the office submits after the deadline.
  const selfRound = await openRound(bureau, "绩效自评", "2023年度部门整体支出绩效自评", 10);
  const roundID = selfRound.split("/").pop();
  await admin(`mutation($id: ID!, $o: Time!, $d: Time!) { updateRound(id: $id, input: {opensAt: $o, deadline: $d}) { id } }`,
    { id: roundID, o: new Date(Date.now() - 30 * 86400e3).toISOString(), d: new Date(Date.now() - 86400e3).toISOString() });
  await bureau.goto(selfRound);
  await officeRow().getByText("逾期未交").waitFor();
  await editor.goto("/home");
  await editor.getByTestId("queue-toFill").getByRole("link", { name: "2023年度部门整体支出绩效自评" }).click();
  await editor.waitForURL(/\/evaluations\/\d+$/);
  await editor.getByRole("button", { name: "提交审核" }).click();
  await editor.locator(".ant-popconfirm").getByRole("button", { name: "确 定" }).click();
  await editor.getByTestId("status").getByText("已提交").waitFor();
  await officeRow().getByText("逾期提交").waitFor();
  await shot(bureau, "year-self-evaluation-round");

  // The reviewer re-scores 业务岗位培训人数 (6 → 4.5) with a reason; the office's open page hears it.
  await reviewer.goto(`/evaluations/${evaluation}`);
  await reviewer.getByRole("button", { name: "复核评分 业务岗位培训人数" }).click();
  dialog = reviewer.getByRole("dialog", { name: "复核评分：业务岗位培训人数" });
  await dialog.getByLabel("复核得分").fill("4.5");
  await dialog.getByLabel("复核意见").fill("培训签到记录不全，按实到人次计分");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await reviewer.getByTestId("review-total").getByText("98.19").waitFor();
  await editor.getByText("此页面的数据刚被他人修改，已重新加载。").waitFor();
  await editor.getByTestId("review-total").getByText("98.19").waitFor();

  // A rectification item on the indicator.
  const panel = reviewer.getByTestId("rectifications");
  await panel.getByRole("button", { name: "提出整改" }).click();
  dialog = reviewer.getByRole("dialog", { name: "提出整改事项" });
  await settled(reviewer);
  await dialog.getByLabel("涉及指标（可选）").click();
  await reviewer.locator(".ant-select-dropdown").getByText("业务岗位培训人数", { exact: true }).click();
  await dialog.getByLabel("存在问题").fill("培训台账不完整");
  await dialog.getByLabel("整改要求").fill("补齐2023年培训签到表及课件");
  await dialog.getByLabel("整改期限").click();
  await dialog.getByLabel("整改期限").fill("2099-06-30");
  await dialog.getByLabel("整改期限").press("Enter");
  await dialog.getByRole("button", { name: "提出整改" }).click();
  await dialog.waitFor({ state: "hidden" });
  await panel.locator("tr", { hasText: "培训台账不完整" }).getByText("待整改").waitFor();

  // The office answers it with its measures and a file.
  await editor.reload();
  const editorRow = editor.getByTestId("rectifications").locator("tr", { hasText: "培训台账不完整" });
  await editorRow.getByRole("button", { name: "答复整改" }).click();
  dialog = editor.getByRole("dialog", { name: "答复整改事项" });
  await settled(editor);
  const files = dialog.getByTestId("answer-evidence");
  await files.locator('input[type="file"]').setInputFiles(signed);
  await files.getByRole("link", { name: "培训签到表.pdf", exact: true }).waitFor();
  await dialog.getByLabel("整改措施").fill("已补齐培训签到表和课件，建立培训台账");
  await dialog.getByLabel("整改结果").fill("台账完整");
  await shot(editor, "year-rectification-answer");
  await dialog.getByRole("button", { name: "答复整改" }).click();
  await dialog.waitFor({ state: "hidden" });
  await editorRow.getByText("已答复，待验收").waitFor();

  // The reviewer reads the answer's file, then accepts.
  await reviewer.reload();
  const acceptRow = reviewer.getByTestId("rectifications").locator("tr", { hasText: "培训台账不完整" });
  await acceptRow.getByRole("button", { name: "「培训台账不完整」的佐证材料（1 个）" }).click();
  const drawer = reviewer.getByRole("dialog", { name: "佐证材料：培训台账不完整" });
  const link = drawer.getByRole("link", { name: "培训签到表.pdf", exact: true });
  const [download] = await Promise.all([reviewer.waitForEvent("download"), link.click()]);
  assert.deepEqual(readFileSync(await download.path()), pdf, "the reviewer downloads the file the office attached");
  await drawer.getByRole("button", { name: "Close" }).or(drawer.getByRole("button", { name: "关闭" })).first().click();
  await drawer.waitFor({ state: "hidden" });
  await acceptRow.getByRole("button", { name: "验收通过" }).click();
  dialog = reviewer.getByRole("dialog", { name: "验收通过" });
  await settled(reviewer);
  await dialog.getByRole("button", { name: "验收通过" }).click();
  await dialog.waitFor({ state: "hidden" });
  await acceptRow.getByText("已验收").waitFor();
  await shot(reviewer, "year-rectification-accepted");

  // The bureau's home page: the rounds near their deadline.
  await bureau.goto("/home");
  await bureau.getByTestId("queue-rounds").waitFor();
  await shot(bureau, "year-bureau-home");

  // The integration received each step, signed.
  const want = ["Round CREATE", "MonitoringReport UPDATE", "Evaluation UPDATE", "ReviewScore CREATE", "Rectification CREATE", "Attachment CREATE", "Rectification UPDATE"];
  const deadline = Date.now() + 120_000;
  const seen = () => new Set(hooks.got.map((h) => `${h.event.entityType} ${h.event.action}`));
  while (!want.every((w) => seen().has(w)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(want.filter((w) => !seen().has(w)), [], "the webhook deliveries received");
  assert.ok(hooks.got.every((h) => h.signed), "every delivery is signed with the secret shown once");
  for (const p of [bureau, editor, reviewer]) await p.context().close();
});
