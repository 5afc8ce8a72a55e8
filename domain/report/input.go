package report

import (
	"jixiao/domain/fixed"
	"jixiao/domain/scoring"
)

// The inputs are the figures and texts as the API serves them: money in 万元, rates
// in percent, the computed values as package kept stores them. Optional inputs
// (pointers, empty strings and nil lists) are printed when present and left out
// when not, so a field the data gains later (年初预算数, funding by source, a
// project's 主管部门) needs only to be filled in by the caller.

// DepartmentInput is what a department-year's overall report is written from.
type DepartmentInput struct {
	Year int
	// Department is the full name ("中共广州市南沙区委员会办公室").
	Department string
	// ShortName is how sentences name the department ("南沙区委办公室"); "本部门"
	// when empty.
	ShortName string
	// Functions is the department's functions (部门职能).
	Functions string
	// Goal is the performance goal (部门整体支出绩效目标, 预期目标); GoalOutcome
	// what came of it (实际完成情况), when known.
	Goal, GoalOutcome string

	Money Money
	// Funding is the year's money by source or revenue nature (一般公共预算,
	// 政府性基金预算…), when known; the budget table then lists it.
	Funding []MoneyLine

	// CarryoverStart and CarryoverEnd are 年初/年末结转结余 (万元).
	CarryoverStart, CarryoverEnd fixed.Decimal
	// ThreePublicBudget and ThreePublicActual are the 三公经费 (万元).
	ThreePublicBudget, ThreePublicActual fixed.Decimal
	// Rates are the department-year's kept rates and those derived from its
	// figures by scoring.Derive (percent); nil when undefined.
	Rates Rates
	// MonthsBehind are the months whose cumulative spending fell below target.
	MonthsBehind []int
	// ExecutionExplanation is why execution fell short, as the department wrote it.
	ExecutionExplanation string

	KeyTasks   []KeyTask
	Indicators []Indicator
	Result     Result
	// Projects are the year's budget projects, for the sections on goals and evaluations.
	Projects []ProjectSummary
	// Prior is the year before's rectification items (整改), for 绩效结果应用情况; nil when none.
	Prior *PriorReview

	Texts Texts
}

// Money is a department-year's spending by nature: adjusted budget (全年预算数)
// and final spending (全年执行数), with 年初预算数 when known.
type Money struct {
	Personnel, Public, Basic, Project, Total MoneyLine
}

// MoneyLine is one line of money (万元).
type MoneyLine struct {
	Label string
	// Initial is 年初预算数, nil when not known.
	Initial          *fixed.Decimal
	Budget, Executed fixed.Decimal
	// Rate is executed / budget in percent as kept; nil when the budget is 0 or
	// the line's rate is not kept (the report then computes it by scoring.ExecutionRate).
	Rate *fixed.Decimal
}

// Rates are a department-year's rates in percent.
type Rates struct {
	Execution, Carryover, AssetUtilization, PublicFundsControl, ThreePublicControl *fixed.Decimal
}

// KeyTask is a key task (重点工作任务) and what came of it.
type KeyTask struct {
	Title, Content, Outcome string
}

// Indicator is one indicator with its kept values.
type Indicator struct {
	Level1, Level2, Name string
	Kind                 scoring.Kind
	Operator             scoring.Operator
	Target               *fixed.Decimal
	Unit                 string
	Weight               fixed.Decimal
	// Actual is the effective actual value (typed, or derived by Binding).
	Actual         *fixed.Decimal
	CompletionRate *fixed.Decimal
	Score          fixed.Decimal
	Binding        scoring.Binding
	Rating         scoring.Rating
	// DeviationReason is the department's 偏差原因分析.
	DeviationReason string
	// Criteria is the indicator's 评（扣）分标准, when known.
	Criteria string
	// Adjusted is set when an approved mid-year adjustment (绩效目标调整) changed the
	// target or weight: Target and Weight are then the adjusted ones the score is against.
	Adjusted *Adjustment
	// Review is the finance bureau's re-score, when there is one; Score stays the self-score.
	Review *Rescore
}

// Adjustment is what an indicator's targets were first approved as, and why they changed.
type Adjustment struct {
	OriginalTarget *fixed.Decimal
	OriginalWeight fixed.Decimal
	Reasons        []string
}

// Result is an evaluation's score as kept, with its level-1 and level-2 subtotals.
type Result struct {
	Score     fixed.Decimal
	Grade     scoring.Grade
	Subtotals []scoring.Subtotal
	// Review is the review total and grade when an indicator was re-scored; nil otherwise.
	Review *ReviewResult
}

// ProjectSummary is one of a department-year's projects.
type ProjectSummary struct {
	Name             string
	Budget, Executed fixed.Decimal
	// Indicators counts the project's indicators.
	Indicators int
	// Evaluated: the project has its own evaluation.
	Evaluated bool
}

// Texts are the department's texts of the report: the ReportText rows by section
// key, and the evaluation's own conclusion, problems and improvements.
type Texts struct {
	Sections                           map[string]string
	Conclusion, Problems, Improvements string
}

// ProjectInput is what a project's report is written from.
type ProjectInput struct {
	Year       int
	Department string
	ShortName  string
	Project    string
	Code       string
	Category   string
	// Supervisor and Implementer are the project's 主管部门 and 实施单位, when known.
	Supervisor, Implementer string
	// Goal is the project's goal (预期目标); GoalOutcome what came of it, when known.
	Goal, GoalOutcome string

	// Money is the project's budget (全年预算数) and executed amount, with
	// 年初预算数 when known; Rate is the kept execution rate.
	Money MoneyLine
	// Funding is the money by source (当年财政拨款, 上年结转资金, 其他资金), when known.
	Funding []MoneyLine
	// ExecutionScore is the kept 预算执行率 item, of weight ExecutionWeight (the
	// rules' scoring.Rules.ExecutionWeight).
	ExecutionScore, ExecutionWeight fixed.Decimal
	// ExecutionExplanation is why execution fell below 90 %, as the department wrote it.
	ExecutionExplanation string

	Indicators []Indicator
	Result     Result
	Texts      Texts
}
