package app

import (
	"encoding/json"
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
