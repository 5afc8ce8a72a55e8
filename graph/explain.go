package graph

import (
	"context"

	"jixiao/domain/assess"
	"jixiao/domain/kept"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/graph/loader"
	"jixiao/graph/model"
)

// Explanations are read as the values they explain are: through the request's loaders, under
// the caller's access rules, with the rules that score the subject (rulesOf). A page of
// indicators with their explanations costs the same few batched reads whatever its length.

// explanation is e as the API writes it, computed under rules (nil: no rule set applies).
func explanation(e scoring.Explanation, rules *kept.Rules) *model.Explanation {
	out := &model.Explanation{Steps: make([]*model.ExplanationStep, len(e.Steps)), Value: decPtr(e.Value), Holds: e.Holds}
	if rules != nil {
		out.Rules = evaluationRules(*rules)
	}
	for i, s := range e.Steps {
		params := make(map[string]any, len(s.Params)) // never null: a UI interpolates it as it is
		for k, v := range s.Params {
			params[k] = v
		}
		out.Steps[i] = &model.ExplanationStep{Code: model.ExplanationCode(s.Code), Params: params, Value: decPtr(s.Value)}
	}
	return out
}

// indicatorSubject is the subject whose rules score ind.
func indicatorSubject(ind *ent.Indicator) loader.Subject {
	key := loader.Subject{Year: ind.DepartmentYearID}
	if ind.ProjectID != nil {
		key.Project = *ind.ProjectID
	}
	return key
}

// indicatorInputs are what explaining ind reads: the rules that score it and, for an indicator
// bound to a formula, its department-year's figures (nil when the caller may not read them).
func indicatorInputs(ctx context.Context, ind *ent.Indicator) (kept.Rules, *ent.DepartmentYear, error) {
	year := func() (*ent.DepartmentYear, error) { return nil, nil }
	if ind.Binding != nil {
		year = loader.For(ctx).Year.LoadThunk(ctx, ind.DepartmentYearID)
	}
	rules, err := rulesOf(ctx, indicatorSubject(ind), nil)
	if err != nil {
		return rules, nil, err
	}
	dy, err := year()
	return rules, dy, err
}

func indicatorExplanation(ctx context.Context, ind *ent.Indicator) (*model.Explanation, error) {
	rules, dy, err := indicatorInputs(ctx, ind)
	if err != nil {
		return nil, err
	}
	return explanation(assess.ExplainIndicator(ind, dy, rules.Rules), &rules), nil
}

func deviationExplanation(ctx context.Context, ind *ent.Indicator) (*model.Explanation, error) {
	if ind.Kind != indicator.KindQUANTITATIVE || ind.Actual == nil && ind.Binding == nil {
		return nil, nil // nothing to read: the rule does not concern it
	}
	rules, dy, err := indicatorInputs(ctx, ind)
	if err != nil {
		return nil, err
	}
	e, ok := assess.ExplainDeviation(ind, dy, rules.Rules)
	if !ok {
		return nil, nil
	}
	return explanation(e, &rules), nil
}

func evaluationExplanation(ctx context.Context, ev *ent.Evaluation) (*model.Explanation, error) {
	key := loader.SubjectOf(ev)
	loader.For(ctx).Rules.LoadThunk(ctx, key.Year) // into the batch before waiting on the subject
	s, err := subject(ctx, key, false)
	if err != nil {
		return nil, err
	}
	rules, err := rulesOf(ctx, key, ev)
	if err != nil {
		return nil, err
	}
	return explanation(assess.ExplainEvaluation(s, rules.Rules), &rules), nil
}

func monthExplanation(ctx context.Context, m *ent.MonthlyExecution) (*model.Explanation, error) {
	dy, err := loader.For(ctx).Year.Load(ctx, m.DepartmentYearID)
	if err != nil {
		return nil, err
	}
	if dy == nil { // a month is read with its year: hidden, it is not read at all
		return &model.Explanation{Steps: []*model.ExplanationStep{}}, nil
	}
	return explanation(assess.ExplainMonth(dy, m), nil), nil
}
