package monitoring

import (
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) *decimal.Decimal {
	v := decimal.RequireFromString(s)
	return &v
}

func pt(t *testing.T, s string) Point {
	t.Helper()
	p, err := ParsePoint(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPoint(t *testing.T) {
	for _, c := range []struct {
		point, share string
		month        int
	}{
		{"2023-06-30", "0.5", 6},
		{"2023-09-30", "0.75", 9},
		{"2023-12-31", "1", 12},
		{"2023-07-15", "0.540323", 6}, // (6 + 15/31) / 12
		{"2024-02-29", "0.166667", 2},
		{"2023-01-10", "0.026882", 0},
	} {
		p := pt(t, c.point)
		if got := p.Share(); !got.Equal(decimal.RequireFromString(c.share)) {
			t.Errorf("%s: share %s, want %s", c.point, got, c.share)
		}
		if got := p.CompleteMonth(); got != c.month {
			t.Errorf("%s: complete month %d, want %d", c.point, got, c.month)
		}
	}
	if _, err := ParsePoint("2023-6-30"); err == nil {
		t.Error("2023-6-30 parsed")
	}
}

func TestExpect(t *testing.T) {
	for _, c := range []struct {
		name       string
		point      string
		ind        Indicator
		o          Override
		computed   string // "" for none
		expected   string
		light      Light
		computedL  Light
		likelihood Likelihood
		codes      []string
	}{
		{name: "count linear, on track", point: "2023-06-30",
			ind: Indicator{Target: d("80"), ValueToDate: d("40")}, computed: "80", expected: "80", light: Green, computedL: Green, likelihood: Likely,
			codes: []string{StepElapsed, StepLinear, StepRatio, StepLightPositive}},
		{name: "count linear, yellow at 90 %", point: "2023-06-30",
			ind: Indicator{Target: d("80"), ValueToDate: d("36")}, computed: "72", expected: "72", light: Yellow, computedL: Yellow, likelihood: AtRisk},
		{name: "count linear, red below 90 %", point: "2023-06-30",
			ind: Indicator{Target: d("80"), ValueToDate: d("35.9")}, computed: "71.8", expected: "71.8", light: Red, computedL: Red, likelihood: Unlikely},
		{name: "count at 9 months", point: "2023-09-30",
			ind: Indicator{Target: d("15"), ValueToDate: d("12")}, computed: "16", expected: "16", light: Green, computedL: Green, likelihood: Likely},
		{name: "count scaled by last year's share", point: "2023-06-30",
			ind:      Indicator{Target: d("900"), ValueToDate: d("300"), LastYearToDate: d("250"), LastYearFull: d("1000")},
			computed: "1200", expected: "1200", light: Green, computedL: Green, likelihood: Likely,
			codes: []string{StepElapsed, StepLastYearShare, StepScaled, StepRatio, StepLightPositive}},
		{name: "last year's share unusable (to date above full) falls back to linear", point: "2023-06-30",
			ind:      Indicator{Target: d("900"), ValueToDate: d("300"), LastYearToDate: d("1200"), LastYearFull: d("1000")},
			computed: "600", expected: "600", light: Red, computedL: Red, likelihood: Unlikely},
		{name: "rate is its own forecast", point: "2023-06-30",
			ind: Indicator{Rate: true, Target: d("100"), ValueToDate: d("95")}, computed: "95", expected: "95", light: Yellow, computedL: Yellow, likelihood: AtRisk,
			codes: []string{StepRateToDate, StepRatio, StepLightPositive}},
		{name: "a cumulative rate (budget execution) is scaled, at most its cap", point: "2023-06-30",
			ind: Indicator{Target: d("100"), ValueToDate: d("45"), Cap: d("100")}, computed: "90", expected: "90", light: Yellow, computedL: Yellow, likelihood: AtRisk,
			codes: []string{StepElapsed, StepLinear, StepRatio, StepLightPositive}},
		{name: "a cumulative rate capped", point: "2023-06-30",
			ind: Indicator{Target: d("100"), ValueToDate: d("60"), Cap: d("100")}, computed: "100", expected: "100", light: Green, computedL: Green, likelihood: Likely,
			codes: []string{StepElapsed, StepLinear, StepCapped, StepRatio, StepLightPositive}},
		{name: "reverse rate met", point: "2023-06-30",
			ind: Indicator{Rate: true, Reverse: true, Target: d("10"), ValueToDate: d("0.25")}, computed: "0.25", expected: "0.25", light: Green, computedL: Green, likelihood: Likely,
			codes: []string{StepRateToDate, StepRatio, StepLightReverse}},
		{name: "reverse count yellow up to 110 %", point: "2023-06-30",
			ind: Indicator{Reverse: true, Target: d("10"), ValueToDate: d("5.5")}, computed: "11", expected: "11", light: Yellow, computedL: Yellow, likelihood: AtRisk},
		{name: "reverse count red above 110 %", point: "2023-06-30",
			ind: Indicator{Reverse: true, Target: d("10"), ValueToDate: d("5.6")}, computed: "11.2", expected: "11.2", light: Red, computedL: Red, likelihood: Unlikely},
		{name: "zero target reverse", point: "2023-06-30",
			ind: Indicator{Reverse: true, Target: d("0"), ValueToDate: d("1")}, computed: "2", expected: "2", light: Red, computedL: Red, likelihood: Unlikely,
			codes: []string{StepElapsed, StepLinear, StepZeroTarget}},
		{name: "zero target equal", point: "2023-06-30",
			ind: Indicator{Equal: true, Target: d("0"), ValueToDate: d("0")}, computed: "0", expected: "0", light: Green, computedL: Green, likelihood: Likely},
		{name: "no value yet", point: "2023-06-30",
			ind: Indicator{Target: d("80")}, codes: []string{StepNoValue}},
		{name: "no target", point: "2023-06-30",
			ind: Indicator{ValueToDate: d("3")}, computed: "6", expected: "6", codes: []string{StepElapsed, StepLinear, StepNoTarget}},
		{name: "qualitative stated", point: "2023-06-30",
			ind: Indicator{Qualitative: true}, o: Override{Likelihood: AtRisk, Reason: "制度修订中"}, light: Yellow, likelihood: AtRisk,
			codes: []string{StepQualitative, StepOverrideLikely}},
		{name: "expected overridden: the light follows", point: "2023-06-30",
			ind: Indicator{Target: d("80"), ValueToDate: d("30")}, o: Override{Expected: d("85"), Reason: "下半年集中培训"},
			computed: "60", expected: "85", light: Green, computedL: Red, likelihood: Likely,
			codes: []string{StepElapsed, StepLinear, StepOverrideExpected, StepRatio, StepLightPositive, StepRatio, StepLightPositive}},
		{name: "likelihood overridden", point: "2023-06-30",
			ind: Indicator{Target: d("80"), ValueToDate: d("40")}, o: Override{Likelihood: Unlikely, Reason: "经费取消"},
			computed: "80", expected: "80", light: Red, computedL: Green, likelihood: Unlikely},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := Expect(pt(t, c.point), c.ind, c.o)
			eq := func(what string, got *decimal.Decimal, want string) {
				switch {
				case want == "" && got != nil:
					t.Errorf("%s %s, want none", what, got)
				case want != "" && (got == nil || !got.Equal(decimal.RequireFromString(want))):
					t.Errorf("%s %v, want %s", what, got, want)
				}
			}
			eq("computed", f.Computed, c.computed)
			eq("expected", f.Expected, c.expected)
			if f.Light != c.light || f.ComputedLight != c.computedL || f.Likelihood != c.likelihood {
				t.Errorf("light %q computed %q likelihood %q, want %q %q %q", f.Light, f.ComputedLight, f.Likelihood, c.light, c.computedL, c.likelihood)
			}
			if c.codes != nil {
				var codes []string
				for _, s := range f.Steps {
					codes = append(codes, s.Code)
				}
				if len(codes) != len(c.codes) {
					t.Fatalf("steps %v, want %v", codes, c.codes)
				}
				for i := range codes {
					if codes[i] != c.codes[i] {
						t.Fatalf("steps %v, want %v", codes, c.codes)
					}
				}
			}
		})
	}
}

func TestExpectBudget(t *testing.T) {
	for _, c := range []struct {
		name            string
		point           string
		b               Budget
		override        *decimal.Decimal
		rate, expected  string
		light, computed Light
	}{
		{name: "on the curve", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.RequireFromString("1836.19"), ExecutedToDate: d("918.10"), TargetPercent: d("50")},
			rate: "50", expected: "100", light: Green, computed: Green},
		{name: "behind by less than 10 %", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("460"), TargetPercent: d("50")},
			rate: "46", expected: "92", light: Yellow, computed: Yellow},
		{name: "far behind", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("300"), TargetPercent: d("50")},
			rate: "30", expected: "60", light: Red, computed: Red},
		{name: "last year's curve", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("300"), TargetPercent: d("30"), LastYearToDate: d("280"), LastYearFull: d("800")},
			rate: "30", expected: "85.71", light: Green, computed: Green},
		{name: "capped at 100", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("600")},
			rate: "60", expected: "100", light: Green, computed: Green},
		{name: "no month target: expected against 100 %", point: "2023-06-30",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("440")},
			rate: "44", expected: "88", light: Red, computed: Red},
		{name: "overridden", point: "2023-06-30",
			b:        Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("300"), TargetPercent: d("50")},
			override: d("98"), rate: "30", expected: "98", light: Yellow, computed: Red},
		{name: "mid-month reads the last complete month", point: "2023-07-15",
			b:    Budget{Adjusted: decimal.NewFromInt(1000), ExecutedToDate: d("500"), TargetPercent: d("50")},
			rate: "50", expected: "100", light: Green, computed: Green},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := ExpectBudget(pt(t, c.point), c.b, c.override, "reason")
			if f.RateToDate == nil || !f.RateToDate.Equal(decimal.RequireFromString(c.rate)) {
				t.Errorf("rate %v, want %s", f.RateToDate, c.rate)
			}
			if f.ExpectedRate == nil || !f.ExpectedRate.Equal(decimal.RequireFromString(c.expected)) {
				t.Errorf("expected %v, want %s", f.ExpectedRate, c.expected)
			}
			if f.Light != c.light || f.ComputedLight != c.computed {
				t.Errorf("light %s computed %s, want %s %s (steps %v)", f.Light, f.ComputedLight, c.light, c.computed, f.Steps)
			}
		})
	}
	if f := ExpectBudget(pt(t, "2023-06-30"), Budget{}, nil, ""); f.Light != "" || f.Steps[0].Code != StepNoBudget {
		t.Errorf("no budget: %+v", f)
	}
}

func TestProblems(t *testing.T) {
	p := pt(t, "2023-06-30")
	red := Expect(p, Indicator{Target: d("80"), ValueToDate: d("10")}, Override{})
	green := Expect(p, Indicator{Target: d("80"), ValueToDate: d("40")}, Override{})
	entries := []Entry{
		{Indicator: 1, Name: "培训人数", ValueToDate: d("10"), Forecast: red, Cause: "疫情", Measure: ""},
		{Indicator: 2, Name: "会议", Forecast: Expect(p, Indicator{Target: d("80")}, Override{})},
		{Indicator: 3, Name: "规范性", Qualitative: true},
		{Indicator: 4, Name: "稿件", ValueToDate: d("40"), Forecast: green, Override: Override{Expected: d("70")}},
		{Indicator: 5, Name: "好的", ValueToDate: d("40"), Forecast: green},
	}
	b := ExpectBudget(p, Budget{Adjusted: decimal.NewFromInt(100), ExecutedToDate: d("10"), TargetPercent: d("50")}, nil, "")
	got := Problems(entries, &b, false, "", "原因", " ")
	want := []struct {
		code  string
		ind   int
		field string
	}{
		{MeasureMissing, 1, "measure"},
		{ValueMissing, 2, "valueToDate"},
		{LikelihoodMissing, 3, "likelihood"},
		{OverrideReasonMissing, 4, "overrideReason"},
		{MeasureMissing, 0, "budgetMeasure"},
	}
	if len(got) != len(want) {
		t.Fatalf("problems %+v", got)
	}
	for i, w := range want {
		if got[i].Code != w.code || got[i].Indicator != w.ind || got[i].Field != w.field {
			t.Errorf("problem %d: %+v, want %+v", i, got[i], w)
		}
	}
}
