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

/** Waits until no antd dialog is opening or closing (their animations move the buttons). */
const settled = (page) => page.waitForFunction(() => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave"));

test("the office submits its 2023 evaluation, a reviewer re-scores an indicator and raises an item, the office answers, the reviewer accepts", async () => {
  const admin = await api(server, "admin");
  const evs = await admin(`{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id status departmentYear { id } } } } }`);
  const id = evs.evaluations.edges[0].node.id;
  if (evs.evaluations.edges[0].node.status !== "DRAFT") {
    // The demo's history of the office's year may have moved it on: start it again from a return.
    await admin(`mutation($id: ID!) { returnEvaluation(id: $id, comment: "重新提交") { id } }`, { id });
  }

  // The office submits.
  const editor = await signIn(browser, server, "editor");
  await editor.goto(`/evaluations/${id}`);
  await editor.getByRole("button", { name: "提交审核" }).click();
  await editor.locator(".ant-popconfirm").getByRole("button", { name: "确 定" }).click();
  await editor.getByTestId("status").getByText("已提交").waitFor();
  // Editors read the review; they do not re-score.
  assert.equal(await editor.getByRole("button", { name: /^复核评分 / }).count(), 0);

  // The reviewer re-scores 业务岗位培训人数 (6 → 4.5) with a reason: the self-score stays, the review total moves.
  const reviewer = await signIn(browser, server, "reviewer");
  await reviewer.goto(`/evaluations/${id}`);
  const scores = reviewer.getByTestId("review-scores");
  await scores.waitFor();
  await reviewer.getByRole("button", { name: "复核评分 业务岗位培训人数" }).click();
  let dialog = reviewer.getByRole("dialog", { name: "复核评分：业务岗位培训人数" });
  await dialog.getByText("分值 6，自评得分 6。").waitFor();
  await dialog.getByLabel("复核得分").fill("7");
  await dialog.getByLabel("复核意见").fill("培训签到记录不全，按实到人次计分");
  await dialog.getByRole("button", { name: "保 存" }).click();
  // Above the weight: the server's refusal, said at the field.
  await dialog.getByText("复核得分：复核得分 7.00 超过该指标的分值 6.00。").waitFor();
  await dialog.getByLabel("复核得分").fill("4.5");
  await dialog.getByRole("button", { name: "保 存" }).click();
  await dialog.waitFor({ state: "hidden" });
  await scores.getByText("培训签到记录不全，按实到人次计分").waitFor();
  const total = reviewer.getByTestId("review-total");
  await total.getByText("98.19").waitFor();
  await total.getByText("优").waitFor();
  await shot(reviewer, "review-rescored");

  // The reviewer raises a rectification item on the indicator.
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
  const row = panel.locator("tr", { hasText: "培训台账不完整" });
  await row.getByText("待整改").waitFor();
  await row.getByText("2099-06-30").waitFor();
  await reviewer.context().close();

  // The office answers.
  await editor.reload();
  const editorPanel = editor.getByTestId("rectifications");
  const editorRow = editorPanel.locator("tr", { hasText: "培训台账不完整" });
  await editorRow.getByRole("button", { name: "答复整改" }).click();
  dialog = editor.getByRole("dialog", { name: "答复整改事项" });
  await settled(editor);
  await dialog.getByLabel("整改措施").fill("已补齐培训签到表和课件，建立培训台账");
  await dialog.getByLabel("整改结果").fill("台账完整");
  await dialog.getByRole("button", { name: "答复整改" }).click();
  await dialog.waitFor({ state: "hidden" });
  await editorRow.getByText("已答复，待验收").waitFor();
  await shot(editor, "review-answered");
  await editor.context().close();

  // The reviewer accepts: the item is closed.
  const again = await signIn(browser, server, "reviewer");
  await again.goto(`/evaluations/${id}`);
  const acceptRow = again.getByTestId("rectifications").locator("tr", { hasText: "培训台账不完整" });
  await acceptRow.getByRole("button", { name: "验收通过" }).click();
  dialog = again.getByRole("dialog", { name: "验收通过" });
  await settled(again);
  await dialog.getByLabel("复核意见（可选）").fill("同意");
  await dialog.getByRole("button", { name: "验收通过" }).click();
  await dialog.waitFor({ state: "hidden" });
  await acceptRow.getByText("已验收").waitFor();
  await shot(again, "review-accepted");
  // The indicator editor shows the re-score beside the self-score.
  await again.goto(`/years/${evs.evaluations.edges[0].node.departmentYear.id}/indicators`);
  await again.getByTestId("review-mark").getByText("复核得分 4.5").waitFor();
  await again.context().close();

  // Through the API, the same: the self-score kept, the re-score beside it, the item accepted with its steps.
  const seen = await admin(`query($id: ID!) { node(id: $id) { ... on Evaluation { score reviewTotal
    indicators { name score reviewScore { score } } rectifications { status measures transitions { to } } } } }`, { id });
  const training = seen.node.indicators.find((i) => i.name === "业务岗位培训人数");
  assert.equal(training.score, "6.00");
  assert.equal(training.reviewScore.score, "4.50");
  assert.equal(seen.node.reviewTotal, "98.19");
  assert.deepEqual(seen.node.rectifications.map((r) => [r.status, r.measures, r.transitions.map((t) => t.to).join(">")]),
    [["ACCEPTED", "已补齐培训签到表和课件，建立培训台账", "OPEN>ANSWERED>ACCEPTED"]]);
});
