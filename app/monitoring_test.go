package app

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Mid-year monitoring (绩效运行监控) through the API, on the demo's seed: the
// office reports its 2023 indicators and spending at 30 June, is refused until
// every value, cause and measure is there, submits, is locked, is returned, and
// is approved; the forecasts and their steps are checked by hand.

const (
	monitoringReport = `id point status reviewComment submittedByName reviewedByName
		viewerCan { edit submit review }
		entries { indicator { id name kind unit target } valueToDate computedExpected expected
			expectedSteps { code params { name value } } computedLikelihood computedLight likelihood light overridden
			expectedOverride likelihoodOverride overrideReason causeCategory cause measure explanationRequired fromLastYear }
		budget { month adjustedBudget executedToDate fromMonths rateToDate targetPercent computedExpectedRate expectedRate
			expectedSteps { code } computedLight light overridden explanationRequired months { month executed targetPercent rate } }
		submitProblems { indicatorID indicatorName field reason }`
	createMonitoring = `mutation($y: ID!, $p: ID, $at: String!) { createMonitoringReport(departmentYearID: $y, projectID: $p, point: $at) { ` + monitoringReport + ` } }`
	setMonEntry      = `mutation($r: ID!, $i: ID!, $in: MonitoringEntryInput!) { setMonitoringEntry(reportID: $r, indicatorID: $i, input: $in) { ` + monitoringReport + ` } }`
	setMonBudget     = `mutation($r: ID!, $in: MonitoringBudgetInput!) { setMonitoringBudget(reportID: $r, input: $in) { ` + monitoringReport + ` } }`
	submitMon        = `mutation($id: ID!) { submitMonitoringReport(id: $id) { ` + monitoringReport + ` } }`
	approveMon       = `mutation($id: ID!, $c: String) { approveMonitoringReport(id: $id, comment: $c) { ` + monitoringReport + ` } }`
	returnMon        = `mutation($id: ID!, $c: String!) { returnMonitoringReport(id: $id, comment: $c) { ` + monitoringReport + ` } }`
	readMon          = `query($id: ID!) { node(id: $id) { ... on MonitoringReport { ` + monitoringReport + ` } } }`
)

type monStep struct {
	Code   string
	Params []struct{ Name, Value string }
}

type monEntry struct {
	Indicator struct {
		ID, Name, Kind, Unit string
		Target               *string
	}
	ValueToDate, ComputedExpected, Expected, ExpectedOverride *string
	ExpectedSteps                                             []monStep
	ComputedLikelihood, ComputedLight, Likelihood, Light      *string
	LikelihoodOverride, CauseCategory                         *string
	Overridden, ExplanationRequired, FromLastYear             bool
	OverrideReason, Cause, Measure                            string
}

type monReport struct {
	ID, Point, Status, ReviewComment, SubmittedByName, ReviewedByName string
	ViewerCan                                                         struct{ Edit, Submit, Review bool }
	Entries                                                           []monEntry
	Budget                                                            struct {
		Month                                                                         int
		AdjustedBudget                                                                string
		ExecutedToDate, RateToDate, TargetPercent, ComputedExpectedRate, ExpectedRate *string
		FromMonths, Overridden, ExplanationRequired                                   bool
		ComputedLight, Light                                                          *string
		ExpectedSteps                                                                 []struct{ Code string }
		Months                                                                        []struct {
			Month                   int
			Executed, TargetPercent string
			Rate                    *string
		}
	}
	SubmitProblems []struct {
		IndicatorID, IndicatorName *string
		Field, Reason              string
	}
}

func monitoringOf(t *testing.T, r gqlResponse) monReport {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	var out map[string]monReport
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	for _, v := range out {
		return v
	}
	t.Fatal("no report")
	return monReport{}
}

func (r monReport) entry(t *testing.T, name string) monEntry {
	t.Helper()
	for _, e := range r.Entries {
		if e.Indicator.Name == name {
			return e
		}
	}
	t.Fatalf("no entry %s", name)
	return monEntry{}
}

func codes(steps []monStep) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.Code
	}
	return out
}

func TestMonitoring(t *testing.T) { stores(t, monitoringAPI) }

func monitoringAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor, analyst := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor"), srv.as(t, "analyst")
	s := seed(t, admin)

	// Who starts a report, and where.
	refused(t, "the analyst starts one", post(t, analyst, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-06-30"}), "FORBIDDEN", "", "")
	refused(t, "the editor starts the neighbour's", post(t, editor, createMonitoring, map[string]any{"y": s.neighbourYear, "at": "2023-06-30"}), "FORBIDDEN", "", "")
	refused(t, "a point outside the year", post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2024-06-30"}), "BAD_USER_INPUT", "point", "POINT_OUTSIDE_YEAR")
	refused(t, "not a date", post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "mid-year"}), "BAD_USER_INPUT", "point", "")
	rep := monitoringOf(t, post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-06-30"}))
	if rep.Status != "DRAFT" || rep.Point != "2023-06-30" || !rep.ViewerCan.Edit || !rep.ViewerCan.Submit || rep.ViewerCan.Review || len(rep.Entries) != 18 {
		t.Fatalf("the new report: %+v", rep)
	}
	refused(t, "a second report at the point", post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "at": "2023-06-30"}), "CONFLICT", "point", "")
	project := monitoringOf(t, post(t, editor, createMonitoring, map[string]any{"y": s.officeYear, "p": s.projects[0], "at": "2023-06-30"}))
	if len(project.Entries) == 0 || project.Budget.FromMonths {
		t.Errorf("the project's report: %d entries, budget %+v", len(project.Entries), project.Budget)
	}

	// The budget part reads the months: June's 900.00 of 1836.19 is 49.01 %, below
	// June's 50 % (yellow), expected 98.02 % by the year's end.
	b := rep.Budget
	if b.Month != 6 || !eq(b.ExecutedToDate, "900") || !b.FromMonths || !eq(b.RateToDate, "49.01") || !eq(b.TargetPercent, "50") ||
		!eq(b.ExpectedRate, "98.02") || b.Light == nil || *b.Light != "YELLOW" || !b.ExplanationRequired || len(b.Months) != 12 {
		t.Errorf("the budget part: %+v", b)
	}

	// Nothing reported: the submission names every missing value and statement.
	r := post(t, editor, submitMon, map[string]any{"id": rep.ID})
	var reasons []string
	for _, e := range r.Errors {
		reason, _ := e.Extensions["reason"].(string)
		reasons = append(reasons, reason)
	}
	for _, want := range []string{"VALUE_MISSING", "LIKELIHOOD_MISSING", "CAUSE_MISSING", "MEASURE_MISSING", "REFUSED"} {
		if !slices.Contains(reasons, want) {
			t.Errorf("the first submission's errors %v lack %s", reasons, want)
		}
	}
	if got := monitoringOf(t, post(t, editor, readMon, map[string]any{"id": rep.ID})); got.Status != "DRAFT" {
		t.Errorf("a refused submission left it %s", got.Status)
	}

	// The office reports: half of each count's target by June (on track), each
	// rate at its target, 30 training places of 80 (red), each qualitative one likely.
	for _, e := range rep.Entries {
		var in map[string]any
		switch {
		case e.Indicator.Kind == "QUALITATIVE":
			in = map[string]any{"likelihoodOverride": "LIKELY", "overrideReason": "按计划推进"}
		case e.Indicator.Name == "业务岗位培训人数":
			in = map[string]any{"valueToDate": "30"}
		case e.Indicator.Unit == "%":
			in = map[string]any{"valueToDate": *e.Indicator.Target}
		default:
			in = map[string]any{"valueToDate": halfOf(*e.Indicator.Target)}
		}
		rep = monitoringOf(t, post(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": e.Indicator.ID, "in": in}))
	}
	training := rep.entry(t, "业务岗位培训人数")
	if !eq(training.ComputedExpected, "60") || training.Light == nil || *training.Light != "RED" || *training.Likelihood != "UNLIKELY" || !training.ExplanationRequired ||
		!slices.Equal(codes(training.ExpectedSteps), []string{"ELAPSED_SHARE", "LINEAR", "RATIO", "LIGHT_POSITIVE"}) {
		t.Errorf("training: %+v", training)
	}
	if m := rep.entry(t, "会议参与人数"); !eq(m.Expected, "900") || *m.Light != "GREEN" {
		t.Errorf("meetings: %+v", m)
	}
	if c := rep.entry(t, "结转结余率"); !eq(c.Expected, *c.Indicator.Target) || *c.Light != "GREEN" || c.ExpectedSteps[0].Code != "RATE_TO_DATE" {
		t.Errorf("carry-over rate: %+v", c)
	}
	if q := rep.entry(t, "绩效管理制度健全性"); q.Light == nil || *q.Light != "GREEN" || !q.Overridden {
		t.Errorf("a qualitative indicator stated likely: %+v", q)
	}
	var missing []string
	for _, p := range rep.SubmitProblems {
		name := ""
		if p.IndicatorName != nil {
			name = *p.IndicatorName
		}
		missing = append(missing, name+"."+p.Field+"."+p.Reason)
	}
	want := []string{"业务岗位培训人数.cause.CAUSE_MISSING", "业务岗位培训人数.measure.MEASURE_MISSING", ".budgetCause.CAUSE_MISSING", ".budgetMeasure.MEASURE_MISSING"}
	if !slices.Equal(missing, want) {
		t.Errorf("what is missing: %v, want %v", missing, want)
	}
	r = post(t, editor, submitMon, map[string]any{"id": rep.ID})
	if e := refused(t, "a red light without its measure", r, "SUBMIT_CHECK", "cause", "CAUSE_MISSING"); e.Extensions["indicatorName"] != "业务岗位培训人数" {
		t.Errorf("the refusal names %v", e.Extensions["indicatorName"])
	}

	rep = monitoringOf(t, post(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": training.Indicator.ID, "in": map[string]any{
		"valueToDate": "30", "causeCategory": "STAFF", "cause": "上半年业务骨干借调", "measure": "下半年集中组织两期培训"}}))
	rep = monitoringOf(t, post(t, editor, setMonBudget, map[string]any{"r": rep.ID, "in": map[string]any{
		"cause": "部分项目合同在下半年签订", "measure": "加快采购和支付进度"}}))
	rep = monitoringOf(t, post(t, editor, submitMon, map[string]any{"id": rep.ID}))
	if rep.Status != "SUBMITTED" || rep.SubmittedByName == "" || rep.ViewerCan.Edit || rep.ViewerCan.Submit {
		t.Fatalf("submitted: %+v", rep)
	}

	// Locked while under review, for everybody; only the bureau decides.
	refused(t, "an entry changed under review", post(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": training.Indicator.ID, "in": map[string]any{"valueToDate": "40"}}), "LOCKED", "", "MONITORING_LOCKED")
	refused(t, "an entry changed under review by an administrator", post(t, admin, setMonEntry, map[string]any{"r": rep.ID, "i": training.Indicator.ID, "in": map[string]any{"valueToDate": "40"}}), "LOCKED", "", "MONITORING_LOCKED")
	refused(t, "the editor approves", post(t, editor, approveMon, map[string]any{"id": rep.ID}), "FORBIDDEN", "", "")
	refused(t, "the analyst approves", post(t, analyst, approveMon, map[string]any{"id": rep.ID}), "FORBIDDEN", "", "")
	refused(t, "the reviewer fills it in", post(t, reviewer, setMonEntry, map[string]any{"r": rep.ID, "i": training.Indicator.ID, "in": map[string]any{"valueToDate": "40"}}), "FORBIDDEN", "", "")
	refused(t, "a return without a comment", post(t, reviewer, returnMon, map[string]any{"id": rep.ID, "c": " "}), "BAD_USER_INPUT", "comment", "")
	if got := monitoringOf(t, post(t, reviewer, readMon, map[string]any{"id": rep.ID})); !got.ViewerCan.Review || got.ViewerCan.Edit {
		t.Errorf("the reviewer may %+v", got.ViewerCan)
	}
	rep = monitoringOf(t, post(t, reviewer, returnMon, map[string]any{"id": rep.ID, "c": "培训人数的整改措施请细化"}))
	if rep.Status != "RETURNED" || rep.ReviewComment != "培训人数的整改措施请细化" || rep.ReviewedByName == "" {
		t.Errorf("returned: %+v", rep)
	}

	// Returned: the editor overrides the forecast with a reason; the light follows
	// and the computed one stays beside it.
	rep = monitoringOf(t, post(t, editor, setMonEntry, map[string]any{"r": rep.ID, "i": training.Indicator.ID, "in": map[string]any{
		"valueToDate": "30", "expectedOverride": "82", "overrideReason": "第三季度已安排两期培训共52人次",
		"causeCategory": "STAFF", "cause": "上半年业务骨干借调", "measure": "7月、9月各组织一期培训"}}))
	training = rep.entry(t, "业务岗位培训人数")
	if !eq(training.Expected, "82") || !eq(training.ComputedExpected, "60") || *training.Light != "GREEN" || *training.ComputedLight != "RED" || !training.Overridden || training.ExplanationRequired {
		t.Errorf("overridden: %+v", training)
	}
	rep = monitoringOf(t, post(t, editor, submitMon, map[string]any{"id": rep.ID}))
	rep = monitoringOf(t, post(t, reviewer, approveMon, map[string]any{"id": rep.ID, "c": "同意"}))
	if rep.Status != "APPROVED" || rep.ViewerCan.Review || rep.ViewerCan.Edit {
		t.Errorf("approved: %+v", rep)
	}
	refused(t, "approved twice", post(t, reviewer, approveMon, map[string]any{"id": rep.ID}), "BAD_USER_INPUT", "id", "MONITORING_STEP")

	// The form, in Excel and Word, in the layout of the 绩效运行监控表.
	monitoringExports(t, srv, editor, rep.ID)

	// The list with its filters, as each may read it.
	list := `query($w: MonitoringReportWhereInput) { monitoringReports(where: $w, orderBy: [{field: POINT}]) { totalCount edges { node { id status } } } }`
	var out struct {
		MonitoringReports struct{ TotalCount int }
	}
	must(t, reviewer, list, map[string]any{"w": map[string]any{"status": "APPROVED"}}, &out)
	if out.MonitoringReports.TotalCount != 1 {
		t.Errorf("the reviewer lists %d approved reports", out.MonitoringReports.TotalCount)
	}
	must(t, editor, list, map[string]any{"w": map[string]any{"departmentYearID": s.officeYear}}, &out)
	if out.MonitoringReports.TotalCount != 2 {
		t.Errorf("the editor lists %d of the year's reports", out.MonitoringReports.TotalCount)
	}
	var years struct {
		Node struct{ MonitoringReports []struct{ ID string } }
	}
	must(t, editor, `query($y: ID!) { node(id: $y) { ... on DepartmentYear { monitoringReports { id } } } }`, map[string]any{"y": s.officeYear}, &years)
	if len(years.Node.MonitoringReports) != 2 {
		t.Errorf("the year has %d reports", len(years.Node.MonitoringReports))
	}
	must(t, srv.anonymous(), list, nil, &out)
	if out.MonitoringReports.TotalCount != 0 {
		t.Errorf("the public lists %d reports", out.MonitoringReports.TotalCount)
	}
	if resp, _ := download(t, editor, "/files/monitoring/99999999/form.xlsx"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a report that does not exist: %d", resp.StatusCode)
	}

	// The audit trail records every step and every entry, as whoever took it.
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
	must(t, admin, `query($id: Int!) { auditRecords(where: {entityType: "MonitoringReport", entityID: $id}, orderBy: [{field: AT}]) {
		edges { node { action actorName changes { field } } } } }`, map[string]any{"id": atoi(t, rep.ID)}, &trail)
	var steps []string
	for _, e := range trail.AuditRecords.Edges {
		steps = append(steps, e.Node.Action+" "+e.Node.ActorName)
	}
	// created; the budget part; submitted; returned; submitted; approved.
	if want := []string{"CREATE editor", "UPDATE editor", "UPDATE editor", "UPDATE reviewer", "UPDATE editor", "UPDATE reviewer"}; !slices.Equal(steps, want) {
		t.Errorf("the report's audit trail: %v, want %v", steps, want)
	}
	var entriesAudited struct{ AuditRecords struct{ TotalCount int } }
	must(t, admin, `{ auditRecords(where: {entityType: "MonitoringEntry"}) { totalCount } }`, nil, &entriesAudited)
	if entriesAudited.AuditRecords.TotalCount < 20 {
		t.Errorf("%d audit records of monitoring entries", entriesAudited.AuditRecords.TotalCount)
	}

	// A draft is deleted; a decided report is kept.
	refused(t, "an approved report deleted", post(t, editor, `mutation($id: ID!) { deleteMonitoringReport(id: $id) }`, map[string]any{"id": rep.ID}), "LOCKED", "", "MONITORING_LOCKED")
	must(t, editor, `mutation($id: ID!) { deleteMonitoringReport(id: $id) }`, map[string]any{"id": project.ID}, nil)
}

// halfOf is half of a decimal target, as a string.
func halfOf(target string) string {
	return decimal.RequireFromString(target).Div(decimal.NewFromInt(2)).String()
}

// monitoringExports reads the approved report's form back: the workbook with
// excelize, the Word file as a zip whose document holds the form's text; and
// nobody outside the department, nor the public, downloads it.
func monitoringExports(t *testing.T, srv *server, editor *caller, id string) {
	t.Helper()
	resp, body := download(t, editor, "/files/monitoring/"+id+"/form.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("form.xlsx: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "xlsx") {
		t.Errorf("form.xlsx is named %q", resp.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	var training []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
		if slices.Contains(r, "业务岗位培训人数") {
			training = r
		}
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"部门整体支出绩效运行监控表", "一级指标", "年度指标值", "1-6月执行情况（完成值）", "全年预计完成情况",
		"偏差原因分析", "经费保障", "硬件条件保障", "完成目标可能性", "完全不可能", "备注", "1836.19", "49.01%"} {
		if !strings.Contains(text, want) {
			t.Errorf("the workbook lacks %q", want)
		}
	}
	// 业务岗位培训人数: ≥80人次, 30 by June, 82 expected (overridden), 人员保障 ticked, likely.
	if !slices.Contains(training, "≥80人次") || !slices.Contains(training, "30人次") || !slices.Contains(training, "82人次") ||
		!strings.Contains(strings.Join(training, "|"), "整改措施：7月、9月各组织一期培训") {
		t.Errorf("the training row: %q", training)
	}

	resp, body = download(t, editor, "/files/monitoring/"+id+"/form.docx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("form.docx: %d %s", resp.StatusCode, body)
	}
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("form.docx is not a zip: %v", err)
	}
	var document string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			document = string(b)
		}
	}
	for _, want := range []string{"部门整体支出绩效运行监控表", "偏差原因分析", "业务岗位培训人数", "上半年业务骨干借调", "审核意见：同意",
		`w:orient="landscape"`, "判断依据：按计划推进"} {
		if !strings.Contains(document, want) {
			t.Errorf("the Word form lacks %q", want)
		}
	}
	for _, c := range []struct {
		name   string
		who    *caller
		status int
	}{
		{"the public", srv.anonymous(), http.StatusNotFound},
		{"the analyst", srv.as(t, "analyst"), http.StatusOK},
		{"the reviewer", srv.as(t, "reviewer"), http.StatusOK},
	} {
		if resp, _ := download(t, c.who, "/files/monitoring/"+id+"/form.docx"); resp.StatusCode != c.status {
			t.Errorf("%s downloads the form: %d, want %d", c.name, resp.StatusCode, c.status)
		}
	}
}
