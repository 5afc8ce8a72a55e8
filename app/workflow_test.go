package app

import (
	"strings"
	"sync"
	"testing"
)

// officeEvaluation is the demo office's overall evaluation and one of its indicators.
func officeEvaluation(t *testing.T, c *caller) (evaluation, indicator string) {
	t.Helper()
	var out struct {
		Evaluations struct {
			Edges []struct {
				Node struct {
					ID         string
					Indicators []struct{ ID, Name string }
				}
			}
		}
	}
	must(t, c, `{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {hasDepartmentWith: {code: "440115-001"}}}) {
		edges { node { id indicators { id name } } } } }`, nil, &out)
	if len(out.Evaluations.Edges) != 1 {
		t.Fatalf("the office's overall evaluation: %d found", len(out.Evaluations.Edges))
	}
	n := out.Evaluations.Edges[0].Node
	for _, ind := range n.Indicators {
		if ind.Name == "业务岗位培训人数" {
			return n.ID, ind.ID
		}
	}
	t.Fatal("no 业务岗位培训人数 indicator")
	return "", ""
}

// code is the extensions.code of a response's first error, "" when it has none.
func code(r gqlResponse) string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

const renameIndicator = `mutation($id: ID!, $name: String!) { updateIndicator(id: $id, input: {name: $name}) { name version } }`

// TestReviewWorkflow takes the office's evaluation from draft to published as the
// demo's editor, reviewer and administrator would, and checks what each may do on the way.
func TestReviewWorkflow(t *testing.T) { stores(t, reviewWorkflow) }

func reviewWorkflow(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, reviewer, admin := srv.as(t, "editor"), srv.as(t, "reviewer"), srv.as(t, "admin")
	ev, ind := officeEvaluation(t, editor)
	step := func(c *caller, mutation string, vars map[string]any) gqlResponse {
		vars["id"] = ev
		return post(t, c, mutation, vars)
	}
	const (
		submit   = `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`
		approve  = `mutation($id: ID!) { approveEvaluation(id: $id) { status } }`
		giveBack = `mutation($id: ID!, $c: String!) { returnEvaluation(id: $id, comment: $c) { status reviewComment } }`
		publish  = `mutation($id: ID!) { publishEvaluation(id: $id) { status } }`
	)

	if r := step(editor, submit, map[string]any{}); code(r) != "" {
		t.Fatalf("the editor could not submit: %+v", r.Errors)
	}
	r := post(t, editor, renameIndicator, map[string]any{"id": ind, "name": "培训人次"})
	if code(r) != "LOCKED" || !strings.Contains(r.Errors[0].Message, "read-only until a reviewer returns it") {
		t.Errorf("editing a submitted evaluation's indicator: %+v, want LOCKED saying why", r.Errors)
	}
	if r := step(editor, approve, map[string]any{}); code(r) != "FORBIDDEN" {
		t.Errorf("the editor approved their own submission: %+v", r)
	}
	if r := step(reviewer, publish, map[string]any{}); code(r) != "FORBIDDEN" && code(r) != "BAD_USER_INPUT" {
		t.Errorf("the reviewer published a submitted evaluation: %+v", r)
	}
	if r := step(reviewer, giveBack, map[string]any{"c": "请补充会议人数超出目标的原因"}); code(r) != "" {
		t.Fatalf("the reviewer could not return it: %+v", r.Errors)
	}

	// The editor sees the comment and the history, and may edit again.
	var seen struct {
		Node struct {
			Status, ReviewComment string
			Transitions           []struct{ From, To, Comment, ActorName string }
		}
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { status reviewComment transitions { from to comment actorName } } } }`,
		map[string]any{"id": ev}, &seen)
	if seen.Node.Status != "RETURNED" || seen.Node.ReviewComment != "请补充会议人数超出目标的原因" {
		t.Errorf("the editor sees %s %q", seen.Node.Status, seen.Node.ReviewComment)
	}
	var history []string
	for _, tr := range seen.Node.Transitions {
		history = append(history, tr.From+"→"+tr.To+" by "+tr.ActorName)
	}
	if strings.Join(history, ", ") != "DRAFT→SUBMITTED by editor, SUBMITTED→RETURNED by reviewer" {
		t.Errorf("transitions: %v", history)
	}
	if r := post(t, editor, renameIndicator, map[string]any{"id": ind, "name": "业务岗位培训人数"}); code(r) != "" {
		t.Errorf("editing a returned evaluation's indicator: %+v", r.Errors)
	}

	for _, s := range []struct {
		who        *caller
		name, mut  string
		wantStatus string
	}{
		{editor, "resubmit", submit, "SUBMITTED"},
		{reviewer, "approve", approve, "APPROVED"},
		{admin, "publish", publish, "PUBLISHED"},
	} {
		r := step(s.who, s.mut, map[string]any{})
		if code(r) != "" || !strings.Contains(string(r.Data), s.wantStatus) {
			t.Fatalf("%s: %s %+v", s.name, r.Data, r.Errors)
		}
	}

	// Published: the public reads the evaluation and its score.
	var public struct {
		Evaluations struct {
			Edges []struct {
				Node struct{ Score, Status string }
			}
		}
	}
	must(t, srv.anonymous(), `{ evaluations { edges { node { score status } } } }`, nil, &public)
	if len(public.Evaluations.Edges) != 1 || public.Evaluations.Edges[0].Node.Score != "99.69" {
		t.Errorf("the public sees %+v, want the one published evaluation scoring 99.69", public.Evaluations.Edges)
	}
}

// TestAuditTrail: a successful change leaves exactly one record saying who changed
// which field from what to what; a refused one leaves none.
func TestAuditTrail(t *testing.T) { stores(t, auditTrail) }

func auditTrail(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, reviewer := srv.as(t, "editor"), srv.as(t, "reviewer")
	_, ind := officeEvaluation(t, editor)
	type record struct {
		Action, ActorName, ActorKind, RequestID string
		Changes                                 []struct {
			Field         string
			Before, After any
		}
	}
	records := func() []record {
		var out struct {
			AuditRecords struct{ Edges []struct{ Node record } }
		}
		must(t, reviewer, `query($id: Int!) { auditRecords(where: {entityType: "Indicator", entityID: $id}) {
			edges { node { action actorName actorKind requestID changes { field before after } } } } }`,
			map[string]any{"id": atoi(t, ind)}, &out)
		var rs []record
		for _, e := range out.AuditRecords.Edges {
			rs = append(rs, e.Node)
		}
		return rs
	}
	before := len(records())

	if r := post(t, editor, `mutation($id: ID!) { updateIndicator(id: $id, input: {weight: "0"}) { id } }`, map[string]any{"id": ind}); code(r) != "BAD_USER_INPUT" {
		t.Fatalf("a zero weight was accepted: %+v", r)
	}
	if n := len(records()); n != before {
		t.Errorf("a refused change left %d audit records", n-before)
	}

	must(t, editor, renameIndicator, map[string]any{"id": ind, "name": "培训人次"}, nil)
	after := records()
	if len(after) != before+1 {
		t.Fatalf("one change left %d audit records", len(after)-before)
	}
	got := after[len(after)-1]
	changes := map[string]string{}
	for _, c := range got.Changes {
		changes[c.Field] = jsonString(c.Before) + "→" + jsonString(c.After)
	}
	if got.Action != "UPDATE" || got.ActorName != "editor" || got.ActorKind != "USER" || got.RequestID == "" ||
		changes["name"] != "业务岗位培训人数→培训人次" || changes["version"] != "1→2" {
		t.Errorf("audit record %+v (changes %v)", got, changes)
	}
	if r := post(t, editor, `{ auditRecords { totalCount } }`, nil); code(r) != "FORBIDDEN" {
		t.Errorf("an editor read the audit trail: %+v", r)
	}
}

// TestNoLostUpdates: two editors save the same indicator at once from the same
// version; exactly one wins, the other is told of the conflict and the version now.
func TestNoLostUpdates(t *testing.T) { stores(t, noLostUpdates) }

func noLostUpdates(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.as(t, "admin")
	_, ind := officeEvaluation(t, admin)
	var office struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "440115-001"}) { edges { node { id } } } }`, nil, &office)
	must(t, admin, `mutation($d: ID!) { createUser(input: {username: "editor2", role: EDITOR, departmentID: $d, password: "second editor pw"}) { id } }`,
		map[string]any{"d": office.Departments.Edges[0].Node.ID}, nil)
	srv.accounts["editor2"] = "second editor pw"
	editors := []*caller{srv.as(t, "editor"), srv.as(t, "editor2")}

	for round := 1; round <= 3; round++ {
		var version struct{ Node struct{ Version int } }
		must(t, admin, `query($id: ID!) { node(id: $id) { ... on Indicator { version } } }`, map[string]any{"id": ind}, &version)
		results := make([]gqlResponse, len(editors))
		var wg sync.WaitGroup
		for i, e := range editors {
			wg.Go(func() {
				results[i] = post(t, e, `mutation($id: ID!, $v: Int!, $name: String!) { updateIndicator(id: $id, input: {name: $name}, version: $v) { version } }`,
					map[string]any{"id": ind, "v": version.Node.Version, "name": "培训人数 " + string(rune('A'+i))})
			})
		}
		wg.Wait()
		var won, conflicts int
		for _, r := range results {
			switch code(r) {
			case "":
				won++
			case "CONFLICT":
				conflicts++
				if cur, _ := r.Errors[0].Extensions["currentVersion"].(float64); int(cur) != version.Node.Version+1 {
					t.Errorf("round %d: conflict names version %v, want %d", round, r.Errors[0].Extensions["currentVersion"], version.Node.Version+1)
				}
			default:
				t.Errorf("round %d: %+v", round, r.Errors)
			}
		}
		if won != 1 || conflicts != 1 {
			t.Errorf("round %d: %d won and %d were told of a conflict; want exactly one each", round, won, conflicts)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// TestEditorConfined: the demo's editor sees and changes the office's data only; the
// neighbouring department's is refused in the same words as a row that does not exist.
func TestEditorConfined(t *testing.T) {
	srv := startServer(t, "sqlite://"+t.TempDir()+"/j.db", "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.as(t, "admin")
	years := func(c *caller) map[string]string {
		var out struct {
			DepartmentYears struct {
				Edges []struct {
					Node struct {
						ID         string
						Department struct{ Code string }
					}
				}
			}
		}
		must(t, c, `{ departmentYears { edges { node { id department { code } } } } }`, nil, &out)
		m := map[string]string{}
		for _, e := range out.DepartmentYears.Edges {
			m[e.Node.Department.Code] = e.Node.ID
		}
		return m
	}
	all, mine := years(admin), years(editor)
	if len(all) != 2 || len(mine) != 1 || mine["440115-001"] == "" {
		t.Fatalf("the admin sees %v, the editor %v", all, mine)
	}
	const figure = `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {publicActual: "75.00"}) { publicActual } }`
	if r := post(t, editor, figure, map[string]any{"id": mine["440115-001"]}); code(r) != "" {
		t.Errorf("the editor could not change the office's figure: %+v", r.Errors)
	}
	other := post(t, editor, figure, map[string]any{"id": all["440115-002"]})
	missing := post(t, editor, figure, map[string]any{"id": "4294967999"})
	if code(other) != "FORBIDDEN" || code(missing) != "FORBIDDEN" || other.Errors[0].Message != missing.Errors[0].Message {
		t.Errorf("another department's figure: %+v; a missing one: %+v; want the same FORBIDDEN", other.Errors, missing.Errors)
	}
}
