package whatif

import (
	"testing"

	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func p(s string) *decimal.Decimal {
	if s == "" {
		return nil
	}
	v := d(s)
	return &v
}

// seedFigures are the seed department-year's figures (the demo data set), 万元:
// total budget 1836.19, total spending 1829.40.
var seedFigures = Figures{
	PersonnelBudget: d("888.20"), PersonnelActual: d("886.83"),
	PublicBudget: d("80.00"), PublicActual: d("75.61"),
	ProjectBudget: d("867.99"), ProjectActual: d("866.96"),
	CarryoverEnd:      d("4.58"),
	ThreePublicBudget: d("4.00"), ThreePublicActual: d("3.20"),
	AssetsInUse: d("300.00"), AssetsTotal: d("312.50"),
}

// The seed's indicator ids: 1 to 18 in SCORING.md §6's order.
const (
	tasksDone   = 1  // 交办任务事项完成率, ≥ 100 %, weight 7
	trainees    = 2  // 业务岗位培训人数, ≥ 80 人次, weight 6
	meetings    = 3  // 会议参与人数, ≥ 900 人次, weight 6
	adoption    = 5  // 成果被采纳应用率, ≥ 100 %, weight 7
	budgeting   = 9  // 预算编制规范性, qualitative, weight 5
	execution   = 10 // 预算资金支出率, EXECUTION_RATE, weight 10
	carryover   = 11 // 结转结余率, ≤ 10 %, CARRYOVER_RATE, weight 5
	performance = 14 // 绩效管理制度健全性, qualitative ACHIEVED 4.73, weight 5
	publicFunds = 17 // 公用经费控制率, ≤ 100 %, PUBLIC_FUNDS_CONTROL, weight 2.5
)

func quant(id int, l1, l2, name string, op scoring.Operator, target, unit, weight, actual string, b scoring.Binding) Indicator {
	return Indicator{ID: id, Level1: l1, Level2: l2, Name: name, Unit: unit, Binding: b, Indicator: scoring.Indicator{
		Kind: scoring.Quantitative, Operator: op, Target: d(target), Weight: d(weight), Actual: p(actual)}}
}

func qual(id int, l1, l2, name, weight, rated string) Indicator {
	return Indicator{ID: id, Level1: l1, Level2: l2, Name: name, Indicator: scoring.Indicator{
		Kind: scoring.Qualitative, Weight: d(weight), Rating: scoring.Achieved, RatedScore: p(rated)}}
}

// seed is the seed's overall evaluation: SCORING.md §6, 99.69.
func seed() Subject {
	const out, eff, mgmt = "履职效能", "履职效能", "管理效率"
	return Subject{Figures: seedFigures, Indicators: []Indicator{
		quant(1, out, "产出", "交办任务事项完成率", scoring.GE, "100", "%", "7", "100", ""),
		quant(2, out, "产出", "业务岗位培训人数", scoring.GE, "80", "人次", "6", "88", ""),
		quant(3, out, "产出", "会议参与人数", scoring.GE, "900", "人次", "6", "1300", ""),
		quant(4, out, "产出", "后勤保障服务完成及时性", scoring.EQ, "100", "%", "6", "100", ""),
		quant(5, eff, "效益", "成果被采纳应用率", scoring.GE, "100", "%", "7", "100", ""),
		quant(6, eff, "效益", "信息稿件被省采纳", scoring.GE, "15", "篇", "6", "20", ""),
		quant(7, eff, "效益", "信息稿件被国家采纳", scoring.GE, "3", "篇", "6", "3", ""),
		quant(8, eff, "效益", "信息稿件或批示次数", scoring.GE, "30", "次", "6", "36", ""),
		qual(9, mgmt, "预算编制", "预算编制规范性", "5", "5"),
		quant(10, mgmt, "预算执行", "预算资金支出率", scoring.GE, "100", "%", "10", "", scoring.BindExecutionRate),
		quant(11, mgmt, "预算执行", "结转结余率", scoring.LE, "10", "%", "5", "", scoring.BindCarryoverRate),
		qual(12, mgmt, "预算执行", "财务管理合规性", "5", "5"),
		qual(13, mgmt, "信息公开", "预决算及绩效信息公开", "5", "5"),
		qual(14, mgmt, "绩效管理", "绩效管理制度健全性", "5", "4.73"),
		qual(15, mgmt, "采购管理", "政府采购规范性", "5", "5"),
		quant(16, mgmt, "资产管理", "固定资产利用率", scoring.GE, "95", "%", "5", "", scoring.BindAssetUtilization),
		quant(17, mgmt, "运行成本", "公用经费控制率", scoring.LE, "100", "%", "2.5", "", scoring.BindPublicFundsControl),
		quant(18, mgmt, "运行成本", "三公经费控制率", scoring.LE, "100", "%", "2.5", "", scoring.BindThreePublicControl),
	}}
}

// project is a small project's evaluation: 90 points of indicators and the
// execution item of 10 over a budget of 200 万元 of which 150 is executed.
func project() Subject {
	return Subject{Figures: seedFigures, Project: &Project{Budget: d("200"), Executed: d("150")}, Indicators: []Indicator{
		quant(101, "产出指标", "数量指标", "培训场次", scoring.GE, "20", "场", "50", "16", ""),
		quant(102, "效益指标", "社会效益", "群众满意率", scoring.GE, "90", "%", "30", "90", ""),
		quant(103, "满意度指标", "服务对象满意度", "投诉次数", scoring.LE, "5", "次", "10", "6", ""),
	}}
}

func TestSeedUnchanged(t *testing.T) {
	s := seed()
	got, err := Apply(s, Changes{}, scoring.Default())
	if err != nil {
		t.Fatal(err)
	}
	res := Score(got, scoring.Default())
	if res.Total.String() != "99.69" || res.Grade != scoring.Excellent {
		t.Fatalf("no change scores %s %s, want the kept 99.69 EXCELLENT", res.Total, res.Grade)
	}
	want := map[int]string{1: "7", 10: "9.96", 11: "5", 14: "4.73", 16: "5", 17: "2.5", 18: "2.5"}
	for _, ind := range res.Indicators {
		if w, ok := want[ind.ID]; ok && !ind.Score.Equal(d(w)) {
			t.Errorf("indicator %d scores %s, want %s", ind.ID, ind.Score, w)
		}
	}
	if rate := res.Indicators[9].Actual; rate == nil || rate.String() != "99.630213" {
		t.Errorf("the execution rate derived = %v, want 99.630213 (1829.40 / 1836.19)", rate)
	}
	if res.ExecutionRate == nil || res.ExecutionRate.String() != "99.63" {
		t.Errorf("execution rate %v, want 99.63", res.ExecutionRate)
	}
	subtotals := map[string]string{}
	for _, st := range res.Subtotals {
		subtotals[st.Level1+"/"+st.Level2] = st.Score.String()
	}
	for group, w := range map[string]string{"履职效能/": "50", "管理效率/": "49.69", "管理效率/预算执行": "19.96", "管理效率/绩效管理": "4.73"} {
		if subtotals[group] != w {
			t.Errorf("subtotal %s = %s, want %s", group, subtotals[group], w)
		}
	}
}

func TestApplyDoesNotChangeTheSubject(t *testing.T) {
	s := seed()
	if _, err := Apply(s, Changes{
		Indicators: []IndicatorChange{{ID: trainees, Actual: p("60")}, {ID: performance, RatedScore: p("4")}},
		Figures:    FigureChanges{ProjectActual: p("800")},
	}, scoring.Default()); err != nil {
		t.Fatal(err)
	}
	if res := Score(s, scoring.Default()); res.Total.String() != "99.69" {
		t.Errorf("after a what-if the subject scores %s, want 99.69 still", res.Total)
	}
	if s.Indicators[1].Actual.String() != "88" || s.Figures.ProjectActual.String() != "866.96" {
		t.Errorf("the subject changed: trainees %s, project spending %s", s.Indicators[1].Actual, s.Figures.ProjectActual)
	}
}

func TestWhatIf(t *testing.T) {
	tests := []struct {
		name    string
		subject func() Subject
		changes Changes
		total   string
		grade   scoring.Grade
		scores  map[int]string // indicator id → score; 0 is a project's execution item
		actuals map[int]string // indicator id → the actual scoring used
	}{
		{
			name:    "an actual: 88 → 60 trainees of 80 is 6 × 60 / 80",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Actual: p("60")}}},
			total:   "98.19", grade: scoring.Excellent,
			scores: map[int]string{trainees: "4.5"},
		},
		{
			name:    "a target: 80 → 100 trainees",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: trainees, Target: p("100")}}},
			total:   "98.97", grade: scoring.Excellent,
			scores: map[int]string{trainees: "5.28"},
		},
		{
			name:    "a weight: the rated score stays inside the new band",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: performance, Weight: p("5.5")}}},
			total:   "99.69", grade: scoring.Excellent,
			scores: map[int]string{performance: "4.73"},
		},
		{
			name:    "a rating and rated score: 部分达成 3.5",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: performance, Rating: ratingP(scoring.Partial), RatedScore: p("3.5")}}},
			total:   "98.46", grade: scoring.Excellent,
			scores: map[int]string{performance: "3.5"},
		},
		{
			name:    "several at once fall to 良",
			subject: seed,
			changes: Changes{Indicators: []IndicatorChange{{ID: tasksDone, Actual: p("0")}, {ID: adoption, Actual: p("61")}}},
			total:   "89.96", grade: scoring.Good,
			scores: map[int]string{tasksDone: "0", adoption: "4.27"},
		},
		{
			name:    "the figures: less project spending derives a lower execution rate",
			subject: seed,
			changes: Changes{Figures: FigureChanges{ProjectActual: p("800")}},
			total:   "99.33", grade: scoring.Excellent,
			scores:  map[int]string{execution: "9.6", carryover: "5"},
			actuals: map[int]string{execution: "95.983531", carryover: "0.259867"},
		},
		{
			name:    "the figures: public spending over its budget moves two bound indicators",
			subject: seed,
			// 90 / 80 = 112.5 %: 2.5 × (1 − 0.125) = 2.1875; spending 1843.79 is over the budget: 10.
			changes: Changes{Figures: FigureChanges{PublicActual: p("90")}},
			total:   "99.42", grade: scoring.Excellent,
			scores:  map[int]string{publicFunds: "2.19", execution: "10"},
			actuals: map[int]string{publicFunds: "112.5"},
		},
		{
			name:    "the figures: a year-end carry-over of 200 misses ≤ 10 %",
			subject: seed,
			changes: Changes{Figures: FigureChanges{CarryoverEnd: p("200")}},
			total:   "99.22", grade: scoring.Excellent,
			scores: map[int]string{carryover: "4.53"},
		},
		{
			name:    "a project: its execution item follows the executed amount",
			subject: project,
			changes: Changes{Project: ProjectChange{Executed: p("190")}},
			// 50 × 16 / 20 = 40; 30; 10 × (2 × 5 − 6) / 5 = 8; 10 × 190 / 200 = 9.5.
			total: "87.5", grade: scoring.Good,
			scores: map[int]string{0: "9.5", 101: "40", 103: "8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Apply(tt.subject(), tt.changes, scoring.Default())
			if err != nil {
				t.Fatal(err)
			}
			res := Score(s, scoring.Default())
			if res.Total.String() != tt.total || res.Grade != tt.grade {
				t.Errorf("scores %s %s, want %s %s", res.Total, res.Grade, tt.total, tt.grade)
			}
			for id, w := range tt.scores {
				got := scoreOf(res, id)
				if !got.Equal(d(w)) {
					t.Errorf("leaf %d scores %s, want %s", id, got, w)
				}
			}
			for id, w := range tt.actuals {
				for _, ind := range res.Indicators {
					if ind.ID == id && (ind.Actual == nil || !ind.Actual.Equal(d(w))) {
						t.Errorf("indicator %d's actual %v, want %s", id, ind.Actual, w)
					}
				}
			}
			var sum decimal.Decimal
			for _, st := range res.Subtotals {
				if st.Level2 == "" {
					sum = sum.Add(st.Score)
				}
			}
			if !sum.Equal(res.Total) {
				t.Errorf("the level-1 subtotals add up to %s, the total is %s", sum, res.Total)
			}
		})
	}
}

func ratingP(r scoring.Rating) *scoring.Rating { return &r }

func scoreOf(res Result, id int) decimal.Decimal {
	if id == 0 {
		return *res.ExecutionScore
	}
	for _, ind := range res.Indicators {
		if ind.ID == id {
			return ind.Score
		}
	}
	return decimal.NewFromInt(-1)
}
