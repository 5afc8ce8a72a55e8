package scoring

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// recompute redoes a step's arithmetic from its params alone, with formulas written out here
// apart from the rules' code: the value the step must have (nil for a step without one) and
// its yes/no answer (nil for a step that does not decide). It fails when the params do not
// satisfy the step's condition (a POSITIVE_CAPPED step whose actual is below its target).
func recompute(t *testing.T, s Step) (value *decimal.Decimal, holds *bool) {
	t.Helper()
	num := func(key string) decimal.Decimal {
		t.Helper()
		v, ok := s.Params[key]
		if !ok {
			t.Fatalf("%s: no param %q in %v", s.Code, key, s.Params)
		}
		d, err := decimal.NewFromString(v)
		if err != nil {
			t.Fatalf("%s: param %s = %q: %v", s.Code, key, v, err)
		}
		return d
	}
	must := func(cond bool, what string) {
		t.Helper()
		if !cond {
			t.Fatalf("%s %v: %s does not hold", s.Code, s.Params, what)
		}
	}
	val := func(d decimal.Decimal) (*decimal.Decimal, *bool) { return &d, nil }
	yes := func(b bool) (*decimal.Decimal, *bool) { return nil, &b }
	zero := decimal.Zero
	round2 := func(d decimal.Decimal) decimal.Decimal { return d.Round(2) }
	compare := func(a decimal.Decimal, op string, b decimal.Decimal) bool {
		switch op {
		case "GE":
			return a.GreaterThanOrEqual(b)
		case "EQ":
			return a.Equal(b)
		case "LE":
			return a.LessThanOrEqual(b)
		}
		t.Fatalf("%s: unknown compare %q", s.Code, op)
		return false
	}
	pct := func(n, d decimal.Decimal, places int32) decimal.Decimal { return n.Mul(hundred).DivRound(d, places) }
	switch s.Code {
	case StepBindingExecutionRate, StepBindingCarryoverRate, StepBindingAssetUtilization, StepBindingPublicFunds, StepBindingThreePublic:
		v := pct(num("numerator"), num("denominator"), 6)
		must(num("percent").Equal(v.Round(2)) && strings.Count(s.Params["percent"], ".") == 1 && len(strings.Split(s.Params["percent"], ".")[1]) == 2, "percent = value to 2 places")
		return val(v)
	case StepBindingUndefined:
		must(num("denominator").IsZero(), "denominator = 0")
		return nil, nil
	case StepWeightNotPositive:
		must(!num("weight").RoundFloor(2).IsPositive(), "weight ≤ 0")
		return val(zero)
	case StepKindUnknown, StepOperatorUnknown, StepNoActual, StepNotRated:
		return val(zero)
	case StepPositiveCapped:
		must(num("actual").GreaterThanOrEqual(num("target")) && num("target").IsPositive(), "actual ≥ target > 0")
		return val(num("weight"))
	case StepPositiveShare:
		must(!num("actual").IsNegative() && num("actual").LessThan(num("target")), "0 ≤ actual < target")
		return val(round2(num("weight").Mul(num("actual")).Div(num("target"))))
	case StepPositiveNegative:
		must(num("actual").IsNegative() && num("target").IsPositive(), "actual < 0 < target")
		return val(zero)
	case StepZeroTargetMet, StepZeroTargetMissed:
		must(num("target").IsZero(), "target = 0")
		met := compare(num("actual"), s.Params["compare"], zero)
		must(met == (s.Code == StepZeroTargetMet), "the comparison")
		if met {
			return val(num("weight"))
		}
		return val(zero)
	case StepEqualMet:
		must(num("actual").Equal(num("target")), "actual = target")
		return val(num("weight"))
	case StepEqualMissed:
		must(!num("actual").Equal(num("target")), "actual ≠ target")
		return val(zero)
	case StepReverseMet:
		must(num("actual").LessThanOrEqual(num("target")), "actual ≤ target")
		return val(num("weight"))
	case StepReverseLinear:
		a, tg, twice := num("actual"), num("target"), num("twice")
		must(twice.Equal(tg.Mul(two)) && a.GreaterThan(tg) && a.LessThan(twice) && tg.IsPositive(), "0 < target < actual < 2 × target")
		// weight × (1 − (actual − target) / target), in one division so that it is exact before rounding
		return val(round2(num("weight").Mul(tg.Sub(a.Sub(tg))).Div(tg)))
	case StepReversePastDouble:
		must(num("twice").Equal(num("target").Mul(two)) && num("actual").GreaterThanOrEqual(num("twice")) && num("target").IsPositive(), "actual ≥ 2 × target > 0")
		return val(zero)
	case StepReverseRatio:
		must(num("actual").GreaterThan(num("target")) && num("target").IsPositive(), "actual > target > 0")
		return val(round2(num("weight").Mul(num("target")).Div(num("actual"))))
	case StepRatedInBand, StepRatedOutsideBand:
		r, lo, hi := num("ratedScore"), num("low"), num("high")
		in := r.GreaterThanOrEqual(lo) && (r.LessThan(hi) || s.Params["highInclusive"] == "true" && r.Equal(hi))
		must(in == (s.Code == StepRatedInBand), "the band check")
		return val(round2(r))
	case StepScoreBounded:
		b := num("before")
		return val(decimal.Min(decimal.Max(b, num("low")), num("high")))
	case StepCompletionRate:
		return val(pct(num("actual"), num("target"), 2))
	case StepDeviationBelow:
		must(num("completionRate").LessThan(num("threshold")), "rate < threshold")
		return yes(true)
	case StepDeviationAtOrAbove:
		must(num("completionRate").GreaterThanOrEqual(num("threshold")), "rate ≥ threshold")
		return yes(true)
	case StepDeviationWithin:
		r := num("completionRate")
		must(r.GreaterThanOrEqual(num("below")) && r.LessThan(num("atOrAbove")), "below ≤ rate < atOrAbove")
		return yes(false)
	case StepDeviationTargetMet, StepDeviationTargetMissed:
		met := compare(num("actual"), s.Params["compare"], num("target"))
		must(met == (s.Code == StepDeviationTargetMet), "the comparison")
		return yes(!met)
	case StepExecutionCapped:
		must(num("executed").GreaterThanOrEqual(num("budget")) && num("budget").IsPositive(), "executed ≥ budget > 0")
		return val(num("weight"))
	case StepExecutionShare:
		must(!num("executed").IsNegative() && num("executed").LessThan(num("budget")), "0 ≤ executed < budget")
		return val(round2(num("weight").Mul(num("executed")).Div(num("budget"))))
	case StepExecutionNegative:
		must(num("executed").IsNegative() && num("budget").IsPositive(), "executed < 0 < budget")
		return val(zero)
	case StepExecutionNoBudget:
		must(!num("budget").IsPositive(), "budget ≤ 0")
		return val(zero)
	case StepSubtotal, StepTotal:
		sum := zero
		for _, term := range strings.Split(s.Params["terms"], TermsSeparator) {
			d, err := decimal.NewFromString(term)
			if err != nil {
				t.Fatalf("%s: term %q: %v", s.Code, term, err)
			}
			sum = sum.Add(d)
		}
		return val(sum)
	case StepGradeBand:
		total := num("total")
		must(total.GreaterThanOrEqual(num("from")), "total ≥ from")
		if s.Params["below"] != "" {
			must(total.LessThan(num("below")), "total < below")
		}
		return val(total)
	case StepMonthBehind, StepMonthOnTrack:
		p := pct(num("cumulative"), num("budget"), 2)
		must(num("percent").Equal(p), "percent = cumulative / budget")
		behind := p.LessThan(num("target"))
		must(behind == (s.Code == StepMonthBehind), "the comparison")
		v, _ := val(p)
		return v, &behind
	case StepMonthNoBudget:
		must(!num("budget").IsPositive(), "budget ≤ 0")
		return yes(false)
	}
	t.Fatalf("no recomputation for step %s", s.Code)
	return nil, nil
}

// checkExplanation checks that every step recomputes from its params, that each step's value is
// what it states, that a score's explanation ends with the score, and that a bound actual feeds
// the step after it (whose actualShown, when given, gives the same score). It returns the codes.
func checkExplanation(t *testing.T, name string, e Explanation) []StepCode {
	t.Helper()
	if len(e.Steps) == 0 {
		t.Fatalf("%s: no steps", name)
	}
	var codes []StepCode
	for i, s := range e.Steps {
		codes = append(codes, s.Code)
		if s.Code == stepRated || s.Code == "" {
			t.Errorf("%s: step %d has an internal code %q", name, i, s.Code)
		}
		v, h := recompute(t, s)
		switch {
		case v == nil && s.Value != nil, v != nil && s.Value == nil:
			t.Errorf("%s: step %d %s has value %v, recomputed %v", name, i, s.Code, s.Value, v)
		case v != nil && !v.Equal(*s.Value):
			t.Errorf("%s: step %d %s %v = %s, recomputed %s", name, i, s.Code, s.Params, s.Value, v)
		}
		if shown, ok := s.Params["actualShown"]; ok {
			alt := Step{Code: s.Code, Params: maps(s.Params, "actual", shown)}
			if v2, _ := recompute(t, alt); !v2.Equal(*s.Value) {
				t.Errorf("%s: step %d with actualShown %s gives %s, not %s", name, i, shown, v2, s.Value)
			}
		}
		if i > 0 && strings.HasPrefix(string(e.Steps[i-1].Code), "BINDING_") && e.Steps[i-1].Value != nil {
			if got := s.Params["actual"]; got != e.Steps[i-1].Value.String() {
				t.Errorf("%s: step %d's actual %s is not the bound value %s", name, i, got, e.Steps[i-1].Value)
			}
		}
		if h != nil && i == len(e.Steps)-1 && (e.Holds == nil || *e.Holds != *h) {
			t.Errorf("%s: last step answers %v, the explanation %v", name, *h, e.Holds)
		}
	}
	if e.Value != nil {
		last := e.Steps[len(e.Steps)-1]
		if last.Value == nil || !last.Value.Equal(*e.Value) {
			t.Errorf("%s: value %s is not the last step's %v", name, e.Value, last.Value)
		}
	}
	return codes
}

func maps(m map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// explainCase is one indicator and the rules it is scored by, with the branch it must take.
type explainCase struct {
	name  string
	rules Rules
	ind   Indicator
	bind  Binding
	figs  Figures
	codes []StepCode
	// line is the main step's params and value in a fixed order, when the case pins them.
	line string
}

func TestExplainIndicators(t *testing.T) {
	ratio := Default()
	ratio.Reverse = ReverseRatio
	exact := Default()
	exact.EqualLikeAtLeast = false
	narrow := Default()
	narrow.AchievedFrom = d("90")
	cases := []explainCase{
		{name: "业务岗位培训人数", rules: def, ind: quant(GE, "80", "88", "6"), codes: []StepCode{StepPositiveCapped},
			line: "weight=6 actual=88 target=80 → 6"},
		{name: "positive share", rules: def, ind: quant(GE, "80", "60", "6"), codes: []StepCode{StepPositiveShare},
			line: "weight=6 actual=60 target=80 → 4.5"},
		{name: "positive share rounded", rules: def, ind: quant(GT, "3", "2", "1"), codes: []StepCode{StepPositiveShare}},
		{name: "positive zero actual", rules: def, ind: quant(GE, "80", "0", "6"), codes: []StepCode{StepPositiveShare}},
		{name: "positive negative actual", rules: def, ind: quant(GE, "80", "-5", "6"), codes: []StepCode{StepPositiveNegative}},
		{name: "EQ like GE", rules: def, ind: quant(EQ, "100", "90", "6"), codes: []StepCode{StepPositiveShare}},
		{name: "EQ exact met", rules: exact, ind: quant(EQ, "100", "100", "6"), codes: []StepCode{StepEqualMet}},
		{name: "EQ exact missed", rules: exact, ind: quant(EQ, "100", "120", "6"), codes: []StepCode{StepEqualMissed}},
		{name: "zero target GE met", rules: def, ind: quant(GE, "0", "3", "5"), codes: []StepCode{StepZeroTargetMet}},
		{name: "zero target GT missed", rules: def, ind: quant(GT, "0", "-1", "5"), codes: []StepCode{StepZeroTargetMissed}},
		{name: "zero target EQ met", rules: def, ind: quant(EQ, "0", "0", "5"), codes: []StepCode{StepZeroTargetMet}},
		{name: "zero target EQ missed", rules: def, ind: quant(EQ, "0", "1", "5"), codes: []StepCode{StepZeroTargetMissed}},
		{name: "zero target reverse met", rules: def, ind: quant(LE, "0", "0", "5"), codes: []StepCode{StepReverseMet}},
		{name: "zero target reverse missed", rules: def, ind: quant(LT, "0", "0.01", "5"), codes: []StepCode{StepZeroTargetMissed}},
		{name: "zero target reverse missed, ratio", rules: ratio, ind: quant(LE, "0", "2", "5"), codes: []StepCode{StepZeroTargetMissed}},
		{name: "reverse met", rules: def, ind: quant(LE, "10", "0.25", "5"), codes: []StepCode{StepReverseMet}},
		{name: "reverse linear", rules: def, ind: quant(LE, "10", "15", "5"), codes: []StepCode{StepReverseLinear},
			line: "weight=5 actual=15 target=10 twice=20 → 2.5"},
		{name: "reverse linear rounded", rules: def, ind: quant(LE, "8", "15", "1"), codes: []StepCode{StepReverseLinear}},
		{name: "reverse at twice", rules: def, ind: quant(LE, "10", "20", "5"), codes: []StepCode{StepReversePastDouble}},
		{name: "reverse past twice", rules: def, ind: quant(LT, "10", "25", "5"), codes: []StepCode{StepReversePastDouble}},
		{name: "reverse ratio", rules: ratio, ind: quant(LE, "10", "15", "5"), codes: []StepCode{StepReverseRatio},
			line: "weight=5 actual=15 target=10 → 3.33"},
		{name: "reverse ratio past twice", rules: ratio, ind: quant(LE, "10", "25", "5"), codes: []StepCode{StepReverseRatio}},
		{name: "no actual", rules: def, ind: quant(GE, "80", "", "6"), codes: []StepCode{StepNoActual}},
		{name: "unknown operator", rules: def, ind: quant("NE", "80", "88", "6"), codes: []StepCode{StepOperatorUnknown}},
		{name: "unknown kind", rules: def, ind: Indicator{Kind: "X", Weight: d("5")}, codes: []StepCode{StepKindUnknown}},
		{name: "weight 0", rules: def, ind: quant(GE, "80", "88", "0"), codes: []StepCode{StepWeightNotPositive}},
		{name: "weight below a cent", rules: def, ind: quant(GE, "1", "1", "0.005"), codes: []StepCode{StepWeightNotPositive}},
		{name: "weight cut to 2 places", rules: def, ind: quant(GE, "1", "1", "1.005"), codes: []StepCode{StepPositiveCapped, StepScoreBounded}},
		{name: "绩效管理制度健全性", rules: def, ind: qual(Achieved, "4.73", "5"), codes: []StepCode{StepRatedInBand},
			line: "rating=ACHIEVED ratedScore=4.73 low=4.00 high=5.00 highInclusive=true weight=5 → 4.73"},
		{name: "achieved full", rules: def, ind: qual(Achieved, "5", "5"), codes: []StepCode{StepRatedInBand}},
		{name: "partial", rules: def, ind: qual(Partial, "3.5", "5"), codes: []StepCode{StepRatedInBand},
			line: "rating=PARTIAL ratedScore=3.5 low=3.00 high=4.00 highInclusive=false weight=5 → 3.5"},
		{name: "not achieved", rules: def, ind: qual(NotAchieved, "1", "5"), codes: []StepCode{StepRatedInBand},
			line: "rating=NOT_ACHIEVED ratedScore=1 low=0.00 high=3.00 highInclusive=false weight=5 → 1"},
		{name: "rated outside a narrowed band", rules: narrow, ind: qual(Achieved, "4.3", "5"), codes: []StepCode{StepRatedOutsideBand}},
		{name: "rated score rounded", rules: def, ind: qual(Achieved, "4.735", "5"), codes: []StepCode{StepRatedInBand}},
		{name: "rated above weight", rules: def, ind: qual(Achieved, "6", "5"), codes: []StepCode{StepRatedOutsideBand, StepScoreBounded}},
		{name: "rated below 0", rules: def, ind: qual(NotAchieved, "-1", "5"), codes: []StepCode{StepRatedOutsideBand, StepScoreBounded}},
		{name: "rating without score", rules: def, ind: qual(Achieved, "", "5"), codes: []StepCode{StepNotRated}},
		{name: "score without rating", rules: def, ind: qual(NotRated, "4", "5"), codes: []StepCode{StepNotRated}},
		// Every binding, from the seed's figures.
		{name: "预算资金支出率", rules: def, ind: quant(GE, "100", "", "10"), bind: BindExecutionRate, figs: seedFigures,
			codes: []StepCode{StepBindingExecutionRate, StepPositiveShare}, line: "weight=10 actual=99.630213 target=100 → 9.96"},
		{name: "结转结余率", rules: def, ind: quant(LE, "10", "", "5"), bind: BindCarryoverRate, figs: seedFigures,
			codes: []StepCode{StepBindingCarryoverRate, StepReverseMet}, line: "weight=5 actual=0.250355 target=10 → 5"},
		{name: "固定资产利用率", rules: def, ind: quant(GE, "95", "", "5"), bind: BindAssetUtilization, figs: seedFigures,
			codes: []StepCode{StepBindingAssetUtilization, StepPositiveCapped}},
		{name: "公用经费控制率", rules: def, ind: quant(LE, "100", "", "2.5"), bind: BindPublicFundsControl, figs: seedFigures,
			codes: []StepCode{StepBindingPublicFunds, StepReverseMet}},
		{name: "三公经费控制率", rules: def, ind: quant(LE, "100", "", "2.5"), bind: BindThreePublicControl, figs: seedFigures,
			codes: []StepCode{StepBindingThreePublic, StepReverseMet}},
		{name: "bound, no figures", rules: def, ind: quant(GE, "100", "", "10"), bind: BindExecutionRate,
			codes: []StepCode{StepBindingUndefined, StepNoActual}},
		{name: "bound, shown exactly", rules: def, ind: quant(LE, "10", "", "5"), bind: BindCarryoverRate,
			figs:  Figures{Executed: d("100"), CarryoverEnd: d("10.004")},
			codes: []StepCode{StepBindingCarryoverRate, StepReverseLinear}},
	}
	for _, r := range seedRows {
		c := explainCase{name: "seed " + r.name, rules: def, ind: r.indicator(t), bind: r.binding, figs: seedFigures}
		if r.binding != NoBinding {
			c.ind.Actual = nil
		}
		cases = append(cases, c)
	}
	seen := map[StepCode]bool{}
	for _, c := range cases {
		var e Explanation
		score := c.ind
		if c.bind != NoBinding {
			e = c.rules.ExplainBound(c.bind, c.figs, c.ind)
			if v, ok := Derive(c.bind, c.figs); ok {
				score.Actual = &v
			}
		} else {
			e = c.rules.Explain(c.ind)
		}
		codes := checkExplanation(t, c.name, e)
		for _, code := range codes {
			seen[code] = true
		}
		want := c.rules.Score(score)
		if e.Value == nil || !e.Value.Equal(want) {
			t.Errorf("%s: explained %v, Score %s", c.name, e.Value, want)
		}
		if c.codes != nil && !slices.Equal(codes, c.codes) {
			t.Errorf("%s: steps %v, want %v", c.name, codes, c.codes)
		}
		if c.line != "" {
			main := e.Steps[len(e.Steps)-1]
			if c.bind != NoBinding {
				main = e.Steps[1]
			}
			if got := line(main); got != c.line {
				t.Errorf("%s: main step %q, want %q", c.name, got, c.line)
			}
		}
	}
	// The bound carry-over rate shows 2 places where they give the same; exactly where they do not.
	e := def.ExplainBound(BindCarryoverRate, seedFigures, quant(LE, "10", "", "5"))
	if p := e.Steps[0].Params; p["percent"] != "0.25" || p["numerator"] != "4.58" || p["denominator"] != "1829.40" || e.Steps[1].Params["actualShown"] != "0.25" {
		t.Errorf("结转结余率's binding: %v then %v", p, e.Steps[1].Params)
	}
	e = def.ExplainBound(BindCarryoverRate, Figures{Executed: d("100"), CarryoverEnd: d("10.004")}, quant(LE, "10", "", "5"))
	if got := e.Steps[1].Params["actualShown"]; got != "10.004" {
		t.Errorf("an actual of 10.004 against ≤ 10 is shown as %s, want 10.004 (10.00 would read as met)", got)
	}
	for _, code := range []StepCode{StepPositiveCapped, StepPositiveShare, StepPositiveNegative, StepZeroTargetMet, StepZeroTargetMissed,
		StepEqualMet, StepEqualMissed, StepReverseMet, StepReverseLinear, StepReversePastDouble, StepReverseRatio, StepNoActual,
		StepOperatorUnknown, StepKindUnknown, StepWeightNotPositive, StepRatedInBand, StepRatedOutsideBand, StepNotRated, StepScoreBounded,
		StepBindingExecutionRate, StepBindingCarryoverRate, StepBindingAssetUtilization, StepBindingPublicFunds, StepBindingThreePublic,
		StepBindingUndefined} {
		if !seen[code] {
			t.Errorf("no case explains by %s", code)
		}
	}
}

// line writes a step's params in a fixed order, then its value.
func line(s Step) string {
	var parts []string
	for _, k := range []string{"rating", "ratedScore", "low", "high", "highInclusive", "weight", "actual", "target", "twice"} {
		if v, ok := s.Params[k]; ok {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " ") + " → " + s.Value.String()
}

func TestExplainDeviation(t *testing.T) {
	exact := Default()
	exact.EqualLikeAtLeast = false
	cases := []struct {
		name  string
		rules Rules
		ind   Indicator
		codes []StepCode
		holds bool
	}{
		{"below", def, quant(GE, "100", "99.63", "10"), []StepCode{StepCompletionRate, StepDeviationBelow}, true},
		{"at or above 130 %", def, quant(GE, "900", "1300", "6"), []StepCode{StepCompletionRate, StepDeviationAtOrAbove}, true},
		{"within", def, quant(GE, "80", "88", "6"), []StepCode{StepCompletionRate, StepDeviationWithin}, false},
		{"reverse missed", def, quant(LE, "10", "15", "5"), []StepCode{StepDeviationTargetMissed}, true},
		{"reverse met", def, quant(LT, "10", "10", "5"), []StepCode{StepDeviationTargetMet}, false},
		{"zero target GE missed", def, quant(GE, "0", "-1", "5"), []StepCode{StepDeviationTargetMissed}, true},
		{"zero target EQ met", def, quant(EQ, "0", "0", "5"), []StepCode{StepDeviationTargetMet}, false},
		{"exact EQ missed", exact, quant(EQ, "100", "101", "5"), []StepCode{StepDeviationTargetMissed}, true},
	}
	for _, c := range cases {
		e, ok := c.rules.ExplainDeviation(c.ind)
		if !ok {
			t.Fatalf("%s: not explained", c.name)
		}
		codes := checkExplanation(t, c.name, e)
		if !slices.Equal(codes, c.codes) || *e.Holds != c.holds || c.rules.DeviationRequired(c.ind) != c.holds {
			t.Errorf("%s: %v holds %v, want %v %v", c.name, codes, *e.Holds, c.codes, c.holds)
		}
	}
	e, _ := def.ExplainDeviation(quant(GE, "900", "1300", "6"))
	if p := e.Steps[1].Params; p["completionRate"] != "144.44" || p["threshold"] != "130" {
		t.Errorf("the meeting's deviation: %v", p)
	}
	for _, ind := range []Indicator{qual(Achieved, "5", "5"), quant(GE, "80", "", "6"), quant("NE", "80", "88", "6")} {
		if _, ok := def.ExplainDeviation(ind); ok {
			t.Errorf("%+v: explained a deviation the rule does not concern", ind)
		}
	}
}

func TestExplainExecutionItem(t *testing.T) {
	cases := []struct {
		executed, budget string
		code             StepCode
	}{
		{"254.62", "260", StepExecutionShare},
		{"120", "100", StepExecutionCapped},
		{"1", "800", StepExecutionShare},
		{"0", "100", StepExecutionShare},
		{"-5", "100", StepExecutionNegative},
		{"5", "0", StepExecutionNoBudget},
	}
	for _, c := range cases {
		e := def.ExplainExecutionItem(d(c.executed), d(c.budget))
		name := "execution " + c.executed + "/" + c.budget
		codes := checkExplanation(t, name, e)
		if !slices.Equal(codes, []StepCode{c.code}) || !e.Value.Equal(def.ExecutionItemScore(d(c.executed), d(c.budget))) {
			t.Errorf("%s: %v = %s", name, codes, e.Value)
		}
	}
	e := def.ExplainExecutionItem(d("254.62"), d("260"))
	if p := e.Steps[0].Params; p["weight"] != "10" || p["executed"] != "254.62" || p["budget"] != "260.00" || e.Value.StringFixed(2) != "9.79" {
		t.Errorf("execution item: %v = %s", p, e.Value)
	}
}

func TestExplainTotal(t *testing.T) {
	var leaves []Leaf
	for _, r := range seedRows {
		leaves = append(leaves, Leaf{r.level1, r.level2, def.Score(r.indicator(t)), d(r.weight)})
	}
	e := def.ExplainTotal(leaves)
	checkExplanation(t, "seed total", e)
	if e.Value.String() != "99.69" {
		t.Fatalf("seed total %s", e.Value)
	}
	var got []string
	for _, s := range e.Steps {
		got = append(got, fmt.Sprintf("%s %s/%s: %s = %s", s.Code, s.Params["level1"], s.Params["level2"], s.Params["terms"], s.Value.StringFixed(2)))
	}
	want := []string{
		"SUBTOTAL 履职效能/产出: 7.00 + 6.00 + 6.00 + 6.00 = 25.00",
		"SUBTOTAL 履职效能/效益: 7.00 + 6.00 + 6.00 + 6.00 = 25.00",
		"SUBTOTAL 履职效能/: 25.00 + 25.00 = 50.00",
		"SUBTOTAL 管理效率/预算编制: 5.00 = 5.00",
		"SUBTOTAL 管理效率/预算执行: 9.96 + 5.00 + 5.00 = 19.96",
		"SUBTOTAL 管理效率/信息公开: 5.00 = 5.00",
		"SUBTOTAL 管理效率/绩效管理: 4.73 = 4.73",
		"SUBTOTAL 管理效率/采购管理: 5.00 = 5.00",
		"SUBTOTAL 管理效率/资产管理: 5.00 = 5.00",
		"SUBTOTAL 管理效率/运行成本: 2.50 + 2.50 = 5.00",
		"SUBTOTAL 管理效率/: 5.00 + 19.96 + 5.00 + 4.73 + 5.00 + 5.00 + 5.00 = 49.69",
		"TOTAL /: 50.00 + 49.69 = 99.69",
		"GRADE_BAND /:  = 99.69",
	}
	if !slices.Equal(got, want) {
		t.Errorf("seed total steps:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := e.Steps[len(e.Steps)-1].Params; p["grade"] != "EXCELLENT" || p["from"] != "90" || p["below"] != "" || p["total"] != "99.69" {
		t.Errorf("grade band %v", p)
	}
	// The subtotals the explanation adds are Subtotals'.
	subs := Subtotals(leaves)
	var explained []Subtotal
	for _, s := range e.Steps {
		if s.Code == StepSubtotal {
			w, _ := decimal.NewFromString(s.Params["weight"])
			explained = append(explained, Subtotal{s.Params["level1"], s.Params["level2"], *s.Value, w})
		}
	}
	if len(explained) != len(subs) {
		t.Fatalf("%d subtotals explained, %d computed", len(explained), len(subs))
	}
	for _, s := range subs {
		if !slices.ContainsFunc(explained, func(x Subtotal) bool {
			return x.Level1 == s.Level1 && x.Level2 == s.Level2 && x.Score.Equal(s.Score) && x.Weight.Equal(s.Weight)
		}) {
			t.Errorf("subtotal %+v is not explained", s)
		}
	}

	// A group with leaves outside any level-2 group, a project's execution item, and each grade.
	mixed := []Leaf{
		{"产出指标", "数量指标", d("20"), d("20")}, {"产出指标", "", d("12.5"), d("15")}, {"产出指标", "质量指标", d("10"), d("15")},
		{"效益指标", "", d("30"), d("30")}, {"满意度指标", "", d("8"), d("10")}, {"预算执行率", "", d("9.79"), d("10")},
	}
	e = def.ExplainTotal(mixed)
	checkExplanation(t, "project total", e)
	if got := e.Steps[2]; got.Params["level1"] != "产出指标" || got.Params["terms"] != "20.00 + 12.50 + 10.00" {
		t.Errorf("产出指标's subtotal: %v", got.Params)
	}
	for _, c := range []struct {
		score string
		grade Grade
	}{{"90", Excellent}, {"89.99", Good}, {"80", Good}, {"60", Fair}, {"59.99", Poor}, {"0", Poor}} {
		e := def.ExplainTotal([]Leaf{{"a", "", d(c.score), d("100")}})
		checkExplanation(t, "grade "+c.score, e)
		if g := e.Steps[len(e.Steps)-1].Params["grade"]; g != string(c.grade) || def.GradeOf(d(c.score)) != c.grade {
			t.Errorf("total %s: grade %s, want %s", c.score, g, c.grade)
		}
	}
}

func TestExplainMonth(t *testing.T) {
	budget := d("1836.19")
	cases := []struct {
		m     Month
		code  StepCode
		holds bool
	}{
		{Month{6, d("780.5"), d("45")}, StepMonthBehind, true},
		{Month{9, d("1400"), d("75")}, StepMonthOnTrack, false},
		{Month{12, d("1829.40"), d("99.63")}, StepMonthOnTrack, false},
	}
	for _, c := range cases {
		e := ExplainMonth(budget, c.m)
		codes := checkExplanation(t, fmt.Sprint("month ", c.m.Month), e)
		inList := slices.Contains(MonthsBehind(budget, []Month{c.m}), c.m.Month)
		if !slices.Equal(codes, []StepCode{c.code}) || *e.Holds != c.holds || inList != c.holds {
			t.Errorf("month %d: %v %v, want %s %v", c.m.Month, codes, *e.Holds, c.code, c.holds)
		}
	}
	e := ExplainMonth(budget, Month{6, d("780.5"), d("45")})
	if p := e.Steps[0].Params; p["percent"] != "42.51" || p["target"] != "45" || p["cumulative"] != "780.50" || p["month"] != "6" {
		t.Errorf("month 6: %v", p)
	}
	e = ExplainMonth(d("0"), Month{3, d("10"), d("20")})
	checkExplanation(t, "no budget", e)
	if e.Steps[0].Code != StepMonthNoBudget || *e.Holds {
		t.Errorf("no budget: %+v", e)
	}
}

// FuzzExplain: whatever the indicator and rules, the explanation ends with the score and each of
// its steps recomputes from its params.
func FuzzExplain(f *testing.F) {
	f.Add(uint8(0), uint8(0), int64(8000), int64(8800), int64(600), uint8(2), true, false)
	f.Add(uint8(0), uint8(3), int64(1000), int64(1500), int64(500), uint8(2), true, true)
	f.Add(uint8(0), uint8(4), int64(0), int64(1), int64(500), uint8(2), true, false)
	f.Add(uint8(0), uint8(2), int64(100), int64(101), int64(500), uint8(2), true, true)
	f.Add(uint8(1), uint8(1), int64(0), int64(473), int64(500), uint8(2), true, false)
	f.Add(uint8(1), uint8(1), int64(0), int64(4735), int64(5), uint8(3), true, false)
	f.Fuzz(func(t *testing.T, kind, op uint8, target, actual, weight int64, scale uint8, hasActual, variant bool) {
		r := Default()
		if variant {
			r.Reverse, r.EqualLikeAtLeast = ReverseRatio, false
		}
		ind := Indicator{Weight: scaled(weight, scale/7)}
		if kind%3 == 1 {
			ind.Kind, ind.Rating = Qualitative, fuzzRatings[int(op)%len(fuzzRatings)]
			if hasActual {
				ind.RatedScore = ptr(scaled(actual, scale))
			}
		} else {
			ind.Kind, ind.Operator, ind.Target = Quantitative, fuzzOperators[int(op)%len(fuzzOperators)], scaled(target, scale)
			if hasActual {
				ind.Actual = ptr(scaled(actual, scale))
			}
		}
		e := r.Explain(ind)
		checkExplanation(t, "fuzz", e)
		if s := r.Score(ind); !e.Value.Equal(s) {
			t.Fatalf("%+v: explained %s, scored %s", ind, e.Value, s)
		}
		if de, ok := r.ExplainDeviation(ind); ok {
			checkExplanation(t, "fuzz deviation", de)
			if *de.Holds != r.DeviationRequired(ind) {
				t.Fatalf("%+v: deviation explained %v", ind, *de.Holds)
			}
		}
	})
}
