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

test("the office reports its 2023 mid-year monitoring at 30 June with a red indicator and its measure; the reviewer approves", async () => {
  const editor = await api(server, "editor");
  const found = await editor(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`);
  const year = found.departmentYears.edges[0].node.id;

  // From the department-year's page to its monitoring, and a report at 30 June.
  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${year}`);
  await page.getByTestId("year-monitoring").click();
  await page.getByText("尚无监控报告").waitFor();
  await page.getByTestId("monitoring-create").getByLabel("监控时点").fill("2023-06-30");
  await page.getByTestId("monitoring-create-button").click();
  await page.getByTestId("monitoring-report").waitFor();
  await page.getByTestId("monitoring-status").getByText("草稿").waitFor();

  // The other indicators' values to date go in through the API (as an import would): on track.
  const report = new URL(page.url()).searchParams.get("report");
  const entries = await editor(`query($id: ID!) { node(id: $id) { ... on MonitoringReport { entries { indicator { id name kind unit target } } } } }`, { id: report });
  for (const e of entries.node.entries) {
    const i = e.indicator;
    if (i.name === "业务岗位培训人数") continue;
    const input = i.kind === "QUALITATIVE" ? { likelihoodOverride: "LIKELY", overrideReason: "按计划推进" }
      : { valueToDate: i.unit === "%" ? i.target : String(Number(i.target) / 2) };
    await editor(`mutation($r: ID!, $i: ID!, $in: MonitoringEntryInput!) { setMonitoringEntry(reportID: $r, indicatorID: $i, input: $in) { id } }`, { r: report, i: i.id, in: input });
  }
  const training = entries.node.entries.find((e) => e.indicator.name === "业务岗位培训人数").indicator.id;
  await page.reload();

  // 30 of 80 trainees by June: 60 expected, red, and the popover says why.
  await page.getByTestId(`monitoring-edit-${training}`).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("执行情况（完成值）").fill("30");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  const row = page.locator("tr", { has: page.getByText("业务岗位培训人数", { exact: true }) });
  await row.locator('[data-light="RED"]').waitFor();
  await row.getByText("60人次").waitFor();
  await row.getByTestId("monitoring-light").hover();
  await page.getByText("按时间进度测算：30 ÷ 0.5 = 60").waitFor();
  await shot(page, "monitoring-red");

  // Submitting without the cause and measure is refused, naming the indicator.
  await page.getByTestId("monitoring-submit").click();
  const problems = page.getByTestId("monitoring-errors");
  await problems.getByText("业务岗位培训人数：黄灯、红灯须填写整改措施").waitFor();
  await problems.getByText("预算执行情况：黄灯、红灯须填写偏差原因").waitFor();

  // The cause and the corrective measure, for the indicator and for the spending behind June's target.
  await page.getByTestId(`monitoring-edit-${training}`).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("偏差原因", { exact: true }).fill("上半年业务骨干借调，培训延后");
  await dialog.getByLabel("整改措施").fill("7月、9月各组织一期业务培训");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await row.getByText("7月、9月各组织一期业务培训").waitFor();
  await page.getByTestId("monitoring-budget-edit").click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("偏差原因", { exact: true }).fill("部分项目合同在下半年签订");
  await dialog.getByLabel("整改措施").fill("加快采购和支付进度");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByTestId("monitoring-budget").getByText("加快采购和支付进度").waitFor();
  await page.getByTestId("monitoring-submit").click();
  await page.getByTestId("monitoring-status").getByText("已提交").waitFor();
  assert.equal(await page.getByTestId(`monitoring-edit-${training}`).count(), 0, "locked while submitted");
  await shot(page, "monitoring-submitted");
  await page.context().close();

  // The reviewer approves it.
  const reviewer = await signIn(browser, server, "reviewer");
  await reviewer.goto(`/years/${year}/monitoring?report=${report}`);
  await reviewer.getByTestId("monitoring-approve").click();
  await reviewer.getByTestId("monitoring-status").getByText("已审核").waitFor();
  await shot(reviewer, "monitoring-approved");
  const xlsx = await reviewer.request.get(`/files/monitoring/${report}/form.xlsx`);
  assert.equal(xlsx.status(), 200);
  await reviewer.context().close();

  const done = await editor(`query($id: ID!) { node(id: $id) { ... on MonitoringReport { status } } }`, { id: report });
  assert.equal(done.node.status, "APPROVED");
});
