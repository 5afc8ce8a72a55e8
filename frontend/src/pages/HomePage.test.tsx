import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../auth/AuthContext";
import { mockClient, type Reply } from "../test/urql";
import { renderWith } from "../test/render";
import HomePage from "./HomePage";
import { editorQueue, me, queue, reviewerQueue } from "./rounds/fixture";
import { rememberRecent } from "../layout/recent";

function page(role: string, answer: Reply, more: Record<string, Reply> = {}) {
  const m = mockClient({ Me: me(role), MyQueue: answer, ...more });
  renderWith(
    m.client,
    <AuthProvider>
      <HomePage />
    </AuthProvider>,
  );
  return m;
}

describe("HomePage", () => {
  it("shows an editor what to fill, overdue in red, and what came back with its comment", async () => {
    page("EDITOR", editorQueue);
    const toFill = await screen.findByTestId("queue-toFill");
    expect(within(toFill).getByRole("link", { name: "逾期轮次" })).toHaveAttribute("href", "/evaluations/e1");
    // A monitoring round's task opens the year's monitoring report.
    expect(within(toFill).getByRole("link", { name: "2024年半年监控" })).toHaveAttribute("href", "/years/y9/monitoring?report=m9");
    const overdue = within(toFill).getByText("已逾期 2 天");
    expect(overdue.closest(".ant-tag")).toHaveClass("ant-tag-red");
    expect(within(toFill).getByText("剩余 12 天")).toBeInTheDocument();
    expect(within(toFill).getByText(/2024-03-31 23:59（北京时间）/)).toBeInTheDocument();
    const returned = screen.getByTestId("queue-returned");
    expect(within(returned).getByText("审核意见：请补充偏差原因")).toBeInTheDocument();
    expect(within(returned).getByText("项目：基层党建经费")).toBeInTheDocument();
    expect(within(returned).getByRole("link", { name: "区委办 2023年" })).toHaveAttribute("href", "/evaluations/e9");
    expect(within(returned).getByRole("link", { name: "区委办 2024年" })).toHaveAttribute("href", "/years/y1/targets");
    expect(within(returned).getByText("绩效目标第 1 版（申报）")).toBeInTheDocument();
    expect(within(returned).getByText("审核意见：目标偏低")).toBeInTheDocument();
    expect(screen.queryByTestId("queue-toReview")).toBeNull();
    expect(screen.queryByTestId("queue-rounds")).toBeNull();
  });

  it("shows a reviewer what waits and for how long, and the rounds near their deadline", async () => {
    page("REVIEWER", reviewerQueue);
    const toReview = await screen.findByTestId("queue-toReview");
    expect(within(toReview).getByText("已等待 8 天").closest(".ant-tag")).toHaveClass("ant-tag-red");
    expect(within(toReview).getByText("今天提交")).toBeInTheDocument();
    expect(within(toReview).getByRole("link", { name: "区财政局 2023年" })).toHaveAttribute("href", "/evaluations/e2");
    const targets = screen.getByTestId("queue-targets");
    expect(within(targets).getByText("第 2 版（调整）")).toBeInTheDocument();
    expect(within(targets).getByRole("link", { name: "区教育局 2024年" })).toHaveAttribute("href", "/years/y7/targets");
    const monitoring = screen.getByTestId("queue-monitoring");
    expect(within(monitoring).getByRole("link", { name: "区委办 2024年" })).toHaveAttribute("href", "/years/y1/monitoring?report=m1");
    expect(within(monitoring).getByText("监控时点 2024-06-30 · 部门整体")).toBeInTheDocument();
    const rounds = screen.getByTestId("queue-rounds");
    expect(within(rounds).getByRole("link", { name: "2023年度绩效自评" })).toHaveAttribute("href", "/rounds/81604378624");
    expect(within(rounds).getByText("按时 1 · 逾期 1 · 退回 0 · 未交 2 / 共 4")).toBeInTheDocument();
    expect(screen.queryByTestId("queue-toFill")).toBeNull();
  });

  it("reads its queue again when the server says it moved", async () => {
    const m = page("REVIEWER", reviewerQueue, {
      QueueChangedElsewhere: { data: { myQueueChanged: { __typename: "Queue", toReviewCount: 3 } } },
    });
    await screen.findByTestId("queue-toReview");
    await waitFor(() => expect(m.calls.filter((c) => c.name === "MyQueue").length).toBeGreaterThan(1));
    expect(m.calls.find((c) => c.name === "QueueChangedElsewhere")?.kind).toBe("subscription");
  });

  it("says when a list is empty, and in English", async () => {
    const { setLanguage } = await import("../i18n");
    setLanguage("en");
    page("ANALYST", queue());
    const rounds = await screen.findByTestId("queue-rounds");
    expect(within(rounds).getByText("No round near its deadline")).toBeInTheDocument();
    expect(screen.queryByTestId("queue-toReview")).toBeNull();
  });

  it("gives an editor shortcuts into their department's latest year", async () => {
    renderWith(
      mockClient({
        Me: me("EDITOR"),
        MyQueue: editorQueue,
        HomeLatestYear: (vars) => ({
          data: { departmentYears: { edges: vars.department === "2" ? [{ node: { id: "y9", year: 2024, overallEvaluation: { id: "e9" } } }] : [] } },
        }),
      }).client,
      <AuthProvider>
        <HomePage />
      </AuthProvider>,
    );
    const shortcuts = await screen.findByTestId("shortcuts");
    expect(within(shortcuts).getByRole("link", { name: /填报指标/ })).toHaveAttribute("href", "/years/y9/indicators");
    expect(within(shortcuts).getByRole("link", { name: /上传表格/ })).toHaveAttribute("href", "/evaluations/e9");
    expect(screen.getByRole("heading", { name: "工作台" })).toBeInTheDocument();
  });

  it("gives an administrator the users and the audit trail, and lists what they opened last", async () => {
    const admin = { data: { me: { ...me("ADMIN").data.me, user: { id: "u7", username: "admin", displayName: "管理员甲" } } } };
    rememberRecent("u7", { path: "/years/y1", kind: "year", title: "区委办 2023" }, 1);
    rememberRecent("u7", { path: "/evaluations/e2", kind: "evaluation", title: "区财政局 2023", detail: "自评" }, 2);
    rememberRecent("u8", { path: "/years/y3", kind: "year", title: "别人的 2023" }, 3);
    renderWith(
      mockClient({ Me: admin, MyQueue: queue() }).client,
      <AuthProvider>
        <HomePage />
      </AuthProvider>,
    );
    const shortcuts = await screen.findByTestId("shortcuts");
    expect(within(shortcuts).getByRole("link", { name: /用户管理/ })).toHaveAttribute("href", "/admin/users");
    expect(within(shortcuts).getByRole("link", { name: /审计日志/ })).toHaveAttribute("href", "/admin/audit");
    expect(within(shortcuts).queryByRole("link", { name: /填报指标/ })).toBeNull();
    const recent = screen.getByTestId("recent");
    const links = within(recent).getAllByRole("link");
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["区财政局 2023", "/evaluations/e2"],
      ["区委办 2023", "/years/y1"],
    ]);
    expect(within(recent).getByText("自评 · 自评")).toBeInTheDocument();
    fireEvent.click(within(recent).getByRole("button", { name: "清空" }));
    expect(await within(recent).findByText("打开过的部门年度、项目和自评会列在这里。")).toBeInTheDocument();
  });
});
