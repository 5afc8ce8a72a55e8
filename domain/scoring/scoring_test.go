package scoring

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func p(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

func quant(op Operator, target, actual, weight string) Indicator {
	ind := Indicator{Kind: Quantitative, Operator: op, Target: d(target), Weight: d(weight)}
	if actual != "" {
		ind.Actual = p(actual)
	}
	return ind
}

func qual(r Rating, score, weight string) Indicator {
	ind := Indicator{Kind: Qualitative, Rating: r, Weight: d(weight)}
	if score != "" {
		ind.RatedScore = p(score)
	}
	return ind
}

// equal compares numerically and also rejects results with more than 2 decimals.
func checkScore(t *testing.T, name string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(d(want)) {
		t.Errorf("%s: got %s, want %s", name, got, want)
	}
	if !got.Equal(got.Round(2)) {
		t.Errorf("%s: %s has more than 2 decimals", name, got)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name string
		ind  Indicator
		want string
	}{
		// §1 positive, target > 0
		{"GE over target", quant(GE, "80", "88", "6"), "6"},
		{"GE at target", quant(GE, "100", "100", "7"), "7"},
		{"GE below target", quant(GE, "80", "60", "6"), "4.5"},
		{"GT below target", quant(GT, "100", "50", "10"), "5"},
		{"GT over target", quant(GT, "900", "1300", "6"), "6"},
		{"EQ at target", quant(EQ, "100", "100", "6"), "6"},
		{"EQ over target scored like GE", quant(EQ, "100", "120", "6"), "6"},
		{"EQ below target", quant(EQ, "100", "90", "6"), "5.4"},
		{"GE zero actual", quant(GE, "80", "0", "6"), "0"},
		{"GE negative actual counts as 0", quant(GE, "80", "-5", "6"), "0"},
		// §1 positive, target 0
		{"GE target 0 actual 0", quant(GE, "0", "0", "5"), "5"},
		{"GE target 0 actual positive", quant(GE, "0", "3", "5"), "5"},
		{"GE target 0 actual negative", quant(GE, "0", "-1", "5"), "0"},
		{"GT target 0 actual 0", quant(GT, "0", "0", "5"), "5"},
		{"GT target 0 actual negative", quant(GT, "0", "-0.01", "5"), "0"},
		{"EQ target 0 actual 0", quant(EQ, "0", "0", "5"), "5"},
		{"EQ target 0 actual positive", quant(EQ, "0", "1", "5"), "0"},
		{"EQ target 0 actual negative", quant(EQ, "0", "-1", "5"), "0"},
		// §1 reverse
		{"LE well under target", quant(LE, "10", "0.25", "5"), "5"},
		{"LE at target", quant(LE, "10", "10", "5"), "5"},
		{"LE between", quant(LE, "10", "15", "5"), "2.5"},
		{"LT between", quant(LT, "10", "12", "5"), "4"},
		{"LE at 2x target", quant(LE, "10", "20", "5"), "0"},
		{"LT over 2x target", quant(LT, "10", "25", "5"), "0"},
		{"LE negative actual", quant(LE, "10", "-3", "5"), "5"},
		{"LE target 0 actual 0", quant(LE, "0", "0", "5"), "5"},
		{"LE target 0 actual negative", quant(LE, "0", "-3", "5"), "5"},
		{"LT target 0 actual positive", quant(LT, "0", "0.01", "5"), "0"},
		// rounding, half away from zero
		{"2/3 of weight 1", quant(GE, "3", "2", "1"), "0.67"},
		{"1/3 of weight 1", quant(GE, "3", "1", "1"), "0.33"},
		{"half 0.125 rounds up", quant(GE, "8", "1", "1"), "0.13"},
		{"half 0.625 rounds up, not to even", quant(GE, "8", "5", "1"), "0.63"},
		{"reverse half 0.125 rounds up", quant(LE, "8", "15", "1"), "0.13"},
		{"execution 1829.40/1836.19", quant(GE, "1836.19", "1829.40", "10"), "9.96"},
		{"execution derived percent", quant(GE, "100", "99.630213", "10"), "9.96"},
		// degenerate input
		{"no actual", quant(GE, "80", "", "6"), "0"},
		{"reverse no actual", quant(LE, "10", "", "6"), "0"},
		{"unknown operator", quant("NE", "80", "88", "6"), "0"},
		{"unknown kind", Indicator{Kind: "X", Operator: GE, Target: d("1"), Actual: p("1"), Weight: d("5")}, "0"},
		{"weight 0", quant(GE, "80", "88", "0"), "0"},
		{"negative weight", quant(GE, "80", "88", "-5"), "0"},
		{"negative target scored as 0", quant(GE, "-5", "3", "5"), "5"},
		{"weight with 3 decimals cut to 2", quant(GE, "1", "1", "1.005"), "1"},
		{"weight below a cent", quant(GE, "1", "1", "0.005"), "0"},
		// §2 qualitative
		{"achieved full", qual(Achieved, "5", "5"), "5"},
		{"achieved 4.73", qual(Achieved, "4.73", "5"), "4.73"},
		{"partial", qual(Partial, "3.5", "5"), "3.5"},
		{"not achieved", qual(NotAchieved, "1", "5"), "1"},
		{"rated score rounded", qual(Achieved, "4.735", "5"), "4.74"},
		{"rated score above weight clamped", qual(Achieved, "6", "5"), "5"},
		{"negative rated score clamped", qual(NotAchieved, "-1", "5"), "0"},
		{"rating without score", qual(Achieved, "", "5"), "0"},
		{"score without rating", qual(NotRated, "4", "5"), "0"},
		{"unknown rating", qual("GREAT", "4", "5"), "0"},
	}
	for _, tt := range tests {
		checkScore(t, tt.name, def.Score(tt.ind), tt.want)
	}
}

func TestCompletionRate(t *testing.T) {
	tests := []struct {
		target, actual, want string
		ok                   bool
	}{
		{"80", "88", "110.00", true},
		{"900", "1300", "144.44", true},
		{"15", "20", "133.33", true},
		{"30", "36", "120.00", true},
		{"3", "2", "66.67", true},
		{"1", "0.00125", "0.13", true},   // 0.125 half away from zero
		{"1", "-0.00125", "-0.13", true}, // and for negatives
		{"0", "5", "0", false},
	}
	for _, tt := range tests {
		got, ok := CompletionRate(d(tt.target), d(tt.actual))
		if ok != tt.ok || !got.Equal(d(tt.want)) {
			t.Errorf("CompletionRate(%s, %s) = %s, %v; want %s, %v", tt.target, tt.actual, got, ok, tt.want, tt.ok)
		}
	}
}

func TestExecutionRate(t *testing.T) {
	tests := []struct {
		executed, budget, want string
		ok                     bool
	}{
		{"1829.40", "1836.19", "99.63", true},
		{"1", "800", "0.13", true}, // 0.125
		{"2000", "1000", "200", true},
		{"5", "0", "0", false},
		{"5", "-1", "0", false},
	}
	for _, tt := range tests {
		got, ok := ExecutionRate(d(tt.executed), d(tt.budget))
		if ok != tt.ok || !got.Equal(d(tt.want)) {
			t.Errorf("ExecutionRate(%s, %s) = %s, %v; want %s, %v", tt.executed, tt.budget, got, ok, tt.want, tt.ok)
		}
	}
}

func TestExecutionItemScore(t *testing.T) {
	tests := []struct{ executed, budget, want string }{
		{"1829.40", "1836.19", "9.96"},
		{"50", "100", "5"},
		{"1", "800", "0.01"}, // 0.0125
		{"1", "1600", "0.01"},
		{"1", "160", "0.06"}, // 0.0625
		{"120", "100", "10"},
		{"-5", "100", "0"},
		{"5", "0", "0"},
	}
	for _, tt := range tests {
		checkScore(t, "ExecutionItemScore("+tt.executed+", "+tt.budget+")", def.ExecutionItemScore(d(tt.executed), d(tt.budget)), tt.want)
	}
}

func TestAttainment(t *testing.T) {
	tests := []struct{ score, weight, want string }{
		{"9.96", "10", "0.996"},
		{"4.73", "5", "0.946"},
		{"2", "3", "0.6667"},
		{"6", "5", "1"},
		{"-1", "5", "0"},
		{"3", "0", "0"},
		{"3", "-1", "0"},
	}
	for _, tt := range tests {
		if got := Attainment(d(tt.score), d(tt.weight)); !got.Equal(d(tt.want)) {
			t.Errorf("Attainment(%s, %s) = %s, want %s", tt.score, tt.weight, got, tt.want)
		}
	}
}

func TestDerive(t *testing.T) {
	f := Figures{
		AdjustedBudget: d("1836.19"), Executed: d("1829.40"), CarryoverEnd: d("4.58"),
		AssetsInUse: d("300"), AssetsTotal: d("312.5"),
		PublicBudget: d("80"), PublicActual: d("75.61"),
		ThreePublicBudget: d("4"), ThreePublicActual: d("3.2"),
	}
	tests := []struct {
		b      Binding
		f      Figures
		want   string
		ok     bool
		want2p string // rounded to 2 places as displayed
	}{
		{BindExecutionRate, f, "99.630213", true, "99.63"},
		{BindCarryoverRate, f, "0.250355", true, "0.25"},
		{BindAssetUtilization, f, "96", true, "96.00"},
		{BindPublicFundsControl, f, "94.5125", true, "94.51"},
		{BindThreePublicControl, f, "80", true, "80.00"},
		{NoBinding, f, "0", false, "0.00"},
		{"UNKNOWN", f, "0", false, "0.00"},
		{BindExecutionRate, Figures{Executed: d("1")}, "0", false, "0.00"},
		{BindCarryoverRate, Figures{CarryoverEnd: d("1")}, "0", false, "0.00"},
		{BindAssetUtilization, Figures{AssetsInUse: d("1")}, "0", false, "0.00"},
		{BindPublicFundsControl, Figures{PublicActual: d("1")}, "0", false, "0.00"},
		{BindThreePublicControl, Figures{ThreePublicActual: d("1")}, "0", false, "0.00"},
	}
	for _, tt := range tests {
		got, ok := Derive(tt.b, tt.f)
		if ok != tt.ok || !got.Equal(d(tt.want)) || got.StringFixed(2) != tt.want2p {
			t.Errorf("Derive(%q) = %s, %v; want %s (%s), %v", tt.b, got, ok, tt.want, tt.want2p, tt.ok)
		}
	}
}

func TestGradeOf(t *testing.T) {
	tests := []struct {
		total   string
		want    Grade
		chinese string
	}{
		{"100", Excellent, "优"},
		{"90", Excellent, "优"},
		{"89.99", Good, "良"},
		{"80", Good, "良"},
		{"79.99", Fair, "中"},
		{"60", Fair, "中"},
		{"59.99", Poor, "差"},
		{"0", Poor, "差"},
		{"-1", Poor, "差"},
	}
	for _, tt := range tests {
		g := def.GradeOf(d(tt.total))
		if g != tt.want || g.Chinese() != tt.chinese {
			t.Errorf("GradeOf(%s) = %s %s, want %s %s", tt.total, g, g.Chinese(), tt.want, tt.chinese)
		}
	}
	if Grade("X").Chinese() != "" {
		t.Errorf("unknown grade has a Chinese name")
	}
}

func TestBand(t *testing.T) {
	tests := []struct {
		r         Rating
		lo, hi    string
		inclusive bool
	}{
		{Achieved, "0.8", "1", true},
		{Partial, "0.6", "0.8", false},
		{NotAchieved, "0", "0.6", false},
		{NotRated, "0", "0", false},
	}
	for _, tt := range tests {
		lo, hi, inc := def.Band(tt.r)
		if !lo.Equal(d(tt.lo)) || !hi.Equal(d(tt.hi)) || inc != tt.inclusive {
			t.Errorf("Band(%q) = %s, %s, %v", tt.r, lo, hi, inc)
		}
	}
}

func TestCheckRatedScore(t *testing.T) {
	tests := []struct {
		r             Rating
		score, weight string
		err           string // "" = no error; else the exact message, or a fragment with "~" prefix
	}{
		{Achieved, "4", "5", ""},
		{Achieved, "4.73", "5", ""},
		{Achieved, "5", "5", ""},
		{Achieved, "3.5", "5", "score 3.5 is outside the band of 达成年度指标 (ACHIEVED): 4.00 to 5.00 (80 % to 100 % of weight 5)"},
		{Achieved, "3.99", "5", "~4.00 to 5.00"},
		{Achieved, "5.01", "5", "~4.00 to 5.00"},
		{Partial, "3", "5", ""},
		{Partial, "3.99", "5", ""},
		{Partial, "4", "5", "score 4 is outside the band of 部分达成并具有一定效果 (PARTIAL): 3.00 to less than 4.00 (60 % to less than 80 % of weight 5)"},
		{Partial, "2.99", "5", "~3.00 to less than 4.00"},
		{NotAchieved, "0", "5", ""},
		{NotAchieved, "2.99", "5", ""},
		{NotAchieved, "3", "5", "score 3 is outside the band of 未达成且效果较差 (NOT_ACHIEVED): 0.00 to less than 3.00 (0 % to less than 60 % of weight 5)"},
		{NotAchieved, "-0.01", "5", "~0.00 to less than 3.00"},
		{Achieved, "2", "2.5", ""},
		{Achieved, "1.99", "2.5", "~2.00 to 2.50 (80 % to 100 % of weight 2.5)"},
		{Achieved, "2.66", "3.33", "~2.664 to 3.33"}, // exact edge, not a rounded one
		{NotRated, "4", "5", "~no rating"},
		{"GREAT", "4", "5", "~unknown rating"},
		{Achieved, "0", "0", "~weight 0 is not positive"},
	}
	for _, tt := range tests {
		err := def.CheckRatedScore(tt.r, d(tt.score), d(tt.weight))
		switch {
		case tt.err == "":
			if err != nil {
				t.Errorf("CheckRatedScore(%q, %s, %s): unexpected %v", tt.r, tt.score, tt.weight, err)
			}
		case err == nil:
			t.Errorf("CheckRatedScore(%q, %s, %s): no error, want %q", tt.r, tt.score, tt.weight, tt.err)
		case strings.HasPrefix(tt.err, "~"):
			if !strings.Contains(err.Error(), tt.err[1:]) {
				t.Errorf("CheckRatedScore(%q, %s, %s) = %q, want it to contain %q", tt.r, tt.score, tt.weight, err, tt.err[1:])
			}
		case err.Error() != tt.err:
			t.Errorf("CheckRatedScore(%q, %s, %s) = %q, want %q", tt.r, tt.score, tt.weight, err, tt.err)
		}
	}
}

func TestMonthsBehind(t *testing.T) {
	months := []Month{
		{Month: 6, CumulativeExecuted: d("540"), TargetPercent: d("50")}, // 45 %: behind
		{Month: 1, CumulativeExecuted: d("50"), TargetPercent: d("5")},   // 4.17 %: behind
		{Month: 2, CumulativeExecuted: d("200"), TargetPercent: d("10")}, // 16.67 %: ahead
		{Month: 3, CumulativeExecuted: d("359.94"), TargetPercent: d("30")},
		{Month: 4, CumulativeExecuted: d("479.88"), TargetPercent: d("40")}, // 39.99 %: behind
		{Month: 5, CumulativeExecuted: d("600"), TargetPercent: d("50")},    // exactly at target: not behind
		{Month: 13, CumulativeExecuted: d("0"), TargetPercent: d("100")},    // not a month
		{Month: 0, CumulativeExecuted: d("0"), TargetPercent: d("100")},
		{Month: 1, CumulativeExecuted: d("50"), TargetPercent: d("5")}, // given twice
	}
	// Month 3 is 29.995 %, displayed 30.00 %: not behind.
	if got, want := MonthsBehind(d("1200"), months), []int{1, 4, 6}; !slices.Equal(got, want) {
		t.Errorf("MonthsBehind = %v, want %v", got, want)
	}
	if got := MonthsBehind(d("0"), months); len(got) != 0 {
		t.Errorf("MonthsBehind with budget 0 = %v, want none", got)
	}
	if got := MonthsBehind(d("100"), nil); len(got) != 0 {
		t.Errorf("MonthsBehind of no months = %v, want none", got)
	}
}

func TestSubtotals(t *testing.T) {
	leaves := []Leaf{
		{"A", "x", d("7"), d("7")},
		{"B", "y", d("4.5"), d("6")},
		{"A", "z", d("0.67"), d("1")},
		{"A", "x", d("5.5"), d("6")},
		{"B", "", d("1"), d("2")}, // no level 2: counts toward B only
		{"B", "w", d("0"), d("3")},
	}
	want := []Subtotal{
		{"A", "", d("13.17"), d("14")},
		{"A", "x", d("12.5"), d("13")},
		{"A", "z", d("0.67"), d("1")},
		{"B", "", d("5.5"), d("11")},
		{"B", "y", d("4.5"), d("6")},
		{"B", "w", d("0"), d("3")},
	}
	got := Subtotals(leaves)
	if len(got) != len(want) {
		t.Fatalf("Subtotals = %v, want %v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Level1 != w.Level1 || g.Level2 != w.Level2 || !g.Score.Equal(w.Score) || !g.Weight.Equal(w.Weight) {
			t.Errorf("Subtotals[%d] = %+v, want %+v", i, g, w)
		}
	}
	if got := Subtotals(nil); len(got) != 0 {
		t.Errorf("Subtotals(nil) = %v", got)
	}
}

func TestTotal(t *testing.T) {
	if got := Total([]decimal.Decimal{d("0.67"), d("0.67"), d("0.67")}); !got.Equal(d("2.01")) {
		t.Errorf("Total = %s, want 2.01 (a sum of rounded scores)", got)
	}
	if got := Total(nil); !got.IsZero() {
		t.Errorf("Total(nil) = %s", got)
	}
}

func TestDeviationRequired(t *testing.T) {
	tests := []struct {
		name string
		ind  Indicator
		want bool
	}{
		{"99 %", quant(GE, "100", "99", "5"), true},
		{"99.63 %", quant(GE, "100", "99.630213", "10"), true},
		{"100 %", quant(GE, "100", "100", "5"), false},
		{"99.999 % displays as 100.00 %", quant(GE, "100", "99.999", "5"), false},
		{"110 %", quant(GE, "80", "88", "5"), false},
		{"129.99 %", quant(GT, "100", "129.99", "5"), false},
		{"130 %", quant(GE, "100", "130", "5"), true},
		{"133.33 %", quant(GE, "15", "20", "5"), true},
		{"144 %", quant(GE, "100", "144", "5"), true},
		{"1300 of 900", quant(GE, "900", "1300", "6"), true},
		{"EQ over 130 %", quant(EQ, "10", "13", "5"), true},
		{"negative actual", quant(GE, "10", "-1", "5"), true},
		{"reverse met", quant(LE, "10", "0.25", "5"), false},
		{"reverse at target", quant(LE, "10", "10", "5"), false},
		{"reverse not met", quant(LE, "10", "10.01", "5"), true},
		{"reverse far under target is no deviation", quant(LT, "100", "1", "5"), false},
		{"reverse target 0 met", quant(LT, "0", "0", "5"), false},
		{"reverse target 0 not met", quant(LT, "0", "0.01", "5"), true},
		{"GE target 0 full weight", quant(GE, "0", "0", "5"), false},
		{"GE target 0 negative", quant(GE, "0", "-1", "5"), true},
		{"EQ target 0 met", quant(EQ, "0", "0", "5"), false},
		{"EQ target 0 not met", quant(EQ, "0", "1", "5"), true},
		{"no actual", quant(GE, "100", "", "5"), false},
		{"qualitative", qual(NotAchieved, "1", "5"), false},
		{"unknown operator", quant("NE", "100", "1", "5"), false},
	}
	for _, tt := range tests {
		if got := def.DeviationRequired(tt.ind); got != tt.want {
			t.Errorf("DeviationRequired(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	for _, o := range []Operator{GE, GT, EQ, LE, LT} {
		if !o.Valid() {
			t.Errorf("%s not valid", o)
		}
		if o.Reverse() != (o == LE || o == LT) {
			t.Errorf("%s.Reverse() = %v", o, o.Reverse())
		}
	}
	for _, o := range []Operator{"", "ge", "NE"} {
		if o.Valid() || o.Reverse() {
			t.Errorf("%q valid or reverse", o)
		}
	}
	if !Quantitative.Valid() || !Qualitative.Valid() || Kind("").Valid() || Kind("quantitative").Valid() {
		t.Error("Kind.Valid wrong")
	}
	for _, r := range []Rating{NotRated, Achieved, Partial, NotAchieved} {
		if !r.Valid() {
			t.Errorf("rating %q not valid", r)
		}
	}
	if Rating("achieved").Valid() {
		t.Error("lower-case rating valid")
	}
	for _, b := range []Binding{NoBinding, BindExecutionRate, BindCarryoverRate, BindAssetUtilization, BindPublicFundsControl, BindThreePublicControl} {
		if !b.Valid() {
			t.Errorf("binding %q not valid", b)
		}
	}
	if Binding("EXECUTION").Valid() {
		t.Error("unknown binding valid")
	}
}

type problemKey struct{ indicator, field string }

func keys(ps []Problem) []problemKey {
	var out []problemKey
	for _, p := range ps {
		out = append(out, problemKey{p.Indicator, p.Field})
	}
	return out
}

func TestSubmitProblems(t *testing.T) {
	in := SubmitInput{
		Indicators: []SubmitIndicator{
			{Key: "q1", Name: "unrated", Indicator: qual(NotRated, "", "10")},
			{Key: "q2", Name: "out of band", Indicator: qual(Achieved, "3.5", "5")},
			{Key: "q3", Name: "fine", Indicator: qual(Partial, "3.5", "5")},
			{Key: "n1", Name: "no actual", Indicator: quant(GE, "80", "", "20")},
			{Key: "n2", Name: "short", Indicator: quant(GE, "80", "60", "20")},
			{Key: "n3", Name: "blank reason", Indicator: quant(LE, "10", "12", "20"), DeviationReason: " \t\n"},
			{Key: "n4", Name: "explained", Indicator: quant(GE, "900", "1300", "5"), DeviationReason: "大型会议增加"},
		},
		Project:       true,
		ExecutionRate: p("85.5"),
	}
	got := def.SubmitProblems(in)
	want := []problemKey{
		{"q1", "rating"}, {"q1", "ratedScore"},
		{"q2", "ratedScore"},
		{"n1", "actual"},
		{"n2", "deviationReason"},
		{"n3", "deviationReason"},
		{"", "weight"},
		{"", "executionExplanation"},
	}
	if !slices.Equal(keys(got), want) {
		t.Fatalf("SubmitProblems = %v, want %v", keys(got), want)
	}
	for i, frag := range []string{
		"unrated", "no score",
		"score 3.5 is outside the band of 达成年度指标 (ACHIEVED): 4.00 to 5.00",
		"no actual value",
		"completion rate 75.00 % is below 100 %",
		"actual 12 does not meet target ≤ 10",
		"weights add up to 95 (with the execution item's 10), not 100",
		"execution rate 85.50 % is below 90 %",
	} {
		if !strings.Contains(got[i].Message, frag) {
			t.Errorf("problem %d message %q does not contain %q", i, got[i].Message, frag)
		}
	}

	wantReasons := []Reason{RatingMissing, RatedScoreMissing, RatedScoreOutsideBand, ActualMissing,
		CompletionBelow, TargetMissed, WeightsNotHundred, ExecutionUnexplained}
	for i, r := range wantReasons {
		if got[i].Reason != r {
			t.Errorf("problem %d reason %s, want %s", i, got[i].Reason, r)
		}
	}
	for i, want := range map[int]map[string]string{
		2: {"score": "3.5", "rating": "ACHIEVED", "weight": "5", "low": "4.00", "high": "5.00", "highInclusive": "true"},
		4: {"completionRate": "75.00", "threshold": "100"},
		5: {"actual": "12", "operator": "LE", "target": "10"},
		6: {"sum": "95", "executionItemWeight": "10"},
	} {
		if !reflect.DeepEqual(got[i].Params, want) {
			t.Errorf("problem %d params %v, want %v", i, got[i].Params, want)
		}
	}

	// Fixing everything leaves nothing.
	in.Indicators[0].Indicator = qual(Achieved, "9", "10")
	in.Indicators[1].Indicator = qual(Achieved, "4", "5")
	in.Indicators[3].Indicator = quant(GE, "80", "80", "25")
	in.Indicators[4].DeviationReason = "天气原因"
	in.Indicators[5].DeviationReason = "新增任务"
	in.ExecutionExplanation = "项目延期"
	if got := def.SubmitProblems(in); len(got) != 0 {
		t.Errorf("SubmitProblems after fixes = %+v", got)
	}
}

func TestSubmitProblemsEvaluationLevel(t *testing.T) {
	full := []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "95.5")}}
	tests := []struct {
		name string
		in   SubmitInput
		want []Problem
	}{
		{"weights short", SubmitInput{Indicators: full},
			[]Problem{{"", "weight", "weights add up to 95.5, not 100", WeightsNotHundred, map[string]string{"sum": "95.5"}}}},
		{"weights over", SubmitInput{Indicators: append(full, SubmitIndicator{Key: "b", Indicator: qual(Achieved, "5", "5")})},
			[]Problem{{"", "weight", "weights add up to 100.5, not 100", WeightsNotHundred, map[string]string{"sum": "100.5"}}}},
		{"project weights 90 + 10", SubmitInput{Project: true, Indicators: []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "90")}}}, nil},
		{"project rate 90 needs nothing", SubmitInput{Project: true, ExecutionRate: p("90"),
			Indicators: []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "90")}}}, nil},
		{"project rate undefined needs nothing", SubmitInput{Project: true,
			Indicators: []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "90")}}}, nil},
		{"project rate 89.99", SubmitInput{Project: true, ExecutionRate: p("89.99"),
			Indicators: []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "90")}}},
			[]Problem{{"", "executionExplanation", "execution rate 89.99 % is below 90 %; an explanation is required",
				ExecutionUnexplained, map[string]string{"executionRate": "89.99", "threshold": "90"}}}},
		{"department rate ignored", SubmitInput{ExecutionRate: p("50"),
			Indicators: []SubmitIndicator{{Key: "a", Indicator: quant(GE, "1", "1", "100")}}}, nil},
		{"malformed indicator", SubmitInput{Indicators: []SubmitIndicator{
			{Key: "a", Name: "bad", Indicator: Indicator{Kind: Quantitative, Operator: "NE", Target: d("-1"), Actual: p("1"), Weight: d("0")}},
			{Key: "b", Indicator: Indicator{Kind: "X", Weight: d("100")}},
		}}, []Problem{
			{"a", "weight", `indicator "bad": weight 0 is not positive`, WeightNotPositive, map[string]string{"weight": "0"}},
			{"a", "operator", `indicator "bad": unknown operator "NE"`, OperatorUnknown, map[string]string{"operator": "NE"}},
			{"a", "target", `indicator "bad": target -1 is negative`, TargetNegative, map[string]string{"target": "-1"}},
			{"b", "kind", `indicator "b": unknown kind "X"`, KindUnknown, map[string]string{"kind": "X"}},
		}},
	}
	for _, tt := range tests {
		if got := def.SubmitProblems(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: SubmitProblems = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestGradeRangeAgreesWithGradeOf(t *testing.T) {
	for _, g := range []Grade{Excellent, Good, Fair, Poor} {
		lo, hi, ok := def.GradeRange(g)
		if !ok {
			t.Fatalf("GradeRange(%s) unknown", g)
		}
		if got := def.GradeOf(lo); got != g {
			t.Errorf("GradeOf(%s) = %s, want %s (lower bound of %s)", lo, got, g, g)
		}
		if hi != nil {
			if got := def.GradeOf(hi.Sub(d("0.01"))); got != g {
				t.Errorf("GradeOf(%s - 0.01) = %s, want %s", hi, got, g)
			}
			if got := def.GradeOf(*hi); got == g {
				t.Errorf("GradeOf(%s) = %s: upper bound must be exclusive", hi, got)
			}
		}
	}
	if _, _, ok := def.GradeRange("GREAT"); ok {
		t.Error("GradeRange accepted an unknown grade")
	}
}

// def is today's rules (SCORING.md), which every test above applies.
var def = Default()
