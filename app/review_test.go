package app

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The finance bureau's review through the API, on the demo's seed: the office
// submits its 2023 evaluation, a reviewer re-scores an indicator (kept apart
// from the self-score, in the review total), raises rectification items, the
// office answers, the reviewer rejects then accepts; who may do what, and the
// refusals' codes.

const (
	rescore = `mutation($id: ID!, $s: Decimal!, $r: String!) { rescoreIndicator(indicatorID: $id, score: $s, reason: $r) {
		id score reviewScore { score reason reviewerName } } }`
	clearRescore = `mutation($id: ID!) { clearRescore(indicatorID: $id) { id score reviewScore { score } } }`
	reviewOf     = `query($id: ID!) { node(id: $id) { ... on Evaluation { status score grade reviewTotal reviewGrade
		reviewViewerCan { rescore raiseRectification }
		indicators { id name score reviewScore { score reason reviewerName } }
		rectifications { id status issue requirement dueDate measures outcome reviewComment overdue raisedByName answeredByName closedByName
			indicator { name } viewerCan { answer decide } transitions { from to comment measures actorName } } } } }`
	raise      = `mutation($in: RaiseRectificationInput!) { raiseRectification(input: $in) { id status dueDate issue raisedByName overdue } }`
	answerItem = `mutation($id: ID!, $m: String!, $o: String) { answerRectification(id: $id, measures: $m, outcome: $o) {
		id status measures outcome answeredByName } }`
	accept      = `mutation($id: ID!, $c: String) { acceptRectification(id: $id, comment: $c) { id status reviewComment closedByName } }`
	reject      = `mutation($id: ID!, $c: String!) { rejectRectification(id: $id, comment: $c) { id status reviewComment } }`
	listRectify = `query($s: [RectificationStatus!], $o: Boolean, $d: ID, $y: Int) { rectifications(status: $s, overdue: $o, departmentID: $d, year: $y) {
		totalCount edges { node { id status dueDate overdue } } } }`
)

type reviewState struct {
	Status, Score, Grade     string
	ReviewTotal, ReviewGrade *string
	ReviewViewerCan          struct{ Rescore, RaiseRectification bool }
	Indicators               []struct {
		ID, Name, Score string
		ReviewScore     *struct{ Score, Reason, ReviewerName string }
	}
	Rectifications []struct {
		ID, Status, Issue, Requirement, DueDate, Measures, Outcome, ReviewComment string
		Overdue                                                                   bool
		RaisedByName, AnsweredByName, ClosedByName                                string
		Indicator                                                                 *struct{ Name string }
		ViewerCan                                                                 struct{ Answer, Decide bool }
		Transitions                                                               []struct {
			From                             *string
			To, Comment, Measures, ActorName string
		}
	}
}

func reviewNow(t *testing.T, c *caller, ev string) reviewState {
	t.Helper()
	var out struct{ Node reviewState }
	must(t, c, reviewOf, map[string]any{"id": ev}, &out)
	return out.Node
}

func TestReview(t *testing.T) { stores(t, reviewAPI) }

func reviewAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor, analyst, anon := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor"), srv.as(t, "analyst"), srv.anonymous()
	s := seed(t, admin)
	ev, training := officeEvaluation(t, editor) // 业务岗位培训人数: weight 6, self-score 6
	meeting := s.indicators["会议参与人数"]

	// A draft is not under review: nobody re-scores it or raises items on it.
	refused(t, "a draft re-scored", post(t, reviewer, rescore, map[string]any{"id": training, "s": "4", "r": "x"}), "BAD_USER_INPUT", "indicatorID", "NOT_UNDER_REVIEW")
	refused(t, "an item on a draft", post(t, reviewer, raise, map[string]any{"in": map[string]any{"evaluationID": ev, "issue": "x", "requirement": "y", "dueDate": "2024-06-30"}}),
		"BAD_USER_INPUT", "evaluationID", "NOT_REVIEWED")
	if got := reviewNow(t, reviewer, ev).ReviewViewerCan; got.Rescore || got.RaiseRectification {
		t.Errorf("on a draft the reviewer may %+v", got)
	}
	must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)

	// Re-scores: reviewers only, within the weight, with a reason; the self-score stays.
	if got := reviewNow(t, reviewer, ev).ReviewViewerCan; !got.Rescore || !got.RaiseRectification {
		t.Errorf("on a submission the reviewer may %+v", got)
	}
	if got := reviewNow(t, editor, ev).ReviewViewerCan; got.Rescore || got.RaiseRectification {
		t.Errorf("the editor may %+v", got)
	}
	refused(t, "the editor re-scores", post(t, editor, rescore, map[string]any{"id": training, "s": "4", "r": "x"}), "FORBIDDEN", "", "")
	refused(t, "the analyst re-scores", post(t, analyst, rescore, map[string]any{"id": training, "s": "4", "r": "x"}), "FORBIDDEN", "", "")
	refused(t, "anybody re-scores", post(t, anon, rescore, map[string]any{"id": training, "s": "4", "r": "x"}), "UNAUTHENTICATED", "", "")
	e := refused(t, "above the weight", post(t, reviewer, rescore, map[string]any{"id": training, "s": "6.5", "r": "x"}), "BAD_USER_INPUT", "score", "SCORE_ABOVE_WEIGHT")
	if p, _ := e.Extensions["params"].(map[string]any); p == nil || p["weight"] != "6.00" {
		t.Errorf("above the weight: params %v, want the weight 6", e.Extensions["params"])
	}
	refused(t, "negative", post(t, reviewer, rescore, map[string]any{"id": training, "s": "-1", "r": "x"}), "BAD_USER_INPUT", "score", "NEGATIVE")
	refused(t, "three places", post(t, reviewer, rescore, map[string]any{"id": training, "s": "4.125", "r": "x"}), "BAD_USER_INPUT", "score", "TOO_MANY_PLACES")
	refused(t, "no reason", post(t, reviewer, rescore, map[string]any{"id": training, "s": "4", "r": "  "}), "BAD_USER_INPUT", "reason", "REQUIRED")
	refused(t, "no reason, by the editor", post(t, editor, rescore, map[string]any{"id": training, "s": "4", "r": ""}), "BAD_USER_INPUT", "reason", "REQUIRED")

	before := reviewNow(t, reviewer, ev)
	if before.ReviewTotal != nil || before.ReviewGrade != nil || before.Score != "99.69" {
		t.Fatalf("before any re-score: score %s, review total %v", before.Score, before.ReviewTotal)
	}
	must(t, reviewer, rescore, map[string]any{"id": training, "s": "4.5", "r": "培训记录不全"}, nil)
	must(t, reviewer, rescore, map[string]any{"id": meeting, "s": "5", "r": "会议签到表缺失"}, nil)
	must(t, reviewer, rescore, map[string]any{"id": meeting, "s": "5.5", "r": "补交签到表后复核"}, nil) // replaces
	now := reviewNow(t, editor, ev)
	if now.Score != "99.69" || now.Grade != "EXCELLENT" || !eq(now.ReviewTotal, "97.69") || deref(now.ReviewGrade) != "EXCELLENT" {
		t.Errorf("after re-scores: self %s %s, review %v %v; want 99.69 and 99.69 − 1.5 − 0.5 = 97.69", now.Score, now.Grade, deref(now.ReviewTotal), deref(now.ReviewGrade))
	}
	for _, ind := range now.Indicators {
		switch ind.ID {
		case training:
			if ind.Score != "6.00" || ind.ReviewScore == nil || ind.ReviewScore.Score != "4.50" || ind.ReviewScore.Reason != "培训记录不全" || ind.ReviewScore.ReviewerName == "" {
				t.Errorf("the re-scored indicator: %+v %+v", ind, ind.ReviewScore)
			}
		case meeting:
			if ind.ReviewScore == nil || ind.ReviewScore.Score != "5.50" || ind.ReviewScore.Reason != "补交签到表后复核" {
				t.Errorf("the re-scored twice: %+v", ind.ReviewScore)
			}
		default:
			if ind.ReviewScore != nil {
				t.Errorf("%s has a re-score", ind.Name)
			}
		}
	}
	refused(t, "the editor clears", post(t, editor, clearRescore, map[string]any{"id": meeting}), "FORBIDDEN", "", "")
	must(t, reviewer, clearRescore, map[string]any{"id": meeting}, nil)
	refused(t, "clearing what is not there", post(t, reviewer, clearRescore, map[string]any{"id": meeting}), "NOT_FOUND", "", "")
	if now := reviewNow(t, reviewer, ev); !eq(now.ReviewTotal, "98.19") {
		t.Errorf("after clearing one: %v, want 98.19", deref(now.ReviewTotal))
	}

	// Rectification items: raised by the bureau, answered by the department, decided by the bureau.
	item := func(due string, indicator any) map[string]any {
		return map[string]any{"in": map[string]any{"evaluationID": ev, "indicatorID": indicator,
			"issue": "培训台账不完整", "requirement": "补齐2023年培训签到及课件", "dueDate": due}}
	}
	refused(t, "the editor raises", post(t, editor, raise, item("2024-06-30", nil)), "FORBIDDEN", "", "")
	refused(t, "the analyst raises", post(t, analyst, raise, item("2024-06-30", nil)), "FORBIDDEN", "", "")
	refused(t, "not a date", post(t, reviewer, raise, item("2024-6-30", nil)), "BAD_USER_INPUT", "dueDate", "NOT_A_DATE")
	var projectInds struct {
		Indicators struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, reviewer, `query($y: ID!) { indicators(first: 1, where: {hasProject: true, hasDepartmentYearWith: {id: $y}}) { edges { node { id } } } }`,
		map[string]any{"y": s.officeYear}, &projectInds)
	refused(t, "a project's indicator", post(t, reviewer, raise, item("2024-06-30", projectInds.Indicators.Edges[0].Node.ID)), "BAD_USER_INPUT", "indicatorID", "")
	noIssue := item("2024-06-30", nil)
	noIssue["in"].(map[string]any)["issue"] = " "
	refused(t, "no issue", post(t, reviewer, raise, noIssue), "BAD_USER_INPUT", "issue", "REQUIRED")

	var raised struct {
		RaiseRectification struct {
			ID, Status, DueDate, RaisedByName string
			Overdue                           bool
		}
	}
	must(t, reviewer, raise, item("2024-06-30", training), &raised)
	first := raised.RaiseRectification
	if first.Status != "OPEN" || first.RaisedByName == "" || !first.Overdue {
		t.Errorf("raised: %+v", first)
	}
	must(t, reviewer, raise, item("2999-12-31", nil), &raised)
	later := raised.RaiseRectification
	must(t, admin, raise, item("2000-01-01", nil), &raised)
	third := raised.RaiseRectification

	refused(t, "accepted while open", post(t, reviewer, accept, map[string]any{"id": first.ID}), "BAD_USER_INPUT", "id", "RECTIFICATION_STATUS")
	refused(t, "answered by the reviewer", post(t, reviewer, answerItem, map[string]any{"id": first.ID, "m": "x"}), "FORBIDDEN", "", "")
	refused(t, "answered by the analyst", post(t, analyst, answerItem, map[string]any{"id": first.ID, "m": "x"}), "FORBIDDEN", "", "")
	refused(t, "accepted by the editor", post(t, editor, accept, map[string]any{"id": first.ID}), "FORBIDDEN", "", "")
	refused(t, "answered without measures", post(t, editor, answerItem, map[string]any{"id": first.ID, "m": " "}), "BAD_USER_INPUT", "measures", "REQUIRED")
	if got := reviewNow(t, editor, ev).Rectifications; len(got) != 3 || !got[0].ViewerCan.Answer || got[0].ViewerCan.Decide {
		t.Fatalf("the editor sees %+v", got)
	}
	must(t, editor, answerItem, map[string]any{"id": first.ID, "m": "已补齐培训签到表", "o": "台账完整"}, nil)
	refused(t, "answered twice", post(t, editor, answerItem, map[string]any{"id": first.ID, "m": "x"}), "BAD_USER_INPUT", "id", "RECTIFICATION_STATUS")
	refused(t, "rejected without a comment", post(t, reviewer, reject, map[string]any{"id": first.ID, "c": " "}), "BAD_USER_INPUT", "comment", "REQUIRED")
	must(t, reviewer, reject, map[string]any{"id": first.ID, "c": "缺少课件"}, nil)
	must(t, editor, answerItem, map[string]any{"id": first.ID, "m": "已补齐签到表和课件", "o": "台账完整"}, nil)
	if got := reviewNow(t, reviewer, ev).Rectifications[0]; !got.ViewerCan.Decide || got.ViewerCan.Answer {
		t.Errorf("the reviewer may %+v an answered item", got.ViewerCan)
	}
	must(t, reviewer, accept, map[string]any{"id": first.ID, "c": "同意"}, nil)
	refused(t, "accepted twice", post(t, reviewer, accept, map[string]any{"id": first.ID}), "BAD_USER_INPUT", "id", "RECTIFICATION_STATUS")

	got := reviewNow(t, editor, ev).Rectifications[0]
	if got.Status != "ACCEPTED" || got.Overdue || got.Measures != "已补齐签到表和课件" || got.Outcome != "台账完整" || got.ReviewComment != "同意" ||
		got.AnsweredByName == "" || got.ClosedByName == "" || got.Indicator == nil || got.Indicator.Name != "业务岗位培训人数" {
		t.Errorf("the accepted item: %+v", got)
	}
	var steps []string
	for _, tr := range got.Transitions {
		from := "·"
		if tr.From != nil {
			from = *tr.From
		}
		steps = append(steps, from+"→"+tr.To+" "+tr.Comment+tr.Measures+" by "+tr.ActorName)
	}
	if want := "·→OPEN  by reviewer, OPEN→ANSWERED 已补齐培训签到表 by editor, ANSWERED→OPEN 缺少课件 by reviewer, " +
		"OPEN→ANSWERED 已补齐签到表和课件 by editor, ANSWERED→ACCEPTED 同意 by reviewer"; strings.Join(steps, ", ") != want {
		t.Errorf("steps:\n %s\nwant\n %s", strings.Join(steps, ", "), want)
	}

	// The list and its filters.
	list := func(c *caller, vars map[string]any) []string {
		var out struct {
			Rectifications struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		must(t, c, listRectify, vars, &out)
		var ids []string
		for _, e := range out.Rectifications.Edges {
			ids = append(ids, e.Node.ID)
		}
		return ids
	}
	for _, tt := range []struct {
		name string
		as   *caller
		vars map[string]any
		want []string
	}{
		{"all, by due date", reviewer, map[string]any{}, []string{third.ID, first.ID, later.ID}},
		{"open", reviewer, map[string]any{"s": []string{"OPEN"}}, []string{third.ID, later.ID}},
		{"overdue", reviewer, map[string]any{"o": true}, []string{third.ID}},
		{"not overdue", reviewer, map[string]any{"o": false}, []string{first.ID, later.ID}},
		{"the office", reviewer, map[string]any{"d": s.office, "y": 2023}, []string{third.ID, first.ID, later.ID}},
		{"the neighbour", reviewer, map[string]any{"d": s.neighbour}, nil},
		{"another year", reviewer, map[string]any{"y": 2022}, nil},
		{"the editor's", editor, map[string]any{}, []string{third.ID, first.ID, later.ID}},
	} {
		if got := list(tt.as, tt.vars); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	refused(t, "the public lists items", post(t, anon, listRectify, map[string]any{}), "UNAUTHENTICATED", "", "")

	// Approved, the review goes on; published, the scores stand and items are still answered.
	must(t, reviewer, `mutation($id: ID!) { approveEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	must(t, reviewer, rescore, map[string]any{"id": meeting, "s": "5.5", "r": "签到表不全"}, nil)
	must(t, admin, `mutation($id: ID!) { publishEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	refused(t, "re-scored once published", post(t, reviewer, rescore, map[string]any{"id": meeting, "s": "5", "r": "x"}), "BAD_USER_INPUT", "indicatorID", "NOT_UNDER_REVIEW")
	must(t, editor, answerItem, map[string]any{"id": later.ID, "m": "已制定培训制度"}, nil)

	// The public reads a published evaluation's re-scores, without the reviewer's name, and no items.
	pub := reviewNow(t, anon, ev)
	if !eq(pub.ReviewTotal, "97.69") || len(pub.Rectifications) != 0 {
		t.Errorf("the public reads review total %v and %d items", deref(pub.ReviewTotal), len(pub.Rectifications))
	}
	for _, ind := range pub.Indicators {
		if ind.ReviewScore != nil && ind.ReviewScore.ReviewerName != "" {
			t.Errorf("the public reads who re-scored %s", ind.Name)
		}
	}
	// The report and the form show the re-scores beside the self-scores.
	paragraphs := func(c *caller, ev, title string) []string {
		var rep struct {
			Node struct {
				Report struct {
					Sections []struct {
						Title      string
						Paragraphs []struct{ Text string }
					}
				}
			}
		}
		must(t, c, `query($id: ID!) { node(id: $id) { ... on Evaluation { report { sections { title paragraphs { text } } } } } }`,
			map[string]any{"id": ev}, &rep)
		for _, sec := range rep.Node.Report.Sections {
			if sec.Title == title {
				var out []string
				for _, p := range sec.Paragraphs {
					out = append(out, p.Text)
				}
				return out
			}
		}
		t.Fatalf("no section %s", title)
		return nil
	}
	const reviewed = "经财政部门复核，复核得分为97.69分，评价等级为“优”。其中，业务岗位培训人数自评得6分，复核得4.5分（复核意见：培训记录不全）；" +
		"会议参与人数自评得6分，复核得5.5分（复核意见：签到表不全）。"
	if got := paragraphs(anon, ev, "自评结论"); !slices.Contains(got, reviewed) {
		t.Errorf("the published report's conclusion: %q", got)
	}
	book, err := excelize.OpenReader(bytes.NewReader(formOf(t, editor, ev)))
	if err != nil {
		t.Fatal(err)
	}
	comments, _ := book.GetComments(book.GetSheetName(0))
	var notes []string
	for _, c := range comments {
		notes = append(notes, c.Paragraph[0].Text)
	}
	if want := []string{"复核得分4.5；复核意见：培训记录不全", "复核得分5.5；复核意见：签到表不全", "复核总分97.69，评价等级：优"}; !slices.Equal(notes, want) {
		t.Errorf("the form's notes: %q, want %q", notes, want)
	}

	// The next year's report says what became of the items (结果应用).
	must(t, editor, `mutation($d: ID!) { startYearFromLast(departmentID: $d, year: 2024) { departmentYear { id } } }`, map[string]any{"d": s.office}, nil)
	var next struct {
		Evaluations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, editor, `{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {year: 2024, hasDepartmentWith: {code: "440115-001"}}}) { edges { node { id } } } }`, nil, &next)
	if len(next.Evaluations.Edges) != 1 {
		t.Fatalf("the office's 2024 evaluation: %+v", next)
	}
	use := paragraphs(editor, next.Evaluations.Edges[0].Node.ID, "绩效结果应用情况")
	const applied = "对上年度（2023年）绩效评价复核提出的3项整改事项，已完成整改1项，其余2项正在整改。整改情况如下：" +
		"一是培训台账不完整（业务岗位培训人数），整改要求：补齐2023年培训签到及课件，整改期限2024年6月30日；整改措施：已补齐签到表和课件；整改结果：台账完整；已完成整改，经财政部门复核通过；" +
		"二是培训台账不完整，整改要求：补齐2023年培训签到及课件，整改期限2999年12月31日；整改措施：已制定培训制度；已反馈整改情况，待财政部门复核；" +
		"三是培训台账不完整，整改要求：补齐2023年培训签到及课件，整改期限2000年1月1日；尚未完成整改。"
	if !slices.Contains(use, applied) {
		t.Errorf("the 2024 report's 绩效结果应用情况: %q\nwant %s", use, applied)
	}

	// An evaluation with items is kept; an indicator with items too.
	// The audit trail has every write of a re-score and of an item, by whom.
	for entity, want := range map[string]string{
		"ReviewScore":   "CREATE reviewer, CREATE reviewer, UPDATE reviewer, DELETE reviewer, CREATE reviewer",
		"Rectification": "CREATE reviewer, CREATE reviewer, CREATE admin, UPDATE editor, UPDATE reviewer, UPDATE editor, UPDATE reviewer, UPDATE editor",
	} {
		var trail struct {
			AuditRecords struct {
				Edges []struct {
					Node struct{ Action, ActorName string }
				}
			}
		}
		must(t, admin, `query($e: String!) { auditRecords(where: {entityType: $e}, orderBy: [{field: AT}], first: 50) { edges { node { action actorName } } } }`,
			map[string]any{"e": entity}, &trail)
		var got []string
		for _, e := range trail.AuditRecords.Edges {
			got = append(got, e.Node.Action+" "+e.Node.ActorName)
		}
		if strings.Join(got, ", ") != want {
			t.Errorf("the audit trail of %s: %s\nwant %s", entity, strings.Join(got, ", "), want)
		}
	}
	refused(t, "an item's indicator deleted", post(t, admin, `mutation($id: ID!) { deleteIndicator(id: $id) }`, map[string]any{"id": training}), "BAD_USER_INPUT", "id", "")
}
