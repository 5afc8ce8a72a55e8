// Warnings (提示) as the UI says them, from the server's code and params: what looks wrong
// without breaking a rule; they never stop a save or a submission. zh is the source, en
// must have the same keys.
export const zh = {
  title: "提示",
  nonBlocking: "提示不影响保存和提交，请核实后自行决定是否修改。",
  count: "{{count}} 条提示",
  yearTitle: "本年度数据有 {{count}} 条提示",
  submitTitle: "提交时的提示：共 {{count}} 条（不影响提交）",
  subjectTitle: "整体提示",
  indicator: "指标「{{name}}」",
  iconLabel: "提示：{{text}}",
  month: "{{month}}月",
  project: "项目「{{name}}」",
  months: "月度支出提示",
  falls: "累计数下降",
  code: {
    TARGET_TOO_LOW:
      "{{year1}}年完成率 {{rate1}}%、{{year2}}年 {{rate2}}%，均达到 {{threshold}}% 以上；按上年实际值 {{actual1}}，本年指标值 {{target}} 仍将完成 {{projectedRate}}%，指标值可能设定偏低。",
    TARGET_UNCHANGED: "指标值 {{target}} 自{{fromYear}}年起连续 {{years}} 年未变，请确认是否照抄上年。",
    ALL_EXACTLY_MET: "全部 {{count}} 个定量指标的完成率恰好为 100%，请核实实际完成值是否如实填写。",
    PERCENT_AS_SHARE: {
      target: "指标值 {{value}} 的单位是 %：若指 {{percent}}%，请填写 {{percent}}。",
      actual: "实际完成值 {{value}} 的单位是 %：若指 {{percent}}%，请填写 {{percent}}。",
    },
    CUMULATIVE_FALLS:
      "{{month}}月累计支出 {{cumulative}} 万元，低于{{previousMonth}}月的 {{previousCumulative}} 万元：累计数不会减少，请确认是否填成了当月支出。",
    NEGATIVE_QUANTITY: "实际完成值 {{value}}{{unit}} 为负数，数量不能为负。",
  },
  unknown: "数据可能有误，请核实。",
};

export const en: typeof zh = {
  title: "Warnings",
  nonBlocking: "Warnings never stop a save or a submission: check the figures and decide.",
  count: "{{count}} warning(s)",
  yearTitle: "The year's data has {{count}} warning(s)",
  submitTitle: "Submission warns about {{count}} thing(s) (it submits all the same)",
  subjectTitle: "Overall",
  indicator: "Indicator “{{name}}”",
  iconLabel: "Warning: {{text}}",
  month: "Month {{month}}",
  project: "Project “{{name}}”",
  months: "Monthly spending warnings",
  falls: "Total falls",
  code: {
    TARGET_TOO_LOW:
      "Completed at {{rate1}} % in {{year1}} and {{rate2}} % in {{year2}}, both at or above {{threshold}} %; last year's {{actual1}} would meet this year's target {{target}} at {{projectedRate}} % again: the target may be set too low.",
    TARGET_UNCHANGED: "The target {{target}} has stayed the same for {{years}} years since {{fromYear}}: check that it was not copied from last year.",
    ALL_EXACTLY_MET: "All {{count}} quantitative indicators were completed at exactly 100 %: check that the actual values were entered as measured.",
    PERCENT_AS_SHARE: {
      target: "The target {{value}} is in %: if {{percent}} % is meant, enter {{percent}}.",
      actual: "The actual value {{value}} is in %: if {{percent}} % is meant, enter {{percent}}.",
    },
    CUMULATIVE_FALLS:
      "Cumulative spending of month {{month}}, {{cumulative}} (10,000 yuan), is below month {{previousMonth}}'s {{previousCumulative}}: a running total cannot fall; was the month's own spending entered?",
    NEGATIVE_QUANTITY: "The actual value {{value}} {{unit}} is negative: a count cannot be.",
  },
  unknown: "The data may be wrong: please check.",
};
