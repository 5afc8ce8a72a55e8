package app

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

const (
	createRuleSet = `mutation($in: CreateRuleSetInput!) { createRuleSet(input: $in) { id version } }`
	updateRuleSet = `mutation($id: ID!, $in: UpdateRuleSetInput!) { updateRuleSet(id: $id, input: $in) { id version } }`
	scoredQuery   = `query($id: ID!) { node(id: $id) { ... on Evaluation { score grade status
		rules { frozen ruleSet { id version name } parameters { reverseRule excellentFrom } }
		indicators { name score } } } }`
)

// scoredEvaluation is what scoredQuery answers.
type scoredEvaluation struct {
	Node struct {
		Score, Grade, Status string
		Rules                struct {
			Frozen  bool
			RuleSet *struct {
				ID      string
				Version int
				Name    string
			}
			Parameters struct{ ReverseRule, ExcellentFrom string }
		}
		Indicators []struct{ Name, Score string }
	}
}

// TestRuleSets drives the rule sets through the API on both stores. The seed
// scores 99.69 under the built-in rules, and still under a rule set of the ratio
// rule (its reverse indicators are all met). A department-year made here is scored
// by hand:
//
//	结转结余率      ≤ 10 %,  actual 12.5 %, weight 5:  linear 5 × (1 − 2.5 / 10)  = 3.75; ratio 5 × 10 / 12.5   = 4.00
//	公用经费控制率  ≤ 100 %, actual 150 %,  weight 5:  linear 5 × (1 − 50 / 100)  = 2.50; ratio 5 × 100 / 150 = 3.33
//	业务岗位培训人数 ≥ 80,   actual 88,     weight 90: 90 either way
//
// so 96.25 by the built-in rules and 97.33 by a rule set of the ratio rule.
func TestRuleSets(t *testing.T) { stores(t, ruleSets) }

func ruleSets(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, reviewer, editor := srv.admin(t), srv.as(t, "reviewer"), srv.as(t, "editor")
	get := func(id string) scoredEvaluation {
		t.Helper()
		var out scoredEvaluation
		must(t, admin, scoredQuery, map[string]any{"id": id}, &out)
		return out
	}
	expect := func(step, id, score, grade string, version int, frozen bool) scoredEvaluation {
		t.Helper()
		ev := get(id)
		gotVersion := 0
		if ev.Node.Rules.RuleSet != nil {
			gotVersion = ev.Node.Rules.RuleSet.Version
		}
		if ev.Node.Score != score || ev.Node.Grade != grade || gotVersion != version || ev.Node.Rules.Frozen != frozen {
			t.Errorf("%s: %s %s, rule set version %d (frozen %v), want %s %s, version %d (frozen %v)", step,
				ev.Node.Score, ev.Node.Grade, gotVersion, ev.Node.Rules.Frozen, score, grade, version, frozen)
		}
		return ev
	}

	// The seed, by the built-in rules.
	var office struct {
		Departments struct {
			Edges []struct {
				Node struct {
					ID, ParentID string
					Year         struct{ OverallEvaluation struct{ ID string } }
				}
			}
		}
	}
	must(t, admin, `{ departments(where: {code: "440115-001"}) { edges { node { id parentID year(year: 2023) { overallEvaluation { id } } } } } }`, nil, &office)
	seed := office.Departments.Edges[0].Node.Year.OverallEvaluation.ID
	expect("the seed by the built-in rules", seed, "99.69", "EXCELLENT", 0, false)
	var defaults struct{ DefaultRules map[string]any }
	must(t, admin, `{ defaultRules { reverseRule equalLikeAtLeast deviationBelow deviationAtOrAbove executionWeight excellentFrom achievedFrom } }`, nil, &defaults)
	if d := defaults.DefaultRules; d["reverseRule"] != "LINEAR" || d["equalLikeAtLeast"] != true || d["deviationAtOrAbove"] != "130.00" ||
		d["executionWeight"] != "10.00" || d["excellentFrom"] != "90.00" || d["achievedFrom"] != "80.00" {
		t.Errorf("defaultRules = %v", d)
	}

	// The hand-computed department-year, in a department of its own under the district.
	dept := id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": "440115-RS", "name": "规则测试局",
		"parentID": office.Departments.Edges[0].Node.ParentID}})
	year := id(t, admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2023}})
	for _, in := range []map[string]any{
		{"level1": "管理效率", "level2": "预算执行", "name": "结转结余率", "operator": "LE", "target": "10", "actual": "12.5", "unit": "%", "weight": "5"},
		{"level1": "管理效率", "level2": "运行成本", "name": "公用经费控制率", "operator": "LE", "target": "100", "actual": "150", "unit": "%", "weight": "5"},
		{"level1": "履职效能", "level2": "产出", "name": "业务岗位培训人数", "operator": "GE", "target": "80", "actual": "88", "unit": "人次", "weight": "90"},
	} {
		in["departmentYearID"], in["kind"], in["deviationReason"] = year, "QUANTITATIVE", "成本上升"
		id(t, admin, createIndicator, map[string]any{"in": in})
	}
	hand := id(t, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year}})
	expect("the hand case by the built-in rules", hand, "96.25", "EXCELLENT", 0, false)

	// A rule set of the ratio rule for the department's subtree: 97.33.
	var created struct {
		CreateRuleSet struct {
			ID      string
			Version int
		}
	}
	must(t, reviewer, createRuleSet, map[string]any{"in": map[string]any{"year": 2023, "regionID": dept, "name": "规则测试局 2023",
		"sources": "某省项目支出绩效自评表填表说明：年度指标值 / 全年实际值 × 分值", "reverseRule": "RATIO"}}, &created)
	regional := created.CreateRuleSet
	if regional.Version != 1 {
		t.Errorf("a new set is version %d, want 1", regional.Version)
	}
	ev := expect("the hand case by the ratio rule", hand, "97.33", "EXCELLENT", 1, false)
	scores := map[string]string{}
	for _, ind := range ev.Node.Indicators {
		scores[ind.Name] = ind.Score
	}
	if scores["结转结余率"] != "4.00" || scores["公用经费控制率"] != "3.33" || scores["业务岗位培训人数"] != "90.00" {
		t.Errorf("indicator scores by the ratio rule: %v", scores)
	}
	expect("the seed, outside the region", seed, "99.69", "EXCELLENT", 0, false)

	// A set for every department of 2023, with the ratio rule: the seed keeps 99.69.
	must(t, admin, createRuleSet, map[string]any{"in": map[string]any{"year": 2023, "name": "2023 年度评分规则", "reverseRule": "RATIO"}}, &created)
	everywhere := created.CreateRuleSet
	expect("the seed by the ratio rule", seed, "99.69", "EXCELLENT", 1, false)
	expect("the region's own set governs it", hand, "97.33", "EXCELLENT", 1, false)
	// Its next version raises 优 to 99.7: the seed is 良, its score the same.
	var updated struct {
		UpdateRuleSet struct {
			ID      string
			Version int
		}
	}
	must(t, admin, updateRuleSet, map[string]any{"id": everywhere.ID, "in": map[string]any{"excellentFrom": "99.7"}}, &updated)
	if updated.UpdateRuleSet.Version != 2 || updated.UpdateRuleSet.ID == everywhere.ID {
		t.Errorf("updateRuleSet made %+v, want a new row, version 2", updated.UpdateRuleSet)
	}
	seedEv := expect("the seed under 优 from 99.7", seed, "99.69", "GOOD", 2, false)
	if seedEv.Node.Rules.Parameters.ReverseRule != "RATIO" || seedEv.Node.Rules.Parameters.ExcellentFrom != "99.70" {
		t.Errorf("version 2 keeps what it does not change: %+v", seedEv.Node.Rules.Parameters)
	}

	// Refusals: every problem at once, each naming its parameter; a second set
	// of the same year and region; a change of a version that is not the latest;
	// an editor.
	r := post(t, admin, createRuleSet, map[string]any{"in": map[string]any{"year": 2024, "name": "坏规则",
		"goodFrom": "95", "deviationBelow": "101", "outputWeight": "40"}})
	var fields []string
	for _, e := range r.Errors {
		if e.Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("refused parameter: %+v", e)
		}
		fields = append(fields, e.Extensions["field"].(string)+":"+e.Extensions["reason"].(string))
		if e.Extensions["field"] == "goodFrom" && e.Message != "goodFrom: must be below excellentFrom (90), got 95" {
			t.Errorf("goodFrom refused with %q", e.Message)
		}
	}
	slices.Sort(fields)
	if want := []string{"deviationBelow:OUT_OF_RANGE", "goodFrom:NOT_ORDERED", "outputWeight:WEIGHT_SPLIT_SUM"}; !slices.Equal(fields, want) {
		t.Errorf("refused parameters %v, want %v (%+v)", fields, want, r.Errors)
	}
	if r := post(t, admin, createRuleSet, map[string]any{"in": map[string]any{"year": 2023, "name": "又一套"}}); code(r) != "CONFLICT" ||
		r.Errors[0].Extensions["existingID"] != updated.UpdateRuleSet.ID {
		t.Errorf("a second set of 2023 everywhere: %+v", r.Errors)
	}
	if r := post(t, admin, updateRuleSet, map[string]any{"id": everywhere.ID, "in": map[string]any{"name": "旧版本"}}); code(r) != "CONFLICT" ||
		r.Errors[0].Extensions["currentVersion"] != float64(2) {
		t.Errorf("a change of version 1 when 2 exists: %+v", r.Errors)
	}
	if r := post(t, editor, updateRuleSet, map[string]any{"id": updated.UpdateRuleSet.ID, "in": map[string]any{"excellentFrom": "50"}}); code(r) != "FORBIDDEN" {
		t.Errorf("an editor changed the rules: %+v", r.Errors)
	}

	// Submitted, the hand case keeps version 1 of its region's set; returned, it
	// takes the latest.
	must(t, admin, `mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, map[string]any{"id": hand}, nil)
	must(t, admin, updateRuleSet, map[string]any{"id": regional.ID, "in": map[string]any{"reverseRule": "LINEAR"}}, nil)
	expect("submitted, then the region went back to the linear rule", hand, "97.33", "EXCELLENT", 1, true)
	must(t, reviewer, `mutation($id: ID!) { returnEvaluation(id: $id, comment: "按新规则重新评分") { id } }`, map[string]any{"id": hand}, nil)
	expect("returned", hand, "96.25", "EXCELLENT", 2, false)

	// Everybody reads the rules; the public does not learn who wrote them.
	var list struct {
		RuleSets []struct {
			Year, Version int
			Latest        bool
			Name          string
			CreatedByName *string
			Region        *struct{ Code string }
			Versions      []struct{ Version int }
		}
	}
	must(t, srv.anonymous(), `{ ruleSets(year: 2023) { year version latest name createdByName region { code } versions { version } } }`, nil, &list)
	if len(list.RuleSets) != 2 || list.RuleSets[0].Region != nil || list.RuleSets[0].Version != 2 || !list.RuleSets[0].Latest ||
		list.RuleSets[1].Region == nil || list.RuleSets[1].Region.Code != "440115-RS" || len(list.RuleSets[1].Versions) != 2 ||
		list.RuleSets[0].CreatedByName != nil {
		t.Errorf("ruleSets as the public: %+v", list.RuleSets)
	}
	list.RuleSets = nil
	must(t, admin, `{ ruleSets(regionID: "`+dept+`", allVersions: true) { year version latest name createdByName } }`, nil, &list)
	if len(list.RuleSets) != 2 || list.RuleSets[0].Version != 2 || list.RuleSets[1].Latest || list.RuleSets[1].CreatedByName == nil ||
		*list.RuleSets[1].CreatedByName != "reviewer" {
		t.Errorf("the region's versions as the administrator: %+v", list.RuleSets)
	}

	// The kept values are what a full recomputation gives.
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"recompute", "--db", db}, func(string) string { return "" }, &out); err != nil ||
		!strings.Contains(out.String(), ": 0 values differ") {
		t.Errorf("recompute: %v\n%s", err, out.String())
	}
}
