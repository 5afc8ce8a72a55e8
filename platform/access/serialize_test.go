package access_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/indicator"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/viewer"
)

// TestSerializeLocksTheOwnersYear checks the serialize rule's owner lookup: a
// change to any of a year's rows holds that department-year's row lock (SELECT …
// FOR UPDATE) until its transaction ends, and no other year's. PostgreSQL only:
// SQLite runs one writer at a time and the rule does nothing there.
func TestSerializeLocksTheOwnersYear(t *testing.T) {
	type change func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error
	tests := []struct {
		what   string
		change change
		owner  func(*schematest.Tree) *ent.DepartmentYear
	}{
		{"an overall indicator", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Indicator.UpdateOne(tr.ChildYear.OverallIndicator).SetTarget(fixed.FromInt(20)).Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.ChildYear.Year }},
		{"a project's indicator", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Indicator.UpdateOne(tr.RootYear.ProjectIndicator).SetTarget(fixed.FromInt(20)).Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.RootYear.Year }},
		{"a new indicator", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return schematest.Quantitative(c.Indicator.Create().SetDepartmentYearID(tr.ChildYear.Year.ID).SetName("n")).Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.ChildYear.Year }},
		{"a project", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Project.UpdateOne(tr.RootYear.Project).SetName("renamed").Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.RootYear.Year }},
		{"a key task", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.KeyTask.UpdateOne(tr.ChildYear.KeyTask).SetTitle("renamed").Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.ChildYear.Year }},
		{"a month", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.MonthlyExecution.UpdateOne(tr.ChildYear.Month).SetMonth(3).Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.ChildYear.Year }},
		{"a submission", func(ctx context.Context, c *ent.Client, tr *schematest.Tree) error {
			return c.Evaluation.UpdateOne(tr.ChildYear.Overall).SetStatus("SUBMITTED").Exec(ctx)
		}, func(tr *schematest.Tree) *ent.DepartmentYear { return tr.ChildYear.Year }},
	}
	schematest.Stores(t, func(t *testing.T, c *ent.Client, dbURL string) {
		if !strings.HasPrefix(dbURL, "postgres") {
			t.Skip("SQLite transactions are BEGIN IMMEDIATE: one writer at a time, no row locks")
		}
		tr := schematest.NewTree(t, c)
		other, err := sql.Open("pgx", dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		// lockedByOthers reports whether another session finds year's row locked
		// FOR UPDATE. It asks FOR NO KEY UPDATE, which the key-share lock of a new
		// row's foreign key does not block, so that only the rule's lock counts.
		lockedByOthers := func(t *testing.T, year int) bool {
			_, err := other.Exec("SELECT id FROM department_years WHERE id = $1 FOR NO KEY UPDATE NOWAIT", year)
			if err != nil && !strings.Contains(err.Error(), "55P03") {
				t.Fatal(err)
			}
			return err != nil
		}
		editor := viewers(tr)["editor/root"]
		for _, tt := range tests {
			t.Run(tt.what, func(t *testing.T) {
				tx, err := c.Tx(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				if err := tt.change(viewer.NewContext(context.Background(), editor), tx.Client(), tr); err != nil {
					t.Fatal(err)
				}
				owner := tt.owner(tr).ID
				for _, y := range []*ent.DepartmentYear{tr.RootYear.Year, tr.ChildYear.Year, tr.OtherYear.Year} {
					if got, want := lockedByOthers(t, y.ID), y.ID == owner; got != want {
						t.Errorf("changing %s: department-year %d locked %v, want %v (the owner is %d)", tt.what, y.ID, got, want, owner)
					}
				}
			})
		}
		// Asking what the editor may do (viewerCan) takes no lock, even inside a transaction.
		t.Run("asking", func(t *testing.T) {
			tx, err := c.Tx(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			ctx := viewer.NewContext(context.Background(), editor)
			m := tx.Client().Indicator.UpdateOne(tr.ChildYear.OverallIndicator).SetTarget(fixed.FromInt(20)).Mutation()
			if ok, err := access.Allowed(ctx, indicator.Policy, m); err != nil || !ok {
				t.Fatalf("Allowed = %v, %v; want the editor allowed", ok, err)
			}
			if lockedByOthers(t, tr.ChildYear.Year.ID) {
				t.Errorf("asking whether the editor may change an indicator locked its department-year")
			}
		})
	})
}
