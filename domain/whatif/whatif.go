// Package whatif answers two questions about an evaluation without touching what
// is stored: what would it score if some of its inputs were different (Apply,
// then Score), and what is the smallest change of each of its leaves that alone
// would lift it to the next grade (NextGrade).
//
// Both work on a Subject, an in-memory copy of what scores an evaluation: its
// indicators' inputs, its department-year's figures (which bound indicators'
// actual values are derived from) and, for a project's evaluation, the
// project's budget and executed amount. Every score comes from package scoring,
// the one definition of the rules, under the rules the caller passes (those
// that govern the evaluation: package kept says which). Nothing here reads or
// writes a database.
package whatif

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

// ExecutionItemGroup names a project's execution item (预算执行率) among the
// subtotals, as package assess does.
const ExecutionItemGroup = "预算执行率"

// Indicator is one leaf indicator of a subject: what scoring reads of it, and
// what a person reads (its groups, name and unit).
type Indicator struct {
	ID                   int
	Level1, Level2, Name string
	Unit                 string
	// Binding is the formula its actual value is derived from; NoBinding for a
	// typed actual. For a bound indicator Actual is ignored: Score derives it
	// from the subject's figures.
	Binding scoring.Binding
	scoring.Indicator
}

// Figures are a department-year's figures (万元) that scores depend on: the
// adjusted budget and final spending of each kind of spending, the year-end
// carry-over, the 三公 budget and spending, and the fixed assets.
type Figures struct {
	PersonnelBudget, PersonnelActual     decimal.Decimal
	PublicBudget, PublicActual           decimal.Decimal
	ProjectBudget, ProjectActual         decimal.Decimal
	CarryoverEnd                         decimal.Decimal
	ThreePublicBudget, ThreePublicActual decimal.Decimal
	AssetsInUse, AssetsTotal             decimal.Decimal
}

// Scoring is what the formula bindings read of f: the total budget and spending
// are basic (personnel + public) plus project, as the kept values derive them.
func (f Figures) Scoring() scoring.Figures {
	return scoring.Figures{
		AdjustedBudget:    f.PersonnelBudget.Add(f.PublicBudget).Add(f.ProjectBudget),
		Executed:          f.PersonnelActual.Add(f.PublicActual).Add(f.ProjectActual),
		CarryoverEnd:      f.CarryoverEnd,
		AssetsInUse:       f.AssetsInUse,
		AssetsTotal:       f.AssetsTotal,
		PublicBudget:      f.PublicBudget,
		PublicActual:      f.PublicActual,
		ThreePublicBudget: f.ThreePublicBudget,
		ThreePublicActual: f.ThreePublicActual,
	}
}

// Project is a project's budget and executed amount (万元): its evaluation's
// execution item scores them.
type Project struct {
	Budget, Executed decimal.Decimal
}

// Subject is what scores one evaluation: its indicators in order, its
// department-year's figures and, for a project's evaluation, its project (nil
// for a department-year's overall evaluation).
type Subject struct {
	Indicators []Indicator
	Figures    Figures
	Project    *Project
}

// clone copies s deeply enough that changing the copy leaves s alone.
func (s Subject) clone() Subject {
	c := s
	c.Indicators = append([]Indicator(nil), s.Indicators...)
	if s.Project != nil {
		p := *s.Project
		c.Project = &p
	}
	return c
}

// input is what scoring reads of indicator i: for a bound indicator, the actual
// derived from f (nil when its formula's denominator is 0).
func (s Subject) input(i int, f scoring.Figures) scoring.Indicator {
	ind := s.Indicators[i]
	in := ind.Indicator
	if ind.Binding != scoring.NoBinding {
		in.Actual = nil
		if v, ok := scoring.Derive(ind.Binding, f); ok {
			in.Actual = &v
		}
	}
	return in
}

// IndicatorResult is one indicator's computed values.
type IndicatorResult struct {
	ID int
	// Actual is the actual value scoring used: typed, or derived from the figures.
	Actual *decimal.Decimal
	// CompletionRate is Actual / target in percent (2 places); nil when
	// qualitative, without an actual, or with a target of 0.
	CompletionRate    *decimal.Decimal
	Score             decimal.Decimal
	Attainment        decimal.Decimal
	DeviationRequired bool
}

// Result is what a subject scores.
type Result struct {
	Indicators []IndicatorResult // in the subject's order
	// ExecutionRate is the department-year's or the project's executed / adjusted
	// budget in percent (2 places); nil when the budget is 0.
	ExecutionRate *decimal.Decimal
	// ExecutionScore is a project's execution item; nil for an overall evaluation.
	ExecutionScore *decimal.Decimal
	Subtotals      []scoring.Subtotal
	Total          decimal.Decimal
	Grade          scoring.Grade
}

// Score computes s under r as the kept values are computed: each indicator's
// score, attainment, completion rate and deviation flag; the subtotals of its
// groups (a project's execution item its own); the total, the sum of the
// rounded scores; and its grade.
func Score(s Subject, r scoring.Rules) Result {
	f := s.Figures.Scoring()
	out := Result{Indicators: make([]IndicatorResult, len(s.Indicators))}
	leaves := make([]scoring.Leaf, 0, len(s.Indicators)+1)
	scores := make([]decimal.Decimal, 0, len(s.Indicators)+1)
	for i, ind := range s.Indicators {
		in := s.input(i, f)
		res := IndicatorResult{ID: ind.ID, Actual: in.Actual, Score: r.Score(in)}
		res.Attainment = scoring.Attainment(res.Score, in.Weight)
		res.DeviationRequired = r.DeviationRequired(in)
		if in.Kind == scoring.Quantitative && in.Actual != nil {
			if rate, ok := scoring.CompletionRate(in.Target, *in.Actual); ok {
				res.CompletionRate = &rate
			}
		}
		out.Indicators[i] = res
		leaves = append(leaves, scoring.Leaf{Level1: ind.Level1, Level2: ind.Level2, Score: res.Score, Weight: in.Weight})
		scores = append(scores, res.Score)
	}
	if p := s.Project; p != nil {
		item := r.ExecutionItemScore(p.Executed, p.Budget)
		out.ExecutionScore = &item
		if rate, ok := scoring.ExecutionRate(p.Executed, p.Budget); ok {
			out.ExecutionRate = &rate
		}
		leaves = append(leaves, scoring.Leaf{Level1: ExecutionItemGroup, Score: item, Weight: r.ExecutionWeight})
		scores = append(scores, item)
	} else if rate, ok := scoring.ExecutionRate(f.Executed, f.AdjustedBudget); ok {
		out.ExecutionRate = &rate
	}
	out.Subtotals = scoring.Subtotals(leaves)
	out.Total = scoring.Total(scores)
	out.Grade = r.GradeOf(out.Total)
	return out
}
