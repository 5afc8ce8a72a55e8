package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// warningView is a warning as the tests ask for it.
type warningView struct {
	Code      string
	Params    map[string]string
	Month     *int
	Indicator *struct{ Name string }
	Project   *struct{ Code string }
}

const warningFields = `warnings { code params month indicator { name } project { code } }`

// summary is "CODE indicator-or-project-or-month" per warning, in order.
func summary(ws []warningView) []string {
	out := []string{}
	for _, w := range ws {
		s := w.Code
		switch {
		case w.Indicator != nil:
			s += " " + w.Indicator.Name
		case w.Project != nil:
			s += " " + w.Project.Code
		case w.Month != nil:
			s += fmt.Sprintf(" month %d", *w.Month)
		}
		if f := w.Params["field"]; f != "" {
			s += " " + f
		}
		out = append(out, s)
	}
	return out
}

// warnRow is one indicator of the fixture.
type warnRow struct {
	name, op, unit, target, actual, weight, binding, reason string
}

// warnFixture: department D1-01 (the editor's) over 2022–2024, whose 2024 holds one of
// each warning, and D1-02 beside it, whose history of an indicator of the same name would
// warn about D1-01's 2024 if history were matched across departments.
type warnFixture struct {
	office, other      string
	years              map[string]string // "D1-01 2024" → id
	evaluations        map[string]string // "D1-01 2024" → overall evaluation id; "P-01" the project's
	indicators         map[string]string // "2024 完成率" → id (D1-01's)
	otherIndicator2024 string
}

func buildWarnings(t *testing.T, admin *caller) warnFixture {
	f := warnFixture{years: map[string]string{}, evaluations: map[string]string{}, indicators: map[string]string{}}
	district := id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": "D1", "name": "一区"}})
	f.office = id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": "D1-01", "name": "办公室", "parentID": district}})
	f.other = id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": "D1-02", "name": "财政局", "parentID": district}})

	year := func(dept, code string, y int, rows []warnRow) string {
		dy := id(t, admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": y,
			"personnelBudget": "100", "personnelActual": "95"}})
		key := fmt.Sprintf("%s %d", code, y)
		f.years[key] = dy
		indicators(t, admin, dy, nil, rows, func(name, id string) {
			if code == "D1-01" {
				f.indicators[fmt.Sprintf("%d %s", y, name)] = id
			} else if y == 2024 {
				f.otherIndicator2024 = id
			}
		})
		f.evaluations[key] = id(t, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": dy}})
		return dy
	}
	why := "会议、活动数量超出年初计划。"
	year(f.office, "D1-01", 2022, []warnRow{
		{"会议人数", "GE", "人次", "800", "1200", "30", "", why},
		{"信息稿件", "GE", "篇", "15", "15", "30", "", ""},
		{"完成率", "GE", "%", "100", "100", "40", "", ""},
	})
	year(f.office, "D1-01", 2023, []warnRow{
		{"会议人数", "GE", "人次", "900", "1300", "30", "", why},
		{"信息稿件", "GE", "篇", "15", "16", "30", "", ""},
		{"完成率", "GE", "%", "100", "100", "40", "", ""},
	})
	dy := year(f.office, "D1-01", 2024, []warnRow{
		{"会议人数", "GE", "人次", "900", "950", "20", "", ""},             // met at 150 % and 144.44 %: too low
		{"信息稿件", "GE", "篇", "15", "15", "20", "", ""},                // 15 three years running
		{"完成率", "GE", "%", "1", "100", "20", "", why},                // a share: scores 10000 %
		{"培训人次", "GE", "人次", "80", "-3", "20", "", why},              // negative
		{"走访人次", "GE", "人次", "100", "100", "10", "", ""},             // no history of its own
		{"预算资金支出率", "GE", "%", "1", "", "10", "EXECUTION_RATE", why}, // bound, 95 % of 1
	})
	// Cumulative spending falls in March.
	must(t, admin, `mutation($id: ID!, $m: [MonthInput!]!) { setMonthlyExecution(departmentYearID: $id, months: $m) { id } }`,
		map[string]any{"id": dy, "m": []map[string]any{
			{"month": 1, "cumulativeExecuted": "10", "targetPercent": "5"},
			{"month": 2, "cumulativeExecuted": "30", "targetPercent": "12"},
			{"month": 3, "cumulativeExecuted": "25", "targetPercent": "25"},
		}}, nil)
	// A project whose every indicator is met exactly.
	project := id(t, admin, `mutation($in: CreateProjectInput!) { createProject(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"departmentYearID": dy, "code": "P-01", "name": "教师培训", "budget": "50", "executed": "50"}})
	indicators(t, admin, dy, &project, []warnRow{
		{"培训场次", "GE", "场", "10", "10", "30", "", ""},
		{"培训人次", "GE", "人次", "200", "200", "30", "", ""},
		{"合格率", "GE", "%", "95", "95", "30", "", ""},
	}, func(string, string) {})
	f.evaluations["P-01"] = id(t, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": dy, "projectID": project}})

	year(f.other, "D1-02", 2022, []warnRow{{"走访人次", "GE", "人次", "90", "180", "100", "", why}})
	year(f.other, "D1-02", 2023, []warnRow{{"走访人次", "GE", "人次", "100", "200", "100", "", why}})
	year(f.other, "D1-02", 2024, []warnRow{{"走访人次", "GE", "人次", "100", "100", "100", "", ""}})
	return f
}

// indicators creates rows as the indicators of department-year dy (or of its project),
// telling made each one's name and id.
func indicators(t *testing.T, admin *caller, dy string, project *string, rows []warnRow, made func(name, id string)) {
	for i, r := range rows {
		in := map[string]any{"departmentYearID": dy, "position": i + 1, "level1": "产出指标", "level2": "数量指标",
			"name": r.name, "kind": "QUANTITATIVE", "operator": r.op, "unit": r.unit, "target": r.target, "weight": r.weight,
			"deviationReason": r.reason}
		if project != nil {
			in["projectID"] = *project
		}
		if r.actual != "" {
			in["actual"] = r.actual
		}
		if r.binding != "" {
			in["binding"] = r.binding
		}
		made(r.name, id(t, admin, createIndicator, map[string]any{"in": in}))
	}
}

// TestWarnings: each warning through the API, on the indicator, the department-year
// and the evaluation; a submission that warns still succeeds and carries them; history
// never crosses departments and never comes from a year the caller may not read.
func TestWarnings(t *testing.T) { stores(t, warningsTest) }

func warningsTest(t *testing.T, db string) {
	srv := startServer(t, db)
	admin := srv.admin(t)
	f := buildWarnings(t, admin)
	createUser(t, admin, "editor", "EDITOR", f.office)
	srv.accounts["editor"] = "editor-password-1"
	editor := srv.as(t, "editor")

	yearWarnings := func(c *caller, key string) []warningView {
		var out struct {
			Node *struct{ Warnings []warningView }
		}
		must(t, c, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { `+warningFields+` } } }`, map[string]any{"id": f.years[key]}, &out)
		if out.Node == nil {
			return nil
		}
		return out.Node.Warnings
	}
	evaluationWarnings := func(c *caller, key string) []warningView {
		var out struct {
			Node *struct{ Warnings []warningView }
		}
		must(t, c, `query($id: ID!) { node(id: $id) { ... on Evaluation { `+warningFields+` } } }`, map[string]any{"id": f.evaluations[key]}, &out)
		if out.Node == nil {
			return nil
		}
		return out.Node.Warnings
	}
	overall2024 := []string{
		"TARGET_TOO_LOW 会议人数", "TARGET_UNCHANGED 信息稿件", "PERCENT_AS_SHARE 完成率 target",
		"NEGATIVE_QUANTITY 培训人次", "PERCENT_AS_SHARE 预算资金支出率 target",
	}
	year2024 := append(slices.Clone(overall2024), "ALL_EXACTLY_MET P-01", "CUMULATIVE_FALLS month 3")
	evaluation2024 := append(slices.Clone(overall2024), "CUMULATIVE_FALLS month 3")

	t.Run("department-year", func(t *testing.T) {
		for _, c := range []struct {
			who string
			c   *caller
		}{{"admin", admin}, {"editor", editor}} {
			ws := yearWarnings(c.c, "D1-01 2024")
			if got := summary(ws); !slices.Equal(got, year2024) {
				t.Errorf("%s: %v, want %v", c.who, got, year2024)
			}
			byKey := map[string]map[string]string{}
			for _, w := range ws {
				byKey[summary([]warningView{w})[0]] = w.Params
			}
			wantParams := map[string]map[string]string{
				"TARGET_TOO_LOW 会议人数": {"year1": "2023", "rate1": "144.44", "year2": "2022", "rate2": "150.00",
					"actual1": "1300", "target": "900", "projectedRate": "144.44", "threshold": "130"},
				"TARGET_UNCHANGED 信息稿件":           {"target": "15", "fromYear": "2022", "years": "3"},
				"PERCENT_AS_SHARE 完成率 target":     {"field": "target", "value": "1", "percent": "100"},
				"NEGATIVE_QUANTITY 培训人次":          {"value": "-3", "unit": "人次"},
				"PERCENT_AS_SHARE 预算资金支出率 target": {"field": "target", "value": "1", "percent": "100"},
				"ALL_EXACTLY_MET P-01":            {"count": "3", "project": "教师培训"},
				"CUMULATIVE_FALLS month 3":        {"month": "3", "cumulative": "25.00", "previousMonth": "2", "previousCumulative": "30.00"},
			}
			for key, want := range wantParams {
				if got := byKey[key]; !equalParams(got, want) {
					t.Errorf("%s: %s params %v, want %v", c.who, key, got, want)
				}
			}
		}
		if got := summary(yearWarnings(admin, "D1-02 2024")); !slices.Equal(got, []string{"TARGET_TOO_LOW 走访人次"}) {
			t.Errorf("D1-02 2024: %v, want its own history's TARGET_TOO_LOW", got)
		}
		for _, key := range []string{"D1-01 2022", "D1-01 2023"} {
			if got := summary(yearWarnings(admin, key)); len(got) != 0 {
				t.Errorf("%s: %v, want none (no two years before it)", key, got)
			}
		}
	})

	t.Run("evaluations", func(t *testing.T) {
		if got := summary(evaluationWarnings(admin, "D1-01 2024")); !slices.Equal(got, evaluation2024) {
			t.Errorf("overall: %v, want %v", got, evaluation2024)
		}
		if got := summary(evaluationWarnings(admin, "P-01")); !slices.Equal(got, []string{"ALL_EXACTLY_MET P-01"}) {
			t.Errorf("project: %v", got)
		}
	})

	t.Run("indicator, as the editor types", func(t *testing.T) {
		update := `mutation($id: ID!, $t: Decimal!) { updateIndicator(id: $id, input: {target: $t}) { score ` + warningFields + ` } }`
		for _, tt := range []struct {
			target string
			want   []string
		}{
			{"1.01", []string{}},
			{"100", []string{}},
			{"0.95", []string{"PERCENT_AS_SHARE 完成率 target"}},
			{"1", []string{"PERCENT_AS_SHARE 完成率 target"}},
		} {
			var out struct {
				UpdateIndicator struct {
					Score    string
					Warnings []warningView
				}
			}
			must(t, editor, update, map[string]any{"id": f.indicators["2024 完成率"], "t": tt.target}, &out)
			if got := summary(out.UpdateIndicator.Warnings); !slices.Equal(got, tt.want) {
				t.Errorf("target %s: %v, want %v", tt.target, got, tt.want)
			}
		}
		var list struct {
			Indicators struct {
				Edges []struct {
					Node struct {
						Name     string
						Warnings []warningView
					}
				}
			}
		}
		must(t, editor, `{ indicators(first: 100, where: {hasDepartmentYearWith: {year: 2024}}) { edges { node { name `+warningFields+` } } } }`, nil, &list)
		var got []string
		for _, e := range list.Indicators.Edges {
			got = append(got, summary(e.Node.Warnings)...)
		}
		if !slices.Equal(got, overall2024) {
			t.Errorf("the editor's 2024 indicators warn %v, want %v (no project-wide warning on an indicator)", got, overall2024)
		}
	})

	t.Run("an editor never reads another department's history", func(t *testing.T) {
		// D1-02's 走访人次 was met at 200 % twice: matched across departments, D1-01's
		// 走访人次 would warn with D1-02's figures.
		for _, c := range []*caller{admin, editor} {
			for _, w := range yearWarnings(c, "D1-01 2024") {
				raw, _ := json.Marshal(w)
				if (w.Indicator != nil && w.Indicator.Name == "走访人次") || strings.Contains(string(raw), "200") {
					t.Errorf("D1-01's warnings name D1-02's history: %s", raw)
				}
			}
		}
		for _, q := range []struct{ typ, id string }{{"DepartmentYear", f.years["D1-02 2024"]}, {"Indicator", f.otherIndicator2024}} {
			r := post(t, editor, `query($id: ID!) { node(id: $id) { ... on `+q.typ+` { warnings { code params } } } }`, map[string]any{"id": q.id})
			if strings.Contains(string(r.Data), "warnings") {
				t.Errorf("the editor reads the warnings of D1-02's %s: %s", q.typ, r.Data)
			}
		}
	})

	t.Run("submission warns and succeeds", func(t *testing.T) {
		var out struct {
			SubmitEvaluation struct {
				Status   string
				Warnings []warningView
			}
		}
		must(t, editor, `mutation($id: ID!) { submitEvaluation(id: $id) { status `+warningFields+` } }`,
			map[string]any{"id": f.evaluations["D1-01 2024"]}, &out)
		if out.SubmitEvaluation.Status != "SUBMITTED" || !slices.Equal(summary(out.SubmitEvaluation.Warnings), evaluation2024) {
			t.Errorf("submitted: %s with %v, want SUBMITTED with %v", out.SubmitEvaluation.Status, summary(out.SubmitEvaluation.Warnings), evaluation2024)
		}
	})

	t.Run("the public reads no unpublished year's history", func(t *testing.T) {
		anonymous := srv.anonymous()
		publish := func(key string) {
			for _, step := range []string{"submitEvaluation", "approveEvaluation", "publishEvaluation"} {
				if key == "D1-01 2024" && step == "submitEvaluation" {
					continue // submitted above
				}
				must(t, admin, `mutation($id: ID!) { `+step+`(id: $id) { status } }`, map[string]any{"id": f.evaluations[key]}, nil)
			}
		}
		publish("D1-01 2024")
		// 2022 and 2023 unpublished: what history says is hidden.
		want := []string{"PERCENT_AS_SHARE 完成率 target", "NEGATIVE_QUANTITY 培训人次", "PERCENT_AS_SHARE 预算资金支出率 target", "CUMULATIVE_FALLS month 3"}
		if got := summary(evaluationWarnings(anonymous, "D1-01 2024")); !slices.Equal(got, want) {
			t.Errorf("signed out, 2024 published alone: %v, want %v", got, want)
		}
		// The project's evaluation is unpublished: its indicators are hidden, and its warning.
		if got := summary(yearWarnings(anonymous, "D1-01 2024")); !slices.Equal(got, want) {
			t.Errorf("signed out, the year: %v, want %v", got, want)
		}
		publish("D1-01 2023")
		if got := summary(evaluationWarnings(anonymous, "D1-01 2024")); !slices.Equal(got, want) {
			t.Errorf("signed out, 2022 unpublished: %v, want %v (two years are needed)", got, want)
		}
		publish("D1-01 2022")
		if got := summary(evaluationWarnings(anonymous, "D1-01 2024")); !slices.Equal(got, evaluation2024) {
			t.Errorf("signed out, all published: %v, want %v", got, evaluation2024)
		}
	})
}

func equalParams(got, want map[string]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}
