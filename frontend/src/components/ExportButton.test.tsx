import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { parse, print } from "graphql";
import { message } from "antd";
import { setCSRFToken } from "../api/client";
import ExportButton, { dispositionName, downloadExport } from "./ExportButton";

const document = parse(`query Rows($year: Int!) { indicators(first: 20, where: { hasDepartmentYearWith: { year: $year } }) { edges { node { id name } } } }`);

let clicked: { href: string; download: string }[];
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  clicked = [];
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
  URL.createObjectURL = vi.fn(() => "blob:export-1");
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setCSRFToken("");
});

const file = (body: string, type: string, name: string) =>
  new Response(body, {
    status: 200,
    headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="x"; filename*=UTF-8''${encodeURIComponent(name)}` },
  });

describe("downloadExport", () => {
  it("posts the screen's query and variables with the CSRF header and saves the file under the server's name", async () => {
    setCSRFToken("tok-1");
    fetchMock.mockResolvedValue(file("\uFEFFid,name\r\n1,甲\r\n", "text/csv; charset=utf-8", "指标.csv"));
    const name = await downloadExport({ document, variables: { year: 2023 }, format: "csv", filename: "指标" });
    expect(name).toBe("指标.csv");
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/export");
    expect(init.method).toBe("POST");
    expect(init.headers).toMatchObject({ "Content-Type": "application/json", "X-CSRF-Token": "tok-1" });
    expect(JSON.parse(init.body as string)).toEqual({ query: print(document), variables: { year: 2023 }, format: "csv", filename: "指标" });
    expect(clicked).toEqual([{ href: "blob:export-1", download: "指标.csv" }]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:export-1");
  });

  it("rejects with the server's coded errors and saves nothing", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ errors: [{ message: "too many", extensions: { code: "TOO_MANY_ROWS", limit: 1000000, got: 2000000 } }] }), {
        status: 413,
        headers: { "Content-Type": "application/json; charset=utf-8" },
      }),
    );
    await expect(downloadExport({ document, format: "xlsx" })).rejects.toMatchObject({
      errors: [{ code: "TOO_MANY_ROWS", limit: 1000000, got: 2000000 }],
    });
    expect(clicked).toEqual([]);
  });
});

describe("dispositionName", () => {
  it.each([
    [`attachment; filename="__.csv"; filename*=UTF-8''%E6%8C%87%E6%A0%87.csv`, "指标.csv"],
    [`attachment; filename="plain.xlsx"`, "plain.xlsx"],
    [null, undefined],
  ])("%s gives %s", (header, want) => {
    expect(dispositionName(header)).toBe(want);
  });
});

describe("ExportButton", () => {
  it("exports as XLSX on its button and says so", async () => {
    fetchMock.mockResolvedValue(file("PK", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "rows.xlsx"));
    const success = vi.spyOn(message, "success");
    render(<ExportButton document={document} variables={{ year: 2023 }} filename="rows" />);
    fireEvent.click(screen.getByRole("button", { name: "Excel" }));
    await waitFor(() => expect(success).toHaveBeenCalledWith("已导出 rows.xlsx"));
    expect(clicked).toHaveLength(1);
    expect(JSON.parse((fetchMock.mock.calls[0][1] as RequestInit).body as string).format).toBe("xlsx");
  });

  it("shows a refusal in the UI's words", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ errors: [{ message: "x", extensions: { code: "TOO_MANY_ROWS", limit: 10, got: 20 } }] }), {
        status: 413,
        headers: { "Content-Type": "application/json" },
      }),
    );
    const error = vi.spyOn(message, "error");
    render(<ExportButton document={document} />);
    fireEvent.click(screen.getByRole("button", { name: /导出 CSV/ }));
    await waitFor(() => expect(error).toHaveBeenCalledWith("导出行数过多（20 行，上限 10 行），请缩小筛选范围。"));
    expect(clicked).toEqual([]);
  });
});
