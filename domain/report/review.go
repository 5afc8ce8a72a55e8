package report

import (
	"strconv"
	"strings"

	"jixiao/domain/fixed"
)

// The finance bureau's review in the report: the re-scores beside the
// self-scores (a sentence under the score and a column of the indicator table),
// and, in the next year's report, what became of the rectification items (整改)
// raised on the year before (（五）5.绩效结果应用情况, where the seed report says how
// evaluation results are used).

// Rescore is a reviewer's score of an indicator (复核得分) and why.
type Rescore struct {
	Score  fixed.Decimal
	Reason string
}

// ReviewResult is an evaluation's review total (复核得分: the re-scores where
// there are any, the self-scores elsewhere) and its grade.
type ReviewResult struct {
	Score fixed.Decimal
	Grade string // the grade in Chinese: 优, 良, 中, 差
}

// Rectification is one rectification item as the next year's report lists it.
type Rectification struct {
	// Subject names what it was raised on: "" for the department-year, else the project.
	Subject string
	// Indicator is the indicator it concerns, if one.
	Indicator          string
	Issue, Requirement string
	DueDate            string // YYYY-MM-DD
	Status             string // OPEN, ANSWERED, ACCEPTED
	Measures, Outcome  string
}

// PriorReview is the year before's rectification items, for 结果应用.
type PriorReview struct {
	Year  int
	Items []Rectification
}

// reviewSentence says the review total and which indicators were re-scored,
// with each reason; "" when nothing was re-scored.
func reviewSentence(inds []Indicator, r Result) string {
	if r.Review == nil {
		return ""
	}
	s := "经财政部门复核，复核得分为" + points(r.Review.Score)
	if r.Review.Grade != "" {
		s += "，评价等级为“" + r.Review.Grade + "”"
	}
	var items []string
	for _, ind := range inds {
		if ind.Review == nil {
			continue
		}
		item := ind.Name + "自评得" + points(ind.Score) + "，复核得" + points(ind.Review.Score)
		if reason := clause(ind.Review.Reason); reason != "" {
			item += "（复核意见：" + reason + "）"
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return s + "。"
	}
	return s + "。其中，" + strings.Join(items, "；") + "。"
}

// reviewed reports whether any indicator has a re-score (the table then has a 复核得分 column).
func reviewed(inds []Indicator) bool {
	for _, ind := range inds {
		if ind.Review != nil {
			return true
		}
	}
	return false
}

// reviewCell is an indicator's 复核得分 cell: the re-score, or the self-score it keeps.
func reviewCell(ind Indicator) Cell {
	if ind.Review == nil {
		return num(number(ind.Score))
	}
	return num(number(ind.Review.Score))
}

// statusText is how the report says where an item stands.
var statusText = map[string]string{
	"OPEN":     "尚未完成整改",
	"ANSWERED": "已反馈整改情况，待财政部门复核",
	"ACCEPTED": "已完成整改，经财政部门复核通过",
}

// priorParagraphs list the year before's rectification items and what became of
// them; nil when there were none.
func priorParagraphs(p *PriorReview) []string {
	if p == nil || len(p.Items) == 0 {
		return nil
	}
	done := 0
	items := make([]string, len(p.Items))
	for i, it := range p.Items {
		if it.Status == "ACCEPTED" {
			done++
		}
		s := clause(it.Issue)
		if it.Subject != "" {
			s = it.Subject + "项目" + s
		}
		if it.Indicator != "" {
			s += "（" + it.Indicator + "）"
		}
		s += "，整改要求：" + clause(it.Requirement)
		if d := chineseDate(it.DueDate); d != "" {
			s += "，整改期限" + d
		}
		if m := clause(it.Measures); m != "" && it.Status != "OPEN" {
			s += "；整改措施：" + m
		}
		if o := clause(it.Outcome); o != "" && it.Status != "OPEN" {
			s += "；整改结果：" + o
		}
		items[i] = s + "；" + statusText[it.Status]
	}
	head := "对上年度（" + strconv.Itoa(p.Year) + "年）绩效评价复核提出的" + strconv.Itoa(len(p.Items)) + "项整改事项，"
	switch done {
	case len(p.Items):
		head += "已全部完成整改。"
	case 0:
		head += "尚未完成整改。"
	default:
		head += "已完成整改" + strconv.Itoa(done) + "项，其余" + strconv.Itoa(len(p.Items)-done) + "项正在整改。"
	}
	return []string{head + "整改情况如下：" + ordinals(items)}
}

// chineseDate writes 2024-06-30 as 2024年6月30日; "" when it is not a date.
func chineseDate(s string) string {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return ""
	}
	m, err1 := strconv.Atoi(parts[1])
	d, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return ""
	}
	return parts[0] + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(d) + "日"
}
