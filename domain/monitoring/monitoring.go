// Package monitoring forecasts a year from a monitoring point (绩效运行监控, the
// "dual monitoring" of targets and spending): an indicator's expected full-year
// value from its value to date, the likelihood of meeting its target and a
// traffic light; the budget's expected full-year execution rate against the
// bureau's month targets. Pure functions of the figures, exact decimals; every
// computed value says how it was computed (Steps: a code and parameters, written
// out by the UI in the reader's language). The thresholds are in docs/MONITORING.md.
package monitoring

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// Light is an indicator's traffic light.
type Light string

const (
	Green  Light = "GREEN"  // expected to meet its target
	Yellow Light = "YELLOW" // expected to fall short by at most the tolerance
	Red    Light = "RED"    // expected to fall short by more
)

// Likelihood is the likelihood of meeting a target (完成目标可能性).
type Likelihood string

const (
	Likely   Likelihood = "LIKELY"   // 确定能
	AtRisk   Likelihood = "AT_RISK"  // 有可能
	Unlikely Likelihood = "UNLIKELY" // 完全不可能
)

// Valid reports whether l is one of the likelihoods.
func (l Likelihood) Valid() bool { return l == Likely || l == AtRisk || l == Unlikely }

// LightOf is the light a likelihood shows (an override of the likelihood).
func LightOf(l Likelihood) Light {
	switch l {
	case Likely:
		return Green
	case AtRisk:
		return Yellow
	}
	return Red
}

// LikelihoodOf is the likelihood a light stands for.
func LikelihoodOf(l Light) Likelihood {
	switch l {
	case Green:
		return Likely
	case Yellow:
		return AtRisk
	}
	return Unlikely
}

// Thresholds of the light (docs/MONITORING.md). Yellow is a shortfall of at
// most 10 % of the target: the band in which the self-evaluation still scores
// 90 % of the weight and a corrective measure can still close the gap.
var (
	YellowFloor   = decimal.RequireFromString("0.9") // positive: expected / target ≥ 0.9 is yellow, below is red
	YellowCeiling = decimal.RequireFromString("1.1") // reverse: expected / target ≤ 1.1 is yellow, above is red
)

// Step is one step of a computation: a code and its parameters (decimals as
// strings, exact), which the UI writes as a sentence.
type Step struct {
	Code   string
	Params []Param
}

// Param is one named parameter of a step.
type Param struct{ Name, Value string }

func step(code string, kv ...string) Step {
	s := Step{Code: code}
	for i := 0; i+1 < len(kv); i += 2 {
		s.Params = append(s.Params, Param{Name: kv[i], Value: kv[i+1]})
	}
	return s
}

// The step codes.
const (
	StepElapsed          = "ELAPSED_SHARE"       // point, months (elapsed months as a decimal), share
	StepRateToDate       = "RATE_TO_DATE"        // valueToDate: a rate to date is its own forecast
	StepLinear           = "LINEAR"              // valueToDate, share, expected
	StepLastYearShare    = "LAST_YEAR_SHARE"     // lastYearToDate, lastYearFull, share
	StepScaled           = "SCALED_BY_LAST_YEAR" // valueToDate, share, expected
	StepNoValue          = "NO_VALUE_TO_DATE"    // nothing reported yet: no forecast
	StepQualitative      = "QUALITATIVE"         // the department states the likelihood
	StepNoTarget         = "NO_TARGET"           // no target to compare with
	StepRatio            = "RATIO"               // expected, target, ratio
	StepZeroTarget       = "ZERO_TARGET"         // expected, target (0), operator
	StepLightPositive    = "LIGHT_POSITIVE"      // ratio, light, yellowFloor
	StepLightReverse     = "LIGHT_REVERSE"       // ratio, light, yellowCeiling
	StepOverrideExpected = "OVERRIDE_EXPECTED"   // computed, expected, reason
	StepOverrideLikely   = "OVERRIDE_LIKELIHOOD" // computed, likelihood, reason
	StepCapped           = "CAPPED"              // expected, cap: a rate of execution stops at 100 %
	StepMonthToDate      = "MONTH_TO_DATE"       // month, executed, budget, rate
	StepMonthTarget      = "MONTH_TARGET"        // month, target, ratio
	StepNoMonthTarget    = "NO_MONTH_TARGET"     // month: compared with 100 % by year end instead
	StepNoBudget         = "NO_BUDGET"           // no adjusted budget: no rate
)

// Point is a monitoring point: a day of the fiscal year.
type Point struct{ time.Time }

// ParsePoint reads a date as 2024-06-30.
func ParsePoint(s string) (Point, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Point{}, fmt.Errorf("%q is not a date such as 2024-06-30", s)
	}
	return Point{t}, nil
}

func (p Point) String() string { return p.Format(time.DateOnly) }

// Months is the part of the year elapsed at the end of the point's day, in
// months: whole months before it plus the share of its month (30 June → 6;
// 15 May → 4 + 15/31). Months rather than days: the bureau's targets and the
// spending are monthly, and 30 June is half of the year, as the forms say.
func (p Point) Months() decimal.Decimal {
	days := time.Date(p.Year(), p.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return decimal.NewFromInt(int64(p.Month()) - 1).Add(decimal.NewFromInt(int64(p.Day())).Div(decimal.NewFromInt(int64(days))))
}

// Share is the elapsed share of the year, 0 < share ≤ 1, rounded to 6 places.
func (p Point) Share() decimal.Decimal { return p.Months().DivRound(decimal.NewFromInt(12), 6) }

// CompleteMonth is the last month complete at the point (0 before the end of
// January): the month whose cumulative spending is the spending to date.
func (p Point) CompleteMonth() int {
	if p.AddDate(0, 0, 1).Month() != p.Month() {
		return int(p.Month())
	}
	return int(p.Month()) - 1
}

// Indicator is what the forecast reads of an indicator at a point.
type Indicator struct {
	Qualitative bool
	Reverse     bool // ≤ or <
	Equal       bool // =
	Rate        bool // a percent (unit %) or a derived rate: a rate to date is its own forecast
	// Cap bounds a cumulative rate's forecast (a budget execution rate, 100 %):
	// such a rate grows with the year like a count, so it is scaled, never above the cap.
	Cap         *decimal.Decimal
	Target      *decimal.Decimal // nil: none
	ValueToDate *decimal.Decimal // nil: not reported yet
	// LastYear is last year's value at the same point and its full-year actual,
	// when known: then a count is scaled by last year's share at the point.
	LastYearToDate, LastYearFull *decimal.Decimal
}

// Override is the department's override of a forecast, with its reason.
type Override struct {
	Expected   *decimal.Decimal
	Likelihood Likelihood // "" when not overridden
	Reason     string
}

// Forecast is an indicator's computed expectation.
type Forecast struct {
	// Computed is the expected full-year value as computed; Expected is the one
	// in force (the override if any). Nil when there is nothing to forecast.
	Computed, Expected *decimal.Decimal
	// ComputedLight and ComputedLikelihood are what the computation gives; Light
	// and Likelihood what is in force (they follow an override). Empty when
	// unknown (no value to date, no target, a qualitative indicator not stated).
	ComputedLight      Light
	ComputedLikelihood Likelihood
	Light              Light
	Likelihood         Likelihood
	Overridden         bool
	Steps              []Step
}

const places = 4

func str(d decimal.Decimal) string { return d.String() }

// Expect forecasts ind at point p with the department's override o.
func Expect(p Point, ind Indicator, o Override) Forecast {
	var f Forecast
	share := p.Share()
	switch {
	case ind.Qualitative:
		f.Steps = append(f.Steps, step(StepQualitative))
	case ind.ValueToDate == nil:
		f.Steps = append(f.Steps, step(StepNoValue))
	case ind.Rate:
		v := *ind.ValueToDate
		f.Computed = &v
		f.Steps = append(f.Steps, step(StepRateToDate, "valueToDate", str(v)))
	default:
		v := *ind.ValueToDate
		f.Steps = append(f.Steps, step(StepElapsed, "point", p.String(), "months", str(p.Months().Round(places)), "share", str(share)))
		if ly, lf := ind.LastYearToDate, ind.LastYearFull; ly != nil && lf != nil && ly.IsPositive() && lf.IsPositive() && ly.LessThanOrEqual(*lf) {
			s := ly.DivRound(*lf, 6)
			e := v.DivRound(s, places)
			f.Steps = append(f.Steps, step(StepLastYearShare, "lastYearToDate", str(*ly), "lastYearFull", str(*lf), "share", str(s)),
				step(StepScaled, "valueToDate", str(v), "share", str(s), "expected", str(e)))
			f.Computed = &e
		} else {
			e := v.DivRound(share, places)
			f.Steps = append(f.Steps, step(StepLinear, "valueToDate", str(v), "share", str(share), "expected", str(e)))
			f.Computed = &e
		}
		if ind.Cap != nil && f.Computed.GreaterThan(*ind.Cap) {
			f.Steps = append(f.Steps, step(StepCapped, "expected", str(*f.Computed), "cap", str(*ind.Cap)))
			c := *ind.Cap
			f.Computed = &c
		}
	}
	f.Expected = f.Computed
	if o.Expected != nil && !ind.Qualitative {
		e := *o.Expected
		computed := "—"
		if f.Computed != nil {
			computed = str(*f.Computed)
		}
		f.Steps = append(f.Steps, step(StepOverrideExpected, "computed", computed, "expected", str(e), "reason", o.Reason))
		f.Expected, f.Overridden = &e, true
	}
	if f.Computed != nil {
		f.ComputedLight, f.Steps = judge(ind, *f.Computed, f.Steps)
	}
	f.Light = f.ComputedLight
	if f.Overridden && f.Expected != nil {
		var s []Step
		f.Light, s = judge(ind, *f.Expected, nil)
		f.Steps = append(f.Steps, s...)
	}
	if f.ComputedLight != "" {
		f.ComputedLikelihood = LikelihoodOf(f.ComputedLight)
	}
	if f.Light != "" {
		f.Likelihood = LikelihoodOf(f.Light)
	}
	if o.Likelihood.Valid() {
		f.Steps = append(f.Steps, step(StepOverrideLikely, "computed", string(f.Likelihood), "likelihood", string(o.Likelihood), "reason", o.Reason))
		f.Likelihood, f.Light, f.Overridden = o.Likelihood, LightOf(o.Likelihood), true
	}
	return f
}

// judge is the light of an expected value against ind's target.
func judge(ind Indicator, expected decimal.Decimal, steps []Step) (Light, []Step) {
	if ind.Target == nil {
		return "", append(steps, step(StepNoTarget))
	}
	t := *ind.Target
	if t.IsZero() {
		op := "GE"
		ok := !expected.IsNegative()
		switch {
		case ind.Reverse:
			op, ok = "LE", !expected.IsPositive()
		case ind.Equal:
			op, ok = "EQ", expected.IsZero()
		}
		l := Red
		if ok {
			l = Green
		}
		return l, append(steps, step(StepZeroTarget, "expected", str(expected), "operator", op, "light", string(l)))
	}
	ratio := expected.DivRound(t, places)
	steps = append(steps, step(StepRatio, "expected", str(expected), "target", str(t), "ratio", str(ratio)))
	if ind.Reverse {
		l := Red
		switch {
		case !ratio.GreaterThan(decimal.NewFromInt(1)):
			l = Green
		case !ratio.GreaterThan(YellowCeiling):
			l = Yellow
		}
		return l, append(steps, step(StepLightReverse, "ratio", str(ratio), "light", string(l), "yellowCeiling", str(YellowCeiling)))
	}
	l := Red
	switch {
	case !ratio.LessThan(decimal.NewFromInt(1)):
		l = Green
	case !ratio.LessThan(YellowFloor):
		l = Yellow
	}
	return l, append(steps, step(StepLightPositive, "ratio", str(ratio), "light", string(l), "yellowFloor", str(YellowFloor)))
}

// Month is one month of a year's cumulative execution (domain/scoring.Month).
type Month struct {
	Month              int
	CumulativeExecuted decimal.Decimal
	TargetPercent      decimal.Decimal
}

// Budget is what the budget forecast reads.
type Budget struct {
	Adjusted decimal.Decimal // the adjusted budget
	// ExecutedToDate is the cumulative spending at the point: the complete
	// month's row (department-years) or the amount reported (projects).
	ExecutedToDate *decimal.Decimal
	// TargetPercent is the bureau's cumulative target of the complete month, in
	// percent; nil when it set none.
	TargetPercent *decimal.Decimal
	// LastYearShare is last year's cumulative spending at the same month as a
	// share of its full year (0..1), when last year's months are kept.
	LastYearToDate, LastYearFull *decimal.Decimal
}

// BudgetForecast is the expected full-year execution.
type BudgetForecast struct {
	Month         int
	RateToDate    *decimal.Decimal // percent, 2 places
	TargetPercent *decimal.Decimal
	ComputedRate  *decimal.Decimal // expected full-year rate in percent, 2 places, at most 100
	ExpectedRate  *decimal.Decimal // in force (the override if any)
	ComputedLight Light
	Light         Light
	Overridden    bool
	Steps         []Step
}

var hundred = decimal.NewFromInt(100)

// ExpectBudget forecasts the year's execution rate at point p; override is the
// department's expected rate (percent), if any.
func ExpectBudget(p Point, b Budget, override *decimal.Decimal, reason string) BudgetForecast {
	f := BudgetForecast{Month: p.CompleteMonth(), TargetPercent: b.TargetPercent}
	switch {
	case !b.Adjusted.IsPositive():
		f.Steps = append(f.Steps, step(StepNoBudget))
	case b.ExecutedToDate == nil:
		f.Steps = append(f.Steps, step(StepNoValue))
	default:
		r := b.ExecutedToDate.Mul(hundred).DivRound(b.Adjusted, 2)
		f.RateToDate = &r
		f.Steps = append(f.Steps, step(StepMonthToDate, "month", fmt.Sprint(f.Month), "executed", str(*b.ExecutedToDate), "budget", str(b.Adjusted), "rate", str(r)))
		months := decimal.NewFromInt(int64(f.Month))
		var e decimal.Decimal
		switch ly, lf := b.LastYearToDate, b.LastYearFull; {
		case f.Month == 0:
			e = r
		case ly != nil && lf != nil && ly.IsPositive() && lf.IsPositive() && ly.LessThanOrEqual(*lf):
			s := ly.DivRound(*lf, 6)
			e = r.DivRound(s, 2)
			f.Steps = append(f.Steps, step(StepLastYearShare, "lastYearToDate", str(*ly), "lastYearFull", str(*lf), "share", str(s)),
				step(StepScaled, "valueToDate", str(r), "share", str(s), "expected", str(e)))
		default:
			s := months.DivRound(decimal.NewFromInt(12), 6)
			e = r.DivRound(s, 2)
			f.Steps = append(f.Steps, step(StepElapsed, "point", p.String(), "months", fmt.Sprint(f.Month), "share", str(s)),
				step(StepLinear, "valueToDate", str(r), "share", str(s), "expected", str(e)))
		}
		if e.GreaterThan(hundred) {
			f.Steps = append(f.Steps, step(StepCapped, "expected", str(e), "cap", "100"))
			e = hundred
		}
		f.ComputedRate = &e
		f.ComputedLight, f.Steps = budgetLight(f.Month, r, e, b.TargetPercent, f.Steps)
	}
	f.ExpectedRate, f.Light = f.ComputedRate, f.ComputedLight
	if override != nil {
		o := *override
		computed := "—"
		if f.ComputedRate != nil {
			computed = str(*f.ComputedRate)
		}
		f.Steps = append(f.Steps, step(StepOverrideExpected, "computed", computed, "expected", str(o), "reason", reason))
		f.ExpectedRate, f.Overridden = &o, true
		// The light follows the expected rate against a full year's 100 %.
		var s []Step
		f.Light, s = judge(Indicator{Target: &hundred}, o, nil)
		f.Steps = append(f.Steps, s...)
	}
	return f
}

// budgetLight compares the rate to date with the month's target (the curve the
// bureau set), or, without one, the expected rate with 100 %.
func budgetLight(month int, rate, expected decimal.Decimal, target *decimal.Decimal, steps []Step) (Light, []Step) {
	if target == nil || !target.IsPositive() {
		steps = append(steps, step(StepNoMonthTarget, "month", fmt.Sprint(month)))
		return judge(Indicator{Target: &hundred}, expected, steps)
	}
	ratio := rate.DivRound(*target, places)
	steps = append(steps, step(StepMonthTarget, "month", fmt.Sprint(month), "target", str(*target), "ratio", str(ratio)))
	l := Red
	switch {
	case !ratio.LessThan(decimal.NewFromInt(1)):
		l = Green
	case !ratio.LessThan(YellowFloor):
		l = Yellow
	}
	return l, append(steps, step(StepLightPositive, "ratio", str(ratio), "light", string(l), "yellowFloor", str(YellowFloor)))
}

// NeedsExplanation reports whether a light requires a cause and a corrective
// measure before submission: yellow and red do.
func NeedsExplanation(l Light) bool { return l == Yellow || l == Red }

// Entry is one indicator's monitoring entry as submission checks it.
type Entry struct {
	Indicator   int
	Name        string // 三级指标
	Qualitative bool
	ValueToDate *decimal.Decimal
	Override    Override
	Forecast    Forecast
	Cause       string
	Measure     string
}

// Problem is a reason a report cannot be submitted: a code, the indicator (0
// for the budget part) and the field to fill.
type Problem struct {
	Code      string
	Indicator int
	Name      string
	Field     string
	Message   string
}

// The problem codes.
const (
	ValueMissing          = "VALUE_MISSING"           // a quantitative indicator without its value to date
	LikelihoodMissing     = "LIKELIHOOD_MISSING"      // a qualitative indicator without the likelihood stated
	OverrideReasonMissing = "OVERRIDE_REASON_MISSING" // an override without its reason
	CauseMissing          = "CAUSE_MISSING"           // yellow or red without the cause (偏差原因)
	MeasureMissing        = "MEASURE_MISSING"         // yellow or red without the corrective measure
)

func blank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '　' {
			return false
		}
	}
	return true
}

// Problems lists what keeps entries and the budget part from submission, in order.
func Problems(entries []Entry, budget *BudgetForecast, budgetOverride bool, budgetReason, budgetCause, budgetMeasure string) []Problem {
	var out []Problem
	add := func(code string, e Entry, field, format string, args ...any) {
		out = append(out, Problem{Code: code, Indicator: e.Indicator, Name: e.Name, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	for _, e := range entries {
		switch {
		case e.Qualitative && !e.Override.Likelihood.Valid():
			add(LikelihoodMissing, e, "likelihood", "%s: state the likelihood of meeting the target", e.Name)
		case !e.Qualitative && e.ValueToDate == nil && e.Override.Expected == nil:
			add(ValueMissing, e, "valueToDate", "%s: report the value to date", e.Name)
		}
		if (e.Override.Expected != nil || (e.Override.Likelihood.Valid() && !e.Qualitative)) && blank(e.Override.Reason) {
			add(OverrideReasonMissing, e, "overrideReason", "%s: give the reason for overriding the forecast", e.Name)
		}
		if NeedsExplanation(e.Forecast.Light) {
			if blank(e.Cause) {
				add(CauseMissing, e, "cause", "%s is %s: give the cause of the deviation", e.Name, e.Forecast.Light)
			}
			if blank(e.Measure) {
				add(MeasureMissing, e, "measure", "%s is %s: give the corrective measure", e.Name, e.Forecast.Light)
			}
		}
	}
	if budget != nil {
		b := Entry{Name: "预算执行"}
		if budgetOverride && blank(budgetReason) {
			add(OverrideReasonMissing, b, "budgetOverrideReason", "budget execution: give the reason for overriding the forecast")
		}
		if NeedsExplanation(budget.Light) {
			if blank(budgetCause) {
				add(CauseMissing, b, "budgetCause", "budget execution is %s: give the cause", budget.Light)
			}
			if blank(budgetMeasure) {
				add(MeasureMissing, b, "budgetMeasure", "budget execution is %s: give the corrective measure", budget.Light)
			}
		}
	}
	return out
}

// Editable reports whether a report in status may be changed (DRAFT, RETURNED).
func Editable(status string) bool { return status == "DRAFT" || status == "RETURNED" }

// LockedError refuses a change to a monitoring report, or its entries, that is
// under review or approved.
type LockedError struct {
	Report int
	Status string
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("monitoring report %d is %s: it and its entries are read-only until a reviewer returns it", e.Report, e.Status)
}
