import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import FundingTable, { REVENUE_CATEGORIES, SOURCE_CATEGORIES } from "./FundingTable";
import { ProjectDetails } from "./Projects";
import type { DepartmentYearProjectFragment } from "../../gql/graphql";
import { renderWith } from "../../test/render";
import { mockClient, type Answer } from "../../test/urql";

const line = { id: "fl1", category: "GENERAL_PUBLIC_BUDGET" as const, initialBudget: "1803.60", adjustedBudget: "1836.19", executed: "1829.40", executionRate: "99.63" };

function showYear(answer: Answer, checks: { field: string; reason: string; params: unknown }[] = []) {
  const { client, executeMutation } = mockClient({}, answer);
  renderWith(
    client,
    <FundingTable
      yearID="dy1"
      categories={REVENUE_CATEGORIES}
      lines={[line]}
      total={{ initialBudget: "1803.60", adjustedBudget: "1836.19", executed: "1829.40", executionRate: "99.63" }}
      figures={{
        basic: { initialBudget: "958.60", adjustedBudget: "968.20", executed: "962.44" },
        project: { initialBudget: "845.00", adjustedBudget: "867.99", executed: "866.96" },
      }}
      checks={checks}
      editable
    />,
  );
  return { executeMutation, user: userEvent.setup() };
}

const input = (category: string, cell: string) => screen.getByTestId(`funding-${category}-${cell}`);

async function retype(user: ReturnType<typeof userEvent.setup>, el: HTMLElement, value: string) {
  await user.clear(el);
  await user.paste(value);
}

describe("FundingTable", () => {
  it("sends every line with an amount, a line emptied left out, in the forms' order", async () => {
    const { executeMutation, user } = showYear({ data: { setFundingLines: [line] } });
    await retype(user, input("UNIT_FUNDS", "executed"), "12.5");
    await retype(user, input("GENERAL_PUBLIC_BUDGET", "executed"), "1,816.90");
    await user.click(screen.getByTestId("funding-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      yearID: "dy1",
      projectID: null,
      lines: [
        { category: "GENERAL_PUBLIC_BUDGET", initialBudget: "1803.60", adjustedBudget: "1836.19", executed: "1816.90" },
        { category: "UNIT_FUNDS", executed: "12.5" },
      ],
    });
  });

  it("refuses a bad amount next to its cell before sending", async () => {
    const { executeMutation, user } = showYear({ data: { setFundingLines: [] } });
    await retype(user, input("STATE_CAPITAL_BUDGET", "initialBudget"), "-3");
    await user.click(screen.getByTestId("funding-save"));
    const cell = input("STATE_CAPITAL_BUDGET", "initialBudget").closest("td") as HTMLElement;
    await waitFor(() => expect(cell).toHaveTextContent("不能为负数"));
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("puts the server's refusal of a line in the cell it names, in the UI's words", async () => {
    const { user } = showYear({
      errors: [
        {
          message: "lines[1].executed: must not be negative",
          extensions: { code: "BAD_USER_INPUT", field: "lines[1].executed", reason: "TOO_LARGE", params: { max: "10000000000.00", got: "10000000001" } },
        },
      ],
    });
    await retype(user, input("FISCAL_SPECIAL_ACCOUNT", "executed"), "10000000001");
    await user.click(screen.getByTestId("funding-save"));
    const cell = input("FISCAL_SPECIAL_ACCOUNT", "executed").closest("td") as HTMLElement;
    await waitFor(() => expect(cell).toHaveTextContent("第 2 行全年执行数：不能大于 10000000000.00"));
    expect(cell).not.toHaveTextContent("must not be negative");
  });

  it("shows the server's checks of the total row, with the column named in Chinese", () => {
    showYear({ data: {} }, [
      { field: "fundingLines", reason: "FUNDING_SUM_MISMATCH", params: { column: "executed", sum: "1816.90", total: "1829.40" } },
    ]);
    const checks = screen.getByTestId("funding-checks");
    expect(checks).toHaveTextContent("明细与年度资金总额不一致");
    expect(checks).toHaveTextContent("各明细行的全年执行数合计 1816.90，与年度资金总额 1829.40 不一致");
    expect(checks).not.toHaveTextContent("executed");
  });
});

const project: DepartmentYearProjectFragment = {
  id: "p2",
  version: 3,
  code: "NS-2023-02",
  name: "信息工作辅助服务",
  category: "部门履职类",
  supervisingDepartment: "",
  implementingUnit: "区委办公室信息科",
  initialBudget: "250.00",
  budget: "260.00",
  executed: "259.20",
  executionRate: "99.69",
  goal: "做好信息工作",
  goalOutcome: "",
  continuesNextYear: true,
  viewerCan: { edit: true },
  fundingLines: [
    { id: "s1", category: "CURRENT_APPROPRIATION", initialBudget: "250.00", adjustedBudget: "255.42", executed: "254.62", executionRate: "99.69" },
  ],
  fundingProblems: [
    { field: "fundingLines", reason: "FUNDING_SUM_MISMATCH", params: { column: "adjustedBudget", sum: "255.42", total: "260.00" } },
  ],
  evaluation: null,
};

describe("ProjectDetails", () => {
  function showProject(answer: Answer, p = project) {
    const { client, executeMutation } = mockClient({}, answer);
    renderWith(client, <ProjectDetails yearID="dy1" departmentName="区委办" project={p} />);
    return { executeMutation, user: userEvent.setup() };
  }

  it("saves 主管部门, 实施单位, the initial budget and the goal's outcome with the version read", async () => {
    const { executeMutation, user } = showProject({ data: { updateProject: { ...project, version: 4 } } });
    const form = screen.getByRole("form", { name: "项目信息" });
    expect(within(form).getByLabelText("主管部门")).toHaveAttribute("placeholder", "留空即本部门：区委办");
    await user.click(within(form).getByLabelText("主管部门"));
    await user.paste("中共广州市南沙区委员会办公室");
    await retype(user, within(form).getByLabelText("年初预算数"), "251");
    await user.click(within(form).getByLabelText("年度总体目标：实际完成情况"));
    await user.paste("全年刊发250期");
    await user.click(within(form).getByRole("button", { name: "保存项目信息" }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      id: "p2",
      version: 3,
      input: { supervisingDepartment: "中共广州市南沙区委员会办公室", initialBudget: "251", goalOutcome: "全年刊发250期" },
    });
  });

  it("saves that the project does not continue next year", async () => {
    const { executeMutation, user } = showProject({ data: { updateProject: { ...project, version: 4, continuesNextYear: false } } });
    const form = screen.getByRole("form", { name: "项目信息" });
    await user.click(within(form).getByLabelText("下一年度延续（从上年创建时复制本项目）"));
    await user.click(within(form).getByRole("button", { name: "保存项目信息" }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ id: "p2", version: 3, input: { continuesNextYear: false } });
  });

  it("shows the funds by source under the project's own total row, and sends them for the project", async () => {
    const { executeMutation, user } = showProject({ data: { setFundingLines: [] } });
    const table = screen.getByTestId("funding-p2");
    expect(table.querySelector('[data-row="total"]')).toHaveTextContent("260.00");
    expect(table.querySelector('[data-row="lines"]')).toHaveTextContent("其中");
    expect(screen.getByTestId("funding-p2-checks")).toHaveTextContent("各明细行的全年预算数合计 255.42，与年度资金总额 260.00 不一致");
    await user.click(screen.getByTestId("funding-p2-PRIOR_YEAR_CARRYOVER-adjustedBudget"));
    await user.paste("4.58");
    await user.click(screen.getByTestId("funding-p2-save"));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      yearID: "dy1",
      projectID: "p2",
      lines: [
        { category: "CURRENT_APPROPRIATION", initialBudget: "250.00", adjustedBudget: "255.42", executed: "254.62" },
        { category: "PRIOR_YEAR_CARRYOVER", adjustedBudget: "4.58" },
      ],
    });
    expect(SOURCE_CATEGORIES).toHaveLength(3);
  });

  it("is read-only when the project may not be changed", () => {
    showProject({ data: {} }, { ...project, viewerCan: { edit: false } });
    expect(screen.queryByRole("button", { name: "保存项目信息" })).toBeNull();
    expect(screen.queryByTestId("funding-p2-save")).toBeNull();
    expect(screen.getByLabelText("实施单位")).toBeDisabled();
  });
});
