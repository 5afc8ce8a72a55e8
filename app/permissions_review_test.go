package app

import "testing"

// The permission matrix's rows for the review: re-scores and rectification items
// are the finance bureau's (administrators, reviewers), the department answers
// its own items; items are read like their evaluation's year, never by the
// public (a published report states them).

const (
	rescoreOpQ = `mutation($id: ID!) { rescoreIndicator(indicatorID: $id, score: "0.5", reason: "权限测试") { id } }`
	clearOpQ   = `mutation($id: ID!) { clearRescore(indicatorID: $id) { id } }`
	raiseOpQ   = `mutation($ev: ID!) { raiseRectification(input: {evaluationID: $ev, issue: "权限测试", requirement: "整改", dueDate: "2024-06-30"}) { id } }`
	answerOpQ  = `mutation($id: ID!) { answerRectification(id: $id, measures: "已整改") { id } }`
	acceptOpQ  = `mutation($id: ID!) { acceptRectification(id: $id) { id } }`
	rejectOpQ  = `mutation($id: ID!) { rejectRectification(id: $id, comment: "请补充") { id } }`
)

// freshReview is a submitted project evaluation of the side with its one
// indicator; with rescored, the administrator has re-scored the indicator.
func (e *env) freshReview(s side, rescored bool) (evaluation, indicator string) {
	p := e.freshProject(s)
	indicator = e.mk(createIndicator, met(e.year[s], p, "90"))
	evaluation = e.mk(createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[s], "projectID": p}})
	must(e.t, e.admin(), submitQuery, map[string]any{"id": evaluation}, nil)
	if rescored {
		must(e.t, e.admin(), rescoreOpQ, map[string]any{"id": indicator}, nil)
	}
	return evaluation, indicator
}

// freshRectification is an item raised on a fresh submission of the side, answered when asked.
func (e *env) freshRectification(s side, answered bool) string {
	ev, _ := e.freshReview(s, false)
	id := e.mk(raiseOpQ, map[string]any{"ev": ev})
	if answered {
		must(e.t, e.admin(), answerOpQ, map[string]any{"id": id}, nil)
	}
	return id
}

// reviewSetUp raises an item on each side, so that the list has rows on both.
func (e *env) reviewSetUp() {
	for _, s := range []side{inside, outside} {
		e.rectifications[s] = e.freshRectification(s, false)
	}
}

func reviewReads() []row {
	return []row{
		{"rectifications", listOp("rectifications", "rectifications"), cells{anon: unauth, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside rectification", nodeOp(func(e *env) string { return e.rectifications[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside rectification", nodeOp(func(e *env) string { return e.rectifications[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
	}
}

func reviewMutations() []row {
	bureau := cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	department := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	outsideDepartment := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	indicatorOf := func(query string, s side, rescored bool) operation {
		return operation{query: query, vars: idVars(func(e *env) string { _, ind := e.freshReview(s, rescored); return ind })}
	}
	raiseOn := func(s side) operation {
		return operation{query: raiseOpQ, vars: func(e *env) map[string]any { ev, _ := e.freshReview(s, false); return map[string]any{"ev": ev} }}
	}
	item := func(query string, s side, answered bool) operation {
		return operation{query: query, vars: idVars(func(e *env) string { return e.freshRectification(s, answered) })}
	}
	return []row{
		{"rescoreIndicator inside", indicatorOf(rescoreOpQ, inside, false), bureau},
		{"rescoreIndicator outside", indicatorOf(rescoreOpQ, outside, false), bureau},
		{"clearRescore inside", indicatorOf(clearOpQ, inside, true), bureau},
		{"clearRescore outside", indicatorOf(clearOpQ, outside, true), bureau},
		{"raiseRectification inside", raiseOn(inside), bureau},
		{"raiseRectification outside", raiseOn(outside), bureau},
		{"answerRectification inside", item(answerOpQ, inside, false), department},
		{"answerRectification outside", item(answerOpQ, outside, false), outsideDepartment},
		{"acceptRectification inside", item(acceptOpQ, inside, true), bureau},
		{"acceptRectification outside", item(acceptOpQ, outside, true), bureau},
		{"rejectRectification inside", item(rejectOpQ, inside, true), bureau},
		{"rejectRectification outside", item(rejectOpQ, outside, true), bureau},
	}
}

// reviewUniverse sorts every rectification item: inside with its evaluation's
// year; none is public.
func (e *env) reviewUniverse(t *testing.T, yearInside func(string) bool, add func(id string, in, pub bool)) {
	var out struct {
		Rectifications struct {
			Edges []struct {
				Node struct {
					ID         string
					Evaluation struct{ DepartmentYear struct{ ID string } }
				}
			}
		}
	}
	must(t, e.admin(), `{ rectifications(first: 1000) { edges { node { id evaluation { departmentYear { id } } } } } }`, nil, &out)
	for _, edge := range out.Rectifications.Edges {
		n := edge.Node
		add(n.ID, yearInside(n.Evaluation.DepartmentYear.ID), false)
	}
}
