import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../auth/AuthContext";
import { mockClient, type Reply } from "../test/urql";
import { renderWith } from "../test/render";
import AppLayout from "./AppLayout";
import PageHeader from "./PageHeader";
import { readRecent } from "./recent";

const me = (role: string) => ({
  data: {
    me: {
      kind: "USER",
      name: "editor",
      role,
      csrfToken: "t",
      user: { id: "u1", username: "editor", displayName: "一个名字很长很长的填报人员" },
      scope: role === "EDITOR" ? { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室" } : null,
    },
  },
});

const year = {
  __typename: "DepartmentYear",
  id: "y1",
  year: 2023,
  department: { __typename: "Department", id: "2", name: "中共广州市南沙区委员会办公室" },
};

function layout(role: string, route: string, replies: Record<string, Reply> = {}, page = <div>页面</div>) {
  return renderWith(
    mockClient({ Me: me(role), ...replies }).client,
    <AuthProvider>
      <AppLayout>{page}</AppLayout>
    </AuthProvider>,
    { route, path: "*" },
  );
}

const menuLinks = () =>
  within(screen.getByTestId("side-menu"))
    .getAllByRole("link")
    .map((a) => a.textContent);

/** Makes the window a phone (≤ 768 px) for antd and the layout, or a laptop again. */
function phone(on: boolean) {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: on && query.includes("max-width: 768px"),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

afterEach(() => phone(false));

describe("AppLayout", () => {
  it("gives an editor the menu of what they use, grouped, and no administration", () => {
    layout("EDITOR", "/home");
    const links = menuLinks();
    expect(links).toEqual(expect.arrayContaining(["工作台", "部门", "年度一览", "项目一览", "自评一览", "未达标指标", "工作布置", "指标库", "公开信息网站"]));
    for (const hidden of ["分析看板", "评分规则", "目标审核", "用户管理", "API 令牌", "组织机构", "审计日志", "Webhook"]) expect(links).not.toContain(hidden);
    expect(screen.getByText("绩效年度")).toBeInTheDocument();
    expect(screen.queryByText("系统管理")).toBeNull();
    expect(screen.getByRole("link", { name: "公开信息网站" })).toHaveAttribute("href", "/public");
  });

  it("gives an administrator every screen, and selects the entry of the route", () => {
    layout("ADMIN", "/admin/audit");
    const links = menuLinks();
    for (const shown of ["工作台", "部门", "工作布置", "目标审核", "分析看板", "指标库", "评分规则", "用户管理", "API 令牌", "组织机构", "审计日志", "Webhook"]) expect(links).toContain(shown);
    expect(within(screen.getByTestId("side-menu")).getByText("系统管理")).toBeInTheDocument();
    expect(screen.getByTestId("breadcrumb").textContent).toBe("系统管理/审计日志");
    const selected = screen.getByTestId("side-menu").querySelector(".ant-menu-item-selected");
    expect(selected?.textContent).toBe("审计日志");
  });

  it("gives a reviewer the bureau's screens but not administration, an analyst the dashboards but not the rules", () => {
    const r = layout("REVIEWER", "/home");
    expect(menuLinks()).toEqual(expect.arrayContaining(["目标审核", "评分规则", "分析看板"]));
    expect(menuLinks()).not.toContain("用户管理");
    r.unmount();
    layout("ANALYST", "/home");
    expect(menuLinks()).toContain("分析看板");
    expect(menuLinks()).not.toContain("评分规则");
    expect(menuLinks()).not.toContain("目标审核");
  });

  it("names the department and the year in the breadcrumb, and remembers the year as recently opened", async () => {
    layout("EDITOR", "/years/y1/indicators", { LayoutCrumbs: { data: { node: year } } });
    const crumbs = await screen.findByTestId("breadcrumb");
    await waitFor(() => expect(crumbs.textContent).toBe("部门/中共广州市南沙区委员会办公室 2023/指标"));
    expect(within(crumbs).getByRole("link", { name: "部门" })).toHaveAttribute("href", "/departments");
    expect(within(crumbs).getByRole("link", { name: "中共广州市南沙区委员会办公室 2023" })).toHaveAttribute("href", "/years/y1");
    await waitFor(() => expect(readRecent("u1")).toMatchObject([{ path: "/years/y1", kind: "year", title: "中共广州市南沙区委员会办公室 2023" }]));
  });

  it("names a project's indicators, an evaluation's report and a round", async () => {
    const project = { __typename: "Project", id: "p1", name: "基层党建经费", departmentYear: year };
    let r = layout("EDITOR", "/projects/p1/indicators", { LayoutCrumbs: { data: { node: project } } });
    await waitFor(() => expect(screen.getByTestId("breadcrumb").textContent).toBe("部门/中共广州市南沙区委员会办公室 2023/基层党建经费/指标"));
    r.unmount();
    const evaluation = { __typename: "Evaluation", id: "e1", project: null, departmentYear: year };
    r = layout("EDITOR", "/evaluations/e1/report", { LayoutCrumbs: { data: { node: evaluation } } });
    await waitFor(() => expect(screen.getByTestId("breadcrumb").textContent).toBe("部门/中共广州市南沙区委员会办公室 2023/自评/自评报告"));
    expect(screen.getByRole("link", { name: "自评" })).toHaveAttribute("href", "/evaluations/e1");
    r.unmount();
    layout("ADMIN", "/rounds/r1", { LayoutCrumbs: { data: { node: { __typename: "Round", id: "r1", name: "2023年度绩效自评" } } } });
    await waitFor(() => expect(screen.getByTestId("breadcrumb").textContent).toBe("工作布置/2023年度绩效自评"));
    expect(readRecent("u1").map((x) => x.path)).toEqual(["/evaluations/e1", "/projects/p1/indicators"]);
  });

  it("shows a menu screen under its group; the home page has no breadcrumb; a PageHeader draws it instead", () => {
    let r = layout("ADMIN", "/admin/users");
    expect(screen.getByTestId("breadcrumb").textContent).toBe("系统管理/用户管理");
    // The page's one h1 names it for screen readers.
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("用户管理");
    r.unmount();
    r = layout("ADMIN", "/home");
    expect(screen.queryByTestId("breadcrumb")).toBeNull();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    r.unmount();
    layout("ADMIN", "/lists/evaluations", {}, <PageHeader title="自评一览" extra={<button>导出</button>} />);
    expect(screen.getAllByTestId("breadcrumb")).toHaveLength(1);
    expect(within(screen.getByTestId("page-header")).getByTestId("breadcrumb").textContent).toBe("绩效年度/自评一览");
    expect(screen.getByRole("heading", { name: "自评一览" })).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1); // the PageHeader's, not the layout's too
    expect(screen.getByRole("button", { name: "导出" })).toBeInTheDocument();
  });

  it("collapses the side menu and remembers it", () => {
    let r = layout("EDITOR", "/home");
    fireEvent.click(screen.getByRole("button", { name: "收起菜单" }));
    expect(localStorage.getItem("jixiao.menuCollapsed")).toBe("1");
    expect(screen.getByRole("button", { name: "展开菜单" })).toHaveAttribute("aria-expanded", "false");
    // Folded to icons, the groups are dividers rather than cut-off titles.
    expect(within(screen.getByTestId("side-menu")).queryByText("绩效年度")).toBeNull();
    r.unmount();
    r = layout("EDITOR", "/home");
    expect(screen.getByRole("button", { name: "展开菜单" })).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "展开菜单" }));
    expect(localStorage.getItem("jixiao.menuCollapsed")).toBe("0");
  });

  it("on a phone, puts the menu in a drawer opened from the header, and the language and sign-out as labelled icons", async () => {
    phone(true);
    layout("EDITOR", "/home");
    expect(screen.queryByTestId("side-menu")).toBeNull();
    expect(screen.queryByRole("link", { name: "指标库" })).toBeNull();
    expect(screen.getByRole("button", { name: "English" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "退出登录" })).toBeInTheDocument();
    expect(screen.getByTestId("whoami").textContent).toBe("一个名字很长很长的填报人员");
    fireEvent.click(screen.getByRole("button", { name: "打开菜单" }));
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByText("填报人员 · 所属部门：中共广州市南沙区委员会办公室")).toBeInTheDocument();
    fireEvent.click(within(drawer).getByRole("link", { name: "指标库" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "打开菜单" })).toHaveAttribute("aria-expanded", "false"));
  });

  it("sets <html lang> with the language", async () => {
    const { setLanguage } = await import("../i18n");
    setLanguage("en");
    expect(document.documentElement.lang).toBe("en");
    layout("EDITOR", "/home");
    expect(screen.getByRole("link", { name: "Workbench" })).toBeInTheDocument();
    expect(screen.getByTestId("whoami").textContent).toBe("一个名字很长很长的填报人员 (Editor)");
    setLanguage("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
  });
});
