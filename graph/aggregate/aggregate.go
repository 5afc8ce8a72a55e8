// Package aggregate builds the analysts' aggregates: one SQL statement on an ent
// query (so that its privacy read filter and the caller's `where` apply) that
// groups the rows by the leaf keys and returns per group a count and, per
// measure, the count of values, an exact sum, the minimum and the maximum. Go
// then rolls departments up to the depth asked for, computes averages as exact
// sum / count, orders and limits the groups.
//
// Sums are exact whatever the store: each kept column is int64 millionths, and
// the statement sums its whole units (c / 1000000) and its remainders
// (c % 1000000) separately, so neither sum can overflow a 64-bit integer, and
// PostgreSQL's NUMERIC sums are read as decimal text, never as floats.
package aggregate

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/platform/inputerr"
)

// Entity is what an aggregate reads.
type Entity int

const (
	Evaluations Entity = iota
	Indicators
	DepartmentYears
)

// Dimension names a key field (the GraphQL enum values).
type Dimension string

const (
	Year              Dimension = "YEAR"
	Department        Dimension = "DEPARTMENT"
	Level1            Dimension = "LEVEL1"
	Level2            Dimension = "LEVEL2"
	Kind              Dimension = "KIND"
	Operator          Dimension = "OPERATOR"
	Grade             Dimension = "GRADE"
	Status            Dimension = "STATUS"
	EvaluationKind    Dimension = "EVALUATION_KIND"
	DeviationRequired Dimension = "DEVIATION_REQUIRED"
)

// dims lists every dimension in the order of Key's fields.
var dims = []Dimension{Year, Department, Level1, Level2, Kind, Operator, Grade, Status, EvaluationKind, DeviationRequired}

// Measure is a column a statistic is taken of.
type Measure struct {
	Name   string // the GraphQL enum value, e.g. SCORE
	Column string
	Places int32 // of the average
	Rate   bool  // a rate has no meaningful sum
}

// measures are each entity's measures, by name.
var measures = map[Entity][]Measure{
	Evaluations: {
		{"SCORE", "score", 2, false}, {"EXECUTION_RATE", "execution_rate", 2, true},
		{"EXECUTION_SCORE", "execution_score", 2, false},
	},
	Indicators: {
		{"SCORE", "score", 2, false}, {"ATTAINMENT", "attainment", 4, false},
		{"COMPLETION_RATE", "completion_rate", 2, true}, {"WEIGHT", "weight", 2, false},
	},
	DepartmentYears: {
		{"PERSONNEL_BUDGET", "personnel_budget", 2, false}, {"PERSONNEL_ACTUAL", "personnel_actual", 2, false},
		{"PUBLIC_BUDGET", "public_budget", 2, false}, {"PUBLIC_ACTUAL", "public_actual", 2, false},
		{"PROJECT_BUDGET", "project_budget", 2, false}, {"PROJECT_ACTUAL", "project_actual", 2, false},
		{"BASIC_BUDGET", "basic_budget", 2, false}, {"BASIC_ACTUAL", "basic_actual", 2, false},
		{"TOTAL_BUDGET", "total_budget", 2, false}, {"TOTAL_ACTUAL", "total_actual", 2, false},
		{"CARRYOVER_START", "carryover_start", 2, false}, {"CARRYOVER_END", "carryover_end", 2, false},
		{"THREE_PUBLIC_BUDGET", "three_public_budget", 2, false}, {"THREE_PUBLIC_ACTUAL", "three_public_actual", 2, false},
		{"ASSETS_IN_USE", "assets_in_use", 2, false}, {"ASSETS_TOTAL", "assets_total", 2, false},
		{"EXECUTION_RATE", "execution_rate", 2, true}, {"CARRYOVER_RATE", "carryover_rate", 2, true},
		{"BASIC_INITIAL_BUDGET", "basic_initial_budget", 2, false}, {"PROJECT_INITIAL_BUDGET", "project_initial_budget", 2, false},
	},
}

// allowed are each entity's dimensions.
var allowed = map[Entity][]Dimension{
	Evaluations:     {Year, Department, Grade, Status, EvaluationKind},
	Indicators:      {Year, Department, Level1, Level2, Kind, Operator, DeviationRequired, EvaluationKind},
	DepartmentYears: {Year, Department},
}

// MeasureOf returns entity's measure called name.
func MeasureOf(e Entity, name string) (Measure, bool) {
	for _, m := range measures[e] {
		if m.Name == name {
			return m, true
		}
	}
	return Measure{}, false
}

// Spec is one aggregate request, checked by Check.
type Spec struct {
	Entity   Entity
	GroupBy  []Dimension
	Measures []Measure
	// Depth rolls departments up to their ancestor at this depth (1 = roots); 0 keeps them.
	Depth int
	// Years, when set, keeps only rows of these years (year on year).
	Years []int
	// VisibleYear is the department-year read rule of the caller (nil: every row),
	// applied to the department-years joined for YEAR and DEPARTMENT: the root
	// query's own rule does not reach a joined table.
	VisibleYear func(*entsql.Selector)
}

func (sp *Spec) has(d Dimension) bool { return slices.Contains(sp.GroupBy, d) }

// invalid is a refused argument: the GraphQL layer reports it as BAD_USER_INPUT naming field.
func invalid(field, format string, args ...any) *inputerr.Error {
	return inputerr.New(field, format, args...)
}

// Check refuses a spec the entity cannot answer.
func Check(sp *Spec) error {
	seen := map[Dimension]bool{}
	for _, d := range sp.GroupBy {
		if !slices.Contains(allowed[sp.Entity], d) {
			return invalid("groupBy", "%s is not a dimension of this aggregate", d)
		}
		if seen[d] {
			return invalid("groupBy", "%s is given twice", d)
		}
		seen[d] = true
	}
	names := map[string]bool{}
	for _, m := range sp.Measures {
		if names[m.Name] {
			return invalid("measures", "%s is given twice", m.Name)
		}
		names[m.Name] = true
	}
	if sp.Depth != 0 {
		if sp.Depth < 1 {
			return invalid("departmentDepth", "must be at least 1 (the roots of the tree), got %d", sp.Depth)
		}
		if !seen[Department] {
			return invalid("departmentDepth", "needs DEPARTMENT in groupBy")
		}
	}
	return nil
}

// columns of the statement, by alias.
const (
	cYear     = "k_year"
	cDeptID   = "k_dept_id"
	cDeptCode = "k_dept_code"
	cDeptName = "k_dept_name"
	cDeptPath = "k_dept_path"
	cCount    = "n"
)

var keyAlias = map[Dimension]string{
	Level1: "k_level1", Level2: "k_level2", Kind: "k_kind", Operator: "k_operator", Grade: "k_grade",
	Status: "k_status", EvaluationKind: "k_evkind", DeviationRequired: "k_devreq",
}

// Query is the statement of one spec: Modifier shapes the ent query, Target is
// what ent's Scan scans into, Read converts what it scanned.
type Query struct{ spec *Spec }

// Build returns the statement of sp (checked by Check).
func Build(sp *Spec) *Query { return &Query{spec: sp} }

// item is one selected column.
type item struct {
	expr, alias string
	grouped     bool
}

// The aliases of the joined department-year and department.
const (
	yearAlias = "ay"
	deptAlias = "ad"
)

// items are the selected columns; s is the root selector (its C names the entity's columns).
func (q *Query) items(s *entsql.Selector) []item {
	sp := q.spec
	d := entsql.Dialect(s.Dialect())
	var out []item
	key := func(expr, alias string) { out = append(out, item{"(" + expr + ")", alias, true}) }
	yearCol, _ := q.yearColumns(s)
	if sp.has(Year) || len(sp.Years) > 0 {
		key(yearCol, cYear)
	}
	if sp.has(Department) {
		dep := d.Table("departments").As(deptAlias)
		key(dep.C("id"), cDeptID)
		key(dep.C("code"), cDeptCode)
		key(dep.C("name"), cDeptName)
		key(dep.C("path"), cDeptPath)
	}
	for _, dim := range sp.GroupBy {
		switch dim {
		case Level1, Level2, Kind, Operator, Grade, Status:
			key(s.C(strings.ToLower(string(dim))), keyAlias[dim])
		case DeviationRequired:
			key(s.C("deviation_required"), keyAlias[dim])
		case EvaluationKind:
			key("CASE WHEN "+s.C("project_id")+" IS NULL THEN 'OVERALL' ELSE 'PROJECT' END", keyAlias[dim])
		}
	}
	out = append(out, item{"COUNT(*)", cCount, false})
	for i, m := range sp.sqlMeasures() {
		c := s.C(m.Column)
		out = append(out,
			item{"COUNT(" + c + ")", fmt.Sprintf("m%d_n", i), false},
			item{"SUM(" + c + " / 1000000)", fmt.Sprintf("m%d_si", i), false},
			item{"SUM(" + c + " % 1000000)", fmt.Sprintf("m%d_sf", i), false},
			item{"MIN(" + c + ")", fmt.Sprintf("m%d_lo", i), false},
			item{"MAX(" + c + ")", fmt.Sprintf("m%d_hi", i), false})
	}
	return out
}

// yearColumns are the year and the department id of a row, in the root table
// (department-years) or in the joined department-year.
func (q *Query) yearColumns(s *entsql.Selector) (year, department string) {
	if q.spec.Entity == DepartmentYears {
		return s.C("year"), s.C("department_id")
	}
	y := entsql.Dialect(s.Dialect()).Table("department_years").As(yearAlias)
	return y.C("year"), y.C("department_id")
}

// Modifier joins what the keys need, selects the keys and the statistics, and
// groups by the keys. Give it to the ent query's Modify.
func (q *Query) Modifier(s *entsql.Selector) {
	sp := q.spec
	d := entsql.Dialect(s.Dialect())
	yearCol, deptOf := q.yearColumns(s)
	if sp.Entity != DepartmentYears && (sp.has(Year) || sp.has(Department) || len(sp.Years) > 0) {
		y := d.Table("department_years").As(yearAlias)
		if sp.VisibleYear != nil {
			// Only the department-years the caller may read: another's year of a
			// row the caller sees is unknown to them (null), as the API answers it.
			t := d.Table("department_years")
			sub := d.Select(t.C("id"), t.C("year"), t.C("department_id")).From(t)
			sp.VisibleYear(sub)
			s.LeftJoin(sub.As(yearAlias)).On(s.C("department_year_id"), y.C("id"))
		} else {
			s.Join(y).On(s.C("department_year_id"), y.C("id"))
		}
	}
	if sp.has(Department) {
		dep := d.Table("departments").As(deptAlias)
		s.LeftJoin(dep).On(deptOf, dep.C("id"))
	}
	if len(sp.Years) > 0 {
		args := make([]any, len(sp.Years))
		for i, y := range sp.Years {
			args[i] = y
		}
		s.Where(entsql.In(yearCol, args...))
	}
	s.SetDistinct(false)
	s.Select()
	var group []string
	for _, it := range q.items(s) {
		s.AppendSelectExprAs(entsql.Expr(it.expr), it.alias)
		if it.grouped {
			group = append(group, it.expr)
		}
	}
	if len(group) > 0 {
		s.GroupBy(group...)
	}
}

// columns are the aliases of the selected columns, in order.
func (q *Query) columns() []string {
	s := entsql.Dialect("sqlite3").Select().From(entsql.Table("t"))
	var out []string
	for _, it := range q.items(s) {
		out = append(out, it.alias)
	}
	return out
}

// pooled are the measures department-year groups always sum, for their pooled rates.
var pooled = []string{"TOTAL_BUDGET", "TOTAL_ACTUAL", "CARRYOVER_END"}

// sqlMeasures are the measures asked for, then (department-years) those the pooled
// rates need.
func (sp *Spec) sqlMeasures() []Measure {
	out := slices.Clone(sp.Measures)
	if sp.Entity != DepartmentYears {
		return out
	}
	for _, name := range pooled {
		if !slices.ContainsFunc(out, func(m Measure) bool { return m.Name == name }) {
			m, _ := MeasureOf(DepartmentYears, name)
			out = append(out, m)
		}
	}
	return out
}

// Target is a pointer to an empty slice of structs, one field of type any per
// selected column, for ent's Scan.
func (q *Query) Target() any {
	cols := q.columns()
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		fields[i] = reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: reflect.TypeFor[any](), Tag: reflect.StructTag(`sql:"` + c + `"`)}
	}
	return reflect.New(reflect.SliceOf(reflect.StructOf(fields))).Interface()
}

// Row is one group of the statement, before the rollup.
type Row struct {
	Key   Key
	Path  string // the department's path, when grouped by department
	Count int64
	Stats []Acc // one per sqlMeasures
}

// Key is a group's key: the dimensions asked for are set, a missing value is nil.
type Key struct {
	Year       *int
	Department *Dept
	Values     map[Dimension]*string // the string-valued dimensions (enums, levels); DeviationRequired as "true"/"false"
}

// Dept is a department as a key.
type Dept struct {
	ID         int
	Code, Name string
	Depth      int
}

// Acc accumulates one measure of one group.
type Acc struct {
	N        int64           // values (non-null)
	Units    decimal.Decimal // the sum of the values' whole units
	Frac     decimal.Decimal // the sum of their remainders, in millionths
	Min, Max *int64          // millionths
}

// Sum is the exact sum of the values.
func (a *Acc) Sum() decimal.Decimal { return a.Units.Add(a.Frac.Shift(-fixed.Places)) }

// merge adds b into a.
func (a *Acc) merge(b Acc) {
	a.N += b.N
	a.Units = a.Units.Add(b.Units)
	a.Frac = a.Frac.Add(b.Frac)
	a.Min = pick(a.Min, b.Min, func(x, y int64) bool { return y < x })
	a.Max = pick(a.Max, b.Max, func(x, y int64) bool { return y > x })
}

func pick(a, b *int64, better func(x, y int64) bool) *int64 {
	switch {
	case b == nil:
		return a
	case a == nil || better(*a, *b):
		v := *b
		return &v
	}
	return a
}

// Read converts what ent scanned into Target.
func (q *Query) Read(v any) ([]Row, error) {
	sv := reflect.ValueOf(v).Elem()
	sp := q.spec
	cols := q.columns()
	nm := len(sp.sqlMeasures())
	out := make([]Row, 0, sv.Len())
	for i := range sv.Len() {
		st := sv.Index(i)
		col := map[string]any{}
		for j, c := range cols {
			col[c] = st.Field(j).Interface()
		}
		row := Row{Key: Key{Values: map[Dimension]*string{}}, Stats: make([]Acc, nm)}
		var err error
		if sp.has(Year) || len(sp.Years) > 0 {
			if n, ok, e := toInt64(col[cYear]); e != nil {
				err = e
			} else if ok {
				y := int(n)
				row.Key.Year = &y
			}
		}
		if sp.has(Department) {
			if n, ok, e := toInt64(col[cDeptID]); e != nil {
				err = e
			} else if ok {
				row.Path = toString(col[cDeptPath])
				row.Key.Department = &Dept{ID: int(n), Code: toString(col[cDeptCode]), Name: toString(col[cDeptName]),
					Depth: strings.Count(row.Path, "/")}
			}
		}
		for _, dim := range sp.GroupBy {
			a, ok := keyAlias[dim]
			if !ok {
				continue
			}
			if v := col[a]; v != nil {
				s := toString(v)
				if dim == DeviationRequired {
					b, e := toBool(v)
					if e != nil {
						err = e
					}
					s = strconv.FormatBool(b)
				}
				row.Key.Values[dim] = &s
			} else {
				row.Key.Values[dim] = nil
			}
		}
		n, _, e := toInt64(col[cCount])
		if e != nil {
			err = e
		}
		row.Count = n
		for m := range nm {
			acc := &row.Stats[m]
			if acc.N, _, e = toInt64(col[fmt.Sprintf("m%d_n", m)]); e != nil {
				err = e
			}
			if acc.Units, e = toDecimal(col[fmt.Sprintf("m%d_si", m)]); e != nil {
				err = e
			}
			if acc.Frac, e = toDecimal(col[fmt.Sprintf("m%d_sf", m)]); e != nil {
				err = e
			}
			for _, p := range []struct {
				alias string
				dst   **int64
			}{{fmt.Sprintf("m%d_lo", m), &acc.Min}, {fmt.Sprintf("m%d_hi", m), &acc.Max}} {
				x, ok, e := toInt64(col[p.alias])
				if e != nil {
					err = e
				}
				if ok {
					*p.dst = &x
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("aggregate: reading row %d: %w", i, err)
		}
		out = append(out, row)
	}
	return out, nil
}

func toInt64(v any) (int64, bool, error) {
	switch x := v.(type) {
	case nil:
		return 0, false, nil
	case int64:
		return x, true, nil
	case int32:
		return int64(x), true, nil
	case int:
		return int64(x), true, nil
	case bool:
		if x {
			return 1, true, nil
		}
		return 0, true, nil
	case []byte:
		n, err := strconv.ParseInt(string(x), 10, 64)
		return n, err == nil, err
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil, err
	}
	return 0, false, fmt.Errorf("unexpected %T from the store", v)
}

// toDecimal reads an integer sum: int64 (SQLite), NUMERIC text (PostgreSQL), or nil (no values).
func toDecimal(v any) (decimal.Decimal, error) {
	switch x := v.(type) {
	case nil:
		return decimal.Zero, nil
	case int64:
		return decimal.NewFromInt(x), nil
	case []byte:
		return decimal.NewFromString(string(x))
	case string:
		return decimal.NewFromString(x)
	}
	return decimal.Zero, fmt.Errorf("unexpected %T sum from the store", v)
}

func toBool(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		return x != 0, nil
	case []byte, string:
		return strconv.ParseBool(toString(x))
	}
	return false, fmt.Errorf("unexpected %T boolean from the store", v)
}

func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// chain is the ids from the root down to the department (path "/1/5/", id 9: 1 5 9).
func chain(path string, id int) []int {
	var out []int
	for _, p := range strings.Split(strings.Trim(path, "/"), "/") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return append(out, id)
}

// AncestorAt is the id of the department (id, at path) at depth (1 = its root); a
// department less deep is its own. floor, when not 0, is the top department the
// caller may see: a group never goes above it.
func AncestorAt(path string, id, depth, floor int) (ancestor, atDepth int) {
	c := chain(path, id)
	i := min(depth, len(c)) - 1
	if floor != 0 {
		if f := slices.Index(c, floor); f > i {
			i = f
		}
	}
	return c[i], i + 1
}

// Group is a finished group.
type Group struct {
	Key   Key
	Count int64
	Stats []Acc // one per Spec.sqlMeasures
}

// Rollup merges the rows into groups; with a depth, each department is replaced
// by its ancestor at that depth (see AncestorAt; floor as there), whose code and
// name come later (Dept.Code "" until then).
func Rollup(sp *Spec, rows []Row, floor int) []*Group {
	byKey := map[string]*Group{}
	var order []string
	for _, r := range rows {
		if r.Count == 0 {
			continue // the one row of an ungrouped statement over no rows
		}
		k := r.Key
		if sp.Depth > 0 && k.Department != nil {
			id, depth := AncestorAt(r.Path, k.Department.ID, sp.Depth, floor)
			if id != k.Department.ID {
				k.Department = &Dept{ID: id, Depth: depth}
			}
		}
		s := k.String()
		g, ok := byKey[s]
		if !ok {
			g = &Group{Key: k, Stats: make([]Acc, len(r.Stats))}
			byKey[s] = g
			order = append(order, s)
		}
		if d := g.Key.Department; d != nil && d.Code == "" && k.Department != nil && k.Department.Code != "" {
			g.Key.Department = k.Department // the ancestor's own rows name it
		}
		g.Count += r.Count
		for i := range r.Stats {
			g.Stats[i].merge(r.Stats[i])
		}
	}
	out := make([]*Group, len(order))
	for i, s := range order {
		out[i] = byKey[s]
	}
	return out
}

// String identifies the key (year, department id and the values).
func (k Key) String() string {
	var b strings.Builder
	if k.Year != nil {
		fmt.Fprintf(&b, "y%d", *k.Year)
	}
	b.WriteByte('|')
	if k.Department != nil {
		fmt.Fprintf(&b, "d%d", k.Department.ID)
	}
	for _, d := range dims {
		v, ok := k.Values[d]
		b.WriteByte('|')
		switch {
		case !ok:
		case v == nil:
			b.WriteString("null")
		default:
			b.WriteString(strconv.Quote(*v))
		}
	}
	return b.String()
}

// CompareKeys orders keys in groupBy order: years ascending, departments by
// code then id, values as text; a missing value last.
func CompareKeys(groupBy []Dimension, a, b Key) int {
	for _, d := range groupBy {
		var c int
		switch d {
		case Year:
			c = cmpPtr(a.Year, b.Year, cmp.Compare[int])
		case Department:
			c = cmpPtr(a.Department, b.Department, func(x, y Dept) int {
				return cmp.Or(cmp.Compare(x.Code, y.Code), cmp.Compare(x.ID, y.ID))
			})
		default:
			c = cmpPtr(a.Values[d], b.Values[d], strings.Compare)
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// cmpPtr compares two optional values, nil last.
func cmpPtr[T any](a, b *T, f func(x, y T) int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return f(*a, *b)
}

// Stat is one measure's statistics, as the API writes them.
type Stat struct {
	Count              int64
	Sum, Avg, Min, Max *fixed.Decimal
}

// StatOf finishes an accumulator of measure m.
func StatOf(m Measure, a Acc) Stat {
	st := Stat{Count: a.N}
	if a.N == 0 {
		return st
	}
	sum := a.Sum()
	if !m.Rate {
		if v, err := fixed.FromDecimal(sum); err == nil {
			st.Sum = &v
		}
	}
	if v, ok := fixed.RoundOK(sum.DivRound(decimal.NewFromInt(a.N), m.Places)); ok {
		st.Avg = &v
	}
	if a.Min != nil {
		v := fixed.Decimal(*a.Min)
		st.Min = &v
	}
	if a.Max != nil {
		v := fixed.Decimal(*a.Max)
		st.Max = &v
	}
	return st
}

// StatName names a statistic an order compares.
type StatName string

const (
	StatCount StatName = "COUNT"
	StatSum   StatName = "SUM"
	StatAvg   StatName = "AVG"
	StatMin   StatName = "MIN"
	StatMax   StatName = "MAX"
)

// Value is the statistic of st named n; nil when it has none.
func (st Stat) Value(n StatName) *decimal.Decimal {
	var d *fixed.Decimal
	switch n {
	case StatCount:
		v := decimal.NewFromInt(st.Count)
		return &v
	case StatSum:
		d = st.Sum
	case StatAvg:
		d = st.Avg
	case StatMin:
		d = st.Min
	case StatMax:
		d = st.Max
	}
	if d == nil {
		return nil
	}
	v := d.Decimal()
	return &v
}

// CompareValues orders two optional decimals ascending (desc reverses), nil last either way.
func CompareValues(a, b *decimal.Decimal, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	c := a.Cmp(*b)
	if desc {
		c = -c
	}
	return c
}

// Limit is the number of groups: default 100, at most 1000.
func Limit(first *int) (int, error) {
	if first == nil {
		return DefaultGroups, nil
	}
	if *first < 0 || *first > MaxGroups {
		return 0, invalid("first", "must be between 0 and %d, got %d", MaxGroups, *first)
	}
	return *first, nil
}

// Group counts of one answer.
const (
	DefaultGroups = 100
	MaxGroups     = 1000
)
