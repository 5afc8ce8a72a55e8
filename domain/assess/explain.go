package assess

import (
	"jixiao/domain/derivation"
	"jixiao/domain/report"
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

// Derivation is the report's appendix 评分计算过程 of rows' evaluation: the rules, each
// indicator's derivation under them (package derivation writes the lines), the total's, and for
// an overall evaluation its months behind their targets.
func Derivation(rows ReportRows) report.Derivation {
	s := rows.Subject
	out := report.Derivation{Rules: RulesName(rows.RuleSet, rows.RulesFrozen)}
	for _, ind := range s.Indicators {
		e := ExplainIndicator(ind, s.Year, rows.Rules)
		out.Indicators = append(out.Indicators, report.DerivedIndicator{Level1: ind.Level1, Level2: ind.Level2, Name: ind.Name,
			Lines: lines(e, ind.Unit), Score: ind.Score})
	}
	out.Total = lines(ExplainEvaluation(s, rows.Rules), "")
	if s.Project == nil && len(s.Months) > 0 {
		for _, m := range s.Months {
			if e := ExplainMonth(s.Year, m); e.Holds != nil && *e.Holds {
				out.Months = append(out.Months, lines(e, "")...)
			}
		}
		if len(out.Months) == 0 {
			out.Months = []string{"各月累计支出进度均达到目标。"}
		}
	}
	return out
}

// RulesName says which rules score an evaluation: the built-in ones, or a rule set's name and
// version (rs), and whether it keeps them since its submission.
func RulesName(rs *ent.RuleSet, frozen bool) string {
	if rs == nil {
		return derivation.RulesName("", 0, true, frozen)
	}
	return derivation.RulesName(rs.Name, rs.Version, false, frozen)
}

func lines(e scoring.Explanation, unit string) []string {
	ls := derivation.Lines(e, unit)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return out
}
