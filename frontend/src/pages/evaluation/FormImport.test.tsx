import "@testing-library/jest-dom/vitest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import { mockClient, gqlErrors } from "../../test/urql";
import { renderWith } from "../../test/render";
import FormImportDialog from "./FormImport";
import { problemText } from "./formFile";

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});
afterEach(cleanup);

const answer = (over: Record<string, unknown>) => ({
  data: {
    importEvaluationForm: {
      __typename: "FormImport",
      form: "OVERALL",
      dryRun: true,
      applied: false,
      scoreBefore: "99.69",
      scoreAfter: "99.09",
      problems: [],
      changes: [],
      ...over,
    },
  },
});

const change = (over: Record<string, unknown>) => ({
  __typename: "FormChange",
  kind: "CHANGED",
  entity: "Indicator",
  id: "7",
  name: "业务岗位培训人数",
  level1: "履职效能",
  level2: "产出",
  row: 21,
  fields: [{ __typename: "FieldChange", field: "actual", before: "88.00", after: "72.00" }],
  scoreBefore: "6.00",
  scoreAfter: "5.40",
  ...over,
});

/** Chooses file in the dialog's file input, as the browser's picker does. */
function choose(file: File) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [file] } });
}

const workbook = () => new File(["PK…"], "自评表.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

describe("FormImportDialog", () => {
  it("lists every problem by sheet and cell, and offers no confirmation", async () => {
    const { client, variablesOf } = mockClient({
      FormImport: answer({
        scoreAfter: null,
        problems: [
          { __typename: "FormProblem", sheet: "自评表", cell: "H14", field: "actual", value: "八十", code: "NOT_A_NUMBER", params: { column: "实际完成值" }, message: "" },
          { __typename: "FormProblem", sheet: "自评表", cell: "E15", field: "operator", value: "约", code: "UNKNOWN_OPERATOR", params: { allowed: "≥ > = ≤ < 定性" }, message: "" },
          {
            __typename: "FormProblem", sheet: "自评表", cell: "J16", field: "ratedScore", value: "2", code: "INVALID",
            params: { reason: "RATED_SCORE_OUTSIDE_BAND", score: "2", low: "4.00", high: "5.00" }, message: "",
          },
        ],
      }),
    });
    renderWith(client, <FormImportDialog evaluationID="20" onClose={() => {}} onApplied={() => {}} />);
    choose(workbook());
    const list = await screen.findByTestId("import-problems");
    expect(within(list).getByText("发现 3 个问题，未导入任何内容。请修改工作簿后重新选择。")).toBeInTheDocument();
    expect(within(list).getByText("自评表!H14：实际完成值「八十」不是数字")).toBeInTheDocument();
    expect(within(list).getByText("自评表!E15：指标性质「约」无效，应为 ≥ > = ≤ < 定性 之一。")).toBeInTheDocument();
    expect(within(list).getByText("自评表!J16：评分 2 不在该评级的分数区间内（4.00–5.00）")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "确认导入" })).toBeDisabled();
    expect(variablesOf("FormImport")).toHaveLength(1);
    expect(variablesOf("FormImport")[0]).toMatchObject({ evaluationID: "20", dryRun: true });
    expect(variablesOf("FormImport")[0].file).toBeInstanceOf(File);
  });

  it("shows the dry run's changes and scores, then applies them on confirmation", async () => {
    const onApplied = vi.fn();
    const onClose = vi.fn();
    const changes = [
      change({}),
      change({ kind: "ADDED", id: null, name: "公文处理及时率", row: 30, scoreBefore: null, scoreAfter: "6.00",
        fields: [{ __typename: "FieldChange", field: "operator", before: null, after: "GE" }, { __typename: "FieldChange", field: "weight", before: null, after: "6.00" }] }),
      change({ kind: "REMOVED", id: "8", name: "会议参与人数", row: null, scoreAfter: null,
        fields: [{ __typename: "FieldChange", field: "kind", before: "QUANTITATIVE", after: null }] }),
    ];
    const { client, variablesOf } = mockClient({
      FormImport: (vars) => answer({ changes, dryRun: vars.dryRun, applied: !vars.dryRun }),
    });
    renderWith(client, <FormImportDialog evaluationID="20" onClose={onClose} onApplied={onApplied} />);
    choose(workbook());
    const table = await screen.findByTestId("import-changes");
    expect(within(table).getByText("将有 3 处变化")).toBeInTheDocument();
    expect(within(table).getByText("得分：99.69 → 99.09")).toBeInTheDocument();
    expect(within(table).getByText("实际完成值：88.00 → 72.00")).toBeInTheDocument();
    expect(within(table).getByText("计算符号：≥")).toBeInTheDocument();
    expect(within(table).getByText("指标类型：定量")).toBeInTheDocument();
    expect(within(table).getByText("6.00 → 5.40")).toBeInTheDocument();
    expect(within(table).getAllByText("删除")).toHaveLength(1);
    expect(onApplied).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "确认导入" }));
    await waitFor(() => expect(onApplied).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
    expect(variablesOf("FormImport").map((v) => v.dryRun)).toEqual([true, false]);
  });

  it("says when nothing would change, and shows a refusal of the request itself", async () => {
    const { client } = mockClient({ FormImport: answer({ scoreAfter: "99.69" }) });
    renderWith(client, <FormImportDialog evaluationID="20" onClose={() => {}} onApplied={() => {}} />);
    choose(workbook());
    expect(await screen.findByText("工作簿与系统中的数据一致，无需导入。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "确认导入" })).toBeDisabled();
    cleanup();

    const locked = mockClient({ FormImport: gqlErrors(["evaluation 20 is SUBMITTED", { code: "LOCKED", status: "SUBMITTED" }]) });
    renderWith(locked.client, <FormImportDialog evaluationID="20" onClose={() => {}} onApplied={() => {}} />);
    choose(workbook());
    expect(await screen.findByText(/审核期间评价、指标及相关数据只读/)).toBeInTheDocument();
  });
});

describe("problemText", () => {
  const t = i18n.t.bind(i18n);
  it("writes a file's problem without a cell, and translates the forms' kinds", () => {
    expect(problemText(t, { sheet: null, cell: null, field: null, value: null, code: "FILE_DAMAGED", params: {} })).toBe("文件已损坏，无法读取。");
    expect(problemText(t, { sheet: "自评表", cell: "A2", field: null, value: null, code: "WRONG_FORM", params: { found: "PROJECT", expected: "OVERALL" } })).toBe(
      "工作簿是项目支出绩效自评表，本评价应导入部门整体支出绩效自评表。",
    );
    expect(problemText(t, { sheet: null, cell: null, field: null, value: null, code: "FILE_TOO_LARGE", params: { max: String(10 << 20) } })).toBe(
      "文件超过 10 MB 上限，无法导入。",
    );
  });
});
