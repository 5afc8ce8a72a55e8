package app

import (
	"reflect"
	"strings"
	"testing"
)

// TestErrorReasons: submit problems and validation errors carry, besides their
// code, a reason, its params and the indicator's name in extensions, so that a UI
// writes its own sentence and never reads the English message.
func TestErrorReasons(t *testing.T) { stores(t, errorReasons) }

func errorReasons(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	e := setUp(t, srv)
	ed := e.as[editor]
	p := e.freshProject(inside)
	in := met(e.year[inside], p, "80")["in"].(map[string]any)
	in["name"], in["actual"] = "短缺指标", "0.5" // 50 % of its target: a deviation reason is required
	ind := id(t, ed, createIndicator, map[string]any{"in": in})
	ev := id(t, ed, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": e.year[inside], "projectID": p}})

	type problem struct {
		Field, Reason, IndicatorName string
		Params                       map[string]any
	}
	want := []problem{
		{"deviationReason", "COMPLETION_BELOW", "短缺指标", map[string]any{"completionRate": "50.00", "threshold": "100"}},
		{"weight", "WEIGHTS_NOT_100", "", map[string]any{"sum": "90", "executionItemWeight": "10"}},
	}

	// What the evaluation reports before submission.
	var checks struct {
		Node struct {
			SubmitProblems []struct {
				Field, Reason string
				IndicatorID   *string
				IndicatorName *string
				Params        map[string]any
			}
		}
	}
	must(t, ed, `query($id: ID!) { node(id: $id) { ... on Evaluation { submitProblems { field reason params indicatorID indicatorName } } } }`,
		map[string]any{"id": ev}, &checks)
	var got []problem
	for _, sp := range checks.Node.SubmitProblems {
		pr := problem{Field: sp.Field, Reason: sp.Reason, Params: sp.Params}
		if sp.IndicatorName != nil {
			pr.IndicatorName = *sp.IndicatorName
		}
		got = append(got, pr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("submitProblems %+v, want %+v", got, want)
	}

	// The refusal of submitEvaluation: the same, one error each, then REFUSED.
	r := post(t, ed, submitQuery, map[string]any{"id": ev})
	got = nil
	for _, err := range r.Errors[:max(len(r.Errors)-1, 0)] {
		x := err.Extensions
		name, _ := x["indicatorName"].(string)
		params, _ := x["params"].(map[string]any)
		got = append(got, problem{Field: x["field"].(string), Reason: x["reason"].(string), IndicatorName: name, Params: params})
		if x["code"] != "SUBMIT_CHECK" {
			t.Errorf("submit error %+v: code %v, want SUBMIT_CHECK", err, x["code"])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("submit errors %+v, want %+v", got, want)
	}
	if last := r.Errors[len(r.Errors)-1].Extensions; last["code"] != "SUBMIT_CHECK" || last["reason"] != "REFUSED" {
		t.Errorf("last submit error %+v, want SUBMIT_CHECK REFUSED", last)
	}
	if r.Errors[0].Extensions["indicatorID"] != ind {
		t.Errorf("first submit error names indicator %v, want %s", r.Errors[0].Extensions["indicatorID"], ind)
	}

	// A qualitative indicator's band, in points of its weight.
	q := id(t, ed, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": e.year[inside], "projectID": p,
		"level1": "效益", "level2": "满意度", "name": "定性指标", "kind": "QUALITATIVE", "weight": "5", "rating": "PARTIAL"}})
	var band struct {
		Node struct {
			RatedScoreBand struct {
				Rating, Low, High string
				HighInclusive     bool
			}
		}
	}
	must(t, ed, `query($id: ID!) { node(id: $id) { ... on Indicator { ratedScoreBand { rating low high highInclusive } } } }`, map[string]any{"id": q}, &band)
	if b := band.Node.RatedScoreBand; b.Rating != "PARTIAL" || b.Low != "3.00" || b.High != "4.00" || b.HighInclusive {
		t.Errorf("ratedScoreBand %+v, want PARTIAL 3.00 to less than 4.00", b)
	}

	// Validation errors name the field, a reason and its params.
	const update = `mutation($id: ID!, $in: UpdateIndicatorInput!) { updateIndicator(id: $id, input: $in) { id } }`
	for _, tt := range []struct {
		name   string
		in     map[string]any
		field  string
		reason string
		params map[string]any
	}{
		{"reason too long", map[string]any{"deviationReason": strings.Repeat("因", 2001)}, "deviationReason", "TOO_LONG", map[string]any{"max": "2000", "got": "2001"}},
		{"weight 0", map[string]any{"weight": "0"}, "weight", "NOT_POSITIVE", map[string]any{}},
		{"target negative", map[string]any{"target": "-1"}, "target", "NEGATIVE", map[string]any{}},
		{"name too long", map[string]any{"name": strings.Repeat("名", 301)}, "name", "TOO_LONG", map[string]any{"max": "300", "got": "301"}},
	} {
		r := post(t, ed, update, map[string]any{"id": ind, "in": tt.in})
		if len(r.Errors) != 1 {
			t.Errorf("%s: %d errors, want 1: %+v", tt.name, len(r.Errors), r.Errors)
			continue
		}
		x := r.Errors[0].Extensions
		if x["code"] != "BAD_USER_INPUT" || x["field"] != tt.field || x["reason"] != tt.reason || !reflect.DeepEqual(x["params"], tt.params) {
			t.Errorf("%s: extensions %v, want BAD_USER_INPUT %s %s %v", tt.name, x, tt.field, tt.reason, tt.params)
		}
	}
}
