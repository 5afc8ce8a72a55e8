// Package xlsx writes the self-evaluation forms (package forms) as Excel
// workbooks laid out as the printed forms are, and reads them back, or a plain
// indicator table, with every problem named by sheet and cell.
//
// The layout lives in this file alone: the columns, the labels, the widths. The
// reader finds each part of a form by its labels, never by a fixed row, so rows
// added to the indicator table or to the key tasks move everything below them
// without harm; a label out of its column, a header merged differently or a
// merged range inside the table is refused as a changed layout.
package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/forms"
)

// SheetName is the name of the form's sheet.
const SheetName = "自评表"

// The columns (1-based). The indicator table uses all of them; the other parts
// of the form merge them as the printed forms do.
const (
	colSection  = 1  // A: the part's label (项目资金, 年度总体目标, 绩效指标…)
	colLevel1   = 2  // B: 一级指标
	colLevel2   = 3  // C: 二级指标
	colName     = 4  // D: 三级指标
	colOperator = 5  // E: 年度指标值 / 指标性质 (≥ > = ≤ <, or 定性)
	colTarget   = 6  // F: 年度指标值 / 指标值
	colUnit     = 7  // G: 年度指标值 / 度量单位
	colActual   = 8  // H: 实际完成值 (a number, or a qualitative indicator's rating)
	colWeight   = 9  // I: 分值
	colScore    = 10 // J: 得分 (a qualitative indicator's rated score)
	colReason   = 11 // K: 偏差原因分析及改进措施
	colCriteria = 12 // L: 评（扣）分标准
	colID       = 13 // M: 编号, hidden: the row's id, so that a renamed row stays itself
	colFormula  = 14 // N: 计算过程, an explained form's (forms.Form.Explained): read by nobody
	lastPrinted = colCriteria

	// The budget block: the line's label over B:D (其中 / 按收入性质分 in B and the
	// line in C:D for a breakdown), then its amounts.
	colInitial  = 5  // E: 年初预算数
	colAdjusted = 6  // F: 全年预算数
	colExecuted = 7  // G: 全年执行数
	colMoneyW   = 8  // H: 分值
	colRate     = 9  // I: 执行率
	colMoneyS   = 10 // J:L: 得分

	// The goal: 预期目标 over B:G, 实际完成情况 over H:L.
	colGoalExpected = 2
	colGoalOutcome  = 8

	// The key tasks: 任务名称 B:D, 主要内容 E:H, 完成情况 I:L.
	colTaskTitle   = 2
	colTaskContent = 5
	colTaskOutcome = 9
)

// widths of columns A to M, in Excel's character units.
var widths = []float64{12, 11, 12, 24, 8, 11, 9, 13, 8, 8, 30, 24, 8}

// formulaWidth is the width of an explained form's column 计算过程.
const formulaWidth = 52

// Labels, as the forms print them.
const (
	labelProjectName    = "项目名称"
	labelDepartmentName = "部门（单位）名称"
	labelSupervising    = "主管部门"
	labelImplementing   = "实施单位"
	labelTasks          = "年度主要任务"
	labelTaskTitle      = "任务名称"
	labelTaskContent    = "主要内容"
	labelTaskOutcome    = "完成情况"
	labelProjectMoney   = "项目资金（万元）"
	labelOverallMoney   = "年度部门整体支出预算执行情况（万元）"
	labelInitial        = "年初预算数"
	labelAdjusted       = "全年预算数"
	labelExecuted       = "全年执行数"
	labelMoneyWeight    = "分值"
	labelRate           = "执行率"
	labelMoneyScore     = "得分"
	labelGoal           = "年度总体目标"
	labelGoalExpected   = "预期目标"
	labelGoalOutcome    = "实际完成情况"
	labelProjectInds    = "绩效指标"
	labelOverallInds    = "年度绩效指标"
	labelLevel1         = "一级指标"
	labelLevel2         = "二级指标"
	labelName           = "三级指标"
	labelTargetGroup    = "年度指标值"
	labelOperator       = "指标性质"
	labelTarget         = "指标值"
	labelUnit           = "度量单位"
	labelActual         = "实际完成值"
	labelWeight         = "分值"
	labelScore          = "得分"
	labelReason         = "偏差原因分析及改进措施"
	labelCriteria       = "评（扣）分标准"
	labelID             = "编号"
	labelFormula        = "计算过程"
	labelTotal          = "总分"
	labelConclusion     = "自评结论"
	labelProblems       = "存在问题"
	labelImprovements   = "改进措施"
)

// Operators as the forms print them, and the spellings the reader also takes.
var (
	operatorSymbols = map[string]string{"GE": "≥", "GT": ">", "EQ": "=", "LE": "≤", "LT": "<"}
	operatorWords   = map[string]string{
		"≥": "GE", ">=": "GE", "≧": "GE", "大于等于": "GE", "不低于": "GE", "不少于": "GE", "GE": "GE",
		">": "GT", "大于": "GT", "高于": "GT", "GT": "GT",
		"=": "EQ", "==": "EQ", "等于": "EQ", "EQ": "EQ",
		"≤": "LE", "<=": "LE", "≦": "LE", "小于等于": "LE", "不高于": "LE", "不超过": "LE", "不多于": "LE", "LE": "LE",
		"<": "LT", "小于": "LT", "低于": "LT", "LT": "LT",
	}
	// qualitativeWord is 指标性质 of a qualitative indicator.
	qualitativeWord = "定性"
	operatorList    = []string{"≥", ">", "=", "≤", "<", qualitativeWord}
)

// Ratings as the forms print them, and the spellings the reader also takes.
var (
	ratingLabels = map[string]string{"ACHIEVED": "达成年度指标", "PARTIAL": "部分达成并具有一定效果", "NOT_ACHIEVED": "未达成且效果较差"}
	ratingWords  = map[string]string{
		"达成年度指标": "ACHIEVED", "达成": "ACHIEVED", "ACHIEVED": "ACHIEVED",
		"部分达成并具有一定效果": "PARTIAL", "部分达成": "PARTIAL", "PARTIAL": "PARTIAL",
		"未达成且效果较差": "NOT_ACHIEVED", "未达成": "NOT_ACHIEVED", "NOT_ACHIEVED": "NOT_ACHIEVED",
	}
	ratingList = []string{"达成年度指标", "部分达成并具有一定效果", "未达成且效果较差"}
)

// moneyLabel is the budget block's label.
func moneyLabel(kind forms.Kind) string {
	if kind == forms.ProjectForm {
		return labelProjectMoney
	}
	return labelOverallMoney
}

func indicatorsLabel(kind forms.Kind) string {
	if kind == forms.ProjectForm {
		return labelProjectInds
	}
	return labelOverallInds
}

// tableColumns are the indicator table's columns with the labels a plain table
// may give them; the first label is the form's own.
var tableColumns = []struct {
	field  string
	col    int
	labels []string
}{
	{forms.FieldLevel1, colLevel1, []string{labelLevel1}},
	{forms.FieldLevel2, colLevel2, []string{labelLevel2}},
	{forms.FieldName, colName, []string{labelName, "指标名称", "绩效指标名称", "三级指标名称"}},
	{forms.FieldOperator, colOperator, []string{labelOperator, "计算符号", "符号", "指标方向"}},
	{forms.FieldTarget, colTarget, []string{labelTarget, "年度指标值", "目标值", "年度目标值", "指标目标值"}},
	{forms.FieldUnit, colUnit, []string{labelUnit, "计量单位", "单位"}},
	{forms.FieldActual, colActual, []string{labelActual, "完成值", "实际值", "全年实际值", "实际完成情况"}},
	{forms.FieldWeight, colWeight, []string{labelWeight, "权重", "标准分值", "指标分值"}},
	{forms.FieldScore, colScore, []string{labelScore, "自评得分"}},
	{forms.FieldDeviationReason, colReason, []string{labelReason, "偏差原因分析", "偏差原因", "未完成原因分析", "偏差原因及改进措施"}},
	{forms.FieldScoringCriteria, colCriteria, []string{labelCriteria, "评分标准", "扣分标准", "评(扣)分标准"}},
	{forms.FieldID, colID, []string{labelID, "系统编号"}},
}

// norm is a label as compared: without spaces, with half-width brackets and
// colons made full-width, as the forms write them.
func norm(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.NewReplacer("(", "（", ")", "）", ":", "：").Replace(s)
}

// cell names the cell at col, row: cell(8, 14) is "H14".
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func column(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}
