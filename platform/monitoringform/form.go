// Package monitoringform makes a monitoring report's form, the usual
// 绩效运行监控表, as one document (Document) that Word (package docx) and Excel
// (WriteXLSX, here) both render: the budget's execution to date against the
// month target with the expected full-year rate, then the indicators with
// 一级/二级/三级指标, 年度指标值, 1-N月执行情况（完成值）, 全年预计完成情况, 偏差原因分析
// (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他, ticked), 完成目标可能性
// (确定能 / 有可能 / 完全不可能, ticked) and 备注 (cause, measure, override, light).
package monitoringform

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"jixiao/domain/fixed"
	"jixiao/domain/monitoring"
	"jixiao/domain/monitoring/cycle"
	"jixiao/ent/indicator"
	"jixiao/ent/monitoringentry"
	"jixiao/platform/doc"
)

// Title is the form's title for a report of a department-year (project false) or a project.
func Title(project bool) string {
	if project {
		return "项目支出绩效运行监控表"
	}
	return "部门整体支出绩效运行监控表"
}

// Name is the download's name: 2023年度部门整体支出绩效运行监控表-区委办公室-2023-06-30.
func Name(v *cycle.View, department string) string {
	subject := department
	if v.Project != nil {
		subject = v.Project.Name
	}
	return fmt.Sprintf("%d年度%s-%s-%s", v.Year.Year, Title(v.Project != nil), subject, v.Report.Point)
}

var causes = []struct {
	value monitoringentry.CauseCategory
	label string
}{
	{monitoringentry.CauseCategoryFUNDING, "经费保障"},
	{monitoringentry.CauseCategorySYSTEM, "制度保障"},
	{monitoringentry.CauseCategorySTAFF, "人员保障"},
	{monitoringentry.CauseCategoryHARDWARE, "硬件条件保障"},
	{monitoringentry.CauseCategoryOTHER, "其他"},
}

var likelihoods = []struct {
	value monitoring.Likelihood
	label string
}{
	{monitoring.Likely, "确定能"},
	{monitoring.AtRisk, "有可能"},
	{monitoring.Unlikely, "完全不可能"},
}

var lights = map[monitoring.Light]string{monitoring.Green: "绿灯", monitoring.Yellow: "黄灯", monitoring.Red: "红灯"}

var statuses = map[string]string{"DRAFT": "草稿", "SUBMITTED": "已提交", "RETURNED": "已退回", "APPROVED": "已审核"}

const tick = "√"

func opSymbol(op *indicator.Operator) string {
	if op == nil {
		return ""
	}
	return map[indicator.Operator]string{indicator.OperatorAtLeast: "≥", indicator.OperatorAbove: ">", indicator.OperatorEqual: "=",
		indicator.OperatorAtMost: "≤", indicator.OperatorBelow: "<"}[*op]
}

func num(d *fixed.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// qty writes an indicator's value as typed, without trailing zeros: 80, 0.25.
func qty(d *fixed.Decimal) string {
	if d == nil {
		return ""
	}
	return d.Decimal().String()
}

func percent(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.StringFixed(2) + "%"
}

// trim writes a computed expectation without trailing zeros: 60.0000 → 60.
func trim(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.Round(4).String()
}

func header(texts ...string) []doc.Cell {
	out := make([]doc.Cell, len(texts))
	for i, t := range texts {
		out[i] = doc.Cell{Text: t, Align: doc.AlignCenter}
	}
	return out
}

// Document is the form of v; department is the department's name.
func Document(v *cycle.View, department string) doc.Document {
	month := v.Budget.Forecast.Month
	period := fmt.Sprintf("1-%d月", month)
	if month == 0 {
		period = "截至监控点"
	}
	p := v.Point
	d := doc.Document{
		Landscape: true, // fifteen columns, as the printed form is laid out
		Title:     Title(v.Project != nil),
		Subtitle:  fmt.Sprintf("（%d年度，监控时点：%d年%d月%d日）", v.Year.Year, p.Year(), int(p.Month()), p.Day()),
	}
	d.Blocks = append(d.Blocks, doc.Text("部门（单位）名称："+department))
	if v.Project != nil {
		d.Blocks = append(d.Blocks, doc.Text("项目名称："+v.Project.Name))
	}
	d.Blocks = append(d.Blocks, doc.Text("报告状态："+statuses[string(v.Report.Status)]))

	// The budget.
	b, f := v.Budget, v.Budget.Forecast
	expected := percent(f.ExpectedRate)
	if f.Overridden {
		expected += "（测算" + percent(f.ComputedRate) + "，调整理由：" + v.Report.BudgetOverrideReason + "）"
	}
	target := percent(f.TargetPercent)
	d.Blocks = append(d.Blocks, doc.Table{
		Title:  "表1 预算执行情况（万元）",
		Header: []doc.Row{{Cells: header("全年预算数", period+"执行数", "执行率", period+"目标进度", "全年预计执行率", "监控结果", "偏差原因", "整改措施")}},
		Rows: []doc.Row{{Cells: []doc.Cell{
			{Text: b.Adjusted.String(), Align: doc.AlignEnd}, {Text: num(b.ExecutedToDate), Align: doc.AlignEnd},
			{Text: percent(f.RateToDate), Align: doc.AlignEnd}, {Text: target, Align: doc.AlignEnd},
			{Text: expected, Align: doc.AlignEnd}, {Text: lights[f.Light], Align: doc.AlignCenter},
			{Text: v.Report.BudgetCause}, {Text: v.Report.BudgetMeasure},
		}}},
	})

	// The indicators.
	t := doc.Table{
		Title: "表2 绩效指标完成情况",
		Header: []doc.Row{
			{Cells: []doc.Cell{
				{Text: "一级指标", RowSpan: 2, Align: doc.AlignCenter}, {Text: "二级指标", RowSpan: 2, Align: doc.AlignCenter},
				{Text: "三级指标", RowSpan: 2, Align: doc.AlignCenter}, {Text: "年度指标值", RowSpan: 2, Align: doc.AlignCenter},
				{Text: period + "执行情况（完成值）", RowSpan: 2, Align: doc.AlignCenter}, {Text: "全年预计完成情况", RowSpan: 2, Align: doc.AlignCenter},
				{Text: "偏差原因分析", ColSpan: len(causes), Align: doc.AlignCenter}, {Text: "完成目标可能性", ColSpan: len(likelihoods), Align: doc.AlignCenter},
				{Text: "备注", RowSpan: 2, Align: doc.AlignCenter},
			}},
			{Cells: func() []doc.Cell {
				var cs []doc.Cell
				for _, c := range causes {
					cs = append(cs, doc.Cell{Text: c.label, Align: doc.AlignCenter})
				}
				for _, l := range likelihoods {
					cs = append(cs, doc.Cell{Text: l.label, Align: doc.AlignCenter})
				}
				return cs
			}()},
		},
		Widths: []float64{1.6, 1.6, 3, 1.6, 1.6, 2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 4},
	}
	for i, e := range v.Entries {
		ind := e.Indicator
		row := doc.Row{}
		// Level 1 and 2 span their groups, as the printed form merges them.
		if i == 0 || v.Entries[i-1].Indicator.Level1 != ind.Level1 {
			n := 1
			for n < len(v.Entries)-i && v.Entries[i+n].Indicator.Level1 == ind.Level1 {
				n++
			}
			row.Cells = append(row.Cells, doc.Cell{Text: ind.Level1, RowSpan: n, Align: doc.AlignCenter})
		}
		if i == 0 || v.Entries[i-1].Indicator.Level1 != ind.Level1 || v.Entries[i-1].Indicator.Level2 != ind.Level2 {
			n := 1
			for n < len(v.Entries)-i && v.Entries[i+n].Indicator.Level1 == ind.Level1 && v.Entries[i+n].Indicator.Level2 == ind.Level2 {
				n++
			}
			row.Cells = append(row.Cells, doc.Cell{Text: ind.Level2, RowSpan: n, Align: doc.AlignCenter})
		}
		targetText := "达成年度指标"
		if ind.Kind == indicator.KindQUANTITATIVE {
			targetText = opSymbol(ind.Operator) + qty(ind.Target) + ind.Unit
		}
		valueText, expectedText := "", ""
		var notes []string
		if x := e.Entry; x != nil {
			if x.ValueToDate != nil {
				valueText = qty(x.ValueToDate) + ind.Unit
			}
		}
		if e.Forecast.Expected != nil {
			expectedText = trim(e.Forecast.Expected) + ind.Unit
		}
		if l := lights[e.Forecast.Light]; l != "" {
			notes = append(notes, "监控结果："+l)
		}
		cells := []doc.Cell{{Text: ind.Name}, {Text: targetText, Align: doc.AlignCenter}, {Text: valueText, Align: doc.AlignCenter}, {Text: expectedText, Align: doc.AlignCenter}}
		x := e.Entry
		for _, c := range causes {
			mark := ""
			if x != nil && x.CauseCategory != nil && *x.CauseCategory == c.value {
				mark = tick
			}
			cells = append(cells, doc.Cell{Text: mark, Align: doc.AlignCenter})
		}
		for _, l := range likelihoods {
			mark := ""
			if e.Forecast.Likelihood == l.value {
				mark = tick
			}
			cells = append(cells, doc.Cell{Text: mark, Align: doc.AlignCenter})
		}
		if x != nil {
			if ind.Kind == indicator.KindQUALITATIVE && x.OverrideReason != "" {
				notes = append(notes, "判断依据："+x.OverrideReason)
			} else if e.Forecast.Overridden && x.OverrideReason != "" {
				computed := ""
				if e.Forecast.Computed != nil {
					computed = "测算值" + trim(e.Forecast.Computed) + ind.Unit + "，"
				}
				notes = append(notes, "预计值已调整（"+computed+"理由："+x.OverrideReason+"）")
			}
			if x.Cause != "" {
				notes = append(notes, "偏差原因："+x.Cause)
			}
			if x.Measure != "" {
				notes = append(notes, "整改措施："+x.Measure)
			}
			if x.Note != "" {
				notes = append(notes, x.Note)
			}
		}
		cells = append(cells, doc.Cell{Text: strings.Join(notes, "；")})
		row.Cells = append(row.Cells, cells...)
		t.Rows = append(t.Rows, row)
	}
	d.Blocks = append(d.Blocks, t)
	if c := v.Report.ReviewComment; c != "" {
		d.Blocks = append(d.Blocks, doc.Text("审核意见："+c))
	}
	d.Blocks = append(d.Blocks, doc.Text("注：全年预计完成情况按监控时点已过月份占全年的比例测算（有上年同期数据的按上年同期完成比例测算），比率类指标以当前值为预计值；"+
		"预计达到目标为绿灯，偏差在10%以内为黄灯，超过10%为红灯（反向指标对称）。"))
	return d
}
