package newyear_test

import (
	"context"
	"errors"
	"maps"
	"testing"

	"jixiao/app/demo"
	"jixiao/domain/newyear"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/hook"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
)

// TestStartAllOrNothing: a start that fails half-way (here at the second project)
// leaves nothing once its transaction rolls back; the same start without the
// failure copies everything, on both stores.
func TestStartAllOrNothing(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		ctx := access.System(context.Background(), "test")
		if _, err := demo.LoadSeed(ctx, c); err != nil {
			t.Fatal(err)
		}
		office, err := c.Department.Query().Where(department.Code(demo.OfficeCode)).OnlyID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		counts := func() map[string]int {
			n := map[string]int{}
			for name, count := range map[string]func(context.Context) (int, error){
				"years": c.DepartmentYear.Query().Count, "indicators": c.Indicator.Query().Count, "projects": c.Project.Query().Count,
				"key tasks": c.KeyTask.Query().Count, "evaluations": c.Evaluation.Query().Count, "audit records": c.AuditRecord.Query().Count,
			} {
				if n[name], err = count(ctx); err != nil {
					t.Fatal(err)
				}
			}
			return n
		}
		before := counts()
		boom := errors.New("boom")
		start := func(fail bool) (*newyear.Summary, error) {
			tx, err := c.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if fail {
				projects := 0
				tx.Project.Use(func(next ent.Mutator) ent.Mutator {
					return hook.ProjectFunc(func(ctx context.Context, m *ent.ProjectMutation) (ent.Value, error) {
						if projects++; projects == 2 && m.Op().Is(ent.OpCreate) {
							return nil, boom
						}
						return next.Mutate(ctx, m)
					})
				})
			}
			s, err := newyear.Start(ctx, tx.Client(), office, 2024)
			if err != nil {
				return nil, errors.Join(err, tx.Rollback())
			}
			return s, tx.Commit()
		}
		if _, err := start(true); !errors.Is(err, boom) {
			t.Fatalf("the failing start: %v, want boom", err)
		}
		if after := counts(); !maps.Equal(after, before) {
			t.Errorf("the failed start left rows: %v, before %v", after, before)
		}
		s, err := start(false)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Indicators) != 18 || len(s.Projects) != 3 || s.ProjectIndicatorCount != 12 || len(s.KeyTasks) != 2 || len(s.Evaluations) != 4 {
			t.Errorf("the start made %d indicators, %d projects (%d indicators), %d key tasks, %d evaluations",
				len(s.Indicators), len(s.Projects), s.ProjectIndicatorCount, len(s.KeyTasks), len(s.Evaluations))
		}
		if ok, err := c.DepartmentYear.Query().Where(departmentyear.DepartmentID(office), departmentyear.Year(2024)).Exist(ctx); err != nil || !ok {
			t.Errorf("no 2024 after the start: %v", err)
		}
	})
}
