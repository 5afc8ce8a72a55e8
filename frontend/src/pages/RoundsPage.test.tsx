import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { AuthProvider } from "../auth/AuthContext";
import { mockClient } from "../test/urql";
import { renderWith } from "../test/render";
import RoundsPage from "./RoundsPage";
import RoundPage from "./RoundPage";
import { openRoundInput } from "./rounds/OpenRoundModal";
import { me, roundDetail, roundRow } from "./rounds/fixture";

const list = {
  data: {
    rounds: {
      totalCount: 2,
      edges: [
        { node: roundRow() },
        { node: roundRow({ id: "81604378625", name: "2024年半年监控", kind: "MONITORING", year: 2024, status: "CLOSED", viewerCan: { update: false, close: false } }) },
      ],
    },
  },
};

describe("RoundsPage", () => {
  it("lists the rounds with their progress; the bureau may open one, an editor may not", async () => {
    renderWith(
      mockClient({ Me: me("ADMIN"), RoundsList: list }).client,
      <AuthProvider>
        <RoundsPage />
      </AuthProvider>,
    );
    const row = (await screen.findByRole("link", { name: "2023年度绩效自评" })).closest("tr")!;
    expect(within(row).getByText("剩余 5 天")).toBeInTheDocument();
    expect(within(row).getByText("2024-03-31 23:59")).toBeInTheDocument();
    expect(within(row).getByText("按时 1 · 逾期 1 · 退回 0 · 未交 2 / 共 4")).toBeInTheDocument();
    const closed = screen.getByRole("link", { name: "2024年半年监控" }).closest("tr")!;
    expect(within(closed).getByText("已结束")).toBeInTheDocument();
    expect(within(closed).getByText("绩效运行监控")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "发起轮次" })).toBeInTheDocument();
  });

  it("shows an editor no button to open rounds", async () => {
    renderWith(
      mockClient({ Me: me("EDITOR"), RoundsList: list }).client,
      <AuthProvider>
        <RoundsPage />
      </AuthProvider>,
    );
    await screen.findByRole("link", { name: "2023年度绩效自评" });
    expect(screen.queryByRole("button", { name: "发起轮次" })).toBeNull();
  });

  it("sends a day's deadline as its last second in Beijing and the ticked departments as subtrees", () => {
    expect(openRoundInput({ kind: "SELF_EVALUATION", year: 2023, name: " 2023年度自评 ", deadline: "2024-03-31", departments: ["1", "7"], projects: true })).toEqual({
      kind: "SELF_EVALUATION",
      year: 2023,
      name: "2023年度自评",
      deadline: "2024-03-31T23:59:59+08:00",
      subtreeIDs: ["1", "7"],
      projects: true,
    });
  });
});

describe("RoundPage", () => {
  it("shows each department's status and the summary", async () => {
    const m = mockClient({ RoundDetail: roundDetail() });
    renderWith(m.client, <RoundPage />, { route: "/rounds/81604378624", path: "/rounds/:roundId" });
    const onTime = (await screen.findByText("区委办（440115-001）")).closest("tr")!;
    expect(within(onTime).getByText("按时提交").closest(".ant-tag")).toHaveClass("ant-tag-green");
    expect(within(onTime).getByText("2024-03-20 10:00")).toBeInTheDocument();
    expect(within(onTime).getByRole("link", { name: "查看自评" })).toHaveAttribute("href", "/evaluations/e1");
    expect(within(screen.getByText("区财政局（440115-002）").closest("tr")!).getByText("逾期提交")).toBeInTheDocument();
    expect(within(screen.getByText("区教育局（440115-003）").closest("tr")!).getByRole("link", { name: "查看年度" })).toHaveAttribute("href", "/years/y3");
    expect(within(screen.getByText("南沙街道（440115-004）").closest("tr")!).getByText("逾期未交").closest(".ant-tag")).toHaveClass("ant-tag-red");
    expect(screen.getByTestId("summary-onTime")).toHaveTextContent("按时提交 1");
    expect(screen.getByTestId("summary-overdue")).toHaveTextContent("逾期未交 1");
    expect(screen.getByTestId("chart")).toHaveAttribute("aria-label", "报送情况");
    expect(screen.getByTestId("round-deadline")).toHaveTextContent("2024-03-31 23:59（北京时间）");
    expect(screen.getByRole("button", { name: "结束轮次" })).toBeInTheDocument();
  });

  it("shows a monitoring round's point and each department's monitoring report, and follows the round", async () => {
    const detail = roundDetail({ kind: "MONITORING", year: 2024, monitoringPoint: "2024-06-30" });
    const parts = detail.data.node.participants as Array<Record<string, unknown>>;
    parts[0] = { ...parts[0], monitoringReport: { __typename: "MonitoringReport", id: "m1", status: "SUBMITTED", point: "2024-06-30" } };
    const m = mockClient({ RoundDetail: detail });
    renderWith(m.client, <RoundPage />, { route: "/rounds/81604378624", path: "/rounds/:roundId" });
    const submitted = (await screen.findByText("区委办（440115-001）")).closest("tr")!;
    expect(screen.getByTestId("round-monitoring-point")).toHaveTextContent("2024-06-30");
    expect(within(submitted).getByRole("link", { name: "查看监控表（已提交）" })).toHaveAttribute("href", "/years/y1/monitoring");
    expect(within(screen.getByText("区教育局（440115-003）").closest("tr")!).getByRole("link", { name: "填报监控表" })).toHaveAttribute("href", "/years/y3/monitoring");
    expect(m.variablesOf("RoundChangedElsewhere")).toEqual([{ id: "81604378624" }]);
  });

  it("offers no change to whom the server refuses it", async () => {
    renderWith(mockClient({ RoundDetail: roundDetail({ viewerCan: { update: false, close: false } }) }).client, <RoundPage />, {
      route: "/rounds/81604378624",
      path: "/rounds/:roundId",
    });
    await screen.findByText("区委办（440115-001）");
    expect(screen.queryByRole("button", { name: "结束轮次" })).toBeNull();
    expect(screen.queryByRole("button", { name: "修改截止日期" })).toBeNull();
  });
});
