package schema

// Rule sets: a new version is checked (the rules' own consistency, by
// scoring.Rules.Validate), numbered after the latest of its year and region,
// signed by its author, and rescores what it governs in the same transaction. An
// evaluation keeps the rules it was submitted with until a reviewer returns it.

import (
	"context"
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"jixiao/domain/assess"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/domain/workflow"
	gen "jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/evaluation"
	"jixiao/ent/hook"
	"jixiao/ent/privacy"
	"jixiao/ent/ruleset"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// ruleSetRules checks a new version and gives it its number and author.
func ruleSetRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RuleSetFunc(func(ctx context.Context, m *gen.RuleSetMutation) (ent.Value, error) {
			if problems := assess.RulesOf(ruleSetOf(m)).Validate(); len(problems) > 0 {
				return nil, RuleProblem(problems[0])
			}
			year, _ := m.Year()
			q := m.Client().RuleSet.Query().Where(ruleset.Year(year))
			if region, ok := m.RegionID(); ok {
				if err := exists(ctx, m.Client().Department.Query().Where(department.ID(region)).Exist, "regionID", "department", region); err != nil {
					return nil, err
				}
				q.Where(ruleset.RegionID(region))
			} else {
				q.Where(ruleset.RegionIDIsNil())
			}
			// The unique index refuses a second writer of the same number.
			version := 1
			switch latest, err := q.Order(ruleset.ByVersion(sql.OrderDesc())).First(privacy.DecisionContext(ctx, privacy.Allow)); {
			case err == nil:
				version = latest.Version + 1
			case !gen.IsNotFound(err):
				return nil, err
			}
			m.SetVersion(version)
			v := viewer.FromContext(ctx) // the author is whoever makes it, never an input
			m.SetCreatedByName(v.Name)
			if v.Kind == viewer.User {
				m.SetCreatedByID(v.ID)
			} else {
				m.ClearCreatedByID()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// ruleSetOf is the rule set m creates, as far as it sets its parameters.
func ruleSetOf(m *gen.RuleSetMutation) *gen.RuleSet {
	rs := &gen.RuleSet{}
	rs.ReverseRule, _ = m.ReverseRule()
	rs.EqualLikeAtLeast, _ = m.EqualLikeAtLeast()
	rs.DeviationBelow, _ = m.DeviationBelow()
	rs.DeviationAtOrAbove, _ = m.DeviationAtOrAbove()
	rs.ExecutionExplanationBelow, _ = m.ExecutionExplanationBelow()
	rs.ExecutionWeight, _ = m.ExecutionWeight()
	rs.OutputWeight, _ = m.OutputWeight()
	rs.BenefitWeight, _ = m.BenefitWeight()
	rs.SatisfactionWeight, _ = m.SatisfactionWeight()
	rs.CheckWeightSplit, _ = m.CheckWeightSplit()
	rs.ExcellentFrom, _ = m.ExcellentFrom()
	rs.GoodFrom, _ = m.GoodFrom()
	rs.FairFrom, _ = m.FairFrom()
	rs.AchievedFrom, _ = m.AchievedFrom()
	rs.PartialFrom, _ = m.PartialFrom()
	return rs
}

// RuleProblem is a refused parameter as the API reports it: BAD_USER_INPUT on the
// parameter's field, with the reason's code and params.
func RuleProblem(p scoring.RuleProblem) error {
	params := make([]string, 0, 2*len(p.Params))
	for k, v := range p.Params {
		params = append(params, k, v)
	}
	return inputerr.WithReason(p.Field, inputerr.Refused(string(p.Reason), params, "%s", p.Message))
}

// keptRuleSet rescores, once the new version is saved, every kept value it governs
// that no evaluation's frozen rules hold.
func keptRuleSet() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RuleSetFunc(func(ctx context.Context, m *gen.RuleSetMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			rs, ok := v.(*gen.RuleSet)
			if !ok {
				return nil, fmt.Errorf("rule set: create returned %T", v)
			}
			return rs, kept.RuleSetCreated(ctx, m.Client(), rs)
		})
	}, ent.OpCreate)
}

// frozenRules keeps an evaluation's rules from its submission until it is
// returned: entering a locked status (workflow.Locked) names the rule-set version
// that governs its year then (none for the built-in rules), leaving one lets go
// of it and rescores the subject under the rules that govern now. A locked
// evaluation deleted lets go of its rules too.
func frozenRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.EvaluationFunc(func(ctx context.Context, m *gen.EvaluationMutation) (ent.Value, error) {
			switch {
			case m.Op().Is(ent.OpCreate):
				return createFrozen(ctx, m, next)
			case m.Op().Is(ent.OpUpdateOne):
				return stepFrozen(ctx, m, next)
			case m.Op().Is(ent.OpUpdate):
				if _, moves := m.Status(); moves {
					return nil, oneRowOnly(ent.OpUpdate, "evaluation")
				}
				return next.Mutate(ctx, m)
			}
			return deleteFrozen(ctx, m, next)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne)
}

// freeze names on m the rules that govern department-year dyID now.
func freeze(ctx context.Context, m *gen.EvaluationMutation, dyID int) error {
	r, err := kept.Governing(ctx, m.Client(), dyID)
	if err != nil {
		return err
	}
	if r.Set != nil {
		m.SetRuleSetID(r.Set.ID)
	} else {
		m.ClearRuleSetID()
	}
	return nil
}

func createFrozen(ctx context.Context, m *gen.EvaluationMutation, next ent.Mutator) (ent.Value, error) {
	kept.Forget(ctx)
	m.ClearRuleSetID()
	if status, ok := m.Status(); ok && workflow.Locked(status) {
		dyID, _ := m.DepartmentYearID()
		if err := freeze(ctx, m, dyID); err != nil {
			return nil, err
		}
	}
	return next.Mutate(ctx, m)
}

func stepFrozen(ctx context.Context, m *gen.EvaluationMutation, next ent.Mutator) (ent.Value, error) {
	to, moves := m.Status()
	if !moves {
		m.ResetRuleSetID() // named here only, never by the caller
		return next.Mutate(ctx, m)
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow) // the access rules have decided the change
	from, err := m.OldStatus(sys)
	if err != nil {
		return nil, err
	}
	dyID, err := m.OldDepartmentYearID(sys)
	if err != nil {
		return nil, err
	}
	kept.Forget(ctx)
	switch {
	case workflow.Locked(to) && !workflow.Locked(from):
		if err := freeze(ctx, m, dyID); err != nil {
			return nil, err
		}
	case workflow.Locked(from) && !workflow.Locked(to):
		m.ClearRuleSetID()
	default:
		m.ResetRuleSetID() // locked to locked keeps them; open to open has none
	}
	v, err := next.Mutate(ctx, m)
	if err != nil || !workflow.Locked(from) || workflow.Locked(to) {
		return v, err
	}
	return v, kept.Rescore(ctx, m.Client(), []int{dyID})
}

func deleteFrozen(ctx context.Context, m *gen.EvaluationMutation, next ent.Mutator) (ent.Value, error) {
	sys := privacy.DecisionContext(ctx, privacy.Allow) // the access rules have decided the change
	ids, err := m.IDs(sys)
	if err != nil {
		return nil, err
	}
	evs, err := m.Client().Evaluation.Query().Where(evaluation.IDIn(ids...)).
		Select(evaluation.FieldStatus, evaluation.FieldDepartmentYearID).All(sys)
	if err != nil {
		return nil, err
	}
	var years []int
	for _, ev := range evs {
		if workflow.Locked(ev.Status) {
			years = append(years, ev.DepartmentYearID)
		}
	}
	v, err := next.Mutate(ctx, m)
	if err != nil {
		return nil, err
	}
	kept.Forget(ctx)
	return v, kept.Rescore(ctx, m.Client(), years)
}
