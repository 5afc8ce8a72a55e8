// Package assess applies the scoring rules to stored rows: it turns ent entities
// into scoring inputs and gathers the results the API and the report show.
package assess

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/funding"
	"jixiao/domain/scoring"
	"jixiao/ent"
)

// Totals are a department-year's derived spending figures (万元).
type Totals struct {
	BasicBudget, BasicActual, TotalBudget, TotalActual fixed.Decimal
}

// TotalsOf derives basic = personnel + public and total = basic + project.
func TotalsOf(dy *ent.DepartmentYear) Totals {
	t := Totals{
		BasicBudget: dy.PersonnelBudget + dy.PublicBudget,
		BasicActual: dy.PersonnelActual + dy.PublicActual,
	}
	t.TotalBudget = t.BasicBudget + dy.ProjectBudget
	t.TotalActual = t.BasicActual + dy.ProjectActual
	return t
}

// Figures are what formula bindings read of a department-year.
func Figures(dy *ent.DepartmentYear) scoring.Figures {
	t := TotalsOf(dy)
	return scoring.Figures{
		AdjustedBudget:    t.TotalBudget.Decimal(),
		Executed:          t.TotalActual.Decimal(),
		CarryoverEnd:      dy.CarryoverEnd.Decimal(),
		AssetsInUse:       dy.AssetsInUse.Decimal(),
		AssetsTotal:       dy.AssetsTotal.Decimal(),
		PublicBudget:      dy.PublicBudget.Decimal(),
		PublicActual:      dy.PublicActual.Decimal(),
		ThreePublicBudget: dy.ThreePublicBudget.Decimal(),
		ThreePublicActual: dy.ThreePublicActual.Decimal(),
	}
}

// ExecutionRate is the department-year's executed / adjusted budget in percent.
func ExecutionRate(dy *ent.DepartmentYear) (decimal.Decimal, bool) {
	t := TotalsOf(dy)
	return scoring.ExecutionRate(t.TotalActual.Decimal(), t.TotalBudget.Decimal())
}

// CarryoverRate is year-end carry-over / final spending in percent.
func CarryoverRate(dy *ent.DepartmentYear) (decimal.Decimal, bool) {
	return scoring.Derive(scoring.BindCarryoverRate, Figures(dy))
}

// MonthsBehind lists the months whose cumulative spending fell below target.
func MonthsBehind(dy *ent.DepartmentYear, months []*ent.MonthlyExecution) []int {
	in := make([]scoring.Month, len(months))
	for i, m := range months {
		in[i] = scoring.Month{Month: m.Month, CumulativeExecuted: m.CumulativeExecuted.Decimal(), TargetPercent: m.TargetPercent.Decimal()}
	}
	return scoring.MonthsBehind(TotalsOf(dy).TotalBudget.Decimal(), in)
}

// Indicator is one indicator's computed values.
type Indicator struct {
	EffectiveActual   *decimal.Decimal
	CompletionRate    *decimal.Decimal
	Score             decimal.Decimal
	Attainment        decimal.Decimal
	DeviationRequired bool
}

// input is what scoring needs of ind. dy is its department-year, needed only when
// it is bound to a formula (it may be nil otherwise).
func input(ind *ent.Indicator, dy *ent.DepartmentYear) scoring.Indicator {
	in := scoring.Indicator{
		Kind:       scoring.Kind(ind.Kind),
		Weight:     ind.Weight.Decimal(),
		Actual:     fixed.Ptr(ind.Actual),
		RatedScore: fixed.Ptr(ind.RatedScore),
	}
	if ind.Operator != nil {
		in.Operator = scoring.Operator(*ind.Operator)
	}
	if ind.Target != nil {
		in.Target = ind.Target.Decimal()
	}
	if ind.Rating != nil {
		in.Rating = scoring.Rating(*ind.Rating)
	}
	if ind.Binding != nil {
		in.Actual = nil
		if dy != nil {
			if v, ok := scoring.Derive(scoring.Binding(*ind.Binding), Figures(dy)); ok {
				in.Actual = &v
			}
		}
	}
	return in
}

// Score computes an indicator under r; dy as for input.
func Score(ind *ent.Indicator, dy *ent.DepartmentYear, r scoring.Rules) Indicator {
	in := input(ind, dy)
	out := Indicator{EffectiveActual: in.Actual}
	out.Score = r.Score(in)
	out.Attainment = scoring.Attainment(out.Score, in.Weight)
	out.DeviationRequired = r.DeviationRequired(in)
	if in.Kind == scoring.Quantitative && in.Actual != nil {
		if r, ok := scoring.CompletionRate(in.Target, *in.Actual); ok {
			out.CompletionRate = &r
		}
	}
	return out
}

// Subject is what an evaluation evaluates, loaded: the department-year, the project
// (nil for the overall evaluation), the subject's indicators in order and, for the
// overall evaluation, the monthly execution.
type Subject struct {
	Year       *ent.DepartmentYear
	Project    *ent.Project
	Indicators []*ent.Indicator
	Months     []*ent.MonthlyExecution
	// Funding is the subject's breakdown: a project's lines by source, or the
	// year's revenue by nature (submission checks that they add up).
	Funding []*ent.FundingLine
}

// ExecutionItemGroup names the project execution item's group in subtotals.
const ExecutionItemGroup = "预算执行率"

// Subtotals groups the scores kept on s's indicators (and a project's kept execution
// item, of r's weight) per level-1 and level-2 group; it reads level1, level2, weight and score.
func Subtotals(s Subject, r scoring.Rules) []scoring.Subtotal {
	leaves := make([]scoring.Leaf, 0, len(s.Indicators)+1)
	for _, ind := range s.Indicators {
		leaves = append(leaves, scoring.Leaf{Level1: ind.Level1, Level2: ind.Level2, Score: ind.Score.Decimal(), Weight: ind.Weight.Decimal()})
	}
	if p := s.Project; p != nil {
		leaves = append(leaves, scoring.Leaf{Level1: ExecutionItemGroup, Score: p.ExecutionScore.Decimal(), Weight: r.ExecutionWeight})
	}
	return scoring.Subtotals(leaves)
}

// Problems is what submission of ev refuses now under r (scoring.Rules.SubmitProblems);
// s holds every column of the indicators. Problem.Indicator is the indicator's id.
func Problems(ev *ent.Evaluation, s Subject, r scoring.Rules) []scoring.Problem {
	submit := scoring.SubmitInput{Project: s.Project != nil, ExecutionExplanation: ev.ExecutionExplanation}
	for _, ind := range s.Indicators {
		submit.Indicators = append(submit.Indicators, scoring.SubmitIndicator{
			Key: strconv.Itoa(ind.ID), Name: ind.Name, Level1: ind.Level1, Indicator: input(ind, s.Year), DeviationReason: ind.DeviationReason,
		})
	}
	if p := s.Project; p != nil {
		// The explanation rule is the project forms' (SCORING.md §3).
		if rate, ok := scoring.ExecutionRate(p.Executed.Decimal(), p.Budget.Decimal()); ok {
			submit.ExecutionRate = &rate
		}
	}
	problems := r.SubmitProblems(submit)
	if s.Year != nil {
		problems = append(problems, FundingProblems(s.Year, s.Project, s.Funding)...)
	}
	return problems
}

// TotalInitialBudget is a department-year's 年初预算数: basic + project spending's.
func TotalInitialBudget(dy *ent.DepartmentYear) fixed.Decimal {
	return dy.BasicInitialBudget + dy.ProjectInitialBudget
}

// FundingProblems says where lines (project p's by source, or, p nil, the year's
// revenue by nature) do not add up to the total row: the project's initial budget,
// budget and executed amount, or the year's initial, total budget and total
// actual. The totals stay what scoring reads; a breakdown without lines asks nothing.
func FundingProblems(dy *ent.DepartmentYear, p *ent.Project, lines []*ent.FundingLine) []scoring.Problem {
	var total funding.Amounts
	if p != nil {
		total = funding.Amounts{InitialBudget: p.InitialBudget.Decimal(), AdjustedBudget: p.Budget.Decimal(), Executed: p.Executed.Decimal()}
	} else {
		t := TotalsOf(dy)
		total = funding.Amounts{InitialBudget: TotalInitialBudget(dy).Decimal(), AdjustedBudget: t.TotalBudget.Decimal(), Executed: t.TotalActual.Decimal()}
	}
	in := make([]funding.Amounts, len(lines))
	for i, l := range lines {
		in[i] = funding.Amounts{InitialBudget: l.InitialBudget.Decimal(), AdjustedBudget: l.AdjustedBudget.Decimal(), Executed: l.Executed.Decimal()}
	}
	var out []scoring.Problem
	for _, m := range funding.Mismatches(total, in) {
		sum, tot := fixed.Round(m.Sum).String(), fixed.Round(m.Total).String()
		out = append(out, scoring.Problem{Field: "fundingLines", Reason: scoring.FundingSumMismatch,
			Params:  map[string]string{"column": string(m.Column), "sum": sum, "total": tot},
			Message: fmt.Sprintf("the funding lines' %s add up to %s, not the total %s", m.Column, sum, tot)})
	}
	return out
}

// RulesOf is the scoring rules a rule-set version states; nil is the built-in
// rules, scoring.Default.
func RulesOf(rs *ent.RuleSet) scoring.Rules {
	if rs == nil {
		return scoring.Default()
	}
	return scoring.Rules{
		Reverse:                   scoring.ReverseRule(rs.ReverseRule),
		EqualLikeAtLeast:          rs.EqualLikeAtLeast,
		DeviationBelow:            rs.DeviationBelow.Decimal(),
		DeviationAtOrAbove:        rs.DeviationAtOrAbove.Decimal(),
		ExecutionExplanationBelow: rs.ExecutionExplanationBelow.Decimal(),
		ExecutionWeight:           rs.ExecutionWeight.Decimal(),
		OutputWeight:              rs.OutputWeight.Decimal(),
		BenefitWeight:             rs.BenefitWeight.Decimal(),
		SatisfactionWeight:        rs.SatisfactionWeight.Decimal(),
		CheckWeightSplit:          rs.CheckWeightSplit,
		ExcellentFrom:             rs.ExcellentFrom.Decimal(),
		GoodFrom:                  rs.GoodFrom.Decimal(),
		FairFrom:                  rs.FairFrom.Decimal(),
		AchievedFrom:              rs.AchievedFrom.Decimal(),
		PartialFrom:               rs.PartialFrom.Decimal(),
	}
}
