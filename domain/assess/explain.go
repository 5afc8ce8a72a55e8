package assess

import (
	"jixiao/domain/scoring"
	"jixiao/ent"
)

// ExplainIndicator is the derivation of ind's score under r (scoring.Rules.Explain): for an
// indicator bound to a formula, the derivation of its actual from dy's figures first. When dy is
// nil (a year the reader may not see), a bound indicator's kept actual stands in for the formula.
func ExplainIndicator(ind *ent.Indicator, dy *ent.DepartmentYear, r scoring.Rules) scoring.Explanation {
	in := input(ind, dy)
	if ind.Binding != nil {
		if dy != nil {
			return r.ExplainBound(scoring.Binding(*ind.Binding), Figures(dy), in)
		}
		if ind.EffectiveActual != nil {
			v := ind.EffectiveActual.Decimal()
			in.Actual = &v
		}
	}
	return r.Explain(in)
}

// ExplainDeviation is why a deviation reason is, or is not, required of ind under r; ok is false
// where the rule does not concern it (qualitative, no actual yet).
func ExplainDeviation(ind *ent.Indicator, dy *ent.DepartmentYear, r scoring.Rules) (scoring.Explanation, bool) {
	in := input(ind, dy)
	if ind.Binding != nil && dy == nil && ind.EffectiveActual != nil {
		v := ind.EffectiveActual.Decimal()
		in.Actual = &v
	}
	return r.ExplainDeviation(in)
}

// ExplainEvaluation is the derivation of the score of s's evaluation under r: for a project its
// execution item from the project's budget and executed amount, then the subtotals of the
// indicators' kept scores (and the item, as its own group, as Subtotals groups them), their
// total and its grade. s needs level1, level2, weight and score of the indicators.
func ExplainEvaluation(s Subject, r scoring.Rules) scoring.Explanation {
	leaves := make([]scoring.Leaf, 0, len(s.Indicators)+1)
	for _, ind := range s.Indicators {
		leaves = append(leaves, scoring.Leaf{Level1: ind.Level1, Level2: ind.Level2, Score: ind.Score.Decimal(), Weight: ind.Weight.Decimal()})
	}
	var steps []scoring.Step
	if p := s.Project; p != nil {
		item := r.ExplainExecutionItem(p.Executed.Decimal(), p.Budget.Decimal())
		steps = append(steps, item.Steps...)
		leaves = append(leaves, scoring.Leaf{Level1: ExecutionItemGroup, Score: *item.Value, Weight: r.ExecutionWeight})
	}
	total := r.ExplainTotal(leaves)
	total.Steps = append(steps, total.Steps...)
	return total
}

// ExplainMonth is why month m of dy is, or is not, behind its cumulative spending target.
func ExplainMonth(dy *ent.DepartmentYear, m *ent.MonthlyExecution) scoring.Explanation {
	return scoring.ExplainMonth(TotalsOf(dy).TotalBudget.Decimal(),
		scoring.Month{Month: m.Month, CumulativeExecuted: m.CumulativeExecuted.Decimal(), TargetPercent: m.TargetPercent.Decimal()})
}
