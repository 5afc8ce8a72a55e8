package app

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The permission matrix's rows for the indicator library and starting a year from
// the last. A department's library entries are its data: inside is the office's,
// outside the sibling's; the common library is what every signed-in caller reads,
// and nobody signed out reads any entry (the universe has no "published" rows).

const (
	createLibraryQuery = `mutation($in: CreateLibraryIndicatorInput!, $p: Boolean) { createLibraryIndicator(input: $in, propose: $p) { id } }`
	libraryStepQuery   = `mutation($id: ID!) { %s(id: $id) { id } }`
)

// libraryInput is a department's (or, with no side, the common library's) entry, named afresh.
func (e *env) libraryInput(s *side) map[string]any {
	in := map[string]any{"scope": "COMMON", "level1": "产出指标", "level2": "数量指标", "name": fmt.Sprintf("权限测试指标%d", e.next()),
		"kind": "QUANTITATIVE", "operator": "GE", "unit": "件", "targetMin": "1"}
	if s != nil {
		in["scope"], in["departmentID"] = "DEPARTMENT", e.dept[*s]
	}
	return in
}

// freshLibrary is a new draft (or proposed) entry of the side's department.
func (e *env) freshLibrary(s side, propose bool) string {
	return e.mk(createLibraryQuery, map[string]any{"in": e.libraryInput(&s), "p": propose})
}

func createLibraryOp(s *side) operation {
	return operation{query: createLibraryQuery, vars: func(e *env) map[string]any { return map[string]any{"in": e.libraryInput(s)} }}
}

func updateLibraryOp(f func(e *env) string) operation {
	return operation{query: `mutation($id: ID!) { updateLibraryIndicator(id: $id, input: {unit: "项"}) { id } }`, vars: idVars(f)}
}

func libraryStepOp(mutation string, f func(e *env) string) operation {
	q := fmt.Sprintf(libraryStepQuery, mutation)
	switch mutation {
	case "approveLibraryIndicator":
		q = `mutation($id: ID!) { approveLibraryIndicator(id: $id, comment: "同意") { id } }`
	case "returnLibraryIndicator":
		q = `mutation($id: ID!) { returnLibraryIndicator(id: $id, comment: "请修改") { id } }`
	}
	return operation{query: q, vars: idVars(f)}
}

func deleteLibraryOp(f func(e *env) string) operation {
	return operation{query: `mutation($id: ID!) { deleteLibraryIndicator(id: $id) }`, vars: idVars(f)}
}

// proposeIndicatorOp proposes a fresh indicator of the side's year, of a name of its own.
func proposeIndicatorOp(s side) operation {
	return operation{query: `mutation($id: ID!) { proposeIndicatorToLibrary(indicatorID: $id, tags: ["权限"]) { id } }`,
		vars: idVars(func(e *env) string {
			in := met(e.year[s], e.freshProject(s), "90")
			in["in"].(map[string]any)["name"] = fmt.Sprintf("提议指标%d", e.next())
			return e.mk(createIndicator, in)
		})}
}

// addFromLibraryOp adds the common library's 群众满意度 to the side's year; a success
// is deleted again, so that the overall weights still add up to 100 for the workflow.
func addFromLibraryOp(s side) operation {
	return operation{
		query: `mutation($y: ID!, $ids: [ID!]!) { addIndicatorsFromLibrary(departmentYearID: $y, libraryIDs: $ids) { id } }`,
		vars: func(e *env) map[string]any {
			var out struct {
				LibraryIndicators struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			must(e.t, e.admin(), `{ libraryIndicators(where: {name: "群众满意度"}) { edges { node { id } } } }`, nil, &out)
			return map[string]any{"y": e.year[s], "ids": []string{out.LibraryIndicators.Edges[0].Node.ID}}
		},
		undo: func(e *env, data json.RawMessage) {
			var out struct{ AddIndicatorsFromLibrary []struct{ ID string } }
			if err := json.Unmarshal(data, &out); err != nil {
				e.t.Fatalf("undo: %v", err)
			}
			for _, in := range out.AddIndicatorsFromLibrary {
				must(e.t, e.admin(), `mutation($id: ID!) { deleteIndicator(id: $id) }`, map[string]any{"id": in.ID}, nil)
			}
		},
	}
}

// startYearOp starts the year after an empty year of a fresh department on the side.
func startYearOp(s side) operation {
	return operation{query: `mutation($d: ID!, $y: Int!) { startYearFromLast(departmentID: $d, year: $y) { departmentYear { id } } }`,
		vars: func(e *env) map[string]any {
			d := e.freshDepartment(s)
			e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": d, "year": 2023}})
			return map[string]any{"d": d, "y": 2024}
		}}
}

// libraryReads are the matrix's rows that read the library.
func libraryReads() []row {
	inside, outside := func(e *env) string { return e.library[inside] }, func(e *env) string { return e.library[outside] }
	return []row{
		{"libraryIndicators", listOp("libraryIndicators", "libraryIndicators"), cells{anon: unauth, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside library entry", nodeOp(inside), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside library entry", nodeOp(outside), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"libraryTags", plainOp(`{ libraryTags }`), cells{anon: unauth, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
	}
}

// libraryMutations are the matrix's rows that change the library or start a year.
func libraryMutations() []row {
	in, out := inside, outside
	fresh := func(s side, propose bool) func(e *env) string {
		return func(e *env) string { return e.freshLibrary(s, propose) }
	}
	common := func(e *env) string { return e.mk(createLibraryQuery, map[string]any{"in": e.libraryInput(nil)}) }
	bureau := cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	own := cells{anon: unauth, admin: allow, reviewer: allow, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	data := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	dataOutside := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	return []row{
		{"createLibraryIndicator inside", createLibraryOp(&in), own},
		{"createLibraryIndicator outside", createLibraryOp(&out), bureau},
		{"createLibraryIndicator common", createLibraryOp(nil), bureau},
		{"updateLibraryIndicator inside (draft)", updateLibraryOp(fresh(inside, false)), own},
		{"updateLibraryIndicator inside (proposed)", updateLibraryOp(fresh(inside, true)), bureau},
		{"updateLibraryIndicator outside", updateLibraryOp(fresh(outside, false)), bureau},
		{"updateLibraryIndicator common", updateLibraryOp(common), bureau},
		{"deleteLibraryIndicator inside", deleteLibraryOp(fresh(inside, false)), own},
		{"deleteLibraryIndicator outside", deleteLibraryOp(fresh(outside, false)), bureau},
		{"proposeLibraryIndicator inside", libraryStepOp("proposeLibraryIndicator", fresh(inside, false)), own},
		{"proposeLibraryIndicator outside", libraryStepOp("proposeLibraryIndicator", fresh(outside, false)), bureau},
		{"approveLibraryIndicator inside", libraryStepOp("approveLibraryIndicator", fresh(inside, true)), bureau},
		{"returnLibraryIndicator inside", libraryStepOp("returnLibraryIndicator", fresh(inside, true)), bureau},
		{"proposeIndicatorToLibrary inside", proposeIndicatorOp(inside), own},
		{"proposeIndicatorToLibrary outside", proposeIndicatorOp(outside), cells{anon: unauth, admin: allow, reviewer: allow, editor: notFound, analyst: forbidden, token: forbidden, scoped: notFound}},
		{"addIndicatorsFromLibrary inside", addFromLibraryOp(inside), data},
		{"addIndicatorsFromLibrary outside", addFromLibraryOp(outside), dataOutside},
		{"startYearFromLast inside", startYearOp(inside), data},
		{"startYearFromLast outside", startYearOp(outside), dataOutside},
	}
}

// libraryUniverse sorts every library entry: inside are those the office's editor
// reads, the common library and the office's own; none is published.
func (e *env) libraryUniverse(t *testing.T, add func(id string, in, pub bool)) {
	var out struct {
		LibraryIndicators struct {
			Edges []struct {
				Node struct {
					ID, Scope, Status string
					Department        *struct{ Code string }
				}
			}
		}
	}
	must(t, e.admin(), `{ libraryIndicators(first: 1000) { edges { node { id scope status department { code } } } } }`, nil, &out)
	for _, edge := range out.LibraryIndicators.Edges {
		n := edge.Node
		common := n.Scope == "COMMON" && n.Status == "APPROVED"
		add(n.ID, common || (n.Department != nil && insideCode(n.Department.Code)), false)
	}
}
