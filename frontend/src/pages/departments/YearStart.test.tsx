import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { gqlErrors, mockClient, type Reply } from "../../test/urql";
import { renderWith } from "../../test/render";
import DepartmentsPage from "../DepartmentsPage";

const office = { id: "2", code: "440115-001", name: "中共广州市南沙区委员会办公室", functions: "", parent: null };

function page(start: Reply) {
  const m = mockClient({
    Departments: { data: { departments: { edges: [{ node: office }] } } },
    DepartmentYears: {
      data: {
        node: {
          __typename: "Department",
          id: "2",
          viewerCan: { edit: true },
          years: { edges: [{ node: { id: "10", year: 2023, overallEvaluation: { id: "20", status: "DRAFT" } } }] },
        },
      },
    },
    StartYearFromLast: start,
  });
  renderWith(m.client, <DepartmentsPage />);
  return m;
}

const startAt = async (year: string) => {
  const input = await screen.findByTestId("new-year");
  fireEvent.change(input, { target: { value: year } });
  fireEvent.click(screen.getByTestId("start-from-last"));
};

describe("从上年创建", () => {
  it("starts the year from the last and shows what was copied", async () => {
    const m = page({
      data: {
        startYearFromLast: {
          departmentYear: { id: "40", year: 2024 },
          previous: { id: "10", year: 2023 },
          createdYear: true,
          goalCopied: true,
          keyTasks: [{ id: "1", title: "a" }, { id: "2", title: "b" }],
          indicators: Array.from({ length: 18 }, (_, i) => ({ id: String(i) })),
          projects: [{ id: "5", name: "督查督办" }, { id: "6", name: "信息工作辅助服务" }],
          projectIndicatorCount: 8,
          evaluations: [{ id: "7" }, { id: "8" }, { id: "9" }],
          skippedProjects: [{ id: "3", name: "会议及综合服务" }],
        },
      },
    });
    await startAt("2024");
    // What the action copies, said for the year typed.
    expect(await screen.findByText(/复制 2023 年的绩效目标/)).toBeInTheDocument();
    await waitFor(() => expect(m.variablesOf("StartYearFromLast")).toEqual([{ department: "2", year: 2024 }]));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("已从 2023 年创建 2024 年")).toBeInTheDocument();
    const summary = within(within(dialog).getByTestId("year-start-summary"));
    for (const line of [
      "绩效目标：已复制（实际完成情况留空）",
      "重点工作任务 2 项",
      "部门整体指标 18 项",
      "延续项目 2 个，含项目指标 8 项",
      "新建评价草稿 3 份",
      "未延续的项目：会议及综合服务",
    ])
      expect(summary.getByText(line)).toBeInTheDocument();
    expect(within(dialog).getByTestId("open-started-year")).toHaveTextContent("打开 2024 年");
  });

  it("says what a year that holds data holds", async () => {
    page(
      gqlErrors([
        "year: …",
        { code: "CONFLICT", field: "year", reason: "YEAR_HAS_DATA", params: { year: "2024", indicators: "26", projects: "2" } },
      ]),
    );
    await startAt("2024");
    expect(await screen.findByTestId("add-year-error")).toHaveTextContent("2024 年已有数据，不能覆盖：指标 26 项、项目 2 个。");
  });

  it("says when there is no year before", async () => {
    page(gqlErrors(["year: …", { code: "BAD_USER_INPUT", field: "year", reason: "NO_PREVIOUS_YEAR", params: { year: "2029" } }]));
    await startAt("2030");
    expect(await screen.findByTestId("add-year-error")).toHaveTextContent("没有 2029 年的数据，无法从上年创建。");
  });
});
