package app

import (
	"encoding/json"
	"testing"
)

// TestWhatIf drives Query.whatIf and Evaluation.nextGrade through the API on the
// seed: no change reproduces the kept 99.69; an actual, a figure and several
// changes move the scores, subtotals, grade and rank; a refused value names its
// field and indicator; and nothing of it is written: the rows, their versions and
// the audit trail are as they were.
func TestWhatIf(t *testing.T) { stores(t, whatIfAPI) }

// whatIfView is a what-if's answer as the tests ask for it.
type whatIfView struct {
	Score, Grade, GradeLabel, Difference string
	Rank, KeptRank, Peers                int
	ExecutionRate                        string
	Indicators                           []struct {
		Indicator          struct{ ID, Name, Score string }
		Changed            bool
		Actual, Score      string
		Difference         string
		CompletionRate     *string
		DeviationRequired  bool
		Target, RatedScore *string
	}
	Subtotals []struct {
		Level1                       string
		Level2                       *string
		Score, KeptScore, Difference string
	}
	NextGrade nextGradeView
}

type nextGradeView struct {
	Score, Grade string
	Next, From   *string
	Gap          *string
	Items        []struct {
		Indicator                        *struct{ ID string }
		Name, PointsLost, Score          string
		Outcome, Field, From, To, Change *string
		Rating, Actual, TotalAfter       *string
		Places                           *int
	}
}

const whatIfFields = `score grade gradeLabel difference rank keptRank peers executionRate
	indicators { indicator { id name score } changed actual score difference completionRate deviationRequired target ratedScore }
	subtotals { level1 level2 score keptScore difference }
	nextGrade { ` + nextGradeFields + ` }`

const nextGradeFields = `score grade next from gap items { indicator { id } name pointsLost score outcome field from to change rating actual totalAfter places }`

const whatIfQuery = `query($id: ID!, $c: WhatIfInput!) { whatIf(evaluationID: $id, changes: $c) { ` + whatIfFields + ` } }`

// whatIfSeed is the office's 2023 overall evaluation and its indicators' ids by name.
type whatIfSeed struct {
	id         string
	indicators map[string]string
	neighbour  string // the neighbour's overall evaluation
	other      string // an indicator of the neighbour's
}

func findSeed(t *testing.T, base *caller) whatIfSeed {
	t.Helper()
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					Department        struct{ Code string }
					OverallEvaluation struct {
						ID         string
						Indicators []struct{ ID, Name string }
					}
				}
			}
		}
	}
	must(t, base, `{ departmentYears(where: {year: 2023, hasDepartmentWith: {codeIn: ["440115-001", "440115-002"]}}) { edges { node {
		department { code } overallEvaluation { id indicators { id name } } } } } }`, nil, &out)
	s := whatIfSeed{indicators: map[string]string{}}
	for _, e := range out.DepartmentYears.Edges {
		ev := e.Node.OverallEvaluation
		if e.Node.Department.Code == "440115-001" {
			s.id = ev.ID
			for _, ind := range ev.Indicators {
				s.indicators[ind.Name] = ind.ID
			}
		} else {
			s.neighbour, s.other = ev.ID, ev.Indicators[0].ID
		}
	}
	if s.id == "" || s.neighbour == "" {
		t.Fatalf("the seed's evaluations not found: %+v", out)
	}
	return s
}

// stored is everything a what-if must leave alone: every row's values and
// versions the API shows, and how many audit records there are.
func stored(t *testing.T, admin *caller) string {
	t.Helper()
	var out json.RawMessage
	must(t, admin, `{
		auditRecords(first: 1) { totalCount }
		evaluations(first: 100) { edges { node { id version score grade status } } }
		departmentYears(first: 100) { edges { node { id version personnelActual publicActual projectActual carryoverEnd executionRate } } }
		projects(first: 100) { edges { node { id version budget executed executionScore } } }
		indicators(first: 1000) { edges { node { id version target actual weight rating ratedScore score effectiveActual } } }
	}`, nil, &out)
	return string(out)
}

func whatIfAPI(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, editor, analyst := srv.admin(t), srv.as(t, "editor"), srv.as(t, "analyst")
	seed := findSeed(t, admin)
	before := stored(t, admin)

	ask := func(c *caller, changes map[string]any) whatIfView {
		t.Helper()
		var out struct{ WhatIf whatIfView }
		must(t, c, whatIfQuery, map[string]any{"id": seed.id, "c": changes}, &out)
		return out.WhatIf
	}
	byName := func(v whatIfView, name string) (score, difference string, changed bool) {
		for _, ind := range v.Indicators {
			if ind.Indicator.Name == name {
				return ind.Score, ind.Difference, ind.Changed
			}
		}
		t.Fatalf("no indicator %s in the what-if", name)
		return
	}

	// No change: the kept values, exactly.
	same := ask(editor, map[string]any{})
	if same.Score != "99.69" || same.Grade != "EXCELLENT" || same.GradeLabel != "优" || same.Difference != "0.00" || same.ExecutionRate != "99.63" {
		t.Errorf("no change: %s %s %s, difference %s, execution %s; want the kept 99.69 EXCELLENT 优, 0.00, 99.63",
			same.Score, same.Grade, same.GradeLabel, same.Difference, same.ExecutionRate)
	}
	for _, ind := range same.Indicators {
		if ind.Changed || ind.Difference != "0.00" || ind.Score != ind.Indicator.Score {
			t.Errorf("no change: %s scores %s (kept %s), difference %s, changed %v", ind.Indicator.Name, ind.Score, ind.Indicator.Score, ind.Difference, ind.Changed)
		}
	}
	for _, st := range same.Subtotals {
		if st.Score != st.KeptScore || st.Difference != "0.00" {
			t.Errorf("no change: subtotal %s/%v %s, kept %s", st.Level1, st.Level2, st.Score, st.KeptScore)
		}
	}
	// The editor reads its own department alone: its evaluation is its only peer.
	if same.Rank != 1 || same.KeptRank != 1 || same.Peers != 1 {
		t.Errorf("the editor's rank %d (kept %d) of %d, want 1 of 1: it reads no other department", same.Rank, same.KeptRank, same.Peers)
	}
	if same.NextGrade.Next != nil || same.NextGrade.Grade != "EXCELLENT" {
		t.Errorf("the seed is at the top grade, next grade %v", same.NextGrade.Next)
	}

	// An actual: 88 → 60 trainees of 80.
	v := ask(editor, map[string]any{"indicators": []any{map[string]any{"id": seed.indicators["业务岗位培训人数"], "actual": "60"}}})
	if score, diff, changed := byName(v, "业务岗位培训人数"); score != "4.50" || diff != "-1.50" || !changed {
		t.Errorf("60 of 80 trainees: %s (%s), changed %v; want 4.50 (-1.50)", score, diff, changed)
	}
	if _, _, changed := byName(v, "会议参与人数"); changed {
		t.Error("an indicator the what-if did not touch is marked changed")
	}
	if v.Score != "98.19" || v.Difference != "-1.50" || v.Grade != "EXCELLENT" {
		t.Errorf("60 trainees: %s (%s) %s, want 98.19 (-1.50) EXCELLENT", v.Score, v.Difference, v.Grade)
	}
	for _, st := range v.Subtotals {
		if st.Level1 == "履职效能" && st.Level2 == nil && (st.Score != "48.50" || st.KeptScore != "50.00" || st.Difference != "-1.50") {
			t.Errorf("subtotal 履职效能 %s (kept %s, %s), want 48.50 (50.00, -1.50)", st.Score, st.KeptScore, st.Difference)
		}
	}

	// A figure: less project spending derives a lower execution rate, 1762.44 / 1836.19.
	v = ask(editor, map[string]any{"figures": map[string]any{"projectActual": "800"}})
	if score, diff, changed := byName(v, "预算资金支出率"); score != "9.60" || diff != "-0.36" || !changed {
		t.Errorf("project spending 800: the execution indicator %s (%s), changed %v; want 9.60 (-0.36)", score, diff, changed)
	}
	if v.Score != "99.33" || v.ExecutionRate != "95.98" {
		t.Errorf("project spending 800: %s, execution rate %s; want 99.33, 95.98", v.Score, v.ExecutionRate)
	}

	// 0.04 below 优: the rank among the peers the caller reads, and what it takes.
	below := map[string]any{"indicators": []any{
		map[string]any{"id": seed.indicators["交办任务事项完成率"], "actual": "0"},
		map[string]any{"id": seed.indicators["成果被采纳应用率"], "actual": "61"},
	}}
	v = ask(analyst, below)
	// The neighbour's draft keeps 97.65: the analyst reads both departments.
	if v.Score != "89.96" || v.Grade != "GOOD" || v.Rank != 2 || v.KeptRank != 1 || v.Peers != 2 {
		t.Errorf("0.04 below 优 as the analyst: %s %s, rank %d (kept %d) of %d; want 89.96 GOOD, 2 (1) of 2", v.Score, v.Grade, v.Rank, v.KeptRank, v.Peers)
	}
	ng := v.NextGrade
	if ng.Next == nil || *ng.Next != "EXCELLENT" || *ng.From != "90.00" || *ng.Gap != "0.04" {
		t.Fatalf("next grade %v from %v, gap %v; want EXCELLENT from 90.00, gap 0.04", ng.Next, ng.From, ng.Gap)
	}
	wantItems := map[string]string{
		"交办任务事项完成率":  "REACHES actual 0.00 → 0.50 (0.50) = 90.00",
		"成果被采纳应用率":   "REACHES actual 61.00 → 61.50 (0.50) = 90.00",
		"预算资金支出率":    "REACHES projectActual 866.96 → 872.84 (5.88) = 90.00",
		"绩效管理制度健全性":  "REACHES ratedScore 4.73 → 4.77 (0.04) = 90.00 ACHIEVED",
		"业务岗位培训人数":   "FULL",
		"固定资产利用率":    "FULL",
		"预决算及绩效信息公开": "FULL",
	}
	for _, it := range ng.Items {
		want, ok := wantItems[it.Name]
		if !ok {
			continue
		}
		got := deref(it.Outcome)
		if it.To != nil {
			got += " " + deref(it.Field) + " " + deref(it.From) + " → " + deref(it.To) + " (" + deref(it.Change) + ") = " + deref(it.TotalAfter)
		}
		if it.Rating != nil {
			got += " " + *it.Rating
		}
		if got != want {
			t.Errorf("what it takes, %s: %s, want %s", it.Name, got, want)
		}
		delete(wantItems, it.Name)
	}
	if len(wantItems) > 0 {
		t.Errorf("what it takes lists none of %v", wantItems)
	}
	// The editor's rank of the same: among the peers it may read, one.
	if v = ask(editor, below); v.Rank != 1 || v.Peers != 1 {
		t.Errorf("0.04 below 优 as the editor: rank %d of %d, want 1 of 1", v.Rank, v.Peers)
	}

	// The kept next grade: the seed's points lost, no next grade.
	var kept struct {
		Node struct{ NextGrade nextGradeView }
	}
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { nextGrade { `+nextGradeFields+` } } } }`, map[string]any{"id": seed.id}, &kept)
	lost := map[string]string{}
	for _, it := range kept.Node.NextGrade.Items {
		if it.PointsLost != "0.00" {
			lost[it.Name] = it.PointsLost
		}
		if it.Outcome != nil {
			t.Errorf("at the top grade %s has outcome %s", it.Name, *it.Outcome)
		}
	}
	if kept.Node.NextGrade.Score != "99.69" || len(lost) != 2 || lost["预算资金支出率"] != "0.04" || lost["绩效管理制度健全性"] != "0.27" {
		t.Errorf("the seed's points lost: %v of %s, want 预算资金支出率 0.04 and 绩效管理制度健全性 0.27 of 99.69", lost, kept.Node.NextGrade.Score)
	}

	// Refused values name their field and indicator.
	refusals := []struct {
		name    string
		changes map[string]any
		field   string
		reason  string
		ind     string // the indicator named in extensions.indicatorID ("" for none)
	}{
		{"a rated score outside its band", map[string]any{"indicators": []any{map[string]any{"id": seed.indicators["绩效管理制度健全性"], "ratedScore": "3.5"}}},
			"ratedScore", "RATED_SCORE_OUTSIDE_BAND", seed.indicators["绩效管理制度健全性"]},
		{"a negative target", map[string]any{"indicators": []any{map[string]any{"id": seed.indicators["业务岗位培训人数"], "target": "-1"}}},
			"target", "NEGATIVE", seed.indicators["业务岗位培训人数"]},
		{"an indicator of another evaluation", map[string]any{"indicators": []any{map[string]any{"id": seed.other, "actual": "1"}}},
			"id", "NOT_IN_EVALUATION", seed.other},
		{"an unknown indicator", map[string]any{"indicators": []any{map[string]any{"id": "999999", "actual": "1"}}},
			"id", "NOT_IN_EVALUATION", "999999"},
		{"a typed actual of a bound indicator", map[string]any{"indicators": []any{map[string]any{"id": seed.indicators["预算资金支出率"], "actual": "100"}}},
			"actual", "DERIVED", seed.indicators["预算资金支出率"]},
		{"a project on an overall evaluation", map[string]any{"project": map[string]any{"executed": "1"}},
			"executed", "NOT_APPLICABLE", ""},
		{"a negative figure", map[string]any{"figures": map[string]any{"carryoverEnd": "-1"}},
			"carryoverEnd", "NEGATIVE", ""},
	}
	for _, tt := range refusals {
		r := post(t, editor, whatIfQuery, map[string]any{"id": seed.id, "c": tt.changes})
		if len(r.Errors) != 1 {
			t.Errorf("%s: %d errors, want 1: %+v", tt.name, len(r.Errors), r.Errors)
			continue
		}
		x := r.Errors[0].Extensions
		if x["code"] != "BAD_USER_INPUT" || x["field"] != tt.field || x["reason"] != tt.reason || asString(x["indicatorID"]) != tt.ind {
			t.Errorf("%s: %v, want BAD_USER_INPUT on %s, %s, indicator %q", tt.name, x, tt.field, tt.reason, tt.ind)
		}
	}

	// Another department's evaluation reads as a missing one.
	missing := post(t, editor, whatIfQuery, map[string]any{"id": "999999", "c": map[string]any{}})
	hidden := post(t, editor, whatIfQuery, map[string]any{"id": seed.neighbour, "c": map[string]any{}})
	if len(hidden.Errors) != 1 || len(missing.Errors) != 1 || hidden.Errors[0].Extensions["code"] != "NOT_FOUND" ||
		missing.Errors[0].Extensions["code"] != "NOT_FOUND" || hidden.Errors[0].Extensions["field"] != "evaluationID" {
		t.Errorf("the editor asks about the neighbour's evaluation: %+v; a missing one: %+v; want NOT_FOUND on evaluationID for both", hidden.Errors, missing.Errors)
	}
	if r := post(t, srv.anonymous(), whatIfQuery, map[string]any{"id": seed.id, "c": map[string]any{}}); len(r.Errors) != 1 ||
		r.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Errorf("nobody signed in asks about a draft: %+v, want NOT_FOUND", r.Errors)
	}

	// A project's evaluation: its execution item follows the project's executed amount, and the
	// department-year's figures do not score it.
	var proj struct {
		Projects struct {
			Edges []struct {
				Node struct{ Evaluation struct{ ID string } }
			}
		}
	}
	must(t, editor, `{ projects(where: {code: "NS-2023-01"}) { edges { node { evaluation { id } } } } }`, nil, &proj)
	projectEv := proj.Projects.Edges[0].Node.Evaluation.ID
	var item struct {
		WhatIf struct{ Score, Difference, ExecutionRate, ExecutionScore string }
	}
	must(t, editor, `query($id: ID!) { whatIf(evaluationID: $id, changes: {project: {executed: "60"}}) { score difference executionRate executionScore } }`,
		map[string]any{"id": projectEv}, &item)
	// 10 × 60 / 120 = 5.00, kept 10 × 118.50 / 120 = 9.88.
	if item.WhatIf.ExecutionScore != "5.00" || item.WhatIf.ExecutionRate != "50.00" || item.WhatIf.Difference != "-4.88" {
		t.Errorf("the project executed 60 of 120: item %s, rate %s, difference %s; want 5.00, 50.00, -4.88",
			item.WhatIf.ExecutionScore, item.WhatIf.ExecutionRate, item.WhatIf.Difference)
	}
	if r := post(t, editor, whatIfQuery, map[string]any{"id": projectEv, "c": map[string]any{"figures": map[string]any{"projectActual": "1"}}}); len(r.Errors) != 1 ||
		r.Errors[0].Extensions["field"] != "projectActual" || r.Errors[0].Extensions["reason"] != "NOT_APPLICABLE" {
		t.Errorf("the year's figures on a project's evaluation: %+v, want NOT_APPLICABLE on projectActual", r.Errors)
	}

	// Nothing was written: every row, version and the audit trail as they were.
	if after := stored(t, admin); after != before {
		t.Errorf("what-ifs changed the data:\nbefore %s\nafter  %s", before, after)
	}

	// The rules that govern the evaluation score it: a rule set of 2023 whose 优 starts at 99.70 puts
	// the seed's draft 0.01 below it, which 绩效管理制度健全性 alone makes up at 4.74.
	must(t, admin, `mutation { createRuleSet(input: {year: 2023, name: "优 from 99.70", excellentFrom: "99.7"}) { id } }`, nil, nil)
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { nextGrade { `+nextGradeFields+` } } } }`, map[string]any{"id": seed.id}, &kept)
	ng = kept.Node.NextGrade
	if ng.Grade != "GOOD" || deref(ng.Next) != "EXCELLENT" || deref(ng.From) != "99.70" || deref(ng.Gap) != "0.01" {
		t.Fatalf("under 优 from 99.70: %s, next %s from %s, gap %s; want GOOD, EXCELLENT from 99.70, 0.01", ng.Grade, deref(ng.Next), deref(ng.From), deref(ng.Gap))
	}
	for _, it := range ng.Items {
		if it.Name == "绩效管理制度健全性" && (deref(it.Outcome) != "REACHES" || deref(it.To) != "4.74") {
			t.Errorf("under 优 from 99.70, 绩效管理制度健全性: %s to %s, want REACHES 4.74", deref(it.Outcome), deref(it.To))
		}
	}
	if v := ask(editor, map[string]any{}); v.Grade != "GOOD" || v.Score != "99.69" {
		t.Errorf("what-if under 优 from 99.70: %s %s, want 99.69 GOOD", v.Score, v.Grade)
	}
}

// asString is v as a string, "" for nil.
func asString(v any) string {
	s, _ := v.(string)
	return s
}
