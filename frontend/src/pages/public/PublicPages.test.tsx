import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { AuthProvider } from "../../auth/AuthContext";
import { MemoryRouter } from "react-router-dom";
import { Provider } from "urql";
import { renderWith } from "../../test/render";
import { gqlErrors, mockClient } from "../../test/urql";
import { seedReportAnswer } from "../report/seed.fixture";
import PublicApp from "./PublicApp";
import PublicListPage from "./PublicListPage";
import PublicReportPage from "./PublicReportPage";
import { isPublicPath } from "./path";

beforeEach(() => i18n.changeLanguage("zh-CN"));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const evaluation = (id: string, status: string, project?: { id: string; name: string }) => ({
  id,
  status,
  score: "91.5",
  grade: "EXCELLENT",
  gradeLabel: "优",
  project: project ?? null,
});

const list = {
  data: {
    departmentYears: {
      totalCount: 2,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [
        {
          node: {
            id: "y23",
            year: 2023,
            department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" },
            evaluations: [
              evaluation("e1", "PUBLISHED"),
              evaluation("e2", "PUBLISHED", { id: "p2", name: "区委重要会议保障" }),
              // A signed-in reader's answer may hold what is not published: the list shows none of it.
              evaluation("e3", "SUBMITTED", { id: "p3", name: "督查督办" }),
            ],
          },
        },
        {
          node: {
            id: "y22",
            year: 2022,
            department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" },
            evaluations: [evaluation("e4", "PUBLISHED")],
          },
        },
      ],
    },
  },
};
const years = { data: { departmentYearAggregate: { groups: [{ key: { year: 2022 }, count: 20 }, { key: { year: 2023 }, count: 25 }] } } };

describe("PublicListPage", () => {
  it("lists the published reports by year and department, newest first, and nothing unpublished", async () => {
    const { client, variablesOf, executeQuery } = mockClient({ PublicReports: list, PublicYears: years });
    renderWith(client, <PublicListPage />, { route: "/public", path: "/public" });
    const rows = await screen.findAllByTestId("public-row");
    // As the public reads, whoever is signed in: without the session cookie.
    const contexts = executeQuery.mock.calls.map((c) => (c as unknown[])[1] as { fetchOptions?: RequestInit } | undefined);
    expect(contexts.length).toBeGreaterThan(0);
    expect(contexts.every((c) => c?.fetchOptions?.credentials === "omit")).toBe(true);
    expect(rows.map((r) => r.dataset.year)).toEqual(["2023", "2022"]);
    expect(within(rows[0]).getByRole("link", { name: "2023年度部门整体支出自评报告" })).toHaveAttribute("href", "/public/reports/e1");
    expect(within(rows[0]).getByRole("link", { name: "区委重要会议保障" })).toHaveAttribute("href", "/public/reports/e2");
    expect(within(rows[0]).queryByText("督查督办")).toBeNull();
    expect(within(rows[0]).getByText("项目支出绩效自评报告（1 个项目）")).toBeInTheDocument();
    expect(within(rows[0]).getAllByText("91.5分 · 优")).toHaveLength(2);
    expect(screen.getByTestId("public-total")).toHaveTextContent("共 2 个部门年度");
    // The query asks for published evaluations, newest year first, whoever reads.
    expect(variablesOf("PublicReports")[0]).toEqual({ where: { hasEvaluationsWith: [{ status: "PUBLISHED" }] }, first: 20 });
  });

  it("searches by department name or code, and filters by year, through the query's variables", async () => {
    const user = userEvent.setup();
    const { client, variablesOf } = mockClient({ PublicReports: list, PublicYears: years });
    renderWith(client, <PublicListPage />, { route: "/public", path: "/public" });
    await screen.findAllByTestId("public-row");

    await user.type(screen.getByRole("searchbox", { name: "按部门名称或编码搜索" }), " 440115-001 {Enter}");
    await waitFor(() =>
      expect(variablesOf("PublicReports").at(-1)).toEqual({
        where: {
          hasEvaluationsWith: [{ status: "PUBLISHED" }],
          hasDepartmentWith: [{ or: [{ nameContainsFold: "440115-001" }, { codeContainsFold: "440115-001" }] }],
        },
        first: 20,
      }),
    );

    // The years offered are those with a published report, newest first.
    fireEvent.mouseDown(screen.getByRole("combobox", { name: "按年度筛选" }));
    await screen.findAllByRole("option");
    const options = [...document.querySelectorAll<HTMLElement>(".ant-select-item-option")];
    expect(options.map((o) => o.textContent)).toEqual(["2023年", "2022年"]);
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="2022年"]')!);
    await waitFor(() =>
      expect(variablesOf("PublicReports").at(-1)).toEqual({
        where: {
          hasEvaluationsWith: [{ status: "PUBLISHED" }],
          year: 2022,
          hasDepartmentWith: [{ or: [{ nameContainsFold: "440115-001" }, { codeContainsFold: "440115-001" }] }],
        },
        first: 20,
      }),
    );
  });

  it("says so when nothing matches", async () => {
    const empty = { data: { departmentYears: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } };
    renderWith(mockClient({ PublicReports: empty, PublicYears: years }).client, <PublicListPage />, { route: "/public?q=无此部门", path: "/public" });
    expect(await screen.findByText("没有符合条件的已公开报告。")).toBeInTheDocument();
  });
});

const published = {
  node: {
    ...seedReportAnswer.node,
    status: "PUBLISHED",
    score: "99.69",
    gradeLabel: "优",
    departmentYear: { id: "y23", year: 2023, department: { id: "d1", code: "440115-001", name: "中共广州市南沙区委员会办公室" } },
    project: null,
  },
};

describe("PublicReportPage", () => {
  const at = (id: string) => ({ route: `/public/reports/${id}`, path: "/public/reports/:evaluationId" });

  it("shows a published report read-only, with its Word and PDF downloads", async () => {
    const { client, variablesOf } = mockClient({ PublicReport: { data: published } });
    renderWith(client, <PublicReportPage />, at("8589934594"));
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("2023年度中共广州市南沙区委员会办公室部门整体支出绩效自评报告");
    expect(variablesOf("PublicReport")).toEqual([{ id: "8589934594" }]);
    expect(screen.getByRole("button", { name: "下载 Word：本报告的 .docx 文件" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "下载 PDF：本报告的 PDF 文件" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "打印本报告" })).toBeInTheDocument();
    // Read-only: nothing to edit, and no marks of drafts beyond the report's own.
    expect(screen.queryByRole("button", { name: /编辑/ })).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("downloads the report's files from the server's document routes", async () => {
    const fetch = vi.fn(async () => new Response(new Blob(["PK"]), { headers: { "Content-Disposition": "attachment; filename*=UTF-8''r.docx" } }));
    vi.stubGlobal("fetch", fetch);
    const createObjectURL = vi.fn(() => "blob:x");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderWith(mockClient({ PublicReport: { data: published } }).client, <PublicReportPage />, at("8589934594"));
    await userEvent.click(await screen.findByRole("button", { name: "下载 Word：本报告的 .docx 文件" }));
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/files/evaluations/8589934594/report.docx", { credentials: "omit" }));
    await userEvent.click(screen.getByRole("button", { name: "下载 PDF：本报告的 PDF 文件" }));
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/files/evaluations/8589934594/report.pdf", { credentials: "omit" }));
  });

  it("shows not-found for what the server hides, and for an unpublished evaluation a signed-in reader may see", async () => {
    renderWith(mockClient({ PublicReport: { data: { node: null } } }).client, <PublicReportPage />, at("1"));
    expect(await screen.findByTestId("public-not-found")).toHaveTextContent("未找到该报告：它不存在，或尚未公开。");
    cleanup();
    renderWith(mockClient({ PublicReport: { data: { node: { ...published.node, status: "APPROVED" } } } }).client, <PublicReportPage />, at("2"));
    expect(await screen.findByTestId("public-not-found")).toBeInTheDocument();
    expect(screen.queryByTestId("report")).toBeNull();
    cleanup();
    renderWith(mockClient({ PublicReport: gqlErrors(["evaluation 3 does not exist", { code: "NOT_FOUND" }]) }).client, <PublicReportPage />, at("3"));
    expect(await screen.findByTestId("public-not-found")).toHaveTextContent("未找到该报告");
  });
});

describe("PublicApp", () => {
  it("frames the site with its name, the language switch and a sign-in link, and no app menu", async () => {
    const me = { data: { me: { kind: "ANONYMOUS", name: "", role: null, csrfToken: null, user: null, scope: null } } };
    render(
      <Provider value={mockClient({ Me: me, PublicReports: list, PublicYears: years }).client}>
        <MemoryRouter initialEntries={["/public"]}>
          <AuthProvider>
            <PublicApp />
          </AuthProvider>
        </MemoryRouter>
      </Provider>,
    );
    await screen.findAllByTestId("public-row");
    expect(screen.getByTestId("public-site")).toHaveTextContent("预算绩效自评报告公开");
    expect(screen.getByRole("link", { name: "登录" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("button", { name: "English" })).toBeInTheDocument();
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("knows its paths", () => {
    expect(["/public", "/public/reports/1", "/publicity", "/"].map(isPublicPath)).toEqual([true, true, false, false]);
  });
});
