package scoring

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// ReverseRule is how a reverse indicator (≤, <) that misses its target scores (SCORING.md §7).
type ReverseRule string

const (
	// ReverseLinear: weight × (1 − (actual − target) / target), 0 from twice the target (§1).
	ReverseLinear ReverseRule = "LINEAR"
	// ReverseRatio: weight × target / actual, the form notes' 年度指标值 / 全年实际值 × 分值.
	ReverseRatio ReverseRule = "RATIO"
)

// Valid reports whether r is a known reverse rule.
func (r ReverseRule) Valid() bool { return r == ReverseLinear || r == ReverseRatio }

// Rules are the parameters of the scoring rules that a finance bureau's rule set
// may choose (SCORING.md §7). Every function that applies a rule takes them; the
// zero value is not a rule set, Default is today's rules. Percentages are in
// percent (90 means 90 %).
type Rules struct {
	// Reverse is how a missed reverse indicator scores.
	Reverse ReverseRule
	// EqualLikeAtLeast: `=` scores like `≥` (§1); otherwise `=` is met only by
	// the target itself, full weight or nothing.
	EqualLikeAtLeast bool
	// DeviationBelow and DeviationAtOrAbove: a positive indicator whose
	// completion rate is below the first or at or above the second needs a
	// deviation reason (§1: 100 and 130).
	DeviationBelow, DeviationAtOrAbove decimal.Decimal
	// ExecutionExplanationBelow: a project's execution rate below it needs an
	// explanation (§3: 90).
	ExecutionExplanationBelow decimal.Decimal
	// ExecutionWeight is the weight of a project's fixed 预算执行率 item (§3: 10);
	// OutputWeight, BenefitWeight and SatisfactionWeight the standard split of
	// the other points (产出 50, 效益 30, 满意度 10). They add up to 100.
	ExecutionWeight, OutputWeight, BenefitWeight, SatisfactionWeight decimal.Decimal
	// CheckWeightSplit: submitting a project's evaluation checks that its
	// level-1 groups carry the standard split (off in §3: "commonly").
	CheckWeightSplit bool
	// ExcellentFrom, GoodFrom, FairFrom are the lowest total of each grade (§5:
	// 90, 80, 60); below FairFrom is POOR.
	ExcellentFrom, GoodFrom, FairFrom decimal.Decimal
	// AchievedFrom and PartialFrom are the lowest rated score of ACHIEVED and
	// PARTIAL in percent of the weight (§2: 80, 60); below PartialFrom is
	// NOT_ACHIEVED.
	AchievedFrom, PartialFrom decimal.Decimal
}

// Default returns today's rules: SCORING.md §1–§5, which score the seed 99.69.
func Default() Rules {
	n := decimal.NewFromInt
	return Rules{
		Reverse:                   ReverseLinear,
		EqualLikeAtLeast:          true,
		DeviationBelow:            n(100),
		DeviationAtOrAbove:        n(130),
		ExecutionExplanationBelow: n(90),
		ExecutionWeight:           n(10),
		OutputWeight:              n(50),
		BenefitWeight:             n(30),
		SatisfactionWeight:        n(10),
		CheckWeightSplit:          false,
		ExcellentFrom:             n(90),
		GoodFrom:                  n(80),
		FairFrom:                  n(60),
		AchievedFrom:              n(80),
		PartialFrom:               n(60),
	}
}

// Equal reports whether r and o are the same rules (decimals compared by value).
func (r Rules) Equal(o Rules) bool {
	for i, a := range r.decimals() {
		if !a.value.Equal(o.decimals()[i].value) {
			return false
		}
	}
	return r.Reverse == o.Reverse && r.EqualLikeAtLeast == o.EqualLikeAtLeast && r.CheckWeightSplit == o.CheckWeightSplit
}

// namedDecimal is a decimal parameter with its GraphQL name.
type namedDecimal struct {
	field string
	value decimal.Decimal
}

// decimals lists the decimal parameters in the order problems are reported.
func (r Rules) decimals() []namedDecimal {
	return []namedDecimal{
		{"deviationBelow", r.DeviationBelow}, {"deviationAtOrAbove", r.DeviationAtOrAbove},
		{"executionExplanationBelow", r.ExecutionExplanationBelow},
		{"executionWeight", r.ExecutionWeight}, {"outputWeight", r.OutputWeight},
		{"benefitWeight", r.BenefitWeight}, {"satisfactionWeight", r.SatisfactionWeight},
		{"excellentFrom", r.ExcellentFrom}, {"goodFrom", r.GoodFrom}, {"fairFrom", r.FairFrom},
		{"achievedFrom", r.AchievedFrom}, {"partialFrom", r.PartialFrom},
	}
}

// RuleProblem is one reason a set of rules is refused: Field is the parameter's
// GraphQL name, Reason a stable code a UI translates with Params, Message the
// same in English (without the field, which the API puts before it).
type RuleProblem struct {
	Field   string
	Reason  RuleReason
	Params  map[string]string
	Message string
}

// RuleReason says why a parameter is refused; each names its Params.
type RuleReason string

const (
	RuleOutOfRange   RuleReason = "OUT_OF_RANGE"     // min, max, got; minExclusive, maxExclusive ("true"/"false")
	RuleTooPrecise   RuleReason = "TOO_MANY_PLACES"  // max, got: parameters have at most 2 decimal places
	RuleNotOrdered   RuleReason = "NOT_ORDERED"      // above (the field that must be greater), aboveValue, got
	RuleSplitNot100  RuleReason = "WEIGHT_SPLIT_SUM" // sum: the execution item and the split add up to 100
	RuleUnknownValue RuleReason = "UNKNOWN_VALUE"    // got, allowed
)

// paramPlaces is the precision of a parameter: the forms print thresholds and weights with 2 places at most.
const paramPlaces = 2

// Validate returns every problem of r at once, in parameter order: each
// percentage within its range, the grade and rating bands ordered so that they
// cover 0 to 100 without gaps, the deviation thresholds either side of 100 %,
// and the weight split adding up to 100.
func (r Rules) Validate() []RuleProblem {
	var out []RuleProblem
	bad := map[string]bool{} // fields already refused: an order check on them would only repeat it
	add := func(field string, reason RuleReason, params map[string]string, format string, args ...any) {
		bad[field] = true
		out = append(out, RuleProblem{Field: field, Reason: reason, Params: params, Message: fmt.Sprintf(format, args...)})
	}
	if !r.Reverse.Valid() {
		add("reverseRule", RuleUnknownValue, map[string]string{"got": string(r.Reverse), "allowed": "LINEAR, RATIO"},
			"must be LINEAR or RATIO, got %q", string(r.Reverse))
	}
	// Ranges: lo and hi with whether each end is excluded.
	type span struct {
		lo, hi       int64
		loExc, hiExc bool
	}
	ranges := map[string]span{
		"deviationBelow":            {0, 100, false, false},
		"deviationAtOrAbove":        {100, 1000, true, false},
		"executionExplanationBelow": {0, 100, false, false},
		"executionWeight":           {0, 100, false, true},
		"outputWeight":              {0, 100, false, false},
		"benefitWeight":             {0, 100, false, false},
		"satisfactionWeight":        {0, 100, false, false},
		"excellentFrom":             {0, 100, true, false},
		"goodFrom":                  {0, 100, true, false},
		"fairFrom":                  {0, 100, true, false},
		"achievedFrom":              {0, 100, true, false},
		"partialFrom":               {0, 100, true, false},
	}
	for _, p := range r.decimals() {
		if !p.value.Equal(p.value.Round(paramPlaces)) {
			add(p.field, RuleTooPrecise, map[string]string{"max": fmt.Sprint(paramPlaces), "got": p.value.String()},
				"must have at most %d decimal places, got %s", paramPlaces, p.value)
			continue
		}
		s := ranges[p.field]
		lo, hi := decimal.NewFromInt(s.lo), decimal.NewFromInt(s.hi)
		if p.value.LessThan(lo) || s.loExc && p.value.Equal(lo) || p.value.GreaterThan(hi) || s.hiExc && p.value.Equal(hi) {
			add(p.field, RuleOutOfRange, map[string]string{
				"min": lo.String(), "max": hi.String(), "got": p.value.String(),
				"minExclusive": fmt.Sprint(s.loExc), "maxExclusive": fmt.Sprint(s.hiExc)},
				"must be %s %s and %s %s, got %s", above(s.loExc), lo, below(s.hiExc), hi, p.value)
		}
	}
	// Bands: each lower bound under the one above it, so that the grades (and
	// ratings) cover 0 to 100 in order, each band non-empty.
	order := func(field string, v decimal.Decimal, aboveField string, a decimal.Decimal) {
		if bad[field] || bad[aboveField] || v.LessThan(a) {
			return
		}
		add(field, RuleNotOrdered, map[string]string{"above": aboveField, "aboveValue": a.String(), "got": v.String()},
			"must be below %s (%s), got %s", aboveField, a, v)
	}
	order("goodFrom", r.GoodFrom, "excellentFrom", r.ExcellentFrom)
	order("fairFrom", r.FairFrom, "goodFrom", r.GoodFrom)
	order("partialFrom", r.PartialFrom, "achievedFrom", r.AchievedFrom)
	split := []string{"executionWeight", "outputWeight", "benefitWeight", "satisfactionWeight"}
	if !bad[split[0]] && !bad[split[1]] && !bad[split[2]] && !bad[split[3]] {
		if sum := r.ExecutionWeight.Add(r.OutputWeight).Add(r.BenefitWeight).Add(r.SatisfactionWeight); !sum.Equal(hundred) {
			add("outputWeight", RuleSplitNot100, map[string]string{"sum": sum.String()},
				"the execution item and the split (%s) add up to %s, not 100", strings.Join(split, " + "), sum)
		}
	}
	return out
}

func above(exclusive bool) string {
	if exclusive {
		return "above"
	}
	return "at least"
}

func below(exclusive bool) string {
	if exclusive {
		return "below"
	}
	return "at most"
}

// SplitGroup is a level-1 group of a project's indicators in the standard weight split.
type SplitGroup string

const (
	SplitOutput       SplitGroup = "产出指标"
	SplitBenefit      SplitGroup = "效益指标"
	SplitSatisfaction SplitGroup = "满意度指标"
)

// splitGroupOf is the standard group a level-1 name belongs to: the form's own
// name or its short form (产出, 效益, 满意度); ok is false for any other name.
func splitGroupOf(level1 string) (SplitGroup, bool) {
	name := strings.TrimSuffix(strings.TrimSpace(level1), "指标")
	for _, g := range []SplitGroup{SplitOutput, SplitBenefit, SplitSatisfaction} {
		if name == strings.TrimSuffix(string(g), "指标") {
			return g, true
		}
	}
	return "", false
}

// splitWeight is the weight the standard split gives group g.
func (r Rules) splitWeight(g SplitGroup) decimal.Decimal {
	switch g {
	case SplitOutput:
		return r.OutputWeight
	case SplitBenefit:
		return r.BenefitWeight
	}
	return r.SatisfactionWeight
}
