package app

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAYearInMotion runs the office's year through the API as the finance
// bureau and the department do, on two API servers sharing one PostgreSQL
// database (on SQLite, one server plays both): the bureau opens the half-year
// monitoring round, the office reports with a red light and its corrective
// measure, the bureau approves and opens the self-evaluation round, the office
// submits after the deadline, the reviewer re-scores an indicator and raises a
// rectification item, the office answers it, and the reviewer accepts. Each
// step is made on one server; an integration's webhook (registered on the
// other) receives every step, signed, once; a subscriber on the other server
// (an analyst, who reads every department) hears each change as it is made.
func TestAYearInMotion(t *testing.T) { stores(t, yearInMotion) }

func yearInMotion(t *testing.T, db string) {
	a := startServer(t, db, "--demo=seed", "--webhook-allow-hosts=127.0.0.1")
	b := a
	if strings.HasPrefix(db, "postgres") {
		b = startServer(t, db, "--migrate=false", "--webhook-allow-hosts=127.0.0.1")
		b.accounts = a.accounts // printed by A, which loaded the demo
		waitMetric(t, a, "jixiao_events_listening", 1)
		waitMetric(t, b, "jixiao_events_listening", 1)
	}
	admin, reviewer, editor := a.admin(t), a.as(t, "reviewer"), a.as(t, "editor")
	s := seed(t, admin)
	ev, training := officeEvaluation(t, editor) // 业务岗位培训人数
	now := time.Now().UTC()
	rfc := func(t time.Time) string { return t.Format(time.RFC3339) }

	// The integration registers on B for everything; an analyst listens on B.
	secret := "the-integration-of-the-year"
	rcv, hookURL := newHookReceiver(t, secret)
	must(t, admin.at(b), createWebhook, map[string]any{"in": map[string]any{"name": "年度全流程", "url": hookURL, "secret": secret}}, nil)
	analyst := a.as(t, "analyst")
	listener, err := dialWS(t, analyst.at(b), map[string]any{"csrfToken": analyst.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	listener.subscribe("changes", watchChanges, nil)
	listener.subscribe("eval", watchEvaluation, map[string]any{"id": ev})
	if b != a {
		waitMetric(t, b, "jixiao_subscriptions", 2)
	}
	heard := func(entityType, action string) change {
		t.Helper()
		for {
			c := listener.changeOf("changes", entityType)
			if c.Action == action {
				return c
			}
		}
	}

	// 1. The bureau opens the half-year monitoring round for the office.
	monitoring := map[string]any{"kind": "MONITORING", "year": 2023, "name": "2023年半年绩效运行监控", "monitoringPoint": "2023-06-30",
		"deadline": rfc(now.Add(20 * 24 * time.Hour)), "departmentIDs": []string{s.office}}
	with := func(k string, v any) map[string]any {
		in := maps.Clone(monitoring)
		in[k] = v
		return map[string]any{"in": in}
	}
	refused(t, "a point of another year", post(t, reviewer, openRoundQ, with("monitoringPoint", "2024-06-30")), "BAD_USER_INPUT", "monitoringPoint", "POINT_OUTSIDE_YEAR")
	refused(t, "a point of a self-evaluation", post(t, reviewer, openRoundQ, with("kind", "SELF_EVALUATION")), "BAD_USER_INPUT", "monitoringPoint", "")
	monRound := id(t, reviewer, openRoundQ, map[string]any{"in": monitoring})
	if q := queueOf(t, editor.at(b), nil); !slices.ContainsFunc(q.ToFill, func(f struct {
		Round          struct{ ID, Name string }
		Department     struct{ Code string }
		DepartmentYear *struct{ Year int }
		Evaluation     *struct{ ID string }
		Status         string
		Deadline       string
		DaysLeft       int
	}) bool {
		return f.Round.ID == monRound
	}) {
		t.Errorf("the editor's queue on B lacks the monitoring round: %+v", q.ToFill)
	}

	// 2. The office reports at 30 June: 30 of 80 trainees is a red light; it
	// states the cause and the measure, and submits on B.
	rep := monitoringOf(t, post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-06-30"}))
	for _, e := range rep.Entries {
		var in map[string]any
		switch {
		case e.Indicator.Kind == "QUALITATIVE":
			in = map[string]any{"likelihoodOverride": "LIKELY", "overrideReason": "按计划推进"}
		case e.Indicator.ID == training:
			in = map[string]any{"valueToDate": "30", "causeCategory": "STAFF", "cause": "上半年业务骨干借调", "measure": "下半年集中组织两期培训"}
		case e.Indicator.Unit == "%":
			in = map[string]any{"valueToDate": *e.Indicator.Target}
		default:
			in = map[string]any{"valueToDate": halfOf(*e.Indicator.Target)}
		}
		rep = monitoringOf(t, post(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": e.Indicator.ID, "in": in}))
	}
	rep = monitoringOf(t, post(t, editor, setMonBudget, map[string]any{"r": rep.ID, "in": map[string]any{
		"cause": "部分项目合同在下半年签订", "measure": "加快采购和支付进度"}}))
	if red := rep.entry(t, "业务岗位培训人数"); red.Light == nil || *red.Light != "RED" || red.Measure != "下半年集中组织两期培训" {
		t.Fatalf("the training indicator at mid-year: %+v", red)
	}
	rep = monitoringOf(t, post(t, editor.at(b), submitMon, map[string]any{"id": rep.ID}))
	if rep.Status != "SUBMITTED" {
		t.Fatalf("the monitoring report: %s", rep.Status)
	}
	if c := heard("MonitoringReport", "UPDATE"); c.EntityID != rep.ID || c.DepartmentYear == nil || c.DepartmentYear.Department.Code != officeCode {
		t.Errorf("the subscriber heard the submission as %+v", c)
	}
	if st := statusOf(roundNow(t, reviewer.at(b), monRound), officeCode); st != "SUBMITTED_ON_TIME" {
		t.Errorf("the monitoring round shows the office %s, want SUBMITTED_ON_TIME", st)
	}
	rep = monitoringOf(t, post(t, reviewer.at(b), approveMon, map[string]any{"id": rep.ID, "c": "同意，请落实整改措施"}))
	if rep.Status != "APPROVED" {
		t.Fatalf("the monitoring report after review: %s", rep.Status)
	}

	// 3. The self-evaluation round, opened a month ago and due yesterday: the
	// office submits late (on B), and the round says so on A.
	selfRound := id(t, admin.at(b), openRoundQ, map[string]any{"in": map[string]any{"kind": "SELF_EVALUATION", "year": 2023, "name": "2023年度部门整体支出绩效自评",
		"opensAt": rfc(now.Add(-30 * 24 * time.Hour)), "deadline": rfc(now.Add(-24 * time.Hour)), "departmentIDs": []string{s.office}}})
	if st := statusOf(roundNow(t, reviewer, selfRound), officeCode); st != "OVERDUE" {
		t.Errorf("before the submission the office is %s, want OVERDUE", st)
	}
	must(t, editor.at(b), `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	if c := heard("Evaluation", "UPDATE"); c.EntityID != ev {
		t.Errorf("the subscriber heard %+v", c)
	}
	round := roundNow(t, reviewer, selfRound)
	if statusOf(round, officeCode) != "SUBMITTED_LATE" || round.Summary.Late != 1 {
		t.Errorf("the self-evaluation round: %+v", round)
	}
	if q := queueOf(t, reviewer, nil); !slices.ContainsFunc(q.ToReview, func(r struct {
		Evaluation struct {
			ID             string
			DepartmentYear struct{ Department struct{ Code string } }
		}
		SubmittedAt string
		DaysWaiting int
	}) bool {
		return r.Evaluation.ID == ev
	}) {
		t.Errorf("the reviewer's queue lacks the submission: %+v", q.ToReview)
	}

	// 4. The reviewer re-scores the training indicator (on A); B's subscriber
	// reads the evaluation again with the reviewer's total beside the self-score.
	must(t, reviewer, rescore, map[string]any{"id": training, "s": "4.5", "r": "培训记录不全"}, nil)
	heard("ReviewScore", "CREATE")
	if st := reviewNow(t, editor.at(b), ev); st.Score != "99.69" || !eq(st.ReviewTotal, "98.19") {
		t.Errorf("after the re-score: self %s, review %v; want 99.69 and 98.19", st.Score, deref(st.ReviewTotal))
	}

	// 5. A rectification item, answered by the office and accepted.
	var raised struct{ RaiseRectification struct{ ID, Status string } }
	must(t, reviewer, raise, map[string]any{"in": map[string]any{"evaluationID": ev, "indicatorID": training,
		"issue": "培训记录不全", "requirement": "补齐培训签到和课件", "dueDate": "2024-03-31"}}, &raised)
	item := raised.RaiseRectification.ID
	heard("Rectification", "CREATE")
	if st := reviewNow(t, editor.at(b), ev); len(st.Rectifications) != 1 || !st.Rectifications[0].ViewerCan.Answer {
		t.Fatalf("the office reads the item as %+v", st.Rectifications)
	}
	must(t, editor.at(b), answerItem, map[string]any{"id": item, "m": "补录两期培训签到表并上传课件", "o": "已整改"}, nil)
	heard("Rectification", "UPDATE")
	must(t, reviewer, accept, map[string]any{"id": item, "c": "整改到位"}, nil)
	if st := reviewNow(t, editor, ev); st.Rectifications[0].Status != "ACCEPTED" || len(st.Rectifications[0].Transitions) < 3 {
		t.Errorf("the item at the end: %+v", st.Rectifications[0])
	}

	// The integration heard every step, each signed and delivered once
	// although both servers heard each change.
	want := []string{"Round CREATE", "MonitoringReport UPDATE", "Evaluation UPDATE", "ReviewScore CREATE", "Rectification CREATE", "Rectification UPDATE"}
	got := map[string]int{}
	eventually(t, "the webhook receives each step of the year", func() bool {
		for len(rcv.got) > 0 {
			h := <-rcv.got
			if h.Verified != nil {
				t.Errorf("an unsigned delivery: %v", h.Verified)
			}
			var p payload
			if err := json.Unmarshal(h.Body, &p); err != nil {
				t.Fatalf("a delivery's body %s: %v", h.Body, err)
			}
			got[p.Event.EntityType+" "+p.Event.Action+" "+p.Event.ID]++
		}
		for _, w := range want {
			if !slices.ContainsFunc(keys(got), func(k string) bool { return strings.HasPrefix(k, w+" ") }) {
				return false
			}
		}
		return true
	})
	for k, n := range got {
		if n != 1 {
			t.Errorf("event %s delivered %d times, want once", k, n)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
