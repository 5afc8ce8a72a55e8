package app

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// TestViewerCan asks the API, for every caller and every status of an evaluation
// in the editor's department, what the caller may do (viewerCan) and whether the
// data is locked, checks the answers against the rules, and then takes every
// action for real: each succeeds exactly when viewerCan said it may. So the
// answers come from the same Go rules as the mutations: a rule changed in
// `workflow` or `access` changes viewerCan, with no table elsewhere to edit.
func TestViewerCan(t *testing.T) { stores(t, viewerCan) }

// can is one evaluation's viewerCan, in the order of canActions.
type can [5]bool

var canActions = [5]string{"edit", "submit", "approve", "return", "publish"}

// canQueries are the mutations canActions take, on evaluation $id.
var canQueries = [5]string{
	`mutation($id: ID!) { updateEvaluation(id: $id, input: {conclusion: "结论"}) { id } }`,
	submitQuery, approveQuery, returnQuery, publishQuery,
}

// statusSteps take a fresh draft to each status, as the administrator.
var statusSteps = map[string][]string{
	"DRAFT":     nil,
	"SUBMITTED": {submitQuery},
	"RETURNED":  {submitQuery, returnQuery},
	"APPROVED":  {submitQuery, approveQuery},
	"PUBLISHED": {submitQuery, approveQuery, publishQuery},
}

const viewerCanQuery = `query($id: ID!) { node(id: $id) { ... on Evaluation {
	viewerCan { edit submit approve return publish } locked lockReason { evaluationID status }
	indicators { viewerCan { edit } locked lockReason { evaluationID status } }
	project { viewerCan { edit } locked lockReason { evaluationID status } }
} } }`

type lockJSON struct{ EvaluationID, Status string }

type canAnswer struct {
	Node *struct {
		ViewerCan  map[string]bool
		Locked     bool
		LockReason *lockJSON
		Indicators []struct {
			ViewerCan  map[string]bool
			Locked     bool
			LockReason *lockJSON
		}
		Project struct {
			ViewerCan  map[string]bool
			Locked     bool
			LockReason *lockJSON
		}
	}
}

func viewerCan(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	e := setUp(t, srv)
	fresh := func(status string) string {
		ev := e.freshEvaluation(inside, "DRAFT")
		for _, q := range statusSteps[status] {
			must(t, e.admin(), q, map[string]any{"id": ev}, nil)
		}
		return ev
	}
	T, F := true, false
	// What each caller may do, by status: ADMIN takes every step the workflow has
	// from the status and edits always; REVIEWER approves and returns submissions;
	// EDITOR edits and submits drafts and returned evaluations; nobody else acts.
	want := map[who]map[string]can{
		admin: {"DRAFT": {T, T, F, F, F}, "SUBMITTED": {T, F, T, T, F}, "RETURNED": {T, T, F, F, F},
			"APPROVED": {T, F, F, F, T}, "PUBLISHED": {T, F, F, F, F}},
		reviewer: {"SUBMITTED": {F, F, T, T, F}},
		editor:   {"DRAFT": {T, T, F, F, F}, "RETURNED": {T, T, F, F, F}},
	}
	lockedIn := map[string]bool{"SUBMITTED": true, "APPROVED": true, "PUBLISHED": true}
	for _, status := range []string{"DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"} {
		ev := fresh(status)
		for _, c := range []who{anon, admin, reviewer, editor, analyst, token} {
			name := fmt.Sprintf("%s %s", callerNames[c], status)
			if c == anon && status != "PUBLISHED" {
				continue // anonymous callers read published evaluations only
			}
			var got canAnswer
			must(t, e.as[c], viewerCanQuery, map[string]any{"id": ev}, &got)
			var answer can
			for i, a := range canActions {
				answer[i] = got.Node.ViewerCan[a]
			}
			if answer != want[c][status] {
				t.Errorf("%s: viewerCan %v, want %v (edit submit approve return publish)", name, answer, want[c][status])
			}
			checkLock(t, name, ev, lockedIn[status], status, got.Node.Locked, got.Node.LockReason)
			if len(got.Node.Indicators) == 0 {
				t.Fatalf("%s: no indicators", name)
			}
			for _, ind := range got.Node.Indicators {
				checkLock(t, name+" indicator", ev, lockedIn[status], status, ind.Locked, ind.LockReason)
				if ind.ViewerCan["edit"] != answer[0] {
					t.Errorf("%s: indicator viewerCan.edit %v, evaluation's %v", name, ind.ViewerCan["edit"], answer[0])
				}
			}

			pr := got.Node.Project
			checkLock(t, name+" project", ev, lockedIn[status], status, pr.Locked, pr.LockReason)
			if pr.ViewerCan["edit"] != answer[0] {
				t.Errorf("%s: project viewerCan.edit %v, evaluation's %v", name, pr.ViewerCan["edit"], answer[0])
			}

			// Every action for real: allowed exactly when viewerCan said so.
			for i, q := range canQueries {
				r := post(t, e.as[c], q, map[string]any{"id": ev})
				if ok := len(r.Errors) == 0; ok != answer[i] {
					t.Errorf("%s: %s succeeded %v, viewerCan.%s said %v (%v)", name, canActions[i], ok, canActions[i], answer[i], r.Errors)
				}
				if len(r.Errors) == 0 && i > 0 {
					ev = fresh(status) // the step moved it on: the next one starts again from status
				}
			}
		}
	}
}

func checkLock(t *testing.T, name, ev string, want bool, status string, locked bool, reason *lockJSON) {
	t.Helper()
	if locked != want {
		t.Errorf("%s: locked %v, want %v", name, locked, want)
	}
	switch {
	case want && (reason == nil || reason.EvaluationID != ev || reason.Status != status):
		t.Errorf("%s: lockReason %+v, want evaluation %s %s", name, reason, ev, status)
	case !want && reason != nil:
		t.Errorf("%s: lockReason %+v, want none", name, reason)
	}
}

// TestYearLocked: a department-year is locked while its overall evaluation is
// under review; the editor may then not change its figures, the administrator may.
func TestYearLocked(t *testing.T) { stores(t, yearLocked) }

func yearLocked(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	e := setUp(t, srv)
	year := e.year[inside]
	const q = `query($id: ID!) { node(id: $id) { ... on DepartmentYear { viewerCan { edit } locked lockReason { evaluationID status } } } }`
	type answer struct {
		Node struct {
			ViewerCan  struct{ Edit bool }
			Locked     bool
			LockReason *lockJSON
		}
	}
	ask := func(c who) answer {
		var a answer
		must(t, e.as[c], q, map[string]any{"id": year}, &a)
		return a
	}
	for c, edit := range map[who]bool{admin: true, editor: true, reviewer: false, analyst: false} {
		if a := ask(c); a.Node.ViewerCan.Edit != edit || a.Node.Locked || a.Node.LockReason != nil {
			t.Errorf("%s, draft: %+v, want edit %v, unlocked", callerNames[c], a.Node, edit)
		}
	}
	// Adding a year to a department: the editor only in their own subtree.
	for _, tt := range []struct {
		c    who
		s    side
		want bool
	}{{admin, outside, true}, {editor, inside, true}, {editor, outside, false}, {reviewer, inside, false}, {analyst, inside, false}} {
		var d struct {
			Node *struct{ ViewerCan struct{ Edit bool } }
		}
		r := post(t, e.as[tt.c], `query($id: ID!) { node(id: $id) { ... on Department { viewerCan { edit } } } }`, map[string]any{"id": e.dept[tt.s]})
		if code(r) == "" {
			_ = json.Unmarshal(r.Data, &d)
		} // else hidden from the caller (NOT_FOUND): nothing to add a year to
		if d.Node != nil && d.Node.ViewerCan.Edit != tt.want || d.Node == nil && tt.want {
			t.Errorf("%s, department on side %d: viewerCan %+v, want edit %v", callerNames[tt.c], tt.s, d.Node, tt.want)
		}
	}

	must(t, e.as[editor], submitQuery, map[string]any{"id": e.overall[inside]}, nil)
	for c, edit := range map[who]bool{admin: true, editor: false, reviewer: false, analyst: false} {
		a := ask(c)
		if a.Node.ViewerCan.Edit != edit || !a.Node.Locked || a.Node.LockReason == nil ||
			a.Node.LockReason.EvaluationID != e.overall[inside] || a.Node.LockReason.Status != "SUBMITTED" {
			t.Errorf("%s, submitted: %+v, want edit %v, locked by %s SUBMITTED", callerNames[c], a.Node, edit, e.overall[inside])
		}
	}
	// The editor's change is refused as viewerCan said, with the lock's status.
	r := post(t, e.as[editor], `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {goal: "新目标"}) { id } }`, map[string]any{"id": year})
	if code(r) != "LOCKED" || r.Errors[0].Extensions["status"] != "SUBMITTED" || r.Errors[0].Extensions["evaluationID"] != e.overall[inside] {
		t.Errorf("editor's change of a locked year: %+v, want LOCKED with status SUBMITTED", r.Errors)
	}
}

// TestLimits: the limits query serves what the schema checks, in its unit.
func TestLimits(t *testing.T) {
	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "jixiao.db"))
	var out struct {
		Limits struct {
			Fields []struct {
				Type, Field         string
				MaxLength, MaxBytes *int
			}
			RatingBands []struct {
				Rating, Low, High string
				HighInclusive     bool
			}
		}
	}
	must(t, srv.anonymous(), `{ limits { fields { type field maxLength maxBytes } ratingBands { rating low high highInclusive } } }`, nil, &out)
	got := map[string]string{}
	for _, f := range out.Limits.Fields {
		v := "?"
		switch {
		case f.MaxLength != nil:
			v = fmt.Sprintf("%d chars", *f.MaxLength)
		case f.MaxBytes != nil:
			v = fmt.Sprintf("%d bytes", *f.MaxBytes)
		}
		got[f.Type+"."+f.Field] = v
	}
	for field, want := range map[string]string{
		"Indicator.name":            "300 chars", // a Chinese name of 300 characters fits
		"Indicator.unit":            "20 chars",
		"Indicator.deviationReason": "2000 chars",
		"Evaluation.conclusion":     "20000 chars",
		"DepartmentYear.goal":       "5000 chars",
		// What the forms hold beside the figures.
		"DepartmentYear.goalOutcome":    "5000 chars",
		"Project.goalOutcome":           "5000 chars",
		"Project.supervisingDepartment": "200 chars",
		"Project.implementingUnit":      "200 chars",
		"Indicator.scoringCriteria":     "2000 chars",
		"ReportText.text":               "10000 chars", // a report section the department writes
	} {
		if got[field] != want {
			t.Errorf("%s: %q, want %q", field, got[field], want)
		}
	}
	bands, _ := json.Marshal(out.Limits.RatingBands)
	if want := `[{"Rating":"ACHIEVED","Low":"0.80","High":"1.00","HighInclusive":true},{"Rating":"PARTIAL","Low":"0.60","High":"0.80","HighInclusive":false},{"Rating":"NOT_ACHIEVED","Low":"0.00","High":"0.60","HighInclusive":false}]`; string(bands) != want {
		t.Errorf("ratingBands %s, want %s", bands, want)
	}
}
