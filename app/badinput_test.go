package app

import (
	"strings"
	"testing"
)

// snapshot is everything a bad request could touch, as the API returns it.
const snapshot = `{
	departments(first: 1000) { edges { node { id code name parent { id } } } }
	departmentYears(first: 1000) { edges { node { id year personnelBudget personnelActual publicBudget publicActual
		projectBudget projectActual carryoverEnd months { month cumulativeExecuted targetPercent } } } }
	indicators(first: 1000) { edges { node { id name kind operator target actual weight binding rating ratedScore deviationReason } } }
	evaluations(first: 1000) { edges { node { id status conclusion } } }
	projects(first: 1000) { edges { node { id name budget executed } } }
}`

// TestBadInput sends every kind of bad input and checks that each gets a clear
// error (code, field, what is wrong) and leaves the data exactly as it was.
func TestBadInput(t *testing.T) { stores(t, badInput) }

func badInput(t *testing.T, db string) {
	base := startServer(t, db).admin(t)
	f := build(t, base)
	gone := id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "GONE", "name": "已撤销"}})
	must(t, base, `mutation($id: ID!) { deleteDepartment(id: $id) }`, map[string]any{"id": gone}, nil)
	project := id(t, base, `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"departmentYearID": f.year, "name": "督查督办", "code": "P-1", "budget": "120", "executed": "118.5"}})
	var otherYear struct {
		DepartmentYears struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, base, `query($d: ID!) { departmentYears(where: {hasDepartmentWith: {id: $d}}) { edges { node { id } } } }`, map[string]any{"d": f.other}, &otherYear)

	quantitative := func(extra map[string]any) map[string]any {
		in := map[string]any{"departmentYearID": f.year, "level1": "产出", "level2": "数量", "name": "新指标",
			"kind": "QUANTITATIVE", "operator": "GE", "target": "10", "actual": "5", "weight": "5"}
		for k, v := range extra {
			if v == nil {
				delete(in, k)
			} else {
				in[k] = v
			}
		}
		return map[string]any{"in": in}
	}
	tests := []struct {
		name, query string
		vars        map[string]any
		code, field string
		says        string // part of the message
	}{
		{"decimal that is not a number", createIndicator, quantitative(map[string]any{"weight": "five"}), "", "", `"five" is not a decimal`},
		{"decimal with 7 places", createIndicator, quantitative(map[string]any{"target": "1.0000001"}), "", "", "more than 6 decimal places"},
		{"an Int given as words", createYear, map[string]any{"in": map[string]any{"departmentID": f.office, "year": "二〇二四"}}, "GRAPHQL_VALIDATION_FAILED", "year", "in.year: cannot use string as Int"},
		{"unknown enum value", createIndicator, quantitative(map[string]any{"operator": "ABOUT"}), "GRAPHQL_VALIDATION_FAILED", "", "ABOUT"},
		{"negative money", `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {personnelBudget: "-1"}) { id } }`, map[string]any{"id": f.year}, "BAD_USER_INPUT", "personnelBudget", "must not be negative"},
		{"weight zero", createIndicator, quantitative(map[string]any{"weight": "0"}), "BAD_USER_INPUT", "weight", "greater than 0"},
		{"year out of range", createYear, map[string]any{"in": map[string]any{"departmentID": f.office, "year": 1900}}, "BAD_USER_INPUT", "year", "between 2000 and 2100, got 1900"},
		{"qualitative score outside its band", createIndicator, quantitative(map[string]any{"kind": "QUALITATIVE", "operator": nil, "target": nil, "actual": nil, "rating": "PARTIAL", "ratedScore": "4.5"}), "BAD_USER_INPUT", "ratedScore", "3.00 to less than 4.00"},
		{"qualitative with an operator", createIndicator, quantitative(map[string]any{"kind": "QUALITATIVE", "target": nil, "actual": nil}), "BAD_USER_INPUT", "operator", "qualitative indicator has no operator"},
		{"quantitative without target", createIndicator, quantitative(map[string]any{"target": nil}), "BAD_USER_INPUT", "target", "required"},
		{"bound indicator with a typed actual", createIndicator, quantitative(map[string]any{"binding": "EXECUTION_RATE"}), "BAD_USER_INPUT", "actual", "derived"},
		{"binding on a project indicator", createIndicator, quantitative(map[string]any{"actual": nil, "binding": "EXECUTION_RATE", "projectID": project}), "BAD_USER_INPUT", "binding", "department-year"},
		{"project of another year", createIndicator, quantitative(map[string]any{"projectID": project, "departmentYearID": otherYear.DepartmentYears.Edges[0].Node.ID}), "BAD_USER_INPUT", "projectID", "belongs to department-year"},
		{"rating changed so the score leaves its band", `mutation($id: ID!) { updateIndicator(id: $id, input: {rating: NOT_ACHIEVED}) { id } }`, map[string]any{"id": f.indicators["rules"]}, "BAD_USER_INPUT", "ratedScore", "NOT_ACHIEVED"},
		{"unknown indicator id", `mutation { updateIndicator(id: 999, input: {name: "x"}) { id } }`, nil, "NOT_FOUND", "", "indicator 999 does not exist"},
		{"unknown department-year", createIndicator, quantitative(map[string]any{"departmentYearID": "12345"}), "NOT_FOUND", "departmentYearID", "department-year 12345 does not exist"},
		{"a deleted parent", createDepartment, map[string]any{"in": map[string]any{"code": "ORPHAN", "name": "孤儿", "parentID": gone}}, "NOT_FOUND", "parentID", "does not exist"},
		{"a department moved under its own child", `mutation($id: ID!, $p: ID!) { updateDepartment(id: $id, input: {parentID: $p}) { id } }`, map[string]any{"id": f.district, "p": f.office}, "BAD_USER_INPUT", "parentID", "own subtree"},
		{"a duplicate department code", createDepartment, map[string]any{"in": map[string]any{"code": "D1", "name": "重复"}}, "CONFLICT", "code", `a department with code "D1" already exists (department `},
		{"a project code used twice in a year", `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"departmentYearID": f.year, "name": "又一个", "code": "P-1"}}, "CONFLICT", "code", `a project with code "P-1" in department-year ` + f.year + " already exists (project " + project + ")"},
		{"a second overall evaluation", createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": f.year}}, "CONFLICT", "departmentYearID", "an overall evaluation of department-year " + f.year + " already exists (evaluation " + f.evaluation + ")"},
		{"a qualitative indicator of weight 0", createIndicator, quantitative(map[string]any{"kind": "QUALITATIVE", "operator": nil, "target": nil, "actual": nil, "rating": "ACHIEVED", "ratedScore": "0", "weight": "0"}), "BAD_USER_INPUT", "weight", "weight: must be greater than 0"},
		{"deleting a department that has sub-departments", `mutation($id: ID!) { deleteDepartment(id: $id) }`, map[string]any{"id": f.district}, "BAD_USER_INPUT", "id", "2 sub-departments"},
		{"a month given twice", `mutation($id: ID!) { setMonthlyExecution(departmentYearID: $id, months: [{month: 1, cumulativeExecuted: "1", targetPercent: "5"}, {month: 1, cumulativeExecuted: "2", targetPercent: "6"}]) { id } }`, map[string]any{"id": f.year}, "BAD_USER_INPUT", "months[1].month", "twice"},
		{"month 13", `mutation($id: ID!) { setMonthlyExecution(departmentYearID: $id, months: [{month: 13, cumulativeExecuted: "1", targetPercent: "5"}]) { id } }`, map[string]any{"id": f.year}, "BAD_USER_INPUT", "months", "month: must be between 1 and 12, got 13"},
		{"a page too large", `{ indicators(first: 5000) { totalCount } }`, nil, "BAD_USER_INPUT", "first", "between 0 and 1000, got 5000"},
		{"the second mutation of two fails: the first is rolled back too", `mutation { a: createDepartment(input: {code: "NEW", name: "新"}) { id } b: createDepartment(input: {code: "D1", name: "重复"}) { id } }`, nil, "CONFLICT", "code", ""},
		{"submitting an evaluation twice", `mutation($id: ID!) { deleteEvaluation(id: $id) }`, map[string]any{"id": "77"}, "NOT_FOUND", "", "evaluation 77"},
	}
	var before map[string]any
	must(t, base, snapshot, nil, &before)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, base, tt.query, tt.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("accepted: %s", r.Data)
			}
			e := r.Errors[0]
			if tt.code != "" && e.Extensions["code"] != tt.code {
				t.Errorf("code = %v, want %s (%s)", e.Extensions["code"], tt.code, e.Message)
			}
			if tt.code == "" && e.Extensions["code"] != "BAD_USER_INPUT" && e.Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
				t.Errorf("code = %v, want a bad-input code (%s)", e.Extensions["code"], e.Message)
			}
			if tt.field != "" && e.Extensions["field"] != tt.field {
				t.Errorf("field = %v, want %s (%s)", e.Extensions["field"], tt.field, e.Message)
			}
			if !strings.Contains(e.Message, tt.says) {
				t.Errorf("message %q does not say %q", e.Message, tt.says)
			}
			for _, leak := range []string{"SELECT", "INSERT", "constraint failed", "goroutine", "ent:"} {
				if strings.Contains(e.Message, leak) {
					t.Errorf("message leaks internals (%q): %s", leak, e.Message)
				}
			}
			var after map[string]any
			must(t, base, snapshot, nil, &after)
			if a, b := jsonString(before), jsonString(after); a != b {
				t.Fatalf("the data changed: %s", firstDifference(a, b))
			}
		})
	}
}

// firstDifference shows where two long strings part, with a little context.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "before …" + a[from:min(len(a), i+80)] + "… after …" + b[from:min(len(b), i+80)] + "…"
}
