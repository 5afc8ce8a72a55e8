package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Performance targets (绩效目标申报、审核、调整) through the API, on the demo's seed:
// the office files its year's targets, the finance bureau returns and then
// approves them, they are locked, an adjustment goes through approval and is
// scored, and every version stays.

const (
	targetsOf = `query($y: ID!) { node(id: $y) { ... on DepartmentYear { targets {
		status viewerCan { file adjust review } inForce { id number } pending { id number kind }
		versions { id number kind status reason reviewComment submittedByName reviewedByName
			entries { indicatorID name target weight project { code } } changes { indicatorID name targetChanged weightChanged before { target weight } after { target weight } } } } } } }`
	fileTargets    = `mutation($y: ID!, $n: String) { fileTargets(departmentYearID: $y, note: $n) { id number kind status reason submittedByName entries { indicatorID } } }`
	approveTargets = `mutation($id: ID!, $c: String) { approveTargets(id: $id, comment: $c) { id status reviewComment reviewedByName } }`
	returnTargets  = `mutation($id: ID!, $c: String!) { returnTargets(id: $id, comment: $c) { id status reviewComment } }`
	adjustTargets  = `mutation($y: ID!, $r: String!, $c: [TargetChangeInput!]!) { proposeTargetAdjustment(departmentYearID: $y, reason: $r, changes: $c) {
		id number kind status reason changes { indicatorID name targetChanged weightChanged before { target } after { target } } } }`
	indicatorTarget = `query($id: ID!) { node(id: $id) { ... on Indicator { target weight score
		targetAdjustment { originalTarget originalWeight versions { number reason } } } } }`
)

type targetVersion struct {
	ID, Kind, Status, Reason, ReviewComment, SubmittedByName, ReviewedByName string
	Number                                                                   int
	Entries                                                                  []struct {
		IndicatorID, Name string
		Target            *string
		Weight            string
		Project           *struct{ Code string }
	}
	Changes []struct {
		IndicatorID, Name            string
		TargetChanged, WeightChanged bool
		Before, After                *struct {
			Target *string
			Weight string
		}
	}
}

type yearTargets struct {
	Status    string
	ViewerCan struct{ File, Adjust, Review bool }
	InForce   *struct {
		ID     string
		Number int
	}
	Pending *struct {
		ID, Kind string
		Number   int
	}
	Versions []targetVersion
}

func targetsOfYear(t *testing.T, c *caller, year string) yearTargets {
	t.Helper()
	var out struct{ Node struct{ Targets yearTargets } }
	must(t, c, targetsOf, map[string]any{"y": year}, &out)
	return out.Node.Targets
}

// version decodes the version a targets mutation answered.
func version(t *testing.T, r gqlResponse) targetVersion {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	var out map[string]targetVersion
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	for _, v := range out {
		return v
	}
	t.Fatal("no version")
	return targetVersion{}
}

type indicatorState struct {
	Target           *string
	Weight, Score    string
	TargetAdjustment *struct {
		OriginalTarget *string
		OriginalWeight string
		Versions       []struct {
			Number int
			Reason string
		}
	}
}

func indicatorNow(t *testing.T, c *caller, id string) indicatorState {
	t.Helper()
	var out struct{ Node indicatorState }
	must(t, c, indicatorTarget, map[string]any{"id": id}, &out)
	return out.Node
}

func TestTargets(t *testing.T) { stores(t, targetsAPI) }

func targetsAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor, analyst := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor"), srv.as(t, "analyst")
	s := seed(t, admin)
	training := s.indicators["业务岗位培训人数"] // ≥ 80 人次, actual 88, weight 6
	qualitative := s.indicators["绩效管理制度健全性"]
	setTarget := `mutation($id: ID!, $v: Decimal) { updateIndicator(id: $id, input: {target: $v}) { target } }`
	setActual := `mutation($id: ID!, $v: Decimal) { updateIndicator(id: $id, input: {actual: $v}) { actual score } }`
	overallScore := func() string {
		var out struct {
			Node struct {
				Evaluations []struct {
					Score   string
					Project *struct{ ID string }
				}
			}
		}
		must(t, admin, `query($y: ID!) { node(id: $y) { ... on DepartmentYear { evaluations { score project { id } } } } }`, map[string]any{"y": s.officeYear}, &out)
		for _, e := range out.Node.Evaluations {
			if e.Project == nil {
				return e.Score
			}
		}
		t.Fatal("no overall evaluation")
		return ""
	}

	// Before anything is filed the editor edits freely and may file; nobody else may.
	before := targetsOfYear(t, editor, s.officeYear)
	if before.Status != "NOT_FILED" || !before.ViewerCan.File || before.ViewerCan.Adjust || before.ViewerCan.Review || len(before.Versions) != 0 {
		t.Fatalf("before filing, the editor sees %+v", before)
	}
	if got := targetsOfYear(t, reviewer, s.officeYear).ViewerCan; got.File || got.Review {
		t.Errorf("the reviewer may %+v before filing", got)
	}
	refused(t, "the analyst files", post(t, analyst, fileTargets, map[string]any{"y": s.officeYear}), "FORBIDDEN", "", "")
	refused(t, "the editor files the neighbour's", post(t, editor, fileTargets, map[string]any{"y": s.neighbourYear}), "FORBIDDEN", "", "")

	// Filed: version 1, the whole tree (overall and the projects' indicators), fixed.
	v1 := version(t, post(t, editor, fileTargets, map[string]any{"y": s.officeYear, "n": "2023年度绩效目标"}))
	projects := 0
	for _, e := range targetsOfYear(t, editor, s.officeYear).Versions[0].Entries {
		if e.Project != nil {
			projects++
		}
	}
	if projects != len(v1.Entries)-18 {
		t.Errorf("%d entries name their project, want %d", projects, len(v1.Entries)-18)
	}
	if v1.Number != 1 || v1.Kind != "FILING" || v1.Status != "SUBMITTED" || v1.Reason != "2023年度绩效目标" || v1.SubmittedByName == "" || len(v1.Entries) <= 18 {
		t.Fatalf("the filing: %+v", v1)
	}
	refused(t, "filing twice", post(t, editor, fileTargets, map[string]any{"y": s.officeYear}), "BAD_USER_INPUT", "departmentYearID", "TARGETS_ALREADY_FILED")
	refused(t, "a filed target changed", post(t, editor, setTarget, map[string]any{"id": training, "v": "70"}), "LOCKED", "", "TARGETS_FIXED")
	refused(t, "a filed target changed by an administrator", post(t, admin, setTarget, map[string]any{"id": training, "v": "70"}), "LOCKED", "", "TARGETS_FIXED")
	refused(t, "an indicator deleted", post(t, editor, `mutation($id: ID!) { deleteIndicator(id: $id) }`, map[string]any{"id": training}), "LOCKED", "", "TARGETS_FIXED")
	refused(t, "an indicator added", post(t, editor, `mutation($y: ID!) { createIndicator(input: {departmentYearID: $y, level1: "产出指标", level2: "数量指标",
		name: "新增指标", kind: QUANTITATIVE, operator: GE, target: "1", weight: "1"}) { id } }`, map[string]any{"y": s.officeYear}), "LOCKED", "", "TARGETS_FIXED")
	// What the year's targets do not fix stays the department's: actual values, and a target set to what it is.
	must(t, editor, setActual, map[string]any{"id": training, "v": "88"}, nil)
	must(t, editor, setTarget, map[string]any{"id": training, "v": "80"}, nil)

	// Only the bureau decides, a return says why, and a returned filing is edited and filed again.
	refused(t, "the editor approves", post(t, editor, approveTargets, map[string]any{"id": v1.ID}), "FORBIDDEN", "", "")
	refused(t, "the analyst approves", post(t, analyst, approveTargets, map[string]any{"id": v1.ID}), "FORBIDDEN", "", "")
	refused(t, "a return without a reason", post(t, reviewer, returnTargets, map[string]any{"id": v1.ID, "c": " "}), "BAD_USER_INPUT", "comment", "")
	if got := targetsOfYear(t, reviewer, s.officeYear); got.Status != "FILED" || !got.ViewerCan.Review || got.Pending == nil || got.Pending.ID != v1.ID {
		t.Errorf("the reviewer sees %+v", got)
	}
	returned := version(t, post(t, reviewer, returnTargets, map[string]any{"id": v1.ID, "c": "培训人数目标偏低"}))
	if returned.Status != "RETURNED" || returned.ReviewComment != "培训人数目标偏低" {
		t.Errorf("returned: %+v", returned)
	}
	refused(t, "deciding twice", post(t, reviewer, approveTargets, map[string]any{"id": v1.ID}), "BAD_USER_INPUT", "id", "ALREADY_DECIDED")
	if got := targetsOfYear(t, editor, s.officeYear); got.Status != "RETURNED" || !got.ViewerCan.File {
		t.Errorf("after the return the editor sees %+v", got)
	}
	must(t, editor, setTarget, map[string]any{"id": training, "v": "85"}, nil)
	v2 := version(t, post(t, editor, fileTargets, map[string]any{"y": s.officeYear}))
	if v2.Number != 2 {
		t.Errorf("the second filing is version %d", v2.Number)
	}
	approved := version(t, post(t, reviewer, approveTargets, map[string]any{"id": v2.ID, "c": "同意"}))
	if approved.Status != "APPROVED" || approved.ReviewedByName == "" {
		t.Errorf("approved: %+v", approved)
	}
	now := targetsOfYear(t, editor, s.officeYear)
	if now.Status != "APPROVED" || now.InForce == nil || now.InForce.ID != v2.ID || now.ViewerCan.File || !now.ViewerCan.Adjust || len(now.Versions) != 2 {
		t.Fatalf("approved, the editor sees %+v", now)
	}
	if ch := now.Versions[1].Changes; len(ch) != 1 || ch[0].IndicatorID != training || !ch[0].TargetChanged || !eq(ch[0].Before.Target, "80") || !eq(ch[0].After.Target, "85") {
		t.Errorf("the second filing's changes from the returned one: %+v", ch)
	}
	refused(t, "an approved target changed", post(t, editor, setTarget, map[string]any{"id": training, "v": "90"}), "LOCKED", "", "TARGETS_FIXED")

	// An adjustment: checked, pending without effect, then approved and scored.
	adjust := func(c *caller, reason string, changes ...map[string]any) gqlResponse {
		return post(t, c, adjustTargets, map[string]any{"y": s.officeYear, "r": reason, "c": changes})
	}
	change := func(id string, fields ...any) map[string]any {
		m := map[string]any{"indicatorID": id}
		for i := 0; i+1 < len(fields); i += 2 {
			m[fields[i].(string)] = fields[i+1]
		}
		return m
	}
	for _, tt := range []struct {
		name           string
		as             *caller
		reason         string
		changes        []map[string]any
		code, field, r string
	}{
		{"without a reason", editor, " ", []map[string]any{change(training, "target", "90")}, "BAD_USER_INPUT", "reason", ""},
		{"an indicator of another year", editor, "x", []map[string]any{change("999999", "target", "90")}, "BAD_USER_INPUT", "changes.0.indicatorID", "NOT_IN_TARGETS"},
		{"a qualitative target", editor, "x", []map[string]any{change(qualitative, "target", "5")}, "BAD_USER_INPUT", "changes.0.target", "QUALITATIVE_TARGET"},
		{"no change", editor, "x", []map[string]any{change(training, "target", "85")}, "BAD_USER_INPUT", "changes.0.target", "NO_CHANGE"},
		{"twice the same", editor, "x", []map[string]any{change(training, "target", "90"), change(training, "weight", "5")}, "BAD_USER_INPUT", "changes.1.indicatorID", "REPEATED"},
		{"by the analyst", analyst, "x", []map[string]any{change(training, "target", "90")}, "FORBIDDEN", "", ""},
	} {
		refused(t, tt.name, adjust(tt.as, tt.reason, tt.changes...), tt.code, tt.field, tt.r)
	}
	scoreBefore := overallScore()
	v3 := version(t, adjust(editor, "年中培训计划扩大", change(training, "target", "100")))
	if v3.Number != 3 || v3.Kind != "ADJUSTMENT" || v3.Status != "SUBMITTED" || len(v3.Changes) != 1 || !eq(v3.Changes[0].Before.Target, "85") || !eq(v3.Changes[0].After.Target, "100") {
		t.Fatalf("the adjustment: %+v", v3)
	}
	refused(t, "a second adjustment while one waits", adjust(editor, "x", change(training, "target", "95")), "BAD_USER_INPUT", "departmentYearID", "TARGETS_NOT_IN_FORCE")
	if got := indicatorNow(t, editor, training); !eq(got.Target, "85") || got.Score != "6.00" || got.TargetAdjustment != nil {
		t.Errorf("while the adjustment waits the indicator is %+v; want the approved 85, scoring 6.00", got)
	}
	if got := targetsOfYear(t, editor, s.officeYear).Status; got != "ADJUSTING" {
		t.Errorf("status while adjusting: %s", got)
	}
	version(t, post(t, reviewer, approveTargets, map[string]any{"id": v3.ID}))
	// 6 × 88 / 100 = 5.28: the score is against the target in force, the original beside it.
	got := indicatorNow(t, editor, training)
	if !eq(got.Target, "100") || got.Score != "5.28" || got.TargetAdjustment == nil || !eq(got.TargetAdjustment.OriginalTarget, "85") ||
		!eq(&got.TargetAdjustment.OriginalWeight, "6") || len(got.TargetAdjustment.Versions) != 1 || got.TargetAdjustment.Versions[0].Reason != "年中培训计划扩大" {
		t.Errorf("after the adjustment the indicator is %+v", got)
	}
	if after := overallScore(); decimal.RequireFromString(scoreBefore).Sub(decimal.RequireFromString(after)).StringFixed(2) != "0.72" {
		t.Errorf("the overall score went from %s to %s; the adjustment costs 6.00 − 5.28 = 0.72", scoreBefore, after)
	}
	// The report and the form say where a target was adjusted.
	ev, _ := officeEvaluation(t, editor)
	var rep struct {
		Node struct {
			Report struct {
				Sections []struct {
					Title      string
					Paragraphs []struct{ Text string }
					Tables     []struct {
						Rows []struct{ Cells []struct{ Text string } }
					}
				}
			}
		}
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { report { sections { title paragraphs { text } tables { rows { cells { text } } } } } } } }`,
		map[string]any{"id": ev}, &rep)
	var said, tabled bool
	for _, sec := range rep.Node.Report.Sections {
		for _, p := range sec.Paragraphs {
			said = said || p.Text == "年度执行中经财政部门批复调整绩效目标1项：业务岗位培训人数年度指标值由≥85人次调整为≥100人次（调整原因：年中培训计划扩大）。自评按调整后的目标计分。"
		}
		for _, tb := range sec.Tables {
			for _, r := range tb.Rows {
				for _, c := range r.Cells {
					tabled = tabled || c.Text == "≥100人次（调整前≥85人次）"
				}
			}
		}
	}
	if !said || !tabled {
		t.Errorf("the report says the adjustment: %v; its table shows the original target: %v", said, tabled)
	}
	book, err := excelize.OpenReader(bytes.NewReader(formOf(t, editor, ev)))
	if err != nil {
		t.Fatal(err)
	}
	comments, err := book.GetComments(book.GetSheetName(0))
	if err != nil || len(comments) != 1 || comments[0].Paragraph[0].Text != "年中经批复调整：原指标值85；调整原因：年中培训计划扩大" {
		t.Errorf("the form's notes: %+v, %v", comments, err)
	}
	refused(t, "the adjusted target changed by hand", post(t, editor, setTarget, map[string]any{"id": training, "v": "85"}), "LOCKED", "", "TARGETS_FIXED")

	// Every version stays; the reviewer's write of the adjusted target is in the audit trail.
	final := targetsOfYear(t, analyst, s.officeYear)
	if len(final.Versions) != 3 || final.InForce.ID != v3.ID || final.Status != "APPROVED" ||
		!slices.Equal([]string{final.Versions[0].Status, final.Versions[1].Status, final.Versions[2].Status}, []string{"RETURNED", "APPROVED", "APPROVED"}) {
		t.Errorf("the versions: %+v", final)
	}
	refused(t, "a version deleted", post(t, admin, `mutation { deleteDepartmentYear(id: "`+s.officeYear+`") }`, nil), "BAD_USER_INPUT", "id", "")
	var trail struct {
		AuditRecords struct {
			Edges []struct {
				Node struct {
					Action, ActorName string
					Changes           []struct{ Field string }
				}
			}
		}
	}
	must(t, admin, `query($id: Int!) { auditRecords(where: {entityType: "Indicator", entityID: $id}, orderBy: [{field: AT, direction: DESC}], first: 1) {
		edges { node { action actorName changes { field } } } } }`, map[string]any{"id": atoi(t, training)}, &trail)
	if e := trail.AuditRecords.Edges; len(e) != 1 || e[0].Node.ActorName != "reviewer" || !slices.ContainsFunc(e[0].Node.Changes, func(c struct{ Field string }) bool { return c.Field == "target" }) {
		t.Errorf("the audit trail's last record of the indicator: %+v", e)
	}
	var versionsAudited struct{ AuditRecords struct{ TotalCount int } }
	must(t, admin, `{ auditRecords(where: {entityType: "TargetVersion"}) { totalCount } }`, nil, &versionsAudited)
	if versionsAudited.AuditRecords.TotalCount != 6 { // three created, three decided
		t.Errorf("%d audit records of target versions, want 6", versionsAudited.AuditRecords.TotalCount)
	}
}

// TestTargetsRace files the same year's targets from several sessions at once, and
// races a filing against a target's change: one filing wins, and the version
// filed is the tree as it stands after any change that got in first.
func TestTargetsRace(t *testing.T) { stores(t, targetsRace) }

func targetsRace(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.admin(t)
	s := seed(t, admin)
	training := s.indicators["业务岗位培训人数"]
	editors := []*caller{srv.as(t, "editor"), srv.as(t, "editor"), srv.as(t, "editor")}
	var wg sync.WaitGroup
	results := make([]gqlResponse, len(editors)+1)
	for i, e := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = post(t, e, fileTargets, map[string]any{"y": s.officeYear})
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[len(editors)] = post(t, admin, `mutation($id: ID!) { updateIndicator(id: $id, input: {target: "81"}) { target } }`, map[string]any{"id": training})
	}()
	wg.Wait()
	wins := 0
	for _, r := range results[:len(editors)] {
		if len(r.Errors) == 0 {
			wins++
		} else if c := code(r); c != "BAD_USER_INPUT" && c != "CONFLICT" {
			t.Errorf("a losing filing: %+v", r.Errors)
		}
	}
	edited := len(results[len(editors)].Errors) == 0
	if !edited && code(results[len(editors)]) != "LOCKED" {
		t.Errorf("the edit: %+v", results[len(editors)].Errors)
	}
	got := targetsOfYear(t, admin, s.officeYear)
	if wins != 1 || len(got.Versions) != 1 {
		t.Fatalf("%d filings won, %d versions", wins, len(got.Versions))
	}
	want := "80"
	if edited {
		want = "81"
	}
	for _, e := range got.Versions[0].Entries {
		if e.IndicatorID == training && !eq(e.Target, want) {
			t.Errorf("filed target %s, want %s (edit accepted: %v)", *e.Target, want, edited)
		}
	}
	if ind := indicatorNow(t, admin, training); !eq(ind.Target, want) {
		t.Errorf("the indicator's target is %s, want %s", *ind.Target, want)
	}
}

// eq reports whether the decimal a API answered is the number want.
func eq(got *string, want string) bool {
	return got != nil && decimal.RequireFromString(*got).Equal(decimal.RequireFromString(want))
}
