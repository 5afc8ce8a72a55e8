package scoring

import (
	"slices"

	"github.com/shopspring/decimal"
)

// ExecutionRate returns executed / budget × 100 rounded to 2 places; ok is false when budget <= 0,
// where no rate is meaningful.
func ExecutionRate(executed, budget decimal.Decimal) (percent decimal.Decimal, ok bool) {
	if !budget.IsPositive() {
		return decimal.Zero, false
	}
	return executed.Mul(hundred).DivRound(budget, scorePlaces), true
}

// ExecutionItemScore returns the project's fixed execution item under r (§3), r.ExecutionWeight (10) ×
// min(executed / budget, 1) rounded to 2 places; a negative executed amount counts as 0, and a budget <= 0
// scores 0.
func (r Rules) ExecutionItemScore(executed, budget decimal.Decimal) decimal.Decimal {
	s, _ := r.executionItem(executed, budget)
	return s
}

// executionItem is ExecutionItemScore with the branch that applied.
func (r Rules) executionItem(executed, budget decimal.Decimal) (decimal.Decimal, StepCode) {
	if !budget.IsPositive() {
		return decimal.Zero, StepExecutionNoBudget
	}
	s, code := share(r.ExecutionWeight, executed, budget, executionSteps)
	return s.Round(scorePlaces), code
}

// Month is one month of a year's cumulative execution. TargetPercent is the bureau's cumulative target
// share of the adjusted budget, in percent.
type Month struct {
	Month              int
	CumulativeExecuted decimal.Decimal
	TargetPercent      decimal.Decimal
}

// MonthsBehind returns the months (1..12, ascending) whose cumulative execution as a share of budget is
// below the month's target (月度支出进度未达标). The share is compared as displayed, in percent rounded to
// 2 places, so a flag never contradicts the figures shown beside it. Months outside 1..12 are ignored,
// a month given twice is listed once, and a budget <= 0 flags nothing (no share is defined).
func MonthsBehind(budget decimal.Decimal, months []Month) []int {
	var behind []int
	for _, m := range months {
		if m.Month < 1 || m.Month > 12 {
			continue
		}
		if monthOf(budget, m).behind {
			behind = append(behind, m.Month)
		}
	}
	slices.Sort(behind)
	return slices.Compact(behind)
}

// monthCheck is how MonthsBehind judged one month: the branch (its step code), the cumulative share
// of the budget in percent as displayed (when the budget is positive), and the answer.
type monthCheck struct {
	code   StepCode
	rate   decimal.Decimal
	behind bool
}

func monthOf(budget decimal.Decimal, m Month) monthCheck {
	rate, ok := ExecutionRate(m.CumulativeExecuted, budget)
	switch {
	case !ok:
		return monthCheck{code: StepMonthNoBudget}
	case rate.LessThan(m.TargetPercent):
		return monthCheck{code: StepMonthBehind, rate: rate, behind: true}
	}
	return monthCheck{code: StepMonthOnTrack, rate: rate}
}
