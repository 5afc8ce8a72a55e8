package scoring

import (
	"reflect"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// seedFigures are the seed department-year's figures (DOMAIN.md), 万元.
var seedFigures = Figures{
	AdjustedBudget: d("1836.19"), Executed: d("1829.40"), CarryoverEnd: d("4.58"),
	AssetsInUse: d("300"), AssetsTotal: d("312.5"),
	PublicBudget: d("80"), PublicActual: d("75.61"),
	ThreePublicBudget: d("4"), ThreePublicActual: d("3.2"),
}

type seedRow struct {
	level1, level2, name string
	kind                 Kind
	op                   Operator
	target, actual       string // actual "" when bound
	binding              Binding
	weight               string
	rating               Rating
	rated                string
	score                string // SCORING.md §6
}

// seedRows is the reconstruction of SCORING.md §6.
var seedRows = []seedRow{
	{"履职效能", "产出", "交办任务事项完成率", Quantitative, GE, "100", "100", "", "7", "", "", "7"},
	{"履职效能", "产出", "业务岗位培训人数", Quantitative, GE, "80", "88", "", "6", "", "", "6"},
	{"履职效能", "产出", "会议参与人数", Quantitative, GE, "900", "1300", "", "6", "", "", "6"},
	{"履职效能", "产出", "后勤保障服务完成及时性", Quantitative, EQ, "100", "100", "", "6", "", "", "6"},
	{"履职效能", "效益", "成果被采纳应用率", Quantitative, GE, "100", "100", "", "7", "", "", "7"},
	{"履职效能", "效益", "信息稿件被省采纳", Quantitative, GE, "15", "20", "", "6", "", "", "6"},
	{"履职效能", "效益", "信息稿件被国家采纳", Quantitative, GE, "3", "3", "", "6", "", "", "6"},
	{"履职效能", "效益", "信息稿件或批示次数", Quantitative, GE, "30", "36", "", "6", "", "", "6"},
	{"管理效率", "预算编制", "预算编制规范性", Qualitative, "", "", "", "", "5", Achieved, "5", "5"},
	{"管理效率", "预算执行", "预算资金支出率", Quantitative, GE, "100", "", BindExecutionRate, "10", "", "", "9.96"},
	{"管理效率", "预算执行", "结转结余率", Quantitative, LE, "10", "", BindCarryoverRate, "5", "", "", "5"},
	{"管理效率", "预算执行", "财务管理合规性", Qualitative, "", "", "", "", "5", Achieved, "5", "5"},
	{"管理效率", "信息公开", "预决算及绩效信息公开", Qualitative, "", "", "", "", "5", Achieved, "5", "5"},
	{"管理效率", "绩效管理", "绩效管理制度健全性", Qualitative, "", "", "", "", "5", Achieved, "4.73", "4.73"},
	{"管理效率", "采购管理", "政府采购规范性", Qualitative, "", "", "", "", "5", Achieved, "5", "5"},
	{"管理效率", "资产管理", "固定资产利用率", Quantitative, GE, "95", "", BindAssetUtilization, "5", "", "", "5"},
	{"管理效率", "运行成本", "公用经费控制率", Quantitative, LE, "100", "", BindPublicFundsControl, "2.5", "", "", "2.5"},
	{"管理效率", "运行成本", "三公经费控制率", Quantitative, LE, "100", "", BindThreePublicControl, "2.5", "", "", "2.5"},
}

func (r seedRow) indicator(t *testing.T) Indicator {
	t.Helper()
	ind := Indicator{Kind: r.kind, Operator: r.op, Weight: d(r.weight), Rating: r.rating}
	if r.kind == Qualitative {
		ind.RatedScore = p(r.rated)
		return ind
	}
	ind.Target = d(r.target)
	switch {
	case r.binding != NoBinding:
		v, ok := Derive(r.binding, seedFigures)
		if !ok {
			t.Fatalf("%s: Derive(%s) undefined", r.name, r.binding)
		}
		ind.Actual = &v
	default:
		ind.Actual = p(r.actual)
	}
	return ind
}

func TestSeed(t *testing.T) {
	if len(seedRows) != 18 {
		t.Fatalf("%d seed rows, want 18", len(seedRows))
	}
	var leaves []Leaf
	var scores []decimal.Decimal
	for _, r := range seedRows {
		s := def.Score(r.indicator(t))
		checkScore(t, r.name, s, r.score)
		leaves = append(leaves, Leaf{r.level1, r.level2, s, d(r.weight)})
		scores = append(scores, s)
	}

	level1 := map[string][2]string{"履职效能": {"50", "50"}, "管理效率": {"49.69", "50"}}
	level2 := map[string][2]string{
		"产出": {"25", "25"}, "效益": {"25", "25"}, "预算编制": {"5", "5"}, "预算执行": {"19.96", "20"},
		"信息公开": {"5", "5"}, "绩效管理": {"4.73", "5"}, "采购管理": {"5", "5"}, "资产管理": {"5", "5"}, "运行成本": {"5", "5"},
	}
	subs := Subtotals(leaves)
	var order []string
	for _, s := range subs {
		want, name := level1[s.Level1], s.Level1
		if s.Level2 != "" {
			want, name = level2[s.Level2], s.Level2
		}
		order = append(order, name)
		if !s.Score.Equal(d(want[0])) || !s.Weight.Equal(d(want[1])) {
			t.Errorf("subtotal %s = %s of %s, want %s of %s", name, s.Score, s.Weight, want[0], want[1])
		}
	}
	wantOrder := []string{"履职效能", "产出", "效益", "管理效率", "预算编制", "预算执行", "信息公开", "绩效管理", "采购管理", "资产管理", "运行成本"}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("subtotal order %v, want %v", order, wantOrder)
	}

	total := Total(scores)
	if total.String() != "99.69" {
		t.Errorf("total = %s, want 99.69", total)
	}
	if g := def.GradeOf(total); g != Excellent {
		t.Errorf("grade = %s, want EXCELLENT", g)
	}
}

// TestSeedSubmit: the seed's weights add up to 100 and every qualitative score lies in its band, so
// only deviations remain. By §1 three indicators need a reason: 会议参与人数 (144.44 %, at or above 130 %),
// 信息稿件被省采纳 (133.33 %, also at or above 130 %) and 预算资金支出率 (99.63 %, below 100 %).
func TestSeedSubmit(t *testing.T) {
	var in SubmitInput
	for _, r := range seedRows {
		in.Indicators = append(in.Indicators, SubmitIndicator{Key: r.name, Name: r.name, Indicator: r.indicator(t)})
	}
	got := def.SubmitProblems(in)
	want := []Problem{
		{"会议参与人数", "deviationReason", `indicator "会议参与人数": completion rate 144.44 % is at or above 130 %; a deviation reason is required`,
			CompletionAbove, map[string]string{"completionRate": "144.44", "threshold": "130"}},
		{"信息稿件被省采纳", "deviationReason", `indicator "信息稿件被省采纳": completion rate 133.33 % is at or above 130 %; a deviation reason is required`,
			CompletionAbove, map[string]string{"completionRate": "133.33", "threshold": "130"}},
		{"预算资金支出率", "deviationReason", `indicator "预算资金支出率": completion rate 99.63 % is below 100 %; a deviation reason is required`,
			CompletionBelow, map[string]string{"completionRate": "99.63", "threshold": "100"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SubmitProblems(seed) =\n%+v\nwant\n%+v", got, want)
	}

	// A reason on the meeting indicator removes exactly its problem.
	for i := range in.Indicators {
		if in.Indicators[i].Key == "会议参与人数" {
			in.Indicators[i].DeviationReason = "举办大型会议，参与人数超出预期"
		}
	}
	if got := def.SubmitProblems(in); !reflect.DeepEqual(got, want[1:]) {
		t.Fatalf("SubmitProblems(seed, meeting explained) = %+v, want %+v", got, want[1:])
	}

	// With every required reason given, nothing blocks submission.
	for i := range in.Indicators {
		in.Indicators[i].DeviationReason = "原因说明"
	}
	if got := def.SubmitProblems(in); len(got) != 0 {
		t.Errorf("SubmitProblems(seed, explained) = %+v, want none", got)
	}
}
