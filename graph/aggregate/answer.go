package aggregate

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/graph/model"
)

// Order is what groups are ordered by: KEY, COUNT, or a statistic (SUM, AVG,
// MIN, MAX) of Measure; ties by key ascending.
type Order struct {
	Field   string
	Measure string
	Desc    bool
}

// CheckOrder refuses an order the spec cannot give.
func CheckOrder(sp *Spec, o Order) error {
	switch o.Field {
	case "KEY", "COUNT":
		if o.Measure != "" {
			return invalid("orderBy.measure", "%s orders by no measure", o.Field)
		}
		return nil
	}
	if o.Measure == "" {
		return invalid("orderBy.measure", "ordering by %s needs a measure", o.Field)
	}
	i := slices.IndexFunc(sp.Measures, func(m Measure) bool { return m.Name == o.Measure })
	if i < 0 {
		return invalid("orderBy.measure", "%s is not among the measures asked for", o.Measure)
	}
	if o.Field == "SUM" && sp.Measures[i].Rate {
		return invalid("orderBy", "%s is a rate: it has no sum", o.Measure)
	}
	return nil
}

// Departments loads departments by id through the caller's read rules; a hidden
// one is missing from the map.
type Departments func(ids []int) (map[int]Dept, error)

// name fills in the code and name of rolled-up departments (those without a code);
// a department the caller may not read leaves its groups without one.
func name(groups []*Group, load Departments) error {
	var ids []int
	for _, g := range groups {
		if d := g.Key.Department; d != nil && d.Code == "" && !slices.Contains(ids, d.ID) {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := load(ids)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if d := g.Key.Department; d != nil && d.Code == "" {
			if f, ok := found[d.ID]; ok {
				g.Key.Department = &Dept{ID: d.ID, Code: f.Code, Name: f.Name, Depth: d.Depth}
			} else {
				g.Key.Department = nil
			}
		}
	}
	return nil
}

// Answer finishes an aggregate: rollup, names, order, limit.
func Answer(sp *Spec, rows []Row, floor int, load Departments, o Order, limit int) (*model.Aggregate, error) {
	groups := Rollup(sp, rows, floor)
	if err := name(groups, load); err != nil {
		return nil, err
	}
	if sp.Depth > 0 { // hidden ancestors (none in practice) may have merged keys
		groups = Rollup(&Spec{Entity: sp.Entity, GroupBy: sp.GroupBy, Measures: sp.Measures}, toRows(groups), 0)
	}
	mi := slices.IndexFunc(sp.Measures, func(m Measure) bool { return m.Name == o.Measure })
	stat := func(g *Group) Stat { return StatOf(sp.Measures[mi], g.Stats[mi]) }
	slices.SortStableFunc(groups, func(a, b *Group) int {
		var c int
		switch o.Field {
		case "KEY":
			c = CompareKeys(sp.GroupBy, a.Key, b.Key)
			if o.Desc {
				c = -c
			}
		case "COUNT":
			c = cmp.Compare(a.Count, b.Count)
			if o.Desc {
				c = -c
			}
		default:
			c = CompareValues(stat(a).Value(StatName(o.Field)), stat(b).Value(StatName(o.Field)), o.Desc)
		}
		return cmp.Or(c, CompareKeys(sp.GroupBy, a.Key, b.Key))
	})
	out := &model.Aggregate{TotalGroups: len(groups), Groups: []*model.AggregateGroup{}}
	for _, g := range groups[:min(limit, len(groups))] {
		mg := &model.AggregateGroup{Key: keyOf(sp.GroupBy, g.Key), Count: int(g.Count)}
		for i, m := range sp.Measures {
			mg.Stats = append(mg.Stats, statOf(m, StatOf(m, g.Stats[i])))
		}
		if mg.Stats == nil {
			mg.Stats = []*model.AggregateStat{}
		}
		if sp.Entity == DepartmentYears {
			mg.ExecutionRate, mg.CarryoverRate = pooledRates(sp, g)
		}
		out.Groups = append(out.Groups, mg)
	}
	return out, nil
}

// pooledRates are a department-year group's rates from its sums, by scoring's rules.
func pooledRates(sp *Spec, g *Group) (execution, carryover *fixed.Decimal) {
	sum := map[string]decimal.Decimal{}
	for i, m := range sp.sqlMeasures() {
		sum[m.Name] = g.Stats[i].Sum()
	}
	if r, ok := scoring.ExecutionRate(sum["TOTAL_ACTUAL"], sum["TOTAL_BUDGET"]); ok {
		if v, ok := fixed.RoundOK(r.Round(2)); ok {
			execution = &v
		}
	}
	if r, ok := scoring.Derive(scoring.BindCarryoverRate, scoring.Figures{CarryoverEnd: sum["CARRYOVER_END"], Executed: sum["TOTAL_ACTUAL"]}); ok {
		if v, ok := fixed.RoundOK(r.Round(2)); ok {
			carryover = &v
		}
	}
	return execution, carryover
}

func toRows(groups []*Group) []Row {
	out := make([]Row, len(groups))
	for i, g := range groups {
		out[i] = Row{Key: g.Key, Count: g.Count, Stats: g.Stats}
	}
	return out
}

func statOf(m Measure, st Stat) *model.AggregateStat {
	return &model.AggregateStat{Measure: m.Name, Count: int(st.Count), Sum: st.Sum, Avg: st.Avg, Min: st.Min, Max: st.Max}
}

// keyOf writes a key for the API: the dimensions of groupBy only.
func keyOf(groupBy []Dimension, k Key) *model.AggregateKey {
	out := &model.AggregateKey{}
	for _, d := range groupBy {
		v := k.Values[d]
		switch d {
		case Year:
			out.Year = k.Year
		case Department:
			if k.Department != nil {
				out.Department = &model.AggregateDepartment{ID: k.Department.ID, Code: k.Department.Code, Name: k.Department.Name, Depth: k.Department.Depth}
			}
		case Level1:
			out.Level1 = v
		case Level2:
			out.Level2 = v
		case Kind:
			out.Kind = conv[indicator.Kind](v)
		case Operator:
			out.Operator = conv[indicator.Operator](v)
		case Grade:
			out.Grade = conv[evaluation.Grade](v)
		case Status:
			out.Status = conv[evaluation.Status](v)
		case EvaluationKind:
			out.EvaluationKind = conv[model.EvaluationKind](v)
		case DeviationRequired:
			if v != nil {
				b := *v == "true"
				out.DeviationRequired = &b
			}
		}
	}
	return out
}

func conv[T ~string](v *string) *T {
	if v == nil {
		return nil
	}
	t := T(*v)
	return &t
}

// YearOnYearOrder orders year-on-year groups: KEY, or Stat of CURRENT, PREVIOUS or CHANGE.
type YearOnYearOrder struct {
	Field string
	Stat  StatName
	Desc  bool
}

// pair is one group in the two years.
type pair struct {
	key               Key
	current, previous Stat
	change            model.AggregateChange
}

// AnswerYearOnYear finishes a year-on-year comparison of sp.Measures[0]; the rows
// carry the year (sp.Years = year, against).
func AnswerYearOnYear(sp *Spec, rows []Row, year, against, floor int, load Departments, o YearOnYearOrder, limit int) (*model.YearOnYear, error) {
	withYear := &Spec{Entity: sp.Entity, GroupBy: append([]Dimension{Year}, sp.GroupBy...), Measures: sp.Measures, Depth: sp.Depth}
	groups := Rollup(withYear, rows, floor)
	if err := name(groups, load); err != nil {
		return nil, err
	}
	m := sp.Measures[0]
	byKey := map[string]*pair{}
	var order []string
	for _, g := range groups {
		k := g.Key
		y := k.Year
		k.Year = nil
		s := k.String()
		p, ok := byKey[s]
		if !ok {
			p = &pair{key: k}
			byKey[s] = p
			order = append(order, s)
		}
		switch {
		case y != nil && *y == year:
			p.current = StatOf(m, g.Stats[0])
		case y != nil && *y == against:
			p.previous = StatOf(m, g.Stats[0])
		}
	}
	pairs := make([]*pair, len(order))
	for i, s := range order {
		p := byKey[s]
		p.change = model.AggregateChange{Count: int(p.current.Count - p.previous.Count),
			Sum: diff(p.current.Sum, p.previous.Sum), Avg: diff(p.current.Avg, p.previous.Avg),
			Min: diff(p.current.Min, p.previous.Min), Max: diff(p.current.Max, p.previous.Max)}
		pairs[i] = p
	}
	value := func(p *pair) *decimal.Decimal {
		switch o.Field {
		case "CURRENT":
			return p.current.Value(o.Stat)
		case "PREVIOUS":
			return p.previous.Value(o.Stat)
		}
		ch := Stat{Count: int64(p.change.Count), Sum: p.change.Sum, Avg: p.change.Avg, Min: p.change.Min, Max: p.change.Max}
		return ch.Value(o.Stat)
	}
	slices.SortStableFunc(pairs, func(a, b *pair) int {
		if o.Field == "KEY" {
			c := CompareKeys(sp.GroupBy, a.key, b.key)
			if o.Desc {
				c = -c
			}
			return c
		}
		return cmp.Or(CompareValues(value(a), value(b), o.Desc), CompareKeys(sp.GroupBy, a.key, b.key))
	})
	out := &model.YearOnYear{Year: year, Against: against, TotalGroups: len(pairs), Groups: []*model.YearOnYearGroup{}}
	for _, p := range pairs[:min(limit, len(pairs))] {
		ch := p.change
		out.Groups = append(out.Groups, &model.YearOnYearGroup{Key: keyOf(sp.GroupBy, p.key),
			Current: statOf(m, p.current), Previous: statOf(m, p.previous), Change: &ch})
	}
	return out, nil
}

// diff is a − b, nil when either is nil or the difference is beyond a Decimal.
func diff(a, b *fixed.Decimal) *fixed.Decimal {
	if a == nil || b == nil {
		return nil
	}
	v, err := fixed.FromDecimal(a.Decimal().Sub(b.Decimal()))
	if err != nil {
		return nil
	}
	return &v
}
