import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/errors";
import { problemLink, problemsFromChecks, problemsFromErrors } from "./problems";
import { breakdownRows } from "./subtotals";

// What submitEvaluation answers when it refuses: one error per problem, then a summary without a field.
// The English messages are for logs: the rows carry the reason, its params and the indicator's name.
const refused: FieldError[] = [
  {
    code: "SUBMIT_CHECK",
    field: "deviationReason",
    reason: "COMPLETION_AT_OR_ABOVE",
    params: { completionRate: "144.44", threshold: "130" },
    indicatorID: "12884901892",
    indicatorName: "会议参与人数",
    message: 'indicator "会议参与人数": completion rate 144.44 % is at or above 130 %; a deviation reason is required',
  },
  {
    code: "SUBMIT_CHECK",
    field: "ratedScore",
    reason: "RATED_SCORE_MISSING",
    params: {},
    indicatorID: "12884901900",
    indicatorName: "预算编制规范性",
    message: 'indicator "预算编制规范性": no score is entered',
  },
  { code: "SUBMIT_CHECK", field: "weight", reason: "WEIGHTS_NOT_100", params: { sum: "95.5" }, message: "weights add up to 95.5, not 100" },
  { code: "SUBMIT_CHECK", reason: "REFUSED", params: { problems: "3" }, message: "evaluation 1 cannot be submitted: 3 problem(s), each reported as its own error" },
];

describe("problemsFromErrors", () => {
  it("makes one row per problem, with the indicator's name, the field, the reason and its params from extensions", () => {
    const rows = problemsFromErrors(refused);
    expect(rows.map((r) => [r.indicatorID, r.indicatorName, r.field, r.reason, r.params])).toEqual([
      ["12884901892", "会议参与人数", "deviationReason", "COMPLETION_AT_OR_ABOVE", { completionRate: "144.44", threshold: "130" }],
      ["12884901900", "预算编制规范性", "ratedScore", "RATED_SCORE_MISSING", {}],
      [undefined, undefined, "weight", "WEIGHTS_NOT_100", { sum: "95.5" }],
    ]);
  });
  it("ignores errors that are not submit checks", () => {
    expect(problemsFromErrors([{ code: "LOCKED", message: "locked" }])).toEqual([]);
  });
});

describe("problemsFromChecks and problemLink", () => {
  const rows = problemsFromChecks([
    { indicatorID: "7", indicatorName: "会议参与人数", field: "deviationReason", reason: "COMPLETION_BELOW", params: {} },
    { indicatorID: null, indicatorName: null, field: "weight", reason: "WEIGHTS_NOT_100", params: { sum: "95.5" } },
    { indicatorID: null, indicatorName: null, field: "executionExplanation", reason: "EXECUTION_BELOW_THRESHOLD", params: {} },
  ]);
  it("links an indicator's problem to its cell in the editor", () => {
    expect(problemLink(rows[0], "/years/4/indicators")).toBe("/years/4/indicators?indicator=7&field=deviationReason");
  });
  it("links the weights to the editor, and the evaluation's own fields nowhere else", () => {
    expect(problemLink(rows[1], "/years/4/indicators")).toBe("/years/4/indicators");
    expect(problemLink(rows[2], "/years/4/indicators")).toBeUndefined();
  });
  it("links a rule set's standard split (the weights of a level-1 group, a group outside it) to the editor", () => {
    const split = problemsFromChecks([
      { indicatorID: null, indicatorName: null, field: "weight", reason: "WEIGHT_SPLIT_MISMATCH", params: { level1: "产出指标", sum: "45", expected: "50" } },
      { indicatorID: null, indicatorName: null, field: "level1", reason: "WEIGHT_SPLIT_UNKNOWN_GROUP", params: { level1: "群众评价" } },
    ]);
    expect(split.map((r) => problemLink(r, "/projects/3/indicators"))).toEqual(["/projects/3/indicators", "/projects/3/indicators"]);
  });
  it("links a breakdown that does not add up to the department-year's page", () => {
    const [row] = problemsFromChecks([
      { indicatorID: null, indicatorName: null, field: "fundingLines", reason: "FUNDING_SUM_MISMATCH", params: { column: "executed" } },
    ]);
    expect(problemLink(row, "/years/4/indicators", "/years/4")).toBe("/years/4");
  });
});

describe("breakdownRows", () => {
  it("labels level-1 and level-2 groups and computes their attainment", () => {
    const rows = breakdownRows([
      { level1: "管理效率", level2: null, score: "44.69", weight: "45.00" },
      { level1: "管理效率", level2: "预算执行", score: "19.96", weight: "20.00" },
      { level1: "空", level2: null, score: "0.00", weight: "0.00" },
    ]);
    expect(rows.map((r) => [r.level, r.label, r.attainment])).toEqual([
      [1, "管理效率", "99.31"],
      [2, "管理效率 / 预算执行", "99.80"],
      [1, "空", undefined],
    ]);
  });
});
