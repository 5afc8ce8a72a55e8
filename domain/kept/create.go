package kept

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"entgo.io/ent"

	gen "jixiao/ent"
)

// The hooks compute a new row's values before its INSERT and set them on the
// mutation, so that a create writes them in the same statement (a bulk load of a
// city's indicators costs no extra statement per row).

// Created computes the values of the row m creates, from the fields it sets, and
// sets them on m. c is the mutation's client, for what the values read besides
// (a bound indicator's department-year, an evaluation's subject).
func Created(ctx context.Context, c *gen.Client, m ent.Mutation) error {
	ctx = system(ctx)
	var cols map[string]any
	switch m.Type() {
	case gen.TypeIndicator:
		ind := rowOf[gen.Indicator](m)
		var dy *gen.DepartmentYear
		if ind.Binding != nil {
			var err error
			if dy, err = lockYear(ctx, c, ind.DepartmentYearID); err != nil {
				return err
			}
		}
		rules, err := RulesFor(ctx, c, Subject{ind.DepartmentYearID, ind.ProjectID})
		if err != nil {
			return err
		}
		cols = OfIndicator(ind, dy, rules.Rules).columns()
	case gen.TypeDepartmentYear:
		cols = OfYear(rowOf[gen.DepartmentYear](m)).columns()
	case gen.TypeProject:
		// A new project has no evaluation yet: its year's rules govern it.
		p := rowOf[gen.Project](m)
		rules, err := Governing(ctx, c, p.DepartmentYearID)
		if err != nil {
			return err
		}
		cols = OfProject(p, rules.Rules).columns()
	case gen.TypeEvaluation:
		ev := rowOf[gen.Evaluation](m)
		s := Subject{ev.DepartmentYearID, ev.ProjectID}
		if err := lockSubject(ctx, c, s); err != nil {
			return err
		}
		// Not saved yet: the subject's rules are its year's, which a new
		// evaluation in a locked status keeps (the schema's hook has named them).
		rules, err := Governing(ctx, c, ev.DepartmentYearID)
		if err != nil {
			return err
		}
		v, err := ofSubject(ctx, c, s, rules.Rules)
		if err != nil {
			return err
		}
		cols = v.columns()
	default:
		return fmt.Errorf("kept: %s rows keep no values", m.Type())
	}
	for name, v := range cols {
		if v == nil {
			continue // a new row's column is NULL unless set
		}
		if err := m.SetField(name, v); err != nil {
			return fmt.Errorf("kept: %s.%s: %w", m.Type(), name, err)
		}
	}
	return nil
}

// rowOf is the row a create mutation will insert, as far as it sets fields (its
// defaults are set before the hooks run): each field goes to the struct field whose
// json tag names it, through a pointer for a nillable one.
func rowOf[T any](m ent.Mutation) *T {
	row := new(T)
	rv := reflect.ValueOf(row).Elem()
	byName := map[string]reflect.Value{}
	for i := range rv.NumField() {
		if tag, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ","); tag != "" && tag != "-" {
			byName[tag] = rv.Field(i)
		}
	}
	for _, name := range m.Fields() {
		f, ok := byName[name]
		v, _ := m.Field(name)
		if !ok || v == nil {
			continue
		}
		val := reflect.ValueOf(v)
		if f.Kind() == reflect.Pointer {
			p := reflect.New(f.Type().Elem())
			p.Elem().Set(val.Convert(f.Type().Elem()))
			f.Set(p)
		} else {
			f.Set(val.Convert(f.Type()))
		}
	}
	return row
}
