package graph_test

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/client"

	"jixiao/app/demo"
	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/enttest"
	"jixiao/ent/indicator"
	"jixiao/ent/libraryindicator"
	"jixiao/ent/round"
	"jixiao/graph"
	"jixiao/graph/loader"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/viewer"
	"jixiao/testkit/citygen"
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
// requires the same, exact number of SQL statements for both: one per batch the
// query's shape needs, never one per row. The requests run inside a synctest
// bubble, where the loaders' wait ends only once every resolver is blocked, so
// the count is the same on every run, under -race and on a loaded machine.
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
	// A library of 60 common entries, each the origin of a few indicators.
	sys := access.System(ctx, "test")
	inds, err := c.Indicator.Query().Limit(240).IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		e, err := c.LibraryIndicator.Create().SetScope(libraryindicator.ScopeCOMMON).SetLevel1("效益指标").SetLevel2("社会效益指标").
			SetName(fmt.Sprintf("指标%d", i)).SetKind(libraryindicator.KindQUALITATIVE).SetTags([]string{"项目"}).Save(sys)
		if err != nil {
			t.Fatal(err)
		}
		// The origin is set as the demo sets it, on the stored rows (the field is immutable to the API).
		var res stdsql.Result
		if err := drv.Exec(ctx, "UPDATE indicators SET library_indicator_id = ? WHERE id IN (?, ?, ?, ?)",
			[]any{e.ID, inds[4*i], inds[4*i+1], inds[4*i+2], inds[4*i+3]}, &res); err != nil {
			t.Fatal(err)
		}
	}
	// Evidence: two files on each of the first 120 indicators (the rows; no bytes are read).
	for i, ind := range inds[:120] {
		for j := range 2 {
			if err := c.Attachment.Create().SetIndicatorID(ind).SetFileName(fmt.Sprintf("材料%d-%d.pdf", i, j)).
				SetContentType("application/pdf").SetSize(100).SetSha256(fmt.Sprintf("%064x", i*2+j)).
				SetStorage(attachment.StorageDATABASE).Exec(sys); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A monitoring report at 30 June of every department-year, with a value for each overall indicator.
	years, err := c.DepartmentYear.Query().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range years {
		r, err := c.MonitoringReport.Create().SetDepartmentYearID(y.ID).SetPoint("2023-06-30").Save(sys)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := c.Indicator.Query().Where(indicator.DepartmentYearID(y.ID), indicator.ProjectIDIsNil()).IDs(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if err := c.MonitoringEntry.Create().SetReportID(r.ID).SetIndicatorID(id).SetValueToDate(fixed.FromInt(3)).Exec(sys); err != nil {
				t.Fatal(err)
			}
		}
	}
	// 60 rounds of every department, every other one asking for the projects too.
	depts, err := c.Department.Query().IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		r := c.Round.Create().SetKind(round.KindSELF_EVALUATION).SetYear(2023).SetName(fmt.Sprintf("轮次%d", i)).
			SetOpensAt(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).SetDeadline(time.Date(2024, 3, 31, 15, 59, 59, 0, time.UTC)).SaveX(sys)
		parts := make([]*ent.RoundParticipantCreate, len(depts))
		for j, d := range depts {
			parts[j] = c.RoundParticipant.Create().SetRoundID(r.ID).SetDepartmentID(d).SetProjects(i%2 == 0)
		}
		c.RoundParticipant.CreateBulk(parts...).ExecX(sys)
	}
	// Re-scores of some indicators, written as stored rows (the API re-scores evaluations under review only).
	for _, id := range inds[:60] {
		var res stdsql.Result
		if err := drv.Exec(ctx, "INSERT INTO review_scores (created_at, updated_at, score, reason, reviewer_name, indicator_id) VALUES (?, ?, 0, '复核', 'reviewer', ?)",
			[]any{time.Now(), time.Now(), id}, &res); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := loader.Deterministic(c)(graph.NewServer(c, auth.New(c, log), log, true))
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
		// The statements for each page size. They differ only where the larger page
		// holds rows that need one more loader (a bound indicator, a project);
		// one statement per row would be ≥ large. entgql counts the rows when
		// pageInfo is asked for (the rankings' pages).
		want [2]int64
	}{
		{"department evaluations with scores and subtotals", `{ evaluations(first: %d, where: {hasProject: false}) { edges { node {
			score grade gradeLabel executionRate monthsBehind subtotals { level1 level2 score weight }
			submitProblems { field } departmentYear { totalActual carryoverRate department { name } } } } } }`, 5, 50, [2]int64{10, 10}}, // submitProblems: + the funding lines' batch; + the years' rules (their years, their rule sets)
		{"project evaluations with scores", `{ evaluations(first: %d, where: {hasProject: true}) { edges { node {
			score grade executionScore project { name executionRate } indicators { score } } } } }`, 5, 50, [2]int64{3, 3}},
		{"indicators with scores", `{ indicators(first: %d) { edges { node {
			score attainment completionRate deviationRequired effectiveActual departmentYear { year } } } } }`, 10, 200, [2]int64{2, 2}},
		{"ranked evaluations", `{ evaluationRanking(first: %d, direction: ASC) { edges { cursor node { score grade subtotals { score } } }
			pageInfo { startCursor endCursor } } }`, 5, 50, [2]int64{7, 8}}, // subtotals: + the years' rules
		{"worst indicators", `{ indicatorRanking(first: %d) { edges { cursor node { name score attainment } } pageInfo { startCursor endCursor } } }`, 10, 200, [2]int64{2, 2}},
		{"ranked evaluations with each year's first indicators", `{ evaluationRanking(direction: DESC, first: %d, where: {projectIDIsNil: true}) {
			edges { node { id score grade departmentYear {
				indicators(first: 20, where: {projectIDIsNil: true}, orderBy: [{field: POSITION}]) { edges { node { id name score attainment } } } } } } } }`,
			5, 50, [2]int64{3, 3}},
		{"department-years with months and scores", `{ departmentYears(first: %d) { edges { node {
			months { month behind executedPercent } monthsBehind overallEvaluation { score }
			department { score(year: 2023) year(year: 2023) { id } } } } } }`, 5, 50, [2]int64{7, 7}},
		// Warnings: the indicator's year (and project) and the years before it (none in this
		// one-year city; TestWarningStatements reads a history).
		{"indicators with warnings", `{ indicators(first: %d) { edges { node { name warnings { code params } } } } }`, 10, 200, [2]int64{5, 6}},
		{"department-years with warnings", `{ departmentYears(first: %d) { edges { node {
			warnings { code params month indicator { name } project { code } } } } } }`, 5, 50, [2]int64{8, 8}},
		{"evaluations with warnings", `{ evaluations(first: %d) { edges { node { warnings { code indicator { name } } } } } }`, 5, 50, [2]int64{9, 9}},
		// Explanations: the indicators' rules (their years, the years' rule sets), their
		// evaluations (which keep rules while under review), the bound ones' years.
		{"indicators with explanations", `{ indicators(first: %d) { edges { node { score
			explanation { value holds rules { frozen ruleSet { id version } } steps { code params value } }
			deviationExplanation { holds steps { code params value } } } } } }`, 10, 200, [2]int64{4, 5}}, // + the bound ones' years
		{"evaluations with explanations", `{ evaluations(first: %d) { edges { node { score
			explanation { value rules { frozen } steps { code params value } } } } } }`, 5, 50, [2]int64{5, 5}}, // one batch per loader the subjects and their rules need
		{"department-years with the months' explanations", `{ departmentYears(first: %d) { edges { node {
			months { month behind explanation { holds steps { code params value } } } } } } }`, 5, 50, [2]int64{3, 3}}, // the years, their months, the months' years through the loader (as behind reads them)
		{"indicators with their evidence", `{ indicators(first: %d) { edges { node {
			name attachmentCount attachments { fileName size url uploadedByName } } } } }`, 10, 200, [2]int64{2, 2}}, // the indicators; their attachments
		{"evaluations with their review", `{ evaluations(first: %d) { edges { node {
			reviewTotal reviewGrade reviewViewerCan { rescore raiseRectification }
			indicators { score reviewScore { score reason } } rectifications { status overdue } } } } }`, 5, 50, [2]int64{6, 6}}, // the evaluations; their indicators; the re-scores; the items; the years' rules (two)
		{"library entries with their usage", `{ libraryIndicators(first: %d) { edges { node {
			name tags usageCount viewerCan { edit propose review } } } } }`, 5, 50, [2]int64{2, 2}}, // the entries; the usage counts' GROUP BY
		// The page; its rounds' parts: the rounds' years, participants, departments,
		// department-years, projects, evaluations, first submissions.
		{"rounds with their departments' statuses", `{ rounds(first: %d) { edges { node { name daysLeft pastDeadline
			summary { onTime late returned notSubmitted overdue total }
			participants { status submittedAt department { name } departmentYear { year } evaluation { status } } } } } }`, 5, 50, [2]int64{8, 8}},
		// The reports; then, once for the page, the reports again with their years, last year's,
		// the months, the indicators, the projects, last year's reports and the entries.
		{"monitoring reports with their forecasts", `{ monitoringReports(first: %d) { edges { node { point status
			entries { indicator { name } valueToDate expected light likelihood expectedSteps { code params { name value } } }
			budget { rateToDate expectedRate light months { month rate } } submitProblems { field reason } } } } }`, 5, 50, [2]int64{9, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				count := func(n int) int64 {
					var out map[string]any
					before := db.n.Load()
					if err := gql.Post(fmt.Sprintf(tt.query, n), &out); err != nil {
						t.Fatalf("page of %d: %v", n, err)
					}
					return db.n.Load() - before
				}
				small, large := count(tt.small), count(tt.large)
				if got := [2]int64{small, large}; got != tt.want {
					t.Errorf("%d statements for %d rows, %d for %d rows; want %d and %d", small, tt.small, large, tt.large, tt.want[0], tt.want[1])
				}
			})
		})
	}
}

// TestReportStatements: a report costs the same statements whatever its evaluation
// holds: none per indicator, key task, month or project.
func TestReportStatements(t *testing.T) {
	ctx := context.Background()
	drv, err := entsql.Open(dialect.SQLite, "file:reportcount?mode=memory&cache=shared&_fk=1")
	if err != nil {
		t.Fatal(err)
	}
	db := &counting{Driver: drv}
	c := enttest.NewClient(t, enttest.WithOptions(ent.Driver(db)))
	defer c.Close()
	if err := citygen.Generate(ctx, c, citygen.Config{Seed: 5, Departments: 12, Projects: 40, Indicators: 600, Year: 2023}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := loader.Deterministic(c)(graph.NewServer(c, auth.New(c, log), log, true))
	analyst := viewer.Viewer{Kind: viewer.User, Name: "analyst", Role: viewer.Analyst}
	gql := client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), analyst)))
	}))
	var list struct {
		Evaluations struct {
			Edges []struct {
				Node struct {
					ID         string
					Project    *struct{ ID string }
					Indicators []struct{ ID string }
				}
			}
		}
	}
	if err := gql.Post(`{ evaluations(first: 100) { edges { node { id project { id } indicators { id } } } } }`, &list); err != nil {
		t.Fatal(err)
	}
	// The fewest and the most indicators, of each kind of report.
	type pick struct{ few, many string }
	kinds := map[bool]*pick{}
	sizes := map[string]int{}
	for _, e := range list.Evaluations.Edges {
		n, project := e.Node, e.Node.Project != nil
		sizes[n.ID] = len(n.Indicators)
		p := kinds[project]
		if p == nil {
			kinds[project] = &pick{n.ID, n.ID}
			continue
		}
		if len(n.Indicators) < sizes[p.few] {
			p.few = n.ID
		}
		if len(n.Indicators) > sizes[p.many] {
			p.many = n.ID
		}
	}
	for project, p := range kinds {
		if sizes[p.few] == sizes[p.many] {
			t.Fatalf("project %v: every evaluation has %d indicators; the test needs two sizes", project, sizes[p.few])
		}
		count := func(id string) int64 {
			var out map[string]any
			before := db.n.Load()
			if err := gql.Post(`query($id: ID!) { node(id: $id) { ... on Evaluation { report { title sections { key paragraphs { text } text { version } } } } } }`,
				&out, client.Var("id", id)); err != nil {
				t.Fatal(err)
			}
			return db.n.Load() - before
		}
		if few, many := count(p.few), count(p.many); few != many {
			t.Errorf("project %v: %d statements for %d indicators, %d for %d", project, few, sizes[p.few], many, sizes[p.many])
		} else {
			t.Logf("project %v: %d statements for a report", project, few)
		}
	}
}

// TestWarningStatements: warnings read the years before each one in batches: a page of
// the demo district's 2024 (two years of history each) costs the same statements
// whatever its size.
func TestWarningStatements(t *testing.T) {
	drv, err := entsql.Open(dialect.SQLite, "file:warningcount?mode=memory&cache=shared&_fk=1")
	if err != nil {
		t.Fatal(err)
	}
	db := &counting{Driver: drv}
	c := enttest.NewClient(t, enttest.WithOptions(ent.Driver(db)))
	defer c.Close()
	if _, err := demo.Load(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := loader.Deterministic(c)(graph.NewServer(c, auth.New(c, log), log, true))
	analyst := viewer.Viewer{Kind: viewer.User, Name: "analyst", Role: viewer.Analyst}
	gql := client.New(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), analyst)))
	}))
	tests := []struct {
		name         string
		query        string // %d is the page size
		small, large int
		want         [2]int64
	}{
		{"indicators", `{ indicators(first: %d, where: {hasDepartmentYearWith: {year: 2024}}) { edges { node { warnings { code params } } } } }`,
			10, 300, [2]int64{7, 7}},
		{"department-years", `{ departmentYears(first: %d, where: {year: 2024}) { edges { node { warnings { code params month indicator { name } project { code } } } } } }`,
			3, 30, [2]int64{9, 9}},
		{"overall evaluations", `{ evaluations(first: %d, where: {hasProject: false, hasDepartmentYearWith: {year: 2024}}) { edges { node { warnings { code params } } } } }`,
			3, 30, [2]int64{11, 11}},
		{"project evaluations", `{ evaluations(first: %d, where: {hasProject: true, hasDepartmentYearWith: {year: 2024}}) { edges { node { warnings { code params } } } } }`,
			5, 80, [2]int64{11, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				count := func(n int) int64 {
					var out map[string]any
					before := db.n.Load()
					if err := gql.Post(fmt.Sprintf(tt.query, n), &out); err != nil {
						t.Fatalf("page of %d: %v", n, err)
					}
					return db.n.Load() - before
				}
				small, large := count(tt.small), count(tt.large)
				if got := [2]int64{small, large}; got != tt.want {
					t.Errorf("%d statements for %d rows, %d for %d rows; want %d and %d", small, tt.small, large, tt.large, tt.want[0], tt.want[1])
				}
			})
		})
	}
}
