package derivation

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func p(s string) *decimal.Decimal {
	v := d(s)
	return &v
}

func quant(op scoring.Operator, target, actual, weight string) scoring.Indicator {
	ind := scoring.Indicator{Kind: scoring.Quantitative, Operator: op, Target: d(target), Weight: d(weight)}
	if actual != "" {
		ind.Actual = p(actual)
	}
	return ind
}

var seed = scoring.Figures{
	AdjustedBudget: d("1836.19"), Executed: d("1829.40"), CarryoverEnd: d("4.58"),
	AssetsInUse: d("300"), AssetsTotal: d("312.5"),
	PublicBudget: d("80"), PublicActual: d("75.61"), ThreePublicBudget: d("4"), ThreePublicActual: d("3.2"),
}

// The lines the web app's tests expect too (frontend/src/lib/explain.test.ts).
func TestSeedLines(t *testing.T) {
	r := scoring.Default()
	tests := []struct {
		name string
		e    scoring.Explanation
		unit string
		want string
	}{
		{"业务岗位培训人数", r.Explain(quant(scoring.GE, "80", "88", "6")), "人次",
			"正向指标，实际值达到指标值，得满分：6 × min(88 / 80, 1) = 6 × 1 = 6.00"},
		{"结转结余率", r.ExplainBound(scoring.BindCarryoverRate, seed, quant(scoring.LE, "10", "", "5")), "%",
			"反向指标，实际值未超过指标值，得满分：4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00"},
		{"绩效管理制度健全性", r.Explain(scoring.Indicator{Kind: scoring.Qualitative, Rating: scoring.Achieved, RatedScore: p("4.73"), Weight: d("5")}), "",
			"定性指标，得分为评级分档内的自评得分：达成年度指标，自评 4.73，在 [4.00, 5.00] 内 → 4.73"},
		{"预算资金支出率", r.ExplainBound(scoring.BindExecutionRate, seed, quant(scoring.GE, "100", "", "10")), "%",
			"预算资金支出率 = 执行数 / 调整后预算数：1829.40 / 1836.19 = 99.63 %\n" +
				"正向指标，按完成比例得分：10 × min(99.63 / 100, 1) = 10 × 99.63 / 100 = 9.96"},
		{"reverse linear", r.Explain(quant(scoring.LE, "10", "15", "5")), "",
			"反向指标，超过指标值，按超出比例扣分：5 × (1 - (15 - 10) / 10) = 5 × (20 - 15) / 10 = 2.50"},
		{"reverse past twice", r.Explain(quant(scoring.LE, "10", "25", "5")), "%",
			"反向指标，达到指标值的 2 倍及以上，得 0 分：25 % ≥ 2 × 10 = 20 % → 0.00"},
		{"partial", r.Explain(scoring.Indicator{Kind: scoring.Qualitative, Rating: scoring.Partial, RatedScore: p("3.5"), Weight: d("5")}), "",
			"定性指标，得分为评级分档内的自评得分：部分达成并具有一定效果，自评 3.5，在 [3.00, 4.00) 内 → 3.50"},
		{"zero target", r.Explain(quant(scoring.GE, "0", "-1", "5")), "",
			"指标值为 0，实际值不符合要求，得 0 分：-1 < 0 → 0.00"},
		{"execution item", r.ExplainExecutionItem(d("254.62"), d("260")), "",
			"预算执行率 = 分值 × 执行数 / 预算数：10 × min(254.62 / 260.00, 1) = 10 × 254.62 / 260.00 = 9.79"},
		{"a month behind", scoring.ExplainMonth(d("1836.19"), scoring.Month{Month: 6, CumulativeExecuted: d("780.5"), TargetPercent: d("45")}), "",
			"6月累计支出进度低于目标，未达标：780.50 / 1836.19 = 42.51 % < 45 %"},
	}
	for _, tt := range tests {
		if got := Text(tt.e, tt.unit); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	dev, _ := r.ExplainDeviation(quant(scoring.GE, "900", "1300", "6"))
	if got, want := Text(dev, "人次"), "完成率 = 实际值 / 指标值：1300 / 900 = 144.44 %\n完成率达到或超过 130%，须填写偏差原因：144.44 % ≥ 130 %"; got != want {
		t.Errorf("deviation:\n got %s\nwant %s", got, want)
	}
}

func TestTotalLines(t *testing.T) {
	leaves := []scoring.Leaf{
		{Level1: "履职效能", Level2: "产出", Score: d("25"), Weight: d("25")},
		{Level1: "履职效能", Level2: "效益", Score: d("25"), Weight: d("25")},
		{Level1: "管理效率", Level2: "预算执行", Score: d("49.69"), Weight: d("50")},
	}
	got := Text(scoring.Default().ExplainTotal(leaves), "")
	want := strings.Join([]string{
		"履职效能 / 产出 小计：25.00 = 25.00",
		"履职效能 / 效益 小计：25.00 = 25.00",
		"履职效能 小计：25.00 + 25.00 = 50.00",
		"管理效率 / 预算执行 小计：49.69 = 49.69",
		"管理效率 小计：49.69 = 49.69",
		"总分 = 各一级指标小计之和：50.00 + 49.69 = 99.69",
		"评价等级：优：99.69 ≥ 90 → 优",
	}, "\n")
	if got != want {
		t.Errorf("total:\n%s\nwant\n%s", got, want)
	}
	if got := Text(scoring.Default().ExplainTotal([]scoring.Leaf{{Level1: "a", Score: d("85"), Weight: d("100")}}), ""); !strings.HasSuffix(got, "评价等级：良：80 ≤ 85.00 < 90 → 良") {
		t.Errorf("良: %s", got)
	}
}

// TestEveryCode: every step code has its own sentence, and no line prints a code.
func TestEveryCode(t *testing.T) {
	r, ratio, exact := scoring.Default(), scoring.Default(), scoring.Default()
	ratio.Reverse, exact.EqualLikeAtLeast = scoring.ReverseRatio, false
	narrow := scoring.Default()
	narrow.AchievedFrom = d("90")
	qual := func(rating scoring.Rating, score string) scoring.Indicator {
		ind := scoring.Indicator{Kind: scoring.Qualitative, Rating: rating, Weight: d("5")}
		if score != "" {
			ind.RatedScore = p(score)
		}
		return ind
	}
	var all []scoring.Explanation
	for _, ind := range []scoring.Indicator{
		quant(scoring.GE, "80", "88", "6"), quant(scoring.GE, "80", "60", "6"), quant(scoring.GE, "80", "-1", "6"), quant(scoring.GE, "80", "120", "6"),
		quant(scoring.GE, "0", "1", "6"), quant(scoring.GE, "0", "-1", "6"), quant(scoring.LE, "10", "5", "6"),
		quant(scoring.LE, "10", "15", "6"), quant(scoring.LE, "10", "25", "6"), quant(scoring.GE, "80", "", "6"),
		quant("NE", "80", "88", "6"), quant(scoring.GE, "80", "88", "0"), {Kind: "X", Weight: d("5")},
		qual(scoring.Achieved, "4.73"), qual(scoring.Achieved, "6"), qual(scoring.Achieved, ""),
	} {
		all = append(all, r.Explain(ind))
		if e, ok := r.ExplainDeviation(ind); ok {
			all = append(all, e)
		}
	}
	all = append(all, ratio.Explain(quant(scoring.LE, "10", "15", "6")), exact.Explain(quant(scoring.EQ, "10", "10", "6")),
		exact.Explain(quant(scoring.EQ, "10", "11", "6")), narrow.Explain(qual(scoring.Achieved, "4.3")))
	if e, ok := r.ExplainDeviation(quant(scoring.GE, "80", "79", "6")); ok {
		all = append(all, e)
	}
	for _, b := range []scoring.Binding{scoring.BindExecutionRate, scoring.BindCarryoverRate, scoring.BindAssetUtilization,
		scoring.BindPublicFundsControl, scoring.BindThreePublicControl} {
		all = append(all, r.ExplainBound(b, seed, quant(scoring.GE, "100", "", "10")), r.ExplainBound(b, scoring.Figures{}, quant(scoring.GE, "100", "", "10")))
	}
	for _, x := range [][2]string{{"254.62", "260"}, {"300", "260"}, {"-1", "260"}, {"1", "0"}} {
		all = append(all, r.ExplainExecutionItem(d(x[0]), d(x[1])))
	}
	all = append(all, r.ExplainTotal([]scoring.Leaf{{Level1: "a", Level2: "b", Score: d("50"), Weight: d("100")}}))
	for _, m := range []scoring.Month{{Month: 1, CumulativeExecuted: d("1"), TargetPercent: d("5")}, {Month: 2, CumulativeExecuted: d("100"), TargetPercent: d("5")}} {
		all = append(all, scoring.ExplainMonth(d("100"), m), scoring.ExplainMonth(d("0"), m))
	}
	seen := map[scoring.StepCode]bool{}
	for _, e := range all {
		for _, s := range e.Steps {
			seen[s.Code] = true
		}
		for _, l := range Lines(e, "") {
			if l.Rule == "" || slices.Contains(scoring.StepCodes, scoring.StepCode(l.Rule)) || strings.Contains(l.String(), "%!") {
				t.Errorf("a line without its sentence: %q (%v)", l, e.Steps)
			}
		}
	}
	for _, c := range scoring.StepCodes {
		if !seen[c] {
			t.Errorf("no example of %s", c)
		}
	}
}
