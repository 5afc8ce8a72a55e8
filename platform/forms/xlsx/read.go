package xlsx

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

// Read reads a workbook holding one of the forms, or a plain indicator table (a
// header row naming at least 三级指标 and 分值, then one row per indicator, as
// departments keep them). It returns the form with the cell of every value it
// read, and the problems found: every problem of a cell at once, each named by
// sheet and cell; a problem of the file or of the layout stops the reading, and
// the form is then nil.
//
// Formulas are refused cell by cell: the forms hold values, and a formula's
// cached result may be stale or absent. A number in a cell formatted as a
// percentage is read as the percent Excel shows (95 % is 95). A row with a
// problem is marked Skip, so that the others are still compared.
func Read(data []byte) (*forms.Form, []forms.Problem) {
	b, p := open(data)
	if p != nil {
		return nil, []forms.Problem{*p}
	}
	defer b.x.Close()
	var table *sheet
	for _, name := range b.x.GetSheetList() {
		s, p := b.sheet(name)
		if p != nil {
			return nil, []forms.Problem{*p}
		}
		if kind, at := s.title(); kind != "" {
			return s.readForm(kind, at)
		}
		if table == nil && s.tableHeader() > 0 {
			table = s
		}
	}
	if table != nil {
		return table.readTable()
	}
	return nil, []forms.Problem{forms.FileProblem(forms.CodeNotAForm, nil,
		"no sheet holds a 项目支出绩效自评表, a 部门整体支出绩效自评表 or a table of indicators (a header row with 三级指标 and 分值)")}
}

// sheet is one sheet's values, cells and merged ranges.
type sheet struct {
	b        *book
	name     string
	rows     [][]string
	cells    map[string]meta
	merges   []rect
	mergeAt  map[[2]int]int // (col, row) of every cell of a merged range → its index
	percent  map[int]bool   // style → whether its number format is a percentage
	problems []forms.Problem
}

type rect struct{ c1, r1, c2, r2 int }

func (r rect) ref() string { return cell(r.c1, r.r1) + ":" + cell(r.c2, r.r2) }

func (b *book) sheet(name string) (*sheet, *forms.Problem) {
	damaged := func(err error) *forms.Problem {
		p := forms.FileProblem(forms.CodeFileDamaged, nil, "the sheet %s is damaged and cannot be read: %v", name, err)
		return &p
	}
	rows, err := b.x.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, damaged(err)
	}
	cells, merges, err := b.scan(name)
	if err != nil {
		return nil, damaged(err)
	}
	s := &sheet{b: b, name: name, rows: rows, cells: cells, mergeAt: map[[2]int]int{}, percent: map[int]bool{}}
	for _, ref := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(strings.Split(ref, ":")[0])
		c2, r2, err2 := excelize.CellNameToCoordinates(ref[strings.LastIndex(ref, ":")+1:])
		if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || (c2-c1+1)*(r2-r1+1) > 1<<20 {
			return nil, damaged(err1)
		}
		s.merges = append(s.merges, rect{c1, r1, c2, r2})
		for c := c1; c <= c2; c++ {
			for r := r1; r <= r2; r++ {
				s.mergeAt[[2]int{c, r}] = len(s.merges) - 1
			}
		}
	}
	return s, nil
}

// raw is the text of the cell at (col, row); a cell inside a merged range has
// the range's value.
func (s *sheet) raw(col, row int) string {
	if i, ok := s.mergeAt[[2]int{col, row}]; ok {
		col, row = s.merges[i].c1, s.merges[i].r1
	}
	if row < 1 || row > len(s.rows) || col < 1 || col > len(s.rows[row-1]) {
		return ""
	}
	return s.rows[row-1][col-1]
}

// text is a cell's text with Windows line ends made Unix ones.
func (s *sheet) text(col, row int) string {
	return strings.ReplaceAll(s.raw(col, row), "\r\n", "\n")
}

// label is a cell's text as labels are compared.
func (s *sheet) label(col, row int) string { return norm(s.raw(col, row)) }

func (s *sheet) problem(col, row int, field, value, code string, params []string, format string, args ...any) {
	s.problems = append(s.problems, forms.NewProblem(s.name, cell(col, row), field, value, code, params, format, args...))
}

// formula reports (once) a formula at (col, row), which the reader refuses.
func (s *sheet) formula(col, row int, field string) bool {
	m, ok := s.cells[cell(col, row)]
	if !ok || !m.formula {
		return false
	}
	s.problem(col, row, field, s.raw(col, row), forms.CodeFormula, nil,
		"the cell holds a formula: type its value instead")
	return true
}

var (
	titles = map[string]forms.Kind{norm(forms.OverallForm.Title()): forms.OverallForm, norm(forms.ProjectForm.Title()): forms.ProjectForm}
	yearRe = regexp.MustCompile(`((?:19|20|21)\d{2})\s*年`)
)

// title finds a form's title in the sheet's first rows.
func (s *sheet) title() (forms.Kind, [2]int) {
	for r := 1; r <= min(6, len(s.rows)); r++ {
		for c := 1; c <= len(s.rows[r-1]); c++ {
			for t, kind := range titles {
				if strings.Contains(s.label(c, r), t) {
					return kind, [2]int{c, r}
				}
			}
		}
	}
	return "", [2]int{}
}

// anchor finds the row whose section column holds one of labels, from row from.
func (s *sheet) anchor(from int, labels ...string) int {
	for r := max(1, from); r <= len(s.rows); r++ {
		if slices.Contains(labels, s.label(colSection, r)) {
			return r
		}
	}
	return 0
}

// expect checks that the cell at (col, row) holds label; when not, the layout
// changed there.
func (s *sheet) expect(col, row int, label string) bool {
	if s.label(col, row) == norm(label) {
		return true
	}
	s.problem(col, row, "", s.raw(col, row), forms.CodeLayoutChanged, []string{"expected", label},
		"the form's layout was changed: this cell should hold %q", label)
	return false
}

func (s *sheet) layoutMissing(label string) {
	s.problems = append(s.problems, forms.NewProblem(s.name, "", "", "", forms.CodeLayoutChanged, []string{"expected", label},
		"the form's layout was changed: the part %q is missing from column A", label))
}

// readForm reads a form whose title is at at.
func (s *sheet) readForm(kind forms.Kind, at [2]int) (*forms.Form, []forms.Problem) {
	f := &forms.Form{Kind: kind, Sheet: s.name, Cells: forms.Cells{}}
	for r := at[1]; r <= at[1]+1 && f.Year == 0; r++ {
		for c := 1; r <= len(s.rows) && c <= len(s.rows[r-1]); c++ {
			if m := yearRe.FindStringSubmatch(s.raw(c, r)); m != nil {
				f.Year, _ = strconv.Atoi(m[1])
				f.Cells[forms.FieldYear] = cell(c, r)
				break
			}
		}
	}
	if f.Year == 0 {
		s.expect(colSection, at[1]+1, "（年度）")
	}
	// The parts, in form order, each found by its label in column A.
	parts := []string{labelProjectName, labelSupervising, labelProjectMoney, labelGoal, labelProjectInds, labelTotal}
	if kind == forms.OverallForm {
		parts = []string{labelDepartmentName, labelTasks, labelOverallMoney, labelGoal, labelOverallInds, labelTotal,
			labelConclusion, labelProblems, labelImprovements}
	}
	rows := map[string]int{}
	last := at[1]
	for _, p := range parts {
		alts := []string{norm(p)}
		if p == labelDepartmentName {
			alts = append(alts, "部门名称", "单位名称", "部门（单位）")
		}
		r := s.anchor(last+1, alts...)
		if r == 0 {
			s.layoutMissing(p)
			return nil, s.problems
		}
		rows[p], last = r, r
	}
	if kind == forms.ProjectForm {
		r := rows[labelProjectName]
		f.ProjectName, f.Cells[forms.FieldProjectName] = strings.TrimSpace(s.text(2, r)), cell(2, r)
		r = rows[labelSupervising]
		f.SupervisingDepartment, f.Cells[forms.FieldSupervisingDepartment] = strings.TrimSpace(s.text(2, r)), cell(2, r)
		if s.expect(7, r, labelImplementing) {
			f.ImplementingUnit, f.Cells[forms.FieldImplementingUnit] = strings.TrimSpace(s.text(9, r)), cell(9, r)
		}
		s.checkMerges(rows[labelProjectName], rows[labelProjectMoney]-1, nil, [][2]int{{2, lastPrinted}, {2, 6}, {7, 8}, {9, lastPrinted}})
	} else {
		r := rows[labelDepartmentName]
		f.DepartmentName, f.Cells[forms.FieldDepartmentName] = strings.TrimSpace(s.text(2, r)), cell(2, r)
		s.checkMerges(r, r, nil, [][2]int{{2, lastPrinted}})
		s.readTasks(f, rows[labelTasks], rows[labelOverallMoney]-1)
	}
	s.readMoney(f, rows[moneyLabel(kind)], rows[labelGoal]-1)
	s.readGoal(f, rows[labelGoal], rows[indicatorsLabel(kind)]-1)
	if len(s.problems) > 0 && layoutChanged(s.problems) {
		return nil, s.problems
	}
	s.readIndicators(f, rows[indicatorsLabel(kind)], rows[labelTotal]-1)
	if kind == forms.OverallForm {
		for _, t := range []struct {
			label, field string
			dst          *string
		}{{labelConclusion, forms.FieldConclusion, &f.Conclusion}, {labelProblems, forms.FieldProblems, &f.Problems},
			{labelImprovements, forms.FieldImprovements, &f.Improvements}} {
			r := rows[t.label]
			if !s.formula(2, r, t.field) {
				*t.dst, f.Cells[t.field] = s.text(2, r), cell(2, r)
			}
			s.checkMerges(r, r, nil, [][2]int{{2, lastPrinted}})
		}
	}
	if layoutChanged(s.problems) {
		return nil, s.problems
	}
	return f, s.problems
}

// layoutChanged reports whether problems hold one of the layout, which stops the reading.
func layoutChanged(ps []forms.Problem) bool {
	return slices.ContainsFunc(ps, func(p forms.Problem) bool {
		return p.Code == forms.CodeLayoutChanged || p.Code == forms.CodeMergeChanged || p.Code == forms.CodeTooManyRows
	})
}

// checkMerges refuses merged ranges in rows from to to (beyond column A, which
// labels the part) other than the form's: ranges of one row spanning the column
// pairs of spans, or of one column in cols spanning rows of the part. A range
// that covers cells of its own moved or hides values the form holds.
func (s *sheet) checkMerges(from, to int, cols []int, spans [][2]int) {
	for _, m := range s.merges {
		if m.r2 < from || m.r1 > to || m.c1 == colSection && m.c2 == colSection {
			continue
		}
		oneRow := m.r1 == m.r2 && slices.Contains(spans, [2]int{m.c1, m.c2})
		oneCol := m.c1 == m.c2 && slices.Contains(cols, m.c1) && m.r1 >= from && m.r2 <= to
		if oneRow || oneCol {
			continue
		}
		s.problems = append(s.problems, forms.NewProblem(s.name, m.ref(), "", "", forms.CodeMergeChanged, []string{"range", m.ref()},
			"the merged range %s is not the form's: unmerge it, or export the form again", m.ref()))
	}
}

func (s *sheet) readTasks(f *forms.Form, head, last int) {
	if !s.expect(colTaskTitle, head, labelTaskTitle) || !s.expect(colTaskContent, head, labelTaskContent) ||
		!s.expect(colTaskOutcome, head, labelTaskOutcome) {
		return
	}
	spans := [][2]int{{colTaskTitle, colTaskContent - 1}, {colTaskContent, colTaskOutcome - 1}, {colTaskOutcome, lastPrinted}}
	s.checkMerges(head, last, nil, spans)
	for r := head + 1; r <= last; r++ {
		t := forms.Task{Row: r, Cells: forms.Cells{forms.FieldTitle: cell(colTaskTitle, r),
			forms.FieldContent: cell(colTaskContent, r), forms.FieldOutcome: cell(colTaskOutcome, r), forms.FieldID: cell(colID, r)}}
		for _, c := range []struct {
			col   int
			field string
		}{{colTaskTitle, forms.FieldTitle}, {colTaskContent, forms.FieldContent}, {colTaskOutcome, forms.FieldOutcome}, {colID, forms.FieldID}} {
			t.Skip = s.formula(c.col, r, c.field) || t.Skip
		}
		t.Title, t.Content, t.Outcome = strings.TrimSpace(s.text(colTaskTitle, r)), s.text(colTaskContent, r), s.text(colTaskOutcome, r)
		t.ID, t.Skip = s.id(r, t.Skip)
		if t.Title == "" && t.Content == "" && t.Outcome == "" && t.ID == 0 {
			continue
		}
		if t.Title == "" {
			s.problem(colTaskTitle, r, forms.FieldTitle, "", forms.CodeRequired, nil, "the key task has no name (任务名称)")
			t.Skip = true
		}
		f.Tasks = append(f.Tasks, t)
	}
}

// id reads the hidden 编号 of row r.
func (s *sheet) id(r int, skip bool) (int, bool) {
	v := strings.TrimSpace(s.raw(colID, r))
	if v == "" {
		return 0, skip
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		s.problem(colID, r, forms.FieldID, v, forms.CodeUnknownID, nil,
			"the hidden 编号 %q is not one the system wrote: clear it to add the row as a new one", v)
		return 0, true
	}
	return n, skip
}

func (s *sheet) readMoney(f *forms.Form, head, last int) {
	for col, label := range map[int]string{colInitial: labelInitial, colAdjusted: labelAdjusted, colExecuted: labelExecuted,
		colMoneyW: labelMoneyWeight, colRate: labelRate, colMoneyS: labelMoneyScore} {
		if !s.expect(col, head, label) {
			return
		}
	}
	lines := forms.Lines[f.Kind]
	for i, l := range lines {
		r := head + 1 + i
		if r > last {
			s.expect(2, r, l.Label())
			return
		}
		if l == forms.LineTotal {
			if !s.expect(2, r, l.Label()) {
				return
			}
		} else if !s.expect(2, r, l.Group()) || !s.expect(3, r, l.Label()) {
			return
		}
		m := forms.MoneyRow{Line: l, Row: r, Cells: forms.Cells{}}
		for _, c := range []struct {
			col   int
			field string
			dst   **fixed.Decimal
		}{{colInitial, forms.FieldInitialBudget, &m.Initial}, {colAdjusted, forms.FieldAdjustedBudget, &m.Adjusted},
			{colExecuted, forms.FieldExecuted, &m.Executed}} {
			m.Cells[c.field] = cell(c.col, r)
			var ok bool
			if *c.dst, ok = s.number(c.col, r, c.field, false); !ok {
				m.Skip = true
			}
		}
		f.Money = append(f.Money, m)
	}
	// The groups' labels span their lines in column B.
	s.checkMerges(head, head+len(lines), []int{2}, [][2]int{{2, colInitial - 1}, {3, colInitial - 1}, {colMoneyS, lastPrinted}})
}

func (s *sheet) readGoal(f *forms.Form, head, last int) {
	if !s.expect(colGoalExpected, head, labelGoalExpected) || !s.expect(colGoalOutcome, head, labelGoalOutcome) {
		return
	}
	r := head + 1
	if r > last {
		s.expect(colGoalExpected, r, "")
		return
	}
	s.checkMerges(head, last, nil, [][2]int{{colGoalExpected, colGoalOutcome - 1}, {colGoalOutcome, lastPrinted}})
	if !s.formula(colGoalExpected, r, forms.FieldGoal) {
		f.GoalExpected, f.Cells[forms.FieldGoal] = s.text(colGoalExpected, r), cell(colGoalExpected, r)
	}
	if !s.formula(colGoalOutcome, r, forms.FieldGoalOutcome) {
		f.GoalOutcome, f.Cells[forms.FieldGoalOutcome] = s.text(colGoalOutcome, r), cell(colGoalOutcome, r)
	}
}

// readIndicators reads the form's indicator table: its two header rows at head,
// its rows up to last.
func (s *sheet) readIndicators(f *forms.Form, head, last int) {
	cols := map[string]int{}
	for _, c := range tableColumns {
		cols[c.field] = c.col
	}
	ok := true
	for _, c := range []struct {
		col, row int
		label    string
	}{{colLevel1, head, labelLevel1}, {colLevel2, head, labelLevel2}, {colName, head, labelName},
		{colOperator, head, labelTargetGroup}, {colActual, head, labelActual}, {colWeight, head, labelWeight},
		{colScore, head, labelScore}, {colReason, head, labelReason}, {colCriteria, head, labelCriteria},
		{colOperator, head + 1, labelOperator}, {colTarget, head + 1, labelTarget}, {colUnit, head + 1, labelUnit}} {
		ok = s.expect(c.col, c.row, c.label) && ok
	}
	if !ok {
		return
	}
	headSpans := [][2]int{{colOperator, colUnit}}
	s.checkMerges(head, head+1, []int{colLevel1, colLevel2, colName, colActual, colWeight, colScore, colReason, colCriteria}, headSpans)
	f.Indicators = s.rowsOf(head+2, last, cols, false)
}

// tableHeader finds a plain table's header row among the sheet's first rows: one
// naming both 三级指标 (or 指标名称) and 分值 (or 权重). 0 when there is none.
func (s *sheet) tableHeader() int {
	for r := 1; r <= min(30, len(s.rows)); r++ {
		fields := s.headerFields(r)
		if fields[forms.FieldName] > 0 && fields[forms.FieldWeight] > 0 {
			return r
		}
	}
	return 0
}

// headerFields maps the fields whose labels row r holds to their columns.
func (s *sheet) headerFields(r int) map[string]int {
	out := map[string]int{}
	for c := 1; r <= len(s.rows) && c <= len(s.rows[r-1]); c++ {
		l := s.label(c, r)
		for _, tc := range tableColumns {
			if _, taken := out[tc.field]; !taken && slices.ContainsFunc(tc.labels, func(x string) bool { return norm(x) == l }) {
				out[tc.field] = c
				break
			}
		}
		if l == norm(labelTargetGroup) {
			out["targetGroup"] = c
		}
	}
	return out
}

// readTable reads a plain indicator table.
func (s *sheet) readTable() (*forms.Form, []forms.Problem) {
	head := s.tableHeader()
	cols := s.headerFields(head)
	first := head + 1
	// 年度指标值 over 指标性质 / 指标值 / 度量单位 in a second header row, as the forms have it.
	if sub := s.headerFields(head + 1); sub[forms.FieldOperator] > 0 || sub[forms.FieldUnit] > 0 {
		for k, v := range sub {
			cols[k] = v
		}
		first = head + 2
	}
	combined := 0 // 年度指标值 in one cell, "≥80人次"
	if g := cols["targetGroup"]; g > 0 && cols[forms.FieldOperator] == 0 {
		combined, cols[forms.FieldTarget] = g, g
	}
	delete(cols, "targetGroup")
	last := len(s.rows)
	for r := first; r <= len(s.rows); r++ {
		if l := s.label(firstFilled(s, r), r); l == "总分" || l == "合计" || l == "总计" {
			last = r - 1
			break
		}
	}
	f := &forms.Form{Kind: forms.IndicatorTable, Sheet: s.name, Cells: forms.Cells{}}
	f.Indicators = s.rowsOf(first, last, cols, combined > 0)
	if layoutChanged(s.problems) {
		return nil, s.problems
	}
	return f, s.problems
}

func firstFilled(s *sheet, r int) int {
	for c := 1; r <= len(s.rows) && c <= len(s.rows[r-1]); c++ {
		if strings.TrimSpace(s.raw(c, r)) != "" {
			return c
		}
	}
	return 1
}

// rowsOf reads indicator rows first to last, with the fields in cols (absent
// fields have no column). An empty level cell takes the level above, as a merged
// one does: departments leave them blank under the first. combined: 年度指标值
// is one cell ("≥80人次") rather than three.
func (s *sheet) rowsOf(first, last int, cols map[string]int, combined bool) []forms.Indicator {
	if last-first+1 > MaxIndicators*2 {
		s.problems = append(s.problems, forms.NewProblem(s.name, "", "", "", forms.CodeTooManyRows,
			[]string{"max", strconv.Itoa(MaxIndicators)}, "the table has more than %d rows", MaxIndicators))
		return nil
	}
	var levelCols []int
	for _, f := range []string{forms.FieldLevel1, forms.FieldLevel2} {
		if c := cols[f]; c > 0 {
			levelCols = append(levelCols, c)
		}
	}
	var spans [][2]int
	s.checkMerges(first, last, levelCols, spans)
	var out []forms.Indicator
	level1, level2 := "", ""
	for r := first; r <= last; r++ {
		if !s.filled(r, cols) {
			continue
		}
		if len(out) == MaxIndicators {
			s.problems = append(s.problems, forms.NewProblem(s.name, cell(cols[forms.FieldName], r), "", "", forms.CodeTooManyRows,
				[]string{"max", strconv.Itoa(MaxIndicators)}, "the table has more than %d indicators", MaxIndicators))
			return nil
		}
		ind := s.indicatorRow(r, cols, combined, &level1, &level2)
		if ind != nil {
			out = append(out, *ind)
		}
	}
	return out
}

// filled reports whether any of the row's table cells holds something.
func (s *sheet) filled(r int, cols map[string]int) bool {
	for f, c := range cols {
		// A level cell filled only by its merged range above does not make a row.
		if _, merged := s.mergeAt[[2]int{c, r}]; merged && (f == forms.FieldLevel1 || f == forms.FieldLevel2) {
			continue
		}
		if c > 0 && strings.TrimSpace(s.raw(c, r)) != "" {
			return true
		}
	}
	return false
}

// indicatorRow reads one row; nil for a heading or subtotal row (no name, no
// figures).
func (s *sheet) indicatorRow(r int, cols map[string]int, combined bool, level1, level2 *string) *forms.Indicator {
	ind := &forms.Indicator{Row: r, Cells: forms.Cells{}}
	for f, c := range cols {
		if c > 0 {
			ind.Cells[f] = cell(c, r)
			// Every cell of the table, a computed 得分 too: the forms hold values.
			ind.Skip = s.formula(c, r, f) || ind.Skip
		}
	}
	get := func(field string) string {
		if c := cols[field]; c > 0 {
			return strings.TrimSpace(s.raw(c, r))
		}
		return ""
	}
	ind.Name = strings.TrimSpace(get(forms.FieldName))
	op, target, actual := get(forms.FieldOperator), get(forms.FieldTarget), get(forms.FieldActual)
	if ind.Name == "" && op == "" && target == "" && actual == "" {
		return nil
	}
	// Levels: the cell, else the level above (a blank under a group's first row).
	l1, l2 := get(forms.FieldLevel1), get(forms.FieldLevel2)
	if l1 == "" {
		l1 = *level1
	} else if l1 != *level1 && l2 == "" {
		*level2 = "" // a new level-1 group starts its own level-2 groups
	}
	if l2 == "" {
		l2 = *level2
	}
	*level1, *level2 = l1, l2
	ind.Level1, ind.Level2 = l1, l2
	for _, req := range []struct{ field, value, what string }{
		{forms.FieldLevel1, l1, labelLevel1}, {forms.FieldLevel2, l2, labelLevel2}, {forms.FieldName, ind.Name, labelName},
	} {
		if req.value == "" {
			s.required(r, cols, req.field, req.what)
			ind.Skip = true
		}
	}
	id := 0
	if cols[forms.FieldID] > 0 {
		id, ind.Skip = s.id(r, ind.Skip)
	}
	ind.ID = id
	if combined {
		text := target
		op, target, ind.Unit = splitTarget(text)
		switch {
		case op != "":
		case target != "":
			op = "≥" // a bare number: to be reached at least
		case text != "":
			op, ind.Unit = qualitativeWord, "" // 年度指标值 "达成", "规范": a qualitative indicator
		}
	} else {
		ind.Unit = get(forms.FieldUnit)
	}
	switch {
	case op == "":
		s.required(r, cols, forms.FieldOperator, labelOperator)
		ind.Skip = true
	case norm(op) == qualitativeWord:
		ind.Kind = forms.KindQualitative
	default:
		o, ok := operatorWords[normOperator(op)]
		if !ok {
			s.problem(cols[forms.FieldOperator], r, forms.FieldOperator, op, forms.CodeUnknownOperator,
				[]string{"allowed", strings.Join(operatorList, " ")},
				"指标性质 %q is not one of %s", op, strings.Join(operatorList, " "))
			ind.Skip = true
		}
		ind.Kind, ind.Operator = forms.KindQuantitative, o
	}
	var ok bool
	if ind.Qualitative() {
		if actual != "" {
			if ind.Rating, ok = ratingWords[norm(actual)]; !ok {
				s.problem(cols[forms.FieldActual], r, forms.FieldRating, actual, forms.CodeUnknownRating,
					[]string{"allowed", strings.Join(ratingList, " ")},
					"the rating %q is not one of %s", actual, strings.Join(ratingList, "、"))
				ind.Skip = true
			}
		}
		ind.RatedScore, ok = s.numberIn(cols, r, forms.FieldScore, false, "")
		ind.Skip = !ok || ind.Skip
	} else {
		if combined {
			ind.Target, ok = s.parsed(cols, r, forms.FieldTarget, target, true)
		} else {
			ind.Target, ok = s.numberIn(cols, r, forms.FieldTarget, true, labelTarget)
		}
		ind.Skip = !ok || ind.Skip
		ind.Actual, ok = s.numberIn(cols, r, forms.FieldActual, false, "")
		ind.Skip = !ok || ind.Skip
	}
	// The cells of the fields read from another field's column: what Diff compares.
	for field, from := range map[string]string{forms.FieldKind: forms.FieldOperator, forms.FieldRating: forms.FieldActual,
		forms.FieldRatedScore: forms.FieldScore} {
		if c, ok := ind.Cells[from]; ok {
			ind.Cells[field] = c
		}
	}
	if combined {
		ind.Cells[forms.FieldOperator], ind.Cells[forms.FieldKind], ind.Cells[forms.FieldUnit] =
			ind.Cells[forms.FieldTarget], ind.Cells[forms.FieldTarget], ind.Cells[forms.FieldTarget]
	}
	ind.Weight, ok = s.numberIn(cols, r, forms.FieldWeight, true, labelWeight)
	ind.Skip = !ok || ind.Skip
	if c := cols[forms.FieldDeviationReason]; c > 0 {
		ind.DeviationReason = s.text(c, r)
	}
	if c := cols[forms.FieldScoringCriteria]; c > 0 {
		ind.ScoringCriteria = s.text(c, r)
	}
	return ind
}

func (s *sheet) required(r int, cols map[string]int, field, what string) {
	c := cols[field]
	if c == 0 {
		c = cols[forms.FieldName]
	}
	s.problem(c, r, field, "", forms.CodeRequired, []string{"column", what}, "%s is required", what)
}

// normOperator turns full-width signs into the usual ones and drops spaces.
func normOperator(s string) string {
	return strings.NewReplacer("＞", ">", "＜", "<", "＝", "=", " ", "", "　", "").Replace(strings.TrimSpace(s))
}

var combinedRe = regexp.MustCompile(`^\s*(≥|>=|＞＝|≧|>|＞|=|＝|≤|<=|＜＝|≦|<|＜|大于等于|小于等于|不低于|不少于|不高于|不超过|不多于|大于|小于|高于|低于|等于)?\s*([-+]?[0-9０-９][0-9０-９,，.．]*)?\s*(.*?)\s*$`)

// splitTarget splits a 年度指标值 written in one cell, "≥80人次" or "100%", into its
// operator, number and unit (each "" when absent).
func splitTarget(s string) (op, number, unit string) {
	m := combinedRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", s
	}
	return m[1], m[2], m[3]
}

// numberIn reads the number of field's cell in row r.
func (s *sheet) numberIn(cols map[string]int, r int, field string, required bool, what string) (*fixed.Decimal, bool) {
	c := cols[field]
	if c == 0 {
		if required {
			s.required(r, cols, field, what)
			return nil, false
		}
		return nil, true
	}
	d, ok := s.number(c, r, field, required)
	if ok && d == nil && required {
		s.problem(c, r, field, "", forms.CodeRequired, []string{"column", what}, "%s is required", what)
		return nil, false
	}
	return d, ok
}

// parsed reads a number written in the text of field's cell.
func (s *sheet) parsed(cols map[string]int, r int, field, text string, required bool) (*fixed.Decimal, bool) {
	c := cols[field]
	if text == "" {
		if required {
			s.required(r, cols, field, labelTargetGroup)
			return nil, false
		}
		return nil, true
	}
	d, ok := s.decimal(c, r, field, text, false)
	return d, ok
}

// number reads the cell at (col, row) as a decimal: nil when empty; ok false
// (with the problem reported) when it is no number.
func (s *sheet) number(col, row int, field string, required bool) (*fixed.Decimal, bool) {
	text := strings.TrimSpace(s.raw(col, row))
	if text == "" {
		return nil, true
	}
	m := s.cells[cell(col, row)]
	numeric := m.typ == "" || m.typ == "n"
	d, ok := s.decimal(col, row, field, text, numeric)
	if ok && numeric && s.isPercent(m.style) {
		v := fixed.Round(d.Decimal().Shift(2))
		d = &v
	}
	return d, ok
}

// decimal parses text. A number cell holds a binary double, which Excel may
// write with 17 digits (99.629999999999995): it is read as the shortest decimal
// that is the same double (99.63), as Excel shows it. A text cell is read
// exactly, full-width digits, thousands separators and a trailing % allowed.
func (s *sheet) decimal(col, row int, field, text string, numeric bool) (*fixed.Decimal, bool) {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == ',' || r == '，' || r == ' ' || r == '　':
			return -1
		}
		return r
	}, text)
	clean = strings.TrimSuffix(strings.TrimSuffix(clean, "%"), "％")
	v, err := decimal.NewFromString(clean)
	if err != nil {
		s.problem(col, row, field, text, forms.CodeNotANumber, []string{"column", columnLabel(field)},
			"%s %q is not a number", columnLabel(field), text)
		return nil, false
	}
	if numeric {
		if f, err := strconv.ParseFloat(clean, 64); err == nil {
			v, _ = decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64))
		}
	}
	d, err := fixed.FromDecimal(v)
	if err != nil {
		if !v.Equal(v.Round(fixed.Places)) {
			s.problem(col, row, field, text, forms.CodeTooManyPlaces, []string{"column", columnLabel(field), "places", strconv.Itoa(fixed.Places)},
				"%s %q has more than %d decimal places", columnLabel(field), text, fixed.Places)
		} else {
			s.problem(col, row, field, text, forms.CodeNotANumber, []string{"column", columnLabel(field)},
				"%s %q is too large", columnLabel(field), text)
		}
		return nil, false
	}
	return &d, true
}

// columnLabel is the form's label of field's column, for messages.
func columnLabel(field string) string {
	switch field {
	case forms.FieldInitialBudget:
		return labelInitial
	case forms.FieldAdjustedBudget:
		return labelAdjusted
	case forms.FieldExecuted:
		return labelExecuted
	case forms.FieldRatedScore:
		return labelScore
	}
	for _, c := range tableColumns {
		if c.field == field {
			return c.labels[0]
		}
	}
	return field
}

var quotedRe = regexp.MustCompile(`"[^"]*"|\\.`)

// isPercent reports whether style formats numbers as percentages.
func (s *sheet) isPercent(style int) bool {
	if style == 0 {
		return false
	}
	if p, ok := s.percent[style]; ok {
		return p
	}
	p := false
	if st, err := s.b.x.GetStyle(style); err == nil && st != nil {
		switch {
		case st.NumFmt == 9 || st.NumFmt == 10:
			p = true
		case st.CustomNumFmt != nil:
			// A % outside quotes scales the value; "0.00\"%\"" only prints the sign.
			p = strings.Contains(quotedRe.ReplaceAllString(*st.CustomNumFmt, ""), "%")
		}
	}
	s.percent[style] = p
	return p
}
