package warnings

import (
	"strings"

	"golang.org/x/text/width"
)

// The units the warnings read, in one place. An indicator's unit (计量单位) is free
// text; it is compared after trimming spaces and folding full-width forms (％, （）)
// to their ASCII ones, so "％" and " % " are "%".

// percentUnits are the units of a percentage: a target or actual of 1 or less on one
// of them is probably a share (0.95) typed where a percent (95) is meant.
var percentUnits = []string{"%", "百分比", "百分率"}

// countUnits are units of things counted or measured, which cannot be negative:
// people and visits, events, documents, items, lengths, areas, weights, durations.
// Each may carry a multiplier (万人次, 千米, 亿元 is money and not listed). Money (万元),
// rates (%, ‰), ratios (元/人次, 1/10万) and indices are not quantities here: a
// negative growth, a saving or a difference may be meant.
var countUnits = []string{
	// people and visits
	"人", "人次", "名", "位", "户", "家", "剂次", "例", "床",
	// events and times
	"次", "场", "场次", "期", "批", "批次", "台次", "起", "课时", "学时",
	// documents and items
	"篇", "份", "册", "册次", "本", "部", "件", "项", "个", "条", "门", "张", "套", "台", "台套",
	"辆", "艘", "座", "处", "所", "栋", "间", "头", "只", "头（只）", "棵", "株",
	// lengths, areas, weights, durations
	"米", "公里", "平方米", "亩", "公顷", "吨", "天", "日", "小时", "个月",
}

// perMille is a rate's unit as a percentage's is; any unit with a slash is a ratio
// (元/人次, 1/10万). A rate's target (100 % done, ≤ 3/10万 deaths) is a standard that may
// stay the same year after year.
const perMille = "‰"

// multipliers may precede a count unit: 万人次 counts visits in tens of thousands.
var multipliers = []string{"万", "千", "百", "亿"}

var (
	percentSet = setOf(percentUnits)
	countSet   = setOf(countUnits)
)

func setOf(xs []string) map[string]bool {
	out := make(map[string]bool, len(xs))
	for _, x := range xs {
		out[normalUnit(x)] = true
	}
	return out
}

// normalUnit is u as the lists compare it: trimmed, full-width forms folded.
func normalUnit(u string) string {
	return strings.TrimSpace(width.Fold.String(u))
}

// IsPercent reports whether unit is a percentage's.
func IsPercent(unit string) bool { return percentSet[normalUnit(unit)] }

// IsRate reports whether unit is a percentage's, a per-mille's or a ratio's.
func IsRate(unit string) bool {
	u := normalUnit(unit)
	return percentSet[u] || u == perMille || strings.Contains(u, "/")
}

// IsCount reports whether unit counts or measures something that cannot be
// negative, with or without a multiplier (人次, 万人次).
func IsCount(unit string) bool {
	u := normalUnit(unit)
	if countSet[u] {
		return true
	}
	for _, m := range multipliers {
		if rest, ok := strings.CutPrefix(u, m); ok && countSet[rest] {
			return true
		}
	}
	return false
}
