package assess_test

import (
	"context"
	"fmt"
	"jixiao/domain/scoring"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"

	"jixiao/app/demo"
	"jixiao/domain/assess"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/enttest"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/ent/monthlyexecution"
	_ "jixiao/ent/runtime"
	"jixiao/platform/access"
)

// TestDemoEvaluations scores the demo's evaluations from stored rows: the overall
// one must keep the seed report's figures, and the subtotals must add up to the kept score.
func TestDemoEvaluations(t *testing.T) {
	ctx := access.System(context.Background(), "test")
	c := enttest.Open(t, "sqlite3", "file:assess?mode=memory&cache=shared&_fk=1")
	defer c.Close()
	if _, err := demo.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	dy := c.DepartmentYear.Query().Where(departmentyear.HasDepartmentWith(department.Code(demo.OfficeCode))).OnlyX(ctx)
	totals := assess.TotalsOf(dy)
	exec, _ := assess.ExecutionRate(dy)
	carry, _ := assess.CarryoverRate(dy)
	for _, tt := range []struct{ name, got, want string }{
		{"total budget", totals.TotalBudget.String(), "1836.19"},
		{"total actual", totals.TotalActual.String(), "1829.40"},
		{"basic actual", totals.BasicActual.String(), "962.44"},
		{"execution rate", exec.StringFixed(2), "99.63"},
		{"carry-over rate", carry.StringFixed(2), "0.25"},
		{"months behind", fmt.Sprint(assess.MonthsBehind(dy, c.MonthlyExecution.Query().Where(monthlyexecution.DepartmentYearID(dy.ID)).AllX(ctx))), "[3 6]"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, tt.got, tt.want)
		}
	}

	for _, ev := range c.Evaluation.Query().Where(evaluation.DepartmentYearID(dy.ID)).AllX(ctx) {
		s := assess.Subject{Year: dy}
		q := c.Indicator.Query().Where(indicator.DepartmentYearID(dy.ID)).Order(indicator.ByPosition())
		if ev.ProjectID != nil {
			s.Project = c.Project.GetX(ctx, *ev.ProjectID)
			q = q.Where(indicator.ProjectID(*ev.ProjectID))
		} else {
			q = q.Where(indicator.ProjectIDIsNil())
		}
		s.Indicators = q.AllX(ctx)
		var sum decimal.Decimal
		for _, st := range assess.Subtotals(s, scoring.Default()) {
			if st.Level2 == "" {
				sum = sum.Add(st.Score)
			}
		}
		if !sum.Equal(ev.Score.Decimal()) {
			t.Errorf("evaluation %d: level-1 subtotals add up to %s, its score is %s", ev.ID, sum, ev.Score)
		}
		problems := assess.Problems(ev, s, scoring.Default())
		if ev.ProjectID == nil {
			if ev.Score.String() != "99.69" || ev.Grade != evaluation.GradeEXCELLENT || len(problems) != 0 {
				t.Errorf("overall evaluation: %s %s, problems %v; want 99.69 EXCELLENT and none", ev.Score, ev.Grade, problems)
			}
		} else if ev.ExecutionScore == nil || ev.ExecutionRate == nil {
			t.Errorf("project evaluation %d has no execution item", ev.ID)
		}
	}
}
