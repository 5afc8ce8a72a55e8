package app

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	createDepartment = `mutation($in: CreateDepartmentInput!) { createDepartment(input: $in) { id } }`
	createYear       = `mutation($in: CreateDepartmentYearInput!) { createDepartmentYear(input: $in) { id } }`
	createIndicator  = `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { id } }`
	createEvaluation = `mutation($in: CreateEvaluationInput!) { createEvaluation(input: $in) { id } }`
	evaluationQuery  = `query($id: ID!) { node(id: $id) { ... on Evaluation {
		score grade status
		subtotals { level1 level2 score weight }
		submitProblems { indicatorID field message }
		indicators { name score attainment completionRate deviationRequired }
	} } }`
)

type evaluationView struct {
	Node struct {
		Score, Grade, Status string
		Subtotals            []struct {
			Level1        string
			Level2        *string
			Score, Weight string
		}
		SubmitProblems []struct{ IndicatorID, Field, Message string }
		Indicators     []struct {
			Name, Score, Attainment string
			CompletionRate          *string
			DeviationRequired       bool
		}
	}
}

// fixture is a district with two departments (one scored 78, one 100) and a
// second district, built through the API from an empty database.
type fixture struct {
	district, office, other, otherDistrict string
	year, evaluation, bound                string
	indicators                             map[string]string
}

func build(t *testing.T, base *caller) fixture {
	f := fixture{indicators: map[string]string{}}
	f.district = id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "D1", "name": "一区"}})
	f.otherDistrict = id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "D2", "name": "二区"}})
	f.office = id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "D1-01", "name": "办公室", "parentID": f.district}})
	f.other = id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "D1-02", "name": "财政局", "parentID": f.district}})

	// Budget 200, spent 175 (87.5 %); carry-over 35 is 20 % of spending.
	f.year = id(t, base, createYear, map[string]any{"in": map[string]any{
		"departmentID": f.office, "year": 2023,
		"personnelBudget": "100", "personnelActual": "90",
		"publicBudget": "50", "publicActual": "45",
		"projectBudget": "50", "projectActual": "40",
		"carryoverEnd": "35",
	}})
	indicators := []struct {
		key string
		in  map[string]any
	}{
		{"trainees", map[string]any{"level1": "产出", "level2": "数量", "name": "培训人数", "kind": "QUANTITATIVE", "operator": "GE", "target": "80", "actual": "88", "unit": "人次", "weight": "40"}},
		{"carryover", map[string]any{"level1": "管理", "level2": "预算执行", "name": "结转结余率", "kind": "QUANTITATIVE", "operator": "LE", "target": "10", "unit": "%", "binding": "CARRYOVER_RATE", "weight": "20"}},
		{"rules", map[string]any{"level1": "管理", "level2": "绩效管理", "name": "制度健全性", "kind": "QUALITATIVE", "rating": "ACHIEVED", "ratedScore": "18", "weight": "20"}},
		{"meetings", map[string]any{"level1": "产出", "level2": "数量", "name": "会议人数", "kind": "QUANTITATIVE", "operator": "GE", "target": "900", "actual": "1300", "unit": "人次", "weight": "20"}},
	}
	for i, ind := range indicators {
		ind.in["departmentYearID"] = f.year
		ind.in["position"] = i + 1
		f.indicators[ind.key] = id(t, base, createIndicator, map[string]any{"in": ind.in})
	}
	f.bound = f.indicators["carryover"]
	f.evaluation = id(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": f.year, "conclusion": "基本完成"}})

	// The other department: one indicator, fully met.
	otherYear := id(t, base, createYear, map[string]any{"in": map[string]any{"departmentID": f.other, "year": 2023}})
	id(t, base, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": otherYear, "level1": "产出", "level2": "数量", "name": "件数", "kind": "QUANTITATIVE", "operator": "GE", "target": "1", "actual": "1", "weight": "100"}})
	id(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": otherYear}})
	// A department in the other district, scored lowest of all: it must stay out of district D1's ranking.
	far := id(t, base, createDepartment, map[string]any{"in": map[string]any{"code": "D2-01", "name": "远处", "parentID": f.otherDistrict}})
	farYear := id(t, base, createYear, map[string]any{"in": map[string]any{"departmentID": far, "year": 2023}})
	id(t, base, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": farYear, "level1": "产出", "level2": "数量", "name": "件数", "kind": "QUANTITATIVE", "operator": "GE", "target": "10", "actual": "1", "weight": "100"}})
	id(t, base, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": farYear}})
	return f
}

func evaluationOf(t *testing.T, base *caller, id string) evaluationView {
	var v evaluationView
	must(t, base, evaluationQuery, map[string]any{"id": id}, &v)
	return v
}

// TestEndToEnd creates department-years from nothing through HTTP, scores them,
// filters and orders by score, and submits with errors and then without.
func TestEndToEnd(t *testing.T) { stores(t, endToEnd) }

func endToEnd(t *testing.T, db string) {
	base := startServer(t, db).admin(t)
	f := build(t, base)

	ev := evaluationOf(t, base, f.evaluation)
	// 40 (88 of 80) + 0 (carry-over 20 % is twice the 10 % limit) + 18 (rated) + 20 (144 %) = 78.
	if ev.Node.Score != "78.00" || ev.Node.Grade != "FAIR" {
		t.Fatalf("score %s grade %s, want 78.00 FAIR", ev.Node.Score, ev.Node.Grade)
	}
	wantSubtotals := map[string]string{"产出": "60.00/60.00", "产出/数量": "60.00/60.00", "管理": "18.00/40.00", "管理/预算执行": "0.00/20.00", "管理/绩效管理": "18.00/20.00"}
	if len(ev.Node.Subtotals) != len(wantSubtotals) {
		t.Errorf("subtotals %+v", ev.Node.Subtotals)
	}
	for _, s := range ev.Node.Subtotals {
		key := s.Level1
		if s.Level2 != nil {
			key += "/" + *s.Level2
		}
		if got := s.Score + "/" + s.Weight; got != wantSubtotals[key] {
			t.Errorf("subtotal %s = %s, want %s", key, got, wantSubtotals[key])
		}
	}

	// Filter and order by computed attainment: the carry-over (0) then the rated one (0.9).
	var ranking struct {
		IndicatorRanking struct {
			TotalCount int
			Edges      []struct {
				Node struct{ Name, Attainment string }
			}
		}
	}
	must(t, base, `query($year: ID!) { indicatorRanking(by: ATTAINMENT, direction: ASC, first: 10,
		where: {hasDepartmentYearWith: {id: $year}, attainmentLT: "0.95"}) {
		totalCount edges { node { name attainment } } } }`, map[string]any{"year": f.year}, &ranking)
	got := []string{}
	for _, e := range ranking.IndicatorRanking.Edges {
		got = append(got, e.Node.Name+"="+e.Node.Attainment)
	}
	if strings.Join(got, ",") != "结转结余率=0.0000,制度健全性=0.9000" || ranking.IndicatorRanking.TotalCount != 2 {
		t.Errorf("indicators below 0.95 = %v (total %d)", got, ranking.IndicatorRanking.TotalCount)
	}

	// The lowest-scoring department evaluations of 2023 under district D1 only.
	var lowest struct {
		EvaluationRanking struct {
			Edges []struct {
				Node struct {
					Score          string
					DepartmentYear struct{ Department struct{ Code string } }
				}
			}
		}
	}
	must(t, base, `query($d: ID!) { evaluationRanking(direction: ASC, first: 20, where: {hasProject: false,
		hasDepartmentYearWith: {year: 2023, hasDepartmentWith: {within: $d}}}) {
		edges { node { score departmentYear { department { code } } } } } }`, map[string]any{"d": f.district}, &lowest)
	got = got[:0]
	for _, e := range lowest.EvaluationRanking.Edges {
		got = append(got, e.Node.DepartmentYear.Department.Code+"="+e.Node.Score)
	}
	if strings.Join(got, ",") != "D1-01=78.00,D1-02=100.00" {
		t.Errorf("lowest evaluations under D1 = %v", got)
	}
	// The same ranking one row at a time: the cursor carries on where the page ended.
	var pages []string
	var after any
	for range 3 {
		var page struct {
			EvaluationRanking struct {
				Edges    []struct{ Node struct{ Score string } }
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		must(t, base, `query($d: ID!, $after: Cursor) { evaluationRanking(direction: ASC, first: 1, after: $after, where: {hasProject: false,
			hasDepartmentYearWith: {hasDepartmentWith: {within: $d}}}) { edges { node { score } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"d": f.district, "after": after}, &page)
		for _, e := range page.EvaluationRanking.Edges {
			pages = append(pages, e.Node.Score)
		}
		if !page.EvaluationRanking.PageInfo.HasNextPage {
			break
		}
		after = *page.EvaluationRanking.PageInfo.EndCursor
	}
	if strings.Join(pages, ",") != "78.00,100.00" {
		t.Errorf("paging the ranking one by one gave %v", pages)
	}

	var graded struct{ Evaluations struct{ TotalCount int } }
	must(t, base, `{ evaluations(where: {grade: FAIR}) { totalCount } }`, nil, &graded)
	if graded.Evaluations.TotalCount != 1 {
		t.Errorf("evaluations graded FAIR = %d, want 1", graded.Evaluations.TotalCount)
	}

	// Submit: both deviations lack a reason; every problem comes back at once and nothing changes.
	r := post(t, base, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": f.evaluation})
	problems := map[string]bool{}
	for _, e := range r.Errors {
		if e.Extensions["code"] != "SUBMIT_CHECK" {
			t.Errorf("error without SUBMIT_CHECK code: %+v", e)
		}
		if ind, ok := e.Extensions["indicatorID"]; ok {
			problems[jsonString(ind)+"."+e.Extensions["field"].(string)] = true
		}
	}
	want := map[string]bool{f.indicators["carryover"] + ".deviationReason": true, f.indicators["meetings"] + ".deviationReason": true}
	if len(problems) != len(want) || !problems[f.indicators["carryover"]+".deviationReason"] || !problems[f.indicators["meetings"]+".deviationReason"] {
		t.Errorf("submit problems = %v, want %v", problems, want)
	}
	if ev := evaluationOf(t, base, f.evaluation); ev.Node.Status != "DRAFT" {
		t.Errorf("a refused submit changed the status to %s", ev.Node.Status)
	}

	// Lower the carry-over to 10 %: the bound indicator is met, the score follows the figures.
	must(t, base, `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {carryoverEnd: "17.50"}) { carryoverRate } }`, map[string]any{"id": f.year}, nil)
	if ev := evaluationOf(t, base, f.evaluation); ev.Node.Score != "98.00" || ev.Node.Grade != "EXCELLENT" {
		t.Errorf("after lowering the carry-over: %s %s, want 98.00 EXCELLENT", ev.Node.Score, ev.Node.Grade)
	}
	must(t, base, `mutation($id: ID!) { updateIndicator(id: $id, input: {deviationReason: "会议场次多于年初预计"}) { id } }`, map[string]any{"id": f.indicators["meetings"]}, nil)
	var submitted struct{ SubmitEvaluation struct{ Status string } }
	must(t, base, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": f.evaluation}, &submitted)
	if submitted.SubmitEvaluation.Status != "SUBMITTED" {
		t.Errorf("status after submit = %s", submitted.SubmitEvaluation.Status)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}
