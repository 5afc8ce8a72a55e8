package scoring

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// An Explanation is the derivation of one computed value: the steps the rules took, each with
// the numbers it used, so that a reader can redo the arithmetic. The functions that explain
// (Explain, ExplainBound, ExplainDeviation, ExplainExecutionItem, ExplainTotal, ExplainMonth)
// read the same branch the scoring functions took (they share one internal function each), so an
// explanation cannot say anything but how the value was computed: its Value is the score.
//
// Params are strings, as the API writes decimals. Their style says what they are:
//   - inputs as stored, without trailing zeros: a weight "6", a target "80", an actual "88", a
//     rated score "4.73", a threshold "130", a derived actual "0.250348";
//   - money with 2 places at least: "1829.40";
//   - computed values (scores, subtotals, rates) with the places the rules round them to: "6.00",
//     "110.00", and band edges in points with 2 places (or exactly, when they have more).
type Explanation struct {
	Steps []Step
	// Value is what is explained (a score, a subtotal, a total), the last step's value; nil for a
	// yes/no explanation.
	Value *decimal.Decimal
	// Holds answers a yes/no explanation (is a deviation reason required, is a month behind); nil
	// for a value.
	Holds *bool
}

// Step is one step of a derivation: what the rules did (Code) with which numbers (Params), and
// the number it gave (nil for a step that only compares).
type Step struct {
	Code   StepCode
	Params map[string]string
	Value  *decimal.Decimal
}

// StepCode names a rule, or a branch of one; each names its Params.
type StepCode string

// An indicator's score (SCORING.md §1, §2, §4). Every quantitative step names weight, actual and
// target (an actual derived from the figures has actualShown too: the actual to 2 places when
// the step gives the same with it, else the exact value), and operator (GE…) where it compares.
const (
	// A bound actual: numerator / denominator × 100, exact to 6 places (Value); percent is it to 2.
	StepBindingExecutionRate    StepCode = "BINDING_EXECUTION_RATE"
	StepBindingCarryoverRate    StepCode = "BINDING_CARRYOVER_RATE"
	StepBindingAssetUtilization StepCode = "BINDING_ASSET_UTILIZATION"
	StepBindingPublicFunds      StepCode = "BINDING_PUBLIC_FUNDS_CONTROL"
	StepBindingThreePublic      StepCode = "BINDING_THREE_PUBLIC_CONTROL"
	StepBindingUndefined        StepCode = "BINDING_UNDEFINED"        // binding, numerator, denominator (0): no actual
	StepWeightNotPositive       StepCode = "WEIGHT_NOT_POSITIVE"      // weight: scores 0
	StepKindUnknown             StepCode = "KIND_UNKNOWN"             // kind: scores 0
	StepNoActual                StepCode = "NO_ACTUAL"                // no actual value yet: scores 0
	StepOperatorUnknown         StepCode = "OPERATOR_UNKNOWN"         // operator: scores 0
	StepPositiveCapped          StepCode = "POSITIVE_CAPPED"          // weight × min(actual / target, 1) = weight × 1
	StepPositiveShare           StepCode = "POSITIVE_SHARE"           // weight × min(actual / target, 1) = weight × actual / target
	StepPositiveNegative        StepCode = "POSITIVE_NEGATIVE_ACTUAL" // a negative actual counts as 0
	StepZeroTargetMet           StepCode = "ZERO_TARGET_MET"          // target 0: actual compare 0 holds (compare GE, EQ or LE): weight
	StepZeroTargetMissed        StepCode = "ZERO_TARGET_MISSED"       // target 0: it does not: 0
	StepEqualMet                StepCode = "EQUAL_MET"                // `=` not scored like `≥`: actual = target: weight
	StepEqualMissed             StepCode = "EQUAL_MISSED"             // actual ≠ target: 0
	StepReverseMet              StepCode = "REVERSE_MET"              // actual ≤ target: weight
	StepReverseLinear           StepCode = "REVERSE_LINEAR"           // weight × (1 − (actual − target) / target) = weight × (twice − actual) / target
	StepReversePastDouble       StepCode = "REVERSE_PAST_DOUBLE"      // actual ≥ twice the target: 0
	StepReverseRatio            StepCode = "REVERSE_RATIO"            // weight × target / actual
	StepNotRated                StepCode = "NOT_RATED"                // rating, ratedScore ("" when missing): 0
	StepRatedInBand             StepCode = "RATED_IN_BAND"            // rating, ratedScore, low, high, highInclusive, weight: the rated score to 2 places
	StepRatedOutsideBand        StepCode = "RATED_OUTSIDE_BAND"       // the same, a score outside today's band (the rules changed since it was rated)
	StepScoreBounded            StepCode = "SCORE_BOUNDED"            // before, low, high: a score is kept within [0, weight]
	stepRated                   StepCode = "RATED"                    // internal: RATED_IN_BAND or RATED_OUTSIDE_BAND
	StepDeviationBelow          StepCode = "DEVIATION_BELOW"          // completionRate, threshold: a reason is required
	StepDeviationAtOrAbove      StepCode = "DEVIATION_AT_OR_ABOVE"    // completionRate, threshold: a reason is required
	StepDeviationWithin         StepCode = "DEVIATION_WITHIN"         // completionRate, below, atOrAbove: none is
	StepDeviationTargetMissed   StepCode = "DEVIATION_TARGET_MISSED"  // actual, compare, target: the target check fails, a reason is required
	StepDeviationTargetMet      StepCode = "DEVIATION_TARGET_MET"     // actual, compare, target: it holds, none is
	StepCompletionRate          StepCode = "COMPLETION_RATE"          // actual, target: actual / target × 100 to 2 places
	StepExecutionCapped         StepCode = "EXECUTION_ITEM_CAPPED"    // weight, executed, budget: weight × min(executed / budget, 1) = weight × 1
	StepExecutionShare          StepCode = "EXECUTION_ITEM_SHARE"     // = weight × executed / budget
	StepExecutionNegative       StepCode = "EXECUTION_ITEM_NEGATIVE"  // a negative executed amount counts as 0
	StepExecutionNoBudget       StepCode = "EXECUTION_ITEM_NO_BUDGET" // weight, budget (≤ 0): 0
	StepSubtotal                StepCode = "SUBTOTAL"                 // level1, level2 ("" for a level-1 group), terms ("7.00 + 6.00"), weight: their sum
	StepTotal                   StepCode = "TOTAL"                    // terms: the level-1 subtotals' sum
	StepGradeBand               StepCode = "GRADE_BAND"               // total, grade, from, below ("" for the top grade)
	StepMonthBehind             StepCode = "MONTH_BEHIND"             // month, cumulative, budget, percent, target: percent < target
	StepMonthOnTrack            StepCode = "MONTH_ON_TRACK"           // the same, percent ≥ target
	StepMonthNoBudget           StepCode = "MONTH_NO_BUDGET"          // month, budget (≤ 0): no share, never behind
)

// StepCodes are every code a step of an explanation may have.
var StepCodes = []StepCode{
	StepBindingExecutionRate, StepBindingCarryoverRate, StepBindingAssetUtilization, StepBindingPublicFunds,
	StepBindingThreePublic, StepBindingUndefined, StepWeightNotPositive, StepKindUnknown, StepNoActual,
	StepOperatorUnknown, StepPositiveCapped, StepPositiveShare, StepPositiveNegative, StepZeroTargetMet,
	StepZeroTargetMissed, StepEqualMet, StepEqualMissed, StepReverseMet, StepReverseLinear, StepReversePastDouble,
	StepReverseRatio, StepNotRated, StepRatedInBand, StepRatedOutsideBand, StepScoreBounded, StepCompletionRate,
	StepDeviationBelow, StepDeviationAtOrAbove, StepDeviationWithin, StepDeviationTargetMissed, StepDeviationTargetMet,
	StepExecutionCapped, StepExecutionShare, StepExecutionNegative, StepExecutionNoBudget, StepSubtotal, StepTotal,
	StepGradeBand, StepMonthBehind, StepMonthOnTrack, StepMonthNoBudget,
}

// TermsSeparator joins the terms of a SUBTOTAL or TOTAL step.
const TermsSeparator = " + "

// Explain returns the derivation of ind's score under r: the branch of the rules that applied
// with its numbers, then, when the score had to be kept within [0, weight], that bound. Its
// Value is r.Score(ind).
func (r Rules) Explain(ind Indicator) Explanation {
	return r.explain(ind, nil)
}

// ExplainBound is Explain for an indicator bound to b: the derivation of its actual from f
// (Derive), then of its score with that actual (ind.Actual is ignored).
func (r Rules) ExplainBound(b Binding, f Figures, ind Indicator) Explanation {
	d := derive(b, f)
	ind.Actual = nil
	if d.ok {
		v := d.value
		ind.Actual = &v
	}
	return r.explain(ind, &d)
}

func (r Rules) explain(ind Indicator, bound *derivation) Explanation {
	var steps []Step
	if bound != nil {
		steps = append(steps, bindingStep(*bound))
	}
	sc := r.scored(ind)
	main := Step{Code: sc.code, Params: map[string]string{}, Value: ptr(sc.value)}
	p := main.Params
	switch sc.code {
	case StepWeightNotPositive:
		p["weight"] = ind.Weight.String()
	case StepKindUnknown:
		p["kind"] = string(ind.Kind)
	case StepOperatorUnknown:
		p["operator"] = string(ind.Operator)
	case StepNoActual:
	case StepNotRated:
		p["rating"] = string(ind.Rating)
		p["ratedScore"] = ""
		if ind.RatedScore != nil {
			p["ratedScore"] = ind.RatedScore.String()
		}
	case stepRated:
		lo, hi, incl := r.Band(ind.Rating)
		p["rating"], p["ratedScore"], p["weight"] = string(ind.Rating), ind.RatedScore.String(), ind.Weight.String()
		p["low"], p["high"], p["highInclusive"] = points(ind.Weight.Mul(lo)), points(ind.Weight.Mul(hi)), strconv.FormatBool(incl)
		main.Code = StepRatedInBand
		if r.CheckRatedScore(ind.Rating, *ind.RatedScore, ind.Weight) != nil {
			main.Code = StepRatedOutsideBand
		}
	default: // quantitative, with an actual and a known operator
		a, t := *ind.Actual, nonNegative(ind.Target)
		p["weight"], p["actual"], p["target"], p["operator"] = ind.Weight.String(), a.String(), t.String(), string(ind.Operator)
		switch sc.code {
		case StepReverseLinear, StepReversePastDouble:
			p["twice"] = t.Mul(two).String()
		case StepZeroTargetMet, StepZeroTargetMissed:
			p["compare"] = string(zeroCompare(ind.Operator))
		}
		if bound != nil {
			p["actualShown"] = shownActual(r, ind, sc)
		}
	}
	steps = append(steps, main)
	if !sc.final.Equal(sc.value) {
		steps = append(steps, Step{Code: StepScoreBounded, Value: ptr(sc.final),
			Params: map[string]string{"before": sc.value.String(), "low": "0.00", "high": sc.limit.StringFixed(scorePlaces)}})
	}
	return Explanation{Steps: steps, Value: ptr(sc.final)}
}

// zeroCompare is the comparison a target of 0 is met by: actual ≥ 0 for GE and GT, = 0 for EQ,
// ≤ 0 for LE and LT.
func zeroCompare(op Operator) Operator {
	switch {
	case op == EQ:
		return EQ
	case op.Reverse():
		return LE
	}
	return GE
}

// shownActual is a derived actual as a step can show it: to 2 places, as rates are shown, when
// the rules give the same branch and score with that value; else exactly.
func shownActual(r Rules, ind Indicator, sc scoredIndicator) string {
	rounded := ind.Actual.Round(scorePlaces)
	alt := ind
	alt.Actual = &rounded
	if s := r.scored(alt); s.code == sc.code && s.value.Equal(sc.value) {
		return rounded.StringFixed(scorePlaces)
	}
	return ind.Actual.String()
}

// bindingSteps are the step codes of the bindings.
var bindingSteps = map[Binding]StepCode{
	BindExecutionRate: StepBindingExecutionRate, BindCarryoverRate: StepBindingCarryoverRate,
	BindAssetUtilization: StepBindingAssetUtilization, BindPublicFundsControl: StepBindingPublicFunds,
	BindThreePublicControl: StepBindingThreePublic,
}

func bindingStep(d derivation) Step {
	params := map[string]string{"numerator": money(d.num), "denominator": money(d.den)}
	if !d.ok {
		params["binding"] = string(d.binding)
		return Step{Code: StepBindingUndefined, Params: params}
	}
	params["percent"] = d.value.StringFixed(scorePlaces)
	return Step{Code: bindingSteps[d.binding], Params: params, Value: ptr(d.value)}
}

// ExplainDeviation returns why a deviation reason is, or is not, required of ind under r
// (DeviationRequired): for a rate check the completion rate, then the threshold it crossed or the
// two it lies between; for a target check the comparison. ok is false where the rule does not
// apply (a qualitative indicator, no actual, an unknown operator).
func (r Rules) ExplainDeviation(ind Indicator) (e Explanation, ok bool) {
	c := r.deviationOf(ind)
	if !c.applies {
		return Explanation{}, false
	}
	a, t := *ind.Actual, nonNegative(ind.Target)
	var steps []Step
	switch c.code {
	case StepDeviationTargetMet, StepDeviationTargetMissed:
		steps = append(steps, Step{Code: c.code,
			Params: map[string]string{"actual": a.String(), "compare": string(c.compare), "target": t.String()}})
	default:
		rate := c.rate.StringFixed(scorePlaces)
		steps = append(steps, Step{Code: StepCompletionRate, Params: map[string]string{"actual": a.String(), "target": t.String()},
			Value: ptr(c.rate)})
		params := map[string]string{"completionRate": rate}
		switch c.code {
		case StepDeviationBelow:
			params["threshold"] = r.DeviationBelow.String()
		case StepDeviationAtOrAbove:
			params["threshold"] = r.DeviationAtOrAbove.String()
		default:
			params["below"], params["atOrAbove"] = r.DeviationBelow.String(), r.DeviationAtOrAbove.String()
		}
		steps = append(steps, Step{Code: c.code, Params: params})
	}
	holds := c.required
	return Explanation{Steps: steps, Holds: &holds}, true
}

// ExplainExecutionItem returns the derivation of a project's execution item under r
// (ExecutionItemScore): r.ExecutionWeight × min(executed / budget, 1).
func (r Rules) ExplainExecutionItem(executed, budget decimal.Decimal) Explanation {
	s, code := r.executionItem(executed, budget)
	params := map[string]string{"weight": r.ExecutionWeight.String(), "budget": money(budget)}
	if code != StepExecutionNoBudget {
		params["executed"] = money(executed)
	}
	return Explanation{Steps: []Step{{Code: code, Params: params, Value: ptr(s)}}, Value: ptr(s)}
}

// ExplainTotal returns the derivation of an evaluation's total from its scored leaves (a
// project's execution item among them) under r: each level-2 subtotal as the sum of its leaves,
// each level-1 subtotal as the sum of its level-2 subtotals (and of its leaves without a level-2
// name), the total as the sum of the level-1 subtotals, and its grade. Value is Total of the
// leaves' scores; the grade is r.GradeOf of it.
func (r Rules) ExplainTotal(leaves []Leaf) Explanation {
	var steps []Step
	var level1 []decimal.Decimal
	subtotal := func(g *group) Step {
		return Step{Code: StepSubtotal, Value: ptr(g.sum.Score), Params: map[string]string{
			"level1": g.sum.Level1, "level2": g.sum.Level2, "terms": terms(g.terms), "weight": g.sum.Weight.String()}}
	}
	for _, g := range groupsOf(leaves) {
		for _, l2 := range g.level2 {
			steps = append(steps, subtotal(l2))
		}
		steps = append(steps, subtotal(g))
		level1 = append(level1, g.sum.Score)
	}
	scores := make([]decimal.Decimal, len(leaves))
	for i, l := range leaves {
		scores[i] = l.Score
	}
	total := Total(scores)
	steps = append(steps, Step{Code: StepTotal, Value: ptr(total), Params: map[string]string{"terms": terms(level1)}})
	grade := r.GradeOf(total)
	from, below, _ := r.GradeRange(grade)
	params := map[string]string{"total": total.StringFixed(scorePlaces), "grade": string(grade), "from": from.String(), "below": ""}
	if below != nil {
		params["below"] = below.String()
	}
	steps = append(steps, Step{Code: StepGradeBand, Value: ptr(total), Params: params})
	return Explanation{Steps: steps, Value: ptr(total)}
}

// ExplainMonth returns why month m is, or is not, behind its cumulative target against budget
// (MonthsBehind): its cumulative spending as a share of the budget, against the target.
func ExplainMonth(budget decimal.Decimal, m Month) Explanation {
	c := monthOf(budget, m)
	params := map[string]string{"month": strconv.Itoa(m.Month), "budget": money(budget)}
	step := Step{Code: c.code, Params: params}
	if c.code != StepMonthNoBudget {
		params["cumulative"], params["percent"], params["target"] =
			money(m.CumulativeExecuted), c.rate.StringFixed(scorePlaces), m.TargetPercent.String()
		step.Value = ptr(c.rate)
	}
	behind := c.behind && m.Month >= 1 && m.Month <= 12
	return Explanation{Steps: []Step{step}, Holds: &behind}
}

// terms writes the scores a sum adds, each with 2 places.
func terms(ds []decimal.Decimal) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.StringFixed(scorePlaces)
	}
	return strings.Join(parts, TermsSeparator)
}

// money writes an amount with 2 places, or exactly when it has more.
func money(d decimal.Decimal) string { return points(d) }

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }
