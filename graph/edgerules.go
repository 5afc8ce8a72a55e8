package graph

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/platform/access"
)

// ruleEdges puts the read rules of the type each edge reaches inside every edge a
// `where` argument traverses. ent's policies filter the queried table only, so
// without this `hasYearsWith: {personnelBudgetGT: …}` would test hidden rows one
// yes/no at a time. `hasYears: true` becomes `hasYearsWith: [{}]` so that it too
// counts only the rows the viewer may read.
func ruleEdges(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		for _, arg := range fc.Args {
			if v := reflect.ValueOf(arg); isWhereInput(v.Type()) {
				constrain(ctx, v)
			}
		}
	}
	return next(ctx)
}

// isWhereInput tells whether t is a *ent.XWhereInput.
func isWhereInput(t reflect.Type) bool {
	return t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct &&
		strings.HasSuffix(t.Elem().Name(), "WhereInput")
}

// wherePlan is where the fields constrain reads sit in a XWhereInput struct,
// found once per type: looking them up by name for every field of every where
// argument (an indicator filter has some 200) was a fifth of a nested query's time.
type wherePlan struct {
	edges        []edgeFields // hasX and hasXWith pairs
	not, and, or int          // -1 when absent
	withs        []int        // every hasXWith
}

type edgeFields struct{ has, with int }

var wherePlans sync.Map // reflect.Type → *wherePlan

func planOf(t reflect.Type) *wherePlan {
	if p, ok := wherePlans.Load(t); ok {
		return p.(*wherePlan)
	}
	p := &wherePlan{not: -1, and: -1, or: -1}
	index := map[string]int{}
	for i := range t.NumField() {
		index[t.Field(i).Name] = i
	}
	for i := range t.NumField() {
		switch name := t.Field(i).Name; {
		case name == "Not":
			p.not = i
		case name == "And":
			p.and = i
		case name == "Or":
			p.or = i
		case strings.HasPrefix(name, "Has") && strings.HasSuffix(name, "With"):
			p.withs = append(p.withs, i)
		case strings.HasPrefix(name, "Has"):
			if with, ok := index[name+"With"]; ok {
				p.edges = append(p.edges, edgeFields{has: i, with: with})
			}
		}
	}
	wherePlans.Store(t, p)
	return p
}

// constrain applies the rules to the edges of the where input w (a *XWhereInput)
// and of every input nested in it.
func constrain(ctx context.Context, w reflect.Value) {
	if w.IsNil() {
		return
	}
	s := w.Elem()
	t := s.Type()
	p := planOf(t)
	for _, e := range p.edges {
		has, with := s.Field(e.has), s.Field(e.with)
		if has.IsNil() || access.Visible(ctx, entityOf(with.Type().Elem())) == nil {
			continue
		}
		yes := has.Elem().Bool()
		has.Set(reflect.Zero(has.Type()))
		any := reflect.New(with.Type().Elem().Elem()) // an empty filter: any visible row
		if yes {
			with.Set(reflect.Append(with, any))
			continue
		}
		lacks := reflect.New(t) // not (has a visible row)
		lacks.Elem().Field(e.with).Set(reflect.Append(reflect.Zero(with.Type()), any))
		not := reflect.New(t)
		not.Elem().Field(p.not).Set(lacks)
		and := s.Field(p.and)
		and.Set(reflect.Append(and, not))
	}
	if p.not >= 0 {
		constrain(ctx, s.Field(p.not))
	}
	for _, i := range []int{p.and, p.or} {
		if i < 0 {
			continue
		}
		f := s.Field(i)
		for j := range f.Len() {
			constrain(ctx, f.Index(j))
		}
	}
	for _, i := range p.withs {
		f := s.Field(i)
		for j := range f.Len() {
			visibleOnly(ctx, f.Index(j))
			constrain(ctx, f.Index(j))
		}
	}
}

// visibleOnly narrows the where input w (a *YWhereInput) to the Y rows the viewer may read.
func visibleOnly(ctx context.Context, w reflect.Value) {
	rows := access.Visible(ctx, entityOf(w.Type()))
	if rows == nil {
		return
	}
	add := w.MethodByName("AddPredicates")
	add.Call([]reflect.Value{reflect.ValueOf(rows).Convert(add.Type().In(0).Elem())})
}

// entityOf names the entity a *XWhereInput filters.
func entityOf(t reflect.Type) string {
	return strings.TrimSuffix(t.Elem().Name(), "WhereInput")
}
