package app

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The report as the API serves it (Evaluation.report).
type reportView struct {
	Kind, Title string
	Characters  int
	Sections    []reportSection
}

type reportSection struct {
	Key, Number, Title string
	ParentKey          *string
	Level              int
	RunIn              bool
	Paragraphs         []struct {
		Text             string
		Generated, Draft bool
	}
	Tables []struct{ Title string }
	Text   *struct {
		Value, Draft, Store string
		Written             bool
		Version, MaxLength  int
	}
}

const reportFields = `report { kind title characters sections { key parentKey level number title runIn
	paragraphs { text generated draft } tables { title } text { value draft written store version maxLength } } }`

func (r reportView) section(key string) *reportSection {
	for i := range r.Sections {
		if r.Sections[i].Key == key {
			return &r.Sections[i]
		}
	}
	return nil
}

// generated is a section's generated paragraphs, drafts left out.
func (s *reportSection) generated() string {
	var b strings.Builder
	for _, p := range s.Paragraphs {
		if p.Generated && !p.Draft {
			b.WriteString(p.Text + "\n")
		}
	}
	return b.String()
}

func (s *reportSection) text() string {
	var b strings.Builder
	for _, p := range s.Paragraphs {
		b.WriteString(p.Text + "\n")
	}
	return b.String()
}

// seedReportFigures are the figure-bearing sentences of the real report
// (/work/shared/domain/nansha-2023-self-evaluation-report.txt), each with the
// section it states them in: the generated report states the same figures there.
var seedReportFigures = []struct{ section, text string }{
	{"1.4", "整体支出为1829.4万元"},
	{"1.4", "基本支出962.44万元"},
	{"1.4", "人员经费886.83万元"},
	{"1.4", "公用支出75.61万元"},
	{"1.4", "项目支出866.96万元"},
	{"2.1", "综合得分为99.69分"},
	{"2.2.2", "交办任务事项完成率为100%，指标完成率为100%"},
	{"2.2.2", "业务岗位培训人数88人次，指标完成率为110%"},
	{"2.2.2", "会议参与人数1300人次，指标完成率为144%"},
	{"2.2.2", "后勤保障服务完成及时性为100%，指标完成率为100%"},
	{"2.2.3", "成果被采纳应用率为100%，指标完成率为100%"},
	{"2.2.3", "信息稿件被省采纳20篇，指标完成率为133%"},
	{"2.2.3", "信息稿件被国家采纳3篇，指标完成率为100%"},
	{"2.2.3", "信息稿件或批示次数36次，指标完成率为120%"},
	{"2.2.4", "一般公共预算资金支出年度评价执行率为99.63%"},
	{"2.3.2.1", "年末结转结余决算数为4.58万元，年初结转结余决算数为4.58万元，一般公共预算财政拨款决算数为1829.4万元"},
	{"2.3.2.1", "符合结转结余率≤10%的要求"},
	{"2.3.6", "实际在用固定资产占所有固定资产的比率为96%，达到≥95%的目标"},
	{"3", "3月、6月的累计支出进度低于财政部门下达的序时进度目标"},
}

// realSections are the seed report's sections, numbered as it numbers them.
var realSections = []string{
	"一、部门基本情况", "（一）部门职能", "（二）年度总体工作和重点工作任务", "（三）部门整体支出绩效目标",
	"（四）部门整体收支情况", "（五）部门整体绩效管理情况", "1.绩效建设情况", "2.绩效目标管理情况",
	"3.绩效运行监控管理情况", "4.绩效评价开展情况", "5.绩效结果应用情况",
	"二、绩效自评情况", "（一）自评结论", "（二）履职效能分析", "1.各重点任务项目支出完成情况分析",
	"（1）任务一：围绕区委中心工作，做好以文辅政", "（2）任务二：积极发挥中枢机关作用，服务区委推动省委、市委重大决策部署落地落实",
	"2.部门整体绩效目标产出指标完成情况", "3.部门整体绩效目标效益指标完成情况", "4.部门预算资金支出率",
	"（三）管理效率分析", "1.预算编制情况", "2.预算执行情况", "（1）结转结余率", "（2）财务管理合规性",
	"3.信息公开情况", "4.绩效管理情况", "5.采购管理情况", "6.资产管理情况", "7.运行成本情况",
	"三、存在的主要问题", "四、下一步改进措施",
}

// TestSeedReport: the seed's department-year report, generated on the server from
// the demo data, has the real report's sections and states every figure of the
// real report in the section it states it in, once; its project reports are their
// own; a hidden evaluation's report is not readable.
func TestSeedReport(t *testing.T) { stores(t, seedReport) }

func seedReport(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor := srv.as(t, "editor")
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					OverallEvaluation struct {
						ID     string
						Report reportView
					}
					Projects struct {
						Edges []struct {
							Node struct {
								Name, Goal string
								Evaluation struct {
									ID     string
									Report reportView
								}
							}
						}
					}
				}
			}
		}
	}
	must(t, editor, `{ departmentYears(first: 1, where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node {
		overallEvaluation { id `+reportFields+` }
		projects(first: 1, orderBy: [{field: CODE}]) { edges { node { name goal evaluation { id `+reportFields+` } } } }
	} } } }`, nil, &out)
	if len(out.DepartmentYears.Edges) != 1 {
		t.Fatalf("the seed's year: %d", len(out.DepartmentYears.Edges))
	}
	year := out.DepartmentYears.Edges[0].Node
	r := year.OverallEvaluation.Report

	var titles []string
	for _, s := range r.Sections {
		titles = append(titles, s.Number+s.Title)
	}
	if !slices.Equal(titles, realSections) {
		t.Errorf("sections:\n%s\nthe real report's:\n%s", strings.Join(titles, "\n"), strings.Join(realSections, "\n"))
	}
	if r.Kind != "DEPARTMENT" || r.Title != "2023年度中共广州市南沙区委员会办公室部门整体支出绩效自评报告" {
		t.Errorf("kind %s, title %q", r.Kind, r.Title)
	}
	for _, f := range seedReportFigures {
		s := r.section(f.section)
		if s == nil || !strings.Contains(s.generated(), f.text) {
			t.Errorf("section %s does not state %q", f.section, f.text)
		}
	}

	// Nothing twice: no paragraph, and the carry-over rate once.
	seen := map[string]string{}
	rates := 0
	for _, s := range r.Sections {
		for _, p := range s.Paragraphs {
			if where, twice := seen[p.Text]; twice {
				t.Errorf("printed in %s and %s: %s", where, s.Key, p.Text)
			}
			seen[p.Text] = s.Key
			rates += strings.Count(p.Text, "0.25%")
			for _, bad := range []string{"完成率为3%", "完成率为2.5%", "完成率为2.49%", "完成率为95%", "完成率为80%"} {
				if strings.Contains(p.Text, bad) {
					t.Errorf("%s states a reverse indicator's completion rate: %s", s.Key, p.Text)
				}
			}
		}
	}
	if rates != 1 {
		t.Errorf("the carry-over rate is stated %d times, want once", rates)
	}
	if !strings.Contains(r.section("2.3.7").text(), "公用经费实际支出占预算安排数的比例控制在100%以内，实际为94.51%，达成目标") {
		t.Errorf("2.3.7 words the reverse indicators: %s", r.section("2.3.7").text())
	}

	// The department's stored texts feed their sections; the rest are drafts.
	for key, store := range map[string]string{"1.5.4": "REPORT_TEXT", "2.1": "CONCLUSION", "3": "PROBLEMS", "4": "IMPROVEMENTS"} {
		s := r.section(key)
		if s.Text == nil || s.Text.Store != store || !s.Text.Written || s.Text.MaxLength == 0 {
			t.Errorf("%s's text: %+v, want one written in %s", key, s.Text, store)
		}
	}
	if s := r.section("2.3.7"); s.Text == nil || s.Text.Written || !s.Paragraphs[0].Draft || s.Text.Version != 0 {
		t.Errorf("2.3.7, which the demo leaves to the draft: %+v", s)
	}
	if s := r.section("2.2.2"); s.Text != nil {
		t.Errorf("2.2.2 is generated alone: %+v", s.Text)
	}
	t.Logf("the seed's report: %d Chinese characters (the real report: 3573)", r.Characters)
	if r.Characters < 3000 {
		t.Errorf("%d Chinese characters: the report lost its breadth", r.Characters)
	}

	// A project's own report: its goal, budget and execution, indicators.
	p := year.Projects.Edges[0].Node
	pr := p.Evaluation.Report
	if pr.Kind != "PROJECT" || !strings.Contains(pr.Title, p.Name+"项目支出绩效自评报告") {
		t.Errorf("the project report: %s %q", pr.Kind, pr.Title)
	}
	for key, want := range map[string]string{
		"1.2":   p.Goal,
		"2.1":   "全年预算数为120万元，全年执行数为118.5万元，预算执行率为98.75%",
		"3.1":   "督查督办项目绩效自评综合得分为",
		"3.2.1": "督查督办事项数168件，指标完成率为112%",
	} {
		if s := pr.section(key); s == nil || !strings.Contains(s.text(), want) {
			t.Errorf("project report %s does not say %q", key, want)
		}
	}

	// Hidden evaluations answer as missing ones: the neighbour's to the office's
	// editor, the office's draft to nobody signed in.
	var neighbour struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct{ OverallEvaluation struct{ ID string } }
			}
		}
	}
	must(t, srv.admin(t), `{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-002"}}) { edges { node { overallEvaluation { id } } } } }`, nil, &neighbour)
	hidden := neighbour.DepartmentYears.Edges[0].Node.OverallEvaluation.ID
	query := `query($id: ID!) { node(id: $id) { ... on Evaluation { report { title } } } }`
	for _, c := range []struct {
		who    string
		caller *caller
		id     string
	}{{"the office's editor, the neighbour's evaluation", editor, hidden}, {"nobody, the office's draft", srv.anonymous(), year.OverallEvaluation.ID}} {
		got := post(t, c.caller, query, map[string]any{"id": c.id})
		missing := post(t, c.caller, query, map[string]any{"id": missingID(c.id)})
		if string(got.Data) != string(missing.Data) || code(got) != code(missing) || code(got) != "NOT_FOUND" {
			t.Errorf("%s: %s %v, want what a missing id gets: %s %v", c.who, got.Data, got.Errors, missing.Data, missing.Errors)
		}
	}
}

const setReportText = `mutation($id: ID!, $section: String!, $text: String!, $version: Int) {
	setReportText(evaluationID: $id, section: $section, text: $text, version: $version) {
		key paragraphs { text generated draft } text { value draft written store version maxLength } } }`

// TestSetReportText: a department writes, changes and removes its text of a
// section; the conclusion, problems and improvements are the evaluation's own
// fields; a stale version, an unknown section or a text too long is refused; the
// rules of the evaluation decide who may, and lock it under review.
func TestSetReportText(t *testing.T) { stores(t, setReportTextRules) }

func setReportTextRules(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	ev, _ := officeEvaluation(t, editor)
	write := func(c *caller, section, text string, version any) (reportSection, gqlResponse) {
		t.Helper()
		r := post(t, c, setReportText, map[string]any{"id": ev, "section": section, "text": text, "version": version})
		var out struct{ SetReportText reportSection }
		if len(r.Errors) == 0 {
			if err := json.Unmarshal(r.Data, &out); err != nil {
				t.Fatal(err)
			}
		}
		return out.SetReportText, r
	}
	refused := func(step string, r gqlResponse, code_, field string) {
		t.Helper()
		if code(r) != code_ || field != "" && r.Errors[0].Extensions["field"] != field {
			t.Errorf("%s: %+v, want %s on %q", step, r.Errors, code_, field)
		}
	}

	s, r := write(editor, "2.3.7", "  本办严格控制公用经费和“三公”经费。\n\n全年未超预算。 ", 0)
	if len(r.Errors) > 0 || !s.Text.Written || s.Text.Version != 1 || s.Text.Store != "REPORT_TEXT" || s.Text.MaxLength != 10000 ||
		s.Text.Value != "本办严格控制公用经费和“三公”经费。\n\n全年未超预算。" {
		t.Fatalf("a new text: %+v %+v", s.Text, r.Errors)
	}
	if p := s.Paragraphs; len(p) < 3 || p[0].Text != "本办严格控制公用经费和“三公”经费。" || p[0].Draft || p[0].Generated ||
		p[1].Text != "全年未超预算。" || !p[len(p)-1].Generated {
		t.Errorf("the section with the new text: %+v", s.Paragraphs)
	}
	_, r = write(editor, "2.3.7", "另一稿", 0)
	refused("a stale version", r, "CONFLICT", "version")
	if cur, _ := r.Errors[0].Extensions["currentVersion"].(float64); cur != 1 {
		t.Errorf("the conflict names version %v, want 1", r.Errors[0].Extensions["currentVersion"])
	}
	if s, _ = write(editor, "2.3.7", "第二稿", 1); s.Text == nil || s.Text.Version != 2 || s.Text.Value != "第二稿" {
		t.Errorf("the second draft: %+v", s.Text)
	}
	if s, _ = write(editor, "2.3.7", "", 2); s.Text == nil || s.Text.Written || s.Text.Version != 0 || !s.Paragraphs[0].Draft {
		t.Errorf("the text removed: %+v %+v", s.Text, s.Paragraphs)
	}

	// The conclusion is the evaluation's, named by the evaluation's version.
	var before struct{ Node struct{ Version int } }
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { version } } }`, map[string]any{"id": ev}, &before)
	s, r = write(editor, "2.1", "自评结论新稿。", before.Node.Version)
	if len(r.Errors) > 0 || s.Text.Store != "CONCLUSION" || s.Text.Version != before.Node.Version+1 || s.Text.MaxLength != 20000 {
		t.Errorf("the conclusion: %+v %+v", s.Text, r.Errors)
	}
	var after struct{ Node struct{ Conclusion string } }
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { conclusion } } }`, map[string]any{"id": ev}, &after)
	if after.Node.Conclusion != "自评结论新稿。" {
		t.Errorf("the evaluation's conclusion: %q", after.Node.Conclusion)
	}

	// Refused input.
	_, r = write(editor, "2.2.2", "产出", nil)
	refused("a generated section", r, "BAD_USER_INPUT", "section")
	_, r = write(editor, "9.9", "x", nil)
	refused("no such section", r, "BAD_USER_INPUT", "section")
	_, r = write(editor, "2.3.7", strings.Repeat("字", 10001), nil)
	refused("a text too long", r, "BAD_USER_INPUT", "text")
	if len(r.Errors) > 0 && r.Errors[0].Extensions["reason"] != "TOO_LONG" {
		t.Errorf("too long: %+v", r.Errors[0].Extensions)
	}
	_, r = write(editor, "3", strings.Repeat("字", 10001), nil)
	refused("problems too long", r, "BAD_USER_INPUT", "problems")

	// Who may: the evaluation's rules.
	var neighbour struct {
		Evaluations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ evaluations(where: {hasProject: false, hasDepartmentYearWith: {hasDepartmentWith: {code: "440115-002"}}}) { edges { node { id } } } }`, nil, &neighbour)
	other := neighbour.Evaluations.Edges[0].Node.ID
	r = post(t, editor, setReportText, map[string]any{"id": other, "section": "2.3.7", "text": "x"})
	refused("the editor, another department's evaluation", r, "FORBIDDEN", "")
	r = post(t, admin, setReportText, map[string]any{"id": missingID(ev), "section": "2.3.7", "text": "x"})
	refused("no such evaluation", r, "NOT_FOUND", "evaluationID")
	for who, c := range map[string]*caller{"reviewer": srv.as(t, "reviewer"), "analyst": srv.as(t, "analyst")} {
		_, r = write(c, "2.3.7", "x", nil)
		refused(who, r, "FORBIDDEN", "")
	}
	_, r = write(srv.anonymous(), "2.3.7", "x", nil)
	refused("nobody signed in", r, "UNAUTHENTICATED", "")

	// Under review the editor's texts are locked; the administrator's are not.
	must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, map[string]any{"id": ev}, nil)
	_, r = write(editor, "2.3.7", "提交后修改", nil)
	refused("the editor, under review", r, "LOCKED", "")
	if s, r = write(admin, "2.3.7", "财政局修订", nil); len(r.Errors) > 0 || s.Text.Value != "财政局修订" {
		t.Errorf("the administrator, under review: %+v", r.Errors)
	}

	// Every change is in the audit trail, by whoever made it.
	var trail struct {
		AuditRecords struct {
			Edges []struct {
				Node struct{ Action, ActorName string }
			}
		}
	}
	must(t, admin, `{ auditRecords(where: {entityType: "ReportText"}, orderBy: [{field: AT}]) { edges { node { action actorName } } } }`, nil, &trail)
	var got []string
	for _, e := range trail.AuditRecords.Edges {
		if e.Node.ActorName != "demo" { // the demo's own texts
			got = append(got, e.Node.Action+" "+e.Node.ActorName)
		}
	}
	if want := []string{"CREATE editor", "UPDATE editor", "DELETE editor", "CREATE admin"}; !slices.Equal(got, want) {
		t.Errorf("the trail of report texts: %v, want %v", got, want)
	}
}
