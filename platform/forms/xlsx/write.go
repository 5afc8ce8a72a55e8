package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

// ContentType is the media type of the workbooks Write makes.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// font is the forms' typeface: 宋体 is on every Chinese Windows and in WPS, and
// LibreOffice substitutes a CJK serif for it.
const font = "宋体"

// Write writes f to w as a workbook laid out as the printed form: merged cells,
// borders, 宋体, column widths, an A4 landscape print area one page wide with the
// indicator table's header repeated on each page, and drop-down lists for the
// operators and ratings. The scores are the kept ones, as values, never formulas.
func Write(w io.Writer, f *forms.Form) error {
	x := excelize.NewFile()
	defer x.Close()
	wr := &writer{x: x, f: f}
	wr.write()
	if wr.err != nil {
		return wr.err
	}
	_, err := x.WriteTo(w)
	return err
}

// writer writes one form; the first error sticks and the rest is skipped.
type writer struct {
	x      *excelize.File
	f      *forms.Form
	err    error
	row    int // the next row to write
	styles struct {
		title, subtitle, label, text, center, number, score, scoreCenter, rate, dash int
	}
	// Rows of the indicator table by kind, for the validations.
	quantitative, qualitative []int
	firstInd, lastInd         int
	headerRow                 int
}

func (w *writer) do(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func (w *writer) write() {
	w.do(w.x.SetSheetName("Sheet1", SheetName))
	w.do(w.x.SetDefaultFont(font))
	w.makeStyles()
	for i, width := range widths {
		w.do(w.x.SetColWidth(SheetName, column(i+1), column(i+1), width))
	}
	w.do(w.x.SetColVisible(SheetName, column(colID), false))
	if w.f.Explained {
		w.do(w.x.SetColWidth(SheetName, column(colFormula), column(colFormula), formulaWidth))
	}

	w.row = 1
	w.merged(colSection, w.row, lastPrinted, w.row, w.f.Kind.Title(), w.styles.title)
	w.height(w.row, 32)
	w.row++
	w.merged(colSection, w.row, lastPrinted, w.row, fmt.Sprintf("（%d年度）", w.f.Year), w.styles.subtitle)
	w.height(w.row, 20)
	w.row++
	w.header()
	if w.f.Kind == forms.OverallForm {
		w.tasks()
	}
	w.money()
	w.goal()
	w.indicators()
	w.total()
	if w.f.Kind == forms.OverallForm {
		w.texts()
	}
	w.print()
	w.validations()
}

func (w *writer) makeStyles() {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	style := func(s *excelize.Style) int {
		id, err := w.x.NewStyle(s)
		w.do(err)
		return id
	}
	body := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: font, Size: size, Bold: bold}
	}
	centered := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	numFmt := func(f string) *string { return &f }
	w.styles.title = style(&excelize.Style{Font: body(18, true), Alignment: centered})
	w.styles.subtitle = style(&excelize.Style{Font: body(11, false), Alignment: centered})
	w.styles.label = style(&excelize.Style{Font: body(10, true), Alignment: centered, Border: border})
	w.styles.text = style(&excelize.Style{Font: body(10, false), Border: border,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	w.styles.center = style(&excelize.Style{Font: body(10, false), Alignment: centered, Border: border})
	w.styles.dash = w.styles.center
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	// Two places at least, up to the six a Decimal has: a figure shows as the API writes it.
	w.styles.number = style(&excelize.Style{Font: body(10, false), Alignment: right, Border: border, CustomNumFmt: numFmt("0.00####")})
	w.styles.score = style(&excelize.Style{Font: body(10, false), Alignment: right, Border: border, CustomNumFmt: numFmt("0.00")})
	w.styles.scoreCenter = style(&excelize.Style{Font: body(10, false), Alignment: centered, Border: border, CustomNumFmt: numFmt("0.00")})
	w.styles.rate = style(&excelize.Style{Font: body(10, false), Alignment: right, Border: border, CustomNumFmt: numFmt(`0.00"%"`)})
}

// merged writes text over the range from (c1, r1) to (c2, r2) with style.
func (w *writer) merged(c1, r1, c2, r2 int, text string, style int) {
	if c1 != c2 || r1 != r2 {
		w.do(w.x.MergeCell(SheetName, cell(c1, r1), cell(c2, r2)))
	}
	w.do(w.x.SetCellStyle(SheetName, cell(c1, r1), cell(c2, r2), style))
	if text != "" {
		w.do(w.x.SetCellStr(SheetName, cell(c1, r1), text))
	}
}

// number writes d into (col, row) merged to c2: a number cell when Excel holds it
// exactly (15 significant digits), else a text cell with the exact decimal, so
// that no figure is ever rounded; nothing for nil.
func (w *writer) number(col, c2, row int, d *fixed.Decimal, style int) {
	w.merged(col, row, c2, row, "", style)
	if d == nil {
		return
	}
	s := d.Decimal().String()
	if significant(s) > 15 {
		w.do(w.x.SetCellStr(SheetName, cell(col, row), s))
		return
	}
	v, err := strconv.ParseFloat(s, 64)
	w.do(err)
	w.do(w.x.SetCellFloat(SheetName, cell(col, row), v, -1, 64))
}

// significant counts the significant digits of a decimal string: a float64
// holds any decimal of at most 15 exactly, through its shortest form.
func significant(s string) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	return len(strings.TrimRight(strings.TrimLeft(digits, "0"), "0"))
}

func (w *writer) height(row int, h float64) { w.do(w.x.SetRowHeight(SheetName, row, h)) }

// fit sets a row's height for texts written across widths of columns (in
// Excel's character units): a Chinese character is two units wide.
func (w *writer) fit(row int, texts map[string]float64) {
	lines := 1
	for text, width := range texts {
		n := 0
		for _, part := range strings.Split(text, "\n") {
			units := 0
			for _, r := range part {
				if r >= utf8.RuneSelf || unicode.Is(unicode.Han, r) {
					units += 2
				} else {
					units++
				}
			}
			n += max(1, (units+int(width)-1)/max(1, int(width)))
		}
		lines = max(lines, n)
	}
	w.height(row, max(20, float64(lines)*13.5+6))
}

// span is the width of columns c1 to c2.
func span(c1, c2 int) float64 {
	s := 0.0
	for c := c1; c <= c2; c++ {
		s += widths[c-1]
	}
	return s
}

func (w *writer) header() {
	r := w.row
	if w.f.Kind == forms.ProjectForm {
		w.merged(colSection, r, colSection, r, labelProjectName, w.styles.label)
		w.merged(2, r, lastPrinted, r, w.f.ProjectName, w.styles.text)
		w.fit(r, map[string]float64{w.f.ProjectName: span(2, lastPrinted)})
		r++
		w.merged(colSection, r, colSection, r, labelSupervising, w.styles.label)
		w.merged(2, r, 6, r, w.f.SupervisingDepartment, w.styles.text)
		w.merged(7, r, 8, r, labelImplementing, w.styles.label)
		w.merged(9, r, lastPrinted, r, w.f.ImplementingUnit, w.styles.text)
		w.fit(r, map[string]float64{w.f.SupervisingDepartment: span(2, 6), w.f.ImplementingUnit: span(9, lastPrinted)})
	} else {
		w.merged(colSection, r, colSection, r, labelDepartmentName, w.styles.label)
		w.merged(2, r, lastPrinted, r, w.f.DepartmentName, w.styles.text)
		w.fit(r, map[string]float64{w.f.DepartmentName: span(2, lastPrinted)})
	}
	w.row = r + 1
}

func (w *writer) tasks() {
	r := w.row
	n := max(1, len(w.f.Tasks))
	w.merged(colSection, r, colSection, r+n, labelTasks, w.styles.label)
	w.merged(colTaskTitle, r, colTaskContent-1, r, labelTaskTitle, w.styles.label)
	w.merged(colTaskContent, r, colTaskOutcome-1, r, labelTaskContent, w.styles.label)
	w.merged(colTaskOutcome, r, lastPrinted, r, labelTaskOutcome, w.styles.label)
	for i := range n {
		row := r + 1 + i
		var t forms.Task
		if i < len(w.f.Tasks) {
			t = w.f.Tasks[i]
		}
		w.merged(colTaskTitle, row, colTaskContent-1, row, t.Title, w.styles.text)
		w.merged(colTaskContent, row, colTaskOutcome-1, row, t.Content, w.styles.text)
		w.merged(colTaskOutcome, row, lastPrinted, row, t.Outcome, w.styles.text)
		if t.ID != 0 {
			w.do(w.x.SetCellInt(SheetName, cell(colID, row), int64(t.ID)))
		}
		w.fit(row, map[string]float64{t.Title: span(colTaskTitle, colTaskContent-1),
			t.Content: span(colTaskContent, colTaskOutcome-1), t.Outcome: span(colTaskOutcome, lastPrinted)})
	}
	w.row = r + n + 1
}

func (w *writer) money() {
	r := w.row
	lines := forms.Lines[w.f.Kind]
	w.merged(colSection, r, colSection, r+len(lines), moneyLabel(w.f.Kind), w.styles.label)
	w.merged(2, r, colInitial-1, r, "", w.styles.label)
	for col, label := range map[int]string{colInitial: labelInitial, colAdjusted: labelAdjusted, colExecuted: labelExecuted,
		colMoneyW: labelMoneyWeight, colRate: labelRate} {
		w.merged(col, r, col, r, label, w.styles.label)
	}
	w.merged(colMoneyS, r, lastPrinted, r, labelMoneyScore, w.styles.label)
	w.height(r, 24)
	for i, l := range lines {
		row := r + 1 + i
		m := w.f.Line(l)
		if m == nil {
			m = &forms.MoneyRow{Line: l}
		}
		if l == forms.LineTotal {
			w.merged(2, row, colInitial-1, row, l.Label(), w.styles.center)
		} else {
			// The group's label over its lines, in B.
			if i == 0 || lines[i-1].Group() != l.Group() {
				last := row
				for last-r < len(lines) && lines[last-r].Group() == l.Group() {
					last++
				}
				w.merged(2, row, 2, last, l.Group(), w.styles.center)
			}
			w.merged(3, row, colInitial-1, row, l.Label(), w.styles.center)
		}
		w.number(colInitial, colInitial, row, m.Initial, w.styles.number)
		w.number(colAdjusted, colAdjusted, row, m.Adjusted, w.styles.number)
		w.number(colExecuted, colExecuted, row, m.Executed, w.styles.number)
		if l == forms.LineTotal {
			w.number(colMoneyW, colMoneyW, row, m.Weight, w.styles.score)
			w.number(colRate, colRate, row, m.Rate, w.styles.rate)
			w.number(colMoneyS, lastPrinted, row, m.Score, w.styles.scoreCenter)
			if w.f.Explained && w.f.ExecutionFormula != "" {
				w.merged(colFormula, r, colFormula, r, labelFormula, w.styles.label)
				w.merged(colFormula, row, colFormula, row, w.f.ExecutionFormula, w.styles.text)
			}
		} else {
			w.merged(colMoneyW, row, colMoneyW, row, "—", w.styles.dash)
			w.merged(colRate, row, colRate, row, "", w.styles.center)
			w.merged(colMoneyS, row, lastPrinted, row, "—", w.styles.dash)
		}
		if l == forms.LineTotal && w.f.Explained && w.f.ExecutionFormula != "" {
			w.fit(row, map[string]float64{w.f.ExecutionFormula: formulaWidth})
		} else {
			w.height(row, 20)
		}
	}
	w.row = r + len(lines) + 1
}

func (w *writer) goal() {
	r := w.row
	w.merged(colSection, r, colSection, r+1, labelGoal, w.styles.label)
	w.merged(colGoalExpected, r, colGoalOutcome-1, r, labelGoalExpected, w.styles.label)
	w.merged(colGoalOutcome, r, lastPrinted, r, labelGoalOutcome, w.styles.label)
	w.merged(colGoalExpected, r+1, colGoalOutcome-1, r+1, w.f.GoalExpected, w.styles.text)
	w.merged(colGoalOutcome, r+1, lastPrinted, r+1, w.f.GoalOutcome, w.styles.text)
	w.fit(r+1, map[string]float64{w.f.GoalExpected: span(colGoalExpected, colGoalOutcome-1), w.f.GoalOutcome: span(colGoalOutcome, lastPrinted)})
	w.row = r + 2
}

func (w *writer) indicators() {
	h := w.row
	w.headerRow = h
	inds := w.f.Indicators
	n := max(1, len(inds))
	w.merged(colSection, h, colSection, h+1+n, indicatorsLabel(w.f.Kind), w.styles.label)
	for _, c := range []struct {
		col   int
		label string
	}{{colLevel1, labelLevel1}, {colLevel2, labelLevel2}, {colName, labelName}, {colActual, labelActual},
		{colWeight, labelWeight}, {colScore, labelScore}, {colReason, labelReason}, {colCriteria, labelCriteria}} {
		w.merged(c.col, h, c.col, h+1, c.label, w.styles.label)
	}
	w.merged(colOperator, h, colUnit, h, labelTargetGroup, w.styles.label)
	w.merged(colOperator, h+1, colOperator, h+1, labelOperator, w.styles.label)
	w.merged(colTarget, h+1, colTarget, h+1, labelTarget, w.styles.label)
	w.merged(colUnit, h+1, colUnit, h+1, labelUnit, w.styles.label)
	w.do(w.x.SetCellStr(SheetName, cell(colID, h), labelID))
	w.height(h, 20)
	w.height(h+1, 20)
	if w.f.Explained {
		// Two cells, not merged: a range the form does not have would stop its import.
		w.merged(colFormula, h, colFormula, h, labelFormula, w.styles.label)
		w.merged(colFormula, h+1, colFormula, h+1, "评分规则："+w.f.RulesName, w.styles.label)
		w.height(h+1, 28)
	}

	first := h + 2
	w.firstInd, w.lastInd = first, first+n-1
	for i := range n {
		row := first + i
		if i >= len(inds) {
			for col := colLevel1; col <= lastPrinted; col++ {
				w.merged(col, row, col, row, "", w.styles.text)
			}
			w.quantitative = append(w.quantitative, row)
			continue
		}
		ind := inds[i]
		// Level names over their runs of rows, as the printed forms group them.
		if i == 0 || inds[i-1].Level1 != ind.Level1 {
			last := i
			for last+1 < len(inds) && inds[last+1].Level1 == ind.Level1 {
				last++
			}
			w.merged(colLevel1, row, colLevel1, first+last, ind.Level1, w.styles.center)
		}
		if i == 0 || inds[i-1].Level1 != ind.Level1 || inds[i-1].Level2 != ind.Level2 {
			last := i
			for last+1 < len(inds) && inds[last+1].Level1 == ind.Level1 && inds[last+1].Level2 == ind.Level2 {
				last++
			}
			w.merged(colLevel2, row, colLevel2, first+last, ind.Level2, w.styles.center)
		}
		w.merged(colName, row, colName, row, ind.Name, w.styles.text)
		w.merged(colUnit, row, colUnit, row, ind.Unit, w.styles.center)
		if ind.Qualitative() {
			w.qualitative = append(w.qualitative, row)
			w.merged(colOperator, row, colOperator, row, qualitativeWord, w.styles.center)
			w.merged(colTarget, row, colTarget, row, "", w.styles.center)
			w.merged(colActual, row, colActual, row, ratingLabels[ind.Rating], w.styles.center)
			// A qualitative indicator's 得分 is the evaluator's rated score.
			w.number(colScore, colScore, row, ind.RatedScore, w.styles.number)
		} else {
			w.quantitative = append(w.quantitative, row)
			w.merged(colOperator, row, colOperator, row, operatorSymbols[ind.Operator], w.styles.center)
			w.number(colTarget, colTarget, row, ind.Target, w.styles.number)
			if ind.Adjusted != "" {
				// A note, not a second value: the cell stays the number an import reads.
				w.do(w.x.AddComment(SheetName, excelize.Comment{Cell: cell(colTarget, row), Author: "绩效目标调整",
					Paragraph: []excelize.RichTextRun{{Text: ind.Adjusted}}}))
			}
			// A derived actual holds six places; it prints as the reports print rates.
			actualStyle := w.styles.number
			if ind.Bound {
				actualStyle = w.styles.score
			}
			w.number(colActual, colActual, row, ind.Actual, actualStyle)
			score := ind.Score
			w.number(colScore, colScore, row, &score, w.styles.score)
		}
		if ind.Review != "" {
			// A note, not a second value: the cell keeps the self-score an import reads.
			w.do(w.x.AddComment(SheetName, excelize.Comment{Cell: cell(colScore, row), Author: "复核评分",
				Paragraph: []excelize.RichTextRun{{Text: ind.Review}}}))
		}
		w.number(colWeight, colWeight, row, ind.Weight, w.styles.number)
		w.merged(colReason, row, colReason, row, ind.DeviationReason, w.styles.text)
		w.merged(colCriteria, row, colCriteria, row, ind.ScoringCriteria, w.styles.text)
		w.do(w.x.SetCellInt(SheetName, cell(colID, row), int64(ind.ID)))
		texts := map[string]float64{ind.Name: widths[colName-1], ind.DeviationReason: widths[colReason-1],
			ind.ScoringCriteria: widths[colCriteria-1]}
		if w.f.Explained {
			w.merged(colFormula, row, colFormula, row, ind.Formula, w.styles.text)
			texts[ind.Formula] = formulaWidth
		}
		// A level's name over one row only must fit that row (over several, it has room).
		alone := func(same func(a, b forms.Indicator) bool) bool {
			return (i == 0 || !same(inds[i-1], ind)) && (i+1 == len(inds) || !same(inds[i+1], ind))
		}
		if alone(func(a, b forms.Indicator) bool { return a.Level1 == b.Level1 }) {
			texts[ind.Level1] = widths[colLevel1-1]
		}
		if alone(func(a, b forms.Indicator) bool { return a.Level1 == b.Level1 && a.Level2 == b.Level2 }) {
			texts[ind.Level2] = widths[colLevel2-1]
		}
		w.fit(row, texts)
	}
	w.row = first + n
}

func (w *writer) total() {
	r := w.row
	w.merged(colSection, r, colActual, r, labelTotal, w.styles.label)
	weight, score := w.f.TotalWeight, w.f.TotalScore
	w.number(colWeight, colWeight, r, &weight, w.styles.number)
	w.number(colScore, colScore, r, &score, w.styles.score)
	if w.f.Review != "" {
		w.do(w.x.AddComment(SheetName, excelize.Comment{Cell: cell(colScore, r), Author: "复核评分",
			Paragraph: []excelize.RichTextRun{{Text: w.f.Review}}}))
	}
	grade := ""
	if w.f.Grade != "" {
		grade = "评价等级：" + w.f.Grade
	}
	w.merged(colReason, r, lastPrinted, r, grade, w.styles.center)
	w.height(r, 22)
	if w.f.Explained {
		w.merged(colFormula, r, colFormula, r, w.f.TotalFormula, w.styles.text)
		w.fit(r, map[string]float64{w.f.TotalFormula: formulaWidth})
	}
	w.row = r + 1
}

func (w *writer) texts() {
	for _, t := range []struct{ label, text string }{
		{labelConclusion, w.f.Conclusion}, {labelProblems, w.f.Problems}, {labelImprovements, w.f.Improvements},
	} {
		w.merged(colSection, w.row, colSection, w.row, t.label, w.styles.label)
		w.merged(2, w.row, lastPrinted, w.row, t.text, w.styles.text)
		w.fit(w.row, map[string]float64{t.text: span(2, lastPrinted)})
		w.row++
	}
}

// print sets A4 landscape, one page wide, the print area, and the indicator
// table's two header rows repeated on every page.
func (w *writer) print() {
	size, orientation, wide, tall := 9, "landscape", 1, 0
	w.do(w.x.SetPageLayout(SheetName, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
		FitToWidth: &wide, FitToHeight: &tall}))
	fit := true
	w.do(w.x.SetSheetProps(SheetName, &excelize.SheetPropsOptions{FitToPage: &fit}))
	margin, edge := 0.5, 0.3
	w.do(w.x.SetPageMargins(SheetName, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin,
		Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge}))
	last := lastPrinted
	if w.f.Explained {
		last = colFormula // M, hidden, is not printed
	}
	w.do(w.x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: SheetName,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", SheetName, column(last), w.row-1)}))
	w.do(w.x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: SheetName,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", SheetName, w.headerRow, w.headerRow+1)}))
}

// validations: drop-down lists for 指标性质 and the ratings, numbers where numbers go.
func (w *writer) validations() {
	add := func(sqref string, set func(dv *excelize.DataValidation) error, title, msg string) {
		if sqref == "" {
			return
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		w.do(set(dv))
		dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
		w.do(w.x.AddDataValidation(SheetName, dv))
	}
	all := ranges(colOperator, seq(w.firstInd, w.lastInd))
	add(all, func(dv *excelize.DataValidation) error { return dv.SetDropList(operatorList) },
		labelOperator, "请从列表中选择：≥ > = ≤ <，定性指标选“定性”")
	add(ranges(colActual, w.qualitative), func(dv *excelize.DataValidation) error { return dv.SetDropList(ratingList) },
		"评价等级", "请从列表中选择定性指标的评价等级")
	between := func(lo, hi float64) func(dv *excelize.DataValidation) error {
		return func(dv *excelize.DataValidation) error {
			return dv.SetRange(lo, hi, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		}
	}
	const most = 1e10 // fixed.MaxQuantity
	add(ranges(colTarget, w.quantitative), between(0, most), labelTarget, "请输入不小于 0 的数字")
	add(ranges(colActual, w.quantitative), between(-most, most), labelActual, "请输入数字")
	add(ranges(colWeight, seq(w.firstInd, w.lastInd)), between(0, 100), labelWeight, "请输入 0 到 100 之间的数字")
	add(ranges(colScore, w.qualitative), between(0, 100), labelScore, "定性指标的得分：请输入其评价等级分档内的数字")
}

func seq(from, to int) []int {
	out := make([]int, 0, to-from+1)
	for r := from; r <= to; r++ {
		out = append(out, r)
	}
	return out
}

// ranges is a space-separated list of the ranges of col over rows (ascending),
// runs of consecutive rows joined: "H14:H20 H23".
func ranges(col int, rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, cell(col, rows[i]))
		} else {
			parts = append(parts, cell(col, rows[i])+":"+cell(col, rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}
