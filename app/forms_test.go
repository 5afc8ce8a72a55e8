package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/domain/fixed"
)

// download GETs a path as c and returns the response with its body read.
func download(t testing.TB, c *caller, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.url+path, nil)
	return c.send(t, req)
}

// formOf downloads an evaluation's form.xlsx, which must succeed.
func formOf(t testing.TB, c *caller, evaluation string) []byte {
	t.Helper()
	resp, body := download(t, c, "/files/evaluations/"+evaluation+"/form.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("form.xlsx of %s: %d %s", evaluation, resp.StatusCode, body)
	}
	return body
}

// uploadQuery is the import mutation with every field of its answer.
const uploadQuery = `mutation($id: ID!, $file: Upload!, $dry: Boolean!) {
	importEvaluationForm(evaluationID: $id, file: $file, dryRun: $dry) {
		form dryRun applied scoreBefore scoreAfter
		problems { sheet cell field value code params message }
		changes { kind entity id name level1 level2 row fields { field before after } scoreBefore scoreAfter } } }`

// upload sends query as c with file as the variable "file", as a multipart
// request by the GraphQL multipart request specification (what the web app sends).
func upload(t testing.TB, c *caller, query string, vars map[string]any, file []byte) (int, gqlResponse) {
	t.Helper()
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	part, _ := mw.CreateFormFile("0", "自评表.xlsx")
	_, _ = part.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.url+"/query", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, raw := c.send(t, req)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decoding the answer (status %d): %v: %s", resp.StatusCode, err, raw)
	}
	return resp.StatusCode, out
}

// formImport is importEvaluationForm's answer.
type importAnswer struct {
	Form, ScoreBefore string
	DryRun, Applied   bool
	ScoreAfter        *string
	Problems          []formProblem
	Changes           []formChange
}

type formProblem struct {
	Sheet, Cell, Field, Value *string
	Code, Message             string
	Params                    map[string]string
}

type formChange struct {
	Kind, Entity, Name string
	ID, Level1, Level2 *string
	Row                *int
	Fields             []struct {
		Field         string
		Before, After any
	}
	ScoreBefore, ScoreAfter *string
}

// importAs imports file into evaluation as c; the answer must have no errors.
func importAs(t testing.TB, c *caller, evaluation string, file []byte, dry bool) importAnswer {
	t.Helper()
	status, r := upload(t, c, uploadQuery, map[string]any{"id": evaluation, "dry": dry}, file)
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("importEvaluationForm: status %d, errors %+v", status, r.Errors)
	}
	var out struct{ ImportEvaluationForm importAnswer }
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	return out.ImportEvaluationForm
}

// workbook is a downloaded form, opened to read and change it as a user would.
type workbook struct {
	t *testing.T
	x *excelize.File
}

const formSheet = "自评表"

func openWorkbook(t *testing.T, data []byte) *workbook {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return &workbook{t, x}
}

func (w *workbook) get(cell string) string {
	w.t.Helper()
	v, err := w.x.GetCellValue(formSheet, cell)
	if err != nil {
		w.t.Fatal(err)
	}
	return v
}

func (w *workbook) set(cell string, v any) {
	w.t.Helper()
	if err := w.x.SetCellValue(formSheet, cell, v); err != nil {
		w.t.Fatal(err)
	}
}

// row is the sheet row whose column col holds text; it must exist.
func (w *workbook) row(col, text string) int {
	w.t.Helper()
	rows, err := w.x.GetRows(formSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		w.t.Fatal(err)
	}
	c, _ := excelize.ColumnNameToNumber(col)
	for i, r := range rows {
		if len(r) >= c && r[c-1] == text {
			return i + 1
		}
	}
	w.t.Fatalf("no row holds %q in column %s", text, col)
	return 0
}

func (w *workbook) bytes() []byte {
	w.t.Helper()
	var buf bytes.Buffer
	if _, err := w.x.WriteTo(&buf); err != nil {
		w.t.Fatal(err)
	}
	return buf.Bytes()
}

// sameDecimal compares two decimal texts by value ("7" and "7.00").
func sameDecimal(a, b string) bool {
	x, errA := fixed.Parse(a)
	y, errB := fixed.Parse(b)
	return errA == nil && errB == nil && x == y
}

// seedEvaluations are the office's 2023 evaluations with their indicators' scores,
// as the API gives them: the overall one first, then the projects'.
type seedEvaluation struct {
	ID, Score, Name string
	ExecutionScore  *string
	Indicators      []struct{ ID, Name, Score string }
}

func seedEvaluations(t *testing.T, c *caller, code string) []seedEvaluation {
	t.Helper()
	var out struct {
		Evaluations struct {
			Edges []struct {
				Node struct {
					seedEvaluation
					Project *struct{ Name string }
				}
			}
		}
	}
	must(t, c, `query($code: String!) { evaluations(first: 20,
		where: {hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {code: $code}}}) { edges { node {
		id score executionScore project { name } indicators { id name score } } } } }`, map[string]any{"code": code}, &out)
	var evs []seedEvaluation
	for _, e := range out.Evaluations.Edges {
		ev := e.Node.seedEvaluation
		if e.Node.Project != nil {
			ev.Name = e.Node.Project.Name
			evs = append(evs, ev)
		} else {
			evs = append([]seedEvaluation{ev}, evs...)
		}
	}
	if len(evs) == 0 || evs[0].Name != "" {
		t.Fatalf("the seed's evaluations: %+v", evs)
	}
	return evs
}

// TestFormExport downloads the seed's forms and reads them back with excelize:
// the layout, the figures, each indicator's score as the API gives it, the seed's
// 99.69; and the access rules: what the caller may not read answers 404.
func TestFormExport(t *testing.T) { stores(t, formExport) }

func formExport(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	evs := seedEvaluations(t, editor, "440115-001")
	if len(evs) < 2 {
		t.Fatalf("the office's evaluations: %+v", evs)
	}
	overall, project := evs[0], evs[1]

	resp, data := download(t, editor, "/files/evaluations/"+overall.ID+"/form.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("Content-Type %q", ct)
	}
	name := "2023年度部门整体支出绩效自评表-中共广州市南沙区委员会办公室.xlsx"
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; ") ||
		!strings.HasSuffix(cd, "filename*=UTF-8''"+url.PathEscape(name)) {
		t.Errorf("Content-Disposition %q, want the name %s, RFC 5987-encoded", cd, name)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	w := openWorkbook(t, data)
	if w.get("A1") != "部门整体支出绩效自评表" || w.get("A2") != "（2023年度）" || w.get("B3") != "中共广州市南沙区委员会办公室" {
		t.Errorf("header: %q %q %q", w.get("A1"), w.get("A2"), w.get("B3"))
	}
	total := w.row("A", "总分")
	if got := w.get(fmt.Sprintf("J%d", total)); !sameDecimal(got, "99.69") || overall.Score != "99.69" {
		t.Errorf("总分 %s (API %s), want 99.69", got, overall.Score)
	}
	if got := w.get(fmt.Sprintf("K%d", total)); got != "评价等级：优" {
		t.Errorf("grade %q", got)
	}
	head := w.row("D", "三级指标")
	for _, ind := range overall.Indicators {
		r := w.row("M", ind.ID)
		if w.get(fmt.Sprintf("D%d", r)) != ind.Name || r <= head+1 || r >= total {
			t.Errorf("indicator %s %s at row %d: %q", ind.ID, ind.Name, r, w.get(fmt.Sprintf("D%d", r)))
		}
		// A qualitative indicator's 得分 cell is its rated score, which the kept score equals here.
		if got := w.get(fmt.Sprintf("J%d", r)); !sameDecimal(got, ind.Score) {
			t.Errorf("%s: 得分 %s, the API's %s", ind.Name, got, ind.Score)
		}
	}
	if n := total - head - 2; n != len(overall.Indicators) {
		t.Errorf("%d indicator rows, the API has %d", n, len(overall.Indicators))
	}
	merges, _ := w.x.GetMergeCells(formSheet, true)
	have := map[string]bool{}
	for _, m := range merges {
		have[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, m := range []string{"A1:L1", "B3:L3", fmt.Sprintf("E%d:G%d", head, head), fmt.Sprintf("A%d:H%d", total, total),
		fmt.Sprintf("A%d:A%d", head, total-1)} {
		if !have[m] {
			t.Errorf("merged range %s missing", m)
		}
	}
	areas := map[string]string{}
	for _, d := range w.x.GetDefinedName() {
		areas[d.Name] = d.RefersTo
	}
	if want := fmt.Sprintf("'自评表'!$A$1:$L$%d", total+3); areas["_xlnm.Print_Area"] != want {
		t.Errorf("print area %q, want %q", areas["_xlnm.Print_Area"], want)
	}
	dvs, _ := w.x.GetDataValidations(formSheet)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	if got := lists[fmt.Sprintf("E%d:E%d", head+2, total-1)]; got != `"≥,>,=,≤,<,定性"` {
		t.Errorf("the operators' drop-down: %q (%v)", got, lists)
	}

	// The forms data: 年初预算数 (basic and project spending's, their sum the total's),
	// the revenue line (the seed's 一般公共预算 is all of its revenue), the outcome.
	cells := func(w *workbook, row int, cols string) []string {
		t.Helper()
		var out []string
		for _, c := range cols {
			out = append(out, w.get(fmt.Sprintf("%c%d", c, row)))
		}
		return out
	}
	for _, tt := range []struct {
		label string
		want  []string // 年初预算数, 全年预算数, 全年执行数
	}{
		{"年度资金总额", []string{"1803.60", "1836.19", "1829.40"}},
		{"一般公共预算", []string{"1803.60", "1836.19", "1829.40"}},
		{"政府性基金预算", []string{"", "", ""}}, // no line: empty, not 0
		{"基本支出", []string{"958.60", "968.20", "962.44"}},
		{"项目支出", []string{"845.00", "867.99", "866.96"}},
	} {
		col := "C"
		if tt.label == "年度资金总额" {
			col = "B"
		}
		got := cells(w, w.row(col, tt.label), "EFG")
		for i := range got {
			if got[i] != tt.want[i] && !sameDecimal(got[i], tt.want[i]) {
				t.Errorf("%s: %v, want %v", tt.label, got, tt.want)
				break
			}
		}
	}
	if got := w.get(fmt.Sprintf("H%d", w.row("H", "实际完成情况")+1)); !strings.Contains(got, "一般公共预算资金支出年度执行率99.63%") {
		t.Errorf("the year's 实际完成情况: %q", got)
	}

	// A project's form: its money block carries the fixed execution item.
	p := openWorkbook(t, formOf(t, editor, project.ID))
	if p.get("A1") != "项目支出绩效自评表" || p.get("B3") != project.Name {
		t.Errorf("project form header %q %q, want %s", p.get("A1"), p.get("B3"), project.Name)
	}
	if got := p.get("J6"); project.ExecutionScore == nil || !sameDecimal(got, *project.ExecutionScore) || !sameDecimal(p.get("H6"), "10") {
		t.Errorf("execution item: 分值 %s 得分 %s, the API's %v", p.get("H6"), got, project.ExecutionScore)
	}
	if got := p.get(fmt.Sprintf("J%d", p.row("A", "总分"))); !sameDecimal(got, project.Score) {
		t.Errorf("project 总分 %s, the API's %s", got, project.Score)
	}

	// A project's forms data, as the API gives it: its sources of funds (a source
	// without a line empty), 主管部门 (none stored: the office, by name), 实施单位,
	// 年初预算数, the outcome, each indicator's 评（扣）分标准.
	var info *seedEvaluation
	for i := range evs {
		if evs[i].Name == "信息工作辅助服务" {
			info = &evs[i]
		}
	}
	if info == nil {
		t.Fatalf("no evaluation of 信息工作辅助服务 among %+v", evs)
	}
	var stored struct {
		Node struct {
			Project struct {
				SupervisingDepartment, ImplementingUnit, InitialBudget, GoalOutcome string
			}
			Indicators []struct{ ID, Name, ScoringCriteria string }
		}
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation {
		project { supervisingDepartment implementingUnit initialBudget goalOutcome }
		indicators { id name scoringCriteria } } } }`, map[string]any{"id": info.ID}, &stored)
	pr := stored.Node.Project
	if pr.SupervisingDepartment != "" || pr.ImplementingUnit != "区委办公室信息科" || pr.GoalOutcome == "" {
		t.Fatalf("the seed's project: %+v", pr)
	}
	p = openWorkbook(t, formOf(t, editor, info.ID))
	header := p.row("A", "主管部门")
	if got := []string{p.get(fmt.Sprintf("B%d", header)), p.get(fmt.Sprintf("I%d", header))}; got[0] != "中共广州市南沙区委员会办公室" || got[1] != pr.ImplementingUnit {
		t.Errorf("主管部门, 实施单位: %v", got)
	}
	for _, tt := range []struct {
		col, label string
		want       []string
	}{
		{"B", "年度资金总额", []string{pr.InitialBudget, "260.00", "259.20"}},
		{"C", "当年财政拨款", []string{"250.00", "255.42", "254.62"}},
		{"C", "上年结转资金", []string{"0.00", "4.58", "4.58"}},
		{"C", "其他资金", []string{"", "", ""}},
	} {
		got := cells(p, p.row(tt.col, tt.label), "EFG")
		for i := range got {
			if got[i] != tt.want[i] && !sameDecimal(got[i], tt.want[i]) {
				t.Errorf("the project's %s: %v, want %v", tt.label, got, tt.want)
				break
			}
		}
	}
	if got := p.get(fmt.Sprintf("H%d", p.row("H", "实际完成情况")+1)); got != pr.GoalOutcome {
		t.Errorf("the project's 实际完成情况: %q, want %q", got, pr.GoalOutcome)
	}
	for _, ind := range stored.Node.Indicators {
		if got := p.get(fmt.Sprintf("L%d", p.row("M", ind.ID))); got != ind.ScoringCriteria || got == "" {
			t.Errorf("%s: 评（扣）分标准 %q, the API's %q", ind.Name, got, ind.ScoringCriteria)
		}
	}

	// Access: another department's evaluation is not found for the editor, as an
	// id that does not exist; anonymous callers find no draft.
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	for _, tt := range []struct {
		who    string
		c      *caller
		path   string
		status int
	}{
		{"the editor, another department's", editor, "/files/evaluations/" + neighbour.ID + "/form.xlsx", 404},
		{"the editor, an id that does not exist", editor, "/files/evaluations/99999999/form.xlsx", 404},
		{"the administrator, that department's", admin, "/files/evaluations/" + neighbour.ID + "/form.xlsx", 200},
		{"nobody signed in, a draft", srv.anonymous(), "/files/evaluations/" + overall.ID + "/form.xlsx", 404},
		{"no such document", editor, "/files/evaluations/" + overall.ID + "/form.pdf", 404},
		{"not an id", editor, "/files/evaluations/440115-001/form.xlsx", 404},
	} {
		resp, body := download(t, tt.c, tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.who, resp.StatusCode, tt.status, body)
		}
		if tt.status == 404 && !strings.Contains(string(body), `"code":"NOT_FOUND"`) {
			t.Errorf("%s: %s", tt.who, body)
		}
	}
	missing, _ := download(t, editor, "/files/evaluations/99999999/form.xlsx")
	hidden, _ := download(t, editor, "/files/evaluations/"+neighbour.ID+"/form.xlsx")
	if missing.Header.Get("Content-Type") != hidden.Header.Get("Content-Type") {
		t.Error("a hidden evaluation answers unlike a missing one")
	}
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/files/evaluations/"+overall.ID+"/form.xlsx", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

// TestFormImport imports the seed's overall form: unchanged (nothing happens),
// edited (a dry run shows the changes and the score after, and changes nothing;
// then they are applied through the mutations, audited), with problems (every one
// at once, by cell, and nothing is applied, not even the rows without any), of
// another kind, damaged, too large; and refused by the access rules.
func TestFormImport(t *testing.T) { stores(t, formImport) }

func formImport(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	tr := &trail{t: t, admin: admin}
	tr.since()
	evs := seedEvaluations(t, editor, "440115-001")
	overall := evs[0].ID
	scoreOf := func(name string) string {
		t.Helper()
		for _, ind := range seedEvaluations(t, editor, "440115-001")[0].Indicators {
			if ind.Name == name {
				return ind.Score
			}
		}
		return "(none)"
	}

	// Unchanged: nothing to do, on a dry run and for real.
	form := formOf(t, editor, overall)
	for _, dry := range []bool{true, false} {
		got := importAs(t, editor, overall, form, dry)
		if len(got.Problems)+len(got.Changes) > 0 || got.Form != "OVERALL" || got.ScoreBefore != "99.69" ||
			got.ScoreAfter == nil || *got.ScoreAfter != "99.69" || got.Applied == dry {
			t.Errorf("the unchanged form (dry run %v): %+v", dry, got)
		}
	}
	// Every form of the seed comes back unchanged: the projects' and, with an
	// indicator bound to a formula, the neighbour's.
	others := append(evs[1:], seedEvaluations(t, admin, "440115-002")[0])
	for _, ev := range others {
		got := importAs(t, admin, ev.ID, formOf(t, admin, ev.ID), true)
		if len(got.Problems)+len(got.Changes) > 0 || got.ScoreBefore != ev.Score || str(got.ScoreAfter) != ev.Score {
			t.Errorf("the unchanged form of %s %s: %+v", ev.ID, ev.Name, got)
		}
	}
	tr.expect("the unchanged form")

	// Edited: an actual value lowered with its reason, a row removed, a row added.
	w := openWorkbook(t, form)
	training := w.row("D", "业务岗位培训人数")
	w.set(fmt.Sprintf("H%d", training), 72)
	w.set(fmt.Sprintf("K%d", training), "部分培训因场地调整延期。")
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ok(w.x.RemoveRow(formSheet, w.row("D", "会议参与人数")))
	total := w.row("A", "总分")
	ok(w.x.InsertRows(formSheet, total, 1))
	for col, v := range map[string]any{"B": "履职效能", "C": "产出", "D": "公文处理及时率", "E": "≥", "F": 95, "G": "%", "H": 100, "I": 6} {
		w.set(fmt.Sprintf("%s%d", col, total), v)
	}
	edited := w.bytes()
	dry := importAs(t, editor, overall, edited, true)
	var changes []string
	for _, c := range dry.Changes {
		var fields []string
		for _, f := range c.Fields {
			fields = append(fields, fmt.Sprintf("%s:%v→%v", f.Field, f.Before, f.After))
		}
		changes = append(changes, fmt.Sprintf("%s %s %s %v→%v [%s]", c.Kind, c.Entity, c.Name, str(c.ScoreBefore), str(c.ScoreAfter), strings.Join(fields, " ")))
	}
	want := []string{
		"CHANGED Indicator 业务岗位培训人数 6.00→5.40 [actual:88.00→72.00 deviationReason:→部分培训因场地调整延期。]",
		"ADDED Indicator 公文处理及时率 -→6.00 [level1:<nil>→履职效能 level2:<nil>→产出 name:<nil>→公文处理及时率 kind:<nil>→QUANTITATIVE operator:<nil>→GE target:<nil>→95.00 unit:<nil>→% actual:<nil>→100.00 weight:<nil>→6.00 position:<nil>→19]",
		"REMOVED Indicator 会议参与人数 6.00→- [level1:履职效能→<nil> level2:产出→<nil> name:会议参与人数→<nil> kind:QUANTITATIVE→<nil> operator:GE→<nil> target:900.00→<nil> unit:人次→<nil> actual:1300.00→<nil> rating:<nil>→<nil> ratedScore:<nil>→<nil> weight:6.00→<nil> deviationReason:全年区委会议和专题活动场次多于年初预计，参会人次相应大幅增加。→<nil> scoringCriteria:完成值达到指标值的得满分，未达到的按完成值÷指标值×分值计分。→<nil>]",
	}
	if strings.Join(changes, "\n") != strings.Join(want, "\n") || len(dry.Problems) > 0 || dry.Applied ||
		dry.ScoreBefore != "99.69" || str(dry.ScoreAfter) != "99.09" {
		t.Errorf("the dry run: %v, score %s→%s, problems %+v; changes:\n%s\nwant:\n%s", dry.Applied, dry.ScoreBefore, str(dry.ScoreAfter),
			dry.Problems, strings.Join(changes, "\n"), strings.Join(want, "\n"))
	}
	if dry.Changes[1].ID != nil {
		t.Errorf("a dry run's added row has an id: %v", *dry.Changes[1].ID)
	}
	tr.expect("the dry run")
	if s := scoreOf("业务岗位培训人数"); s != "6.00" || seedEvaluations(t, editor, "440115-001")[0].Score != "99.69" {
		t.Errorf("after the dry run: %s, %s", s, seedEvaluations(t, editor, "440115-001")[0].Score)
	}
	applied := importAs(t, editor, overall, edited, false)
	if !applied.Applied || str(applied.ScoreAfter) != "99.09" || len(applied.Changes) != 3 || applied.Changes[1].ID == nil {
		t.Fatalf("applied: %+v", applied)
	}
	ed := whoAmI(t, editor)
	records := tr.since()
	actions := map[string]int{}
	for _, r := range records {
		if r.ActorName != ed.name {
			t.Errorf("record by %s", r.ActorName)
		}
		actions[r.Action+" "+r.EntityType]++
	}
	if fmt.Sprint(actions) != "map[CREATE Indicator:1 DELETE Indicator:1 UPDATE Indicator:1]" {
		t.Errorf("audit records: %v", actions)
	}
	if after := seedEvaluations(t, editor, "440115-001")[0]; after.Score != "99.09" || scoreOf("业务岗位培训人数") != "5.40" ||
		scoreOf("会议参与人数") != "(none)" || scoreOf("公文处理及时率") != "6.00" {
		t.Errorf("after the import: %+v", after)
	}

	// Every problem at once, by cell; nothing applied, not the valid change either.
	w = openWorkbook(t, formOf(t, editor, overall))
	training = w.row("D", "业务岗位培训人数")
	w.set(fmt.Sprintf("H%d", training), 80) // valid
	budgeting := w.row("D", "预算编制规范性")
	w.set(fmt.Sprintf("J%d", budgeting), 2) // ACHIEVED of weight 5: 4 to 5
	documents := w.row("D", "公文处理及时率")
	w.set(fmt.Sprintf("H%d", documents), "八十")
	got := importAs(t, editor, overall, w.bytes(), false)
	var problems []string
	for _, p := range got.Problems {
		problems = append(problems, fmt.Sprintf("%s %s!%s %s %s", p.Code, *p.Sheet, *p.Cell, *p.Field, p.Params["reason"]))
	}
	wantProblems := []string{
		fmt.Sprintf("NOT_A_NUMBER 自评表!H%d actual ", documents),
		fmt.Sprintf("INVALID 自评表!J%d ratedScore RATED_SCORE_OUTSIDE_BAND", budgeting),
	}
	if got.Applied || got.ScoreAfter != nil || strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s\n(applied %v, score after %v)", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"),
			got.Applied, str(got.ScoreAfter))
	}
	if len(got.Problems) > 1 && !strings.Contains(got.Problems[1].Message, "outside the band") {
		t.Errorf("the band's message: %s", got.Problems[1].Message)
	}
	if s := scoreOf("业务岗位培训人数"); s != "5.40" {
		t.Errorf("a refused import changed a valid row: %s", s)
	}
	tr.expect("a refused import")

	// Of another kind, damaged, too large: a clear problem or error, nothing changed.
	project := formOf(t, editor, evs[1].ID)
	for name, tt := range map[string]struct {
		file []byte
		code string
	}{
		"a project's form": {project, "WRONG_FORM"},
		"a damaged file":   {project[:len(project)/3], "FILE_DAMAGED"},
		"not a workbook":   {[]byte("一级指标,二级指标\n"), "FILE_NOT_XLSX"},
	} {
		got := importAs(t, editor, overall, tt.file, false)
		if len(got.Problems) != 1 || got.Problems[0].Code != tt.code || got.Applied {
			t.Errorf("%s: %+v, want %s", name, got.Problems, tt.code)
		}
	}
	// 11 MiB passes the HTTP layer (an evidence file may be 20 MiB) and is the import's
	// problem; 21 MiB is refused before it is read, naming the file.
	if got := importAs(t, editor, overall, make([]byte, 11<<20), true); len(got.Problems) != 1 || got.Problems[0].Code != "FILE_TOO_LARGE" {
		t.Errorf("11 MiB: %+v", got.Problems)
	}
	status, r := upload(t, editor, uploadQuery, map[string]any{"id": overall, "dry": true}, make([]byte, 21<<20))
	if status != http.StatusRequestEntityTooLarge || code(r) != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "自评表.xlsx") {
		t.Errorf("21 MiB: status %d, %+v", status, r.Errors)
	}
	tr.expect("refused files")

	// The access rules: who may not see the evaluation finds nothing; who may see
	// but not change it is refused; a change sent without the CSRF token too.
	neighbour := seedEvaluations(t, admin, "440115-002")[0].ID
	noToken := *editor
	noToken.csrf = ""
	for _, tt := range []struct {
		who        string
		c          *caller
		evaluation string
		code       string
	}{
		{"the editor, another department's", editor, neighbour, "NOT_FOUND"},
		{"the editor, an id that does not exist", editor, "99999999", "NOT_FOUND"},
		{"a reviewer", srv.as(t, "reviewer"), overall, "FORBIDDEN"},
		{"an analyst", srv.as(t, "analyst"), overall, "FORBIDDEN"},
		{"nobody signed in", srv.anonymous(), overall, "UNAUTHENTICATED"},
		{"the editor without the CSRF token", &noToken, overall, "CSRF"},
	} {
		_, r := upload(t, tt.c, uploadQuery, map[string]any{"id": tt.evaluation, "dry": true}, form)
		if code(r) != tt.code {
			t.Errorf("%s: %+v, want %s", tt.who, r.Errors, tt.code)
		}
	}

	// Under review: LOCKED for the editor, even a dry run; administrators may.
	mustOK(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": overall})
	tr.since()
	if _, r := upload(t, editor, uploadQuery, map[string]any{"id": overall, "dry": true}, form); code(r) != "LOCKED" {
		t.Errorf("submitted: %+v, want LOCKED", r.Errors)
	}
	if got := importAs(t, admin, overall, formOf(t, admin, overall), true); len(got.Problems) > 0 {
		t.Errorf("the administrator's dry run of a submitted evaluation: %+v", got.Problems)
	}
	tr.expect("imports of a submitted evaluation")
}

// TestFormImportFormsData imports a project's form whose forms data changed: a
// funding line's amount, the 实施单位, an indicator's 评（扣）分标准. The dry run
// lists them and keeps nothing; applied, each is written by its own mutation's
// code path and audited as the mutations audit it. Lines that no longer add up
// are taken (a submission checks them, as through the API); a row emptied
// deletes its line, one filled in adds one; an invalid amount, negative or text,
// is reported at its cell, every one at once.
func TestFormImportFormsData(t *testing.T) { stores(t, formImportFormsData) }

// projectData is what the API holds of a project's forms data.
type projectData struct {
	Project struct {
		ID, ImplementingUnit, InitialBudget string
		Version                             int
		FundingLines                        []struct {
			ID, Category, InitialBudget, AdjustedBudget, Executed string
			Version                                               int
		}
		FundingProblems []struct {
			Field, Reason string
			Params        map[string]string
		}
	}
	Indicators []struct {
		ID, Name, ScoringCriteria string
		Version                   int
	}
}

func formImportFormsData(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	tr := &trail{t: t, admin: admin}
	tr.since()
	var ev string
	for _, e := range seedEvaluations(t, editor, "440115-001") {
		if e.Name == "督查督办" {
			ev = e.ID
		}
	}
	read := func() projectData {
		t.Helper()
		var out struct{ Node projectData }
		must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation {
			project { id version implementingUnit initialBudget fundingLines { id version category initialBudget adjustedBudget executed }
				fundingProblems { field reason params } }
			indicators { id name version scoringCriteria } } } }`, map[string]any{"id": ev}, &out)
		return out.Node
	}
	before := read()
	if len(before.Project.FundingLines) != 1 || before.Project.FundingLines[0].Executed != "118.50" || len(before.Indicators) == 0 {
		t.Fatalf("the seed's 督查督办: %+v", before)
	}
	line, ind := before.Project.FundingLines[0], before.Indicators[0]
	const criteria = "完成值达到指标值的得满分，每少1件扣0.1分。"

	w := openWorkbook(t, formOf(t, editor, ev))
	appropriation := w.row("C", "当年财政拨款")
	header := w.row("A", "主管部门")
	w.set(fmt.Sprintf("G%d", appropriation), 118)
	w.set(fmt.Sprintf("I%d", header), "区委办公室督查室（一科）")
	w.set(fmt.Sprintf("L%d", w.row("M", ind.ID)), criteria)
	edited := w.bytes()

	dry := importAs(t, editor, ev, edited, true)
	var changes []string
	for _, c := range dry.Changes {
		var fields []string
		for _, f := range c.Fields {
			fields = append(fields, fmt.Sprintf("%s:%v→%v", f.Field, f.Before, f.After))
		}
		changes = append(changes, fmt.Sprintf("%s %s %s %s [%s]", c.Kind, c.Entity, str(c.ID), c.Name, strings.Join(fields, " ")))
	}
	wantChanges := []string{
		fmt.Sprintf("CHANGED FundingLine %s 当年财政拨款 [executed:118.50→118.00]", line.ID),
		fmt.Sprintf("CHANGED Project %s 督查督办 [implementingUnit:区委办公室督查室→区委办公室督查室（一科）]", before.Project.ID),
		fmt.Sprintf("CHANGED Indicator %s %s [scoringCriteria:%s→%s]", ind.ID, ind.Name, ind.ScoringCriteria, criteria),
	}
	if strings.Join(changes, "\n") != strings.Join(wantChanges, "\n") || len(dry.Problems) > 0 || dry.Applied {
		t.Errorf("the dry run (applied %v, problems %+v); changes:\n%s\nwant:\n%s", dry.Applied, dry.Problems,
			strings.Join(changes, "\n"), strings.Join(wantChanges, "\n"))
	}
	tr.expect("the dry run")
	if after := read(); !reflect.DeepEqual(after, before) {
		t.Errorf("after the dry run: %+v", after)
	}

	applied := importAs(t, editor, ev, edited, false)
	if !applied.Applied || len(applied.Problems) > 0 || len(applied.Changes) != 3 {
		t.Fatalf("applied: %+v", applied)
	}
	ed := whoAmI(t, editor)
	tr.expect("the import",
		want{"UPDATE", "FundingLine", line.ID, ed, map[string][2]any{"executed": {"118.50", "118.00"}, "version": {line.Version, line.Version + 1}}},
		want{"UPDATE", "Project", before.Project.ID, ed, map[string][2]any{"implementingUnit": {"区委办公室督查室", "区委办公室督查室（一科）"},
			"version": {before.Project.Version, before.Project.Version + 1}}},
		want{"UPDATE", "Indicator", ind.ID, ed, map[string][2]any{"scoringCriteria": {ind.ScoringCriteria, criteria},
			"version": {ind.Version, ind.Version + 1}}})
	after := read()
	// The line no longer adds up to the total row: taken, as setFundingLines takes
	// it, and shown where the API shows it (a submission refuses it).
	if after.Project.ImplementingUnit != "区委办公室督查室（一科）" || after.Project.FundingLines[0].Executed != "118.00" ||
		after.Indicators[0].ScoringCriteria != criteria ||
		fmt.Sprint(problems(after.Project.FundingProblems)) != "[fundingLines FUNDING_SUM_MISMATCH executed 118.00 118.50]" {
		t.Errorf("after the import: %+v", after)
	}
	// What was imported comes back unchanged.
	if again := importAs(t, editor, ev, formOf(t, editor, ev), true); len(again.Problems)+len(again.Changes) > 0 {
		t.Errorf("the imported form, exported again: %+v", again)
	}

	// A row emptied deletes its line, a row filled in adds one, as setFundingLines
	// does with a category left out and one listed.
	w = openWorkbook(t, formOf(t, editor, ev))
	other := w.row("C", "其他资金")
	for i, col := range "EFG" {
		w.set(fmt.Sprintf("%c%d", col, appropriation), "")
		w.set(fmt.Sprintf("%c%d", col, other), []float64{110, 120, 118}[i])
	}
	moved := importAs(t, editor, ev, w.bytes(), false)
	changes = nil
	for _, c := range moved.Changes {
		changes = append(changes, fmt.Sprintf("%s %s %s", c.Kind, c.Entity, c.Name))
	}
	if !moved.Applied || fmt.Sprint(changes) != "[REMOVED FundingLine 当年财政拨款 ADDED FundingLine 其他资金]" || moved.Changes[1].ID == nil {
		t.Fatalf("a line moved to 其他资金: %+v", moved)
	}
	var year struct {
		Node struct{ DepartmentYearID string }
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { departmentYearID } } }`, map[string]any{"id": ev}, &year)
	lineRow := func(category string, version int) map[string]any {
		return map[string]any{"departmentYearID": year.Node.DepartmentYearID, "projectID": before.Project.ID, "category": category,
			"initialBudget": "110.00", "adjustedBudget": "120.00", "executed": "118.00", "version": version}
	}
	tr.expect("a line moved", want{"DELETE", "FundingLine", line.ID, ed, deletedRow(lineRow("CURRENT_APPROPRIATION", line.Version+1))},
		want{"CREATE", "FundingLine", *moved.Changes[1].ID, ed, created(lineRow("OTHER_FUNDS", 1))})
	after = read()
	if len(after.Project.FundingLines) != 1 || after.Project.FundingLines[0].Category != "OTHER_FUNDS" {
		t.Errorf("after the line moved: %+v", after.Project.FundingLines)
	}

	// Invalid amounts, each at its cell: a negative one (the line's, a line added,
	// the project's own), a text; nothing applied.
	w = openWorkbook(t, formOf(t, editor, ev))
	total, carryover := w.row("B", "年度资金总额"), w.row("C", "上年结转资金")
	w.set(fmt.Sprintf("E%d", total), -1)
	w.set(fmt.Sprintf("F%d", other), -5)
	w.set(fmt.Sprintf("E%d", carryover), "一百")
	w.set(fmt.Sprintf("G%d", appropriation), -0.5)
	got := importAs(t, editor, ev, w.bytes(), false)
	var ps []string
	for _, p := range got.Problems {
		ps = append(ps, fmt.Sprintf("%s %s %s %s", p.Code, str(p.Cell), str(p.Field), p.Params["reason"]))
	}
	wantProblems := []string{
		fmt.Sprintf("NOT_A_NUMBER E%d initialBudget ", carryover),
		fmt.Sprintf("INVALID E%d initialBudget NEGATIVE", total),
		fmt.Sprintf("INVALID G%d executed NEGATIVE", appropriation),
		fmt.Sprintf("INVALID F%d adjustedBudget NEGATIVE", other),
	}
	if got.Applied || strings.Join(ps, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("invalid amounts (applied %v):\n%s\nwant:\n%s", got.Applied, strings.Join(ps, "\n"), strings.Join(wantProblems, "\n"))
	}
	tr.expect("a refused import")
	if again := read(); !reflect.DeepEqual(again, after) {
		t.Errorf("a refused import changed %+v", again)
	}
}

func str(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// mustOK is must without decoding the answer.
func mustOK(t *testing.T, c *caller, query string, vars map[string]any) {
	t.Helper()
	must(t, c, query, vars, nil)
}
