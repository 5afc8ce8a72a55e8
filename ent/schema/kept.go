package schema

// Kept values: the hooks that keep computed columns true (package kept), inside the
// mutation's transaction, after the row is saved, for every caller.

import (
	"context"
	"fmt"

	"entgo.io/ent"

	"jixiao/domain/kept"
	gen "jixiao/ent"
	"jixiao/ent/hook"
	"jixiao/ent/indicator"
	"jixiao/ent/privacy"
	"jixiao/platform/inputerr"
)

// typedKept refuses an update that sets a kept column: they are computed, never
// typed. (A create's defaults are overwritten once the row is saved.)
func typedKept(m ent.Mutation) error {
	if !m.Op().Is(ent.OpUpdateOne | ent.OpUpdate) {
		return nil
	}
	for _, name := range kept.Columns[m.Type()] {
		if _, set := m.Field(name); set {
			return inputerr.New(inputerr.GraphQLName(name), "is computed from the figures and cannot be set")
		}
	}
	return nil
}

// clientOf is the mutation's client: inside the mutation's transaction.
func clientOf(m ent.Mutation) *gen.Client { return m.(interface{ Client() *gen.Client }).Client() }

// keep computes a new row's values before its insert, and an updated row's after
// its update (changed gets the row as saved, every column, and updates it in place).
// A new indicator carries over to its evaluation (unless kept.Deferred); a new
// year, project or evaluation has nothing that reads it yet.
func keep[V any](changed func(ctx context.Context, c *gen.Client, v V) error) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if m.Op().Is(ent.OpCreate) {
				if err := kept.Created(ctx, clientOf(m), m); err != nil {
					return nil, err
				}
				v, err := next.Mutate(ctx, m)
				if ind, ok := v.(*gen.Indicator); ok && err == nil && !kept.IsDeferred(ctx) && ind.Score != 0 {
					err = kept.SubjectChanged(ctx, clientOf(m), kept.Subject{Year: ind.DepartmentYearID, Project: ind.ProjectID})
				}
				return v, err
			}
			if err := typedKept(m); err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || !m.Op().Is(ent.OpUpdateOne) {
				return v, err
			}
			row, ok := v.(V)
			if !ok {
				return nil, fmt.Errorf("kept: %s update returned %T", m.Type(), v)
			}
			return v, changed(ctx, clientOf(m), row)
		})
	}
}

// indicatorRemoved carries a deleted indicator over to its evaluation's total.
func indicatorRemoved() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			rows, err := m.Client().Indicator.Query().Where(indicator.IDIn(ids...)).
				Select(indicator.FieldDepartmentYearID, indicator.FieldProjectID, indicator.FieldScore).
				All(privacy.DecisionContext(ctx, privacy.Allow))
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			for _, r := range rows {
				if r.Score == 0 {
					continue // the total does not move
				}
				if err := kept.SubjectChanged(ctx, m.Client(), kept.Subject{Year: r.DepartmentYearID, Project: r.ProjectID}); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}, ent.OpDelete|ent.OpDeleteOne)
}

func keptIndicator() []ent.Hook {
	return []ent.Hook{
		hook.On(keep(kept.IndicatorChanged), ent.OpCreate|ent.OpUpdateOne|ent.OpUpdate),
		indicatorRemoved(),
	}
}

func keptYear() ent.Hook {
	return hook.On(keep(kept.YearChanged), ent.OpCreate|ent.OpUpdateOne|ent.OpUpdate)
}

func keptProject() ent.Hook {
	return hook.On(keep(kept.ProjectChanged), ent.OpCreate|ent.OpUpdateOne|ent.OpUpdate)
}

// keptEvaluation: updates change texts and status, never a kept value.
func keptEvaluation() ent.Hook {
	return hook.On(keep(func(context.Context, *gen.Client, *gen.Evaluation) error { return nil }),
		ent.OpCreate|ent.OpUpdateOne|ent.OpUpdate)
}
