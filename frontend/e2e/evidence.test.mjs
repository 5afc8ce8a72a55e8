// Evidence in the browser: the office's editor opens an indicator's 佐证材料, uploads a PDF through
// the GraphQL multipart request, downloads it under its Chinese name as an attachment, is told why
// a disguised file is refused, and deletes the PDF; an analyst downloads but neither uploads nor deletes.
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

test("an editor attaches, downloads and deletes evidence; an analyst only downloads", async () => {
  const admin = await api(server, "admin");
  const r = await admin(`{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`);
  const year = r.departmentYears.edges[0].node.id;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-evidence-"));
  const signed = join(dir, "2023年培训签到表.pdf");
  writeFileSync(signed, pdf);
  const disguised = join(dir, "自评报告.pdf");
  writeFileSync(disguised, Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(64)]));

  const page = await signIn(browser, server, "editor");
  await page.goto(`/years/${year}/indicators`);
  const name = "业务岗位培训人数";
  await page.getByRole("button", { name: `「${name}」的佐证材料（0 个）` }).click();
  const drawer = page.getByRole("dialog", { name: `佐证材料：${name}` });
  await drawer.getByText("暂无佐证材料").waitFor();

  await drawer.locator('input[type="file"]').setInputFiles(signed);
  const link = drawer.getByRole("link", { name: "2023年培训签到表.pdf", exact: true });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  assert.equal(download.suggestedFilename(), "2023年培训签到表.pdf");
  assert.deepEqual(readFileSync(await download.path()), pdf);

  await drawer.locator('input[type="file"]').setInputFiles(disguised);
  await drawer.getByTestId("evidence-problems").getByText(/「自评报告\.pdf」的内容为 application\/octet-stream/).waitFor();
  await shot(page, "evidence-drawer");
  await drawer.getByRole("button", { name: "Close" }).or(drawer.getByLabel("Close")).first().click();
  await page.getByRole("button", { name: `「${name}」的佐证材料（1 个）` }).waitFor();

  // An analyst reads and downloads; nothing to change.
  const analyst = await signIn(browser, server, "analyst");
  await analyst.goto(`/years/${year}/indicators`);
  await analyst.getByRole("button", { name: `「${name}」的佐证材料（1 个）` }).click();
  const seen = analyst.getByRole("dialog", { name: `佐证材料：${name}` });
  await seen.getByRole("link", { name: "2023年培训签到表.pdf", exact: true }).waitFor();
  await seen.getByText(/您只能查看和下载/).waitFor();
  assert.equal(await seen.locator('input[type="file"]').count(), 0);
  assert.equal(await seen.getByRole("button", { name: /删除/ }).count(), 0);
  await analyst.context().close();

  // The editor deletes it, once confirmed.
  await page.getByRole("button", { name: `「${name}」的佐证材料（1 个）` }).click();
  await drawer.getByRole("button", { name: "删除 2023年培训签到表.pdf" }).click();
  await page.getByRole("button", { name: /确\s*定/ }).click();
  await drawer.getByText("暂无佐证材料").waitFor();
  await page.context().close();
});
