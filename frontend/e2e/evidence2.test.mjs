// Evidence of a rectification answer and of a monitoring entry in the browser: the office's editor
// answers a rectification item with its measures and a PDF uploaded in the answer dialog; the
// reviewer opens the item's 佐证材料 and downloads the PDF under its Chinese name. On the monitoring
// page the editor attaches a file to an entry once it is filled in. (Who else may read them is the
// permission matrix's: app/permissions_evidence_test.go.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const pdf = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Waits until no antd dialog is opening or closing (their animations move the buttons). */
const settled = (page) => page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave"));

test("the office answers a rectification item with a PDF; the reviewer downloads it", async () => {
  const admin = await api(server, "admin");
  const evs = await admin(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id status } } } }`);
  const id = evs.evaluations.edges[0].node.id;
  const status = evs.evaluations.edges[0].node.status;
  if (status !== "SUBMITTED" && status !== "APPROVED" && status !== "PUBLISHED") {
    if (status === "RETURNED" || status === "DRAFT") await admin(`mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, { id });
  }
  const raised = await admin(`mutation($in: RaiseRectificationInput!) { raiseRectification(input: $in) { id } }`, {
    in: { evaluationID: id, issue: "培训台账不完整（佐证）", requirement: "补齐2023年培训签到表", dueDate: "2099-06-30" },
  });
  const item = raised.raiseRectification.id;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-evidence2-"));
  const signed = join(dir, "整改签到表.pdf");
  writeFileSync(signed, pdf);

  // The office answers, the PDF uploaded in the answer dialog.
  const editor = await signIn(browser, server, "editor");
  await editor.goto(`/evaluations/${id}`);
  const row = editor.getByTestId("rectifications").locator("tr", { hasText: "培训台账不完整（佐证）" });
  await row.getByRole("button", { name: "答复整改" }).click();
  const dialog = editor.getByRole("dialog", { name: "答复整改事项" });
  await settled(editor);
  const files = dialog.getByTestId("answer-evidence");
  await files.getByText("暂无佐证材料").waitFor();
  await files.locator('input[type="file"]').setInputFiles(signed);
  await files.getByRole("link", { name: "整改签到表.pdf", exact: true }).waitFor();
  await dialog.getByLabel("整改措施").fill("已补齐培训签到表");
  await shot(editor, "evidence2-answer");
  await dialog.getByRole("button", { name: "答复整改" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText("已答复，待验收").waitFor();
  await editor.context().close();

  // The reviewer opens the item's evidence and downloads the PDF.
  const reviewer = await signIn(browser, server, "reviewer");
  await reviewer.goto(`/evaluations/${id}`);
  const reviewed = reviewer.getByTestId("rectifications").locator("tr", { hasText: "培训台账不完整（佐证）" });
  await reviewed.getByRole("button", { name: "「培训台账不完整（佐证）」的佐证材料（1 个）" }).click();
  const drawer = reviewer.getByRole("dialog", { name: "佐证材料：培训台账不完整（佐证）" });
  const link = drawer.getByRole("link", { name: "整改签到表.pdf", exact: true });
  await link.waitFor();
  assert.equal(await drawer.locator('input[type="file"]').count(), 0);
  const [download] = await Promise.all([reviewer.waitForEvent("download"), link.click()]);
  assert.equal(download.suggestedFilename(), "整改签到表.pdf");
  assert.deepEqual(readFileSync(await download.path()), pdf);
  await shot(reviewer, "evidence2-reviewer");
  await reviewer.context().close();

  // Through the API: the file is the item's, the item answered.
  const seen = await admin(`query($id: ID!) { node(id: $id) { ... on Rectification { status attachmentCount attachments { id fileName } } } }`, { id: item });
  assert.equal(seen.node.status, "ANSWERED");
  assert.deepEqual(seen.node.attachments.map((a) => a.fileName), ["整改签到表.pdf"]);
});

test("the office attaches a file to a monitoring entry once it is filled in", async () => {
  const editor = await api(server, "editor");
  const found = await editor(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`);
  const year = found.departmentYears.edges[0].node.id;
  const made = await editor(`mutation($y: ID!) { createMonitoringReport(departmentYearID: $y, point: "2023-09-30") { id entries { indicator { id name } } } }`, { y: year });
  const report = made.createMonitoringReport.id;
  const training = made.createMonitoringReport.entries.find((e) => e.indicator.name === "业务岗位培训人数").indicator.id;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-evidence2-"));
  const sheet = join(dir, "9月培训签到表.pdf");
  writeFileSync(sheet, pdf);

  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${year}/monitoring?report=${report}`);
  const cell = page.getByTestId(`entry-evidence-${training}`);
  // Nothing said of the indicator yet: fill it in first.
  await cell.getByRole("button", { name: "先填报本指标的执行情况，保存后即可上传佐证材料" }).waitFor();
  assert.equal(await cell.getByRole("button").isDisabled(), true);
  await page.getByTestId(`monitoring-edit-${training}`).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("执行情况（完成值）").fill("60");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await cell.getByRole("button", { name: "「业务岗位培训人数」的佐证材料（0 个）" }).click();
  const drawer = page.getByRole("dialog", { name: "佐证材料：业务岗位培训人数" });
  await drawer.getByText("暂无佐证材料").waitFor();
  await drawer.locator('input[type="file"]').setInputFiles(sheet);
  await drawer.getByRole("link", { name: "9月培训签到表.pdf", exact: true }).waitFor();
  await shot(page, "evidence2-monitoring");
  await page.context().close();

  const seen = await editor(`query($id: ID!) { node(id: $id) { ... on MonitoringReport { entries { id indicator { id } attachmentCount attachments { fileName url } } } } }`, { id: report });
  const entry = seen.node.entries.find((e) => e.indicator.id === training);
  assert.equal(entry.attachmentCount, 1);
  assert.equal(entry.attachments[0].fileName, "9月培训签到表.pdf");
});
