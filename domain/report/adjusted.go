package report

import (
	"strconv"
	"strings"

	"jixiao/domain/fixed"
)

// tableTarget is the indicator table's target: the one in force, and what it was
// first approved as when an adjustment changed it: "≥100人次（调整前≥85人次）".
func tableTarget(ind Indicator) string {
	t := target(ind)
	if a := ind.Adjusted; a != nil && !sameTarget(a.OriginalTarget, ind.Target) {
		was := ind
		was.Target = a.OriginalTarget
		t += "（调整前" + target(was) + "）"
	}
	return t
}

func sameTarget(a, b *fixed.Decimal) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// adjustedSentence says which targets an approved mid-year adjustment changed and
// that the score is against the adjusted ones; "" when none was adjusted.
func adjustedSentence(inds []Indicator) string {
	var items []string
	for _, ind := range inds {
		a := ind.Adjusted
		if a == nil {
			continue
		}
		var what []string
		if !sameTarget(a.OriginalTarget, ind.Target) {
			was := ind
			was.Target = a.OriginalTarget
			what = append(what, "年度指标值由"+target(was)+"调整为"+target(ind))
		}
		if a.OriginalWeight != ind.Weight {
			what = append(what, "分值由"+number(a.OriginalWeight)+"分调整为"+number(ind.Weight)+"分")
		}
		if len(what) == 0 {
			continue
		}
		item := ind.Name + strings.Join(what, "，")
		if len(a.Reasons) > 0 {
			item += "（调整原因：" + strings.Join(a.Reasons, "；") + "）"
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return ""
	}
	return "年度执行中经财政部门批复调整绩效目标" + strconv.Itoa(len(items)) + "项：" + strings.Join(items, "；") +
		"。自评按调整后的目标计分。"
}
