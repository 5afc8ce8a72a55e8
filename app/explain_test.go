package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// explanationView is an Explanation as the tests read it.
type explanationView struct {
	Value *string
	Holds *bool
	Rules *struct {
		Frozen  bool
		RuleSet *struct{ Version int }
	}
	Steps []stepView
}

type stepView struct {
	Code   string
	Params map[string]string
	Value  *string
}

// last is the explanation's last step.
func (e explanationView) last() stepView {
	if len(e.Steps) == 0 {
		return stepView{}
	}
	return e.Steps[len(e.Steps)-1]
}

const explainedEvaluation = `query($id: ID!) { node(id: $id) { ... on Evaluation { score grade status
	explanation { value rules { frozen ruleSet { version } } steps { code params value } }
	indicators { name score deviationRequired
		explanation { value rules { frozen ruleSet { version } } steps { code params value } }
		deviationExplanation { holds steps { code params value } } }
	departmentYear { months { month behind explanation { holds steps { code params value } } } } } } }`

type explainedView struct {
	Node *struct {
		Score, Grade, Status string
		Explanation          explanationView
		Indicators           []struct {
			Name, Score          string
			DeviationRequired    bool
			Explanation          explanationView
			DeviationExplanation *explanationView
		}
		DepartmentYear struct {
			Months []struct {
				Month       int
				Behind      bool
				Explanation explanationView
			}
		}
	}
}

// TestExplanations: every score of the seed explains itself through the API, under the rules
// that score it (the built-in ones, a rule set's, the version a submitted evaluation keeps), and
// only to those who may read it.
func TestExplanations(t *testing.T) { stores(t, explanations) }

func explanations(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	ev, _ := officeEvaluation(t, editor)
	read := func(c *caller) explainedView {
		t.Helper()
		var out explainedView
		must(t, c, explainedEvaluation, map[string]any{"id": ev}, &out)
		if out.Node == nil {
			t.Fatal("the office's evaluation is not found")
		}
		return out
	}
	got := read(editor)
	n := got.Node
	if n.Score != "99.69" || n.Explanation.Value == nil || *n.Explanation.Value != n.Score {
		t.Fatalf("the seed's total is explained as %v, scores %s", n.Explanation.Value, n.Score)
	}
	if r := n.Explanation.Rules; r == nil || r.RuleSet != nil || r.Frozen {
		t.Errorf("the seed's rules: %+v, want the built-in ones", r)
	}
	total, grade := n.Explanation.Steps[len(n.Explanation.Steps)-2], n.Explanation.last()
	if total.Code != "TOTAL" || total.Params["terms"] != "50.00 + 49.69" || grade.Code != "GRADE_BAND" || grade.Params["grade"] != "EXCELLENT" {
		t.Errorf("the seed's total: %+v then %+v", total, grade)
	}
	want := map[string][]stepView{
		"业务岗位培训人数": {{Code: "POSITIVE_CAPPED", Params: map[string]string{"weight": "6", "actual": "88", "target": "80", "operator": "GE"}, Value: sp("6.00")}},
		"结转结余率": {
			{Code: "BINDING_CARRYOVER_RATE", Params: map[string]string{"numerator": "4.58", "denominator": "1829.40", "percent": "0.25"}, Value: sp("0.250355")},
			{Code: "REVERSE_MET", Params: map[string]string{"weight": "5", "actual": "0.250355", "actualShown": "0.25", "target": "10", "operator": "LE"}, Value: sp("5.00")},
		},
		"绩效管理制度健全性": {{Code: "RATED_IN_BAND", Params: map[string]string{"rating": "ACHIEVED", "ratedScore": "4.73", "weight": "5",
			"low": "4.00", "high": "5.00", "highInclusive": "true"}, Value: sp("4.73")}},
	}
	for _, ind := range n.Indicators {
		e := ind.Explanation
		if e.Value == nil || *e.Value != ind.Score || e.last().Value == nil || *e.last().Value != ind.Score {
			t.Errorf("%s scores %s, explained as %v", ind.Name, ind.Score, e.Value)
		}
		if w, ok := want[ind.Name]; ok {
			if !reflect.DeepEqual(e.Steps, w) {
				t.Errorf("%s: %s, want %s", ind.Name, jsonOf(e.Steps), jsonOf(w))
			}
			delete(want, ind.Name)
		}
		if d := ind.DeviationExplanation; d != nil && (d.Holds == nil || *d.Holds != ind.DeviationRequired) {
			t.Errorf("%s: deviation explained %v, required %v", ind.Name, d.Holds, ind.DeviationRequired)
		}
		if ind.Name == "会议参与人数" {
			if d := ind.DeviationExplanation; d == nil || d.last().Code != "DEVIATION_AT_OR_ABOVE" ||
				d.last().Params["completionRate"] != "144.44" || d.last().Params["threshold"] != "130" {
				t.Errorf("会议参与人数's deviation: %+v", d)
			}
		}
	}
	if len(n.Indicators) != 18 || len(want) > 0 {
		t.Errorf("%d indicators; not found: %v", len(n.Indicators), want)
	}
	behind := 0
	for _, m := range n.DepartmentYear.Months {
		if h := m.Explanation.Holds; h == nil || *h != m.Behind {
			t.Errorf("month %d: behind %v, explained %v", m.Month, m.Behind, h)
		}
		if m.Behind {
			behind++
			if s := m.Explanation.last(); s.Code != "MONTH_BEHIND" || s.Params["target"] == "" || s.Params["percent"] == "" {
				t.Errorf("month %d behind: %+v", m.Month, s)
			}
		}
	}
	if behind == 0 {
		t.Error("no month of the seed is behind its target")
	}

	// A project's evaluation: its execution item first, then the sums.
	for _, p := range seedEvaluations(t, editor, "440115-001")[1:] {
		var out explainedView
		must(t, editor, explainedEvaluation, map[string]any{"id": p.ID}, &out)
		e := out.Node.Explanation
		if !strings.HasPrefix(e.Steps[0].Code, "EXECUTION_ITEM_") || *e.Value != out.Node.Score || p.ExecutionScore == nil || *e.Steps[0].Value != *p.ExecutionScore {
			t.Errorf("project %s: %s scores %s, item %v", p.Name, jsonOf(e.Steps[0]), out.Node.Score, p.ExecutionScore)
		}
	}

	// A rule set for 2023 raises 优 to 99.70: the total is 良, and says by which version.
	var set struct{ CreateRuleSet struct{ ID string } }
	must(t, admin, createRuleSet, map[string]any{"in": map[string]any{"year": 2023, "name": "严格的 2023 规则", "excellentFrom": "99.7"}}, &set)
	got = read(editor)
	e := got.Node.Explanation
	if e.Rules == nil || e.Rules.RuleSet == nil || e.Rules.RuleSet.Version != 1 || e.last().Params["grade"] != "GOOD" ||
		e.last().Params["below"] != "99.7" || got.Node.Grade != "GOOD" {
		t.Errorf("under the rule set: %s, grade %s", jsonOf(e), got.Node.Grade)
	}
	// Submitted, the evaluation keeps version 1 whatever the next version says.
	if r := post(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}); code(r) != "" {
		t.Fatalf("submitting: %+v", r.Errors)
	}
	must(t, admin, updateRuleSet, map[string]any{"id": set.CreateRuleSet.ID, "in": map[string]any{"excellentFrom": "99"}}, nil)
	got = read(editor)
	for _, x := range append([]explanationView{got.Node.Explanation}, got.Node.Indicators[0].Explanation) {
		if x.Rules == nil || !x.Rules.Frozen || x.Rules.RuleSet == nil || x.Rules.RuleSet.Version != 1 {
			t.Errorf("after submission: the rules %s, want version 1, kept", jsonOf(x.Rules))
		}
	}
	if g := got.Node.Explanation.last().Params; g["grade"] != "GOOD" || g["below"] != "99.7" {
		t.Errorf("the kept version's grade band: %v", g)
	}

	// Read as the evaluation is: not signed in (a draft's), nor by another department's editor.
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	for _, c := range []struct {
		who string
		c   *caller
		id  string
	}{{"nobody signed in", srv.anonymous(), ev}, {"the office's editor, the neighbour's", editor, neighbour.ID}} {
		r := post(t, c.c, explainedEvaluation, map[string]any{"id": c.id})
		if strings.Contains(string(r.Data), "explanation") && !strings.Contains(string(r.Data), `"node":null`) {
			t.Errorf("%s reads an explanation: %s", c.who, r.Data)
		}
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sp(s string) *string { return &s }

// TestExplainedDocuments: with ?explain=1 the report, as Word and as PDF, ends with the appendix
// 评分计算过程, and the form has the column 计算过程, which its import ignores; without it neither.
func TestExplainedDocuments(t *testing.T) { stores(t, explainedDocuments) }

func explainedDocuments(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	editor, admin := srv.as(t, "editor"), srv.admin(t)
	evs := seedEvaluations(t, editor, "440115-001")
	overall, project := evs[0], evs[1]
	lines := []string{
		"正向指标，实际值达到指标值，得满分：6 × min(88 / 80, 1) = 6 × 1 = 6.00",
		"反向指标，实际值未超过指标值，得满分：4.58 / 1829.40 = 0.25 % ≤ 10 % → 5.00",
		"达成年度指标，自评 4.73，在 [4.00, 5.00] 内 → 4.73",
		"预算资金支出率 = 执行数 / 调整后预算数：1829.40 / 1836.19 = 99.63 %",
		"10 × min(99.63 / 100, 1) = 10 × 99.63 / 100 = 9.96",
		"总分 = 各一级指标小计之和：50.00 + 49.69 = 99.69",
		"评价等级：优：99.69 ≥ 90 → 优",
		"评分规则：系统内置评分规则",
	}
	for _, document := range []string{"report.docx", "report.pdf"} {
		t.Run(document, func(t *testing.T) {
			path := "/files/evaluations/" + overall.ID + "/" + document
			resp, plain := download(t, editor, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, plain)
			}
			if text := unspaced(documentText(t, document, plain)); strings.Contains(text, "评分计算过程") {
				t.Errorf("%s has the appendix unasked", document)
			}
			resp, body := download(t, editor, path+"?explain=1")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			text := unspaced(documentText(t, document, body))
			appendix := strings.Index(text, "附件：评分计算过程")
			if appendix < 0 || appendix < strings.Index(text, "下一步改进措施") {
				t.Fatalf("%s: no appendix after the report's parts", document)
			}
			for _, l := range append(lines, "2.业务岗位培训人数（履职效能/产出，得分6.00）", "月累计支出进度低于目标，未达标") {
				if !strings.Contains(text[appendix:], unspaced(l)) {
					t.Errorf("%s's appendix does not state 「%s」", document, l)
				}
			}
		})
	}

	// The form: the column 计算过程 (N) beside each score, and the import ignores it.
	resp, data := download(t, editor, "/files/evaluations/"+overall.ID+"/form.xlsx?explain=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	w := openWorkbook(t, data)
	head := w.row("D", "三级指标")
	if w.get(fmt.Sprintf("N%d", head)) != "计算过程" || w.get(fmt.Sprintf("N%d", head+1)) != "评分规则：系统内置评分规则" {
		t.Errorf("the column's header: %q %q", w.get(fmt.Sprintf("N%d", head)), w.get(fmt.Sprintf("N%d", head+1)))
	}
	for name, want := range map[string]string{"业务岗位培训人数": lines[0], "结转结余率": lines[1], "绩效管理制度健全性": lines[2]} {
		if got := w.get(fmt.Sprintf("N%d", w.row("D", name))); !strings.HasSuffix(got, want) {
			t.Errorf("%s's 计算过程 %q, want it to end %q", name, got, want)
		}
	}
	if got := w.get(fmt.Sprintf("N%d", w.row("A", "总分"))); !strings.Contains(got, lines[5]) || !strings.HasSuffix(got, lines[6]) {
		t.Errorf("总分's 计算过程: %q", got)
	}
	got := importAs(t, editor, overall.ID, data, true)
	if len(got.Problems)+len(got.Changes) > 0 || got.ScoreBefore != "99.69" {
		t.Errorf("the explained form, imported unchanged: %+v", got)
	}
	plain := openWorkbook(t, formOf(t, editor, overall.ID))
	if v := plain.get(fmt.Sprintf("N%d", plain.row("D", "业务岗位培训人数"))); v != "" {
		t.Errorf("the plain form has a 计算过程: %q", v)
	}

	// A project's form: its execution item's derivation on the budget row.
	_, data = download(t, editor, "/files/evaluations/"+project.ID+"/form.xlsx?explain=1")
	w = openWorkbook(t, data)
	money := w.row("N", "计算过程")
	if got := w.get(fmt.Sprintf("N%d", money+1)); !strings.HasPrefix(got, "预算执行率") || !strings.HasSuffix(got, str(project.ExecutionScore)) {
		t.Errorf("the project's execution item: %q (kept %s)", got, str(project.ExecutionScore))
	}
	if got := importAs(t, editor, project.ID, data, true); len(got.Problems)+len(got.Changes) > 0 {
		t.Errorf("the project's explained form, imported unchanged: %+v", got)
	}

	// A bad option is refused; a hidden evaluation stays hidden.
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/files/evaluations/" + overall.ID + "/report.pdf?explain=yes", http.StatusBadRequest},
		{"/files/evaluations/" + neighbour.ID + "/report.pdf?explain=1", http.StatusNotFound},
		{"/files/evaluations/" + neighbour.ID + "/form.xlsx?explain=1", http.StatusNotFound},
	} {
		if resp, body := download(t, editor, tt.path); resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.path, resp.StatusCode, tt.status, body)
		}
	}
}
