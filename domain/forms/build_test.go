package forms

import (
	"fmt"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/fundingline"
)

// A project's form shows what the store holds: 年初预算数, the lines by source (a
// category without a line empty), 实施单位, the outcome and 评（扣）分标准; an empty
// 主管部门 is the project's own department, by name.
func TestBuildProject(t *testing.T) {
	p := &ent.Project{ID: 5, Name: "督查督办", ImplementingUnit: "督查室", InitialBudget: fixed.MustParse("110"),
		Budget: fixed.MustParse("120"), Executed: fixed.MustParse("118.5"), Goal: "按期办结", GoalOutcome: "办结168件"}
	src := Source{
		Evaluation: &ent.Evaluation{ID: 7, ProjectID: &p.ID},
		Department: &ent.Department{Name: "区委办公室"},
		Year:       &ent.DepartmentYear{ID: 3, Year: 2023},
		Project:    p,
		Indicators: []*ent.Indicator{{ID: 11, Name: "督办事项数", Kind: "QUANTITATIVE", ScoringCriteria: "达到得满分"}},
		Lines: []*ent.FundingLine{{ID: 51, Category: fundingline.CategoryCURRENT_APPROPRIATION,
			InitialBudget: fixed.MustParse("110"), AdjustedBudget: fixed.MustParse("120"), Executed: fixed.MustParse("118.5")}},
	}
	f := Build(src)
	var money []string
	for _, m := range f.Money {
		money = append(money, fmt.Sprintf("%s:%d:%s/%s/%s", m.Line, m.ID, decText(m.Initial), decText(m.Adjusted), decText(m.Executed)))
	}
	want := "[TOTAL:0:110.00/120.00/118.50 CURRENT_APPROPRIATION:51:110.00/120.00/118.50 PRIOR_YEAR_CARRYOVER:0:// OTHER_FUNDS:0://]"
	if fmt.Sprint(money) != want {
		t.Errorf("money %v, want %s", money, want)
	}
	if f.SupervisingDepartment != "区委办公室" || f.ImplementingUnit != "督查室" || f.GoalOutcome != "办结168件" ||
		f.Indicators[0].ScoringCriteria != "达到得满分" {
		t.Errorf("form %+v", f)
	}
	p.SupervisingDepartment = "区委"
	if f := Build(src); f.SupervisingDepartment != "区委" {
		t.Errorf("a 主管部门 of its own: %q", f.SupervisingDepartment)
	}
}

// 主管部门 left empty, or naming the project's own department, changes nothing
// when none other is stored; another name changes it.
func TestSupervisingDepartment(t *testing.T) {
	cur := &Form{Kind: ProjectForm, Year: 2023, DepartmentName: "区委办公室", ProjectName: "督查督办",
		SupervisingDepartment: "区委办公室", Subject: Subject{ProjectID: 5}}
	for typed, want := range map[string]string{
		"":         "[]",
		" 区委办公室 ":  "[]",
		"区委":       "[{supervisingDepartment 区委办公室 区委}]",
		"区委  督查机构": "[{supervisingDepartment 区委办公室 区委 督查机构}]",
	} {
		in := *cur
		in.SupervisingDepartment, in.Sheet = typed, "自评表"
		changes, problems := Diff(cur, &in)
		var fields []FieldChange
		for _, c := range changes {
			fields = append(fields, c.Fields...)
		}
		if len(problems) > 0 || fmt.Sprint(fields) != want {
			t.Errorf("%q: %v %v, want %s", typed, fields, problems, want)
		}
	}
}
