package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// chars is a text of n Chinese characters (3 bytes each in UTF-8).
func chars(n int) string { return strings.Repeat("绩", n) }

// TestTextLimits: every text a user types has a maximum length in characters; one
// character more is refused with BAD_USER_INPUT naming the field and the limit,
// exactly the maximum is accepted.
func TestTextLimits(t *testing.T) { stores(t, textLimits) }

func textLimits(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.as(t, "admin")
	ev, ind := officeEvaluation(t, admin)
	var office struct {
		Node struct {
			DepartmentYear struct {
				ID         string
				Department struct{ ID string }
				KeyTasks   []struct{ ID string }
				Projects   struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
		}
	}
	must(t, admin, `query($id: ID!) { node(id: $id) { ... on Evaluation { departmentYear {
		id department { id } keyTasks { id } projects { edges { node { id } } } } } } }`, map[string]any{"id": ev}, &office)
	year := office.Node.DepartmentYear
	if len(year.KeyTasks) == 0 || len(year.Projects.Edges) == 0 {
		t.Fatalf("the demo office needs a key task and a project: %+v", year)
	}
	for _, tt := range []struct {
		field, mutation, id string
		max                 int
	}{
		{"conclusion", `updateEvaluation(id: $id, input: {conclusion: $s}) { id }`, ev, 20000},
		{"problems", `updateEvaluation(id: $id, input: {problems: $s}) { id }`, ev, 10000},
		{"improvements", `updateEvaluation(id: $id, input: {improvements: $s}) { id }`, ev, 10000},
		{"executionExplanation", `updateEvaluation(id: $id, input: {executionExplanation: $s}) { id }`, ev, 10000},
		{"deviationReason", `updateIndicator(id: $id, input: {deviationReason: $s}) { id }`, ind, 2000},
		{"content", `updateKeyTask(id: $id, input: {content: $s}) { id }`, year.KeyTasks[0].ID, 5000},
		{"outcome", `updateKeyTask(id: $id, input: {outcome: $s}) { id }`, year.KeyTasks[0].ID, 5000},
		{"goal", `updateProject(id: $id, input: {goal: $s}) { id }`, year.Projects.Edges[0].Node.ID, 5000},
		{"goal", `updateDepartmentYear(id: $id, input: {goal: $s}) { id }`, year.ID, 5000},
		{"goalOutcome", `updateDepartmentYear(id: $id, input: {goalOutcome: $s}) { id }`, year.ID, 5000},
		{"goalOutcome", `updateProject(id: $id, input: {goalOutcome: $s}) { id }`, year.Projects.Edges[0].Node.ID, 5000},
		{"supervisingDepartment", `updateProject(id: $id, input: {supervisingDepartment: $s}) { id }`, year.Projects.Edges[0].Node.ID, 200},
		{"implementingUnit", `updateProject(id: $id, input: {implementingUnit: $s}) { id }`, year.Projects.Edges[0].Node.ID, 200},
		{"scoringCriteria", `updateIndicator(id: $id, input: {scoringCriteria: $s}) { id }`, ind, 2000},
		{"functions", `updateDepartment(id: $id, input: {functions: $s}) { id }`, year.Department.ID, 5000},
	} {
		t.Run(tt.mutation[:strings.Index(tt.mutation, "(")]+"."+tt.field, func(t *testing.T) {
			q := `mutation($id: ID!, $s: String!) { ` + tt.mutation + ` }`
			r := post(t, admin, q, map[string]any{"id": tt.id, "s": chars(tt.max + 1)})
			want := fmt.Sprintf("must be at most %d characters, got %d", tt.max, tt.max+1)
			if code(r) != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tt.field || !strings.Contains(r.Errors[0].Message, want) {
				t.Errorf("%d characters: %+v, want BAD_USER_INPUT on %s saying %q", tt.max+1, r.Errors, tt.field, want)
			}
			must(t, admin, q, map[string]any{"id": tt.id, "s": chars(tt.max)}, nil)
		})
	}
}

// TestResponseTooLarge: a small query that asks for the same long texts many times
// over gets one RESPONSE_TOO_LARGE error and a small body, not the data; the same
// texts asked for once come back whole.
func TestResponseTooLarge(t *testing.T) { stores(t, responseTooLarge) }

func responseTooLarge(t *testing.T, db string) {
	const maxResponse = 16 << 20 // graph.MaxResponseBytes
	srv := startServer(t, db, "--demo=seed")
	admin := srv.as(t, "admin")
	var all struct {
		Evaluations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ evaluations(first: 100) { edges { node { id } } } }`, nil, &all)
	// Every evaluation's texts at their longest: 150 000 bytes of JSON each.
	for _, e := range all.Evaluations.Edges {
		must(t, admin, `mutation($id: ID!, $long: String!, $mid: String!) { updateEvaluation(id: $id,
			input: {conclusion: $long, problems: $mid, improvements: $mid, executionExplanation: $mid}) { id } }`,
			map[string]any{"id": e.Node.ID, "long": chars(20000), "mid": chars(10000)}, nil)
	}
	once := int64(len(all.Evaluations.Edges)) * 150000
	const aliases = 70 // 7 fields each, within the 500-field limit
	if once*aliases < 2*maxResponse {
		t.Fatalf("%d evaluations make %d bytes; the test needs more than twice the limit", len(all.Evaluations.Edges), once*aliases)
	}
	page := `evaluations(first: 100) { edges { node { conclusion problems improvements executionExplanation } } }`
	var big strings.Builder
	big.WriteString("{")
	for i := range aliases {
		fmt.Fprintf(&big, " a%d: %s", i, page)
	}
	big.WriteString(" }")

	status, body := postRaw(t, admin, big.String())
	var r gqlResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("status %d, %d bytes: %v", status, len(body), err)
	}
	if len(r.Errors) != 1 || code(r) != "RESPONSE_TOO_LARGE" || (len(r.Data) > 0 && string(r.Data) != "null") {
		t.Fatalf("asking for %d bytes: %d errors (%.200v), %d bytes of data; want one RESPONSE_TOO_LARGE and no data",
			once*aliases, len(r.Errors), r.Errors, len(r.Data))
	}
	if len(body) > 4096 {
		t.Errorf("the refusal took %d bytes", len(body))
	}

	status, body = postRaw(t, admin, "{ "+page+" }")
	r = gqlResponse{}
	if err := json.Unmarshal(body, &r); err != nil || len(r.Errors) > 0 || int64(len(body)) < once {
		t.Errorf("the texts once: status %d, %d bytes (want at least %d), errors %.200v", status, len(body), once, r.Errors)
	}
}

// postRaw sends a query and returns the status and the body as it came.
func postRaw(t *testing.T, c *caller, query string) (int, []byte) {
	t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, c.url+"/query", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	resp, body := c.send(t, req)
	return resp.StatusCode, body
}
