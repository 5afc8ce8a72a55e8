package scoresql_test

import (
	"context"
	"fmt"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/shopspring/decimal"

	"jixiao/domain/assess"
	"jixiao/domain/scoresql"
	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/ent/indicator"
	"jixiao/platform/access"
	"jixiao/testkit/citygen"
)

// plain qualifies a column with a fixed table alias.
func plain(alias string) scoresql.Column {
	return func(c string) string { return alias + "." + c }
}

// TestSQLAgreesWithScoring scores every indicator and evaluation of a generated
// city both ways, in SQL and in Go, and requires the same figures: the SQL is what
// filters and rankings run on, the Go is what users read.
func TestSQLAgreesWithScoring(t *testing.T) {
	for _, seed := range []int64{7, 8, 9} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { agree(t, seed) })
	}
}

func agree(t *testing.T, seed int64) {
	ctx := access.System(context.Background(), "test")
	drv, err := entsql.Open(dialect.SQLite, fmt.Sprintf("file:scoresql%d?mode=memory&cache=shared&_fk=1", seed))
	if err != nil {
		t.Fatal(err)
	}
	client := enttest.NewClient(t, enttest.WithOptions(ent.Driver(drv)))
	defer client.Close()
	cfg := citygen.Config{Seed: seed, Departments: 30, Projects: 200, Indicators: 3000, Year: 2023}
	if err := citygen.Generate(ctx, client, cfg); err != nil {
		t.Fatal(err)
	}
	years := map[int]*ent.DepartmentYear{}
	for _, dy := range client.DepartmentYear.Query().AllX(ctx) {
		years[dy.ID] = dy
	}

	inds := map[int]*ent.Indicator{}
	for _, ind := range client.Indicator.Query().Order(indicator.ByID()).AllX(ctx) {
		inds[ind.ID] = ind
	}
	query := fmt.Sprintf("SELECT i.id, %s, %s FROM indicators i", scoresql.IndicatorScore(plain("i")), scoresql.IndicatorAttainment(plain("i")))
	rows, err := drv.DB().QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int
		var score, attainment float64
		if err := rows.Scan(&id, &score, &attainment); err != nil {
			t.Fatal(err)
		}
		want := assess.Score(inds[id], years[inds[id].DepartmentYearID])
		if !close(score, want.Score, 2) || !close(attainment, want.Attainment, 4) {
			t.Errorf("indicator %d (%s %v %v): SQL score %v attainment %v, Go %s %s",
				id, inds[id].Kind, deref(inds[id].Operator), deref(inds[id].Binding), score, attainment, want.Score, want.Attainment)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != cfg.Indicators {
		t.Fatalf("scored %d indicators in SQL, want %d", n, cfg.Indicators)
	}

	bySubject := map[[2]int][]*ent.Indicator{}
	for _, ind := range client.Indicator.Query().Order(indicator.ByPosition(), indicator.ByID()).AllX(ctx) {
		key := [2]int{ind.DepartmentYearID, 0}
		if ind.ProjectID != nil {
			key[1] = *ind.ProjectID
		}
		bySubject[key] = append(bySubject[key], ind)
	}
	evs := map[int]*ent.Evaluation{}
	for _, ev := range client.Evaluation.Query().AllX(ctx) {
		evs[ev.ID] = ev
	}
	rows, err = drv.DB().QueryContext(ctx, "SELECT e.id, "+scoresql.EvaluationScore(plain("e"))+" FROM evaluations e")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n = 0
	for rows.Next() {
		var id int
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			t.Fatal(err)
		}
		ev := evs[id]
		s := assess.Subject{Year: years[ev.DepartmentYearID]}
		key := [2]int{ev.DepartmentYearID, 0}
		if ev.ProjectID != nil {
			key[1] = *ev.ProjectID
			s.Project = client.Project.GetX(ctx, *ev.ProjectID)
		}
		s.Indicators = bySubject[key]
		if want := assess.Evaluate(ev, s).Score; !close(score, want, 2) {
			t.Errorf("evaluation %d: SQL %v, Go %s", id, score, want)
		}
		n++
	}
	if n != cfg.Departments+cfg.Projects {
		t.Fatalf("scored %d evaluations in SQL, want %d", n, cfg.Departments+cfg.Projects)
	}
}

// close reports whether got, rounded to places, is want.
func close(got float64, want decimal.Decimal, places int32) bool {
	return decimal.NewFromFloat(got).Round(places).Equal(want.Round(places))
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
