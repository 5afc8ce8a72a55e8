package report

import (
	"slices"
	"strings"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// group is where the report discusses an indicator.
type group int

const (
	output       group = iota // 产出
	benefit                   // 效益
	satisfaction              // 满意度
	other                     // any other 履职效能 indicator
	management                // 管理效率
)

// groupOf reads an indicator's levels: 管理效率 (the Guangdong department tree's
// second level-1 row) first, then 产出, 满意度 and 效益 in either level, so that the
// seed's 履职效能/产出 and the project form's 产出指标/数量指标 both land in output.
func groupOf(ind Indicator) group {
	levels := ind.Level1 + " " + ind.Level2
	switch {
	case strings.Contains(ind.Level1, "管理"):
		return management
	case strings.Contains(levels, "产出"):
		return output
	case strings.Contains(levels, "满意"):
		return satisfaction
	case strings.Contains(levels, "效益"):
		return benefit
	}
	return other
}

// groupName is a group's name in sentences.
var groupName = map[group]string{output: "产出", benefit: "效益", satisfaction: "满意度", other: "其他"}

// met reports whether an indicator reached its target: a qualitative one rated
// 达成, a quantitative one scoring its full weight (or, weightless, whose actual
// value lies on the right side of its target).
func met(ind Indicator) bool {
	if ind.Kind == scoring.Qualitative {
		return ind.Rating == scoring.Achieved
	}
	switch {
	case ind.Actual == nil:
		return false
	case ind.Weight > 0:
		return ind.Score == ind.Weight
	case ind.Target == nil:
		return true
	case ind.Operator.Reverse():
		return *ind.Actual <= *ind.Target
	}
	return *ind.Actual >= *ind.Target
}

// lostPoints reports whether an indicator scored below its weight.
func lostPoints(ind Indicator) bool { return ind.Score < ind.Weight }

// target is "≥80人次", "≤10%".
func target(ind Indicator) string {
	if ind.Target == nil {
		return "—"
	}
	return symbol(ind.Operator) + quantity(*ind.Target, ind.Unit)
}

// item is one indicator inside a group's sentence, as the seed words it:
// "业务岗位培训人数88人次，指标完成率为110%". A reverse indicator says what it was
// kept under rather than a completion rate, which would read as a failure.
func item(ind Indicator) string {
	switch {
	case ind.Kind == scoring.Qualitative:
		return ind.Name + ratingText(ind.Rating)
	case ind.Actual == nil:
		return ind.Name + "尚未填报实际完成值"
	case ind.Operator.Reverse():
		return reverse(ind, ind.Name)
	}
	actual := quantity(*ind.Actual, ind.Unit)
	if ind.Unit == "%" {
		actual = "为" + actual
	}
	if ind.CompletionRate == nil { // a target of 0: no rate is defined
		return ind.Name + actual + "（年度指标值" + target(ind) + "），" + verdict(met(ind))
	}
	s := ind.Name + actual
	if ind.Unit == "%" && ind.Target != nil && *ind.Target != fixed.FromInt(100) {
		s += "（年度指标值" + target(ind) + "）"
	}
	return s + "，指标完成率为" + completion(ind.CompletionRate)
}

// reverse is a reverse indicator's clause: "公用经费控制率控制在100%以内，实际为94.51%，达成目标".
func reverse(ind Indicator, subject string) string {
	bound := "以内"
	if ind.Operator == scoring.LT {
		bound = "以下"
	}
	s := subject + "控制在" + quantity(*ind.Target, ind.Unit) + bound
	if ind.Actual == nil {
		return s + "，实际值尚未填报"
	}
	return s + "，实际为" + quantity(*ind.Actual, ind.Unit) + "，" + verdict(met(ind))
}

func verdict(ok bool) string {
	if ok {
		return "达成目标"
	}
	return "未达成目标"
}

// scored is "得4.73分（分值5分）".
func scored(ind Indicator) string {
	return "得" + points(ind.Score) + "（分值" + points(ind.Weight) + "）"
}

// rated is a qualitative indicator's sentence: "经自评，预算编制规范性达成年度指标，得5分（分值5分）。"
func rated(ind Indicator) string {
	return "经自评，" + ind.Name + ratingText(ind.Rating) + "，" + scored(ind) + "。"
}

// measured is a quantitative indicator's own sentence, outside a group's list.
func measured(ind Indicator) string {
	if ind.Kind == scoring.Qualitative {
		return rated(ind)
	}
	if ind.Actual == nil || ind.Operator.Reverse() {
		return item(ind) + "。"
	}
	s := ind.Name + "为" + quantity(*ind.Actual, ind.Unit) + "（年度指标值" + target(ind) + "）"
	if ind.CompletionRate != nil {
		s += "，指标完成率为" + completion(ind.CompletionRate)
	}
	return s + "，" + verdict(met(ind)) + "。"
}

// groupParagraphs are the paragraphs of an effectiveness group (产出, 效益…):
// whether its indicators reached their targets, each with its figures, then the
// department's reasons for the deviations.
func groupParagraphs(who, lead string, g group, inds []Indicator) (generated, reasons []string) {
	name := groupName[g]
	if len(inds) == 0 {
		return []string{"本年度未设置" + name + "指标。"}, nil
	}
	items := make([]string, len(inds))
	var missed []string
	for i, ind := range inds {
		items[i] = item(ind)
		if !met(ind) {
			missed = append(missed, ind.Name)
		}
		if r := strings.TrimSpace(ind.DeviationReason); r != "" {
			reasons = append(reasons, ind.Name+"偏差原因："+sentence(r))
		}
	}
	head := who + lead + name + "指标达到预期目标："
	if len(missed) > 0 {
		head = who + lead + name + "指标中，" + strings.Join(missed, "、") + "未达到年度指标值："
	}
	return []string{head + strings.Join(items, "；") + "。"}, reasons
}

// indicatorTable is the table of an evaluation's indicators and scores, level 1
// and level 2 merged down their rows, as the self-evaluation forms lay it out. A
// project's fixed execution item comes first, as on the project form.
func indicatorTable(title string, inds []Indicator, execution *Indicator, result Result) Table {
	criteria := false
	for _, ind := range inds {
		criteria = criteria || ind.Criteria != ""
	}
	head := []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成率", "分值", "得分"}
	rescored := reviewed(inds)
	if rescored {
		head[7] = "自评得分"
		head = append(head, "复核得分")
	}
	if criteria {
		head = append(head, "评（扣）分标准")
	}
	head = append(head, "偏差原因分析")
	t := Table{Title: title, Header: []Row{textRow(head...)}}
	weights := fixed.Decimal(0)
	if execution != nil {
		weights += execution.Weight
		r := Row{Cells: []Cell{
			cell(execution.Name, 3, 1), cell(target(*execution), 1, 1), num(percentOf(execution.Actual)),
			num(completion(execution.CompletionRate)), num(number(execution.Weight)), num(number(execution.Score)),
		}}
		if rescored {
			r.Cells = append(r.Cells, num(number(execution.Score)))
		}
		if criteria {
			r.Cells = append(r.Cells, text(""))
		}
		r.Cells = append(r.Cells, text(execution.DeviationReason))
		t.Rows = append(t.Rows, r)
	}
	for i, ind := range inds {
		weights += ind.Weight
		var r Row
		if i == 0 || inds[i-1].Level1 != ind.Level1 {
			r.Cells = append(r.Cells, cell(ind.Level1, 1, run(inds, i, func(a, b Indicator) bool { return a.Level1 == b.Level1 })))
		}
		if i == 0 || inds[i-1].Level1 != ind.Level1 || inds[i-1].Level2 != ind.Level2 {
			r.Cells = append(r.Cells, cell(ind.Level2, 1, run(inds, i, func(a, b Indicator) bool {
				return a.Level1 == b.Level1 && a.Level2 == b.Level2
			})))
		}
		actual, rate := "—", "—"
		if ind.Kind == scoring.Qualitative {
			actual = ratingShort(ind.Rating)
		} else if ind.Actual != nil {
			actual = quantity(*ind.Actual, ind.Unit)
			rate = completion(ind.CompletionRate)
			if ind.Operator.Reverse() {
				// A reverse indicator's actual / target is small when it is met:
				// printed as a rate it would read as a failure.
				rate = verdict(met(ind))
			}
		}
		r.Cells = append(r.Cells, text(ind.Name), text(tableTarget(ind)), num(actual), num(rate), num(number(ind.Weight)), num(number(ind.Score)))
		if rescored {
			r.Cells = append(r.Cells, reviewCell(ind))
		}
		if criteria {
			r.Cells = append(r.Cells, text(ind.Criteria))
		}
		r.Cells = append(r.Cells, text(ind.DeviationReason))
		t.Rows = append(t.Rows, r)
	}
	total := Row{Cells: []Cell{cell("合计", 6, 1), num(number(weights)), num(number(result.Score)), text("")}}
	if rescored {
		sum := result.Score
		if result.Review != nil {
			sum = result.Review.Score
		}
		total.Cells = slices.Insert(total.Cells, 3, num(number(sum)))
	}
	if criteria {
		total.Cells = append(total.Cells, text(""))
	}
	t.Rows = append(t.Rows, total)
	return t
}

// run counts the rows from i on that same keeps together with row i.
func run(inds []Indicator, i int, same func(a, b Indicator) bool) int {
	n := 1
	for i+n < len(inds) && same(inds[i], inds[i+n]) {
		n++
	}
	return n
}

func percentOf(d *fixed.Decimal) string {
	if d == nil {
		return "—"
	}
	return percent(d)
}

func cell(s string, colSpan, rowSpan int) Cell {
	return Cell{Text: s, ColSpan: colSpan, RowSpan: rowSpan}
}
func text(s string) Cell { return cell(s, 1, 1) }
func num(s string) Cell  { c := cell(s, 1, 1); c.Numeric = true; return c }

func textRow(texts ...string) Row {
	r := Row{Cells: make([]Cell, len(texts))}
	for i, s := range texts {
		r.Cells[i] = text(s)
	}
	return r
}

// moneyTable is a budget table (单位：万元): 年初预算数 when any line knows it,
// 全年预算数, 全年执行数 and the execution rate of each line.
func moneyTable(title string, lines []MoneyLine) Table {
	initial := false
	for _, l := range lines {
		initial = initial || l.Initial != nil
	}
	head := []string{"项目"}
	if initial {
		head = append(head, "年初预算数")
	}
	head = append(head, "全年预算数", "全年执行数", "执行率")
	t := Table{Title: title, Header: []Row{textRow(head...)}}
	for _, l := range lines {
		r := Row{Cells: []Cell{text(l.Label)}}
		if initial {
			v := "—"
			if l.Initial != nil {
				v = number(*l.Initial)
			}
			r.Cells = append(r.Cells, num(v))
		}
		r.Cells = append(r.Cells, num(number(l.Budget)), num(number(l.Executed)), num(percent(lineRate(l))))
		t.Rows = append(t.Rows, r)
	}
	return t
}

// lineRate is a line's kept rate, or the rule's rate of its figures.
func lineRate(l MoneyLine) *fixed.Decimal {
	if l.Rate != nil {
		return l.Rate
	}
	r, ok := scoring.ExecutionRate(l.Executed.Decimal(), l.Budget.Decimal())
	if !ok {
		return nil
	}
	d, ok := fixed.RoundOK(r)
	if !ok {
		return nil
	}
	return &d
}
