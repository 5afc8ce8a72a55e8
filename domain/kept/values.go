// Package kept keeps the computed values of indicators, evaluations, projects and
// department-years in their own columns, so that SQL filters, orders and aggregates
// by them with an index instead of re-deriving the rules.
//
// The rules stay in package scoring, the one definition (applied to rows by package
// assess); this package only decides which rows a change affects and writes what
// scoring gives for them, in the transaction of the change (the hooks in
// ent/schema call it). Check recomputes a whole database and reports, or repairs,
// every difference.
package kept

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/assess"
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/ent/evaluation"
)

// Columns names each entity's kept columns, which no mutation may set and the
// audit trail leaves out.
var Columns = map[string][]string{
	"Indicator":      {"effective_actual", "completion_rate", "score", "attainment", "deviation_required"},
	"Evaluation":     {"score", "grade", "execution_rate", "execution_score"},
	"DepartmentYear": {"basic_budget", "basic_actual", "total_budget", "total_actual", "execution_rate", "carryover_rate"},
	"Project":        {"execution_rate", "execution_score"},
}

// IndicatorValues are an indicator's kept values.
type IndicatorValues struct {
	EffectiveActual   *fixed.Decimal
	CompletionRate    *fixed.Decimal
	Score             fixed.Decimal
	Attainment        fixed.Decimal
	DeviationRequired bool
}

// OfIndicator computes ind's values under rules; dy is its department-year, read
// only when ind is bound to a formula (it may be nil otherwise).
func OfIndicator(ind *ent.Indicator, dy *ent.DepartmentYear, rules scoring.Rules) IndicatorValues {
	r := assess.Score(ind, dy, rules)
	return IndicatorValues{
		EffectiveActual:   ptr(r.EffectiveActual),
		CompletionRate:    ptr(r.CompletionRate),
		Score:             fixed.Round(r.Score),
		Attainment:        fixed.Round(r.Attainment),
		DeviationRequired: r.DeviationRequired,
	}
}

// storedIndicator is what ind holds now.
func storedIndicator(ind *ent.Indicator) IndicatorValues {
	return IndicatorValues{ind.EffectiveActual, ind.CompletionRate, ind.Score, ind.Attainment, ind.DeviationRequired}
}

func (v IndicatorValues) apply(ind *ent.Indicator) {
	ind.EffectiveActual, ind.CompletionRate, ind.Score, ind.Attainment, ind.DeviationRequired =
		v.EffectiveActual, v.CompletionRate, v.Score, v.Attainment, v.DeviationRequired
}

func (v IndicatorValues) equal(w IndicatorValues) bool {
	return eqPtr(v.EffectiveActual, w.EffectiveActual) && eqPtr(v.CompletionRate, w.CompletionRate) &&
		v.Score == w.Score && v.Attainment == w.Attainment && v.DeviationRequired == w.DeviationRequired
}

func (v IndicatorValues) columns() map[string]any {
	return map[string]any{
		"effective_actual": nullable(v.EffectiveActual), "completion_rate": nullable(v.CompletionRate),
		"score": v.Score, "attainment": v.Attainment, "deviation_required": v.DeviationRequired,
	}
}

// YearValues are a department-year's kept values.
type YearValues struct {
	BasicBudget, BasicActual, TotalBudget, TotalActual fixed.Decimal
	ExecutionRate, CarryoverRate                       *fixed.Decimal
}

// OfYear computes dy's values from its own figures.
func OfYear(dy *ent.DepartmentYear) YearValues {
	t := assess.TotalsOf(dy)
	v := YearValues{BasicBudget: t.BasicBudget, BasicActual: t.BasicActual, TotalBudget: t.TotalBudget, TotalActual: t.TotalActual}
	if rate, ok := assess.ExecutionRate(dy); ok {
		v.ExecutionRate = ptr(&rate)
	}
	if rate, ok := assess.CarryoverRate(dy); ok {
		rate = rate.Round(2) // the derived 6 places feed bindings; the year's rate is printed with 2
		v.CarryoverRate = ptr(&rate)
	}
	return v
}

func storedYear(dy *ent.DepartmentYear) YearValues {
	return YearValues{dy.BasicBudget, dy.BasicActual, dy.TotalBudget, dy.TotalActual, dy.ExecutionRate, dy.CarryoverRate}
}

func (v YearValues) apply(dy *ent.DepartmentYear) {
	dy.BasicBudget, dy.BasicActual, dy.TotalBudget, dy.TotalActual, dy.ExecutionRate, dy.CarryoverRate =
		v.BasicBudget, v.BasicActual, v.TotalBudget, v.TotalActual, v.ExecutionRate, v.CarryoverRate
}

func (v YearValues) equal(w YearValues) bool {
	return v.BasicBudget == w.BasicBudget && v.BasicActual == w.BasicActual && v.TotalBudget == w.TotalBudget &&
		v.TotalActual == w.TotalActual && eqPtr(v.ExecutionRate, w.ExecutionRate) && eqPtr(v.CarryoverRate, w.CarryoverRate)
}

func (v YearValues) columns() map[string]any {
	return map[string]any{
		"basic_budget": v.BasicBudget, "basic_actual": v.BasicActual,
		"total_budget": v.TotalBudget, "total_actual": v.TotalActual,
		"execution_rate": nullable(v.ExecutionRate), "carryover_rate": nullable(v.CarryoverRate),
	}
}

// ProjectValues are a project's kept values.
type ProjectValues struct {
	ExecutionRate  *fixed.Decimal
	ExecutionScore fixed.Decimal
}

// OfProject computes p's values from its budget and executed amount under rules.
func OfProject(p *ent.Project, rules scoring.Rules) ProjectValues {
	v := ProjectValues{ExecutionScore: fixed.Round(rules.ExecutionItemScore(p.Executed.Decimal(), p.Budget.Decimal()))}
	if rate, ok := scoring.ExecutionRate(p.Executed.Decimal(), p.Budget.Decimal()); ok {
		v.ExecutionRate = ptr(&rate)
	}
	return v
}

func storedProject(p *ent.Project) ProjectValues {
	return ProjectValues{p.ExecutionRate, p.ExecutionScore}
}

func (v ProjectValues) apply(p *ent.Project) {
	p.ExecutionRate, p.ExecutionScore = v.ExecutionRate, v.ExecutionScore
}

func (v ProjectValues) equal(w ProjectValues) bool {
	return eqPtr(v.ExecutionRate, w.ExecutionRate) && v.ExecutionScore == w.ExecutionScore
}

func (v ProjectValues) columns() map[string]any {
	return map[string]any{"execution_rate": nullable(v.ExecutionRate), "execution_score": v.ExecutionScore}
}

// EvaluationValues are an evaluation's kept values.
type EvaluationValues struct {
	Score          fixed.Decimal
	Grade          evaluation.Grade
	ExecutionRate  *fixed.Decimal
	ExecutionScore *fixed.Decimal
}

// OfEvaluation computes an evaluation's values under rules from its subject's kept
// values: the indicators' scores, and the project's (nil for the overall
// evaluation) or else the department-year's execution rate. The score is their sum
// whatever the rules; the grade is the rules' band of it.
func OfEvaluation(scores []fixed.Decimal, p *ProjectValues, year YearValues, rules scoring.Rules) EvaluationValues {
	all := make([]decimal.Decimal, 0, len(scores)+1)
	for _, s := range scores {
		all = append(all, s.Decimal())
	}
	var v EvaluationValues
	if p != nil {
		all = append(all, p.ExecutionScore.Decimal())
		item := p.ExecutionScore
		v.ExecutionRate, v.ExecutionScore = p.ExecutionRate, &item
	} else {
		v.ExecutionRate = year.ExecutionRate
	}
	total := scoring.Total(all)
	v.Score = fixed.Round(total)
	v.Grade = evaluation.Grade(rules.GradeOf(total))
	return v
}

// ScoreOf is the score of an evaluation of indicators' scores and, for a project,
// its kept values (nil for the overall evaluation): whatever the rules, their sum.
func ScoreOf(scores []fixed.Decimal, p *ProjectValues) fixed.Decimal {
	total := fixed.Decimal(0)
	for _, s := range scores {
		total += s
	}
	if p != nil {
		total += p.ExecutionScore
	}
	return total
}

func storedEvaluation(ev *ent.Evaluation) EvaluationValues {
	return EvaluationValues{ev.Score, ev.Grade, ev.ExecutionRate, ev.ExecutionScore}
}

func (v EvaluationValues) equal(w EvaluationValues) bool {
	return v.Score == w.Score && v.Grade == w.Grade && eqPtr(v.ExecutionRate, w.ExecutionRate) && eqPtr(v.ExecutionScore, w.ExecutionScore)
}

func (v EvaluationValues) columns() map[string]any {
	return map[string]any{
		"score": v.Score, "grade": v.Grade,
		"execution_rate": nullable(v.ExecutionRate), "execution_score": nullable(v.ExecutionScore),
	}
}

// ptr is an exact result as a column value: every value scoring gives here has at
// most 6 places. A ratio beyond the column's range (a completion rate over a tiny
// target) is kept as null, as the API has always shown it.
func ptr(v *decimal.Decimal) *fixed.Decimal {
	if v == nil {
		return nil
	}
	d, ok := fixed.RoundOK(*v)
	if !ok {
		return nil
	}
	return &d
}

func eqPtr(a, b *fixed.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// nullable is a column's value: nil for NULL.
func nullable(d *fixed.Decimal) any {
	if d == nil {
		return nil
	}
	return *d
}
