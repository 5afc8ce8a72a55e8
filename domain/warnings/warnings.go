// Package warnings finds what looks wrong in a department's figures without breaking
// a rule: a target met far beyond itself year after year, a target copied unchanged,
// every indicator met exactly, a percentage typed as a share, a cumulative series that
// falls, a negative count. Warnings never block a save or a submission (the rules that
// do are package scoring's submit checks); the editor shows them as they type and the
// evaluation lists them at submission.
//
// The package is pure: the caller gives an indicator with its kept values (completion
// rate, effective actual: what package kept stored, never recomputed here) and its
// history, the same indicator in the department's earlier years (History.Of says which
// rows are "the same indicator"), or a subject's indicators, or a year's months.
//
// Each Warning has a stable Code and the Params its sentence names (decimals as
// strings); Message is the same in English, for logs. A UI writes its own sentence
// from Code and Params.
package warnings

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

// Code names a kind of warning; each lists its Params.
type Code string

const (
	// TargetTooLow: a positive indicator met at the rules' upper deviation bound
	// (130 % by default) or more in each of the two previous years, whose target this
	// year would be met at that rate again by last year's actual. Params: year1, rate1 (last year), year2, rate2 (the year before),
	// actual1 (last year's actual), target, projectedRate (actual1 / target), threshold.
	TargetTooLow Code = "TARGET_TOO_LOW"
	// TargetUnchanged: the same target this year and in each of the two previous years,
	// on a count or amount (a rate's target is a standard that stays put: IsRate, or a
	// formula binding). Params: target, fromYear, years ("3").
	TargetUnchanged Code = "TARGET_UNCHANGED"
	// AllExactlyMet: every typed quantitative indicator of a subject (a department-year's
	// overall indicators, or a project's) completed at exactly 100 %, at least MinExactlyMet
	// of them. Params: count.
	AllExactlyMet Code = "ALL_EXACTLY_MET"
	// PercentAsShare: on a percentage (a % unit, or a formula binding, whose value is a
	// percentage), a positive indicator's target, or typed actual, more than 0 and at
	// most 1: 0.95 typed where 95 is meant scores a hundred times too high or too low.
	// Params: field (target or actual), value, percent (value × 100).
	PercentAsShare Code = "PERCENT_AS_SHARE"
	// CumulativeFalls: a month's cumulative spending below the month before it. Params:
	// month, cumulative, previousMonth, previousCumulative (万元).
	CumulativeFalls Code = "CUMULATIVE_FALLS"
	// NegativeQuantity: a typed actual below 0 on a unit that counts (IsCount). Params:
	// value, unit.
	NegativeQuantity Code = "NEGATIVE_QUANTITY"
)

// Codes lists every code, in the order a subject's warnings come.
var Codes = []Code{PercentAsShare, NegativeQuantity, TargetTooLow, TargetUnchanged, AllExactlyMet, CumulativeFalls}

var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
)

// MinExactlyMet is the fewest indicators AllExactlyMet speaks of: one or two indicators
// met exactly say nothing.
const MinExactlyMet = 3

// Warning is one warning. Indicator is the indicator's key as given ("" for a
// subject's or a month's warning), Month the month (1–12) of a month's (0 otherwise).
type Warning struct {
	Code      Code
	Indicator string
	Month     int
	Params    map[string]string
	Message   string
}

// Project names the project an indicator belongs to, for matching across years.
type Project struct {
	Code, Name string
}

// Indicator is what the warnings read of one indicator.
type Indicator struct {
	Key string
	// Project is nil for a department-year's overall indicator.
	Project              *Project
	Level1, Level2, Name string
	Kind                 scoring.Kind
	Operator             scoring.Operator // quantitative only
	Unit                 string
	Bound                bool             // bound to a formula: its actual is derived, a percentage
	Target               *decimal.Decimal // nil when none
	Actual               *decimal.Decimal // as typed; nil when none, and for a bound indicator
	EffectiveActual      *decimal.Decimal // kept: the actual scoring uses
	CompletionRate       *decimal.Decimal // kept: percent, 2 places; nil when undefined
}

func (ind Indicator) quantitative() bool { return ind.Kind == scoring.Quantitative }

// positive: more is better (≥ > =), the operators whose completion rate reads as "met".
func (ind Indicator) positive() bool {
	return ind.quantitative() && ind.Operator.Valid() && !ind.Operator.Reverse()
}

// percentScale: its values are percentages.
func (ind Indicator) percentScale() bool { return ind.Bound || IsPercent(ind.Unit) }

// Past is the same indicator in an earlier year.
type Past struct {
	Year int
	Indicator
}

// Check returns the warnings of ind, an indicator of year, given its past (in any
// order; years other than the two before year are not read), under the rules of
// ind's year: a target is too low when met at or above their upper deviation bound
// (SCORING.md: 130 %).
func Check(ind Indicator, year int, past []Past, rules scoring.Rules) []Warning {
	if !ind.quantitative() {
		return nil
	}
	var out []Warning
	add := func(w *Warning) {
		if w != nil {
			w.Indicator = ind.Key
			out = append(out, *w)
		}
	}
	add(percentAsShare(ind, "target", ind.Target))
	add(percentAsShare(ind, "actual", ind.Actual))
	add(negativeQuantity(ind))
	prev1, prev2 := pastOf(past, year-1), pastOf(past, year-2)
	add(targetTooLow(ind, year, prev1, prev2, rules.DeviationAtOrAbove))
	add(targetUnchanged(ind, year, prev1, prev2))
	return out
}

func pastOf(past []Past, year int) *Indicator {
	for i := range past {
		if past[i].Year == year {
			return &past[i].Indicator
		}
	}
	return nil
}

// percentAsShare: the issue found by trying the app as a new user would: a bound
// execution rate with a target of 1 scored 9231 % and full marks without a word. Only
// positive indicators: for a reverse one (less is better) a ceiling of 1 % or less is
// a real target (差错率 ≤ 1 %), and small actuals are what it aims at.
func percentAsShare(ind Indicator, field string, v *decimal.Decimal) *Warning {
	if v == nil || !ind.positive() || !ind.percentScale() || !v.IsPositive() || v.GreaterThan(one) {
		return nil
	}
	what := map[string]string{"target": "target", "actual": "actual value"}[field]
	percent := v.Mul(hundred)
	return &Warning{Code: PercentAsShare,
		Params:  map[string]string{"field": field, "value": v.String(), "percent": percent.String()},
		Message: fmt.Sprintf("the %s %s is a percentage: if %s %% is meant, type %s", what, v, percent, percent)}
}

func negativeQuantity(ind Indicator) *Warning {
	if ind.Actual == nil || !ind.Actual.IsNegative() || !IsCount(ind.Unit) {
		return nil
	}
	return &Warning{Code: NegativeQuantity,
		Params:  map[string]string{"value": ind.Actual.String(), "unit": ind.Unit},
		Message: fmt.Sprintf("the actual value %s %s is negative: a count cannot be", ind.Actual, ind.Unit)}
}

// targetTooLow reads the kept completion rates of the two years before; this year's
// target is judged against last year's actual, so that a target raised within reach
// of what was achieved is not warned about. A reverse indicator is never "met at
// 130 %": its rate at 130 % means its ceiling was exceeded by 30 %.
func targetTooLow(ind Indicator, year int, prev1, prev2 *Indicator, threshold decimal.Decimal) *Warning {
	if prev1 == nil || prev2 == nil || !ind.positive() || ind.Target == nil || !ind.Target.IsPositive() {
		return nil
	}
	for _, p := range []*Indicator{prev1, prev2} {
		if !p.positive() || p.CompletionRate == nil || p.CompletionRate.LessThan(threshold) {
			return nil
		}
	}
	if prev1.EffectiveActual == nil {
		return nil
	}
	projected, ok := scoring.CompletionRate(*ind.Target, *prev1.EffectiveActual)
	if !ok || projected.LessThan(threshold) {
		return nil
	}
	return &Warning{Code: TargetTooLow,
		Params: map[string]string{
			"year1": strconv.Itoa(year - 1), "rate1": rate(*prev1.CompletionRate),
			"year2": strconv.Itoa(year - 2), "rate2": rate(*prev2.CompletionRate),
			"actual1": prev1.EffectiveActual.String(), "target": ind.Target.String(),
			"projectedRate": rate(projected), "threshold": threshold.String(),
		},
		Message: fmt.Sprintf("met at %s %% in %d and %s %% in %d: last year's %s would meet this year's target %s at %s %% again; the target may be set too low",
			rate(*prev1.CompletionRate), year-1, rate(*prev2.CompletionRate), year-2, prev1.EffectiveActual, ind.Target, rate(projected))}
}

// targetUnchanged: a rate's target (100 % done, ≥ 90 % satisfied, ≤ 3/10万) is a
// standard that stays put by design, and a target of 0 (no accidents) too; a count or
// an amount copied three years running is worth a look.
func targetUnchanged(ind Indicator, year int, prev1, prev2 *Indicator) *Warning {
	if prev1 == nil || prev2 == nil || ind.Bound || IsRate(ind.Unit) || ind.Target == nil || !ind.Target.IsPositive() {
		return nil
	}
	for _, p := range []*Indicator{prev1, prev2} {
		if !p.quantitative() || p.Target == nil || !p.Target.Equal(*ind.Target) {
			return nil
		}
	}
	return &Warning{Code: TargetUnchanged,
		Params:  map[string]string{"target": ind.Target.String(), "fromYear": strconv.Itoa(year - 2), "years": "3"},
		Message: fmt.Sprintf("the target %s is the same as in %d and %d: was it copied unchanged?", ind.Target, year-2, year-1)}
}

// CheckSubject returns the warnings of one evaluation subject's indicators taken
// together: AllExactlyMet. Indicators bound to a formula are left out (their actual is
// derived, not typed), as are those without a completion rate (no actual yet, a
// target of 0) and qualitative ones.
func CheckSubject(inds []Indicator) []Warning {
	n := 0
	for _, ind := range inds {
		if !ind.quantitative() || ind.Bound || ind.CompletionRate == nil {
			continue
		}
		if !ind.CompletionRate.Equal(hundred) {
			return nil
		}
		n++
	}
	if n < MinExactlyMet {
		return nil
	}
	return []Warning{{Code: AllExactlyMet, Params: map[string]string{"count": strconv.Itoa(n)},
		Message: fmt.Sprintf("all %d quantitative indicators were completed at exactly 100 %%: check that the actual values were entered as measured", n)}}
}

// Month is one month of a year's cumulative spending (万元).
type Month struct {
	Month              int
	CumulativeExecuted decimal.Decimal
}

// CheckMonths returns a warning for each month whose cumulative spending is below the
// month before it (the nearest earlier month given): a cumulative series never falls,
// so a month's own spending was probably typed where the running total is meant.
func CheckMonths(months []Month) []Warning {
	ms := slices.Clone(months)
	slices.SortStableFunc(ms, func(a, b Month) int { return a.Month - b.Month })
	var out []Warning
	for i := 1; i < len(ms); i++ {
		prev, m := ms[i-1], ms[i]
		if m.Month == prev.Month || !m.CumulativeExecuted.LessThan(prev.CumulativeExecuted) {
			continue
		}
		out = append(out, Warning{Code: CumulativeFalls, Month: m.Month,
			Params: map[string]string{
				"month": strconv.Itoa(m.Month), "cumulative": money(m.CumulativeExecuted),
				"previousMonth": strconv.Itoa(prev.Month), "previousCumulative": money(prev.CumulativeExecuted),
			},
			Message: fmt.Sprintf("cumulative spending of month %d, %s, is below month %d's %s: a cumulative figure cannot fall",
				m.Month, money(m.CumulativeExecuted), prev.Month, money(prev.CumulativeExecuted))})
	}
	return out
}

func rate(d decimal.Decimal) string  { return d.StringFixed(2) }
func money(d decimal.Decimal) string { return d.StringFixed(2) }

// History is a department's indicators of earlier years, by year: every indicator
// of each year, its overall ones and its projects'.
type History map[int][]Indicator

// Of finds ind's past in h: in each year, the indicator with the same level 1, level 2
// and name, overall if ind is overall, else of the same project: the project with
// the same code, or when no indicator of that year belongs to a project of that code
// (a code re-issued for the new year), the project with the same name. When several
// match, the first (the caller gives a year's indicators in position order).
func (h History) Of(ind Indicator) []Past {
	var out []Past
	years := make([]int, 0, len(h))
	for y := range h {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		if p := find(h[y], ind); p != nil {
			out = append(out, Past{Year: y, Indicator: *p})
		}
	}
	return out
}

func find(year []Indicator, ind Indicator) *Indicator {
	same := func(c Indicator) bool { return c.Level1 == ind.Level1 && c.Level2 == ind.Level2 && c.Name == ind.Name }
	byProject := func(match func(*Project) bool) *Indicator {
		for i := range year {
			if match(year[i].Project) && same(year[i]) {
				return &year[i]
			}
		}
		return nil
	}
	if ind.Project == nil {
		return byProject(func(p *Project) bool { return p == nil })
	}
	code := func(p *Project) bool { return p != nil && p.Code == ind.Project.Code }
	if slices.ContainsFunc(year, func(c Indicator) bool { return code(c.Project) }) {
		return byProject(code)
	}
	return byProject(func(p *Project) bool { return p != nil && p.Name == ind.Project.Name })
}
