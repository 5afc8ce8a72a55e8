import "@testing-library/jest-dom/vitest";
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import { gqlErrors, mockClient } from "../../test/urql";
import { renderWith } from "../../test/render";
import { EvidenceButton, EvidenceDrawer, fileSize, precheck } from "./Evidence";

const limits = {
  __typename: "AttachmentLimits",
  maxBytes: 20 << 20,
  extensions: [".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".txt", ".csv"],
};

const file = (id: string, fileName: string, over: Record<string, unknown> = {}) => ({
  __typename: "Attachment",
  id,
  fileName,
  contentType: "application/pdf",
  size: 245_760,
  uploadedByName: "区委办编辑",
  createdAt: "2024-03-05T08:00:00Z",
  url: `/files/attachments/${id}`,
  ...over,
});

/** A server holding files of indicator 7; the list follows uploads and deletes. */
function server(initial: ReturnType<typeof file>[], replies: Record<string, unknown> = {}) {
  let files = initial;
  return mockClient({
    IndicatorEvidence: () => ({
      data: { node: { __typename: "Indicator", id: "7", attachmentCount: files.length, attachments: files }, attachmentLimits: limits },
    }),
    IndicatorEvidenceAttach: (vars) => {
      const f = vars.file as File;
      files = [...files, file("9", f.name, { size: f.size })];
      return { data: { attachToIndicator: { __typename: "Attachment", id: "9", fileName: f.name } } };
    },
    IndicatorEvidenceDelete: (vars) => {
      files = files.filter((f) => f.id !== vars.id);
      return { data: { deleteAttachment: vars.id } };
    },
    ...(replies as Record<string, never>),
  });
}

/** Chooses f in the drawer's file input, as the browser's picker does. */
function choose(f: File) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [f] } });
}

const pdf = (name = "培训签到表.pdf", bytes = 1024) => new File([new Uint8Array(bytes)], name, { type: "application/pdf" });

describe("EvidenceDrawer", () => {
  it("lists the files with download links, sizes, who uploaded them and when", async () => {
    const { client } = server([file("5", "2023年培训签到表.pdf"), file("6", "现场照片.png", { contentType: "image/png", size: 3 << 20 })]);
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} />);
    const items = await screen.findAllByTestId("evidence-item");
    expect(items).toHaveLength(2);
    const link = within(items[0]).getByRole("link", { name: "2023年培训签到表.pdf" });
    expect(link).toHaveAttribute("href", "/files/attachments/5");
    expect(link).toHaveAttribute("download", "2023年培训签到表.pdf");
    expect(within(items[0]).getByRole("link", { name: "下载 2023年培训签到表.pdf" })).toHaveAttribute("href", "/files/attachments/5");
    expect(within(items[0]).getByText("240 KB · 区委办编辑 · 2024年3月5日")).toBeInTheDocument();
    expect(within(items[1]).getByText(/^3 MB/)).toBeInTheDocument();
    expect(screen.getByText("共 2 个文件")).toBeInTheDocument();
    expect(screen.getByText(/单个文件不超过 20 MB/)).toBeInTheDocument();
  });

  it("uploads a chosen file through the multipart mutation and lists it", async () => {
    const { client, variablesOf } = server([]);
    let count = -1;
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} onCount={(n) => (count = n)} />);
    expect(await screen.findByText("暂无佐证材料")).toBeInTheDocument();
    await waitFor(() => expect(count).toBe(0));
    choose(pdf("会议纪要.pdf"));
    expect(await screen.findByRole("link", { name: "会议纪要.pdf" })).toHaveAttribute("href", "/files/attachments/9");
    expect(variablesOf("IndicatorEvidenceAttach")).toHaveLength(1);
    expect(variablesOf("IndicatorEvidenceAttach")[0].indicatorID).toBe("7");
    expect(variablesOf("IndicatorEvidenceAttach")[0].file).toBeInstanceOf(File);
    await waitFor(() => expect(count).toBe(1));
  });

  it("refuses a file too large or of an extension not accepted before sending it", async () => {
    const { client, variablesOf } = server([]);
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} />);
    await screen.findByText("暂无佐证材料");
    choose(pdf("航拍视频.pdf", (20 << 20) + 1));
    expect(await screen.findByTestId("evidence-problems")).toHaveTextContent("「航拍视频.pdf」大小为 20 MB（20,971,521 字节），超过单个文件 20 MB 的上限。");
    choose(new File(["MZ"], "setup.exe"));
    expect(await screen.findByTestId("evidence-problems")).toHaveTextContent("「setup.exe」的扩展名 .exe 不在允许范围内");
    expect(variablesOf("IndicatorEvidenceAttach")).toHaveLength(0);
  });

  it("says why the server refused a file, from its reason and params", async () => {
    const { client } = server([], {
      IndicatorEvidenceAttach: gqlErrors([
        "file: 自评报告.pdf: its content is application/octet-stream…",
        { code: "BAD_USER_INPUT", field: "file", reason: "FILE_TYPE_NOT_ALLOWED", params: { name: "自评报告.pdf", detected: "application/octet-stream", extension: ".pdf" } },
      ]),
    });
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} />);
    await screen.findByText("暂无佐证材料");
    choose(pdf("自评报告.pdf"));
    expect(await screen.findByTestId("evidence-problems")).toHaveTextContent(
      "「自评报告.pdf」的内容为 application/octet-stream（扩展名 .pdf），不属于允许的类型",
    );
  });

  it("shows a lock as the catalogue says it", async () => {
    const { client } = server([], {
      IndicatorEvidenceAttach: gqlErrors(["evaluation 3 is SUBMITTED", { code: "LOCKED", status: "SUBMITTED" }]),
    });
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} />);
    await screen.findByText("暂无佐证材料");
    choose(pdf());
    expect(await screen.findByTestId("evidence-problems")).toHaveTextContent("审核期间");
  });

  it("deletes a file once confirmed", async () => {
    const { client, variablesOf } = server([file("5", "作废.pdf")]);
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly={false} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "删除 作废.pdf" }));
    expect(variablesOf("IndicatorEvidenceDelete")).toHaveLength(0);
    expect(await screen.findByText("删除佐证材料「作废.pdf」？删除后无法恢复。")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "确 定" }));
    await waitFor(() => expect(variablesOf("IndicatorEvidenceDelete")).toEqual([{ id: "5" }]));
    expect(await screen.findByText("暂无佐证材料")).toBeInTheDocument();
  });

  it("read-only: downloads, but neither uploads nor deletes", async () => {
    const { client } = server([file("5", "2023年培训签到表.pdf")]);
    renderWith(client, <EvidenceDrawer indicatorID="7" name="业务岗位培训人数" readOnly onClose={() => {}} />);
    expect(await screen.findByRole("link", { name: "2023年培训签到表.pdf" })).toBeInTheDocument();
    expect(screen.getByText(/您只能查看和下载/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /上传文件/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /删除/ })).not.toBeInTheDocument();
    expect(document.querySelector('input[type="file"]')).toBeNull();
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    const { client } = server([file("5", "sign-in sheet.pdf", { uploadedByName: "" })]);
    renderWith(client, <EvidenceDrawer indicatorID="7" name="Training" readOnly onClose={() => {}} />);
    expect(await screen.findByText("Evidence: Training")).toBeInTheDocument();
    expect(screen.getByText(/^240 KB · /)).toBeInTheDocument(); // no uploader for the public
    expect(screen.getByText(/up to 20 MB each/)).toBeInTheDocument();
  });
});

describe("EvidenceButton", () => {
  it("shows the indicator's count and opens its drawer, whose count it then follows", async () => {
    const { client } = server([file("5", "a.pdf"), file("6", "b.pdf")]);
    renderWith(client, <EvidenceButton indicatorID="7" name="业务岗位培训人数" count={2} readOnly={false} />);
    const button = screen.getByRole("button", { name: "「业务岗位培训人数」的佐证材料（2 个）" });
    fireEvent.click(button);
    fireEvent.click(await screen.findByRole("button", { name: "删除 a.pdf" }));
    fireEvent.click(await screen.findByRole("button", { name: "确 定" }));
    expect(await screen.findByRole("button", { name: "「业务岗位培训人数」的佐证材料（1 个）" })).toBeInTheDocument();
  });
});

describe("precheck and fileSize", () => {
  it("checks what the server checks before the content", () => {
    const l = { maxBytes: 1 << 20, extensions: [".pdf", ".docx"] };
    expect(precheck({ name: "a.PDF", size: 10 }, l)).toBeUndefined();
    expect(precheck({ name: "a.pdf", size: (1 << 20) + 1 }, l)?.reason).toBe("FILE_TOO_LARGE");
    expect(precheck({ name: "a.pdf", size: 0 }, l)?.reason).toBe("FILE_EMPTY");
    expect(precheck({ name: "a.zip", size: 10 }, l)?.reason).toBe("EXTENSION");
    expect(precheck({ name: "README", size: 10 }, l)?.params?.extension).toBe("");
  });
  it("writes sizes as file managers do", () => {
    expect([0, 1023, 1024, 1536, 20 << 20, 26542080, 1 << 30].map(fileSize)).toEqual(["0 B", "1023 B", "1 KB", "1.5 KB", "20 MB", "25.3 MB", "1 GB"]);
  });
});
