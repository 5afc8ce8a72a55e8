package forms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"jixiao/domain/fixed"
)

// ChangeKind is what a change does to a row.
type ChangeKind string

const (
	Added   ChangeKind = "ADDED"
	Changed ChangeKind = "CHANGED"
	Removed ChangeKind = "REMOVED"
)

// Entity is the kind of row a change concerns, named as the API names its type.
type Entity string

const (
	EntityIndicator      Entity = "Indicator"
	EntityKeyTask        Entity = "KeyTask"
	EntityProject        Entity = "Project"
	EntityDepartmentYear Entity = "DepartmentYear"
	EntityEvaluation     Entity = "Evaluation"
	// EntityFundingLine is a line of a budget breakdown (其中, 按收入性质分).
	EntityFundingLine Entity = "FundingLine"
)

// FieldChange is one field's value before and after, written as the API writes
// it: decimals as strings ("80.00"), enums by name, an empty optional field nil.
type FieldChange struct {
	Field         string
	Before, After any
}

// Change is what an import does to one row.
type Change struct {
	Kind    ChangeKind
	Entity  Entity
	ID      int // 0 for a row added
	Version int // the version read, which the update names

	// Name is the row's label: an indicator's or task's name, a project's name, the
	// department's for its year and evaluation; Level1 and Level2 an indicator's.
	Name, Level1, Level2 string
	Line                 Line // a funding line's category
	Fields               []FieldChange

	// Where the row is in the workbook (nothing for a row removed): the sheet, the
	// row (1-based) and the cells of its fields.
	Sheet string
	Row   int
	Cells Cells

	// An indicator's score before (nil when added) and, once applied, after.
	ScoreBefore, ScoreAfter *fixed.Decimal

	indicator *Indicator // the imported row of an indicator added or changed
	task      *Task
	money     *MoneyRow // the imported row of a funding line
}

// Field returns the change of field, nil when the change leaves it.
func (c *Change) Field(field string) *FieldChange {
	for i := range c.Fields {
		if c.Fields[i].Field == field {
			return &c.Fields[i]
		}
	}
	return nil
}

// Diff compares an imported form (in) with the current one (cur, built from the
// store) and returns the changes that make the store say what the form says, and
// the problems that forbid them. A form of another kind or subject gives only
// that problem. Computed cells (a quantitative indicator's 得分, the rates, 总分)
// are not read: the system computes them again.
func Diff(cur, in *Form) ([]Change, []Problem) {
	if ps := checkSubject(cur, in); len(ps) > 0 {
		return nil, ps
	}
	d := &differ{cur: cur, in: in}
	if in.Kind != IndicatorTable {
		d.subject = d.subjectChange()
		d.header()
		d.money()
		d.goal()
		d.keep(d.subject)
		if in.Kind == OverallForm {
			d.texts()
			d.tasks()
		}
	}
	d.indicators()
	return d.changes, d.problems
}

type differ struct {
	cur, in  *Form
	subject  *Change // the project's, or the overall form's department-year's
	changes  []Change
	problems []Problem
}

func (d *differ) problem(cells Cells, field, value, code string, params []string, format string, args ...any) {
	d.problems = append(d.problems, problem(d.in.Sheet, cells[field], field, value, code, params, format, args...))
}

// checkSubject refuses a form of another kind, year, project or department.
func checkSubject(cur, in *Form) []Problem {
	if in.Kind == IndicatorTable {
		return nil
	}
	if in.Kind != cur.Kind {
		return []Problem{problem(in.Sheet, in.Cells[FieldYear], "", in.Kind.Title(), CodeWrongForm,
			[]string{"found", string(in.Kind), "expected", string(cur.Kind)},
			"the workbook holds a %s, but this evaluation's form is the %s", in.Kind.Title(), cur.Kind.Title())}
	}
	var ps []Problem
	other := func(field, found, expected string) {
		ps = append(ps, problem(in.Sheet, in.Cells[field], field, found, CodeOtherSubject,
			[]string{"field", field, "found", found, "expected", expected},
			"the form is of %q, not of %q: import it into its own evaluation", found, expected))
	}
	if in.Year != cur.Year {
		other(FieldYear, strconv.Itoa(in.Year), strconv.Itoa(cur.Year))
	}
	switch {
	case cur.Kind == ProjectForm && NormaliseName(in.ProjectName) != NormaliseName(cur.ProjectName):
		other(FieldProjectName, in.ProjectName, cur.ProjectName)
	case cur.Kind == OverallForm && NormaliseName(in.DepartmentName) != NormaliseName(cur.DepartmentName):
		other(FieldDepartmentName, in.DepartmentName, cur.DepartmentName)
	}
	return ps
}

// subjectChange is the change of the form's subject row (the project, or the
// department-year of the overall form), whose cells are the form's own.
func (d *differ) subjectChange() *Change {
	s := d.cur.Subject
	c := &Change{Kind: Changed, Entity: EntityDepartmentYear, ID: s.YearID, Version: s.YearVersion,
		Name: d.cur.DepartmentName, Sheet: d.in.Sheet, Cells: Cells{}}
	if d.cur.Kind == ProjectForm {
		c.Entity, c.ID, c.Version, c.Name = EntityProject, s.ProjectID, s.ProjectVersion, d.cur.ProjectName
	}
	for k, v := range d.in.Cells {
		c.Cells[k] = v
	}
	return c
}

// keep adds c when it changes anything.
func (d *differ) keep(c *Change) {
	if len(c.Fields) > 0 {
		d.changes = append(d.changes, *c)
	}
}

// header: the project's 主管部门 and 实施单位.
func (d *differ) header() {
	if d.cur.Kind != ProjectForm {
		return
	}
	supervising := d.in.SupervisingDepartment
	if NormaliseName(supervising) == "" {
		// An empty 主管部门 is the project's own department, which the form names.
		supervising = d.cur.DepartmentName
	}
	textField(d.subject, FieldSupervisingDepartment, d.cur.SupervisingDepartment, supervising, NormaliseName)
	textField(d.subject, FieldImplementingUnit, d.cur.ImplementingUnit, d.in.ImplementingUnit, NormaliseName)
}

// Fields of the subject row a budget block's cells hold, by form and line: the
// stored figures (a project's budget and executed amount, a year's project
// spending) and their 年初预算数. An empty name: a sum the system derives,
// read-only.
var moneyFields = map[Kind]map[Line][3]string{
	ProjectForm: {LineTotal: {"initialBudget", "budget", "executed"}},
	OverallForm: {
		LineTotal:   {"", "", ""},
		LineBasic:   {"basicInitialBudget", "", ""},
		LineProject: {"projectInitialBudget", "projectBudget", "projectActual"},
	},
}

// money compares the budget block: the subject row's fields, and the breakdown
// lines (其中, 按收入性质分), which are FundingLine rows: a row emptied removes its
// line, a row filled in adds one.
func (d *differ) money() {
	for _, l := range Lines[d.cur.Kind] {
		cur, in := d.cur.Line(l), d.in.Line(l)
		if cur == nil || in == nil || in.Skip {
			continue
		}
		cols := [3]string{FieldInitialBudget, FieldAdjustedBudget, FieldExecuted}
		olds := [3]*fixed.Decimal{cur.Initial, cur.Adjusted, cur.Executed}
		news := [3]*fixed.Decimal{in.Initial, in.Adjusted, in.Executed}
		fields, onSubject := moneyFields[d.cur.Kind][l]
		if !onSubject {
			line := &Change{Kind: Changed, Entity: EntityFundingLine, ID: cur.ID, Name: l.Label(), Line: l,
				Sheet: d.in.Sheet, Row: in.Row, Cells: in.Cells, money: in}
			switch {
			case cur.empty():
				line.Kind = Added
			case in.empty():
				line.Kind = Removed
			}
			for i, col := range cols {
				decimalField(line, col, olds[i], news[i])
			}
			d.keep(line)
			continue
		}
		for i, field := range fields {
			if sameDecimal(olds[i], news[i]) {
				continue
			}
			if field == "" {
				d.problem(in.Cells, cols[i], decText(news[i]), CodeReadOnly, []string{"line", string(l)},
					"%s is a sum of the year's figures: change them on the department-year's page", l.Label())
				continue
			}
			decimalField(d.subject, field, olds[i], news[i])
			if cell, ok := in.Cells[cols[i]]; ok {
				d.subject.Cells[field] = cell
			}
		}
	}
}

func (d *differ) goal() {
	textField(d.subject, FieldGoal, d.cur.GoalExpected, d.in.GoalExpected, nil)
	textField(d.subject, FieldGoalOutcome, d.cur.GoalOutcome, d.in.GoalOutcome, nil)
}

func (d *differ) texts() {
	s := d.cur.Subject
	c := &Change{Kind: Changed, Entity: EntityEvaluation, ID: s.EvaluationID, Version: s.EvaluationVersion,
		Name: d.cur.DepartmentName, Sheet: d.in.Sheet, Cells: d.in.Cells}
	textField(c, FieldConclusion, d.cur.Conclusion, d.in.Conclusion, nil)
	textField(c, FieldProblems, d.cur.Problems, d.in.Problems, nil)
	textField(c, FieldImprovements, d.cur.Improvements, d.in.Improvements, nil)
	d.keep(c)
}

// reported marks an imported row that match reported (an unknown or repeated
// 编号, a repeated row): it makes no change.
const reported = -2

// match pairs imported rows with current ones: by the hidden 编号 where the row
// has one, else by key among the rows no 编号 claimed. It returns for each
// imported row the index of its current row (-1: new, or reported), and which
// current rows were claimed.
func match[T any](d *differ, in []T, cur []T, id func(T) int, key func(T) string, cells func(T) Cells, what, keyField string) ([]int, []bool) {
	byID := map[int]int{}
	for i, c := range cur {
		byID[id(c)] = i
	}
	out := make([]int, len(in))
	claimed := make([]bool, len(cur))
	seenID := map[int]int{}
	for i, r := range in {
		out[i] = -1
		n := id(r)
		if n == 0 {
			continue
		}
		if first, twice := seenID[n]; twice {
			d.problem(cells(r), FieldID, strconv.Itoa(n), CodeDuplicateID, []string{"first", cells(in[first])[FieldID]},
				"two rows carry the hidden 编号 %d (the first at %s): a copied row must have its 编号 cleared", n, cells(in[first])[FieldID])
			out[i] = reported
			continue
		}
		seenID[n] = i
		j, ok := byID[n]
		if !ok {
			d.problem(cells(r), FieldID, strconv.Itoa(n), CodeUnknownID, nil,
				"the hidden 编号 %d names no %s of this evaluation: clear it to add the row as a new one", n, what)
			out[i] = reported
			continue
		}
		out[i], claimed[j] = j, true
	}
	byKey := map[string][]int{}
	for j, c := range cur {
		if !claimed[j] {
			byKey[key(c)] = append(byKey[key(c)], j)
		}
	}
	seenKey := map[string]int{}
	for i, r := range in {
		if id(r) != 0 {
			continue
		}
		k := key(r)
		if first, twice := seenKey[k]; twice {
			d.problem(cells(r), keyField, "", CodeDuplicateRow, []string{"first", cells(in[first])[keyField]},
				"the same %s is listed twice (first at %s)", what, cells(in[first])[keyField])
			out[i] = reported
			continue
		}
		seenKey[k] = i
		if js := byKey[k]; len(js) > 0 {
			out[i], claimed[js[0]] = js[0], true
			byKey[k] = js[1:]
		}
	}
	return out, claimed
}

// positions decides the positions of the imported rows: the current ones when the
// rows kept their order and new rows come last (each then after the last), else
// 1, 2, 3… in the workbook's order.
func positions(matched []int, curPos []int) []int {
	out := make([]int, len(matched))
	last, lastPos, renumber := -1, 0, false
	for _, p := range curPos {
		lastPos = max(lastPos, p)
	}
	seenNew := false
	for _, j := range matched {
		switch {
		case j == reported:
		case j < 0:
			seenNew = true
		case j < last || seenNew:
			renumber = true
		default:
			last = j
		}
	}
	for i, j := range matched {
		switch {
		case renumber:
			out[i] = i + 1
		case j >= 0:
			out[i] = curPos[j]
		default:
			lastPos++
			out[i] = lastPos
		}
	}
	return out
}

func (d *differ) tasks() {
	cur, in := d.cur.Tasks, d.in.Tasks
	matched, claimed := match(d, in, cur, func(t Task) int { return t.ID },
		func(t Task) string { return NormaliseName(t.Title) }, func(t Task) Cells { return t.Cells }, "key task", FieldTitle)
	curPos := make([]int, len(cur))
	for i, t := range cur {
		curPos[i] = t.Position
	}
	pos := positions(matched, curPos)
	for i := range in {
		t := &in[i]
		c := Change{Kind: Added, Entity: EntityKeyTask, Name: t.Title, Sheet: d.in.Sheet, Row: t.Row, Cells: t.Cells, task: t}
		var old Task
		if j := matched[i]; j >= 0 {
			old = cur[j]
			c.Kind, c.ID, c.Version = Changed, old.ID, old.Version
		} else if j == reported {
			continue
		}
		if t.Skip {
			continue // its problem is reported; its current row stays as it is
		}
		t.Position = pos[i]
		textField(&c, FieldTitle, old.Title, t.Title, nil)
		textField(&c, FieldContent, old.Content, t.Content, nil)
		textField(&c, FieldOutcome, old.Outcome, t.Outcome, nil)
		if c.Kind == Added || old.Position != t.Position {
			c.Fields = append(c.Fields, FieldChange{FieldPosition, orNil(c.Kind != Added, old.Position), t.Position})
		}
		if c.Kind == Added || len(c.Fields) > 0 {
			d.changes = append(d.changes, c)
		}
	}
	for j, t := range cur {
		if !claimed[j] {
			d.changes = append(d.changes, Change{Kind: Removed, Entity: EntityKeyTask, ID: t.ID, Version: t.Version, Name: t.Title,
				Fields: []FieldChange{{FieldTitle, t.Title, nil}, {FieldContent, t.Content, nil}, {FieldOutcome, t.Outcome, nil}}})
		}
	}
}

func (d *differ) indicators() {
	cur, in := d.cur.Indicators, d.in.Indicators
	matched, claimed := match(d, in, cur, func(i Indicator) int { return i.ID }, Indicator.Key,
		func(i Indicator) Cells { return i.Cells }, "indicator", FieldName)
	curPos := make([]int, len(cur))
	for i, ind := range cur {
		curPos[i] = ind.Position
	}
	pos := positions(matched, curPos)
	for i := range in {
		r := &in[i]
		c := Change{Kind: Added, Entity: EntityIndicator, Name: r.Name, Level1: r.Level1, Level2: r.Level2,
			Sheet: d.in.Sheet, Row: r.Row, Cells: r.Cells, indicator: r}
		old := Indicator{}
		if j := matched[i]; j >= 0 {
			old = cur[j]
			c.Kind, c.ID, c.Version = Changed, old.ID, old.Version
			score := old.Score
			c.ScoreBefore = &score
		} else if j == reported {
			continue
		}
		if r.Skip {
			continue // its problem is reported; its current row stays as it is
		}
		r.Position = pos[i]
		if old.Bound {
			// The actual value is derived: the cell shows it and must not change (a
			// table typed by hand may round it to the 2 places the reports print).
			if _, ok := r.Cells[FieldActual]; ok && !sameDecimal(old.Actual, r.Actual) && !sameRounded(old.Actual, r.Actual) {
				d.problem(r.Cells, FieldActual, decText(r.Actual), CodeDerived, nil,
					"the actual value of %q is computed from the year's figures; change the figures instead", r.Name)
			}
			r.Actual, r.Bound = nil, true
		}
		d.indicatorFields(&c, old, *r)
		if c.Kind == Added || len(c.Fields) > 0 {
			d.changes = append(d.changes, c)
		}
	}
	for j, ind := range cur {
		if claimed[j] {
			continue
		}
		score := ind.Score
		d.changes = append(d.changes, Change{Kind: Removed, Entity: EntityIndicator, ID: ind.ID, Version: ind.Version,
			Name: ind.Name, Level1: ind.Level1, Level2: ind.Level2, ScoreBefore: &score,
			Fields: indicatorValues(ind, false)})
	}
}

// indicatorFields adds to c each field that differs between old and new (every
// field that is set, for a new row).
func (d *differ) indicatorFields(c *Change, old, r Indicator) {
	added := c.Kind == Added
	// A plain table changes only the columns it has: a table without 偏差原因 leaves
	// the reasons as they are. The forms have every column.
	has := func(field string) bool {
		_, ok := r.Cells[field]
		return added || d.in.Kind != IndicatorTable || ok
	}
	text := func(field, old, new string, norm func(string) string) {
		if has(field) {
			textField(c, field, old, new, norm)
		}
	}
	number := func(field string, old, new *fixed.Decimal) {
		if has(field) {
			decimalField(c, field, old, new)
		}
	}
	text(FieldLevel1, old.Level1, r.Level1, NormaliseName)
	text(FieldLevel2, old.Level2, r.Level2, NormaliseName)
	text(FieldName, old.Name, r.Name, nil)
	text(FieldKind, old.Kind, r.Kind, nil)
	text(FieldOperator, old.Operator, r.Operator, nil)
	number(FieldTarget, old.Target, r.Target)
	text(FieldUnit, old.Unit, r.Unit, nil)
	if !r.Bound {
		number(FieldActual, old.Actual, r.Actual)
	}
	text(FieldRating, old.Rating, r.Rating, nil)
	number(FieldRatedScore, old.RatedScore, r.RatedScore)
	number(FieldWeight, old.Weight, r.Weight)
	text(FieldDeviationReason, old.DeviationReason, r.DeviationReason, nil)
	text(FieldScoringCriteria, old.ScoringCriteria, r.ScoringCriteria, nil)
	if added || old.Position != r.Position {
		c.Fields = append(c.Fields, FieldChange{FieldPosition, orNil(!added, old.Position), r.Position})
	}
	if added {
		// An added row lists its values only: nothing was there before.
		c.Fields = slices.DeleteFunc(c.Fields, func(f FieldChange) bool { return f.After == nil || f.After == "" })
	}
}

// indicatorValues are the fields of a row as a removal lists them.
func indicatorValues(ind Indicator, after bool) []FieldChange {
	vals := []FieldChange{
		{FieldLevel1, ind.Level1, nil}, {FieldLevel2, ind.Level2, nil}, {FieldName, ind.Name, nil},
		{FieldKind, ind.Kind, nil}, {FieldOperator, textValue(ind.Operator), nil}, {FieldTarget, decValue(ind.Target), nil},
		{FieldUnit, ind.Unit, nil}, {FieldActual, decValue(ind.Actual), nil}, {FieldRating, textValue(ind.Rating), nil},
		{FieldRatedScore, decValue(ind.RatedScore), nil}, {FieldWeight, decValue(ind.Weight), nil},
		{FieldDeviationReason, ind.DeviationReason, nil}, {FieldScoringCriteria, ind.ScoringCriteria, nil},
	}
	if after {
		for i := range vals {
			vals[i].Before, vals[i].After = nil, vals[i].Before
		}
	}
	return vals
}

// textField adds field to c when old and new differ (after norm, when given).
// Enum-like fields ("" for none) are written as null when empty.
func textField(c *Change, field, old, new string, norm func(string) string) {
	o, n := old, new
	if norm != nil {
		o, n = norm(old), norm(new)
	}
	if o == n {
		return
	}
	switch field {
	case FieldOperator, FieldRating, FieldKind:
		c.Fields = append(c.Fields, FieldChange{field, textValue(o), textValue(n)})
	default:
		before := any(o)
		if c.Kind == Added {
			before = nil
		}
		c.Fields = append(c.Fields, FieldChange{field, before, n})
	}
}

func decimalField(c *Change, field string, old, new *fixed.Decimal) {
	if sameDecimal(old, new) {
		return
	}
	c.Fields = append(c.Fields, FieldChange{field, decValue(old), decValue(new)})
}

// sameRounded reports whether b is a rounded to 2 places (b given with at most 2).
func sameRounded(a, b *fixed.Decimal) bool {
	if a == nil || b == nil {
		return false
	}
	r := fixed.Round(a.Decimal().Round(2))
	return *b == r
}

func sameDecimal(a, b *fixed.Decimal) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// decValue is a decimal as the API writes it: a string, or nil.
func decValue(d *fixed.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}

// decText is a decimal as a problem quotes it.
func decText(d *fixed.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func textValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orNil(ok bool, v int) any {
	if !ok {
		return nil
	}
	return v
}

// Summary is a one-line account of changes, for logs: "3 added, 2 changed, 1 removed".
func Summary(changes []Change) string {
	n := map[ChangeKind]int{}
	for _, c := range changes {
		n[c.Kind]++
	}
	parts := []string{}
	for _, k := range []ChangeKind{Added, Changed, Removed} {
		parts = append(parts, fmt.Sprintf("%d %s", n[k], strings.ToLower(string(k))))
	}
	return strings.Join(parts, ", ")
}
