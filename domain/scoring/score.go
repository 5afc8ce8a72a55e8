package scoring

import (
	"fmt"

	"github.com/shopspring/decimal"
)

var (
	hundred = decimal.NewFromInt(100)
	two     = decimal.NewFromInt(2)
)

// scorePlaces is the precision of an indicator score and of a displayed percentage.
const scorePlaces = 2

// Indicator is what scoring needs of one indicator. Actual is nil when no actual value is recorded
// (a quantitative indicator without an actual scores 0). For a bound indicator the caller passes the derived actual.
type Indicator struct {
	Kind       Kind
	Operator   Operator         // quantitative only
	Target     decimal.Decimal  // quantitative only; >= 0
	Actual     *decimal.Decimal // quantitative only
	Weight     decimal.Decimal  // > 0
	Rating     Rating           // qualitative only
	RatedScore *decimal.Decimal // qualitative only: the evaluator's score, inside the rating's band
}

// Score returns the indicator's score under r (SCORING.md §1, §2 and §7), rounded to 2 places half away
// from zero, never below 0 nor above the weight.
//
// Quantitative, our reading of the edge cases:
//   - positive (GE, GT, EQ), target > 0: weight × min(max(actual, 0) / target, 1);
//     with r.EqualLikeAtLeast false, EQ gives full weight when actual = target, else 0;
//   - positive, target = 0: GE and GT give full weight when actual >= 0, else 0;
//     EQ gives full weight when actual = 0, else 0;
//   - reverse (LE, LT), actual <= target: full weight (an actual of 0 or below included, whatever the rule);
//   - reverse, target > 0 and actual > target, ReverseLinear: weight × (2 × target − actual) / target,
//     0 from 2 × target on; ReverseRatio: weight × target / actual (actual > target > 0: no division by 0);
//   - reverse, target = 0 and actual > 0: 0 under either rule;
//   - no actual, or an unknown operator: 0. A negative target is invalid and is scored as target 0.
//
// Qualitative: the rated score (clamped into [0, weight]) when both a rating and a score are set, else 0;
// whether the score lies in the rating's band is CheckRatedScore's job, not Score's.
//
// An unknown kind or a weight <= 0 scores 0. Weights are expected to have at most 2 decimals; a weight
// with more is cut down to 2 for the upper bound, so that a score never exceeds the weight.
func (r Rules) Score(ind Indicator) decimal.Decimal { return r.scored(ind).final }

// scoredIndicator is how Score arrived at an indicator's score: the branch of the rules that
// applied (the code of its explanation's step), the branch's value, the bound [0, limit] and the
// score within it. Score and Explain both read it, so an explanation is the score's own derivation.
type scoredIndicator struct {
	code         StepCode
	value, limit decimal.Decimal
	final        decimal.Decimal
}

func (r Rules) scored(ind Indicator) scoredIndicator {
	limit := ind.Weight.RoundFloor(scorePlaces)
	if !limit.IsPositive() {
		return scoredIndicator{code: StepWeightNotPositive, limit: limit}
	}
	var s decimal.Decimal
	var code StepCode
	switch ind.Kind {
	case Quantitative:
		s, code = r.quantitativeScore(ind)
	case Qualitative:
		code = StepNotRated
		if ind.Rating != NotRated && ind.Rating.Valid() && ind.RatedScore != nil {
			s, code = ind.RatedScore.Round(scorePlaces), stepRated
		}
	default:
		code = StepKindUnknown
	}
	return scoredIndicator{code: code, value: s, limit: limit, final: clamp(s, decimal.Zero, limit)}
}

// quantitativeScore applies §1 with the weight as given, and names the branch that applied;
// Score rounds and bounds the result.
func (r Rules) quantitativeScore(ind Indicator) (decimal.Decimal, StepCode) {
	if ind.Actual == nil {
		return decimal.Zero, StepNoActual
	}
	if !ind.Operator.Valid() {
		return decimal.Zero, StepOperatorUnknown
	}
	a, t, w := *ind.Actual, nonNegative(ind.Target), ind.Weight
	switch {
	case ind.Operator.Reverse():
		if a.LessThanOrEqual(t) { // includes target 0 with actual <= 0
			return w, StepReverseMet
		}
		if t.IsZero() {
			return decimal.Zero, StepZeroTargetMissed
		}
		if r.Reverse == ReverseRatio {
			return w.Mul(t).DivRound(a, scorePlaces), StepReverseRatio // a > t > 0
		}
		if a.GreaterThanOrEqual(t.Mul(two)) {
			return decimal.Zero, StepReversePastDouble
		}
		return w.Mul(t.Mul(two).Sub(a)).DivRound(t, scorePlaces), StepReverseLinear
	case t.IsZero():
		met := !a.IsNegative()
		if ind.Operator == EQ {
			met = a.IsZero()
		}
		if met {
			return w, StepZeroTargetMet
		}
		return decimal.Zero, StepZeroTargetMissed
	case ind.Operator == EQ && !r.EqualLikeAtLeast:
		if a.Equal(t) {
			return w, StepEqualMet
		}
		return decimal.Zero, StepEqualMissed
	default:
		return share(w, a, t, positiveSteps)
	}
}

// shareSteps name the branches of share for what it scores.
type shareSteps struct{ capped, share, negative StepCode }

var (
	positiveSteps  = shareSteps{StepPositiveCapped, StepPositiveShare, StepPositiveNegative}
	executionSteps = shareSteps{StepExecutionCapped, StepExecutionShare, StepExecutionNegative}
)

// share is weight × min(max(part, 0) / whole, 1) rounded to 2 places, for whole > 0: the positive rule
// shared by indicators and the project's execution item; steps name the branch that applied.
func share(weight, part, whole decimal.Decimal, steps shareSteps) (decimal.Decimal, StepCode) {
	if part.IsNegative() {
		return decimal.Zero, steps.negative
	}
	if part.IsZero() {
		return decimal.Zero, steps.share // weight × 0 / whole
	}
	if part.GreaterThanOrEqual(whole) {
		return weight, steps.capped
	}
	return weight.Mul(part).DivRound(whole, scorePlaces), steps.share
}

func nonNegative(d decimal.Decimal) decimal.Decimal {
	if d.IsNegative() {
		return decimal.Zero
	}
	return d
}

func clamp(d, lo, hi decimal.Decimal) decimal.Decimal {
	if d.LessThan(lo) {
		return lo
	}
	if d.GreaterThan(hi) {
		return hi
	}
	return d
}

// CompletionRate returns actual / target × 100 rounded to 2 places (what reports print: 88 / 80 = 110.00);
// ok is false when target = 0, where the rate is undefined.
func CompletionRate(target, actual decimal.Decimal) (percent decimal.Decimal, ok bool) {
	if target.IsZero() {
		return decimal.Zero, false
	}
	return actual.Mul(hundred).DivRound(target, scorePlaces), true
}

// Attainment returns score / weight rounded to 4 places and bounded to [0, 1], the share charts and
// "below target" filters use; 0 when weight <= 0.
func Attainment(score, weight decimal.Decimal) decimal.Decimal {
	if !weight.IsPositive() {
		return decimal.Zero
	}
	return clamp(score.DivRound(weight, 4), decimal.Zero, decimal.NewFromInt(1))
}

// DeviationRequired reports whether a deviation reason (偏差原因分析) must be given before submission under r
// (§1): a positive indicator whose completion rate, as displayed to 2 places, is below r.DeviationBelow or at
// or above r.DeviationAtOrAbove, or a reverse indicator that is not met (actual > target; for target 0,
// actual > 0); with r.EqualLikeAtLeast false, an EQ indicator whose actual is not its target.
// Our reading for a positive indicator with target 0 (no completion rate): a deviation when the
// indicator does not get full weight. Only quantitative indicators with an actual are concerned; a negative
// target counts as 0, as in Score.
func (r Rules) DeviationRequired(ind Indicator) bool { return r.deviationOf(ind).required }

// deviationCheck is how DeviationRequired decided: whether the rule applies at all (a quantitative
// indicator with an actual and a known operator), the branch that applied (its step code), the
// comparison a target check makes (GE, EQ or LE), the completion rate a rate check compares,
// and the answer.
type deviationCheck struct {
	applies  bool
	code     StepCode
	compare  Operator
	rate     decimal.Decimal
	required bool
}

func (r Rules) deviationOf(ind Indicator) deviationCheck {
	if ind.Kind != Quantitative || ind.Actual == nil || !ind.Operator.Valid() {
		return deviationCheck{}
	}
	a, t := *ind.Actual, nonNegative(ind.Target)
	target := func(compare Operator, missed bool) deviationCheck {
		code := StepDeviationTargetMet
		if missed {
			code = StepDeviationTargetMissed
		}
		return deviationCheck{applies: true, code: code, compare: compare, required: missed}
	}
	switch {
	case ind.Operator.Reverse():
		return target(LE, a.GreaterThan(t))
	case t.IsZero():
		if ind.Operator == EQ {
			return target(EQ, !a.IsZero())
		}
		return target(GE, a.IsNegative())
	case ind.Operator == EQ && !r.EqualLikeAtLeast:
		return target(EQ, !a.Equal(t))
	}
	rate, _ := CompletionRate(t, a)
	c := deviationCheck{applies: true, code: StepDeviationWithin, rate: rate}
	switch {
	case rate.LessThan(r.DeviationBelow):
		c.code, c.required = StepDeviationBelow, true
	case rate.GreaterThanOrEqual(r.DeviationAtOrAbove):
		c.code, c.required = StepDeviationAtOrAbove, true
	}
	return c
}

// Band returns the qualitative band [lo, hi] of rating under r as shares of weight and whether hi is
// inclusive (by default ACHIEVED [0.8,1], PARTIAL [0.6,0.8), NOT_ACHIEVED [0,0.6)). An unknown rating or
// NotRated has no band: all zero values.
func (r Rules) Band(rating Rating) (lo, hi decimal.Decimal, hiInclusive bool) {
	achieved, partial := r.AchievedFrom.Div(hundred), r.PartialFrom.Div(hundred)
	switch rating {
	case Achieved:
		return achieved, decimal.NewFromInt(1), true
	case Partial:
		return partial, achieved, false
	case NotAchieved:
		return decimal.Zero, partial, false
	}
	return decimal.Zero, decimal.Zero, false
}

// CheckRatedScore returns nil when score lies in the rating's band of weight under r, else an error whose
// text names the band in points and percent, e.g. `score 3.5 is outside the band of 达成年度指标 (ACHIEVED):
// 4.00 to 5.00 (80 % to 100 % of weight 5)`; a score outside the band is a *BandError. The comparison is
// exact: with weight 3.33 the ACHIEVED band starts at 2.664.
func (r Rules) CheckRatedScore(rating Rating, score, weight decimal.Decimal) error {
	switch {
	case rating == NotRated:
		return fmt.Errorf("score %s has no rating", score)
	case !rating.Valid():
		return fmt.Errorf("unknown rating %q", string(rating))
	case !weight.IsPositive():
		return fmt.Errorf("weight %s is not positive", weight)
	}
	lo, hi, inclusive := r.Band(rating)
	loPts, hiPts := weight.Mul(lo), weight.Mul(hi)
	if score.GreaterThanOrEqual(loPts) && (score.LessThan(hiPts) || inclusive && score.Equal(hiPts)) {
		return nil
	}
	return &BandError{Rating: rating, Score: score, Weight: weight, Low: loPts, High: hiPts, HighInclusive: inclusive,
		LowShare: lo, HighShare: hi}
}

// BandError is a rated score outside its rating's band of the weight; Low and High are in points.
type BandError struct {
	Rating        Rating
	Score, Weight decimal.Decimal
	Low, High     decimal.Decimal
	HighInclusive bool
	// LowShare and HighShare are the band's edges as shares of the weight.
	LowShare, HighShare decimal.Decimal
}

func (e *BandError) Error() string {
	upTo := "less than "
	if e.HighInclusive {
		upTo = ""
	}
	lo, hi := e.LowShare, e.HighShare
	return fmt.Sprintf("score %s is outside the band of %s (%s): %s to %s%s (%s %% to %s%s %% of weight %s)",
		e.Score, e.Rating.chinese(), string(e.Rating), points(e.Low), upTo, points(e.High),
		lo.Mul(hundred), upTo, hi.Mul(hundred), e.Weight)
}

// points prints a band edge with 2 decimals, or exactly when it has more, so the message never
// shows a rounded edge that the exact check then contradicts.
func points(d decimal.Decimal) string {
	if d.Equal(d.Round(scorePlaces)) {
		return d.StringFixed(scorePlaces)
	}
	return d.String()
}

// GradeOf returns the grade of a total score under r: by default >= 90 EXCELLENT, >= 80 GOOD, >= 60 FAIR,
// else POOR.
func (r Rules) GradeOf(total decimal.Decimal) Grade {
	switch {
	case total.GreaterThanOrEqual(r.ExcellentFrom):
		return Excellent
	case total.GreaterThanOrEqual(r.GoodFrom):
		return Good
	case total.GreaterThanOrEqual(r.FairFrom):
		return Fair
	}
	return Poor
}

// GradeRange returns the scores of grade g under r: from lo (inclusive) to below hi; hi is
// nil for EXCELLENT, which has no upper bound. ok is false for an unknown grade.
func (r Rules) GradeRange(g Grade) (lo decimal.Decimal, hi *decimal.Decimal, ok bool) {
	switch g {
	case Excellent:
		return r.ExcellentFrom, nil, true
	case Good:
		return r.GoodFrom, &r.ExcellentFrom, true
	case Fair:
		return r.FairFrom, &r.GoodFrom, true
	case Poor:
		return decimal.Zero, &r.FairFrom, true
	}
	return decimal.Zero, nil, false
}
