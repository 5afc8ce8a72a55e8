import "@testing-library/jest-dom/vitest";
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import { EvidencePanel, ownerWhere } from "./Evidence";
import EntryEvidence from "../monitoring/EntryEvidence";
import { RectificationEvidenceButton, RectificationEvidencePanel } from "../evaluation/RectificationEvidence";

// The evidence of a monitoring entry and of a rectification item's answer: listed through the
// attachments list filtered by the owner, uploaded by attachFile naming that owner.

const limits = { __typename: "AttachmentLimits", maxBytes: 20 << 20, extensions: [".pdf", ".png", ".docx"] };

const file = (id: string, fileName: string) => ({
  __typename: "Attachment",
  id,
  fileName,
  contentType: "application/pdf",
  size: 2048,
  uploadedByName: "区委办编辑",
  createdAt: "2024-03-05T08:00:00Z",
  url: `/files/attachments/${id}`,
});

/** A server holding the files of one owner; the list follows uploads and deletes. */
function server(initial: ReturnType<typeof file>[], replies: Record<string, unknown> = {}) {
  let files = initial;
  return mockClient({
    OwnedEvidence: () => ({
      data: {
        attachments: { __typename: "AttachmentConnection", totalCount: files.length, edges: files.map((node) => ({ __typename: "AttachmentEdge", node })) },
        attachmentLimits: limits,
      },
    }),
    EvidenceAttachFile: (vars) => {
      const f = vars.file as File;
      files = [...files, file("9", f.name)];
      return { data: { attachFile: { __typename: "Attachment", id: "9", fileName: f.name } } };
    },
    IndicatorEvidenceDelete: (vars) => {
      files = files.filter((f) => f.id !== vars.id);
      return { data: { deleteAttachment: vars.id } };
    },
    ...(replies as Record<string, never>),
  });
}

function choose(f: File) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [f] } });
}

const pdf = (name: string) => new File([new Uint8Array(100)], name, { type: "application/pdf" });

describe("ownerWhere", () => {
  it("filters the attachments list by the owner's own field", () => {
    expect(ownerWhere({ kind: "monitoringEntry", id: "3" })).toEqual({ monitoringEntryID: "3" });
    expect(ownerWhere({ kind: "rectification", id: "4" })).toEqual({ rectificationID: "4" });
    expect(ownerWhere({ kind: "indicator", id: "5" })).toEqual({ indicatorID: "5" });
  });
});

describe("EntryEvidence", () => {
  const entry = (id: string | null, count = 0) => ({ id, attachmentCount: count, indicator: { id: "77", name: "业务岗位培训人数" } });

  it("asks to fill the entry first when nothing is stored of it yet", () => {
    const { client } = server([]);
    renderWith(client, <EntryEvidence entry={entry(null)} editable />);
    const button = screen.getByRole("button", { name: "先填报本指标的执行情况，保存后即可上传佐证材料" });
    expect(button).toBeDisabled();
  });

  it("opens the entry's files and uploads to the entry", async () => {
    const { client, variablesOf } = server([file("5", "6月签到表.pdf")]);
    renderWith(client, <EntryEvidence entry={entry("31", 1)} editable />);
    fireEvent.click(screen.getByRole("button", { name: "「业务岗位培训人数」的佐证材料（1 个）" }));
    expect(await screen.findByRole("link", { name: "6月签到表.pdf" })).toHaveAttribute("href", "/files/attachments/5");
    expect(variablesOf("OwnedEvidence")[0]).toEqual({ where: { monitoringEntryID: "31" } });
    choose(pdf("培训通知.pdf"));
    expect(await screen.findByRole("link", { name: "培训通知.pdf" })).toBeInTheDocument();
    expect(variablesOf("EvidenceAttachFile")[0]).toMatchObject({ monitoringEntryID: "31", rectificationID: null });
    expect(await screen.findByRole("button", { name: "「业务岗位培训人数」的佐证材料（2 个）" })).toBeInTheDocument();
  });

  it("read-only once the report is submitted, saying why", async () => {
    const { client } = server([file("5", "6月签到表.pdf")]);
    renderWith(client, <EntryEvidence entry={entry("31", 1)} editable={false} />);
    fireEvent.click(screen.getByRole("button", { name: /佐证材料（1 个）/ }));
    expect(await screen.findByText(/监控报告提交审核后/)).toBeInTheDocument();
    expect(document.querySelector('input[type="file"]')).toBeNull();
    expect(screen.queryByRole("button", { name: /删除/ })).not.toBeInTheDocument();
  });
});

describe("rectification evidence", () => {
  const item = (answer: boolean) => ({ id: "41", issue: "培训台账不完整", attachmentCount: 1, viewerCan: { answer } });

  it("the answer dialog's panel lists, uploads to the item and deletes", async () => {
    const { client, variablesOf } = server([file("5", "整改纪要.pdf")]);
    renderWith(client, <RectificationEvidencePanel item={item(true)} />);
    const panel = screen.getByTestId("answer-evidence");
    expect(within(panel).getByText("整改佐证材料")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "整改纪要.pdf" })).toBeInTheDocument();
    expect(variablesOf("OwnedEvidence")[0]).toEqual({ where: { rectificationID: "41" } });
    choose(pdf("补充签到表.pdf"));
    expect(await screen.findByRole("link", { name: "补充签到表.pdf" })).toBeInTheDocument();
    expect(variablesOf("EvidenceAttachFile")[0]).toMatchObject({ rectificationID: "41", monitoringEntryID: null });
    fireEvent.click(screen.getByRole("button", { name: "删除 整改纪要.pdf" }));
    fireEvent.click(await screen.findByRole("button", { name: "确 定" }));
    await waitFor(() => expect(variablesOf("IndicatorEvidenceDelete")).toEqual([{ id: "5" }]));
  });

  it("says in words that an answered item's files are kept as they are", async () => {
    const { client } = server([], {
      EvidenceAttachFile: gqlErrors([
        "rectification 41 is ANSWERED",
        { code: "BAD_USER_INPUT", field: "rectificationID", reason: "RECTIFICATION_STATUS", params: { status: "ANSWERED", expected: "OPEN" } },
      ]),
    });
    renderWith(client, <EvidencePanel owner={{ kind: "rectification", id: "41" }} readOnly={false} />);
    await screen.findByText("暂无佐证材料");
    choose(pdf("迟到的.pdf"));
    const problem = await screen.findByTestId("evidence-problems");
    expect(problem).not.toHaveTextContent("ANSWERED");
    expect(problem).toHaveTextContent("整改事项当前为");
  });

  it("the reviewer's paper clip opens the files read-only", async () => {
    const { client } = server([file("5", "整改纪要.pdf")]);
    renderWith(client, <RectificationEvidenceButton item={item(false)} />);
    fireEvent.click(screen.getByRole("button", { name: "「培训台账不完整」的佐证材料（1 个）" }));
    expect(await screen.findByRole("link", { name: "下载 整改纪要.pdf" })).toHaveAttribute("href", "/files/attachments/5");
    expect(screen.getByText(/整改事项答复后/)).toBeInTheDocument();
    expect(document.querySelector('input[type="file"]')).toBeNull();
  });
});
