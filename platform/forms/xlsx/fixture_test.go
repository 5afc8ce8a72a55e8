package xlsx

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

func dec(s string) *fixed.Decimal { d := fixed.MustParse(s); return &d }

// projectForm is a project form as forms.Build makes it, with indicators of
// every kind (rows 14 to 17 of its sheet) and two sources of funds (rows 7, 8).
func projectForm() *forms.Form {
	f := &forms.Form{Kind: forms.ProjectForm, Year: 2023, DepartmentName: "中共广州市南沙区委员会办公室",
		ProjectName: "区委重要会议保障", SupervisingDepartment: "中共广州市南沙区委员会办公室", ImplementingUnit: "区委办公室行政科",
		Subject:      forms.Subject{EvaluationID: 7, EvaluationVersion: 1, YearID: 3, YearVersion: 1, ProjectID: 5, ProjectVersion: 1},
		GoalExpected: "保障区委重要会议顺利召开。", GoalOutcome: "全年保障会议42场，均按期召开。",
		TotalWeight: fixed.MustParse("100"), TotalScore: fixed.MustParse("97.38"), Grade: "优"}
	f.Money = []forms.MoneyRow{
		{Line: forms.LineTotal, Initial: dec("110"), Adjusted: dec("120"), Executed: dec("118.5"), Weight: dec("10"), Rate: dec("98.75"), Score: dec("9.88")},
		{Line: forms.LineCurrentAppropriation, ID: 51, Initial: dec("110"), Adjusted: dec("115.42"), Executed: dec("113.92")},
		{Line: forms.LinePriorYearCarryover, ID: 52, Initial: dec("0"), Adjusted: dec("4.58"), Executed: dec("4.58")},
		{Line: forms.LineOtherFunds}}
	f.Indicators = []forms.Indicator{
		{ID: 11, Version: 1, Position: 1, Level1: "产出指标", Level2: "数量指标", Name: "保障会议场次", Kind: "QUANTITATIVE", Operator: "GE", Target: dec("40"), Unit: "场", Actual: dec("42"), Weight: dec("30"), Score: fixed.MustParse("30"),
			ScoringCriteria: "完成值达到指标值的得满分，未达到的按完成值÷指标值×分值计分。"},
		{ID: 12, Version: 1, Position: 2, Level1: "产出指标", Level2: "质量指标", Name: "会议材料差错率", Kind: "QUANTITATIVE", Operator: "LE", Target: dec("1"), Unit: "%", Actual: dec("0.5"), Weight: dec("20"), Score: fixed.MustParse("20")},
		{ID: 13, Version: 1, Position: 3, Level1: "效益指标", Level2: "社会效益指标", Name: "会议决策落实率", Kind: "QUANTITATIVE", Operator: "EQ", Target: dec("100"), Unit: "%", Actual: dec("95"), Weight: dec("30"), Score: fixed.MustParse("28.50"), DeviationReason: "个别事项跨年度实施。"},
		{ID: 14, Version: 1, Position: 4, Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "参会人员满意度", Kind: "QUALITATIVE", Rating: "ACHIEVED", RatedScore: dec("9"), Weight: dec("10"), Score: fixed.MustParse("9")},
	}
	return f
}

// overallForm is a department's overall form with two key tasks and a bound
// indicator, whose actual the figures give.
func overallForm() *forms.Form {
	f := &forms.Form{Kind: forms.OverallForm, Year: 2023, DepartmentName: "广州市南沙区财政局",
		Subject:      forms.Subject{EvaluationID: 9, EvaluationVersion: 2, YearID: 4, YearVersion: 3},
		GoalExpected: "统筹财政资源，提高预算编制和执行质量。", GoalOutcome: "预算执行率98.84%。", TotalWeight: fixed.MustParse("100"), TotalScore: fixed.MustParse("96.37"), Grade: "优",
		Conclusion: "较好完成年度目标。", Problems: "一是个别项目结算滞后。\n二是绩效目标细化不足。", Improvements: "加快结算进度。"}
	f.Tasks = []forms.Task{
		{ID: 21, Version: 1, Position: 1, Title: "预算评审", Content: "评审全区项目预算。", Outcome: "完成评审 42 个。"},
		{ID: 22, Version: 1, Position: 2, Title: "绩效管理", Content: "开展绩效自评与重点评价。", Outcome: "覆盖全部部门。"},
	}
	for _, l := range forms.Lines[forms.OverallForm] {
		m := forms.MoneyRow{Line: l}
		switch l {
		case forms.LineTotal:
			m.Initial, m.Adjusted, m.Executed, m.Rate = dec("860"), dec("880"), dec("869.82"), dec("98.84")
		case forms.LineGeneralPublicBudget:
			m.ID, m.Initial, m.Adjusted, m.Executed = 61, dec("860"), dec("880"), dec("869.82")
		case forms.LineBasic:
			m.Initial, m.Adjusted, m.Executed = dec("570"), dec("580"), dec("573.42")
		case forms.LineProject:
			m.Initial, m.Adjusted, m.Executed = dec("290"), dec("300"), dec("296.4")
		}
		f.Money = append(f.Money, m)
	}
	f.Indicators = []forms.Indicator{
		{ID: 31, Version: 1, Position: 1, Level1: "产出指标", Level2: "数量指标", Name: "预算评审项目数", Kind: "QUANTITATIVE", Operator: "GE", Target: dec("40"), Unit: "个", Actual: dec("42"), Weight: dec("40"), Score: fixed.MustParse("40")},
		{ID: 32, Version: 1, Position: 2, Level1: "管理效率", Level2: "预算执行", Name: "预算资金支出率", Kind: "QUANTITATIVE", Operator: "GE", Target: dec("100"), Unit: "%", Actual: dec("98.843182"), Bound: true, Weight: dec("30"), Score: fixed.MustParse("29.65"), DeviationReason: "个别项目年底前未完成结算。"},
		{ID: 33, Version: 1, Position: 3, Level1: "管理效率", Level2: "绩效管理", Name: "绩效管理制度健全性", Kind: "QUALITATIVE", Rating: "ACHIEVED", RatedScore: dec("26.72"), Weight: dec("30"), Score: fixed.MustParse("26.72")},
	}
	return f
}

// write is Write into bytes.
func write(t testing.TB, f *forms.Form) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit opens a workbook, lets change change it, and returns it saved again, as
// a user's spreadsheet program would.
func edit(t testing.TB, data []byte, change func(x *excelize.File)) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	change(x)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on err: for the edits' excelize calls.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// zipOf is a zip archive holding one file.
func zipOf(t testing.TB, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create(name)
	must(t, err)
	_, _ = w.Write([]byte(content))
	must(t, z.Close())
	return buf.Bytes()
}
