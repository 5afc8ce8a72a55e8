package assess_test

import (
	"context"
	"fmt"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/app/demo"
	"jixiao/domain/assess"
	"jixiao/domain/scoring"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/enttest"
	"jixiao/ent/indicator"
	_ "jixiao/ent/runtime"
	"jixiao/platform/access"
)

// TestDemoEvaluations scores the demo's evaluations from stored rows: the overall
// one must give the seed report's figures, and Total must agree with Evaluate.
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
		{"months behind", fmt.Sprint(assess.MonthsBehind(dy, c.MonthlyExecution.Query().AllX(ctx))), "[3 6]"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, tt.got, tt.want)
		}
	}

	for _, ev := range c.Evaluation.Query().AllX(ctx) {
		s := assess.Subject{Year: dy, Months: c.MonthlyExecution.Query().AllX(ctx)}
		q := c.Indicator.Query().Where(indicator.DepartmentYearID(dy.ID)).Order(indicator.ByPosition())
		if ev.ProjectID != nil {
			s.Project = c.Project.GetX(ctx, *ev.ProjectID)
			q = q.Where(indicator.ProjectID(*ev.ProjectID))
		} else {
			q = q.Where(indicator.ProjectIDIsNil())
		}
		s.Indicators = q.AllX(ctx)
		got := assess.Evaluate(ev, s)
		if total := assess.Total(s); !total.Equal(got.Score) {
			t.Errorf("evaluation %d: Total %s, Evaluate %s", ev.ID, total, got.Score)
		}
		if ev.ProjectID == nil {
			if got.Score.StringFixed(2) != "99.69" || got.Grade != scoring.Excellent || len(got.Problems) != 0 {
				t.Errorf("overall evaluation: %s %s, problems %v; want 99.69 EXCELLENT and none", got.Score, got.Grade, got.Problems)
			}
		} else if got.ExecutionScore == nil || got.ExecutionRate == nil {
			t.Errorf("project evaluation %d has no execution item", ev.ID)
		}
	}
}
