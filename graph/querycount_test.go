package graph_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/client"

	"jixiao/auth"
	"jixiao/citygen"
	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/graph"
	"jixiao/graph/loader"
	"jixiao/viewer"
)

// counting wraps a driver and counts the statements sent outside transactions,
// which is every read a query operation makes.
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

// TestNoNPlusOne runs list queries with computed fields at two page sizes and
// requires the same, small number of SQL statements for both.
func TestNoNPlusOne(t *testing.T) {
	ctx := context.Background()
	drv, err := entsql.Open(dialect.SQLite, "file:querycount?mode=memory&cache=shared&_fk=1")
	if err != nil {
		t.Fatal(err)
	}
	db := &counting{Driver: drv}
	c := enttest.NewClient(t, enttest.WithOptions(ent.Driver(db)))
	defer c.Close()
	if err := citygen.Generate(ctx, c, citygen.Config{Seed: 3, Departments: 60, Projects: 300, Indicators: 4000, Year: 2023}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Counts, not speed: a batch window far longer than production's, so that on a
	// loaded machine every resolver of a page joins its batch and the count is the
	// same on every run.
	srv := loader.Middleware(c, 250*time.Millisecond)(graph.NewServer(c, auth.New(c, log), log, true))
	// An analyst reads everything; the access rules then add no filter to count.
	analyst := viewer.Viewer{Kind: viewer.User, Name: "analyst", Role: viewer.Analyst}
	gql := client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), analyst)))
	}))

	tests := []struct {
		name  string
		query string // %d is the page size
		small int
		large int
		most  int64 // statements allowed, whatever the page size; one per row would be ≥ large
	}{
		{"department evaluations with scores and subtotals", `{ evaluations(first: %d, where: {hasProject: false}) { edges { node {
			score grade gradeLabel executionRate monthsBehind subtotals { level1 level2 score weight }
			submitProblems { field } departmentYear { totalActual carryoverRate department { name } } } } } }`, 5, 50, 15},
		{"project evaluations with scores", `{ evaluations(first: %d, where: {hasProject: true}) { edges { node {
			score grade executionScore project { name executionRate } indicators { score } } } } }`, 5, 50, 15},
		{"indicators with scores", `{ indicators(first: %d) { edges { node {
			score attainment completionRate deviationRequired effectiveActual departmentYear { year } } } } }`, 10, 200, 15},
		{"ranked evaluations", `{ evaluationRanking(first: %d, direction: ASC) { edges { node { score grade subtotals { score } } } } }`, 5, 50, 15},
		{"worst indicators", `{ indicatorRanking(first: %d) { edges { node { name score attainment } } } }`, 10, 200, 15},
		{"department-years with months and scores", `{ departmentYears(first: %d) { edges { node {
			months { month behind executedPercent } monthsBehind overallEvaluation { score }
			department { score(year: 2023) year(year: 2023) { id } } } } } }`, 5, 50, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			count := func(n int) int64 {
				var out map[string]any
				before := db.n.Load()
				if err := gql.Post(fmt.Sprintf(tt.query, n), &out); err != nil {
					t.Fatalf("page of %d: %v", n, err)
				}
				return db.n.Load() - before
			}
			// The counts vary a little: a loader runs only when some row needs it, and
			// resolvers that arrive after a loader's wait window start a second batch.
			// They never grow with the page: one statement per row would be ≥ large.
			small, large := count(tt.small), count(tt.large)
			if small > tt.most || large > tt.most {
				t.Errorf("%d statements for %d rows, %d for %d rows; want at most %d whatever the page size", small, tt.small, large, tt.large, tt.most)
			}
		})
	}
}
