// Package forms is the model of the standard self-evaluation forms (项目支出绩效自评表
// of the annex of 财预〔2020〕10号, and the provinces' 部门整体支出绩效自评表): what a
// form says, built from an evaluation's stored and assessed rows (Build), and the
// changes an imported form makes to them (Diff, Apply). It knows nothing of Excel:
// package platform/forms/xlsx writes and reads the workbooks.
package forms

import (
	"strings"

	"jixiao/domain/fixed"
)

// Kind is which form a workbook holds.
type Kind string

const (
	// ProjectForm is the 项目支出绩效自评表.
	ProjectForm Kind = "PROJECT"
	// OverallForm is the 部门整体支出绩效自评表.
	OverallForm Kind = "OVERALL"
	// IndicatorTable is a plain table of one row per indicator, as departments
	// keep them: it holds indicators only.
	IndicatorTable Kind = "INDICATOR_TABLE"
)

// Title is the form's printed title.
func (k Kind) Title() string {
	switch k {
	case ProjectForm:
		return "项目支出绩效自评表"
	case OverallForm:
		return "部门整体支出绩效自评表"
	}
	return "绩效指标表"
}

// Form is one self-evaluation form, as printed. Amounts are 万元; rates are percents.
type Form struct {
	Kind    Kind
	Subject Subject
	Year    int

	// Header. A project form names its project, its 主管部门 and 实施单位; the
	// overall form its department (部门（单位）名称).
	DepartmentName        string
	ProjectName           string
	SupervisingDepartment string
	ImplementingUnit      string

	Tasks []Task     // 年度主要任务, overall form only
	Money []MoneyRow // the budget-execution block, its total row first

	GoalExpected string // 年度总体目标: 预期目标
	GoalOutcome  string // 年度总体目标: 实际完成情况

	Indicators []Indicator

	// 总分: the weights' sum (a project's with its execution item's 10) and the
	// evaluation's kept score and grade.
	TotalWeight fixed.Decimal
	TotalScore  fixed.Decimal
	Grade       string // 优, 良, 中 or 差
	// Review is the finance bureau's review total and grade when an indicator was
	// re-scored ("复核总分97.69，评价等级：优"), a note on the total's score; "" otherwise.
	Review string

	// 自评结论, 存在问题, 改进措施 (overall form).
	Conclusion, Problems, Improvements string

	// Explained forms print the derivation of every score beside it, in the column 计算过程
	// (Explain): each indicator's Formula, the execution item's (a project's budget row) and the
	// total's, under the rules RulesName names. An import reads none of it.
	Explained        bool
	RulesName        string
	ExecutionFormula string
	TotalFormula     string

	// Where an imported form was read: its sheet, and the cell of each header,
	// goal and text field (by the names of the Field… constants).
	Sheet string
	Cells Cells
}

// Subject names the rows a form was built from, with the versions read, so that
// an import's updates refuse a row somebody changed meanwhile.
type Subject struct {
	EvaluationID, EvaluationVersion int
	YearID, YearVersion             int
	ProjectID, ProjectVersion       int // 0 for the overall form
}

// Cells maps a field (by its GraphQL name) to the cell an imported form held it
// in, e.g. "actual" → "H14".
type Cells map[string]string

// Indicator is one row of the indicator table.
type Indicator struct {
	ID       int // 0: not in the system (yet)
	Version  int
	Position int

	Level1, Level2, Name string
	Kind                 string         // QUANTITATIVE or QUALITATIVE
	Operator             string         // GE, GT, EQ, LE, LT; "" when qualitative
	Target               *fixed.Decimal // quantitative only
	Unit                 string
	// Actual is the 实际完成值: as typed, or for an indicator bound to a formula
	// (Bound) the value derived from the figures, which an import cannot change.
	Actual          *fixed.Decimal
	Bound           bool
	Rating          string         // qualitative: ACHIEVED, PARTIAL or NOT_ACHIEVED
	RatedScore      *fixed.Decimal // qualitative: the evaluator's score, its 得分
	Weight          *fixed.Decimal // nil only when an imported row lacks it
	Score           fixed.Decimal  // the kept score, as the API gives it
	DeviationReason string
	ScoringCriteria string // 评（扣）分标准
	// Adjusted says, when an approved mid-year adjustment changed the target or
	// weight, what they were first approved as and why (a note on the target's cell).
	Adjusted string
	// Formula is the derivation of the score, as an explained form prints it (Form.Explained).
	Formula string
	// Review is the finance bureau's re-score and its reason, when there is one
	// (a note on the score's cell, which keeps the self-score an import reads).
	Review string

	Row   int // the sheet row an imported indicator was read from
	Cells Cells
	// Skip marks an imported row with a problem already reported: it is left out
	// of the changes, so that the others are still checked.
	Skip bool
}

// Key is what identifies an indicator without an id: its level names and name,
// normalised as the store normalises them.
func (i Indicator) Key() string {
	return NormaliseName(i.Level1) + "\x00" + NormaliseName(i.Level2) + "\x00" + NormaliseName(i.Name)
}

// Qualitative reports whether the row is a qualitative indicator.
func (i Indicator) Qualitative() bool { return i.Kind == KindQualitative }

// Indicator kinds, as the API names them.
const (
	KindQuantitative = "QUANTITATIVE"
	KindQualitative  = "QUALITATIVE"
)

// Task is one of the overall form's 年度主要任务.
type Task struct {
	ID       int
	Version  int
	Position int
	Title    string // 任务名称
	Content  string // 主要内容
	Outcome  string // 完成情况
	Row      int
	Cells    Cells
	Skip     bool
}

// MoneyRow is one row of the budget-execution block (万元). Amounts the system does
// not hold are nil and print as empty cells.
type MoneyRow struct {
	Line                        Line
	ID                          int            // a breakdown line's FundingLine; 0 for the others, and a category without a line
	Initial, Adjusted, Executed *fixed.Decimal // 年初预算数, 全年预算数, 全年执行数
	Weight, Rate, Score         *fixed.Decimal // 分值, 执行率, 得分: the total row only
	Row                         int
	Cells                       Cells
	// Skip marks an imported row with a cell already reported: the row changes
	// nothing, so that a cell read as empty is not taken for one cleared.
	Skip bool
}

// Line names a row of the budget block: the total, or a category of the breakdown
// (the names are those of the FundingLine categories).
type Line string

// The lines of the two forms, in form order.
const (
	LineTotal Line = "TOTAL" // 年度资金总额

	// A project's sources of funds (其中).
	LineCurrentAppropriation Line = "CURRENT_APPROPRIATION" // 当年财政拨款
	LinePriorYearCarryover   Line = "PRIOR_YEAR_CARRYOVER"  // 上年结转资金
	LineOtherFunds           Line = "OTHER_FUNDS"           // 其他资金

	// A department-year's revenue by nature (按收入性质分).
	LineGeneralPublicBudget  Line = "GENERAL_PUBLIC_BUDGET"  // 一般公共预算
	LineGovernmentFundBudget Line = "GOVERNMENT_FUND_BUDGET" // 政府性基金预算
	LineStateCapitalBudget   Line = "STATE_CAPITAL_BUDGET"   // 国有资本经营预算
	LineFiscalSpecialAccount Line = "FISCAL_SPECIAL_ACCOUNT" // 财政专户管理资金
	LineUnitFunds            Line = "UNIT_FUNDS"             // 单位资金

	// A department-year's spending by nature (按支出性质分).
	LineBasic   Line = "BASIC"   // 基本支出
	LineProject Line = "PROJECT" // 项目支出
)

// Lines are the rows of each form's budget block, in form order.
var Lines = map[Kind][]Line{
	ProjectForm: {LineTotal, LineCurrentAppropriation, LinePriorYearCarryover, LineOtherFunds},
	OverallForm: {LineTotal, LineGeneralPublicBudget, LineGovernmentFundBudget, LineStateCapitalBudget,
		LineFiscalSpecialAccount, LineUnitFunds, LineBasic, LineProject},
}

// Label is the line's wording on the form.
func (l Line) Label() string {
	return map[Line]string{
		LineTotal: "年度资金总额", LineCurrentAppropriation: "当年财政拨款", LinePriorYearCarryover: "上年结转资金",
		LineOtherFunds: "其他资金", LineGeneralPublicBudget: "一般公共预算", LineGovernmentFundBudget: "政府性基金预算",
		LineStateCapitalBudget: "国有资本经营预算", LineFiscalSpecialAccount: "财政专户管理资金", LineUnitFunds: "单位资金",
		LineBasic: "基本支出", LineProject: "项目支出",
	}[l]
}

// Group is the heading a breakdown line sits under on the form: 其中 (a project's
// sources), 按收入性质分 or 按支出性质分; "" for the total.
func (l Line) Group() string {
	switch l {
	case LineCurrentAppropriation, LinePriorYearCarryover, LineOtherFunds:
		return "其中"
	case LineBasic, LineProject:
		return "按支出性质分"
	case LineTotal:
		return ""
	}
	return "按收入性质分"
}

// empty reports whether the row holds no amount: a breakdown's category without a line.
func (m *MoneyRow) empty() bool { return m.Initial == nil && m.Adjusted == nil && m.Executed == nil }

// Line returns the form's row of line, nil when it has none.
func (f *Form) Line(l Line) *MoneyRow {
	for i := range f.Money {
		if f.Money[i].Line == l {
			return &f.Money[i]
		}
	}
	return nil
}

// Field names of the form itself (its header, goal and texts), as Cells and
// problems name them: the GraphQL field where there is one.
const (
	FieldProjectName           = "projectName"
	FieldDepartmentName        = "departmentName"
	FieldSupervisingDepartment = "supervisingDepartment"
	FieldImplementingUnit      = "implementingUnit"
	FieldYear                  = "year"
	FieldGoal                  = "goal"
	FieldGoalOutcome           = "goalOutcome"
	FieldConclusion            = "conclusion"
	FieldProblems              = "problems"
	FieldImprovements          = "improvements"
)

// Field names of an indicator and a task row, and of a money row's cells.
const (
	FieldID              = "id"
	FieldLevel1          = "level1"
	FieldLevel2          = "level2"
	FieldName            = "name"
	FieldKind            = "kind"
	FieldOperator        = "operator"
	FieldTarget          = "target"
	FieldUnit            = "unit"
	FieldActual          = "actual"
	FieldRating          = "rating"
	FieldRatedScore      = "ratedScore"
	FieldWeight          = "weight"
	FieldScore           = "score"
	FieldDeviationReason = "deviationReason"
	FieldScoringCriteria = "scoringCriteria"
	FieldPosition        = "position"

	FieldTitle   = "title"
	FieldContent = "content"
	FieldOutcome = "outcome"

	FieldInitialBudget  = "initialBudget"
	FieldAdjustedBudget = "adjustedBudget"
	FieldExecuted       = "executed"
	FieldRate           = "executionRate"
)

// NormaliseName trims s and turns every run of whitespace inside it into one
// space: the rule ent/schema applies to level names, here for matching rows.
func NormaliseName(s string) string { return strings.Join(strings.Fields(s), " ") }
