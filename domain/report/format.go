package report

import (
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// Figures are printed as the seed report prints them: 万元 with up to two
// decimals and no trailing zeros (1829.4, 962.44), no thousands separators;
// rates computed from money with two decimals (99.63%, 0.25%); indicator
// completion rates in whole percent (110%, 144%, 133%). Rounding is half away
// from zero, as everywhere in the rules.

var hundred = decimal.NewFromInt(100)

// number is d rounded to 2 places without trailing zeros: "1829.4", "88", "0.25".
func number(d fixed.Decimal) string { return d.Decimal().Round(2).String() }

// wan is an amount of money: "1829.4万元".
func wan(d fixed.Decimal) string { return number(d) + "万元" }

// percent is a rate computed from figures: "99.63%"; "—" when undefined.
func percent(d *fixed.Decimal) string {
	if d == nil {
		return "—"
	}
	return number(*d) + "%"
}

// completion is an indicator's completion rate as the seed report prints it, in
// whole percent (144.44 → "144%"); a rate below 100 that would round up to 100
// keeps two decimals ("99.6%"), so that a shortfall never reads as met.
func completion(d *fixed.Decimal) string {
	if d == nil {
		return "—"
	}
	v := d.Decimal()
	whole := v.Round(0)
	if v.LessThan(hundred) && !whole.LessThan(hundred) || v.IsPositive() && whole.IsZero() {
		return number(*d) + "%"
	}
	return whole.String() + "%"
}

// points is a score or weight: "99.69分".
func points(d fixed.Decimal) string { return number(d) + "分" }

// quantity is a value with its unit: "88人次", "96%", "3篇".
func quantity(d fixed.Decimal, unit string) string { return number(d) + unit }

// symbol is an operator as the forms print it.
func symbol(o scoring.Operator) string {
	switch o {
	case scoring.GE:
		return "≥"
	case scoring.GT:
		return ">"
	case scoring.EQ:
		return "="
	case scoring.LE:
		return "≤"
	case scoring.LT:
		return "<"
	}
	return ""
}

// ratingText is a qualitative rating as the forms word it.
func ratingText(r scoring.Rating) string {
	switch r {
	case scoring.Achieved:
		return "达成年度指标"
	case scoring.Partial:
		return "部分达成年度指标并具有一定效果"
	case scoring.NotAchieved:
		return "未达成年度指标且效果较差"
	}
	return "尚未评定"
}

// ratingShort is the rating in a table cell.
func ratingShort(r scoring.Rating) string {
	switch r {
	case scoring.Achieved:
		return "达成"
	case scoring.Partial:
		return "部分达成"
	case scoring.NotAchieved:
		return "未达成"
	}
	return "未评定"
}

// chineseNumeral writes 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1–99).
func chineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0 || n > 99:
		return decimal.NewFromInt(int64(n)).String()
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	}
	s := digits[n/10] + "十"
	if n%10 != 0 {
		s += digits[n%10]
	}
	return s
}

// ordinals are the seed's enumeration: 一是…；二是….
func ordinals(items []string) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = chineseNumeral(i+1) + "是" + it
	}
	return strings.Join(parts, "；") + "。"
}

// months lists months as "3月、6月".
func months(ms []int) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = decimal.NewFromInt(int64(m)).String() + "月"
	}
	return strings.Join(parts, "、")
}

// paragraphs splits a stored text into its paragraphs: one per non-empty line.
func paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// sentence ends s with a full stop unless it ends with punctuation already.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	switch r := []rune(s); r[len(r)-1] {
	case '。', '！', '？', '；', '.', '!', '?', '”', '）':
		return s
	}
	return s + "。"
}

// clause strips the final full stop of s, to continue it with more words.
func clause(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "。；;.")
}
