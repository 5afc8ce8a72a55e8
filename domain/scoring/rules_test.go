package scoring

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

// The variants a rule set may choose (SCORING.md §7), each from Default with one
// parameter changed.
var (
	ratio   = with(func(r *Rules) { r.Reverse = ReverseRatio })
	exactEq = with(func(r *Rules) { r.EqualLikeAtLeast = false })
	// variants are the rules the fuzz targets bound: every scoring choice.
	variants = []Rules{def, ratio, exactEq}
)

func with(change func(*Rules)) Rules {
	r := Default()
	change(&r)
	return r
}

// TestRulesVariantsScore: each row scores an indicator under today's rules and
// under a variant, by hand: the ratio rule for reverse indicators is
// weight × target / actual (年度指标值 / 全年实际值 × 分值), `=` scored exactly is
// full weight at the target and nothing elsewhere.
func TestRulesVariantsScore(t *testing.T) {
	tests := []struct {
		name          string
		variant       Rules
		ind           Indicator
		today, scored string
	}{
		// ratio: 5 × 10 / 12.5 = 4; linear: 5 × (1 − 2.5 / 10) = 3.75
		{"LE missed by a quarter", ratio, quant(LE, "10", "12.5", "5"), "3.75", "4"},
		// ratio: 2.5 × 100 / 150 = 1.666… → 1.67; linear: 2.5 × (1 − 50 / 100) = 1.25
		{"LE missed by half", ratio, quant(LE, "100", "150", "2.5"), "1.25", "1.67"},
		// ratio: 5 × 10 / 25 = 2; linear: 0 from twice the target
		{"LT beyond twice the target", ratio, quant(LT, "10", "25", "5"), "0", "2"},
		// ratio: 6 × 3 / 7 = 2.571… → 2.57
		{"LE rounded half away from zero", ratio, quant(LE, "3", "7", "6"), "0", "2.57"},
		{"LE met", ratio, quant(LE, "10", "10", "5"), "5", "5"},
		// actual 0 is at or below any target: full weight, never a division by 0
		{"LE actual 0", ratio, quant(LE, "10", "0", "5"), "5", "5"},
		{"LE negative actual", ratio, quant(LE, "10", "-3", "5"), "5", "5"},
		// a zero target is scored as in §1 under either rule
		{"LE target 0 actual 0", ratio, quant(LE, "0", "0", "5"), "5", "5"},
		{"LE target 0 actual positive", ratio, quant(LE, "0", "0.01", "5"), "0", "0"},
		{"ratio leaves positive indicators alone", ratio, quant(GE, "80", "60", "6"), "4.5", "4.5"},
		{"EQ at target", exactEq, quant(EQ, "100", "100", "6"), "6", "6"},
		{"EQ over target", exactEq, quant(EQ, "100", "120", "6"), "6", "0"},
		{"EQ below target", exactEq, quant(EQ, "100", "90", "6"), "5.4", "0"},
		{"EQ target 0 actual 0", exactEq, quant(EQ, "0", "0", "5"), "5", "5"},
		{"EQ target 0 actual positive", exactEq, quant(EQ, "0", "1", "5"), "0", "0"},
		{"exact EQ leaves GE alone", exactEq, quant(GE, "100", "120", "6"), "6", "6"},
	}
	for _, tt := range tests {
		checkScore(t, tt.name+" (today)", def.Score(tt.ind), tt.today)
		checkScore(t, tt.name+" (variant)", tt.variant.Score(tt.ind), tt.scored)
	}
}

// TestSeedUnderRatioRule: the seed's reverse indicators are all met, so the
// ratio rule scores it 99.69 too.
func TestSeedUnderRatioRule(t *testing.T) {
	var scores []decimal.Decimal
	for _, r := range seedRows {
		scores = append(scores, ratio.Score(r.indicator(t)))
	}
	if total := Total(scores); total.String() != "99.69" {
		t.Errorf("total under the ratio rule = %s, want 99.69", total)
	}
}

func TestRulesDeviationThresholds(t *testing.T) {
	wide := with(func(r *Rules) { r.DeviationBelow, r.DeviationAtOrAbove = d("90"), d("150") })
	tests := []struct {
		name          string
		rules         Rules
		ind           Indicator
		today, varied bool
	}{
		{"95 % is below 100 but not 90", wide, quant(GE, "100", "95", "5"), true, false},
		{"89.99 % is below both", wide, quant(GE, "100", "89.99", "5"), true, true},
		{"144 % is at or above 130 but not 150", wide, quant(GE, "900", "1300", "6"), true, false},
		{"150 % is at or above both", wide, quant(GE, "100", "150", "5"), true, true},
		{"100 % is no deviation", wide, quant(GE, "100", "100", "5"), false, false},
		{"a missed reverse indicator whatever the thresholds", wide, quant(LE, "10", "11", "5"), true, true},
		{"exact EQ above the target", exactEq, quant(EQ, "100", "120", "6"), false, true},
		{"exact EQ at the target", exactEq, quant(EQ, "100", "100", "6"), false, false},
		{"exact EQ below the target", exactEq, quant(EQ, "100", "99.5", "6"), true, true},
	}
	for _, tt := range tests {
		if got := def.DeviationRequired(tt.ind); got != tt.today {
			t.Errorf("%s: today %v, want %v", tt.name, got, tt.today)
		}
		if got := tt.rules.DeviationRequired(tt.ind); got != tt.varied {
			t.Errorf("%s: varied %v, want %v", tt.name, got, tt.varied)
		}
	}
	// The reasons name the set's thresholds.
	in := SubmitInput{Indicators: []SubmitIndicator{
		{Key: "1", Name: "a", Indicator: quant(GE, "100", "80", "50")},
		{Key: "2", Name: "b", Indicator: quant(GE, "100", "160", "40")},
		{Key: "3", Name: "c", Indicator: quant(EQ, "100", "101", "10")},
	}}
	strict := with(func(r *Rules) { r.DeviationBelow, r.DeviationAtOrAbove, r.EqualLikeAtLeast = d("90"), d("150"), false })
	got := strict.SubmitProblems(in)
	want := []Problem{
		{Indicator: "1", Field: "deviationReason", Reason: CompletionBelow, Params: map[string]string{"completionRate": "80.00", "threshold": "90"},
			Message: `indicator "a": completion rate 80.00 % is below 90 %; a deviation reason is required`},
		{Indicator: "2", Field: "deviationReason", Reason: CompletionAbove, Params: map[string]string{"completionRate": "160.00", "threshold": "150"},
			Message: `indicator "b": completion rate 160.00 % is at or above 150 %; a deviation reason is required`},
		{Indicator: "3", Field: "deviationReason", Reason: TargetMissed, Params: map[string]string{"actual": "101", "operator": "EQ", "target": "100"},
			Message: `indicator "c": actual 101 does not meet target = 100; a deviation reason is required`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SubmitProblems =\n%+v\nwant\n%+v", got, want)
	}
}

func TestRulesGradeBands(t *testing.T) {
	strict := with(func(r *Rules) { r.ExcellentFrom, r.GoodFrom, r.FairFrom = d("95"), d("85"), d("70") })
	tests := []struct {
		total         string
		today, strict Grade
	}{
		{"99.69", Excellent, Excellent},
		{"95", Excellent, Excellent},
		{"94.99", Excellent, Good},
		{"85", Good, Good},
		{"84.99", Good, Fair},
		{"70", Fair, Fair},
		{"69.99", Fair, Poor},
		{"59.99", Poor, Poor},
	}
	for _, tt := range tests {
		if g := def.GradeOf(d(tt.total)); g != tt.today {
			t.Errorf("today GradeOf(%s) = %s, want %s", tt.total, g, tt.today)
		}
		if g := strict.GradeOf(d(tt.total)); g != tt.strict {
			t.Errorf("strict GradeOf(%s) = %s, want %s", tt.total, g, tt.strict)
		}
	}
	for _, g := range []Grade{Excellent, Good, Fair, Poor} {
		lo, hi, _ := strict.GradeRange(g)
		if strict.GradeOf(lo) != g || hi != nil && strict.GradeOf(*hi) == g {
			t.Errorf("GradeRange(%s) = %s, %v disagrees with GradeOf", g, lo, hi)
		}
	}
}

func TestRulesRatingBands(t *testing.T) {
	strict := with(func(r *Rules) { r.AchievedFrom, r.PartialFrom = d("90"), d("70") })
	tests := []struct {
		r             Rating
		score, weight string
		today, strict bool // in the band
	}{
		{Achieved, "4.73", "5", true, true},
		{Achieved, "4.4", "5", true, false},
		{Achieved, "4.5", "5", true, true},
		{Partial, "3.2", "5", true, false},
		{Partial, "4.2", "5", false, true},
		{NotAchieved, "3.4", "5", false, true},
		{NotAchieved, "3.5", "5", false, false},
	}
	for _, tt := range tests {
		if got := def.CheckRatedScore(tt.r, d(tt.score), d(tt.weight)) == nil; got != tt.today {
			t.Errorf("today %s %s of %s in band: %v, want %v", tt.r, tt.score, tt.weight, got, tt.today)
		}
		if got := strict.CheckRatedScore(tt.r, d(tt.score), d(tt.weight)) == nil; got != tt.strict {
			t.Errorf("strict %s %s of %s in band: %v, want %v", tt.r, tt.score, tt.weight, got, tt.strict)
		}
	}
	err := strict.CheckRatedScore(Achieved, d("4.4"), d("5"))
	want := "score 4.4 is outside the band of 达成年度指标 (ACHIEVED): 4.50 to 5.00 (90 % to 100 % of weight 5)"
	if err == nil || err.Error() != want {
		t.Errorf("CheckRatedScore = %v, want %q", err, want)
	}
}

func TestRulesExecutionItem(t *testing.T) {
	heavy := with(func(r *Rules) {
		r.ExecutionWeight, r.OutputWeight, r.ExecutionExplanationBelow = d("20"), d("40"), d("85")
	})
	checkScore(t, "today's item at 95 %", def.ExecutionItemScore(d("95"), d("100")), "9.5")
	checkScore(t, "a 20-point item at 95 %", heavy.ExecutionItemScore(d("95"), d("100")), "19")
	rate := d("88")
	in := SubmitInput{Project: true, ExecutionRate: &rate, Indicators: []SubmitIndicator{
		{Key: "1", Level1: "产出指标", Indicator: quant(GE, "10", "10", "80")},
	}}
	if got := heavy.SubmitProblems(in); len(got) != 0 {
		t.Errorf("80 + a 20-point item, 88 %% against 85 %%: %+v, want none", got)
	}
	got := keys(def.SubmitProblems(in))
	want := []problemKey{{"", "weight"}, {"", "executionExplanation"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("today: %+v, want %+v", got, want)
	}
}

func TestRulesWeightSplit(t *testing.T) {
	checked := with(func(r *Rules) { r.CheckWeightSplit = true })
	ind := func(key, level1, weight string) SubmitIndicator {
		return SubmitIndicator{Key: key, Name: key, Level1: level1, Indicator: quant(GE, "1", "1", weight)}
	}
	tests := []struct {
		name  string
		rules Rules
		inds  []SubmitIndicator
		want  []Problem
	}{
		{"the standard split", checked, []SubmitIndicator{ind("a", "产出指标", "30"), ind("b", "产出指标", "20"), ind("c", "效益指标", "30"), ind("d", "满意度指标", "10")}, nil},
		{"short names", checked, []SubmitIndicator{ind("a", "产出", "50"), ind("c", "效益", "30"), ind("d", "满意度", "10")}, nil},
		{"not checked", def, []SubmitIndicator{ind("a", "产出指标", "45"), ind("c", "效益指标", "35"), ind("d", "满意度指标", "10")}, nil},
		{"output and benefit swapped 5 points", checked, []SubmitIndicator{ind("a", "产出指标", "45"), ind("c", "效益指标", "35"), ind("d", "满意度指标", "10")}, []Problem{
			{Field: "weight", Reason: WeightSplitMismatch, Params: map[string]string{"level1": "产出指标", "sum": "45", "expected": "50"},
				Message: "the weights of 产出指标 add up to 45, not the standard 50"},
			{Field: "weight", Reason: WeightSplitMismatch, Params: map[string]string{"level1": "效益指标", "sum": "35", "expected": "30"},
				Message: "the weights of 效益指标 add up to 35, not the standard 30"},
		}},
		{"an unknown group", checked, []SubmitIndicator{ind("a", "产出指标", "50"), ind("c", "效益指标", "30"), ind("d", "群众评价", "10")}, []Problem{
			{Field: "weight", Reason: WeightSplitMismatch, Params: map[string]string{"level1": "满意度指标", "sum": "0", "expected": "10"},
				Message: "the weights of 满意度指标 add up to 0, not the standard 10"},
			{Field: "level1", Reason: WeightSplitUnknown, Params: map[string]string{"level1": "群众评价"},
				Message: `level-1 group "群众评价" is none of the standard split's (产出指标, 效益指标, 满意度指标)`},
		}},
	}
	for _, tt := range tests {
		got := tt.rules.SubmitProblems(SubmitInput{Project: true, Indicators: tt.inds})
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
	}
	// An overall evaluation has no split: 履职效能 and 管理效率 pass.
	overall := SubmitInput{Indicators: []SubmitIndicator{ind("a", "履职效能", "50"), ind("b", "管理效率", "50")}}
	if got := checked.SubmitProblems(overall); len(got) != 0 {
		t.Errorf("overall evaluation: %+v, want none", got)
	}
}

func TestRulesValidate(t *testing.T) {
	type problem struct {
		field  string
		reason RuleReason
	}
	tests := []struct {
		name   string
		change func(*Rules)
		want   []problem
	}{
		{"today's rules", func(*Rules) {}, nil},
		{"the ratio rule", func(r *Rules) { r.Reverse = ReverseRatio }, nil},
		{"an unknown reverse rule", func(r *Rules) { r.Reverse = "LOG" }, []problem{{"reverseRule", RuleUnknownValue}}},
		{"deviation below over 100", func(r *Rules) { r.DeviationBelow = d("101") }, []problem{{"deviationBelow", RuleOutOfRange}}},
		{"deviation above at 100", func(r *Rules) { r.DeviationAtOrAbove = d("100") }, []problem{{"deviationAtOrAbove", RuleOutOfRange}}},
		{"negative explanation threshold", func(r *Rules) { r.ExecutionExplanationBelow = d("-1") }, []problem{{"executionExplanationBelow", RuleOutOfRange}}},
		{"three places", func(r *Rules) { r.GoodFrom = d("80.125") }, []problem{{"goodFrom", RuleTooPrecise}}},
		{"grades out of order", func(r *Rules) { r.GoodFrom = d("90") }, []problem{{"goodFrom", RuleNotOrdered}}},
		{"fair above good", func(r *Rules) { r.FairFrom = d("85") }, []problem{{"fairFrom", RuleNotOrdered}}},
		{"a grade from 0 leaves POOR empty", func(r *Rules) { r.FairFrom = d("0") }, []problem{{"fairFrom", RuleOutOfRange}}},
		{"excellent beyond 100", func(r *Rules) { r.ExcellentFrom = d("100.5") }, []problem{{"excellentFrom", RuleOutOfRange}}},
		{"ratings out of order", func(r *Rules) { r.PartialFrom = d("80") }, []problem{{"partialFrom", RuleNotOrdered}}},
		{"split not 100", func(r *Rules) { r.OutputWeight = d("55") }, []problem{{"outputWeight", RuleSplitNot100}}},
		{"the whole 100 to the execution item", func(r *Rules) {
			r.ExecutionWeight, r.OutputWeight, r.BenefitWeight, r.SatisfactionWeight = d("100"), d("0"), d("0"), d("0")
		},
			[]problem{{"executionWeight", RuleOutOfRange}}},
		{"every problem at once", func(r *Rules) { r.Reverse, r.DeviationBelow, r.FairFrom = "", d("0.001"), d("95") },
			[]problem{{"reverseRule", RuleUnknownValue}, {"deviationBelow", RuleTooPrecise}, {"fairFrom", RuleNotOrdered}}},
	}
	for _, tt := range tests {
		var got []problem
		for _, p := range with(tt.change).Validate() {
			got = append(got, problem{p.Field, p.Reason})
			if p.Message == "" || p.Params == nil {
				t.Errorf("%s: %s has no message or params", tt.name, p.Field)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	p := with(func(r *Rules) { r.GoodFrom = d("90") }).Validate()[0]
	if want := "must be below excellentFrom (90), got 90"; p.Field != "goodFrom" || p.Message != want {
		t.Errorf("message %q, want %q", p.Message, want)
	}
}

func TestRulesEqual(t *testing.T) {
	if !Default().Equal(with(func(r *Rules) { r.GoodFrom = d("80.00") })) {
		t.Error("80 and 80.00 differ")
	}
	for _, v := range []Rules{ratio, exactEq, with(func(r *Rules) { r.CheckWeightSplit = true }), with(func(r *Rules) { r.PartialFrom = d("61") })} {
		if def.Equal(v) {
			t.Errorf("%+v equals today's rules", v)
		}
	}
}
