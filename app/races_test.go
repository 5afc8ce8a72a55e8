package app

import (
	"fmt"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// raceRounds is how many times each race below is run per store.
const raceRounds = 200

// TestSubmitRacesEdit races submitEvaluation against an updateIndicator that makes
// the submit checks fail (the weights no longer add up to 100). Whichever wins,
// the outcome must be one a serial order gives: the update refused as LOCKED, or
// the evaluation not submitted, or submitted with every check passing.
func TestSubmitRacesEdit(t *testing.T) { stores(t, submitRacesEdit) }

func submitRacesEdit(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor := srv.as(t, "editor")
	raceSubmitAndEdit(t, editor, editor, srv.as(t, "reviewer"), raceRounds)
}

// raceSubmitAndEdit runs rounds of submitter's submitEvaluation of the office's
// evaluation at once with editor's updateIndicator of one of its weights (the same
// session, or the same editor on another server). Exactly one of them may win: the
// edit first, and the submission is refused (SUBMIT_CHECK), or the submission
// first, and the edit is refused (LOCKED). A submitted evaluation whose weights
// changed after submission, or two winners, is an anomaly.
func raceSubmitAndEdit(t *testing.T, submitter, editor, reviewer *caller, rounds int) {
	t.Helper()
	ev, ind := officeEvaluation(t, editor)
	var before struct{ Node struct{ Weight string } }
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Indicator { weight } } }`, map[string]any{"id": ind}, &before)
	good := before.Node.Weight
	badDec := decimal.RequireFromString(good).Add(decimal.NewFromInt(1))
	bad := badDec.String()
	const (
		submit    = `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`
		setWeight = `mutation($id: ID!, $w: Decimal!) { updateIndicator(id: $id, input: {weight: $w}) { weight } }`
		giveBack  = `mutation($id: ID!) { returnEvaluation(id: $id, comment: "again") { status } }`
		state     = `query($ev: ID!, $ind: ID!) {
			e: node(id: $ev) { ... on Evaluation { status submitProblems { field message } } }
			i: node(id: $ind) { ... on Indicator { weight } } }`
	)
	var anomalies, submitted, refused int
	for round := 1; round <= rounds; round++ {
		var sub, upd gqlResponse
		var wg sync.WaitGroup
		wg.Go(func() { sub = post(t, submitter, submit, map[string]any{"id": ev}) })
		wg.Go(func() { upd = post(t, editor, setWeight, map[string]any{"id": ind, "w": bad}) })
		wg.Wait()
		for what, r := range map[string]gqlResponse{"submit": sub, "update": upd} {
			if c := code(r); c != "" && c != "LOCKED" && c != "SUBMIT_CHECK" {
				t.Fatalf("round %d: %s answered %+v", round, what, r.Errors)
			}
		}
		var now struct {
			E struct {
				Status         string
				SubmitProblems []struct{ Field, Message string }
			}
			I struct{ Weight string }
		}
		must(t, reviewer, state, map[string]any{"ev": ev, "ind": ind}, &now)
		if now.E.Status == "SUBMITTED" && len(now.E.SubmitProblems) > 0 {
			anomalies++
			t.Errorf("round %d: SUBMITTED with problems %+v (submit %v, update %v)", round, now.E.SubmitProblems, code(sub), code(upd))
		}
		// One serial order or the other: the winner's effect is what the reviewer reads.
		subWon, updWon := code(sub) == "", code(upd) == ""
		if subWon == updWon || (subWon && (now.E.Status != "SUBMITTED" || now.I.Weight != good)) ||
			(updWon && (now.E.Status == "SUBMITTED" || !decimal.RequireFromString(now.I.Weight).Equal(badDec))) {
			anomalies++
			t.Errorf("round %d: submit %q, update %q, then %s with weight %s", round, code(sub), code(upd), now.E.Status, now.I.Weight)
		}
		if code(upd) == "LOCKED" {
			refused++
		}
		// Back to the start: returned (submittable again) with the weights adding up.
		if now.E.Status == "SUBMITTED" {
			submitted++
			must(t, reviewer, giveBack, map[string]any{"id": ev}, nil)
		}
		if now.I.Weight != good {
			must(t, editor, setWeight, map[string]any{"id": ind, "w": good}, nil)
		}
	}
	t.Logf("%d rounds: %d submitted (%d updates refused as LOCKED), %d anomalies", rounds, submitted, refused, anomalies)
}

// TestParallelMonthlyExecution sets a year's months from several callers at once:
// each call replaces them all, so every call succeeds and the year ends with one
// full set, never NOT_FOUND or a duplicate month.
func TestParallelMonthlyExecution(t *testing.T) { stores(t, parallelMonthlyExecution) }

func parallelMonthlyExecution(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.as(t, "admin")
	var years struct {
		DepartmentYears struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ departmentYears(where: {hasDepartmentWith: {code: "440115-001"}}) { edges { node { id } } } }`, nil, &years)
	if len(years.DepartmentYears.Edges) == 0 {
		t.Fatal("the office has no department-year")
	}
	year := years.DepartmentYears.Edges[0].Node.ID
	months := func(executed int) []map[string]any {
		out := make([]map[string]any, 12)
		for i := range out {
			out[i] = map[string]any{"month": i + 1, "cumulativeExecuted": fmt.Sprint(executed + i), "targetPercent": fmt.Sprint(8 * (i + 1))}
		}
		return out
	}
	const (
		callers   = 4
		setMonths = `mutation($id: ID!, $months: [MonthInput!]!) { setMonthlyExecution(departmentYearID: $id, months: $months) { id } }`
	)
	var failed int
	for round := 1; round <= raceRounds/callers; round++ {
		results := make([]gqlResponse, callers)
		var wg sync.WaitGroup
		for i := range results {
			wg.Go(func() { results[i] = post(t, admin, setMonths, map[string]any{"id": year, "months": months(100 * i)}) })
		}
		wg.Wait()
		for i, r := range results {
			if len(r.Errors) > 0 {
				failed++
				t.Errorf("round %d, caller %d: %+v", round, i, r.Errors)
			}
		}
		var now struct {
			Node struct {
				Months []struct{ Month int }
			}
		}
		must(t, admin, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { months { month } } } }`, map[string]any{"id": year}, &now)
		if n := len(now.Node.Months); n != 12 {
			t.Errorf("round %d: the year has %d months, want 12", round, n)
		}
	}
	t.Logf("%d calls in %d rounds of %d: %d failed", raceRounds, raceRounds/callers, callers, failed)
}
