// Package derivation writes explanations (scoring.Explanation) as the documents print them, in
// Chinese: each step as the rule that applied and its formula with the numbers substituted,
// 「正向指标，实际值达到指标值，得满分：6 × min(88 / 80, 1) = 6 × 1 = 6.00」. The web app writes the
// same lines from the API's steps (frontend/src/lib/explain.ts, in Chinese or English); both are
// tested on the same examples.
//
// It is pure: no database, no GraphQL. The numbers are the steps' own params, as exact as the
// rules keep them; only a bound actual is shown as its step allows (actualShown).
package derivation

import (
	"fmt"
	"strings"

	"jixiao/domain/scoring"
)

// Line is one step as printed: the rule that applied, and its formula (empty for a step that
// computes nothing, such as an indicator without an actual).
type Line struct {
	Rule, Formula string
}

// String is the line as one sentence: 「rule：formula」.
func (l Line) String() string {
	if l.Formula == "" {
		return l.Rule
	}
	return l.Rule + "：" + l.Formula
}

// Lines writes e's steps. unit is the indicator's unit: a percentage ("%") is printed beside
// the numbers a comparison reads, as an actual derived from the figures always is. A step
// deriving an actual from the figures is printed with the comparison that reads it
// (「4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00」), or on its own line before an arithmetic one.
func Lines(e scoring.Explanation, unit string) []Line {
	var out []Line
	var bound *scoring.Step
	for i := range e.Steps {
		s := e.Steps[i]
		if isBinding(s.Code) {
			next := scoring.Step{}
			if i+1 < len(e.Steps) {
				next = e.Steps[i+1]
			}
			if s.Code != scoring.StepBindingUndefined && comparison(next.Code) {
				bound = &e.Steps[i]
				continue
			}
			out = append(out, bindingLine(s, next))
			continue
		}
		out = append(out, line(s, bound, unit))
		bound = nil
	}
	return out
}

// Text is e's lines as one text, one line each.
func Text(e scoring.Explanation, unit string) string {
	lines := Lines(e, unit)
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.String()
	}
	return strings.Join(parts, "\n")
}

// RulesName says which rules computed a value: 「系统内置评分规则」, or the rule set's name and version,
// and whether the evaluation keeps them since its submission.
func RulesName(name string, version int, builtIn, frozen bool) string {
	s := "系统内置评分规则"
	if !builtIn {
		s = fmt.Sprintf("%s（第 %d 版）", name, version)
	}
	if frozen {
		s += "，提交时锁定"
	}
	return s
}

func isBinding(c scoring.StepCode) bool { return strings.HasPrefix(string(c), "BINDING_") }

// comparison steps read the actual once, against the target: a bound actual is printed in them.
func comparison(c scoring.StepCode) bool {
	switch c {
	case scoring.StepReverseMet, scoring.StepReversePastDouble, scoring.StepZeroTargetMet, scoring.StepZeroTargetMissed,
		scoring.StepEqualMet, scoring.StepEqualMissed:
		return true
	}
	return false
}

var bindingRules = map[scoring.StepCode]string{
	scoring.StepBindingExecutionRate:    "预算资金支出率 = 执行数 / 调整后预算数",
	scoring.StepBindingCarryoverRate:    "结转结余率 = 年末结转结余 / 整体支出",
	scoring.StepBindingAssetUtilization: "固定资产利用率 = 在用固定资产 / 固定资产总额",
	scoring.StepBindingPublicFunds:      "公用经费控制率 = 公用经费支出 / 预算数",
	scoring.StepBindingThreePublic:      "三公经费控制率 = 三公经费支出 / 预算数",
}

// bindingExpr is a bound actual's formula: numerator / denominator = the actual as next shows it.
func bindingExpr(s, next scoring.Step) string {
	shown := next.Params["actualShown"]
	if shown == "" {
		shown = s.Params["percent"]
	}
	return s.Params["numerator"] + " / " + s.Params["denominator"] + " = " + shown + " %"
}

func bindingLine(s, next scoring.Step) Line {
	if s.Code == scoring.StepBindingUndefined {
		return Line{Rule: "公式的分母为 0，无法计算实际值", Formula: s.Params["numerator"] + " / " + s.Params["denominator"]}
	}
	return Line{Rule: bindingRules[s.Code], Formula: bindingExpr(s, next)}
}

var (
	symbols  = map[string]string{"GE": "≥", "GT": ">", "EQ": "=", "LE": "≤", "LT": "<"}
	negation = map[string]string{"GE": "<", "EQ": "≠", "LE": ">"}
	ratings  = map[string]string{"ACHIEVED": "达成年度指标", "PARTIAL": "部分达成并具有一定效果", "NOT_ACHIEVED": "未达成且效果较差"}
)

// line writes one step; bound is the derivation of its actual when the step prints it.
func line(s scoring.Step, bound *scoring.Step, unit string) Line {
	p := s.Params
	v := ""
	if s.Value != nil { // as the API writes a Decimal: 2 places, or all it has
		v = s.Value.StringFixed(2)
		if !s.Value.Equal(s.Value.Round(2)) {
			v = s.Value.String()
		}
	}
	pct := ""
	if unit == "%" || p["actualShown"] != "" {
		pct = " %"
	}
	actual := p["actual"]
	if p["actualShown"] != "" {
		actual = p["actualShown"]
	}
	lhs := actual + pct
	if bound != nil {
		lhs = bindingExpr(*bound, s)
	}
	target := p["target"] + pct
	w := p["weight"]
	switch s.Code {
	case scoring.StepPositiveCapped:
		return Line{"正向指标，实际值达到指标值，得满分", fmt.Sprintf("%s × min(%s / %s, 1) = %s × 1 = %s", w, actual, p["target"], w, v)}
	case scoring.StepPositiveShare:
		return Line{"正向指标，按完成比例得分", fmt.Sprintf("%s × min(%s / %s, 1) = %s × %s / %s = %s", w, actual, p["target"], w, actual, p["target"], v)}
	case scoring.StepPositiveNegative:
		return Line{"正向指标，实际值为负数，按 0 计", fmt.Sprintf("%s × min(max(%s, 0) / %s, 1) = %s × 0 = %s", w, actual, p["target"], w, v)}
	case scoring.StepZeroTargetMet:
		return Line{"指标值为 0，实际值符合要求，得满分", fmt.Sprintf("%s %s 0 → %s", lhs, symbols[p["compare"]], v)}
	case scoring.StepZeroTargetMissed:
		return Line{"指标值为 0，实际值不符合要求，得 0 分", fmt.Sprintf("%s %s 0 → %s", lhs, negation[p["compare"]], v)}
	case scoring.StepEqualMet:
		return Line{"“=”指标，实际值等于指标值，得满分", fmt.Sprintf("%s = %s → %s", lhs, target, v)}
	case scoring.StepEqualMissed:
		return Line{"“=”指标，实际值不等于指标值，得 0 分", fmt.Sprintf("%s ≠ %s → %s", lhs, target, v)}
	case scoring.StepReverseMet:
		return Line{"反向指标，实际值未超过指标值，得满分", fmt.Sprintf("%s ≤ %s → %s", lhs, target, v)}
	case scoring.StepReverseLinear:
		return Line{"反向指标，超过指标值，按超出比例扣分", fmt.Sprintf("%s × (1 - (%s - %s) / %s) = %s × (%s - %s) / %s = %s",
			w, actual, p["target"], p["target"], w, p["twice"], actual, p["target"], v)}
	case scoring.StepReversePastDouble:
		return Line{"反向指标，达到指标值的 2 倍及以上，得 0 分", fmt.Sprintf("%s ≥ 2 × %s = %s%s → %s", lhs, p["target"], p["twice"], pct, v)}
	case scoring.StepReverseRatio:
		return Line{"反向指标，超过指标值，按 指标值 / 实际值 × 分值 计分", fmt.Sprintf("%s × %s / %s = %s", w, p["target"], actual, v)}
	case scoring.StepNoActual:
		return Line{"尚未填写实际值，得 0 分", ""}
	case scoring.StepWeightNotPositive:
		return Line{"分值 " + w + " 不大于 0，得 0 分", ""}
	case scoring.StepKindUnknown:
		return Line{"未知的指标类型 " + p["kind"] + "，得 0 分", ""}
	case scoring.StepOperatorUnknown:
		return Line{"未知的计算符号 " + p["operator"] + "，得 0 分", ""}
	case scoring.StepNotRated:
		return Line{"定性指标尚未评级或打分，得 0 分", ""}
	case scoring.StepRatedInBand, scoring.StepRatedOutsideBand:
		rule, in := "定性指标，得分为评级分档内的自评得分", "在"
		if s.Code == scoring.StepRatedOutsideBand {
			rule, in = "定性指标，自评得分不在现行规则的分档内（评分后规则有变），仍按自评得分计", "不在"
		}
		closing := ")"
		if p["highInclusive"] == "true" {
			closing = "]"
		}
		return Line{rule, fmt.Sprintf("%s，自评 %s，%s [%s, %s%s 内 → %s", ratings[p["rating"]], p["ratedScore"], in, p["low"], p["high"], closing, v)}
	case scoring.StepScoreBounded:
		return Line{"得分不低于 0、不超过分值", fmt.Sprintf("min(max(%s, %s), %s) = %s", p["before"], p["low"], p["high"], v)}
	case scoring.StepCompletionRate:
		return Line{"完成率 = 实际值 / 指标值", fmt.Sprintf("%s / %s = %s %%", p["actual"], p["target"], v)}
	case scoring.StepDeviationBelow:
		return Line{"完成率低于 " + p["threshold"] + "%，须填写偏差原因", fmt.Sprintf("%s %% < %s %%", p["completionRate"], p["threshold"])}
	case scoring.StepDeviationAtOrAbove:
		return Line{"完成率达到或超过 " + p["threshold"] + "%，须填写偏差原因", fmt.Sprintf("%s %% ≥ %s %%", p["completionRate"], p["threshold"])}
	case scoring.StepDeviationWithin:
		return Line{"完成率在偏差区间之内，无须填写偏差原因", fmt.Sprintf("%s %% ≤ %s %% < %s %%", p["below"], p["completionRate"], p["atOrAbove"])}
	case scoring.StepDeviationTargetMissed:
		return Line{"未达到指标值，须填写偏差原因", fmt.Sprintf("%s%s %s %s", p["actual"], pct, negation[p["compare"]], target)}
	case scoring.StepDeviationTargetMet:
		return Line{"达到指标值，无须填写偏差原因", fmt.Sprintf("%s%s %s %s", p["actual"], pct, symbols[p["compare"]], target)}
	case scoring.StepExecutionCapped:
		return Line{"预算执行率，执行数达到预算数，得满分", fmt.Sprintf("%s × min(%s / %s, 1) = %s × 1 = %s", w, p["executed"], p["budget"], w, v)}
	case scoring.StepExecutionShare:
		return Line{"预算执行率 = 分值 × 执行数 / 预算数", fmt.Sprintf("%s × min(%s / %s, 1) = %s × %s / %s = %s", w, p["executed"], p["budget"], w, p["executed"], p["budget"], v)}
	case scoring.StepExecutionNegative:
		return Line{"预算执行率，执行数为负数，按 0 计", fmt.Sprintf("%s × min(max(%s, 0) / %s, 1) = %s", w, p["executed"], p["budget"], v)}
	case scoring.StepExecutionNoBudget:
		return Line{"预算执行率，预算数为 0，得 0 分", ""}
	case scoring.StepSubtotal:
		group := p["level1"]
		if p["level2"] != "" {
			group += " / " + p["level2"]
		}
		return Line{group + " 小计", fmt.Sprintf("%s = %s", p["terms"], v)}
	case scoring.StepTotal:
		return Line{"总分 = 各一级指标小计之和", fmt.Sprintf("%s = %s", p["terms"], v)}
	case scoring.StepGradeBand:
		label := scoring.Grade(p["grade"]).Chinese()
		if p["below"] == "" {
			return Line{"评价等级：" + label, fmt.Sprintf("%s ≥ %s → %s", p["total"], p["from"], label)}
		}
		return Line{"评价等级：" + label, fmt.Sprintf("%s ≤ %s < %s → %s", p["from"], p["total"], p["below"], label)}
	case scoring.StepMonthBehind:
		return Line{p["month"] + "月累计支出进度低于目标，未达标", fmt.Sprintf("%s / %s = %s %% < %s %%", p["cumulative"], p["budget"], p["percent"], p["target"])}
	case scoring.StepMonthOnTrack:
		return Line{p["month"] + "月累计支出进度达到目标", fmt.Sprintf("%s / %s = %s %% ≥ %s %%", p["cumulative"], p["budget"], p["percent"], p["target"])}
	case scoring.StepMonthNoBudget:
		return Line{p["month"] + "月：调整后预算数为 0，不判断支出进度", ""}
	}
	return Line{string(s.Code), ""}
}
