package app

import (
	"testing"
	"time"
)

// The permission matrix's rows for rounds (工作布置): read like the data (a round
// by the departments it includes: an editor or a scoped token reads those with
// a department of its subtree; nobody signed in reads none); opened, changed and
// closed by the finance bureau (administrators and reviewers); everybody signed
// in has a queue.

const (
	openRoundOpQ  = `mutation($in: OpenRoundInput!) { openRound(input: $in) { id } }`
	updateRoundOp = `mutation($id: ID!) { updateRound(id: $id, input: {name: "权限测试轮次"}) { id } }`
	closeRoundOp  = `mutation($id: ID!) { closeRound(id: $id) { id } }`
)

// freshRound opens, as the administrator, a round of the side's department.
func (e *env) freshRound(s side) string {
	return e.mk(openRoundOpQ, map[string]any{"in": roundInput(e.dept[s])})
}

func roundInput(dept string) map[string]any {
	return map[string]any{"kind": "SELF_EVALUATION", "year": 2023, "name": "权限测试",
		"deadline": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339), "departmentIDs": []string{dept}}
}

func (e *env) roundsSetUp(t *testing.T) {
	for _, s := range []side{inside, outside} {
		e.rounds[s] = e.freshRound(s)
	}
}

func roundsReads() []row {
	return []row{
		{"rounds", listOp("rounds", "rounds"), cells{anon: unauth, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside round", nodeOp(func(e *env) string { return e.rounds[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside round", nodeOp(func(e *env) string { return e.rounds[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
		{"myQueue", plainOp(`{ myQueue { toFill { round { id } } returned { comment } toReview { daysWaiting } targetsToReview { daysWaiting } rounds { id summary { total } } } }`),
			cells{anon: unauth, admin: allow, reviewer: allow, editor: allow, analyst: allow, token: allow, scoped: allow}},
	}
}

func roundsMutations() []row {
	bureau := cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	open := func(s side) operation {
		return operation{query: openRoundOpQ, vars: func(e *env) map[string]any { return map[string]any{"in": roundInput(e.dept[s])} }}
	}
	on := func(query string, s side) operation {
		return operation{query: query, vars: idVars(func(e *env) string { return e.freshRound(s) })}
	}
	return []row{
		{"openRound inside", open(inside), bureau},
		{"openRound outside", open(outside), bureau},
		{"updateRound inside", on(updateRoundOp, inside), bureau},
		{"updateRound outside", on(updateRoundOp, outside), bureau},
		{"closeRound inside", on(closeRoundOp, inside), bureau},
		{"closeRound outside", on(closeRoundOp, outside), bureau},
	}
}

// roundsUniverse sorts every round: inside when it includes a department of the office's subtree.
func (e *env) roundsUniverse(t *testing.T, add func(id string, in, pub bool)) {
	var out struct {
		Rounds struct {
			Edges []struct {
				Node struct {
					ID           string
					Participants []struct{ Department struct{ Code string } }
				}
			}
		}
	}
	must(t, e.admin(), `{ rounds(first: 1000) { edges { node { id participants { department { code } } } } } }`, nil, &out)
	for _, edge := range out.Rounds.Edges {
		in := false
		for _, p := range edge.Node.Participants {
			in = in || insideCode(p.Department.Code)
		}
		add(edge.Node.ID, in, false)
	}
}
