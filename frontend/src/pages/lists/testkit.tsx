// What the list screens' tests share: the options answer, a connection answer, picking from an
// antd Select, and a stubbed /export.
import type { ReactNode } from "react";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { expect, vi } from "vitest";
import { mockClient, type Reply } from "../../test/urql";
import { renderWith } from "../../test/render";

export const options = {
  data: {
    latest: { edges: [{ node: { id: "y24", year: 2024 } }] },
    earliest: { edges: [{ node: { id: "y22", year: 2022 } }] },
    departments: {
      edges: [
        { node: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" } },
        { node: { id: "d8", code: "440115-008", name: "广州市南沙区交通运输局" } },
      ],
    },
  },
};

/** A connection's answer: its rows, a total and whether another page follows. */
export function connection<T>(rows: T[], opts: { total?: number; next?: string } = {}) {
  return {
    totalCount: opts.total ?? rows.length,
    pageInfo: { hasNextPage: opts.next != null, endCursor: opts.next ?? null },
    edges: rows.map((node) => ({ node })),
  };
}

/** Renders a list screen at its route with the replies given (the options answered for it). */
export function renderList(ui: ReactNode, path: string, replies: Record<string, Reply>, search = "") {
  const m = mockClient({ ListOptions: options, ...replies });
  renderWith(m.client, ui, { route: path + search, path });
  return m;
}

/** Opens the antd Select with this test id and picks the option with this text. */
export async function pick(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector(".ant-select-selector")!);
  const found = await screen.findAllByText(option, { selector: ".ant-select-item-option-content" });
  fireEvent.click(found[found.length - 1]);
}

/** The variables of the latest call of the named operation. */
export function lastVariables(variablesOf: (name: string) => Record<string, unknown>[], name: string) {
  const all = variablesOf(name);
  return all[all.length - 1];
}

/** Hides the column with this title through the column settings and waits for its header to go. */
export async function hideColumn(title: string) {
  fireEvent.click(screen.getByTestId("column-settings"));
  const panel = await screen.findByTestId("column-settings-panel");
  const box = [...panel.querySelectorAll("label")].find((l) => l.textContent === title)?.querySelector("input");
  expect(box, `a check box for ${title}`).toBeTruthy();
  fireEvent.click(box!);
  await waitFor(() => expect(screen.queryByRole("columnheader", { name: new RegExp(`^${title}`) })).toBeNull());
}

/** Stubs fetch with an XLSX answer for /export and returns what the export posted. */
export function stubExport() {
  const fetchMock = vi.fn(
    async () =>
      new Response("PK\u0003\u0004", {
        status: 200,
        headers: {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="x.xlsx"; filename*=UTF-8''${encodeURIComponent("export.xlsx")}`,
        },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  URL.createObjectURL = vi.fn(() => "blob:list-export");
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  return {
    async posted(): Promise<{ query: string; variables: Record<string, unknown>; format: string; filename: string }> {
      await waitFor(() => expect(fetchMock).toHaveBeenCalled());
      const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe("/export");
      return JSON.parse(init.body as string);
    },
    restore() {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    },
  };
}

/** Clicks 导出 Excel. */
export function exportXlsx() {
  fireEvent.click(screen.getByRole("button", { name: "Excel" }));
}
