package scoring

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Problem is one reason an evaluation cannot be submitted. Indicator is the indicator's key as given by
// the caller ("" for evaluation-level problems); Field is the camelCase GraphQL field to fix ("weight",
// "deviationReason", "rating", "ratedScore", "actual", "executionExplanation", and for malformed input
// "kind", "operator", "target").
type Problem struct {
	Indicator string
	Field     string
	Message   string
}

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
		report := func(field, format string, args ...any) {
			out = append(out, Problem{Indicator: si.Key, Field: field,
				Message: fmt.Sprintf("indicator %q: ", name) + fmt.Sprintf(format, args...)})
		}
		if !ind.Weight.IsPositive() {
			report("weight", "weight %s is not positive", ind.Weight)
		}
		switch ind.Kind {
		case Qualitative:
			switch {
			case ind.Rating == NotRated:
				report("rating", "no rating is chosen")
			case !ind.Rating.Valid():
				report("rating", "unknown rating %q", string(ind.Rating))
			}
			if ind.RatedScore == nil {
				report("ratedScore", "no score is entered")
			} else if ind.Rating != NotRated && ind.Rating.Valid() && ind.Weight.IsPositive() {
				if err := CheckRatedScore(ind.Rating, *ind.RatedScore, ind.Weight); err != nil {
					report("ratedScore", "%v", err)
				}
			}
		case Quantitative:
			if !ind.Operator.Valid() {
				report("operator", "unknown operator %q", string(ind.Operator))
			}
			if ind.Target.IsNegative() {
				report("target", "target %s is negative", ind.Target)
			}
			if ind.Actual == nil {
				report("actual", "no actual value is entered")
			} else if DeviationRequired(ind) && strings.TrimSpace(si.DeviationReason) == "" {
				report("deviationReason", "%s; a deviation reason is required", deviation(ind))
			}
		default:
			report("kind", "unknown kind %q", string(ind.Kind))
		}
	}
	if in.Project {
		sum = sum.Add(ExecutionItemWeight)
	}
	if !sum.Equal(hundred) {
		msg := fmt.Sprintf("weights add up to %s, not 100", sum)
		if in.Project {
			msg = fmt.Sprintf("weights add up to %s (with the execution item's %s), not 100", sum, ExecutionItemWeight)
		}
		out = append(out, Problem{Field: "weight", Message: msg})
	}
	if in.Project && in.ExecutionRate != nil && in.ExecutionRate.LessThan(ExecutionExplanationThreshold) &&
		strings.TrimSpace(in.ExecutionExplanation) == "" {
		out = append(out, Problem{Field: "executionExplanation", Message: fmt.Sprintf(
			"execution rate %s %% is below %s %%; an explanation is required",
			in.ExecutionRate.StringFixed(scorePlaces), ExecutionExplanationThreshold)})
	}
	return out
}

// deviation says why DeviationRequired holds for ind, naming the values.
func deviation(ind Indicator) string {
	a, t := *ind.Actual, nonNegative(ind.Target)
	if rate, ok := CompletionRate(t, a); ok && !ind.Operator.Reverse() {
		if rate.LessThan(deviationLow) {
			return fmt.Sprintf("completion rate %s %% is below %s %%", rate.StringFixed(scorePlaces), deviationLow)
		}
		return fmt.Sprintf("completion rate %s %% is at or above %s %%", rate.StringFixed(scorePlaces), deviationHigh)
	}
	return fmt.Sprintf("actual %s does not meet target %s %s", a, ind.Operator.symbol(), t)
}
