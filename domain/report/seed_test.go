package report

import (
	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// The seed's department-year (SCORING.md §6, the demo data set), with the values
// package kept would store for it computed here by package scoring: the input the
// API gives the generator for the seed. app's TestSeedReport checks the same
// report through the API on both stores.

func dec(s string) fixed.Decimal             { return fixed.MustParse(s) }
func decp(s string) *fixed.Decimal           { d := dec(s); return &d }
func round(d decimal.Decimal) *fixed.Decimal { r := fixed.Round(d); return &r }

var seedFigures = scoring.Figures{
	AdjustedBudget: dec("1836.19").Decimal(), Executed: dec("1829.40").Decimal(),
	CarryoverEnd: dec("4.58").Decimal(), AssetsInUse: dec("300").Decimal(), AssetsTotal: dec("312.50").Decimal(),
	PublicBudget: dec("80").Decimal(), PublicActual: dec("75.61").Decimal(),
	ThreePublicBudget: dec("4").Decimal(), ThreePublicActual: dec("3.20").Decimal(),
}

// scored fills in an indicator's kept values as package kept computes them.
func scoredIndicator(ind Indicator, actual, rated string) Indicator {
	in := scoring.Indicator{Kind: ind.Kind, Operator: ind.Operator, Weight: ind.Weight.Decimal(), Rating: ind.Rating}
	if ind.Target != nil {
		in.Target = ind.Target.Decimal()
	}
	switch {
	case ind.Binding != "":
		v, _ := scoring.Derive(ind.Binding, seedFigures)
		in.Actual = &v
	case actual != "":
		v := dec(actual).Decimal()
		in.Actual = &v
	}
	if rated != "" {
		v := dec(rated).Decimal()
		in.RatedScore = &v
	}
	if in.Actual != nil {
		ind.Actual = round(*in.Actual)
		if r, ok := scoring.CompletionRate(in.Target, *in.Actual); ok {
			ind.CompletionRate = round(r.Round(2))
		}
	}
	ind.Score = *round(scoring.Default().Score(in))
	return ind
}

func quant(l1, l2, name string, op scoring.Operator, target, unit, weight, actual string) Indicator {
	return scoredIndicator(Indicator{Level1: l1, Level2: l2, Name: name, Kind: scoring.Quantitative, Operator: op,
		Target: decp(target), Unit: unit, Weight: dec(weight)}, actual, "")
}

func bound(l1, l2, name string, op scoring.Operator, target, weight string, b scoring.Binding) Indicator {
	return scoredIndicator(Indicator{Level1: l1, Level2: l2, Name: name, Kind: scoring.Quantitative, Operator: op,
		Target: decp(target), Unit: "%", Weight: dec(weight), Binding: b}, "", "")
}

func qual(l1, l2, name, weight string, r scoring.Rating, rated string) Indicator {
	return scoredIndicator(Indicator{Level1: l1, Level2: l2, Name: name, Kind: scoring.Qualitative, Weight: dec(weight), Rating: r}, "", rated)
}

func seedIndicators() []Indicator {
	inds := []Indicator{
		quant("履职效能", "产出", "交办任务事项完成率", scoring.GE, "100", "%", "7", "100"),
		quant("履职效能", "产出", "业务岗位培训人数", scoring.GE, "80", "人次", "6", "88"),
		quant("履职效能", "产出", "会议参与人数", scoring.GE, "900", "人次", "6", "1300"),
		quant("履职效能", "产出", "后勤保障服务完成及时性", scoring.EQ, "100", "%", "6", "100"),
		quant("履职效能", "效益", "成果被采纳应用率", scoring.GE, "100", "%", "7", "100"),
		quant("履职效能", "效益", "信息稿件被省采纳", scoring.GE, "15", "篇", "6", "20"),
		quant("履职效能", "效益", "信息稿件被国家采纳", scoring.GE, "3", "篇", "6", "3"),
		quant("履职效能", "效益", "信息稿件或批示次数", scoring.GE, "30", "次", "6", "36"),
		qual("管理效率", "预算编制", "预算编制规范性", "5", scoring.Achieved, "5"),
		bound("管理效率", "预算执行", "预算资金支出率", scoring.GE, "100", "10", scoring.BindExecutionRate),
		bound("管理效率", "预算执行", "结转结余率", scoring.LE, "10", "5", scoring.BindCarryoverRate),
		qual("管理效率", "预算执行", "财务管理合规性", "5", scoring.Achieved, "5"),
		qual("管理效率", "信息公开", "预决算及绩效信息公开", "5", scoring.Achieved, "5"),
		qual("管理效率", "绩效管理", "绩效管理制度健全性", "5", scoring.Achieved, "4.73"),
		qual("管理效率", "采购管理", "政府采购规范性", "5", scoring.Achieved, "5"),
		bound("管理效率", "资产管理", "固定资产利用率", scoring.GE, "95", "5", scoring.BindAssetUtilization),
		bound("管理效率", "运行成本", "公用经费控制率", scoring.LE, "100", "2.5", scoring.BindPublicFundsControl),
		bound("管理效率", "运行成本", "三公经费控制率", scoring.LE, "100", "2.5", scoring.BindThreePublicControl),
	}
	inds[2].DeviationReason = "全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。"
	inds[5].DeviationReason = "《南沙信息》改版后刊发频次和稿件质量提高，被省委刊物采纳的篇数超出年初预期。"
	inds[9].DeviationReason = "部分项目按实际工作量结算，少量预算资金未支出；个别月份支出进度未达到序时目标。"
	return inds
}

func derived(b scoring.Binding) *fixed.Decimal {
	v, ok := scoring.Derive(b, seedFigures)
	if !ok {
		return nil
	}
	return round(v.Round(2))
}

func seedInput() DepartmentInput {
	inds := seedIndicators()
	var leaves []scoring.Leaf
	var scores []decimal.Decimal
	for _, ind := range inds {
		leaves = append(leaves, scoring.Leaf{Level1: ind.Level1, Level2: ind.Level2, Score: ind.Score.Decimal(), Weight: ind.Weight.Decimal()})
		scores = append(scores, ind.Score.Decimal())
	}
	total := scoring.Total(scores)
	line := func(budget, executed string) MoneyLine {
		return MoneyLine{Budget: dec(budget), Executed: dec(executed)}
	}
	return DepartmentInput{
		Year:       2023,
		Department: "中共广州市南沙区委员会办公室",
		Functions:  "区委的综合协调办事机构，贯彻落实党中央和省委、市委、区委的决策部署，协助区委领导处理日常工作，办理上级交办的事项。",
		Goal:       "压实全面从严治党主体责任，提高政治站位；加强统筹协调，发挥好运转枢纽作用。",
		Money: Money{
			Personnel: line("888.20", "886.83"), Public: line("80", "75.61"), Basic: line("968.20", "962.44"),
			Project: line("867.99", "866.96"), Total: MoneyLine{Budget: dec("1836.19"), Executed: dec("1829.40"), Rate: decp("99.63")},
		},
		CarryoverStart: dec("4.58"), CarryoverEnd: dec("4.58"),
		ThreePublicBudget: dec("4"), ThreePublicActual: dec("3.20"),
		Rates: Rates{
			Execution: decp("99.63"), Carryover: decp("0.25"), AssetUtilization: derived(scoring.BindAssetUtilization),
			PublicFundsControl: derived(scoring.BindPublicFundsControl), ThreePublicControl: derived(scoring.BindThreePublicControl),
		},
		MonthsBehind: []int{3, 6},
		KeyTasks: []KeyTask{
			{Title: "围绕区委中心工作，做好以文辅政", Content: "推进《南沙信息》及其子刊改版。", Outcome: "工作日常态化刊发《南沙信息·每日快报》。"},
			{Title: "积极发挥中枢机关作用", Content: "跟踪办理领导同志批示和交办事项。", Outcome: "批示和交办事项办理及时有效。"},
		},
		Indicators: inds,
		Result:     Result{Score: *round(total), Grade: scoring.Default().GradeOf(total), Subtotals: scoring.Subtotals(leaves)},
		Projects: []ProjectSummary{
			{Name: "督查督办", Budget: dec("120"), Executed: dec("118.5"), Indicators: 4, Evaluated: true},
			{Name: "信息工作辅助服务", Budget: dec("260"), Executed: dec("259.2"), Indicators: 4, Evaluated: true},
			{Name: "会议及综合服务", Budget: dec("310"), Executed: dec("305.8"), Indicators: 4, Evaluated: true},
		},
	}
}

// seedProject is the demo's 督查督办 project (executed 118.50 of 120.00).
func seedProject() ProjectInput {
	inds := []Indicator{
		quant("产出指标", "数量指标", "督查督办事项数", scoring.GE, "150", "件", "25", "168"),
		quant("产出指标", "时效指标", "督办事项按期办结率", scoring.GE, "95", "%", "25", "98"),
		quant("效益指标", "社会效益指标", "重大决策部署落实推进率", scoring.GE, "95", "%", "30", "100"),
		quant("满意度指标", "服务对象满意度指标", "承办单位对督办工作满意度", scoring.GE, "90", "%", "10", "95"),
	}
	budget, executed := dec("120"), dec("118.50")
	rate, _ := scoring.ExecutionRate(executed.Decimal(), budget.Decimal())
	item := scoring.Default().ExecutionItemScore(executed.Decimal(), budget.Decimal())
	leaves := []scoring.Leaf{{Level1: "预算执行率", Score: item, Weight: scoring.Default().ExecutionWeight}}
	scores := []decimal.Decimal{item}
	for _, ind := range inds {
		leaves = append(leaves, scoring.Leaf{Level1: ind.Level1, Level2: ind.Level2, Score: ind.Score.Decimal(), Weight: ind.Weight.Decimal()})
		scores = append(scores, ind.Score.Decimal())
	}
	total := scoring.Total(scores)
	return ProjectInput{
		Year: 2023, Department: "中共广州市南沙区委员会办公室", Project: "督查督办", Code: "NS-2023-01", Category: "部门履职类",
		Goal:           "围绕区委重大决策部署和领导同志批示开展督查督办，推动交办事项按期办结、落地见效。",
		Money:          MoneyLine{Budget: budget, Executed: executed, Rate: round(rate)},
		ExecutionScore: *round(item), ExecutionWeight: *round(scoring.Default().ExecutionWeight),
		Indicators: inds,
		Result:     Result{Score: *round(total), Grade: scoring.Default().GradeOf(total), Subtotals: scoring.Subtotals(leaves)},
		Texts:      Texts{Conclusion: "项目按计划实施，督办事项数量、办结时效和落实成效均达到或超过年度目标。"},
	}
}
