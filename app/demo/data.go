package demo

import (
	"jixiao/domain/fixed"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
)

// The demo data set: the department-year of the seed report
// (/work/shared/domain/nansha-2023-self-evaluation-report.txt), summarised in our own words,
// with the indicator tree of SCORING.md §6. Amounts are 万元; percents are stored as percents.

// Year is the fiscal year of the demo department-year.
const Year = 2023

// DistrictCode is the code of the root department, the district.
const DistrictCode = "440115"

// OfficeCode is the code of the department whose year the demo holds.
const OfficeCode = "440115-001"

// NeighbourCode is the second department's code: illustrative data, not the report's,
// so that the demo's editor meets another department's data.
const NeighbourCode = "440115-002"

type dept struct {
	code, name, functions string
}

var (
	district = dept{
		code:      DistrictCode,
		name:      "广州市南沙区",
		functions: "区级行政区划，下设区委、区政府各工作部门。",
	}
	office = dept{
		code: OfficeCode,
		name: "中共广州市南沙区委员会办公室",
		functions: "区委的综合协调办事机构，贯彻落实党中央和省委、市委、区委的决策部署，协助区委领导处理日常工作，" +
			"办理上级交办的事项。履行统筹协调、参谋助手、督促检查和服务保障职责，" +
			"并承担区委重要会议材料和规范性文件的印刷。",
	}
)

// neighbour and its figures are illustrative: a second department beside the office.
var (
	neighbour = dept{
		code:      NeighbourCode,
		name:      "广州市南沙区财政局",
		functions: "负责全区财政收支、预算管理和预算绩效管理。",
	}
	neighbourYear = figures{
		personnelBudget: fixed.MustParse("520.00"), personnelActual: fixed.MustParse("515.30"),
		publicBudget: fixed.MustParse("60.00"), publicActual: fixed.MustParse("58.12"),
		projectBudget: fixed.MustParse("300.00"), projectActual: fixed.MustParse("296.40"),
		carryoverStart: fixed.MustParse("2.10"), carryoverEnd: fixed.MustParse("1.80"),
		threePublicBudget: fixed.MustParse("3.00"), threePublicActual: fixed.MustParse("2.40"),
		assetsInUse: fixed.MustParse("150.00"), assetsTotal: fixed.MustParse("156.00"),
	}
	neighbourIndicators = []ind{
		{level1: "产出指标", level2: "数量指标", name: "预算评审项目数", kind: quant, op: ge, target: "40", unit: "个", weight: "40", actual: "42"},
		{level1: "管理效率", level2: "预算执行", name: "预算资金支出率", kind: quant, op: ge, target: "100", unit: "%", weight: "30", binding: indicator.BindingEXECUTION_RATE,
			deviation: "个别项目年底前未完成结算。"},
		{level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", kind: qual, weight: "30", rating: indicator.RatingACHIEVED, rated: "28"},
	}
)

const neighbourGoal = "统筹财政资源，提高预算编制和执行质量，全面实施预算绩效管理。"

// figures are the department-year's 收支, 三公 and asset figures (万元).
type figures struct {
	personnelBudget, personnelActual     fixed.Decimal
	publicBudget, publicActual           fixed.Decimal
	projectBudget, projectActual         fixed.Decimal
	carryoverStart, carryoverEnd         fixed.Decimal
	threePublicBudget, threePublicActual fixed.Decimal
	assetsInUse, assetsTotal             fixed.Decimal
}

// officeYear: total budget 1836.19, total actual 1829.40, basic actual 962.44 (all derived).
var officeYear = figures{
	personnelBudget: fixed.MustParse("888.20"), personnelActual: fixed.MustParse("886.83"),
	publicBudget: fixed.MustParse("80.00"), publicActual: fixed.MustParse("75.61"),
	projectBudget: fixed.MustParse("867.99"), projectActual: fixed.MustParse("866.96"),
	carryoverStart: fixed.MustParse("4.58"), carryoverEnd: fixed.MustParse("4.58"),
	threePublicBudget: fixed.MustParse("4.00"), threePublicActual: fixed.MustParse("3.20"),
	assetsInUse: fixed.MustParse("300.00"), assetsTotal: fixed.MustParse("312.50"),
}

const officeGoal = "压实全面从严治党主体责任，提高政治站位；加强统筹协调，发挥好运转枢纽作用；" +
	"以文辅政，高质量提供参谋服务；强化督查督办，推动重大决策部署落到实处；做好公务和后勤服务保障。"

// officeGoalOutcome is what came of the goal, in the report's figures (二、绩效自评情况).
const officeGoalOutcome = "交办任务事项全部完成，业务岗位培训88人次，会议参与约1300人次，后勤保障服务及时；" +
	"信息稿件被省采纳20篇、被国家采纳3篇，获领导批示36次，成果采纳应用率100%；" +
	"一般公共预算资金支出年度执行率99.63%，结转结余率0.25%。较好完成了年初设定的总体工作目标和重点工作任务。"

// The office's 年初预算数 (illustrative: the report gives only the final figures): basic
// and project spending at the start of the year. Their sum, 1803.60, is the revenue
// line's initial budget.
var (
	officeBasicInitial   = fixed.MustParse("958.60")
	officeProjectInitial = fixed.MustParse("845.00")
)

// line is one line of a breakdown (万元): initial, adjusted budget, executed.
type line struct {
	category                    fundingline.Category
	initial, adjusted, executed string
}

// officeRevenue is the year's revenue by nature: the report's 一般公共预算财政拨款 of
// 1829.4 万元 is all of it (no fund, state-capital, special-account or unit money);
// the adjusted budget and spending are the year's totals, 1836.19 and 1829.40.
var officeRevenue = []line{{fundingline.CategoryGENERAL_PUBLIC_BUDGET, "1803.60", "1836.19", "1829.40"}}

// month is a month's cumulative spending (万元) beside the bureau's cumulative target (percent).
// March (23.42 %) and June (49.01 %) fall behind; December ends at 99.63 % of 1836.19.
type month struct {
	month           int
	executed, share string
}

var months = []month{
	{1, "110.00", "5"}, {2, "240.00", "12"}, {3, "430.00", "25"}, {4, "620.00", "33"},
	{5, "790.00", "42"}, {6, "900.00", "50"}, {7, "1080.00", "58"}, {8, "1230.00", "66"},
	{9, "1390.00", "75"}, {10, "1530.00", "83"}, {11, "1690.00", "91"}, {12, "1829.40", "95"},
}

type keyTask struct {
	title, content, outcome string
}

var keyTasks = []keyTask{
	{
		title: "围绕区委中心工作，做好以文辅政",
		content: "推进《南沙信息》及其子刊改版：提高刊发频次和时效，按信息类别办好定位清晰的子刊，" +
			"提升刊物质量和参谋辅政作用。",
		outcome: "工作日常态化刊发《南沙信息·每日快报》，落实紧急信息“1小时”报送要求；" +
			"向上级党委刊物的投稿量、采纳量和获领导批示次数明显增加。",
	},
	{
		title:   "积极发挥中枢机关作用，服务区委推动省委、市委重大决策部署落地落实",
		content: "跟踪办理领导同志批示和交办事项，督办重点工作落实，提升公务后勤服务保障水平。",
		outcome: "批示和交办事项办理及时有效，重点工作推进扎实，中央、省委、市委和区委的重大决策部署得到落实。",
	},
}

// ind is one row of an indicator table. Empty strings stand for "not set": a bound or
// qualitative indicator has no actual, a qualitative one no operator, target or unit.
type ind struct {
	level1, level2, name string
	kind                 indicator.Kind
	op                   indicator.Operator
	target, unit         string
	weight               string
	actual               string
	binding              indicator.Binding
	rating               indicator.Rating
	rated                string
	deviation            string
}

const (
	quant = indicator.KindQUANTITATIVE
	qual  = indicator.KindQUALITATIVE
	ge    = indicator.OperatorAtLeast
	eq    = indicator.OperatorEqual
	le    = indicator.OperatorAtMost
)

// overallIndicators is SCORING.md §6, in order; weights add up to 100 and score 99.69.
// By SCORING.md §1 three of them need a deviation reason before submission: 会议参与人数 (144.44 %)
// and 信息稿件被省采纳 (133.33 %), at or above 130 %, and 预算资金支出率 (99.63 %), below 100 %.
var overallIndicators = []ind{
	{level1: "履职效能", level2: "产出", name: "交办任务事项完成率", kind: quant, op: ge, target: "100", unit: "%", weight: "7", actual: "100"},
	{level1: "履职效能", level2: "产出", name: "业务岗位培训人数", kind: quant, op: ge, target: "80", unit: "人次", weight: "6", actual: "88"},
	{level1: "履职效能", level2: "产出", name: "会议参与人数", kind: quant, op: ge, target: "900", unit: "人次", weight: "6", actual: "1300",
		deviation: "全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。"},
	{level1: "履职效能", level2: "产出", name: "后勤保障服务完成及时性", kind: quant, op: eq, target: "100", unit: "%", weight: "6", actual: "100"},
	{level1: "履职效能", level2: "效益", name: "成果被采纳应用率", kind: quant, op: ge, target: "100", unit: "%", weight: "7", actual: "100"},
	{level1: "履职效能", level2: "效益", name: "信息稿件被省采纳", kind: quant, op: ge, target: "15", unit: "篇", weight: "6", actual: "20",
		deviation: "《南沙信息》改版后刊发频次和稿件质量提高，被省委刊物采纳的篇数超出年初预期。"},
	{level1: "履职效能", level2: "效益", name: "信息稿件被国家采纳", kind: quant, op: ge, target: "3", unit: "篇", weight: "6", actual: "3"},
	{level1: "履职效能", level2: "效益", name: "信息稿件或批示次数", kind: quant, op: ge, target: "30", unit: "次", weight: "6", actual: "36"},
	{level1: "管理效率", level2: "预算编制", name: "预算编制规范性", kind: qual, weight: "5", rating: indicator.RatingACHIEVED, rated: "5"},
	{level1: "管理效率", level2: "预算执行", name: "预算资金支出率", kind: quant, op: ge, target: "100", unit: "%", weight: "10", binding: indicator.BindingEXECUTION_RATE,
		deviation: "部分项目按实际工作量结算，少量预算资金未支出；个别月份支出进度未达到序时目标。"},
	{level1: "管理效率", level2: "预算执行", name: "结转结余率", kind: quant, op: le, target: "10", unit: "%", weight: "5", binding: indicator.BindingCARRYOVER_RATE},
	{level1: "管理效率", level2: "预算执行", name: "财务管理合规性", kind: qual, weight: "5", rating: indicator.RatingACHIEVED, rated: "5"},
	{level1: "管理效率", level2: "信息公开", name: "预决算及绩效信息公开", kind: qual, weight: "5", rating: indicator.RatingACHIEVED, rated: "5"},
	{level1: "管理效率", level2: "绩效管理", name: "绩效管理制度健全性", kind: qual, weight: "5", rating: indicator.RatingACHIEVED, rated: "4.73"},
	{level1: "管理效率", level2: "采购管理", name: "政府采购规范性", kind: qual, weight: "5", rating: indicator.RatingACHIEVED, rated: "5"},
	{level1: "管理效率", level2: "资产管理", name: "固定资产利用率", kind: quant, op: ge, target: "95", unit: "%", weight: "5", binding: indicator.BindingASSET_UTILIZATION},
	{level1: "管理效率", level2: "运行成本", name: "公用经费控制率", kind: quant, op: le, target: "100", unit: "%", weight: "2.5", binding: indicator.BindingPUBLIC_FUNDS_CONTROL},
	{level1: "管理效率", level2: "运行成本", name: "三公经费控制率", kind: quant, op: le, target: "100", unit: "%", weight: "2.5", binding: indicator.BindingTHREE_PUBLIC_CONTROL},
}

type evaluationText struct {
	conclusion, problems, improvements string
}

// overallEvaluation's score is computed from overallIndicators, never typed.
var overallEvaluation = evaluationText{
	conclusion: "南沙区委办公室按评分标准和实际情况开展自评。各项工作任务有序推进，预算编制、预算执行、信息公开、" +
		"绩效管理、采购管理、资产管理和运行成本等方面管理规范，履职效能和管理效率成效明显，" +
		"较好完成了年初设定的总体工作目标和重点工作任务。",
	problems: "一是部门绩效管理制度仍需进一步规范。" +
		"二是预算资金支付均衡性有待提高：一般公共预算支出年度执行率为99.63%，但个别月份支出进度未达到序时目标。",
	improvements: "一是修订完善绩效管理制度，健全内部绩效管理和运行机制，提高工作效率。" +
		"二是加强预算执行：坚持过紧日子，跟踪预算支付进度，提前谋划工作并将项目支出计划分解到月，提高资金支付均衡性。",
}

// Level names of the project indicators (level 1 weights: 产出 50, 效益 30, 满意度 10).
const (
	output       = "产出指标"
	benefit      = "效益指标"
	satisfaction = "满意度指标"
	quantity     = "数量指标"
	quality      = "质量指标"
	timeliness   = "时效指标"
	social       = "社会效益指标"
	served       = "服务对象满意度指标"
)

type proj struct {
	code, name, category string
	implementingUnit     string // 实施单位; the 主管部门 is the office itself
	initial              string // 年初预算数
	budget, executed     string
	goal, goalOutcome    string
	sources              []line // by source of funds; they add up to initial, budget and executed
	indicators           []ind  // weights add up to 90; the execution item carries the other 10
	conclusion           string
}

// projects are three of the office's budget projects (the report names them, not their figures).
// Every indicator is met with a completion rate below 130 %, so none needs a deviation reason.
var projects = []proj{
	{
		code: "NS-2023-01", name: "督查督办", category: "部门履职类", implementingUnit: "区委办公室督查室",
		initial: "110.00", budget: "120.00", executed: "118.50",
		goal:        "围绕区委重大决策部署和领导同志批示开展督查督办，推动交办事项按期办结、落地见效。",
		goalOutcome: "全年督查督办事项168件，按期办结率98%，重大决策部署落实推进率100%，承办单位满意度95%。",
		sources:     []line{{fundingline.CategoryCURRENT_APPROPRIATION, "110.00", "120.00", "118.50"}},
		indicators: []ind{
			{level1: output, level2: quantity, name: "督查督办事项数", kind: quant, op: ge, target: "150", unit: "件", weight: "25", actual: "168"},
			{level1: output, level2: timeliness, name: "督办事项按期办结率", kind: quant, op: ge, target: "95", unit: "%", weight: "25", actual: "98"},
			{level1: benefit, level2: social, name: "重大决策部署落实推进率", kind: quant, op: ge, target: "95", unit: "%", weight: "30", actual: "100"},
			{level1: satisfaction, level2: served, name: "承办单位对督办工作满意度", kind: quant, op: ge, target: "90", unit: "%", weight: "10", actual: "95"},
		},
		conclusion: "项目按计划实施，督办事项数量、办结时效和落实成效均达到或超过年度目标。",
	},
	{
		code: "NS-2023-02", name: "信息工作辅助服务", category: "部门履职类", implementingUnit: "区委办公室信息科",
		initial: "250.00", budget: "260.00", executed: "259.20",
		goal:        "做好《南沙信息》及其子刊的编辑刊发和紧急信息报送，提升信息工作参谋辅政作用。",
		goalOutcome: "全年刊发《南沙信息》及子刊250期，紧急信息1小时内报送率100%，信息稿件被上级采纳23篇，区领导满意度96%。",
		// The year's carry-over of 4.58 万元 went to this project.
		sources: []line{
			{fundingline.CategoryCURRENT_APPROPRIATION, "250.00", "255.42", "254.62"},
			{fundingline.CategoryPRIOR_YEAR_CARRYOVER, "0.00", "4.58", "4.58"},
		},
		indicators: []ind{
			{level1: output, level2: quantity, name: "《南沙信息》及子刊刊发期数", kind: quant, op: ge, target: "240", unit: "期", weight: "25", actual: "250"},
			{level1: output, level2: timeliness, name: "紧急信息1小时内报送率", kind: quant, op: ge, target: "100", unit: "%", weight: "25", actual: "100"},
			{level1: benefit, level2: social, name: "信息稿件被上级采纳篇数", kind: quant, op: ge, target: "18", unit: "篇", weight: "30", actual: "23"},
			{level1: satisfaction, level2: served, name: "区领导对信息服务满意度", kind: quant, op: ge, target: "90", unit: "%", weight: "10", actual: "96"},
		},
		conclusion: "项目按计划实施，刊发期数、报送时效和上级采纳篇数均达到或超过年度目标。",
	},
	{
		code: "NS-2023-03", name: "会议及综合服务", category: "部门履职类", implementingUnit: "区委办公室行政科",
		initial: "300.00", budget: "310.00", executed: "305.80",
		goal:        "保障区委各类会议和公务活动的会务组织、后勤服务及设备设施运行维护。",
		goalOutcome: "全年保障会议136场，会务服务保障合格率100%，区委重要会议均按期顺利召开，参会人员满意度95%。",
		sources:     []line{{fundingline.CategoryCURRENT_APPROPRIATION, "300.00", "310.00", "305.80"}},
		indicators: []ind{
			{level1: output, level2: quantity, name: "会议服务保障场次", kind: quant, op: ge, target: "120", unit: "场", weight: "25", actual: "136"},
			{level1: output, level2: quality, name: "会务服务保障合格率", kind: quant, op: ge, target: "98", unit: "%", weight: "25", actual: "100"},
			{level1: benefit, level2: social, name: "区委重要会议按期顺利召开率", kind: quant, op: ge, target: "100", unit: "%", weight: "30", actual: "100"},
			{level1: satisfaction, level2: served, name: "参会人员满意度", kind: quant, op: ge, target: "90", unit: "%", weight: "10", actual: "95"},
		},
		conclusion: "项目按计划实施，会议保障场次、服务质量和会议按期召开率均达到或超过年度目标。",
	},
}

// criteria is an indicator's 评（扣）分标准 as the forms write it: the rule of
// SCORING.md its kind, operator and binding are scored by, in words. It is text for
// the reader; the score comes from the rules themselves.
func criteria(r ind) string {
	met := "完成值达到指标值的得满分，未达到的按完成值÷指标值×分值计分。"
	reverse := "不高于指标值的得满分；超出的按超出比例扣分，达到指标值两倍及以上的不得分。"
	switch r.binding {
	case indicator.BindingEXECUTION_RATE:
		return "预算执行率=全年执行数÷全年预算数×100%；" + met
	case indicator.BindingCARRYOVER_RATE:
		return "结转结余率=年末结转结余÷全年支出×100%，" + reverse
	case indicator.BindingASSET_UTILIZATION:
		return "固定资产利用率=在用固定资产÷全部固定资产×100%；" + met
	case indicator.BindingPUBLIC_FUNDS_CONTROL:
		return "公用经费控制率=公用经费实际支出÷预算安排数×100%，" + reverse
	case indicator.BindingTHREE_PUBLIC_CONTROL:
		return "“三公”经费控制率=“三公”经费实际支出÷预算安排数×100%，" + reverse
	}
	switch {
	case r.kind == qual:
		return "达成年度指标的得分值的80%至100%；部分达成并具有一定效果的得60%至80%；未达成且效果较差的得60%以下。"
	case r.op == le || r.op == indicator.OperatorBelow:
		return "完成值" + reverse
	}
	return met
}
