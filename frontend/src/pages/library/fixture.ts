import type { LibraryEntry } from "./query";

/** A library entry as the server answers LibraryEntry, changed by over. */
export const libraryEntry = (over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: "64424509467",
  version: 1,
  scope: "COMMON",
  status: "APPROVED",
  reviewComment: "",
  level1: "满意度指标",
  level2: "服务对象满意度指标",
  name: "服务对象满意度",
  kind: "QUANTITATIVE",
  operator: "GE",
  unit: "%",
  scoringCriteria: "完成值达到指标值的得满分，未达到的按完成值÷指标值×分值计分。",
  binding: null,
  targetMin: "85.00",
  targetMax: "95.00",
  weight: "10.00",
  tags: ["项目", "满意度"],
  usageCount: 0,
  department: null,
  viewerCan: { edit: false, propose: false, review: false },
  ...over,
});

export const executionRate = libraryEntry({
  id: "64424509442",
  level1: "管理效率",
  level2: "预算执行",
  name: "预算资金支出率",
  binding: "EXECUTION_RATE",
  targetMin: "90.00",
  targetMax: "100.00",
  tags: ["部门整体", "管理效率"],
  usageCount: 2,
});

export const satisfaction = libraryEntry();

export const listAnswer = (entries: LibraryEntry[]) => ({
  data: { libraryIndicators: { __typename: "LibraryIndicatorConnection", totalCount: entries.length, edges: entries.map((node) => ({ node })) } },
});
