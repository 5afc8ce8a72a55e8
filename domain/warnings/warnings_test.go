package warnings

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

func p(s string) *decimal.Decimal {
	if s == "" {
		return nil
	}
	v := decimal.RequireFromString(s)
	return &v
}

// quant is a typed quantitative indicator: target, actual and its kept completion rate.
func quant(op scoring.Operator, unit, target, actual string) Indicator {
	ind := Indicator{Key: "1", Level1: "产出指标", Level2: "数量指标", Name: "培训人次", Kind: scoring.Quantitative,
		Operator: op, Unit: unit, Target: p(target), Actual: p(actual), EffectiveActual: p(actual)}
	if ind.Target != nil && ind.Actual != nil {
		if r, ok := scoring.CompletionRate(*ind.Target, *ind.Actual); ok {
			ind.CompletionRate = &r
		}
	}
	return ind
}

// bound is an indicator bound to a formula, whose actual is derived.
func bound(op scoring.Operator, unit, target, derived string) Indicator {
	ind := quant(op, unit, target, derived)
	ind.Bound, ind.Actual = true, nil
	return ind
}

func qualitative() Indicator {
	return Indicator{Key: "1", Name: "制度健全性", Kind: scoring.Qualitative}
}

// past is ind as it was in year with its kept completion rate set to rate.
func past(year int, ind Indicator, rate string) Past {
	ind.CompletionRate = p(rate)
	return Past{Year: year, Indicator: ind}
}

func codes(ws []Warning) []string {
	out := []string{}
	for _, w := range ws {
		c := string(w.Code)
		if f := w.Params["field"]; f != "" {
			c += ":" + f
		}
		out = append(out, c)
	}
	return out
}

func TestCheck(t *testing.T) {
	ge, le, eq := scoring.GE, scoring.LE, scoring.EQ
	// History of 会议参与人数: 800, then 900, met at the rates given.
	meetings := quant(ge, "人次", "900", "")
	hist := func(r1, r2 string) []Past {
		return []Past{past(2023, quant(ge, "人次", "900", "1300"), r1), past(2022, quant(ge, "人次", "800", "1170"), r2)}
	}
	tests := []struct {
		name string
		ind  Indicator
		past []Past
		want []string
	}{
		// PERCENT_AS_SHARE
		{"% target of 1", quant(ge, "%", "1", ""), nil, []string{"PERCENT_AS_SHARE:target"}},
		{"% target of 1.01", quant(ge, "%", "1.01", ""), nil, []string{}},
		{"% target of 0.95", quant(ge, "%", "0.95", ""), nil, []string{"PERCENT_AS_SHARE:target"}},
		{"% target of 0", quant(ge, "%", "0", ""), nil, []string{}},
		{"% target of 100", quant(ge, "%", "100", "98"), nil, []string{}},
		{"full-width ％", quant(ge, "％", "1", ""), nil, []string{"PERCENT_AS_SHARE:target"}},
		{"= is positive", quant(eq, "%", "1", ""), nil, []string{"PERCENT_AS_SHARE:target"}},
		{"reverse ceiling of 1 %", quant(le, "%", "1", "0.5"), nil, []string{}},
		{"count target of 1", quant(ge, "篇", "1", "1"), nil, []string{}},
		{"no unit target of 1", quant(ge, "", "1", "1"), nil, []string{}},
		{"bound target of 1 whatever its unit", bound(ge, "", "1", "92.31"), nil, []string{"PERCENT_AS_SHARE:target"}},
		{"bound target of 100", bound(ge, "%", "100", "99.63"), nil, []string{}},
		{"bound actual of 0.25 is derived", bound(le, "%", "10", "0.25"), nil, []string{}},
		{"% actual of 0.98", quant(ge, "%", "95", "0.98"), nil, []string{"PERCENT_AS_SHARE:actual"}},
		{"% actual of 1", quant(ge, "%", "95", "1"), nil, []string{"PERCENT_AS_SHARE:actual"}},
		{"% actual of 1.01", quant(ge, "%", "95", "1.01"), nil, []string{}},
		{"% actual of 0", quant(ge, "%", "95", "0"), nil, []string{}},
		{"% target and actual as shares", quant(ge, "%", "0.9", "0.95"), nil, []string{"PERCENT_AS_SHARE:target", "PERCENT_AS_SHARE:actual"}},
		{"empty actual", quant(ge, "%", "95", ""), nil, []string{}},
		{"qualitative", qualitative(), nil, []string{}},

		// NEGATIVE_QUANTITY
		{"negative 人次", quant(ge, "人次", "80", "-3"), nil, []string{"NEGATIVE_QUANTITY"}},
		{"negative 万人次", quant(ge, "万人次", "80", "-0.5"), nil, []string{"NEGATIVE_QUANTITY"}},
		{"negative count, reverse", quant(le, "起", "0", "-1"), nil, []string{"NEGATIVE_QUANTITY"}},
		{"zero 人次", quant(ge, "人次", "80", "0"), nil, []string{}},
		{"negative %", quant(ge, "%", "5", "-2"), nil, []string{}},
		{"negative 万元", quant(ge, "万元", "5", "-2"), nil, []string{}},
		{"negative ratio 元/人次", quant(le, "元/人次", "500", "-2"), nil, []string{}},

		// TARGET_TOO_LOW
		{"met at 130 % twice, target in reach again", meetings, hist("130.00", "130.00"), []string{"TARGET_TOO_LOW"}},
		{"met at 144 % and 130 %", meetings, hist("144.44", "130.00"), []string{"TARGET_TOO_LOW"}},
		{"129.99 % last year", meetings, hist("129.99", "144.44"), []string{}},
		{"129.99 % the year before", meetings, hist("144.44", "129.99"), []string{}},
		{"one previous year only", meetings, hist("144.44", "150.00")[:1], []string{}},
		{"two years, not the two before", meetings, []Past{past(2023, quant(ge, "人次", "900", "1300"), "144.44"), past(2021, quant(ge, "人次", "900", "1300"), "144.44")}, []string{}},
		{"target raised to 1000: 130 % still", quant(ge, "人次", "1000", ""), hist("144.44", "150.00"), []string{"TARGET_TOO_LOW"}},
		{"target raised to 1001: 129.87 %", quant(ge, "人次", "1001", ""), hist("144.44", "150.00"), []string{}},
		{"reverse: 150 % is a ceiling exceeded", quant(le, "人次", "900", ""),
			[]Past{past(2023, quant(le, "人次", "900", "1350"), "150.00"), past(2022, quant(le, "人次", "800", "1350"), "150.00")}, []string{}},
		{"was reverse before", meetings,
			[]Past{past(2023, quant(ge, "人次", "900", "1300"), "144.44"), past(2022, quant(le, "人次", "800", "1350"), "150.00")}, []string{}},
		{"no rate last year", meetings, []Past{past(2023, quant(ge, "人次", "900", "1300"), ""), past(2022, quant(ge, "人次", "800", "1350"), "150.00")}, []string{}},
		{"no target this year", quant(ge, "人次", "", ""), hist("144.44", "150.00"), []string{}},

		// TARGET_UNCHANGED
		{"900 three years", quant(ge, "人次", "900", "880"),
			[]Past{past(2023, quant(ge, "人次", "900", "880"), "97.78"), past(2022, quant(ge, "人次", "900.00", "900"), "100.00")}, []string{"TARGET_UNCHANGED"}},
		{"900 two years", quant(ge, "人次", "900", "880"), []Past{past(2023, quant(ge, "人次", "900", "880"), "97.78")}, []string{}},
		{"changed in between", quant(ge, "人次", "900", "880"),
			[]Past{past(2023, quant(ge, "人次", "900", "880"), "97.78"), past(2022, quant(ge, "人次", "800", "900"), "112.50")}, []string{}},
		{"a percentage's standard target", quant(ge, "%", "95", "96"),
			[]Past{past(2023, quant(ge, "%", "95", "96"), "101.05"), past(2022, quant(ge, "%", "95", "97"), "102.11")}, []string{}},
		{"a ratio's standard target", quant(le, "1/10万", "3", "2"),
			[]Past{past(2023, quant(le, "1/10万", "3", "2"), "66.67"), past(2022, quant(le, "1/10万", "3", "1"), "33.33")}, []string{}},
		{"a cost per head", quant(le, "元/人次", "500", "480"),
			[]Past{past(2023, quant(le, "元/人次", "500", "480"), "96.00"), past(2022, quant(le, "元/人次", "500", "490"), "98.00")}, []string{}},
		{"a bound target", bound(ge, "", "100", "99"),
			[]Past{past(2023, bound(ge, "", "100", "99"), "99.00"), past(2022, bound(ge, "", "100", "99"), "99.00")}, []string{}},
		{"zero accidents", quant(le, "起", "0", "0"),
			[]Past{past(2023, quant(le, "起", "0", "0"), ""), past(2022, quant(le, "起", "0", "0"), "")}, []string{}},
		{"too low, unchanged and typed this year", quant(ge, "人次", "900", "1300"),
			[]Past{past(2023, quant(ge, "人次", "900", "1300"), "144.44"), past(2022, quant(ge, "人次", "900", "1200"), "133.33")},
			[]string{"TARGET_TOO_LOW", "TARGET_UNCHANGED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.ind, 2024, tt.past, scoring.Default())
			if c := codes(got); !reflect.DeepEqual(c, tt.want) {
				t.Errorf("got %v, want %v", c, tt.want)
			}
			for _, w := range got {
				if w.Indicator != tt.ind.Key || w.Month != 0 || w.Message == "" {
					t.Errorf("%s: indicator %q, month %d, message %q", w.Code, w.Indicator, w.Month, w.Message)
				}
			}
		})
	}
}

// TestCheckParams: what each warning's sentence names.
func TestCheckParams(t *testing.T) {
	ge := scoring.GE
	tests := []struct {
		name string
		ind  Indicator
		past []Past
		want map[string]string
	}{
		{"share", quant(ge, "%", "0.95", ""), nil, map[string]string{"field": "target", "value": "0.95", "percent": "95"}},
		{"negative", quant(ge, "人次", "80", "-3"), nil, map[string]string{"value": "-3", "unit": "人次"}},
		{"too low", quant(ge, "人次", "1000", ""),
			[]Past{past(2023, quant(ge, "人次", "900", "1300"), "144.44"), past(2022, quant(ge, "人次", "800", "1200"), "150.00")},
			map[string]string{"year1": "2023", "rate1": "144.44", "year2": "2022", "rate2": "150.00", "actual1": "1300",
				"target": "1000", "projectedRate": "130.00", "threshold": "130"}},
		{"unchanged", quant(ge, "篇", "15", ""),
			[]Past{past(2023, quant(ge, "篇", "15", "20"), "133.33"), past(2022, quant(ge, "篇", "15", "15"), "100.00")},
			map[string]string{"target": "15", "fromYear": "2022", "years": "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.ind, 2024, tt.past, scoring.Default())
			if len(got) != 1 || !reflect.DeepEqual(got[0].Params, tt.want) {
				t.Errorf("got %+v, want one warning with %v", got, tt.want)
			}
		})
	}
}

// TestTooLowFollowsTheRules: the bound is the rule set's, not a constant: under a
// set whose upper deviation bound is 150 %, met at 144 % is no longer "too low".
func TestTooLowFollowsTheRules(t *testing.T) {
	ge := scoring.GE
	ind := quant(ge, "人次", "900", "")
	past := []Past{past(2023, quant(ge, "人次", "900", "1300"), "144.44"), past(2022, quant(ge, "人次", "800", "1200"), "150.00")}
	r := scoring.Default()
	if got := codes(Check(ind, 2024, past, r)); !reflect.DeepEqual(got, []string{"TARGET_TOO_LOW"}) {
		t.Fatalf("default rules: %v", got)
	}
	r.DeviationAtOrAbove = decimal.NewFromInt(150)
	if got := codes(Check(ind, 2024, past, r)); len(got) != 0 {
		t.Errorf("bound 150 %%: %v, want none", got)
	}
	r.DeviationAtOrAbove = decimal.NewFromInt(140)
	if got := Check(ind, 2024, past, r); len(got) != 1 || got[0].Params["threshold"] != "140" {
		t.Errorf("bound 140 %%: %+v", got)
	}
}

func TestCheckSubject(t *testing.T) {
	ge, le := scoring.GE, scoring.LE
	at100 := func(n int) []Indicator {
		var out []Indicator
		for range n {
			out = append(out, quant(ge, "人次", "80", "80"))
		}
		return out
	}
	tests := []struct {
		name string
		inds []Indicator
		want []string
	}{
		{"three at exactly 100 %", at100(3), []string{"ALL_EXACTLY_MET"}},
		{"two at exactly 100 %", at100(2), []string{}},
		{"one at 100.01 %", append(at100(3), quant(ge, "人次", "10000", "10001")), []string{}},
		{"one at 99.99 %", append(at100(3), quant(ge, "人次", "10000", "9999")), []string{}},
		{"a reverse one met exactly", append(at100(2), quant(le, "%", "10", "10")), []string{"ALL_EXACTLY_MET"}},
		{"a reverse one under its ceiling", append(at100(3), quant(le, "%", "10", "8")), []string{}},
		{"bound ones are derived", append(at100(3), bound(ge, "%", "100", "99.63")), []string{"ALL_EXACTLY_MET"}},
		{"empty actuals left out", append(at100(3), quant(ge, "人次", "80", "")), []string{"ALL_EXACTLY_MET"}},
		{"qualitative left out", append(at100(3), qualitative()), []string{"ALL_EXACTLY_MET"}},
		{"target 0 has no rate", append(at100(2), quant(le, "起", "0", "0")), []string{}},
		{"none", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckSubject(tt.inds)
			if c := codes(got); !reflect.DeepEqual(c, tt.want) {
				t.Errorf("got %v, want %v", c, tt.want)
			}
			if len(got) == 1 && (got[0].Indicator != "" || got[0].Params["count"] == "") {
				t.Errorf("got %+v", got[0])
			}
		})
	}
}

func TestCheckMonths(t *testing.T) {
	m := func(month int, cum string) Month {
		return Month{Month: month, CumulativeExecuted: decimal.RequireFromString(cum)}
	}
	tests := []struct {
		name   string
		months []Month
		want   []map[string]string
	}{
		{"rising", []Month{m(1, "10"), m(2, "20"), m(3, "30")}, nil},
		{"flat is no fall", []Month{m(1, "10"), m(2, "10")}, nil},
		{"May below April", []Month{m(3, "30"), m(4, "42"), m(5, "41.99"), m(6, "60")},
			[]map[string]string{{"month": "5", "cumulative": "41.99", "previousMonth": "4", "previousCumulative": "42.00"}}},
		{"given out of order", []Month{m(5, "41.99"), m(4, "42"), m(6, "60")},
			[]map[string]string{{"month": "5", "cumulative": "41.99", "previousMonth": "4", "previousCumulative": "42.00"}}},
		{"a missing month: the nearest before", []Month{m(1, "50"), m(3, "40")},
			[]map[string]string{{"month": "3", "cumulative": "40.00", "previousMonth": "1", "previousCumulative": "50.00"}}},
		{"monthly figures typed", []Month{m(1, "100"), m(2, "90"), m(3, "95"), m(4, "80")},
			[]map[string]string{
				{"month": "2", "cumulative": "90.00", "previousMonth": "1", "previousCumulative": "100.00"},
				{"month": "4", "cumulative": "80.00", "previousMonth": "3", "previousCumulative": "95.00"}}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckMonths(tt.months)
			var params []map[string]string
			for _, w := range got {
				params = append(params, w.Params)
				if w.Code != CumulativeFalls || w.Month == 0 || w.Indicator != "" {
					t.Errorf("got %+v", w)
				}
			}
			if !reflect.DeepEqual(params, tt.want) {
				t.Errorf("got %v, want %v", params, tt.want)
			}
		})
	}
}

func TestHistoryOf(t *testing.T) {
	named := func(key string, project *Project, level2, name string) Indicator {
		return Indicator{Key: key, Project: project, Level1: "产出指标", Level2: level2, Name: name, Kind: scoring.Quantitative}
	}
	old, renamed := &Project{Code: "P-01", Name: "教师培训"}, &Project{Code: "NS2023-01", Name: "教师培训"}
	h := History{
		2023: {named("a", nil, "数量指标", "培训人次"), named("b", old, "数量指标", "培训人次"), named("c", nil, "数量指标", "培训人次")},
		2022: {named("d", renamed, "数量指标", "培训人次"), named("e", nil, "质量指标", "培训人次")},
	}
	tests := []struct {
		name string
		ind  Indicator
		want []string // keys, by year
	}{
		{"overall: the first of the same levels and name", named("x", nil, "数量指标", "培训人次"), []string{"a"}},
		{"another level 2", named("x", nil, "质量指标", "培训人次"), []string{"e"}},
		{"another name", named("x", nil, "数量指标", "会议人次"), nil},
		{"a project by code", named("x", &Project{Code: "P-01", Name: "教师培训（新）"}, "数量指标", "培训人次"), []string{"b"}},
		{"a project by code, else by name", named("x", &Project{Code: "P-01", Name: "教师培训"}, "数量指标", "培训人次"), []string{"d", "b"}},
		{"a project by name when its code is new", named("x", &Project{Code: "NS2024-01", Name: "教师培训"}, "数量指标", "培训人次"), []string{"d", "b"}},
		{"a project matching neither", named("x", &Project{Code: "Q", Name: "学生资助"}, "数量指标", "培训人次"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range h.Of(tt.ind) {
				got = append(got, p.Key)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnits(t *testing.T) {
	for _, u := range []string{"%", "％", " % ", "百分比"} {
		if !IsPercent(u) || IsCount(u) {
			t.Errorf("%q: percent %v, count %v", u, IsPercent(u), IsCount(u))
		}
	}
	for _, u := range []string{"人次", "万人次", "篇", "个", "件", "人", "次", "万头（只）", "万头(只)", "公里", "千米"} {
		if !IsCount(u) || IsPercent(u) {
			t.Errorf("%q: percent %v, count %v", u, IsPercent(u), IsCount(u))
		}
	}
	for _, u := range []string{"", "万元", "元", "元/人次", "1/10万", "‰", "万"} {
		if IsCount(u) || IsPercent(u) {
			t.Errorf("%q: percent %v, count %v", u, IsPercent(u), IsCount(u))
		}
	}
	for u, want := range map[string]bool{"%": true, "％": true, "‰": true, "元/人次": true, "1/10万": true, "元／人次": true,
		"人次": false, "万元": false, "": false} {
		if IsRate(u) != want {
			t.Errorf("IsRate(%q) = %v, want %v", u, !want, want)
		}
	}
}
