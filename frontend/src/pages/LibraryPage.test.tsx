import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../auth/AuthContext";
import { gqlErrors, mockClient, type Reply } from "../test/urql";
import { renderWith } from "../test/render";
import LibraryPage from "./LibraryPage";
import { executionRate, libraryEntry, listAnswer, satisfaction } from "./library/fixture";

const me = (role: string) => ({
  data: {
    me: { kind: "USER", name: role, role, csrfToken: "t", user: null, scope: role === "EDITOR" ? { id: "2", code: "440115-001", name: "区委办" } : null },
  },
});

const proposal = libraryEntry({
  id: "64424509500",
  scope: "DEPARTMENT",
  status: "PROPOSED",
  name: "督查件按期办结率",
  level1: "履职效能",
  level2: "产出",
  department: { id: "2", name: "区委办" },
  tags: ["督查"],
});

function page(role: string, replies: Record<string, Reply>) {
  const m = mockClient({ Me: me(role), LibraryTags: { data: { libraryTags: ["项目", "督查"] } }, ...replies });
  renderWith(
    m.client,
    <AuthProvider>
      <LibraryPage />
    </AuthProvider>,
  );
  return m;
}

const rowOf = (name: string) => screen.getByText(name).closest("tr")!;

describe("LibraryPage", () => {
  it("lets the bureau return a proposal, with the reason it must give", async () => {
    const m = page("REVIEWER", {
      LibraryList: listAnswer([satisfaction, { ...proposal, viewerCan: { ...proposal.viewerCan, review: true } }]),
      ReturnLibrary: { data: { returnLibraryIndicator: { ...proposal, status: "RETURNED", reviewComment: "请改为百分比" } } },
    });
    await screen.findByText("督查件按期办结率");
    expect(within(rowOf("服务对象满意度")).queryByRole("button", { name: "退 回" })).toBeNull();
    fireEvent.click(within(rowOf("督查件按期办结率")).getByRole("button", { name: "退 回" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "退 回" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("请说明需要修改的内容");
    expect(m.variablesOf("ReturnLibrary")).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText("退回原因"), { target: { value: "请改为百分比" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "退 回" }));
    await waitFor(() => expect(m.variablesOf("ReturnLibrary")).toEqual([{ id: proposal.id, comment: "请改为百分比" }]));
  });

  it("lets an editor propose their draft, and says a refusal in the catalogue's words", async () => {
    const draft = { ...proposal, status: "DRAFT" as const, viewerCan: { ...proposal.viewerCan, edit: true, propose: true } };
    const m = page("EDITOR", {
      LibraryList: listAnswer([draft]),
      ProposeLibrary: gqlErrors(["id: …", { code: "CONFLICT", field: "name" }]),
    });
    await screen.findByText("督查件按期办结率");
    expect(within(rowOf("督查件按期办结率")).getByRole("button", { name: /删\s?除/ })).toBeInTheDocument();
    fireEvent.click(within(rowOf("督查件按期办结率")).getByRole("button", { name: "提交审核" }));
    await waitFor(() => expect(m.variablesOf("ProposeLibrary")).toEqual([{ id: proposal.id }]));
    expect(await screen.findByRole("alert")).toHaveTextContent("名称：与其他数据冲突。");
  });

  it("shows where an entry is used and its review history", async () => {
    page("ANALYST", {
      LibraryList: listAnswer([executionRate]),
      LibraryDetail: {
        data: {
          node: {
            __typename: "LibraryIndicator",
            id: executionRate.id,
            usageCount: 2,
            usedIn: [
              { id: "10", year: 2023, department: { id: "2", name: "区委办" } },
              { id: "11", year: 2023, department: { id: "3", name: "财政局" } },
            ],
            transitions: [{ from: "DRAFT", to: "APPROVED", comment: "", actorName: "admin", at: "2026-12-07T10:00:00Z" }],
          },
        },
      },
    });
    await screen.findByText("预算资金支出率");
    expect(screen.queryByTestId("library-create")).toBeNull(); // analysts read the library
    fireEvent.click(within(rowOf("预算资金支出率")).getByRole("button", { name: /展开|Expand/ }));
    const details = await screen.findByTestId(`library-details-${executionRate.id}`);
    expect(await within(details).findByText("用于 2 项指标：区委办 2023年、财政局 2023年")).toBeInTheDocument();
    expect(within(details).getByText(/admin 于 .* 将状态由「草稿」改为「已入库」/)).toBeInTheDocument();
    expect(within(details).getByText("预算执行率")).toBeInTheDocument();
  });

  it("lets an editor add an entry to their department's library and propose it at once", async () => {
    const m = page("EDITOR", {
      LibraryList: listAnswer([]),
      CreateLibrary: (v) => {
        const input = v.input as Record<string, unknown>;
        return input.targetMin === undefined && input.targetMax === undefined
          ? gqlErrors(["targetMin: …", { code: "BAD_USER_INPUT", field: "targetMin" }])
          : { data: { createLibraryIndicator: { ...proposal, name: String(input.name) } } };
      },
    });
    fireEvent.click(await screen.findByTestId("library-create"));
    const dialog = await screen.findByRole("dialog");
    const fill = (label: string, value: string) => fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
    fill("一级指标", "履职效能");
    fill("二级指标", "产出");
    fill("三级指标", "督查通报次数");
    fireEvent.click(within(dialog).getByRole("button", { name: "创 建" }));
    // The server's refusal lands on its field.
    expect(await within(dialog).findByText("常用指标值下限：输入的值无效。")).toBeInTheDocument();
    fill("常用指标值下限", "20");
    fireEvent.click(within(dialog).getByRole("button", { name: "创 建" }));
    await waitFor(() => expect(m.variablesOf("CreateLibrary")).toHaveLength(2));
    expect(m.variablesOf("CreateLibrary")[1]).toEqual({
      input: {
        scope: "DEPARTMENT",
        departmentID: "2",
        level1: "履职效能",
        level2: "产出",
        name: "督查通报次数",
        kind: "QUANTITATIVE",
        operator: "GE",
        targetMin: "20",
        targetMax: undefined,
        unit: "",
        weight: undefined,
        scoringCriteria: "",
        tags: [],
      },
      propose: true,
    });
  });

  it("lets the bureau change a common entry with the version it read", async () => {
    const editable = { ...satisfaction, version: 3, viewerCan: { ...satisfaction.viewerCan, edit: true } };
    const m = page("ADMIN", {
      LibraryList: listAnswer([editable]),
      UpdateLibrary: { data: { updateLibraryIndicator: { ...editable, version: 4, targetMin: "90.00" } } },
    });
    await screen.findByText("服务对象满意度");
    fireEvent.click(within(rowOf("服务对象满意度")).getByRole("button", { name: /编\s?辑/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByLabelText("常用指标值下限")).toHaveValue("85");
    fireEvent.change(within(dialog).getByLabelText("常用指标值下限"), { target: { value: "90" } });
    fireEvent.change(within(dialog).getByLabelText("建议分值"), { target: { value: "" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /保\s?存/ }));
    await waitFor(() => expect(m.variablesOf("UpdateLibrary")).toHaveLength(1));
    expect(m.variablesOf("UpdateLibrary")[0]).toMatchObject({
      id: satisfaction.id,
      version: 3,
      input: { targetMin: "90", targetMax: "95", weight: undefined, clearWeight: true, clearTargetMin: false, tags: ["项目", "满意度"] },
    });
  });
});
