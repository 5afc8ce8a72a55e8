package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"jixiao/domain/rounds"
)

// Rounds (工作布置) and work queues through the API, on the demo's seed: the
// finance bureau opens rounds with deadlines in the future and in the past, the
// office's editor sees what to fill, submits, and the rounds say on time and late;
// a return shows in the editor's queue with its comment and in the round; the
// reviewer's queue holds what waits; closing a round takes it out of the queues.

const (
	openRoundQ = `mutation($in: OpenRoundInput!) { openRound(input: $in) { id name kind year status deadline version createdByName
		participants { department { code } projects } summary { total } } }`
	roundQ = `query($id: ID!) { node(id: $id) { ... on Round { id name status deadline daysLeft pastDeadline version
		viewerCan { update close }
		participants { department { code } status submittedAt departmentYear { year } evaluation { id status } }
		summary { onTime late returned notSubmitted overdue total } } } }`
	queueQ = `query($d: Int) { myQueue(withinDays: $d) {
		toFill { round { id name } department { code } departmentYear { year } evaluation { id } status deadline daysLeft }
		returned { evaluation { id } comment returnedAt returnedBy }
		returnedTargets { version { id } comment returnedBy }
		toReview { evaluation { id departmentYear { department { code } } } submittedAt daysWaiting } toReviewCount
		targetsToReview { version { id } daysWaiting } targetsToReviewCount
		rounds { id name summary { total } } } }`
)

type roundPart struct {
	Department     struct{ Code string }
	Status         string
	SubmittedAt    *string
	DepartmentYear *struct{ Year int }
	Evaluation     *struct{ ID, Status string }
}

type roundState struct {
	ID, Name, Status, Deadline string
	DaysLeft, Version          int
	PastDeadline               bool
	ViewerCan                  struct{ Update, Close bool }
	Participants               []roundPart
	Summary                    struct{ OnTime, Late, Returned, NotSubmitted, Overdue, Total int }
}

type queue struct {
	ToFill []struct {
		Round          struct{ ID, Name string }
		Department     struct{ Code string }
		DepartmentYear *struct{ Year int }
		Evaluation     *struct{ ID string }
		Status         string
		Deadline       string
		DaysLeft       int
	}
	Returned []struct {
		Evaluation struct{ ID string }
		Comment    string
		ReturnedAt *string
		ReturnedBy string
	}
	ReturnedTargets []struct {
		Version             struct{ ID string }
		Comment, ReturnedBy string
	}
	ToReview []struct {
		Evaluation struct {
			ID             string
			DepartmentYear struct{ Department struct{ Code string } }
		}
		SubmittedAt string
		DaysWaiting int
	}
	ToReviewCount   int
	TargetsToReview []struct {
		Version     struct{ ID string }
		DaysWaiting int
	}
	TargetsToReviewCount int
	Rounds               []struct {
		ID, Name string
		Summary  struct{ Total int }
	}
}

func roundNow(t *testing.T, c *caller, id string) *roundState {
	t.Helper()
	var out struct{ Node *roundState }
	must(t, c, roundQ, map[string]any{"id": id}, &out)
	return out.Node
}

func queueOf(t *testing.T, c *caller, days *int) queue {
	t.Helper()
	var out struct{ MyQueue queue }
	vars := map[string]any{}
	if days != nil {
		vars["d"] = *days
	}
	must(t, c, queueQ, vars, &out)
	return out.MyQueue
}

func statusOf(r *roundState, code string) string {
	for _, p := range r.Participants {
		if p.Department.Code == code {
			return p.Status
		}
	}
	return "(absent)"
}

func TestRounds(t *testing.T) { stores(t, roundsAPI) }

func roundsAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor, analyst, anon := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor"), srv.as(t, "analyst"), srv.anonymous()
	s := seed(t, admin)
	ev, _ := officeEvaluation(t, editor)
	now := time.Now().UTC()
	rfc := func(t time.Time) string { return t.Format(time.RFC3339) }

	// The office and its neighbour (named twice: taken once), due in ten days; the
	// office alone, by its subtree, opened ten days ago and due an hour ago.
	openAs := func(c *caller, in map[string]any) gqlResponse {
		return post(t, c, openRoundQ, map[string]any{"in": in})
	}
	dueSoon := map[string]any{"kind": "SELF_EVALUATION", "year": 2023, "name": "2023年度部门整体支出绩效自评",
		"deadline": rfc(now.Add(10 * 24 * time.Hour)), "departmentIDs": []string{s.office, s.neighbour, s.office}}
	future := id(t, admin, openRoundQ, map[string]any{"in": dueSoon})
	past := id(t, reviewer, openRoundQ, map[string]any{"in": map[string]any{"kind": "SELF_EVALUATION", "year": 2023, "name": "逾期轮次",
		"opensAt": rfc(now.Add(-10 * 24 * time.Hour)), "deadline": rfc(now.Add(-time.Hour)), "subtreeIDs": []string{s.office}}})
	// A round of the neighbour alone, which the office's editor never sees.
	other := id(t, admin, openRoundQ, map[string]any{"in": map[string]any{"kind": "MONITORING", "year": 2024, "name": "2024年半年绩效监控",
		"deadline": rfc(now.Add(40 * 24 * time.Hour)), "departmentIDs": []string{s.neighbour}}})

	// Who opens rounds: the finance bureau.
	for _, c := range []struct {
		who  *caller
		code string
	}{{editor, "FORBIDDEN"}, {analyst, "FORBIDDEN"}, {anon, "UNAUTHENTICATED"}} {
		refused(t, "openRound", openAs(c.who, dueSoon), c.code, "", "")
	}
	bad := func(change map[string]any, field string) {
		in := map[string]any{}
		for k, v := range dueSoon {
			in[k] = v
		}
		for k, v := range change {
			in[k] = v
		}
		refused(t, "openRound "+field, openAs(admin, in), "BAD_USER_INPUT", field, "")
	}
	bad(map[string]any{"opensAt": rfc(now.Add(11 * 24 * time.Hour))}, "deadline")
	bad(map[string]any{"departmentIDs": []string{}}, "departmentIDs")
	bad(map[string]any{"name": ""}, "name")

	// Before anything is submitted. The office's evaluation is a draft in the seed.
	f := roundNow(t, admin, future)
	if len(f.Participants) != 2 || f.Status != "OPEN" || f.DaysLeft != 10 && f.DaysLeft != 11 || f.PastDeadline || !f.ViewerCan.Update || !f.ViewerCan.Close {
		t.Fatalf("the round as the bureau reads it: %+v", f)
	}
	if statusOf(f, officeCode) != "NOT_SUBMITTED" || f.Summary.Total != 2 {
		t.Errorf("before the deadline: %+v", f)
	}
	p := roundNow(t, admin, past)
	if statusOf(p, officeCode) != "OVERDUE" || !p.PastDeadline || p.DaysLeft > 0 || p.Summary.Overdue != 1 || p.Summary.Total != 1 {
		t.Errorf("past the deadline: %+v", p)
	}

	// The editor reads the rounds that include the office, and only the office's part of them.
	var list struct {
		Rounds struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, editor, `{ rounds(orderBy: [{field: DEADLINE}]) { edges { node { id } } } }`, nil, &list)
	if len(list.Rounds.Edges) != 2 || list.Rounds.Edges[0].Node.ID != past || list.Rounds.Edges[1].Node.ID != future {
		t.Errorf("the editor's rounds: %+v", list)
	}
	fe := roundNow(t, editor, future)
	if len(fe.Participants) != 1 || fe.Participants[0].Department.Code != officeCode || fe.Summary.Total != 1 || fe.ViewerCan.Update {
		t.Errorf("the round as the editor reads it: %+v", fe)
	}
	if r := post(t, editor, roundQ, map[string]any{"id": other}); code(r) != "NOT_FOUND" {
		t.Errorf("the editor reads a round of another department: %s %+v", r.Data, r.Errors)
	}
	if r := post(t, anon, `{ rounds { totalCount } }`, nil); code(r) != "UNAUTHENTICATED" {
		t.Errorf("the public lists rounds: %s %+v", r.Data, r.Errors)
	}
	var all struct{ Rounds struct{ TotalCount int } }
	must(t, analyst, `{ rounds { totalCount } }`, nil, &all)
	if all.Rounds.TotalCount != 3 {
		t.Errorf("the analyst reads %d rounds, want 3", all.Rounds.TotalCount)
	}
	must(t, editor, `query($d: ID!) { rounds(where: {hasParticipantsWith: {departmentID: $d}}) { totalCount } }`, map[string]any{"d": s.neighbour}, &all)
	if all.Rounds.TotalCount != 0 {
		t.Errorf("the editor finds %d rounds by the neighbour's part", all.Rounds.TotalCount)
	}

	// The editor's queue: the overdue round first, then the one due in ten days.
	q := queueOf(t, editor, nil)
	if len(q.ToFill) != 2 || q.ToFill[0].Round.ID != past || q.ToFill[0].Status != "OVERDUE" || q.ToFill[0].DaysLeft > 0 ||
		q.ToFill[1].Round.ID != future || q.ToFill[1].Status != "NOT_SUBMITTED" || q.ToFill[1].Evaluation == nil || q.ToFill[1].Evaluation.ID != ev ||
		q.ToFill[1].DepartmentYear == nil || q.ToFill[1].DepartmentYear.Year != 2023 || q.ToFill[1].Department.Code != officeCode {
		t.Errorf("the editor's queue: %+v", q.ToFill)
	}
	if len(q.ToReview)+len(q.Rounds)+len(q.Returned) != 0 {
		t.Errorf("the editor's queue holds others' work: %+v", q)
	}

	// Targets: filed, they wait in the reviewer's queue; returned, they are in the editor's with the comment.
	var filed struct{ FileTargets struct{ ID string } }
	must(t, editor, `mutation($y: ID!) { fileTargets(departmentYearID: $y) { id } }`, map[string]any{"y": s.officeYear}, &filed)
	tq := queueOf(t, reviewer, nil)
	if tq.TargetsToReviewCount != 1 || len(tq.TargetsToReview) != 1 || tq.TargetsToReview[0].Version.ID != filed.FileTargets.ID || tq.TargetsToReview[0].DaysWaiting != 0 {
		t.Errorf("the reviewer's targets: %+v", tq.TargetsToReview)
	}
	mustOK(t, reviewer, `mutation($id: ID!) { returnTargets(id: $id, comment: "目标偏低") { id } }`, map[string]any{"id": filed.FileTargets.ID})
	if q := queueOf(t, editor, nil); len(q.ReturnedTargets) != 1 || q.ReturnedTargets[0].Version.ID != filed.FileTargets.ID ||
		q.ReturnedTargets[0].Comment != "目标偏低" || q.ReturnedTargets[0].ReturnedBy != "reviewer" {
		t.Errorf("the editor's returned targets: %+v", q.ReturnedTargets)
	}
	if q := queueOf(t, reviewer, nil); q.TargetsToReviewCount != 0 || len(q.ReturnedTargets) != 0 {
		t.Errorf("the reviewer's queue after the return: %+v", q)
	}

	// The editor submits: on time in one round, late in the other.
	mustOK(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev})
	f, p = roundNow(t, admin, future), roundNow(t, admin, past)
	if statusOf(f, officeCode) != "SUBMITTED_ON_TIME" || f.Summary.OnTime != 1 || statusOf(p, officeCode) != "SUBMITTED_LATE" || p.Summary.Late != 1 {
		t.Errorf("after the submission: %+v / %+v", f, p)
	}
	for _, part := range f.Participants {
		if part.Department.Code == officeCode && (part.SubmittedAt == nil || part.Evaluation == nil || part.Evaluation.Status != "SUBMITTED") {
			t.Errorf("the office's part: %+v", part)
		}
	}
	if q := queueOf(t, editor, nil); len(q.ToFill) != 0 {
		t.Errorf("the editor still has to fill: %+v", q.ToFill)
	}

	// The reviewer's queue holds it, waiting since just now.
	rq := queueOf(t, reviewer, nil)
	found := false
	for _, it := range rq.ToReview {
		if it.Evaluation.ID == ev {
			found = it.DaysWaiting == 0 && it.Evaluation.DepartmentYear.Department.Code == officeCode
		}
	}
	if !found || rq.ToReviewCount != len(rq.ToReview) || len(rq.ToFill) != 0 {
		t.Errorf("the reviewer's queue: %+v", rq)
	}
	// Rounds due within 14 days or past: both of the office's; within 5 days the past one alone.
	if len(rq.Rounds) != 2 || rq.Rounds[0].ID != past || rq.Rounds[1].ID != future {
		t.Errorf("the bureau's rounds near their deadline: %+v", rq.Rounds)
	}
	five := 5
	if aq := queueOf(t, admin, &five); len(aq.Rounds) != 1 || aq.Rounds[0].ID != past {
		t.Errorf("within 5 days: %+v", aq.Rounds)
	}

	// Returned: in the editor's queue with the comment, and in the round.
	mustOK(t, reviewer, `mutation($id: ID!) { returnEvaluation(id: $id, comment: "请补充偏差原因") { status } }`, map[string]any{"id": ev})
	q = queueOf(t, editor, nil)
	if len(q.Returned) != 1 || q.Returned[0].Evaluation.ID != ev || q.Returned[0].Comment != "请补充偏差原因" || q.Returned[0].ReturnedBy != "reviewer" || q.Returned[0].ReturnedAt == nil {
		t.Errorf("the editor's returned work: %+v", q.Returned)
	}
	if f := roundNow(t, admin, future); statusOf(f, officeCode) != "RETURNED" || f.Summary.Returned != 1 {
		t.Errorf("after the return: %+v", f)
	}
	// Resubmitted: on time again, by its first submission.
	mustOK(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev})
	if f := roundNow(t, admin, future); statusOf(f, officeCode) != "SUBMITTED_ON_TIME" {
		t.Errorf("after the resubmission: %+v", f)
	}

	// Changing and closing.
	upd := `mutation($id: ID!, $in: UpdateRoundInput!, $v: Int) { updateRound(id: $id, input: $in, version: $v) { name deadline version } }`
	refused(t, "the editor updates", post(t, editor, upd, map[string]any{"id": future, "in": map[string]any{"name": "x"}}), "FORBIDDEN", "", "")
	refused(t, "a stale version", post(t, admin, upd, map[string]any{"id": future, "in": map[string]any{"name": "x"}, "v": 7}), "CONFLICT", "", "")
	later := now.Add(20 * 24 * time.Hour).Truncate(time.Second)
	mustOK(t, admin, upd, map[string]any{"id": future, "in": map[string]any{"deadline": later.In(time.FixedZone("CST", 8*3600)).Format(time.RFC3339)}, "v": 1})
	if f := roundNow(t, admin, future); f.Version != 2 || !strings.HasSuffix(f.Deadline, "Z") || f.Deadline != later.Format(time.RFC3339) {
		t.Errorf("the moved deadline (stored in UTC): %+v", f)
	}
	refused(t, "a deadline before the opening", post(t, admin, upd, map[string]any{"id": past, "in": map[string]any{"deadline": rfc(now.Add(-20 * 24 * time.Hour))}}), "BAD_USER_INPUT", "deadline", "")
	refused(t, "the editor closes", post(t, editor, `mutation($id: ID!) { closeRound(id: $id) { status } }`, map[string]any{"id": past}), "FORBIDDEN", "", "")
	mustOK(t, reviewer, `mutation($id: ID!) { closeRound(id: $id) { status } }`, map[string]any{"id": past})
	if p := roundNow(t, admin, past); p.Status != "CLOSED" || p.ViewerCan.Close || statusOf(p, officeCode) != "SUBMITTED_LATE" {
		t.Errorf("the closed round: %+v", p)
	}
	if aq := queueOf(t, admin, nil); len(aq.Rounds) != 0 {
		t.Errorf("the closed round (and the one now due in 20 days) in the bureau's queue: %+v", aq.Rounds)
	}
	if r := post(t, anon, queueQ, nil); code(r) != "UNAUTHENTICATED" {
		t.Errorf("the public's queue: %+v", r)
	}

	// Every change audited.
	var trail struct {
		AuditRecords struct {
			Edges []struct {
				Node struct{ EntityType, Action string }
			}
		}
	}
	must(t, admin, `{ auditRecords(first: 100, where: {entityTypeIn: ["Round", "RoundParticipant"]}) { edges { node { entityType action } } } }`, nil, &trail)
	counts := map[string]int{}
	for _, e := range trail.AuditRecords.Edges {
		counts[e.Node.EntityType+" "+e.Node.Action]++
	}
	if counts["Round CREATE"] != 3 || counts["RoundParticipant CREATE"] != 4 || counts["Round UPDATE"] != 2 {
		t.Errorf("the audit trail of rounds: %v", counts)
	}
}

// TestDemoRounds: the demo's rounds count the district as its evaluations stand:
// a department whose overall evaluation of the year was submitted (20 February,
// before the 31 March deadline) is on time, a returned one returned, a draft overdue.
func TestDemoRounds(t *testing.T) { stores(t, demoRounds) }

func demoRounds(t *testing.T, db string) {
	srv := startServer(t, db, "--demo")
	admin, editor := srv.admin(t), srv.as(t, "editor")
	var out struct {
		Rounds struct {
			Edges []struct{ Node roundState }
		}
		Evaluations struct {
			Edges []struct {
				Node struct {
					Status         string
					DepartmentYear struct{ Year int }
				}
			}
		}
	}
	must(t, admin, `{ rounds(orderBy: [{field: YEAR}]) { edges { node { id name status pastDeadline
		participants { department { code } status } summary { onTime late returned notSubmitted overdue total } } } }
		evaluations(first: 1000, where: {hasProject: false}) { edges { node { status departmentYear { year } } } } }`, nil, &out)
	if len(out.Rounds.Edges) != 3 {
		t.Fatalf("%d rounds, want 3", len(out.Rounds.Edges))
	}
	for i, e := range out.Rounds.Edges {
		r, year := e.Node, 2022+i
		want := map[string]int{}
		for _, ev := range out.Evaluations.Edges {
			if ev.Node.DepartmentYear.Year == year {
				want[ev.Node.Status]++
			}
		}
		s := r.Summary
		if s.OnTime != want["SUBMITTED"]+want["APPROVED"]+want["PUBLISHED"] || s.Returned != want["RETURNED"] || s.Late != 0 ||
			s.Overdue != s.Total-s.OnTime-s.Returned || s.Total != len(r.Participants) || !r.PastDeadline {
			t.Errorf("%s: %+v, the year's overall evaluations %v", r.Name, s, want)
		}
		if (r.Status == "OPEN") != (year == 2024) {
			t.Errorf("%s is %s", r.Name, r.Status)
		}
	}
	// The office has no 2024 yet: the open round is overdue in its editor's queue.
	q := queueOf(t, editor, nil)
	if len(q.ToFill) != 1 || q.ToFill[0].Round.Name != "2024年度部门整体支出绩效自评" || q.ToFill[0].Status != "OVERDUE" || q.ToFill[0].DepartmentYear != nil {
		t.Errorf("the editor's queue: %+v", q.ToFill)
	}
}

// TestMonitoringRounds: a MONITORING round counts the departments' monitoring
// reports at its point (read from its deadline), not their self-evaluations: none
// is not submitted, submitted before the deadline on time, after it late, returned
// returned until resubmitted (then by its first submission). The editor's queue
// asks to fill the report, the reviewer's to review it; a subscriber to the
// round (roundChanged) and to the queue (myQueueChanged) is told as it moves.
func TestMonitoringRounds(t *testing.T) { stores(t, monitoringRounds) }

func monitoringRounds(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor")
	s := seed(t, admin)
	now := time.Now().UTC()
	rfc := func(t time.Time) string { return t.Format(time.RFC3339) }
	// A department of the office's subtree (the editor's), with a year of one indicator.
	dept := id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": officeCode + "-901", "name": "监控科", "parentID": s.office}})
	dueSoon, dueBefore := now.Add(10*24*time.Hour), now.Add(-time.Hour)
	year := dueSoon.In(rounds.Shanghai).Year()
	yearID := id(t, admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": year}})
	indicator := id(t, admin, createIndicator, met(yearID, "", "100"))

	open := func(name string, opens, deadline time.Time) string {
		return id(t, admin, openRoundQ, map[string]any{"in": map[string]any{"kind": "MONITORING", "year": year, "name": name,
			"opensAt": rfc(opens), "deadline": rfc(deadline), "departmentIDs": []string{dept}}})
	}
	future := open("半年监控", now.Add(-24*time.Hour), dueSoon)
	past := open("逾期监控", now.Add(-20*24*time.Hour), dueBefore)
	selfEval := id(t, admin, openRoundQ, map[string]any{"in": map[string]any{"kind": "SELF_EVALUATION", "year": year, "name": "自评",
		"deadline": rfc(dueSoon), "departmentIDs": []string{dept}}})
	code := officeCode + "-901"

	const monRoundQ = `query($id: ID!) { node(id: $id) { ... on Round { kind monitoringPoint
		participants { department { code } status submittedAt monitoringReport { id status point } }
		summary { onTime late returned notSubmitted overdue total } } } }`
	type monRound struct {
		Kind            string
		MonitoringPoint *string
		Participants    []struct {
			Department       struct{ Code string }
			Status           string
			SubmittedAt      *string
			MonitoringReport *struct{ ID, Status, Point string }
		}
		Summary struct{ OnTime, Late, Returned, NotSubmitted, Overdue, Total int }
	}
	read := func(id string) monRound {
		t.Helper()
		var out struct{ Node monRound }
		must(t, admin, monRoundQ, map[string]any{"id": id}, &out)
		if len(out.Node.Participants) != 1 || out.Node.Participants[0].Department.Code != code {
			t.Fatalf("round %s: %+v", id, out.Node)
		}
		return out.Node
	}
	points := map[string]string{future: rounds.MonitoringPoint(year, dueSoon), past: rounds.MonitoringPoint(year, dueBefore)}
	for rid, want := range points {
		if r := read(rid); r.Kind != "MONITORING" || r.MonitoringPoint == nil || *r.MonitoringPoint != want ||
			r.Participants[0].Status == "SUBMITTED_ON_TIME" || r.Participants[0].MonitoringReport != nil {
			t.Errorf("round %s before any report: %+v (point %s)", rid, r, want)
		}
	}
	if r := read(past); r.Participants[0].Status != "OVERDUE" {
		t.Errorf("the past round without a report: %s", r.Participants[0].Status)
	}
	if r := read(selfEval); r.MonitoringPoint != nil {
		t.Errorf("a self-evaluation's monitoring point: %v", *r.MonitoringPoint)
	}

	// The round's dashboard and the reviewer's queue, subscribed.
	ws, err := dialWS(t, reviewer, map[string]any{"csrfToken": reviewer.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	ws.subscribe("round", `subscription($id: ID!) { roundChanged(id: $id) { id summary { onTime returned total } } }`, map[string]any{"id": future})
	ws.subscribe("queue", `subscription { myQueueChanged { monitoringToReviewCount monitoringToReview { report { id } daysWaiting } } }`, nil)
	waitMetric(t, srv, "jixiao_subscriptions", 2)

	// The editor's queue: fill the monitoring reports (a task per round; the self-evaluation's too).
	const monQueueQ = `{ myQueue { toFill { round { id kind } status monitoringPoint monitoringReport { id } evaluation { id } }
		monitoringToReview { report { id } submittedAt daysWaiting } monitoringToReviewCount } }`
	type monQueue struct {
		ToFill []struct {
			Round            struct{ ID, Kind string }
			Status           string
			MonitoringPoint  *string
			MonitoringReport *struct{ ID string }
		}
		MonitoringToReview []struct {
			Report      struct{ ID string }
			DaysWaiting int
		}
		MonitoringToReviewCount int
	}
	queueNow := func(c *caller) monQueue {
		t.Helper()
		var out struct{ MyQueue monQueue }
		must(t, c, monQueueQ, nil, &out)
		return out.MyQueue
	}
	tasks := map[string]string{}
	for _, task := range queueNow(editor).ToFill {
		if task.Round.Kind == "MONITORING" {
			if task.MonitoringPoint == nil || *task.MonitoringPoint != points[task.Round.ID] || task.MonitoringReport != nil {
				t.Errorf("the editor's monitoring task: %+v", task)
			}
		}
		tasks[task.Round.ID] = task.Status
	}
	if tasks[future] != "NOT_SUBMITTED" || tasks[past] != "OVERDUE" || tasks[selfEval] != "NOT_SUBMITTED" {
		t.Errorf("the editor's tasks: %v", tasks)
	}

	// The editor starts and fills the reports (one per distinct point), and submits them.
	reports := map[string]string{}
	for _, p := range points {
		if reports[p] == "" {
			reports[p] = id(t, editor, createMonitoringQ, map[string]any{"y": yearID, "at": p})
			mustOK(t, editor, setEntryQ, map[string]any{"r": reports[p], "i": indicator})
		}
	}
	if q := queueNow(editor); len(q.ToFill) != 3 || !slices.ContainsFunc(q.ToFill, func(task struct {
		Round            struct{ ID, Kind string }
		Status           string
		MonitoringPoint  *string
		MonitoringReport *struct{ ID string }
	}) bool {
		return task.Round.ID == future && task.MonitoringReport != nil && task.MonitoringReport.ID == reports[points[future]]
	}) {
		t.Errorf("the editor's queue with drafts: %+v", q.ToFill)
	}
	for _, r := range reports {
		mustOK(t, editor, submitMonitoringQ, map[string]any{"id": r})
	}
	f, p := read(future), read(past)
	if f.Participants[0].Status != "SUBMITTED_ON_TIME" || f.Summary.OnTime != 1 || f.Participants[0].SubmittedAt == nil ||
		f.Participants[0].MonitoringReport == nil || f.Participants[0].MonitoringReport.Status != "SUBMITTED" || f.Participants[0].MonitoringReport.Point != points[future] {
		t.Errorf("the future round after the submission: %+v", f)
	}
	if p.Participants[0].Status != "SUBMITTED_LATE" || p.Summary.Late != 1 {
		t.Errorf("the past round after the submission: %+v", p)
	}
	if r := read(selfEval); r.Participants[0].Status != "NOT_SUBMITTED" {
		t.Errorf("a monitoring report counted in a self-evaluation round: %+v", r)
	}
	if q := queueNow(editor); len(q.ToFill) != 1 || q.ToFill[0].Round.ID != selfEval {
		t.Errorf("the editor's queue after submitting: %+v", q.ToFill)
	}
	// The reviewer's queue: review them.
	rq := queueNow(reviewer)
	if rq.MonitoringToReviewCount != len(reports) || len(rq.MonitoringToReview) != len(reports) || rq.MonitoringToReview[0].DaysWaiting != 0 {
		t.Errorf("the reviewer's monitoring reviews: %+v", rq)
	}
	// The subscribers were told: the round now counts one on time, the queue the reports.
	var rc struct {
		RoundChanged struct {
			ID      string
			Summary struct{ OnTime, Returned, Total int }
		}
	}
	for ws.data("round", &rc); rc.RoundChanged.Summary.OnTime != 1; ws.data("round", &rc) {
	}
	if rc.RoundChanged.ID != future || rc.RoundChanged.Summary.Total != 1 {
		t.Errorf("roundChanged sent %+v", rc.RoundChanged)
	}
	var qc struct{ MyQueueChanged monQueue }
	for ws.data("queue", &qc); qc.MyQueueChanged.MonitoringToReviewCount != len(reports); ws.data("queue", &qc) {
	}

	// Returned: RETURNED until resubmitted, then on time again by its first submission.
	mustOK(t, reviewer, returnMonQ, map[string]any{"id": reports[points[future]]})
	if f := read(future); f.Participants[0].Status != "RETURNED" || f.Summary.Returned != 1 {
		t.Errorf("after the return: %+v", f)
	}
	// The reviewer's own return is not sent back to it; the editor's resubmission is.
	mustOK(t, editor, submitMonitoringQ, map[string]any{"id": reports[points[future]]})
	if g := read(future); g.Participants[0].Status != "SUBMITTED_ON_TIME" || g.Participants[0].SubmittedAt == nil || *g.Participants[0].SubmittedAt != *f.Participants[0].SubmittedAt {
		t.Errorf("after the resubmission: %+v, want submitted at the first submission %s", g, *f.Participants[0].SubmittedAt)
	}
	for ws.data("round", &rc); rc.RoundChanged.Summary.OnTime != 1 || rc.RoundChanged.Summary.Returned != 0; ws.data("round", &rc) {
	}

	// A round the editor cannot read is refused as a missing one.
	other := id(t, admin, openRoundQ, map[string]any{"in": map[string]any{"kind": "MONITORING", "year": year, "name": "邻居监控",
		"deadline": rfc(dueSoon), "departmentIDs": []string{s.neighbour}}})
	ews, err := dialWS(t, editor, map[string]any{"csrfToken": editor.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	ews.subscribe("hidden", `subscription($id: ID!) { roundChanged(id: $id) { id } }`, map[string]any{"id": other})
	if c := ews.refusal("hidden"); c != "NOT_FOUND" {
		t.Errorf("watching a round the editor may not read: %s, want NOT_FOUND", c)
	}
}
