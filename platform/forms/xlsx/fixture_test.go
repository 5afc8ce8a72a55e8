package xlsx

import (
	"bytes"
	"fmt"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/forms"
)

func dec(s string) *fixed.Decimal { d := fixed.MustParse(s); return &d }

// projectForm is a project form as Build makes it, with indicators of every kind.
func projectForm() *forms.Form {
	f := &forms.Form{Kind: forms.ProjectForm, Year: 2023, DepartmentName: "中共广州市南沙区委员会办公室",
		ProjectName: "区委重要会议保障", SupervisingDepartment: "中共广州市南沙区委员会办公室",
		Subject:      forms.Subject{EvaluationID: 7, EvaluationVersion: 1, YearID: 3, YearVersion: 1, ProjectID: 5, ProjectVersion: 1},
		GoalExpected: "保障区委重要会议顺利召开。", TotalWeight: fixed.MustParse("100"), TotalScore: fixed.MustParse("97.50"), Grade: "优"}
	f.Money = []forms.MoneyRow{{Line: forms.LineTotal, Adjusted: dec("120"), Executed: dec("118.5"), Weight: dec("10"), Rate: dec("98.75"), Score: dec("9.88")},
		{Line: forms.LineCurrentAppropriation}, {Line: forms.LinePriorYearCarryover}, {Line: forms.LineOtherFunds}}
	f.Indicators = []forms.Indicator{
		{ID: 11, Version: 1, Position: 1, Level1: "产出指标", Level2: "数量指标", Name: "保障会议场次", Kind: "QUANTITATIVE", Operator: "GE", Target: dec("40"), Unit: "场", Actual: dec("42"), Weight: dec("30"), Score: fixed.MustParse("30")},
		{ID: 12, Version: 1, Position: 2, Level1: "产出指标", Level2: "质量指标", Name: "会议材料差错率", Kind: "QUANTITATIVE", Operator: "LE", Target: dec("1"), Unit: "%", Actual: dec("0.5"), Weight: dec("20"), Score: fixed.MustParse("20")},
		{ID: 13, Version: 1, Position: 3, Level1: "效益指标", Level2: "社会效益指标", Name: "会议决策落实率", Kind: "QUANTITATIVE", Operator: "EQ", Target: dec("100"), Unit: "%", Actual: dec("95"), Weight: dec("30"), Score: fixed.MustParse("28.50"), DeviationReason: "个别事项跨年度实施。"},
		{ID: 14, Version: 1, Position: 4, Level1: "满意度指标", Level2: "服务对象满意度指标", Name: "参会人员满意度", Kind: "QUALITATIVE", Rating: "ACHIEVED", RatedScore: dec("9"), Weight: dec("10"), Score: fixed.MustParse("9")},
	}
	return f
}

func TestScratch(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, projectForm()); err != nil {
		t.Fatal(err)
	}
	in, ps := Read(buf.Bytes())
	fmt.Println(ps)
	ch, ps := forms.Diff(projectForm(), in)
	fmt.Println(ch, ps)
	_ = writeFile("/tmp/fx/project.xlsx", buf.Bytes())
}

func writeFile(name string, b []byte) error { return osWriteFile(name, b) }
