package aggregate_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/client"

	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/graph"
	"jixiao/platform/auth"
	"jixiao/platform/viewer"
	"jixiao/testkit/citygen"
)

// counting counts the statements sent to the store.
type counting struct {
	dialect.Driver
	n atomic.Int64
}

func (c *counting) Query(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Query(ctx, query, args, v)
}

func (c *counting) Exec(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Exec(ctx, query, args, v)
}

// city is a small citygen city behind the GraphQL handler, read by an analyst.
func city(t *testing.T) (*ent.Client, *counting, *client.Client) {
	t.Helper()
	ctx := context.Background()
	drv, err := entsql.Open(dialect.SQLite, "file:"+t.Name()+"?mode=memory&cache=shared&_fk=1")
	if err != nil {
		t.Fatal(err)
	}
	db := &counting{Driver: drv}
	c := enttest.NewClient(t, enttest.WithOptions(ent.Driver(db)))
	t.Cleanup(func() { c.Close() })
	if err := citygen.Generate(ctx, c, citygen.Config{Seed: 3, Departments: 60, Projects: 300, Indicators: 4000, Year: 2023}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := graph.NewServer(c, auth.New(c, log), log, true)
	analyst := viewer.Viewer{Kind: viewer.User, Name: "analyst", Role: viewer.Analyst}
	gql := client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), analyst)))
	}))
	return c, db, gql
}

// TestOneStatement requires one SQL statement per aggregate request, whatever
// the number of groups, and a second one only to name departments rolled up to
// a depth.
func TestOneStatement(t *testing.T) {
	_, db, gql := city(t)
	tests := []struct {
		name  string
		query string
		want  int64
	}{
		{"evaluations by department and grade", `{ evaluationAggregate(groupBy: [DEPARTMENT, GRADE], measures: [SCORE, EXECUTION_RATE], first: 1000) {
			totalGroups groups { key { department { id code name } grade } count stats { measure count sum avg min max } } } }`, 1},
		{"indicators by level2, worst attainment first", `{ indicatorAggregate(groupBy: [LEVEL1, LEVEL2], measures: [ATTAINMENT, SCORE, WEIGHT, COMPLETION_RATE],
			orderBy: {field: AVG, measure: ATTAINMENT, direction: ASC}) { groups { key { level1 level2 } count stats { avg } } } }`, 1},
		{"department-years at depth 2", `{ departmentYearAggregate(groupBy: [DEPARTMENT], departmentDepth: 2, measures: [TOTAL_BUDGET, TOTAL_ACTUAL]) {
			groups { key { department { code name depth } } stats { sum } executionRate carryoverRate } } }`, 1},
		{"department-years below the districts, at depth 2", `{ departmentYearAggregate(groupBy: [DEPARTMENT], departmentDepth: 2, measures: [TOTAL_BUDGET],
			where: {hasDepartmentWith: {hasParentWith: {hasParent: true}}}) {
			groups { key { department { code name depth } } stats { sum } } } }`, 2},
		{"department-years at depth 2, ids only", `{ departmentYearAggregate(groupBy: [DEPARTMENT, YEAR], departmentDepth: 2, measures: [TOTAL_BUDGET]) {
			groups { key { year } stats { sum } } } }`, 1},
		{"year on year by department", `{ evaluationYearOnYear(year: 2023, against: 2022, groupBy: [DEPARTMENT], measure: SCORE) {
			groups { key { department { name } } current { avg } previous { avg } change { avg } } } }`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out map[string]any
			before := db.n.Load()
			if err := gql.Post(tt.query, &out); err != nil {
				t.Fatal(err)
			}
			if got := db.n.Load() - before; got != tt.want {
				t.Errorf("%d statements, want %d", got, tt.want)
			}
			b, _ := json.Marshal(out)
			t.Logf("%.600s", b)
		})
	}
}
