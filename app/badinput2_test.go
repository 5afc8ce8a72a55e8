package app

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// refusal is what a bad request must get back: a code, the field it names and
// what the message quotes.
type refusal struct {
	code, field, says string
}

// check asserts that r was refused as want says, without leaking internals.
func (want refusal) check(t *testing.T, r gqlResponse) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("accepted: %s", r.Data)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != want.code {
		t.Errorf("code = %v, want %s (%s)", e.Extensions["code"], want.code, e.Message)
	}
	if want.field != "" && e.Extensions["field"] != want.field {
		t.Errorf("field = %v, want %s (%s)", e.Extensions["field"], want.field, e.Message)
	}
	if !strings.Contains(e.Message, want.says) {
		t.Errorf("message %q does not say %q", e.Message, want.says)
	}
	for _, leak := range []string{"strconv", "dataloadgen", "SQLSTATE", "ent:", "msgpack", "base64"} {
		if strings.Contains(e.Message, leak) {
			t.Errorf("message leaks internals (%q): %s", leak, e.Message)
		}
	}
}

// TestBadIDs sends ids and cursors that are not numbers, in the query text and in
// variables: each is refused naming the argument and quoting the value, and a
// well-formed id of no row stays NOT_FOUND.
func TestBadIDs(t *testing.T) { stores(t, badIDs) }

func badIDs(t *testing.T, db string) {
	base := startServer(t, db).admin(t)
	f := build(t, base)
	tests := []struct {
		name, query string
		vars        map[string]any
		want        refusal
	}{
		{"a department code as a node id", `{ node(id: "440115-001") { id } }`, nil, refusal{"BAD_USER_INPUT", "id", `"440115-001"`}},
		{"an exponent as a node id", `{ node(id: "1e5") { id } }`, nil, refusal{"BAD_USER_INPUT", "id", `"1e5"`}},
		{"a node id in a variable", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "D1-01"}, refusal{"BAD_USER_INPUT", "id", `"D1-01"`}},
		{"an id beyond int64", `{ node(id: "99999999999999999999") { id } }`, nil, refusal{"BAD_USER_INPUT", "id", `"99999999999999999999"`}},
		{"one bad id in a list", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{f.year, "x"}}, refusal{"BAD_USER_INPUT", "ids", `"x"`}},
		{"updating a word", `mutation { updateIndicator(id: "abc", input: {name: "x"}) { id } }`, nil, refusal{"BAD_USER_INPUT", "id", `"abc"`}},
		{"submitting a word", `mutation { submitEvaluation(id: "x") { id } }`, nil, refusal{"BAD_USER_INPUT", "id", `"x"`}},
		{"a code as a reference in an input", createIndicator, map[string]any{"in": map[string]any{"departmentYearID": "D1-01", "level1": "产出", "level2": "数量", "name": "n",
			"kind": "QUANTITATIVE", "operator": "GE", "target": "10", "actual": "5", "weight": "5"}}, refusal{"BAD_USER_INPUT", "departmentYearID", `"D1-01"`}},
		{"a code in a where input", `{ departmentYears(where: {hasDepartmentWith: {id: "D1"}}) { totalCount } }`, nil, refusal{"BAD_USER_INPUT", "id", `"D1"`}},
		{"a cursor that is not one", `{ indicators(after: "zzz") { totalCount } }`, nil, refusal{"BAD_USER_INPUT", "after", `"zzz"`}},
		{"a cursor in a variable", `query($c: Cursor) { departments(before: $c, last: 1) { totalCount } }`, map[string]any{"c": "!!"}, refusal{"BAD_USER_INPUT", "before", `"!!"`}},
		{"a number of no row", `{ node(id: "999999") { id } }`, nil, refusal{"NOT_FOUND", "", ""}},
		{"a negative number", `{ node(id: "-1") { id } }`, nil, refusal{"NOT_FOUND", "", ""}},
		{"a number of no table", `{ node(id: "1099511627776") { id } }`, nil, refusal{"NOT_FOUND", "", ""}},
		{"updating a number of no row", `mutation { updateIndicator(id: "999999", input: {name: "x"}) { id } }`, nil, refusal{"NOT_FOUND", "", "999999"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, post(t, base, tt.query, tt.vars)) })
	}
}

// TestNULBytes sends strings with U+0000, which PostgreSQL cannot store: each is
// refused naming the field before it reaches the database, signed in or not.
func TestNULBytes(t *testing.T) { stores(t, nulBytes) }

func nulBytes(t *testing.T, db string) {
	srv := startServer(t, db)
	base := srv.admin(t)
	tests := []struct {
		name   string
		caller *caller
		query  string
		vars   map[string]any
		field  string
	}{
		{"an anonymous login", srv.anonymous(), `mutation { login(username: "ad\u0000min", password: "x") { csrfToken } }`, nil, "username"},
		{"a login's variable", srv.anonymous(), `mutation($u: String!) { login(username: $u, password: "x") { csrfToken } }`, map[string]any{"u": "ad\x00min"}, "username"},
		{"a name in an input", base, createDepartment, map[string]any{"in": map[string]any{"code": "N1", "name": "办公\x00室"}}, "name"},
		{"a filter", base, `{ departments(where: {nameContains: "\u0000"}) { totalCount } }`, nil, "nameContains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refusal{"BAD_USER_INPUT", tt.field, "NUL"}.check(t, post(t, tt.caller, tt.query, tt.vars))
		})
	}
	var out struct{ Departments struct{ TotalCount int } }
	must(t, base, `{ departments { totalCount } }`, nil, &out)
	if out.Departments.TotalCount != 0 {
		t.Errorf("%d departments were created", out.Departments.TotalCount)
	}
}

// TestPublishedProjectOfUnpublishedYear reads, signed out, a published project
// evaluation whose department-year is not public: what it may not see is absent,
// not an internal error.
func TestPublishedProjectOfUnpublishedYear(t *testing.T) { stores(t, publishedProject) }

func publishedProject(t *testing.T, db string) {
	srv := startServer(t, db)
	base := srv.admin(t)
	f := build(t, base)
	project := id(t, base, `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"departmentYearID": f.year, "name": "督查督办", "budget": "120", "executed": "118.5"}})
	id(t, base, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": f.year, "projectID": project,
		"level1": "产出", "level2": "数量", "name": "督查次数", "kind": "QUANTITATIVE", "operator": "GE", "target": "10", "actual": "12", "weight": "90"}})
	ev := id(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": f.year, "projectID": project, "conclusion": "完成"}})
	for _, step := range []string{"submitEvaluation", "approveEvaluation", "publishEvaluation"} {
		must(t, base, `mutation($id: ID!) { `+step+`(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	}
	type seen struct {
		Node struct {
			Status, Score, Grade string
			Project              struct{ Name string }
		}
	}
	const query = `query($id: ID!) { node(id: $id) { ... on Evaluation { status score grade project { name } } } }`
	var public, admin seen
	must(t, base, query, map[string]any{"id": ev}, &admin)
	must(t, srv.anonymous(), query, map[string]any{"id": ev}, &public)
	if public != admin || public.Node.Status != "PUBLISHED" || public.Node.Project.Name != "督查督办" {
		t.Errorf("the public sees %+v, the administrator %+v", public.Node, admin.Node)
	}
	r := post(t, srv.anonymous(), `query($id: ID!) { node(id: $id) { ... on Evaluation { departmentYear { id } } } }`, map[string]any{"id": ev})
	for _, e := range r.Errors {
		if e.Extensions["code"] == "INTERNAL" {
			t.Errorf("the hidden department-year: %+v", e)
		}
	}
}

// TestRequestRefusals sends requests the GraphQL transports refuse: each answer
// carries an extensions.code.
func TestRequestRefusals(t *testing.T) {
	srv := startServer(t, "sqlite://"+t.TempDir()+"/jixiao.db")
	mutation := url.QueryEscape(`mutation { logout }`)
	tests := []struct {
		name, method, path, contentType, body string
		code                                  string
	}{
		{"a mutation by GET", http.MethodGet, "/query?query=" + mutation, "", "", "BAD_REQUEST"},
		{"a named mutation by GET", http.MethodGet, "/query?operationName=m&query=" + url.QueryEscape(`query q { me { kind } } mutation m { logout }`), "", "", "BAD_REQUEST"},
		{"a text body", http.MethodPost, "/query", "text/plain", `{"query":"{ me { kind } }"}`, "BAD_REQUEST"},
		{"no content type", http.MethodPost, "/query", "", `{"query":"{ me { kind } }"}`, "BAD_REQUEST"},
		{"a form", http.MethodPost, "/query", "application/x-www-form-urlencoded", `query=%7B+me+%7B+id+%7D+%7D`, "BAD_REQUEST"},
		{"a method of no transport", http.MethodPut, "/query", "application/json", `{"query":"{ me { kind } }"}`, "BAD_REQUEST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.url+tt.path, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			var out gqlResponse
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("status %d, body not JSON: %s", resp.StatusCode, body)
			}
			if resp.StatusCode < 400 || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != tt.code {
				t.Errorf("status %d, %s; want a 4xx with code %s", resp.StatusCode, body, tt.code)
			}
		})
	}
	// A query by GET still works.
	resp, err := http.Get(srv.url + "/query?query=" + url.QueryEscape(`{ departments { totalCount } }`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		t.Errorf("a query by GET: status %d, %v %+v", resp.StatusCode, err, out.Errors)
	}
}

// TestErrorIDs checks that a submit problem names its indicator, and a refusal to
// edit a submitted evaluation names the evaluation, by a string id, as GraphQL
// writes every ID, so that a client compares it as it is.
func TestErrorIDs(t *testing.T) {
	base := startServer(t, "sqlite://"+t.TempDir()+"/jixiao.db").admin(t)
	f := build(t, base)
	r := post(t, base, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": f.evaluation})
	var named []any
	for _, e := range r.Errors {
		if ind, ok := e.Extensions["indicatorID"]; ok {
			named = append(named, ind)
		}
	}
	if len(named) != 2 {
		t.Fatalf("%d problems name an indicator, want 2 (the missing deviation reasons): %+v", len(named), r.Errors)
	}
	for _, ind := range named {
		if s, ok := ind.(string); !ok || (s != f.indicators["carryover"] && s != f.indicators["meetings"]) {
			t.Errorf("extensions.indicatorID = %#v, want the id string of carryover %s or meetings %s", ind, f.indicators["carryover"], f.indicators["meetings"])
		}
	}
	// The demo's editor may not edit a submitted evaluation.
	srv := startServer(t, "sqlite://"+t.TempDir()+"/demo.db", "--demo=seed")
	editor := srv.as(t, "editor")
	ev, ind := officeEvaluation(t, editor)
	must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	r = post(t, editor, renameIndicator, map[string]any{"id": ind, "name": "培训人次"})
	if code(r) != "LOCKED" || r.Errors[0].Extensions["evaluationID"] != ev {
		t.Errorf("editing a submitted evaluation's indicator: %+v, want LOCKED naming evaluation %q", r.Errors, ev)
	}
}

// TestAmountMaxima enters amounts at and beyond their documented maxima (README):
// at the maximum every derived figure is exact, beyond it the amount is refused
// naming the field and the bound, and a rate beyond the Decimal range is null
// rather than a capped number.
func TestAmountMaxima(t *testing.T) { stores(t, amountMaxima) }

func amountMaxima(t *testing.T, db string) {
	base := startServer(t, db).admin(t)
	f := build(t, base)
	const (
		maxMoney = "10000000000"
		beyond   = "10000000000.000001"
	)
	var figures struct {
		UpdateDepartmentYear struct{ BasicBudget, TotalBudget, BasicActual, TotalActual string }
	}
	must(t, base, `mutation($id: ID!, $m: Decimal!) { updateDepartmentYear(id: $id, input: {
		personnelBudget: $m, publicBudget: $m, projectBudget: $m, personnelActual: $m, publicActual: $m, projectActual: $m,
		carryoverStart: $m, carryoverEnd: $m, threePublicBudget: $m, threePublicActual: $m, assetsInUse: $m, assetsTotal: $m,
	}) { basicBudget totalBudget basicActual totalActual } }`, map[string]any{"id": f.year, "m": maxMoney}, &figures)
	if got, want := figures.UpdateDepartmentYear, (struct{ BasicBudget, TotalBudget, BasicActual, TotalActual string }{
		"20000000000.00", "30000000000.00", "20000000000.00", "30000000000.00"}); got != want {
		t.Errorf("sums of maximal figures = %+v, want %+v", got, want)
	}

	quantitative := func(field, value string) map[string]any {
		in := map[string]any{"departmentYearID": f.year, "level1": "产出", "level2": "数量", "name": "新指标",
			"kind": "QUANTITATIVE", "operator": "GE", "target": "10", "actual": "5", "weight": "5"}
		in[field] = value
		return map[string]any{"in": in}
	}
	tests := []struct {
		name, query string
		vars        map[string]any
		field, says string
	}{
		{"a budget beyond the maximum", `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {personnelBudget: "` + beyond + `"}) { id } }`, map[string]any{"id": f.year}, "personnelBudget", "at most 10000000000.00, got 10000000000.000001"},
		{"int64 millionths", `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {carryoverEnd: "9223372036854.775807"}) { id } }`, map[string]any{"id": f.year}, "carryoverEnd", "at most 10000000000.00"},
		{"a project budget", `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`, map[string]any{"in": map[string]any{"departmentYearID": f.year, "name": "大项目", "budget": beyond}}, "budget", "at most 10000000000.00"},
		{"a month's spending", `mutation($id: ID!) { setMonthlyExecution(departmentYearID: $id, months: [{month: 1, cumulativeExecuted: "` + beyond + `", targetPercent: "5"}]) { id } }`, map[string]any{"id": f.year}, "months", "at most 10000000000.00"},
		{"a weight above 100", createIndicator, quantitative("weight", "100.01"), "weight", "at most 100.00, got 100.01"},
		{"a weight of 9.2e12", createIndicator, quantitative("weight", "9200000000000"), "weight", "at most 100.00"},
		{"a target beyond the maximum", createIndicator, quantitative("target", beyond), "target", "at most 10000000000.00"},
		{"an actual beyond the maximum", createIndicator, quantitative("actual", beyond), "actual", "at most 10000000000.00"},
		{"a negative actual beyond the maximum", createIndicator, quantitative("actual", "-"+beyond), "actual", "at least -10000000000.00"},
		{"raising a weight", `mutation($id: ID!) { updateIndicator(id: $id, input: {weight: "101"}) { id } }`, map[string]any{"id": f.indicators["trainees"]}, "weight", "at most 100.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refusal{"BAD_USER_INPUT", tt.field, tt.says}.check(t, post(t, base, tt.query, tt.vars))
		})
	}

	// The largest actual over the smallest target: the score stays at the weight,
	// and the completion rate, beyond any Decimal, is null.
	var ind struct {
		CreateIndicator struct {
			Score          string
			CompletionRate *string
		}
	}
	in := quantitative("target", "0.000001")
	in["in"].(map[string]any)["actual"] = maxMoney
	in["in"].(map[string]any)["weight"] = "100"
	must(t, base, `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { score completionRate } }`, in, &ind)
	if got := ind.CreateIndicator; got.Score != "100.00" || got.CompletionRate != nil {
		t.Errorf("10^10 of 0.000001: score %s, completion rate %s; want 100.00 and null", got.Score, jsonString(got.CompletionRate))
	}
}
