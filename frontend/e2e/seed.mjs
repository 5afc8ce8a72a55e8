// The seed report's department-year (SCORING.md §6 and DOMAIN.md) as an editor types it.

export const figures = {
  personnelBudget: "888.20", personnelActual: "886.83",
  publicBudget: "80.00", publicActual: "75.61",
  projectBudget: "867.99", projectActual: "866.96",
  carryoverStart: "4.58", carryoverEnd: "4.58",
  threePublicBudget: "4.00", threePublicActual: "3.20",
  assetsInUse: "300.00", assetsTotal: "312.50",
};

// Cumulative spending (万元) against the bureau's cumulative target (%): March and June fall behind.
export const months = [
  ["110.00", "5"], ["240.00", "12"], ["430.00", "25"], ["620.00", "33"], ["790.00", "42"], ["900.00", "50"],
  ["1080.00", "58"], ["1230.00", "66"], ["1390.00", "75"], ["1530.00", "83"], ["1690.00", "91"], ["1829.40", "95"],
];

// The 18 indicators of SCORING.md §6; five take their actual values from formulas over the
// figures above (99.63 %, 0.25 %, 96 %, 94.51 %, 80 %).
export const indicators = [
  { level1: "履职效能", level2: "产出", name: "交办任务事项完成率", op: "GE", target: "100", unit: "%", weight: "7", actual: "100" },
  { level1: "履职效能", level2: "产出", name: "业务岗位培训人数", op: "GE", target: "80", unit: "人次", weight: "6", actual: "88" },
  { level1: "履职效能", level2: "产出", name: "会议参与人数", op: "GE", target: "900", unit: "人次", weight: "6", actual: "1300", deviation: "全年会议场次多于年初预计。" },
  { level1: "履职效能", level2: "产出", name: "后勤保障服务完成及时性", op: "EQ", target: "100", unit: "%", weight: "6", actual: "100" },
  { level1: "履职效能", level2: "效益", name: "成果被采纳应用率", op: "GE", target: "100", unit: "%", weight: "7", actual: "100" },
  { level1: "履职效能", level2: "效益", name: "信息稿件被省采纳", op: "GE", target: "15", unit: "篇", weight: "6", actual: "20", deviation: "信息质量提升，采纳数超出预期。" },
  { level1: "履职效能", level2: "效益", name: "信息稿件被国家采纳", op: "GE", target: "3", unit: "篇", weight: "6", actual: "3" },
  { level1: "履职效能", level2: "效益", name: "信息稿件或批示次数", op: "GE", target: "30", unit: "次", weight: "6", actual: "36" },
  { level1: "管理效率", level2: "预算编制", name: "预算编制规范性", kind: "QUALITATIVE", weight: "5", rating: "ACHIEVED", rated: "5" },
  { level1: "管理效率", level2: "预算执行", name: "预算资金支出率", op: "GE", target: "100", unit: "%", weight: "10", binding: "预算执行率", deviation: "个别项目月份支出进度未达标。" },
  { level1: "管理效率", level2: "预算执行", name: "结转结余率", op: "LE", target: "10", unit: "%", weight: "5", binding: "结转结余率" },
  { level1: "管理效率", level2: "预算执行", name: "财务管理合规性", kind: "QUALITATIVE", weight: "5", rating: "ACHIEVED", rated: "5" },
  { level1: "管理效率", level2: "信息公开", name: "预决算及绩效信息公开", kind: "QUALITATIVE", weight: "5", rating: "ACHIEVED", rated: "5" },
  { level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", kind: "QUALITATIVE", weight: "5", rating: "ACHIEVED", rated: "4.73" },
  { level1: "管理效率", level2: "采购管理", name: "政府采购规范性", kind: "QUALITATIVE", weight: "5", rating: "ACHIEVED", rated: "5" },
  { level1: "管理效率", level2: "资产管理", name: "固定资产利用率", op: "GE", target: "95", unit: "%", weight: "5", binding: "固定资产利用率" },
  { level1: "管理效率", level2: "运行成本", name: "公用经费控制率", op: "LE", target: "100", unit: "%", weight: "2.5", binding: "公用经费控制率" },
  { level1: "管理效率", level2: "运行成本", name: "三公经费控制率", op: "LE", target: "100", unit: "%", weight: "2.5", binding: "三公经费控制率" },
];
