package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPermissionMatrix walks every role and token kind through every query and
// mutation of the schema, on data inside the demo editor's department subtree (the
// office, 440115-001) and outside it (440115-090, a sibling made here beside the
// demo's own neighbour 440115-002), and asserts for each cell what the access
// rules promise: allowed, or denied with FORBIDDEN, UNAUTHENTICATED or LOCKED in
// extensions.code; for reads, which rows come back. A denial must not tell an
// object the caller cannot read from one that does not exist.
func TestPermissionMatrix(t *testing.T) { stores(t, permissionMatrix) }

// who is a column of the matrix: one kind of caller.
type who int

const (
	anon     who = iota // nobody signed in
	admin               // ADMIN
	reviewer            // REVIEWER
	editor              // EDITOR of the office's subtree
	analyst             // ANALYST
	token               // an API token that sees everything
	scoped              // an API token limited to the office's subtree
	nCallers
)

var callerNames = [nCallers]string{"anonymous", "admin", "reviewer", "editor", "analyst", "token", "scopedToken"}

// expect is what one cell of the matrix must give.
type expect int

const (
	_ expect = iota
	allow
	forbidden
	unauth
	locked
	notFound // a mutation of something the caller may not read: NOT_FOUND, as for an id that does not exist
	// Reads: which rows come back, all without errors.
	all           // every row there is
	insideOnly    // only the editor's subtree (the office): no outside row
	publishedOnly // only published evaluations and what they evaluate: a year's figures and overall indicators once its overall evaluation is published, a project's once the project's is
	none          // nothing
	// node(id:): the object comes back, or the answer is the one a nonexistent id gets.
	seen
	hidden
)

func (x expect) String() string {
	return map[expect]string{
		allow: "ALLOW", forbidden: "FORBIDDEN", unauth: "UNAUTHENTICATED", locked: "LOCKED", notFound: "NOT_FOUND",
		all: "ALL", insideOnly: "INSIDE_ONLY", publishedOnly: "PUBLISHED_ONLY", none: "NONE",
		seen: "SEEN", hidden: "HIDDEN",
	}[x]
}

// cells are the expectations of one row, one per caller.
type cells [nCallers]expect

// side is where the object an operation touches lies.
type side int

const (
	inside  side = iota // the office, 440115-001: the demo editor's subtree
	outside             // 440115-090, a sibling of the office under the district
)

const (
	officeCode  = "440115-001"
	outsideCode = "440115-090"
	publicCode  = "440115-091"
)

// operation is one GraphQL request of a row.
type operation struct {
	query string
	// vars makes the variables, creating as the administrator whatever the cell
	// consumes (a fresh project to delete, a submitted evaluation to approve…), so
	// that every cell runs against the state it expects.
	vars func(e *env) map[string]any
	// undo puts things back after a success that would disturb later cells.
	undo func(e *env, data json.RawMessage)
	// rows names the entity a read lists, for set expectations.
	rows string
	// missing is the same request on an id that does not exist (node rows).
	missing func(e *env) map[string]any
	// shape is how a read's answer names its rows (permissions_derived_test.go).
	shape shape
}

// row is one operation with what each caller must get.
type row struct {
	name  string
	op    operation
	cells cells
}

// env is one server with its callers and the fixture's ids.
type env struct {
	t                   *testing.T
	as                  [nCallers]*caller
	seq                 int
	dept, year, overall [2]string // by side: the department, its 2023 year, its overall evaluation
	indicator, project  [2]string // an overall indicator; a project with an indicator and an evaluation
	keyTask             [2]string
	fundingLine         [2]string           // a source line of a project without an evaluation, free to edit
	revenueLine         [2]string           // the year's 一般公共预算 line
	months              [2][]map[string]any // the year's monthly execution, to set again unchanged
	publicYear          string              // 440115-091's 2023 year: its overall evaluation is PUBLISHED
	publicEval          string
	publicIndicator     string
	publicProject       string    // with an indicator
	victim              string    // a user for updateUser
	ruleYears           int       // rule sets made so far, each for a year of its own
	freshYears          int       // years made by freshYear so far
	library             [2]string // by side: a draft entry of the department's library
	targets             [2]string // by side: a filed target version of a fresh year
	publicTargets       string    // the published year's approved target version
	attachment          [2]string // by side: a file attached to the overall indicator
	publicAttachment    string    // a file attached to the published year's indicator
	entryReport         [2]string // by side: a draft monitoring report whose entry has a file (entryAttachment)
	entryAttachment     [2]string // by side: a file attached to that report's monitoring entry
	rectAttachment      [2]string // by side: a file attached to an open rectification item (rectOwner)
	rectOwner           [2]string
	rounds              [2]string // by side: an open round of the side's department
	rectifications      [2]string // by side: an open rectification item on a fresh submission
	monitoring          [2]string // by side: a draft monitoring report of a fresh year
}

// ruleYear is a year without department-years and, until now, without a rule set
// (2099 down), for a rule set whose rescoring changes nothing the other cells read.
func (e *env) ruleYear() int { e.ruleYears++; return 2100 - e.ruleYears }

func (e *env) admin() *caller { return e.as[admin] }

// mk creates something as the administrator and returns its id.
func (e *env) mk(query string, vars map[string]any) string {
	e.t.Helper()
	return id(e.t, e.admin(), query, vars)
}

func (e *env) next() int { e.seq++; return e.seq }

func missingID(id string) string {
	n, err := strconv.Atoi(id)
	if err != nil {
		panic(err)
	}
	return strconv.Itoa(n + 100000) // same type's id range, never used
}

const (
	createKeyTask   = `mutation($in: CreateKeyTaskInput!) { createKeyTask(input: $in) { id } }`
	createProject   = `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`
	createToken     = `mutation($name: String!, $d: ID) { createAPIToken(name: $name, departmentID: $d) { token apiToken { id } } }`
	submitQuery     = `mutation($id: ID!) { submitEvaluation(id: $id) { id status } }`
	approveQuery    = `mutation($id: ID!) { approveEvaluation(id: $id) { id status } }`
	returnQuery     = `mutation($id: ID!) { returnEvaluation(id: $id, comment: "请补充偏差原因") { id status } }`
	publishQuery    = `mutation($id: ID!) { publishEvaluation(id: $id) { id status } }`
	updateIndQuery  = `mutation($id: ID!) { updateIndicator(id: $id, input: {deviationReason: "权限测试"}) { id } }`
	deleteProjQuery = `mutation($id: ID!) { deleteProject(id: $id) }`
	setMonthsQuery  = `mutation($id: ID!, $months: [MonthInput!]!) { setMonthlyExecution(departmentYearID: $id, months: $months) { id } }`
	createLineQuery = `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id } }`
	updateLineQuery = `mutation($id: ID!) { updateFundingLine(id: $id, input: {executed: "1"}) { id } }`
	setLinesQuery   = `mutation($y: ID!, $p: ID, $lines: [FundingLineInput!]!) { setFundingLines(departmentYearID: $y, projectID: $p, lines: $lines) { id } }`
	nodeQuery       = `query($id: ID!) { node(id: $id) { id } }`
)

// met is an indicator that is fully met, so that its evaluation can be submitted.
func met(year, project string, weight string) map[string]any {
	in := map[string]any{"departmentYearID": year, "level1": "产出", "level2": "数量", "name": "权限测试指标",
		"kind": "QUANTITATIVE", "operator": "GE", "target": "1", "actual": "1", "unit": "件", "weight": weight}
	if project != "" {
		in["projectID"] = project
	}
	return map[string]any{"in": in}
}

func (e *env) freshDepartment(s side) string {
	code := fmt.Sprintf("%s-%d", []string{officeCode, outsideCode}[s], e.next())
	return e.mk(createDepartment, map[string]any{"in": map[string]any{"code": code, "name": "临时科室", "parentID": e.dept[s]}})
}

// freshYear is an empty department-year of the side's department, in a year of its own.
func (e *env) freshYear(s side) string {
	e.freshYears++ // a count of its own: e.next() also names departments, and years stop at 2100
	return e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": e.dept[s], "year": 2030 + e.freshYears}})
}

func (e *env) freshKeyTask(s side) string {
	return e.mk(createKeyTask, map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "title": "临时任务"}})
}

// freshProject is a project with neither indicators nor an evaluation, fully executed.
func (e *env) freshProject(s side) string {
	return e.mk(createProject, map[string]any{"in": map[string]any{"departmentYearID": e.year[s],
		"code": fmt.Sprintf("T-%d", e.next()), "name": "临时项目", "budget": "100", "executed": "100"}})
}

func (e *env) freshIndicator(s side) string {
	return e.mk(createIndicator, met(e.year[s], e.freshProject(s), "90"))
}

// freshEvaluation is a submittable project evaluation, moved as the administrator to status.
func (e *env) freshEvaluation(s side, status string) string {
	p := e.freshProject(s)
	e.mk(createIndicator, met(e.year[s], p, "90")) // + the execution item's 10
	ev := e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "projectID": p}})
	steps := map[string][]string{"DRAFT": nil, "SUBMITTED": {submitQuery}, "APPROVED": {submitQuery, approveQuery}}[status]
	for _, q := range steps {
		must(e.t, e.admin(), q, map[string]any{"id": ev}, nil)
	}
	return ev
}

func (e *env) freshToken() string {
	var out struct {
		CreateAPIToken struct{ APIToken struct{ ID string } }
	}
	must(e.t, e.admin(), createToken, map[string]any{"name": fmt.Sprintf("临时令牌%d", e.next())}, &out)
	return out.CreateAPIToken.APIToken.ID
}

// idVars is {"id": …} for an id computed per cell.
func idVars(f func(e *env) string) func(e *env) map[string]any {
	return func(e *env) map[string]any { return map[string]any{"id": f(e)} }
}

// deleteCreated deletes, as the administrator, what a create mutation returned.
func deleteCreated(mutation string) func(e *env, data json.RawMessage) {
	return func(e *env, data json.RawMessage) {
		var out map[string]struct{ ID string }
		if err := json.Unmarshal(data, &out); err != nil {
			e.t.Fatalf("undo: %v", err)
		}
		for _, v := range out {
			must(e.t, e.admin(), fmt.Sprintf(`mutation($id: ID!) { %s(id: $id) }`, mutation), map[string]any{"id": v.ID}, nil)
		}
	}
}

// The operations. Each takes the side its object lies on.

func createDepartmentOp(s side) operation {
	return operation{query: createDepartment, vars: func(e *env) map[string]any {
		code := fmt.Sprintf("%s-%d", []string{officeCode, outsideCode}[s], e.next())
		return map[string]any{"in": map[string]any{"code": code, "name": "新科室", "parentID": e.dept[s]}}
	}}
}

func updateDepartmentOp(s side) operation {
	return operation{query: `mutation($id: ID!) { updateDepartment(id: $id, input: {functions: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.dept[s] })}
}

func deleteDepartmentOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteDepartment(id: $id) }`,
		vars: idVars(func(e *env) string { return e.freshDepartment(s) })}
}

func createDepartmentYearOp(s side) operation {
	return operation{query: createYear, vars: func(e *env) map[string]any {
		e.freshYears++
		return map[string]any{"in": map[string]any{"departmentID": e.dept[s], "year": 2030 + e.freshYears}}
	}}
}

func updateDepartmentYearOp(s side) operation {
	return operation{query: `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {goal: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.year[s] })}
}

func deleteDepartmentYearOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteDepartmentYear(id: $id) }`,
		vars: idVars(func(e *env) string { return e.freshYear(s) })}
}

// setMonthlyExecutionOp sets the year's months again, unchanged.
func setMonthlyExecutionOp(s side) operation {
	return operation{query: setMonthsQuery, vars: func(e *env) map[string]any {
		return map[string]any{"id": e.year[s], "months": e.months[s]}
	}}
}

// setFirstMonthsOp sets the months of a year that has none yet.
func setFirstMonthsOp(s side) operation {
	return operation{query: setMonthsQuery, vars: func(e *env) map[string]any {
		return map[string]any{"id": e.freshYear(s), "months": []map[string]any{{"month": 1, "cumulativeExecuted": "1", "targetPercent": "5"}}}
	}}
}

func createKeyTaskOp(s side) operation {
	return operation{query: createKeyTask, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "title": "新任务"}}
	}}
}

func updateKeyTaskOp(s side) operation {
	return operation{query: `mutation($id: ID!) { updateKeyTask(id: $id, input: {outcome: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.keyTask[s] })}
}

func deleteKeyTaskOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteKeyTask(id: $id) }`,
		vars: idVars(func(e *env) string { return e.freshKeyTask(s) })}
}

// createFundingLineOp gives the year's revenue a line of its own; a success is
// deleted again, so that the year's lines still add up to its totals for the workflow.
func createFundingLineOp(s side) operation {
	return operation{query: createLineQuery, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "category": "UNIT_FUNDS"}}
	}, undo: deleteCreated("deleteFundingLine")}
}

func updateFundingLineOp(s side) operation {
	return operation{query: updateLineQuery, vars: idVars(func(e *env) string { return e.fundingLine[s] })}
}

func deleteFundingLineOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteFundingLine(id: $id) }`, vars: idVars(func(e *env) string {
		return e.mk(createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "projectID": e.freshProject(s),
			"category": "OTHER_FUNDS"}})
	})}
}

// setFundingLinesOp sets the lines of a fresh project: all its funds from this year's appropriation.
func setFundingLinesOp(s side) operation {
	return operation{query: setLinesQuery, vars: func(e *env) map[string]any {
		return map[string]any{"y": e.year[s], "p": e.freshProject(s), "lines": []map[string]any{
			{"category": "CURRENT_APPROPRIATION", "adjustedBudget": "100", "executed": "100"}}}
	}}
}

func createProjectOp(s side) operation {
	return operation{query: createProject, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "name": "新项目", "budget": "10", "executed": "10"}}
	}}
}

func updateProjectOp(s side) operation {
	return operation{query: `mutation($id: ID!) { updateProject(id: $id, input: {goal: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.project[s] })}
}

// deleteProjectOp deletes a project that nothing refers to.
func deleteProjectOp(s side) operation {
	return operation{query: deleteProjQuery, vars: idVars(func(e *env) string { return e.freshProject(s) })}
}

// createIndicatorOp creates an overall indicator; a success is deleted again, so
// that the overall weights still add up to 100 for the workflow.
func createIndicatorOp(s side) operation {
	return operation{query: createIndicator, vars: func(e *env) map[string]any { return met(e.year[s], "", "1") },
		undo: deleteCreated("deleteIndicator")}
}

func updateIndicatorOp(s side) operation {
	return operation{query: updateIndQuery, vars: idVars(func(e *env) string { return e.indicator[s] })}
}

func deleteIndicatorOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteIndicator(id: $id) }`,
		vars: idVars(func(e *env) string { return e.freshIndicator(s) })}
}

func createEvaluationOp(s side) operation {
	return operation{query: createEvaluation, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "projectID": e.freshProject(s)}}
	}}
}

func updateEvaluationOp(s side) operation {
	return operation{query: `mutation($id: ID!) { updateEvaluation(id: $id, input: {conclusion: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.overall[s] })}
}

func deleteEvaluationOp(s side) operation {
	return operation{query: `mutation($id: ID!) { deleteEvaluation(id: $id) }`,
		vars: idVars(func(e *env) string { return e.freshEvaluation(s, "DRAFT") })}
}

func workflowOp(query, status string, s side) operation {
	return operation{query: query, vars: idVars(func(e *env) string { return e.freshEvaluation(s, status) })}
}

var (
	createUserOp = operation{query: `mutation($in: NewUserInput!) { createUser(input: $in) { id } }`, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"username": fmt.Sprintf("newuser%d", e.next()), "role": "ANALYST", "password": "a long enough password"}}
	}}
	updateUserOp = operation{query: `mutation($id: ID!) { updateUser(id: $id, input: {displayName: "权限测试"}) { id } }`,
		vars: idVars(func(e *env) string { return e.victim })}
	createAPITokenOp = operation{query: createToken, vars: func(e *env) map[string]any {
		return map[string]any{"name": fmt.Sprintf("新令牌%d", e.next())}
	}}
	createRuleSetOp = operation{query: createRuleSet, vars: func(e *env) map[string]any {
		return map[string]any{"in": map[string]any{"year": e.ruleYear(), "name": "权限测试规则", "reverseRule": "RATIO"}}
	}}
	updateRuleSetOp = operation{query: updateRuleSet, vars: func(e *env) map[string]any {
		rs := e.mk(createRuleSet, map[string]any{"in": map[string]any{"year": e.ruleYear(), "name": "权限测试规则"}})
		return map[string]any{"id": rs, "in": map[string]any{"excellentFrom": "95"}}
	}}
	revokeAPITokenOp = operation{query: `mutation($id: ID!) { revokeAPIToken(id: $id) { id } }`,
		vars: idVars(func(e *env) string { return e.freshToken() })}
)

// listOp reads every row of a connection field (a list or a ranking) of entity rows.
func listOp(field, rows string) operation {
	return operation{query: fmt.Sprintf(`{ %s(first: 500) { edges { node { id } } } }`, field), rows: rows}
}

func nodeOp(f func(e *env) string) operation {
	return operation{query: nodeQuery, vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

func plainOp(query string) operation { return operation{query: query} }

// reportOp reads an evaluation's report by node(id:).
func reportOp(f func(e *env) string) operation {
	return operation{query: `query($id: ID!) { node(id: $id) { id ... on Evaluation { report { title sections { key } } } } }`,
		vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

// warningsOp reads the warnings of an object of type typ by node(id:): read as the
// object is, its history under the caller's rules.
func warningsOp(typ string, f func(e *env) string) operation {
	return operation{query: `query($id: ID!) { node(id: $id) { id ... on ` + typ + ` { warnings { code params indicator { id } month } } } }`,
		vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

// setReportTextOp writes the text of a section of the year's overall report.
func setReportTextOp(s side) operation {
	return operation{query: `mutation($id: ID!) { setReportText(evaluationID: $id, section: "2.3.7", text: "权限测试") { key } }`,
		vars: idVars(func(e *env) string { return e.overall[s] })}
}

func permissionMatrix(t *testing.T, db string) {
	start := time.Now()
	srv := startServer(t, db, "--demo=seed")
	e := setUp(t, srv)
	t.Logf("set-up took %v", time.Since(start))

	// Reads, on the data as set up: nothing has changed yet.
	reads := []row{
		{"departments", listOp("departments", "departments"), cells{anon: all, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"departmentYears", listOp("departmentYears", "departmentYears"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"projects", listOp("projects", "projects"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"indicators", listOp("indicators", "indicators"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"evaluations", listOp("evaluations", "evaluations"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"fundingLines", listOp("fundingLines", "fundingLines"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"indicatorRanking", listOp("indicatorRanking", "indicators"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"evaluationRanking", listOp("evaluationRanking", "evaluations"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"evaluationAggregate", aggregateOp("evaluationAggregate", "evaluations"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"indicatorAggregate", aggregateOp("indicatorAggregate", "indicators"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"departmentYearAggregate", aggregateOp("departmentYearAggregate", "departmentYears"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"evaluationYearOnYear", yearOnYearOp("evaluationYearOnYear", "evaluations", "SCORE"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"indicatorYearOnYear", yearOnYearOp("indicatorYearOnYear", "indicators", "SCORE"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"departmentYearOnYear", yearOnYearOp("departmentYearOnYear", "departmentYears", "TOTAL_BUDGET"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"export evaluations", exportOp("evaluations", "evaluations"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"export indicators", exportOp("indicators", "indicators"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"export departmentYears", exportOp("departmentYears", "departmentYears"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"export fundingLines", exportOp("fundingLines", "fundingLines"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node outside revenue line", nodeOp(func(e *env) string { return e.revenueLine[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"node inside indicator", nodeOp(func(e *env) string { return e.indicator[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside indicator", nodeOp(func(e *env) string { return e.indicator[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"node published indicator", nodeOp(func(e *env) string { return e.publicIndicator }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"report inside (draft)", reportOp(func(e *env) string { return e.overall[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"report outside (draft)", reportOp(func(e *env) string { return e.overall[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"report published", reportOp(func(e *env) string { return e.publicEval }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of an inside indicator", warningsOp("Indicator", func(e *env) string { return e.indicator[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"warnings of an outside indicator", warningsOp("Indicator", func(e *env) string { return e.indicator[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of a published indicator", warningsOp("Indicator", func(e *env) string { return e.publicIndicator }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of the inside year", warningsOp("DepartmentYear", func(e *env) string { return e.year[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"warnings of the outside year", warningsOp("DepartmentYear", func(e *env) string { return e.year[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of the published year", warningsOp("DepartmentYear", func(e *env) string { return e.publicYear }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of the inside evaluation", warningsOp("Evaluation", func(e *env) string { return e.overall[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"warnings of the outside evaluation", warningsOp("Evaluation", func(e *env) string { return e.overall[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"warnings of the published evaluation", warningsOp("Evaluation", func(e *env) string { return e.publicEval }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"form.xlsx inside", fileOp("form.xlsx", func(e *env) string { return e.overall[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"form.xlsx outside", fileOp("form.xlsx", func(e *env) string { return e.overall[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"form.xlsx published", fileOp("form.xlsx", func(e *env) string { return e.publicEval }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"report.pdf inside", fileOp("report.pdf", func(e *env) string { return e.overall[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"report.pdf outside", fileOp("report.pdf", func(e *env) string { return e.overall[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"report.docx published", fileOp("report.docx", func(e *env) string { return e.publicEval }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"report.docx outside", fileOp("report.docx", func(e *env) string { return e.overall[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"users", plainOp(`{ users(first: 10) { edges { node { id username } } } }`), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"apiTokens", plainOp(`{ apiTokens(first: 10) { edges { node { id name } } } }`), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"auditRecords", plainOp(`{ auditRecords(first: 10) { edges { node { id action } } } }`), cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"me", plainOp(`{ me { kind name role scope { code } } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
		{"limits", plainOp(`{ limits { fields { type field maxLength } ratingBands { rating low high } } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
		{"ruleSets", plainOp(`{ ruleSets(allVersions: true) { id year version name region { code } parameters { reverseRule } } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
		{"defaultRules", plainOp(`{ defaultRules { reverseRule excellentFrom } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
		{"rules of the evaluations one reads", plainOp(`{ evaluations(first: 50) { edges { node { rules { frozen ruleSet { id version } parameters { excellentFrom } } } } } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
		{"viewerCan of the office's evaluation", plainOp(`{ evaluations(first: 50) { edges { node { viewerCan { edit submit approve return publish } locked lockReason { status } } } } }`), cells{anon: allow, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
	}
	reads = append(reads, libraryReads()...)
	reads = append(reads, targetsReads()...)
	reads = append(reads, evidenceReads()...)
	reads = append(reads, roundsReads()...)
	reads = append(reads, reviewReads()...)
	reads = append(reads, monitoringReads()...)
	reads = append(reads, webhooksReads()...)

	// Mutations, every evaluation concerned still a draft (or, for the review
	// steps, in the status the step starts from).
	mutations := []row{
		{"createDepartment inside", createDepartmentOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createDepartment outside", createDepartmentOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateDepartment inside", updateDepartmentOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateDepartment outside", updateDepartmentOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteDepartment inside", deleteDepartmentOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteDepartment outside", deleteDepartmentOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createDepartmentYear inside", createDepartmentYearOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createDepartmentYear outside", createDepartmentYearOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateDepartmentYear inside", updateDepartmentYearOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateDepartmentYear outside", updateDepartmentYearOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteDepartmentYear inside (empty)", deleteDepartmentYearOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteDepartmentYear outside (empty)", deleteDepartmentYearOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setMonthlyExecution inside", setMonthlyExecutionOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setMonthlyExecution outside", setMonthlyExecutionOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setMonthlyExecution inside, first months", setFirstMonthsOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createKeyTask inside", createKeyTaskOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createKeyTask outside", createKeyTaskOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateKeyTask inside", updateKeyTaskOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateKeyTask outside", updateKeyTaskOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteKeyTask inside", deleteKeyTaskOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteKeyTask outside", deleteKeyTaskOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createFundingLine inside", createFundingLineOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createFundingLine outside", createFundingLineOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateFundingLine inside", updateFundingLineOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateFundingLine outside", updateFundingLineOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteFundingLine inside", deleteFundingLineOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteFundingLine outside", deleteFundingLineOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setFundingLines inside", setFundingLinesOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setFundingLines outside", setFundingLinesOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createProject inside", createProjectOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createProject outside", createProjectOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateProject inside", updateProjectOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateProject outside", updateProjectOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteProject inside", deleteProjectOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteProject outside", deleteProjectOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createIndicator inside", createIndicatorOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createIndicator outside", createIndicatorOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateIndicator inside", updateIndicatorOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateIndicator outside", updateIndicatorOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteIndicator inside", deleteIndicatorOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteIndicator outside", deleteIndicatorOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createEvaluation inside", createEvaluationOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createEvaluation outside", createEvaluationOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateEvaluation inside", updateEvaluationOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateEvaluation outside", updateEvaluationOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setReportText inside", setReportTextOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"setReportText outside", setReportTextOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteEvaluation inside", deleteEvaluationOp(inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"deleteEvaluation outside", deleteEvaluationOp(outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"submitEvaluation inside (draft)", workflowOp(submitQuery, "DRAFT", inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"submitEvaluation outside (draft)", workflowOp(submitQuery, "DRAFT", outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"approveEvaluation inside (submitted)", workflowOp(approveQuery, "SUBMITTED", inside), cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"approveEvaluation outside (submitted)", workflowOp(approveQuery, "SUBMITTED", outside), cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"returnEvaluation inside (submitted)", workflowOp(returnQuery, "SUBMITTED", inside), cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"returnEvaluation outside (submitted)", workflowOp(returnQuery, "SUBMITTED", outside), cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"publishEvaluation inside (approved)", workflowOp(publishQuery, "APPROVED", inside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"publishEvaluation outside (approved)", workflowOp(publishQuery, "APPROVED", outside), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"importEvaluationForm inside (dry run)", importOp(func(e *env) string { return e.overall[inside] }), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"importEvaluationForm outside (dry run)", importOp(func(e *env) string { return e.overall[outside] }), cells{anon: unauth, admin: allow, reviewer: forbidden, editor: notFound, analyst: forbidden, token: forbidden, scoped: notFound}},
		{"createRuleSet", createRuleSetOp, cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateRuleSet", updateRuleSetOp, cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createUser", createUserOp, cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"updateUser", updateUserOp, cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"createAPIToken", createAPITokenOp, cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
		{"revokeAPIToken", revokeAPITokenOp, cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}},
	}
	mutations = append(mutations, libraryMutations()...)
	mutations = append(mutations, targetsMutations()...)
	mutations = append(mutations, evidenceMutations()...)
	mutations = append(mutations, roundsMutations()...)
	mutations = append(mutations, reviewMutations()...)
	mutations = append(mutations, monitoringMutations()...)
	mutations = append(mutations, webhooksMutations()...)

	header := make([]string, nCallers)
	copy(header, callerNames[:])
	table := []string{tableLine("operation", header)}
	// e.t is the running subtest's, so that a failed preparation stops that subtest.
	t.Run("reads", func(t *testing.T) { e.t = t; table = append(table, e.runRows(t, reads)...) })
	t.Run("filters reach no hidden row", func(t *testing.T) {
		e.t = t
		e.issueOracles(t)
		table = append(table, e.filterOracles(t)...)
	})
	// Before the mutations: a published outside evaluation would make the outside
	// year readable to anonymous callers.
	t.Run("no existence leak", func(t *testing.T) { e.t = t; e.existenceLeaks(t) })
	t.Run("mutations", func(t *testing.T) { e.t = t; table = append(table, e.runRows(t, mutations)...) })
	t.Run("workflow", func(t *testing.T) { e.t = t; table = append(table, e.workflow(t)...) })
	t.Logf("permission matrix (what each cell must give; \"want≠got\" where the answer differs; UNAUTH = UNAUTHENTICATED, FORBID = FORBIDDEN), %v:\n%s", time.Since(start), strings.Join(table, "\n"))
}

// setUp signs every caller in once and builds the fixture around the demo data.
func setUp(t *testing.T, srv *server) *env {
	e := &env{t: t}
	e.as[anon] = srv.anonymous()
	// With --demo the demo's "admin" account is the first administrator (the
	// environment's is not created once users exist): srv.accounts holds its password.
	e.as[admin] = srv.admin(t)
	e.as[reviewer] = srv.as(t, "reviewer")
	e.as[editor] = srv.as(t, "editor")
	e.as[analyst] = srv.as(t, "analyst")

	// The office's demo data.
	var office struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					ID         string
					Department struct{ ID, ParentID string }
					Months     []struct {
						Month                             int
						CumulativeExecuted, TargetPercent string
					}
					KeyTasks          []struct{ ID string }
					OverallEvaluation struct {
						ID             string
						Status         string
						SubmitProblems []struct{ Field, Message string }
					}
					Indicators struct {
						Edges []struct{ Node struct{ ID string } }
					}
					Projects struct {
						Edges []struct{ Node struct{ ID string } }
					}
					FundingLines []struct{ ID, Category string }
				}
			}
		}
	}
	must(t, e.admin(), `{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "`+officeCode+`"}}) { edges { node {
		id department { id parentID } months { month cumulativeExecuted targetPercent } keyTasks { id }
		overallEvaluation { id status submitProblems { field message } }
		indicators(first: 1, where: {hasProject: false}) { edges { node { id } } }
		projects(first: 1) { edges { node { id } } }
		fundingLines { id category }
	} } } }`, nil, &office)
	if len(office.DepartmentYears.Edges) != 1 {
		t.Fatalf("the demo's office year: got %d", len(office.DepartmentYears.Edges))
	}
	o := office.DepartmentYears.Edges[0].Node
	if o.OverallEvaluation.Status != "DRAFT" || len(o.OverallEvaluation.SubmitProblems) > 0 {
		t.Fatalf("the demo's overall evaluation must be a submittable draft: %+v", o.OverallEvaluation)
	}
	if len(o.KeyTasks) == 0 || len(o.Months) == 0 || len(o.Indicators.Edges) == 0 || len(o.Projects.Edges) == 0 ||
		len(o.FundingLines) == 0 || o.FundingLines[0].Category != "GENERAL_PUBLIC_BUDGET" {
		t.Fatalf("the demo year lacks key tasks, months, indicators or projects: %+v", o)
	}
	district := o.Department.ParentID
	e.dept[inside], e.year[inside], e.overall[inside] = o.Department.ID, o.ID, o.OverallEvaluation.ID
	e.indicator[inside], e.project[inside], e.keyTask[inside] = o.Indicators.Edges[0].Node.ID, o.Projects.Edges[0].Node.ID, o.KeyTasks[0].ID
	for _, m := range o.Months {
		e.months[inside] = append(e.months[inside], map[string]any{"month": m.Month, "cumulativeExecuted": m.CumulativeExecuted, "targetPercent": m.TargetPercent})
	}

	// A sibling of the office, outside the editor's subtree: a year with an overall
	// indicator, a project with an indicator and an evaluation, a key task, months,
	// and a draft overall evaluation.
	e.dept[outside] = e.mk(createDepartment, map[string]any{"in": map[string]any{"code": outsideCode, "name": "区财政局", "parentID": district}})
	e.year[outside] = e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": e.dept[outside], "year": 2023,
		"personnelBudget": "100", "personnelActual": "100"}})
	e.indicator[outside] = e.mk(createIndicator, met(e.year[outside], "", "100"))
	e.overall[outside] = e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[outside]}})
	e.project[outside] = e.mk(createProject, map[string]any{"in": map[string]any{"departmentYearID": e.year[outside], "code": "CZ-2023-01", "name": "预算评审", "budget": "50", "executed": "50"}})
	e.mk(createIndicator, met(e.year[outside], e.project[outside], "90"))
	e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[outside], "projectID": e.project[outside]}})
	e.keyTask[outside] = e.freshKeyTask(outside)
	// Lines: the outside year's revenue (its totals: 100 budget and actual), and on
	// each side a source line of a project without an evaluation, for the edits.
	e.revenueLine[inside] = o.FundingLines[0].ID
	e.revenueLine[outside] = e.mk(createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": e.year[outside],
		"category": "GENERAL_PUBLIC_BUDGET", "adjustedBudget": "100", "executed": "100"}})
	e.mk(createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": e.year[outside], "projectID": e.project[outside],
		"category": "CURRENT_APPROPRIATION", "adjustedBudget": "50", "executed": "50"}})
	for _, s := range []side{inside, outside} {
		e.fundingLine[s] = e.mk(createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": e.year[s],
			"projectID": e.freshProject(s), "category": "CURRENT_APPROPRIATION"}})
	}
	e.months[outside] = []map[string]any{{"month": 1, "cumulativeExecuted": "10", "targetPercent": "8"}}
	must(t, e.admin(), setMonthsQuery, map[string]any{"id": e.year[outside], "months": e.months[outside]}, nil)

	// A second sibling whose overall evaluation is published: what anonymous callers read.
	pub := e.mk(createDepartment, map[string]any{"in": map[string]any{"code": publicCode, "name": "区发展和改革局", "parentID": district}})
	e.publicYear = e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": pub, "year": 2023}})
	e.publicIndicator = e.mk(createIndicator, met(e.publicYear, "", "100"))
	e.publicProject = e.mk(createProject, map[string]any{"in": map[string]any{"departmentYearID": e.publicYear, "name": "规划编制", "budget": "20", "executed": "20"}})
	e.mk(createLineQuery, map[string]any{"in": map[string]any{"departmentYearID": e.publicYear, "projectID": e.publicProject,
		"category": "CURRENT_APPROPRIATION", "adjustedBudget": "20", "executed": "20"}})
	e.mk(createIndicator, met(e.publicYear, e.publicProject, "90"))
	e.publicEval = e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.publicYear}})
	for _, q := range []string{submitQuery, approveQuery, publishQuery} {
		must(t, e.admin(), q, map[string]any{"id": e.publicEval}, nil)
	}

	// API tokens: one that reads everything, one limited to the office's subtree.
	for _, tk := range []struct {
		w    who
		dept any
	}{{token, nil}, {scoped, e.dept[inside]}} {
		var out struct{ CreateAPIToken struct{ Token string } }
		must(t, e.admin(), createToken, map[string]any{"name": callerNames[tk.w], "d": tk.dept}, &out)
		e.as[tk.w] = srv.withToken(out.CreateAPIToken.Token)
	}
	e.victim = e.mk(`mutation($in: NewUserInput!) { createUser(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"username": "victim", "role": "ANALYST", "password": "a long enough password"}})
	// Each side's library has an entry of its own, and a project indicator made from it:
	// what a filter through hasLibraryIndicatorWith must not reach from the other side.
	for _, s := range []side{inside, outside} {
		e.library[s] = e.freshLibrary(s, false)
		must(t, e.admin(), `mutation($y: ID!, $p: ID, $ids: [ID!]!) { addIndicatorsFromLibrary(departmentYearID: $y, projectID: $p, libraryIDs: $ids) { id } }`,
			map[string]any{"y": e.year[s], "p": e.freshProject(s), "ids": []string{e.library[s]}}, nil)
	}
	e.targetsSetUp(t)
	e.evidenceSetUp()
	e.roundsSetUp(t)
	e.reviewSetUp()
	e.monitoringSetUp()
	return e
}

// runRows runs every cell of rows, row by row, and returns the rows of the text table.
func (e *env) runRows(t *testing.T, rows []row) []string {
	var out []string
	for _, r := range rows {
		var u *universe
		if r.op.rows != "" {
			u = e.universe(t, r.op.rows)
		}
		line := make([]string, nCallers)
		for w := range nCallers {
			got := e.cell(t, r.name, r.op, w, r.cells[w], u)
			line[w] = mark(r.cells[w], got)
		}
		out = append(out, tableLine(r.name, line))
	}
	return out
}

func mark(want expect, got string) string {
	if got == want.String() {
		return want.String()
	}
	return want.String() + "≠" + got
}

// short names the outcomes in the text table.
var short = strings.NewReplacer("UNAUTHENTICATED", "UNAUTH", "FORBIDDEN", "FORBID", "PUBLISHED_ONLY", "PUBLISHED", "INSIDE_ONLY", "INSIDE")

func tableLine(name string, cols []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-50s", name)
	for _, c := range cols {
		fmt.Fprintf(&b, " %-17s", short.Replace(c))
	}
	return strings.TrimRight(b.String(), " ")
}

// cell runs one operation as one caller and checks the answer against want; it
// returns what the answer was, in the words of expect.
func (e *env) cell(t *testing.T, name string, op operation, w who, want expect, u *universe) string {
	t.Helper()
	var vars map[string]any
	if op.vars != nil {
		vars = op.vars(e)
	}
	r := op.send(t, e.as[w], vars)
	got := outcome(r)
	switch want {
	case all, insideOnly, publishedOnly, none:
		if got == "ALLOW" {
			got = op.rowsOf(t, r, u, want)
		}
	case seen, hidden:
		got = e.nodeOutcome(t, op, w, vars, r)
	}
	if got == "ALLOW" && op.undo != nil {
		op.undo(e, r.Data)
	}
	if got != want.String() {
		msg := ""
		if len(r.Errors) > 0 {
			msg = r.Errors[0].Message
		}
		t.Errorf("%s as %s: want %s, got %s %s", name, callerNames[w], want, got, msg)
	}
	return got
}

// outcome is ALLOW for an answer without errors, else the first error's code.
func outcome(r gqlResponse) string {
	if len(r.Errors) == 0 {
		return "ALLOW"
	}
	if code, _ := r.Errors[0].Extensions["code"].(string); code != "" {
		return code
	}
	return "NO_CODE"
}

// listed is the ids of a connection answer.
func listed(t *testing.T, r gqlResponse) map[string]bool {
	t.Helper()
	var data map[string]struct {
		Edges []struct{ Node struct{ ID string } }
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
	ids := map[string]bool{}
	for _, conn := range data {
		for _, edge := range conn.Edges {
			ids[edge.Node.ID] = true
		}
	}
	return ids
}

// nodeOutcome is SEEN when node(id:) returned the object, HIDDEN when it answered
// exactly what it answers for an id that does not exist.
func (e *env) nodeOutcome(t *testing.T, op operation, w who, vars map[string]any, r gqlResponse) string {
	var data struct{ Node *struct{ ID string } }
	if r.Data != nil {
		_ = json.Unmarshal(r.Data, &data)
	}
	if data.Node != nil {
		if data.Node.ID == vars["id"] {
			return "SEEN"
		}
		return "OTHER_NODE"
	}
	mv := op.missing(e)
	nothing := op.send(t, e.as[w], mv)
	a, b := normalized(r, vars["id"].(string)), normalized(nothing, mv["id"].(string))
	if a != b {
		return fmt.Sprintf("LEAK(%s vs missing %s)", a, b)
	}
	return "HIDDEN"
}

// normalized is an answer's errors with the ids replaced, to compare two answers.
func normalized(r gqlResponse, ids ...string) string {
	var parts []string
	for _, err := range r.Errors {
		msg := err.Message
		for _, id := range ids {
			msg = strings.ReplaceAll(msg, id, "<id>")
		}
		code, _ := err.Extensions["code"].(string)
		parts = append(parts, code+": "+msg)
	}
	if len(parts) == 0 {
		return "no error: " + string(r.Data)
	}
	return strings.Join(parts, "; ")
}

// universe is every row of one entity, as the administrator reads it, with the
// rows inside the editor's subtree and the rows anonymous callers may read.
type universe struct {
	all, inside, published map[string]bool
	key                    map[string]string // a row's department code and year: "440115-001/2023"
}

func (u *universe) classify(got map[string]bool, want expect) string {
	sets := map[expect]map[string]bool{all: u.all, insideOnly: u.inside, publishedOnly: u.published, none: {}}
	if len(u.inside) == 0 || (len(u.published) == 0 && want == publishedOnly) || len(u.inside) == len(u.all) {
		return "FIXTURE_TOO_SMALL"
	}
	if sameSet(got, sets[want]) {
		return want.String()
	}
	for _, x := range []expect{all, insideOnly, publishedOnly, none} {
		if sameSet(got, sets[x]) {
			return x.String()
		}
	}
	var extra, lacking []string
	for id := range got {
		if !sets[want][id] {
			extra = append(extra, id)
		}
	}
	for id := range sets[want] {
		if !got[id] {
			lacking = append(lacking, id)
		}
	}
	sort.Strings(extra)
	sort.Strings(lacking)
	return fmt.Sprintf("OTHER(%d rows; extra %v, lacking %v)", len(got), extra, lacking)
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func insideCode(code string) bool {
	return code == officeCode || strings.HasPrefix(code, officeCode+"-")
}

type classified struct {
	ID, Code, Status string
	Year             int
	Department       struct{ Code string }
	DepartmentYear   struct{ ID string }
	Evaluations      []struct {
		Status  string
		Project *struct{ ID string }
	}
	Evaluation *struct{ Status string } // a project's
	Project    *struct {
		Evaluation *struct{ Status string }
	} // an indicator's
}

func (e *env) classified(t *testing.T, query string) []classified {
	t.Helper()
	var data map[string]struct{ Edges []struct{ Node classified } }
	must(t, e.admin(), query, nil, &data)
	var out []classified
	for _, conn := range data {
		for _, edge := range conn.Edges {
			out = append(out, edge.Node)
		}
	}
	return out
}

// universe reads, as the administrator, every row of entity and sorts them.
func (e *env) universe(t *testing.T, entity string) *universe {
	u := &universe{all: map[string]bool{}, inside: map[string]bool{}, published: map[string]bool{}, key: map[string]string{}}
	keys := map[string]string{} // each row's department code and year, for the aggregates' counts
	add := func(id string, in, pub bool) {
		u.all[id] = true
		u.key[id] = keys[id]
		if in {
			u.inside[id] = true
		}
		if pub {
			u.published[id] = true
		}
	}
	years := map[string]classified{}
	for _, y := range e.classified(t, `{ departmentYears(first: 500) { edges { node { id year department { code } evaluations { status project { id } } } } } }`) {
		years[y.ID] = y
	}
	yearKey := func(id string) string { return fmt.Sprintf("%s/%d", years[id].Department.Code, years[id].Year) }
	// A year's figures and overall indicators are public once its overall evaluation is published.
	yearPublished := func(id string) bool {
		for _, ev := range years[id].Evaluations {
			if ev.Status == "PUBLISHED" && ev.Project == nil {
				return true
			}
		}
		return false
	}
	published := func(ev *struct{ Status string }) bool { return ev != nil && ev.Status == "PUBLISHED" }
	yearInside := func(id string) bool { return insideCode(years[id].Department.Code) }
	switch entity {
	case "departments":
		for _, d := range e.classified(t, `{ departments(first: 500) { edges { node { id code } } } }`) {
			add(d.ID, insideCode(d.Code), true) // department names are public
		}
	case "departmentYears":
		for id := range years {
			keys[id] = yearKey(id)
			add(id, yearInside(id), yearPublished(id))
		}
	case "projects":
		for _, n := range e.classified(t, `{ projects(first: 500) { edges { node { id departmentYear { id } evaluation { status } } } } }`) {
			add(n.ID, yearInside(n.DepartmentYear.ID), yearPublished(n.DepartmentYear.ID) || published(n.Evaluation))
		}
	case "indicators":
		for _, n := range e.classified(t, `{ indicators(first: 500) { edges { node { id departmentYear { id } project { evaluation { status } } } } } }`) {
			keys[n.ID] = yearKey(n.DepartmentYear.ID)
			pub := yearPublished(n.DepartmentYear.ID)
			if n.Project != nil {
				pub = published(n.Project.Evaluation)
			}
			add(n.ID, yearInside(n.DepartmentYear.ID), pub)
		}
	case "fundingLines":
		// A year's revenue line is public with its year, a project's line with its project.
		for _, n := range e.classified(t, `{ fundingLines(first: 500) { edges { node { id departmentYear { id } project { evaluation { status } } } } } }`) {
			keys[n.ID] = yearKey(n.DepartmentYear.ID)
			pub := yearPublished(n.DepartmentYear.ID)
			if n.Project != nil {
				pub = pub || published(n.Project.Evaluation)
			}
			add(n.ID, yearInside(n.DepartmentYear.ID), pub)
		}
	case "evaluations":
		for _, n := range e.classified(t, `{ evaluations(first: 500) { edges { node { id status departmentYear { id } } } } }`) {
			keys[n.ID] = yearKey(n.DepartmentYear.ID)
			add(n.ID, yearInside(n.DepartmentYear.ID), n.Status == "PUBLISHED")
		}
	case "libraryIndicators":
		e.libraryUniverse(t, add)
	case "targetVersions":
		e.targetsUniverse(t, yearInside, yearPublished, add)
	case "attachments":
		e.evidenceUniverse(t, yearInside, yearPublished, add)
	case "rounds":
		e.roundsUniverse(t, add)
	case "rectifications":
		e.reviewUniverse(t, yearInside, add)
	case "monitoringReports":
		e.monitoringUniverse(t, yearInside, add)
	default:
		t.Fatalf("no universe for %s", entity)
	}
	return u
}

// existenceLeaks checks that a denied caller who cannot read an object cannot
// tell it from one that does not exist: both get the same answer. Every denied
// caller, blind or not, must get a denial code, whatever else is wrong with the
// request (an object still in use, say).
func (e *env) existenceLeaks(t *testing.T) {
	denied := []who{anon, reviewer, editor, analyst, token, scoped}
	probes := []struct {
		name   string
		query  string
		target func(e *env) string
		extra  map[string]any
		blind  []who // those who cannot read the target: their answers must not differ
		node   bool  // node(id:): hidden means a null node, not an error code
		what   string
	}{
		{"updateIndicator outside", updateIndQuery, func(e *env) string { return e.indicator[outside] }, nil,
			[]who{anon, editor, scoped}, false, "an overall indicator of " + outsideCode},
		{"deleteProject outside, in use", deleteProjQuery, func(e *env) string { return e.project[outside] }, nil,
			[]who{anon, editor, scoped}, false, outsideCode + "'s project, which has an indicator and an evaluation"},
		{"deleteDepartmentYear outside, in use", `mutation($id: ID!) { deleteDepartmentYear(id: $id) }`, func(e *env) string { return e.year[outside] }, nil,
			[]who{anon, editor, scoped}, false, outsideCode + "'s 2023 year, which has a project, indicators and evaluations"},
		{"deleteDepartment outside, in use", `mutation($id: ID!) { deleteDepartment(id: $id) }`, func(e *env) string { return e.dept[outside] }, nil,
			[]who{editor, scoped}, false, outsideCode + ", which has a year"},
		{"deleteProject published department, in use", deleteProjQuery, func(e *env) string { return e.publicProject }, nil,
			[]who{editor, scoped}, false, publicCode + "'s project (its year has a published evaluation), which has an indicator"},
		{"submitEvaluation outside", submitQuery, func(e *env) string { return e.overall[outside] }, nil,
			[]who{anon, editor, scoped}, false, outsideCode + "'s draft overall evaluation"},
		{"setMonthlyExecution outside", setMonthsQuery, func(e *env) string { return e.year[outside] },
			map[string]any{"months": []map[string]any{{"month": 1, "cumulativeExecuted": "10", "targetPercent": "8"}}},
			[]who{anon, editor, scoped}, false, outsideCode + "'s 2023 year"},
		{"node outside indicator", nodeQuery, func(e *env) string { return e.indicator[outside] }, nil,
			[]who{anon, editor, scoped}, true, "an overall indicator of " + outsideCode},
		{"updateFundingLine outside", updateLineQuery, func(e *env) string { return e.revenueLine[outside] }, nil,
			[]who{anon, editor, scoped}, false, outsideCode + "'s revenue line"},
		{"setFundingLines outside", `mutation($id: ID!, $lines: [FundingLineInput!]!) { setFundingLines(departmentYearID: $id, lines: $lines) { id } }`,
			func(e *env) string { return e.year[outside] }, map[string]any{"lines": []map[string]any{}},
			[]who{anon, editor, scoped}, false, outsideCode + "'s 2023 revenue"},
		{"node outside revenue line", nodeQuery, func(e *env) string { return e.revenueLine[outside] }, nil,
			[]who{anon, editor, scoped}, true, outsideCode + "'s revenue line"},
	}
	for _, p := range probes {
		callers := denied
		if p.node {
			callers = p.blind
		}
		for _, w := range callers {
			target := p.target(e)
			gone := missingID(target)
			vars := map[string]any{"id": target}
			missing := map[string]any{"id": gone}
			for k, v := range p.extra {
				vars[k], missing[k] = v, v
			}
			r1 := post(t, e.as[w], p.query, vars)
			a := normalized(r1, target)
			if slices.Contains(p.blind, w) {
				if b := normalized(post(t, e.as[w], p.query, missing), gone); a != b {
					t.Errorf("%s as %s: %s and a nonexistent id get different answers:\n\texisting: %s\n\tmissing:  %s", p.name, callerNames[w], p.what, a, b)
				}
			}
			if p.node {
				continue
			}
			want := "FORBIDDEN"
			if w == anon {
				want = "UNAUTHENTICATED"
			}
			if got := outcome(r1); got != want {
				t.Errorf("%s as %s: %s: want %s, got %s", p.name, callerNames[w], p.what, want, a)
			}
		}
	}
}

// workflow takes the office's overall evaluation through the review, one caller
// at a time, checking who may take which step and what is locked meanwhile.
func (e *env) workflow(t *testing.T) []string {
	office := func(e *env) string { return e.overall[inside] }
	step := func(q string) operation { return operation{query: q, vars: idVars(office)} }
	edit := updateIndicatorOp(inside)
	steps := []struct {
		name string
		w    who
		op   operation
		want expect
	}{
		{"editor submits the office's evaluation", editor, step(submitQuery), allow},
		{"editor updateIndicator (submitted)", editor, edit, locked},
		{"editor updateEvaluation (submitted)", editor, updateEvaluationOp(inside), locked},
		{"editor updateDepartmentYear (submitted)", editor, updateDepartmentYearOp(inside), locked},
		{"editor createIndicator (submitted)", editor, createIndicatorOp(inside), locked},
		{"editor addIndicatorsFromLibrary (submitted)", editor, addFromLibraryOp(inside), locked},
		{"editor setMonthlyExecution (submitted)", editor, setMonthlyExecutionOp(inside), locked},
		{"editor updateFundingLine, the year's revenue (submitted)", editor, operation{query: updateLineQuery,
			vars: idVars(func(e *env) string { return e.revenueLine[inside] })}, locked},
		{"editor setFundingLines, the year's revenue (submitted)", editor, operation{query: setLinesQuery,
			vars: func(e *env) map[string]any { return map[string]any{"y": e.year[inside], "lines": []map[string]any{}} }}, locked},
		{"editor createFundingLine, the year's revenue (submitted)", editor, createFundingLineOp(inside), locked},
		{"editor setReportText (submitted)", editor, setReportTextOp(inside), locked},
		{"admin setReportText (submitted)", admin, setReportTextOp(inside), allow},
		{"admin updateIndicator (submitted)", admin, edit, allow},
		{"editor importEvaluationForm (submitted)", editor, importOp(office), locked},
		{"admin importEvaluationForm (submitted)", admin, importOp(office), allow},
		{"editor approves (submitted)", editor, step(approveQuery), forbidden},
		{"analyst returns (submitted)", analyst, step(returnQuery), forbidden},
		{"token approves (submitted)", token, step(approveQuery), forbidden},
		{"reviewer returns (submitted)", reviewer, step(returnQuery), allow},
		{"editor updateIndicator (returned)", editor, edit, allow},
		{"editor submits again (returned)", editor, step(submitQuery), allow},
		{"reviewer approves (submitted)", reviewer, step(approveQuery), allow},
		{"editor updateIndicator (approved)", editor, edit, locked},
		{"reviewer publishes (approved)", reviewer, step(publishQuery), forbidden},
		{"editor publishes (approved)", editor, step(publishQuery), forbidden},
		{"admin publishes (approved)", admin, step(publishQuery), allow},
		{"editor updateIndicator (published)", editor, edit, locked},
		{"anonymous reads evaluations (published)", anon, listOp("evaluations", "evaluations"), publishedOnly},
		{"anonymous reads departmentYears (published)", anon, listOp("departmentYears", "departmentYears"), publishedOnly},
		{"anonymous reads indicators (published)", anon, listOp("indicators", "indicators"), publishedOnly},
		{"anonymous reads projects (published)", anon, listOp("projects", "projects"), publishedOnly},
		{"anonymous reads fundingLines (published)", anon, listOp("fundingLines", "fundingLines"), publishedOnly},
		{"anonymous node office indicator (published)", anon, nodeOp(func(e *env) string { return e.indicator[inside] }), seen},
		{"editor reads evaluations (published)", editor, listOp("evaluations", "evaluations"), insideOnly},
	}
	var out []string
	for _, s := range steps {
		var u *universe
		if s.op.rows != "" {
			u = e.universe(t, s.op.rows)
		}
		got := e.cell(t, s.name, s.op, s.w, s.want, u)
		out = append(out, tableLine("workflow: "+s.name, []string{callerNames[s.w] + ": " + mark(s.want, got)}))
	}
	// The published evaluation is among what anonymous callers read.
	var evs struct {
		Evaluations struct {
			Edges []struct{ Node struct{ ID, Status string } }
		}
	}
	must(t, e.as[anon], `{ evaluations(first: 500) { edges { node { id status } } } }`, nil, &evs)
	found := false
	for _, edge := range evs.Evaluations.Edges {
		found = found || edge.Node.ID == e.overall[inside] && edge.Node.Status == "PUBLISHED"
	}
	if !found {
		t.Errorf("anonymous callers do not read the office's published evaluation %s: %+v", e.overall[inside], evs)
	}
	return out
}
