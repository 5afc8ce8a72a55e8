package app

import (
	"encoding/json"
	"regexp"
	"testing"
)

// TestNewcomerTrips: what a new user tripped on, through the API on both stores.
func TestNewcomerTrips(t *testing.T) { stores(t, newcomerTrips) }

func newcomerTrips(t *testing.T, db string) {
	base := startServer(t, db).admin(t)
	f := build(t, base)

	t.Run("a second evaluation names the existing one", func(t *testing.T) {
		r := post(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": f.year}})
		if len(r.Errors) != 1 {
			t.Fatalf("errors %+v", r.Errors)
		}
		ext := r.Errors[0].Extensions
		if ext["code"] != "CONFLICT" || ext["field"] != "departmentYearID" || ext["entity"] != "evaluation" || ext["existingID"] != f.evaluation {
			t.Errorf("extensions %v, want CONFLICT on departmentYearID naming evaluation %s", ext, f.evaluation)
		}
	})

	t.Run("each computed value has one precision", func(t *testing.T) {
		var got struct {
			Node struct {
				Score         string
				ExecutionRate string
				Indicators    []struct {
					Name, Attainment, Score, Weight string
					CompletionRate                  *string
				}
			}
		}
		must(t, base, `query($id: ID!) { node(id: $id) { ... on Evaluation { score executionRate
			indicators { name attainment score weight completionRate } } } }`, map[string]any{"id": f.evaluation}, &got)
		four, two := regexp.MustCompile(`^[01]\.\d{4}$`), regexp.MustCompile(`^\d+\.\d{2}$`)
		if !two.MatchString(got.Node.Score) || !two.MatchString(got.Node.ExecutionRate) {
			t.Errorf("evaluation score %q, execution rate %q: want 2 places", got.Node.Score, got.Node.ExecutionRate)
		}
		if len(got.Node.Indicators) != len(f.indicators) {
			t.Fatalf("%d indicators, want %d", len(got.Node.Indicators), len(f.indicators))
		}
		for _, ind := range got.Node.Indicators {
			if !four.MatchString(ind.Attainment) || !two.MatchString(ind.Score) || (ind.CompletionRate != nil && !two.MatchString(*ind.CompletionRate)) {
				t.Errorf("%s: attainment %q (want 4 places), score %q, completion rate %v (want 2)", ind.Name, ind.Attainment, ind.Score, ind.CompletionRate)
			}
		}
	})

	t.Run("level names are trimmed and their spaces collapsed", func(t *testing.T) {
		year := id(t, base, createYear, map[string]any{"in": map[string]any{"departmentID": f.office, "year": 2024}})
		for _, levels := range [][2]string{{"产出指标", "数量指标"}, {"产出指标 ", " 数量指标"}, {"\u3000产出指标", "数量\t指标"}} {
			id(t, base, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": year,
				"level1": levels[0], "level2": levels[1], "name": "培训", "kind": "QUANTITATIVE", "operator": "GE",
				"target": "10", "actual": "10", "weight": "10"}})
		}
		ev := id(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year}})
		var got struct {
			Node struct {
				Subtotals []struct {
					Level1 string
					Level2 *string
					Weight string
				}
			}
		}
		must(t, base, `query($id: ID!) { node(id: $id) { ... on Evaluation { subtotals { level1 level2 weight } } } }`, map[string]any{"id": ev}, &got)
		subtotals, _ := json.Marshal(got.Node.Subtotals)
		want := `[{"Level1":"产出指标","Level2":null,"Weight":"30.00"},{"Level1":"产出指标","Level2":"数量指标","Weight":"20.00"},{"Level1":"产出指标","Level2":"数量 指标","Weight":"10.00"}]`
		if string(subtotals) != want {
			t.Errorf("subtotals %s\nwant      %s", subtotals, want)
		}
	})
}

// TestSecondEvaluationAsEditor: the demo's editor asking for a second evaluation
// of their year is told that it exists and which it is, not that a step is refused.
func TestSecondEvaluationAsEditor(t *testing.T) { stores(t, secondEvaluationAsEditor) }

func secondEvaluationAsEditor(t *testing.T, db string) {
	srv := startServer(t, db, "--demo")
	editor := srv.as(t, "editor")
	var years struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					ID                string
					OverallEvaluation struct{ ID string }
				}
			}
		}
	}
	must(t, editor, `{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node { id overallEvaluation { id } } } } }`, nil, &years)
	if len(years.DepartmentYears.Edges) != 1 {
		t.Fatalf("the seed's year: %+v", years)
	}
	y := years.DepartmentYears.Edges[0].Node
	r := post(t, editor, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": y.ID}})
	if len(r.Errors) != 1 {
		t.Fatalf("errors %+v", r.Errors)
	}
	ext := r.Errors[0].Extensions
	if ext["code"] != "CONFLICT" || ext["field"] != "departmentYearID" || ext["existingID"] != y.OverallEvaluation.ID {
		t.Errorf("%q %v, want CONFLICT on departmentYearID naming evaluation %s", r.Errors[0].Message, ext, y.OverallEvaluation.ID)
	}
}
