package scoring

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Problem is one reason an evaluation cannot be submitted. Indicator is the indicator's key as given by
// the caller ("" for evaluation-level problems); Field is the camelCase GraphQL field to fix ("weight",
// "deviationReason", "rating", "ratedScore", "actual", "executionExplanation", and for malformed input
// "kind", "operator", "target").
//
// Reason is a stable code a UI translates and Params the values its sentence names (decimals as
// strings, as GraphQL writes them); Message is the same in English, for logs and API callers.
type Problem struct {
	Indicator string
	Field     string
	Message   string
	Reason    Reason
	Params    map[string]string
}

// Reason says why a submit check failed; each names its Params.
type Reason string

const (
	WeightNotPositive     Reason = "WEIGHT_NOT_POSITIVE"        // weight
	RatingMissing         Reason = "RATING_MISSING"             //
	RatingUnknown         Reason = "RATING_UNKNOWN"             // rating
	RatedScoreMissing     Reason = "RATED_SCORE_MISSING"        //
	RatedScoreOutsideBand Reason = "RATED_SCORE_OUTSIDE_BAND"   // score, rating, weight, low, high, highInclusive ("true"/"false")
	OperatorUnknown       Reason = "OPERATOR_UNKNOWN"           // operator
	TargetNegative        Reason = "TARGET_NEGATIVE"            // target
	ActualMissing         Reason = "ACTUAL_MISSING"             //
	CompletionBelow       Reason = "COMPLETION_BELOW"           // completionRate, threshold (percent): a deviation reason is required
	CompletionAbove       Reason = "COMPLETION_AT_OR_ABOVE"     // completionRate, threshold (percent): a deviation reason is required
	TargetMissed          Reason = "TARGET_MISSED"              // actual, operator (GE, LE…), target: a deviation reason is required
	KindUnknown           Reason = "KIND_UNKNOWN"               // kind
	WeightsNotHundred     Reason = "WEIGHTS_NOT_100"            // sum, and for a project executionItemWeight
	WeightSplitMismatch   Reason = "WEIGHT_SPLIT_MISMATCH"      // level1, sum, expected: a project's level-1 group does not carry its standard weight
	WeightSplitUnknown    Reason = "WEIGHT_SPLIT_UNKNOWN_GROUP" // level1: a project's level-1 group is none of the standard split's
	ExecutionUnexplained  Reason = "EXECUTION_BELOW_THRESHOLD"  // executionRate, threshold (percent): an explanation is required
	FundingSumMismatch    Reason = "FUNDING_SUM_MISMATCH"       // column (initialBudget, adjustedBudget, executed), sum, total: the 其中 lines must add up to the total row
)

// SubmitIndicator is one leaf indicator of an evaluation being submitted.
type SubmitIndicator struct {
	Key             string
	Name            string
	Level1          string // for the weight split check
	Indicator       Indicator
	DeviationReason string
}

// SubmitInput is an evaluation being submitted.
type SubmitInput struct {
	Indicators           []SubmitIndicator
	Project              bool             // a project evaluation: the execution item (weight 10 by default) counts toward the 100
	ExecutionRate        *decimal.Decimal // percent, projects only; nil when undefined
	ExecutionExplanation string
}

// SubmitProblems returns every problem under r at once (never stops at the first, so a form can mark them
// all), in indicator order then evaluation-level: per indicator a weight <= 0, a qualitative indicator
// without rating or score, a rated score outside its band, a quantitative indicator without an actual, a
// deviation without a (non-blank) reason; then weights not summing to exactly 100 (message gives the actual
// sum), for a project when r.CheckWeightSplit each level-1 group that does not carry its standard weight
// (in the split's order, then unknown groups in order of appearance), and a project execution rate below
// r.ExecutionExplanationBelow without explanation. An undefined execution rate (nil) asks for no
// explanation. Messages are plain English that name the value, e.g. `weights add up to 95.5, not 100`.
func (r Rules) SubmitProblems(in SubmitInput) []Problem {
	var out []Problem
	sum := decimal.Zero
	for _, si := range in.Indicators {
		ind := si.Indicator
		sum = sum.Add(ind.Weight)
		name := si.Name
		if name == "" {
			name = si.Key
		}
		report := func(field string, reason Reason, params map[string]string, format string, args ...any) {
			out = append(out, Problem{Indicator: si.Key, Field: field, Reason: reason, Params: params,
				Message: fmt.Sprintf("indicator %q: ", name) + fmt.Sprintf(format, args...)})
		}
		if !ind.Weight.IsPositive() {
			report("weight", WeightNotPositive, map[string]string{"weight": ind.Weight.String()},
				"weight %s is not positive", ind.Weight)
		}
		switch ind.Kind {
		case Qualitative:
			switch {
			case ind.Rating == NotRated:
				report("rating", RatingMissing, nil, "no rating is chosen")
			case !ind.Rating.Valid():
				report("rating", RatingUnknown, map[string]string{"rating": string(ind.Rating)}, "unknown rating %q", string(ind.Rating))
			}
			if ind.RatedScore == nil {
				report("ratedScore", RatedScoreMissing, nil, "no score is entered")
			} else if ind.Rating != NotRated && ind.Rating.Valid() && ind.Weight.IsPositive() {
				var band *BandError
				if err := r.CheckRatedScore(ind.Rating, *ind.RatedScore, ind.Weight); errors.As(err, &band) {
					report("ratedScore", RatedScoreOutsideBand, band.params(), "%v", err)
				}
			}
		case Quantitative:
			if !ind.Operator.Valid() {
				report("operator", OperatorUnknown, map[string]string{"operator": string(ind.Operator)},
					"unknown operator %q", string(ind.Operator))
			}
			if ind.Target.IsNegative() {
				report("target", TargetNegative, map[string]string{"target": ind.Target.String()}, "target %s is negative", ind.Target)
			}
			if ind.Actual == nil {
				report("actual", ActualMissing, nil, "no actual value is entered")
			} else if r.DeviationRequired(ind) && strings.TrimSpace(si.DeviationReason) == "" {
				reason, params, text := r.deviation(ind)
				report("deviationReason", reason, params, "%s; a deviation reason is required", text)
			}
		default:
			report("kind", KindUnknown, map[string]string{"kind": string(ind.Kind)}, "unknown kind %q", string(ind.Kind))
		}
	}
	if in.Project {
		sum = sum.Add(r.ExecutionWeight)
	}
	if !sum.Equal(hundred) {
		msg := fmt.Sprintf("weights add up to %s, not 100", sum)
		params := map[string]string{"sum": sum.String()}
		if in.Project {
			msg = fmt.Sprintf("weights add up to %s (with the execution item's %s), not 100", sum, r.ExecutionWeight)
			params["executionItemWeight"] = r.ExecutionWeight.String()
		}
		out = append(out, Problem{Field: "weight", Reason: WeightsNotHundred, Params: params, Message: msg})
	}
	if in.Project && r.CheckWeightSplit {
		out = append(out, r.splitProblems(in.Indicators)...)
	}
	if in.Project && in.ExecutionRate != nil && in.ExecutionRate.LessThan(r.ExecutionExplanationBelow) &&
		strings.TrimSpace(in.ExecutionExplanation) == "" {
		rate := in.ExecutionRate.StringFixed(scorePlaces)
		out = append(out, Problem{Field: "executionExplanation", Reason: ExecutionUnexplained,
			Params: map[string]string{"executionRate": rate, "threshold": r.ExecutionExplanationBelow.String()},
			Message: fmt.Sprintf("execution rate %s %% is below %s %%; an explanation is required",
				rate, r.ExecutionExplanationBelow)})
	}
	return out
}

// splitProblems compares a project's level-1 groups with the standard split (SCORING.md §3, §7): each
// standard group must carry its weight (a group without indicators carries 0), and every indicator must
// be in one of them.
func (r Rules) splitProblems(inds []SubmitIndicator) []Problem {
	sums := map[SplitGroup]decimal.Decimal{}
	var unknown []string
	for _, si := range inds {
		g, ok := splitGroupOf(si.Level1)
		if !ok {
			if !slices.Contains(unknown, si.Level1) {
				unknown = append(unknown, si.Level1)
			}
			continue
		}
		sums[g] = sums[g].Add(si.Indicator.Weight)
	}
	var out []Problem
	for _, g := range []SplitGroup{SplitOutput, SplitBenefit, SplitSatisfaction} {
		if want := r.splitWeight(g); !sums[g].Equal(want) {
			out = append(out, Problem{Field: "weight", Reason: WeightSplitMismatch,
				Params:  map[string]string{"level1": string(g), "sum": sums[g].String(), "expected": want.String()},
				Message: fmt.Sprintf("the weights of %s add up to %s, not the standard %s", g, sums[g], want)})
		}
	}
	for _, name := range unknown {
		out = append(out, Problem{Field: "level1", Reason: WeightSplitUnknown, Params: map[string]string{"level1": name},
			Message: fmt.Sprintf("level-1 group %q is none of the standard split's (%s, %s, %s)", name,
				SplitOutput, SplitBenefit, SplitSatisfaction)})
	}
	return out
}

// Params are the values a translated sentence about the band names (reason
// RATED_SCORE_OUTSIDE_BAND): score, rating, weight, low, high, highInclusive.
func (e *BandError) Params() map[string]string { return e.params() }

// params are the values a translated sentence about the band names.
func (e *BandError) params() map[string]string {
	return map[string]string{"score": e.Score.String(), "rating": string(e.Rating), "weight": e.Weight.String(),
		"low": points(e.Low), "high": points(e.High), "highInclusive": fmt.Sprint(e.HighInclusive)}
}

// deviation says why DeviationRequired holds for ind under r: its reason, the
// values it names, and the same in English.
func (r Rules) deviation(ind Indicator) (Reason, map[string]string, string) {
	a, t := *ind.Actual, nonNegative(ind.Target)
	switch c := r.deviationOf(ind); c.code {
	case StepDeviationBelow:
		pct := c.rate.StringFixed(scorePlaces)
		return CompletionBelow, map[string]string{"completionRate": pct, "threshold": r.DeviationBelow.String()},
			fmt.Sprintf("completion rate %s %% is below %s %%", pct, r.DeviationBelow)
	case StepDeviationAtOrAbove:
		pct := c.rate.StringFixed(scorePlaces)
		return CompletionAbove, map[string]string{"completionRate": pct, "threshold": r.DeviationAtOrAbove.String()},
			fmt.Sprintf("completion rate %s %% is at or above %s %%", pct, r.DeviationAtOrAbove)
	}
	return TargetMissed, map[string]string{"actual": a.String(), "operator": string(ind.Operator), "target": t.String()},
		fmt.Sprintf("actual %s does not meet target %s %s", a, ind.Operator.symbol(), t)
}
