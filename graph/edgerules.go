package graph

import (
	"context"
	"reflect"
	"strings"

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

// constrain applies the rules to the edges of the where input w (a *XWhereInput)
// and of every input nested in it.
func constrain(ctx context.Context, w reflect.Value) {
	if w.IsNil() {
		return
	}
	s := w.Elem()
	t := s.Type()
	for i := range t.NumField() {
		name := t.Field(i).Name
		with := s.FieldByName(name + "With")
		if !strings.HasPrefix(name, "Has") || !with.IsValid() || s.Field(i).IsNil() ||
			access.Visible(ctx, entityOf(with.Type().Elem())) == nil {
			continue
		}
		has := s.Field(i).Elem().Bool()
		s.Field(i).Set(reflect.Zero(s.Field(i).Type()))
		any := reflect.New(with.Type().Elem().Elem()) // an empty filter: any visible row
		if has {
			with.Set(reflect.Append(with, any))
			continue
		}
		lacks := reflect.New(t) // not (has a visible row)
		lacks.Elem().FieldByName(name + "With").Set(reflect.Append(reflect.Zero(with.Type()), any))
		not := reflect.New(t)
		not.Elem().FieldByName("Not").Set(lacks)
		and := s.FieldByName("And")
		and.Set(reflect.Append(and, not))
	}
	for i := range t.NumField() {
		f := s.Field(i)
		switch name := t.Field(i).Name; {
		case name == "Not":
			constrain(ctx, f)
		case name == "And" || name == "Or":
			for j := range f.Len() {
				constrain(ctx, f.Index(j))
			}
		case strings.HasPrefix(name, "Has") && strings.HasSuffix(name, "With"):
			for j := range f.Len() {
				visibleOnly(ctx, f.Index(j))
				constrain(ctx, f.Index(j))
			}
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
