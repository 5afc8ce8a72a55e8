package scoring

import (
	"errors"
	"fmt"
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
	WeightNotPositive     Reason = "WEIGHT_NOT_POSITIVE"       // weight
	RatingMissing         Reason = "RATING_MISSING"            //
	RatingUnknown         Reason = "RATING_UNKNOWN"            // rating
	RatedScoreMissing     Reason = "RATED_SCORE_MISSING"       //
	RatedScoreOutsideBand Reason = "RATED_SCORE_OUTSIDE_BAND"  // score, rating, weight, low, high, highInclusive ("true"/"false")
	OperatorUnknown       Reason = "OPERATOR_UNKNOWN"          // operator
	TargetNegative        Reason = "TARGET_NEGATIVE"           // target
	ActualMissing         Reason = "ACTUAL_MISSING"            //
	CompletionBelow       Reason = "COMPLETION_BELOW"          // completionRate, threshold (percent): a deviation reason is required
	CompletionAbove       Reason = "COMPLETION_AT_OR_ABOVE"    // completionRate, threshold (percent): a deviation reason is required
	TargetMissed          Reason = "TARGET_MISSED"             // actual, operator (GE, LE…), target: a deviation reason is required
	KindUnknown           Reason = "KIND_UNKNOWN"              // kind
	WeightsNotHundred     Reason = "WEIGHTS_NOT_100"           // sum, and for a project executionItemWeight
	ExecutionUnexplained  Reason = "EXECUTION_BELOW_THRESHOLD" // executionRate, threshold (percent): an explanation is required
	FundingSumMismatch    Reason = "FUNDING_SUM_MISMATCH"      // column (initialBudget, adjustedBudget, executed), sum, total: the 其中 lines must add up to the total row
)

// SubmitIndicator is one leaf indicator of an evaluation being submitted.
type SubmitIndicator struct {
	Key             string
	Name            string
	Indicator       Indicator
	DeviationReason string
}

// SubmitInput is an evaluation being submitted.
type SubmitInput struct {
	Indicators           []SubmitIndicator
	Project              bool             // a project evaluation: the execution item (weight 10) counts toward the 100
	ExecutionRate        *decimal.Decimal // percent, projects only; nil when undefined
	ExecutionExplanation string
}

// SubmitProblems returns every problem at once (never stops at the first, so a form can mark them all),
// in indicator order then evaluation-level: per indicator a weight <= 0, a qualitative indicator without
// rating or score, a rated score outside its band, a quantitative indicator without an actual, a deviation
// without a (non-blank) reason; then weights not summing to exactly 100 (message gives the actual sum) and
// a project execution rate below 90 % without explanation. An undefined execution rate (nil) asks for no
// explanation. Messages are plain English that name the value, e.g. `weights add up to 95.5, not 100`.
func SubmitProblems(in SubmitInput) []Problem {
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
				if err := CheckRatedScore(ind.Rating, *ind.RatedScore, ind.Weight); errors.As(err, &band) {
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
			} else if DeviationRequired(ind) && strings.TrimSpace(si.DeviationReason) == "" {
				reason, params, text := deviation(ind)
				report("deviationReason", reason, params, "%s; a deviation reason is required", text)
			}
		default:
			report("kind", KindUnknown, map[string]string{"kind": string(ind.Kind)}, "unknown kind %q", string(ind.Kind))
		}
	}
	if in.Project {
		sum = sum.Add(ExecutionItemWeight)
	}
	if !sum.Equal(hundred) {
		msg := fmt.Sprintf("weights add up to %s, not 100", sum)
		params := map[string]string{"sum": sum.String()}
		if in.Project {
			msg = fmt.Sprintf("weights add up to %s (with the execution item's %s), not 100", sum, ExecutionItemWeight)
			params["executionItemWeight"] = ExecutionItemWeight.String()
		}
		out = append(out, Problem{Field: "weight", Reason: WeightsNotHundred, Params: params, Message: msg})
	}
	if in.Project && in.ExecutionRate != nil && in.ExecutionRate.LessThan(ExecutionExplanationThreshold) &&
		strings.TrimSpace(in.ExecutionExplanation) == "" {
		rate := in.ExecutionRate.StringFixed(scorePlaces)
		out = append(out, Problem{Field: "executionExplanation", Reason: ExecutionUnexplained,
			Params: map[string]string{"executionRate": rate, "threshold": ExecutionExplanationThreshold.String()},
			Message: fmt.Sprintf("execution rate %s %% is below %s %%; an explanation is required",
				rate, ExecutionExplanationThreshold)})
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

// deviation says why DeviationRequired holds for ind: its reason, the values it
// names, and the same in English.
func deviation(ind Indicator) (Reason, map[string]string, string) {
	a, t := *ind.Actual, nonNegative(ind.Target)
	if rate, ok := CompletionRate(t, a); ok && !ind.Operator.Reverse() {
		r := rate.StringFixed(scorePlaces)
		if rate.LessThan(deviationLow) {
			return CompletionBelow, map[string]string{"completionRate": r, "threshold": deviationLow.String()},
				fmt.Sprintf("completion rate %s %% is below %s %%", r, deviationLow)
		}
		return CompletionAbove, map[string]string{"completionRate": r, "threshold": deviationHigh.String()},
			fmt.Sprintf("completion rate %s %% is at or above %s %%", r, deviationHigh)
	}
	return TargetMissed, map[string]string{"actual": a.String(), "operator": string(ind.Operator), "target": t.String()},
		fmt.Sprintf("actual %s does not meet target %s %s", a, ind.Operator.symbol(), t)
}
