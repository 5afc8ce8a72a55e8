package app

import "testing"

// The permission matrix's rows for performance targets: a year's target versions
// are its data (read like the year; the public reads the approved versions of a
// published year, which its report cites); the department files and proposes
// adjustments, the finance bureau (administrators, reviewers) decides.

const (
	fileTargetsQuery  = `mutation($y: ID!) { fileTargets(departmentYearID: $y) { id } }`
	adjustQuery       = `mutation($y: ID!, $c: [TargetChangeInput!]!) { proposeTargetAdjustment(departmentYearID: $y, reason: "权限测试", changes: $c) { id } }`
	approveTargetsOpQ = `mutation($id: ID!) { approveTargets(id: $id, comment: "同意") { id } }`
	returnTargetsOpQ  = `mutation($id: ID!) { returnTargets(id: $id, comment: "请修改") { id } }`
)

// freshTargetYear is the 2023 year of a new department on the side with one
// indicator (the year the matrix's year-on-year rows compare), its targets as the
// step needs them: not filed, filed (the version's id), or approved.
func (e *env) freshTargetYear(s side, step string) (year, version, indicator string) {
	year = e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": e.freshDepartment(s), "year": 2023}})
	indicator = e.mk(createIndicator, met(year, "", "100"))
	if step == "" {
		return year, "", indicator
	}
	version = e.mk(fileTargetsQuery, map[string]any{"y": year})
	if step == "approved" {
		e.mk(approveTargetsOpQ, map[string]any{"id": version})
	}
	return year, version, indicator
}

// targetsSetUp files a version in a fresh year of each side, and files and
// approves one in the published year.
func (e *env) targetsSetUp(t *testing.T) {
	for _, s := range []side{inside, outside} {
		_, e.targets[s], _ = e.freshTargetYear(s, "filed")
	}
	e.publicTargets = e.mk(fileTargetsQuery, map[string]any{"y": e.publicYear})
	e.mk(approveTargetsOpQ, map[string]any{"id": e.publicTargets})
}

func targetsReads() []row {
	return []row{
		{"targetVersions", listOp("targetVersions", "targetVersions"), cells{anon: publishedOnly, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside target version", nodeOp(func(e *env) string { return e.targets[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside target version", nodeOp(func(e *env) string { return e.targets[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"node published target version", nodeOp(func(e *env) string { return e.publicTargets }), cells{anon: seen, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
	}
}

func targetsMutations() []row {
	data := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	dataOutside := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	bureau := cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	file := func(s side) operation {
		return operation{query: fileTargetsQuery, vars: func(e *env) map[string]any {
			y, _, _ := e.freshTargetYear(s, "")
			return map[string]any{"y": y}
		}}
	}
	adjust := func(s side) operation {
		return operation{query: adjustQuery, vars: func(e *env) map[string]any {
			y, _, ind := e.freshTargetYear(s, "approved")
			return map[string]any{"y": y, "c": []map[string]any{{"indicatorID": ind, "target": "2"}}}
		}}
	}
	decide := func(query string, s side) operation {
		return operation{query: query, vars: idVars(func(e *env) string { _, v, _ := e.freshTargetYear(s, "filed"); return v })}
	}
	return []row{
		{"fileTargets inside", file(inside), data},
		{"fileTargets outside", file(outside), dataOutside},
		{"proposeTargetAdjustment inside", adjust(inside), data},
		{"proposeTargetAdjustment outside", adjust(outside), dataOutside},
		{"approveTargets inside", decide(approveTargetsOpQ, inside), bureau},
		{"approveTargets outside", decide(approveTargetsOpQ, outside), bureau},
		{"returnTargets inside", decide(returnTargetsOpQ, inside), bureau},
		{"returnTargets outside", decide(returnTargetsOpQ, outside), bureau},
	}
}

// targetsUniverse sorts every target version: inside with its year, published
// when approved in a year whose overall evaluation is published.
func (e *env) targetsUniverse(t *testing.T, yearInside, yearPublished func(string) bool, add func(id string, in, pub bool)) {
	var out struct {
		TargetVersions struct {
			Edges []struct {
				Node struct {
					ID, Status     string
					DepartmentYear struct{ ID string }
				}
			}
		}
	}
	must(t, e.admin(), `{ targetVersions(first: 1000) { edges { node { id status departmentYear { id } } } } }`, nil, &out)
	for _, edge := range out.TargetVersions.Edges {
		n := edge.Node
		add(n.ID, yearInside(n.DepartmentYear.ID), n.Status == "APPROVED" && yearPublished(n.DepartmentYear.ID))
	}
}
