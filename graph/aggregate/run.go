package aggregate

import (
	"context"

	"entgo.io/contrib/entgql"
	entsql "entgo.io/ent/dialect/sql"

	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/viewer"
)

// Request is one aggregate or year-on-year request as the resolvers pass it on.
type Request[D, M ~string] struct {
	Entity   Entity
	GroupBy  []D
	Measures []M
	Depth    *int
	First    *int
	// Scan runs the statement: the entity's ent query, filtered by `where`,
	// Modify(modifier).Scan(ctx, v).
	Scan func(modifier func(*entsql.Selector), v any) error
}

// spec checks the request's arguments and makes its spec for the caller in ctx.
func (r Request[D, M]) spec(ctx context.Context) (*Spec, error) {
	sp := &Spec{Entity: r.Entity, VisibleYear: access.Visible(ctx, "DepartmentYear")}
	for _, d := range r.GroupBy {
		sp.GroupBy = append(sp.GroupBy, Dimension(d))
	}
	for _, name := range r.Measures {
		m, ok := MeasureOf(r.Entity, string(name))
		if !ok {
			return nil, invalid("measures", "%s is not a measure of this aggregate", name)
		}
		sp.Measures = append(sp.Measures, m)
	}
	if r.Depth != nil {
		if *r.Depth < 1 {
			return nil, invalid("departmentDepth", "must be at least 1 (the roots of the tree), got %d", *r.Depth)
		}
		sp.Depth = *r.Depth
	}
	return sp, Check(sp)
}

// floor is the top of the caller's subtree (0: the whole tree).
func floor(ctx context.Context) int {
	if s := viewer.FromContext(ctx).Scope; s != nil {
		return s.Root
	}
	return 0
}

// departments loads departments through the caller's read rules.
func departments(ctx context.Context, client *ent.Client) Departments {
	return func(ids []int) (map[int]Dept, error) {
		rows, err := client.Department.Query().Where(department.IDIn(ids...)).All(ctx)
		if err != nil {
			return nil, err
		}
		out := make(map[int]Dept, len(rows))
		for _, d := range rows {
			out[d.ID] = Dept{ID: d.ID, Code: d.Code, Name: d.Name}
		}
		return out, nil
	}
}

// scan runs the statement of sp and reads its rows.
func scan(sp *Spec, run func(func(*entsql.Selector), any) error) ([]Row, error) {
	q := Build(sp)
	v := q.Target()
	if err := run(q.Modifier, v); err != nil {
		return nil, err
	}
	return q.Read(v)
}

// Aggregate answers an aggregate request ordered by o.
func Aggregate[D, M ~string](ctx context.Context, client *ent.Client, r Request[D, M], o Order) (*model.Aggregate, error) {
	sp, err := r.spec(ctx)
	if err != nil {
		return nil, err
	}
	if o.Field == "" {
		o.Field = "KEY"
	}
	if err := CheckOrder(sp, o); err != nil {
		return nil, err
	}
	limit, err := Limit(r.First)
	if err != nil {
		return nil, err
	}
	rows, err := scan(sp, r.Scan)
	if err != nil {
		return nil, err
	}
	return Answer(sp, rows, floor(ctx), departments(ctx, client), o, limit)
}

// YearOnYear answers a year-on-year request of measure in year against the year against.
func YearOnYear[D, M ~string](ctx context.Context, client *ent.Client, r Request[D, M], year, against int, o YearOnYearOrder) (*model.YearOnYear, error) {
	sp, err := r.spec(ctx)
	if err != nil {
		return nil, err
	}
	if sp.has(Year) {
		return nil, invalid("groupBy", "YEAR is what a year-on-year comparison compares: leave it out")
	}
	if year == against {
		return nil, invalid("against", "must differ from year (%d)", year)
	}
	if o.Field == "" {
		o.Field, o.Stat = "KEY", StatAvg
	}
	if o.Field != "KEY" && o.Stat == StatSum && sp.Measures[0].Rate {
		return nil, invalid("orderBy.stat", "%s is a rate: it has no sum", sp.Measures[0].Name)
	}
	limit, err := Limit(r.First)
	if err != nil {
		return nil, err
	}
	sp.Years = []int{year, against}
	rows, err := scan(sp, r.Scan)
	if err != nil {
		return nil, err
	}
	return AnswerYearOnYear(sp, rows, year, against, floor(ctx), departments(ctx, client), o, limit)
}

// OrderOf is an aggregate's orderBy argument.
func OrderOf(field string, measure *string, dir entgql.OrderDirection) Order {
	o := Order{Field: field, Desc: dir == entgql.OrderDirectionDesc}
	if measure != nil {
		o.Measure = *measure
	}
	return o
}

// YearOnYearOrderOf is a year-on-year orderBy argument; nil orders by key.
func YearOnYearOrderOf(o *model.YearOnYearOrder) YearOnYearOrder {
	if o == nil {
		return YearOnYearOrder{Field: "KEY", Stat: StatAvg}
	}
	return YearOnYearOrder{Field: string(o.Field), Stat: StatName(o.Stat), Desc: o.Direction == entgql.OrderDirectionDesc}
}
