package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestFormsData: what the standard forms ask beside the figures (年初预算数; a project's
// funds by source and a year's revenue by nature; 主管部门, 实施单位; the goal's
// 实际完成情况; 评（扣）分标准) through the API: the seed's, written and read back, refused
// with the field named, checked at submission, locked under review, and hidden
// from another department's editor. The seed's score and figures stay as they were.
func TestFormsData(t *testing.T) { stores(t, formsData) }

const (
	setLines   = `mutation($y: ID!, $p: ID, $lines: [FundingLineInput!]!) { setFundingLines(departmentYearID: $y, projectID: $p, lines: $lines) { id category initialBudget adjustedBudget executed executionRate } }`
	createLine = `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id version } }`
)

func formsData(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, editor := srv.admin(t), srv.as(t, "editor")
	seedFormsData(t, editor)

	// The office (the editor's department) gets a year of its own to write in.
	var office struct {
		Departments struct {
			Edges []struct{ Node struct{ ID, ParentID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "440115-001"}) { edges { node { id parentID } } } }`, nil, &office)
	dept := office.Departments.Edges[0].Node

	t.Run("written and read back", func(t *testing.T) {
		year := roundTrip(t, editor, "DepartmentYear",
			`mutation($in: CreateDepartmentYearInput!) { createDepartmentYear(input: $in) { id %s } }`,
			`mutation($id: ID!, $in: UpdateDepartmentYearInput!) { updateDepartmentYear(id: $id, input: $in) { id %s } }`,
			map[string]any{"departmentID": dept.ID, "year": 2031, "personnelBudget": "100", "projectBudget": "50",
				"goal": "预期目标", "goalOutcome": "实际完成情况", "basicInitialBudget": "90", "projectInitialBudget": "40.5"},
			map[string]any{"goalOutcome": "全部完成", "projectInitialBudget": "45"},
			map[string]any{"goal": "预期目标", "goalOutcome": "全部完成", "basicInitialBudget": "90.00", "projectInitialBudget": "45.00",
				"totalInitialBudget": "135.00", "totalBudget": "150.00"})
		project := roundTrip(t, editor, "Project",
			`mutation($in: CreateProjectInput!) { createProject(input: $in) { id %s } }`,
			`mutation($id: ID!, $in: UpdateProjectInput!) { updateProject(id: $id, input: $in) { id %s } }`,
			map[string]any{"departmentYearID": year, "name": "档案数字化", "supervisingDepartment": "中共广州市南沙区委员会办公室",
				"implementingUnit": "区档案馆", "initialBudget": "40", "budget": "50", "executed": "48", "goalOutcome": "完成"},
			map[string]any{"implementingUnit": "区档案馆（馆藏科）", "initialBudget": "42.5"},
			map[string]any{"supervisingDepartment": "中共广州市南沙区委员会办公室", "implementingUnit": "区档案馆（馆藏科）",
				"initialBudget": "42.50", "budget": "50.00", "executed": "48.00", "goalOutcome": "完成", "executionRate": "96.00"})
		roundTrip(t, editor, "Indicator",
			`mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { id %s } }`,
			`mutation($id: ID!, $in: UpdateIndicatorInput!) { updateIndicator(id: $id, input: $in) { id %s } }`,
			map[string]any{"departmentYearID": year, "projectID": project, "level1": "产出指标", "level2": "数量指标", "name": "数字化卷数",
				"kind": "QUANTITATIVE", "operator": "GE", "target": "1000", "actual": "1000", "unit": "卷", "weight": "90",
				"scoringCriteria": "完成值达到指标值的得满分"},
			map[string]any{"scoringCriteria": "完成值达到指标值的得满分，未达到的按比例计分"},
			map[string]any{"scoringCriteria": "完成值达到指标值的得满分，未达到的按比例计分", "score": "90.00"})
		line := roundTrip(t, editor, "FundingLine",
			`mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id %s } }`,
			`mutation($id: ID!, $in: UpdateFundingLineInput!) { updateFundingLine(id: $id, input: $in) { id %s } }`,
			map[string]any{"departmentYearID": year, "projectID": project, "category": "CURRENT_APPROPRIATION",
				"initialBudget": "40", "adjustedBudget": "47", "executed": "45"},
			map[string]any{"initialBudget": "42.5"},
			map[string]any{"category": "CURRENT_APPROPRIATION", "initialBudget": "42.50", "adjustedBudget": "47.00", "executed": "45.00",
				"executionRate": "95.74"})

		// The breakdown is read with its owner, in the forms' order, and checked against the total row.
		var read struct {
			Node struct {
				FundingLines    []struct{ ID, Category string }
				FundingProblems []struct {
					Field, Reason string
					Params        map[string]string
				}
			}
		}
		projectLines := `query($id: ID!) { node(id: $id) { ... on Project { fundingLines { id category } fundingProblems { field reason params } } } }`
		must(t, editor, projectLines, map[string]any{"id": project}, &read)
		if len(read.Node.FundingLines) != 1 || read.Node.FundingLines[0].ID != line {
			t.Errorf("the project's lines: %+v", read.Node.FundingLines)
		}
		want := []string{"fundingLines FUNDING_SUM_MISMATCH adjustedBudget 47.00 50.00", "fundingLines FUNDING_SUM_MISMATCH executed 45.00 48.00"}
		if got := problems(read.Node.FundingProblems); !reflect.DeepEqual(got, want) {
			t.Errorf("the project's funding problems: %v, want %v", got, want)
		}
		// setFundingLines: the other sources come in, in the forms' order, and the lines add up.
		var set struct {
			SetFundingLines []struct{ ID, Category, InitialBudget, AdjustedBudget, Executed string }
		}
		must(t, editor, setLines, map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "OTHER_FUNDS", "adjustedBudget": "1", "executed": "1"},
			{"category": "CURRENT_APPROPRIATION", "initialBudget": "42.5", "adjustedBudget": "47", "executed": "45"},
			{"category": "PRIOR_YEAR_CARRYOVER", "adjustedBudget": "2", "executed": "2"},
		}}, &set)
		var order []string
		for _, l := range set.SetFundingLines {
			order = append(order, l.Category)
		}
		if want := []string{"CURRENT_APPROPRIATION", "PRIOR_YEAR_CARRYOVER", "OTHER_FUNDS"}; !reflect.DeepEqual(order, want) || set.SetFundingLines[0].ID != line {
			t.Errorf("setFundingLines answered %+v, want %v with line %s kept", set.SetFundingLines, want, line)
		}
		must(t, editor, projectLines, map[string]any{"id": project}, &read)
		if len(read.Node.FundingProblems) != 0 || len(read.Node.FundingLines) != 3 {
			t.Errorf("after setFundingLines: %+v", read.Node)
		}
		// The list filters by what the lines hold and whose they are.
		var list struct {
			FundingLines struct{ TotalCount int }
		}
		must(t, editor, `query($y: ID!) { fundingLines(where: {category: OTHER_FUNDS, hasDepartmentYearWith: {id: $y}, executedGT: "0.5"}) { totalCount } }`,
			map[string]any{"y": year}, &list)
		if list.FundingLines.TotalCount != 1 {
			t.Errorf("fundingLines(where: OTHER_FUNDS of the year): %d, want 1", list.FundingLines.TotalCount)
		}
	})

	t.Run("refused with the field named", func(t *testing.T) { refusals(t, editor, dept.ID) })
	t.Run("checked at submission, locked under review", func(t *testing.T) { submission(t, admin, editor, dept.ID) })
	t.Run("hidden from another department's editor", func(t *testing.T) { hiddenLines(t, admin, editor, dept.ParentID) })

	// Nothing of this moved the seed.
	seedFormsData(t, editor)
}

// seedFormsData checks the seed's year: its score and figures as the report gives
// them, and its breakdowns as the demo loads them, adding up.
func seedFormsData(t *testing.T, c *caller) {
	t.Helper()
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					TotalActual, TotalBudget, TotalInitialBudget, GoalOutcome string
					FundingLines                                              []struct{ Category, InitialBudget, AdjustedBudget, Executed, ExecutionRate string }
					FundingProblems                                           []struct{ Field string }
					OverallEvaluation                                         struct {
						Score          string
						SubmitProblems []struct{ Field string }
					}
					Projects struct {
						Edges []struct {
							Node struct {
								Code, SupervisingDepartment, ImplementingUnit, InitialBudget, GoalOutcome string
								FundingLines                                                              []struct{ Category string }
								FundingProblems                                                           []struct{ Field string }
							}
						}
					}
					Indicators struct {
						Edges []struct {
							Node struct{ ScoringCriteria string }
						}
					}
				}
			}
		}
	}
	must(t, c, `{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node {
		totalActual totalBudget totalInitialBudget goalOutcome
		fundingLines { category initialBudget adjustedBudget executed executionRate } fundingProblems { field }
		overallEvaluation { score submitProblems { field } }
		projects(orderBy: [{field: CODE}]) { edges { node { code supervisingDepartment implementingUnit initialBudget goalOutcome
			fundingLines { category } fundingProblems { field } } } }
		indicators(first: 100) { edges { node { scoringCriteria } } }
	} } } }`, nil, &out)
	if len(out.DepartmentYears.Edges) != 1 {
		t.Fatalf("the seed's year: %d", len(out.DepartmentYears.Edges))
	}
	dy := out.DepartmentYears.Edges[0].Node
	if dy.OverallEvaluation.Score != "99.69" || dy.TotalActual != "1829.40" || dy.TotalBudget != "1836.19" || len(dy.OverallEvaluation.SubmitProblems) != 0 {
		t.Errorf("the seed moved: score %s, total %s of %s, submit problems %+v", dy.OverallEvaluation.Score, dy.TotalActual, dy.TotalBudget, dy.OverallEvaluation.SubmitProblems)
	}
	lines, _ := json.Marshal(dy.FundingLines)
	if want := `[{"Category":"GENERAL_PUBLIC_BUDGET","InitialBudget":"1803.60","AdjustedBudget":"1836.19","Executed":"1829.40","ExecutionRate":"99.63"}]`; string(lines) != want {
		t.Errorf("the seed's revenue lines %s, want %s", lines, want)
	}
	if dy.TotalInitialBudget != "1803.60" || dy.GoalOutcome == "" || len(dy.FundingProblems) != 0 {
		t.Errorf("the seed's 年初预算数 %s, goal outcome %q, funding problems %+v", dy.TotalInitialBudget, dy.GoalOutcome, dy.FundingProblems)
	}
	var sources []string
	for _, e := range dy.Projects.Edges {
		p := e.Node
		if p.ImplementingUnit == "" || p.SupervisingDepartment != "" || p.GoalOutcome == "" || len(p.FundingProblems) != 0 {
			t.Errorf("project %s: %+v", p.Code, p)
		}
		for _, l := range p.FundingLines {
			sources = append(sources, p.Code+" "+l.Category)
		}
	}
	if want := []string{"NS-2023-01 CURRENT_APPROPRIATION", "NS-2023-02 CURRENT_APPROPRIATION", "NS-2023-02 PRIOR_YEAR_CARRYOVER",
		"NS-2023-03 CURRENT_APPROPRIATION"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("the seed's sources of funds: %v, want %v", sources, want)
	}
	for _, e := range dy.Indicators.Edges {
		if e.Node.ScoringCriteria == "" {
			t.Errorf("a seed indicator without 评（扣）分标准")
		}
	}
}

// roundTrip creates a row of typ with create, reads it back, updates it with change,
// and checks that the answer of each holds want's fields (after the update); it
// returns the row's id.
func roundTrip(t *testing.T, c *caller, typ, create, update string, in, change, want map[string]any) string {
	t.Helper()
	fields := make([]string, 0, len(want))
	for f := range want {
		fields = append(fields, f)
	}
	selection := strings.Join(fields, " ")
	answer := func(r gqlResponse) map[string]any {
		t.Helper()
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", typ, r.Errors)
		}
		var data map[string]map[string]any
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		for _, row := range data {
			return row
		}
		return nil
	}
	created := answer(post(t, c, fmt.Sprintf(create, selection), map[string]any{"in": in}))
	id := created["id"].(string)
	for f, v := range in {
		if w, ok := want[f]; ok && change[f] == nil && created[f] != w {
			t.Errorf("create %s: %s = %v, want %v (sent %v)", typ, f, created[f], w, v)
		}
	}
	updated := answer(post(t, c, fmt.Sprintf(update, selection), map[string]any{"id": id, "in": change}))
	read := answer(post(t, c, fmt.Sprintf(`query($id: ID!) { node(id: $id) { id ... on %s { %s } } }`, typ, selection), map[string]any{"id": id}))
	for f, w := range want {
		if updated[f] != w {
			t.Errorf("update %s: %s = %v, want %v", typ, f, updated[f], w)
		}
		if read[f] != w {
			t.Errorf("read %s: %s = %v, want %v", typ, f, read[f], w)
		}
	}
	return id
}

func problems(ps []struct {
	Field, Reason string
	Params        map[string]string
}) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Join([]string{p.Field, p.Reason, p.Params["column"], p.Params["sum"], p.Params["total"]}, " "))
	}
	return out
}

// refusals: every bad value is refused with its code, the field it came in and,
// for a validator's refusal, its reason.
func refusals(t *testing.T, c *caller, dept string) {
	year := id(t, c, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2032}})
	project := id(t, c, createProject, map[string]any{"in": map[string]any{"departmentYearID": year, "name": "会务保障"}})
	other := id(t, c, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2033}})
	taken := id(t, c, createLine, map[string]any{"in": map[string]any{"departmentYearID": year, "category": "UNIT_FUNDS"}})
	must(t, c, `mutation($id: ID!) { updateFundingLine(id: $id, input: {executed: "1"}) { version } }`, map[string]any{"id": taken}, nil)
	tooMuch := "10000000000.000001"
	for _, tt := range []struct {
		name, query       string
		vars              map[string]any
		code, field, says string // says: a part of the message
		reason            string
	}{
		{"a negative 年初预算数", `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {basicInitialBudget: "-1"}) { id } }`,
			map[string]any{"id": year}, "BAD_USER_INPUT", "basicInitialBudget", "must not be negative", "NEGATIVE"},
		{"a project's 年初预算数 beyond the maximum", `mutation($id: ID!, $v: Decimal!) { updateProject(id: $id, input: {initialBudget: $v}) { id } }`,
			map[string]any{"id": project, "v": tooMuch}, "BAD_USER_INPUT", "initialBudget", "must be at most 10000000000.00, got " + tooMuch, "TOO_LARGE"},
		{"a line's executed amount negative", createLine, map[string]any{"in": map[string]any{"departmentYearID": year,
			"category": "GENERAL_PUBLIC_BUDGET", "executed": "-0.01"}}, "BAD_USER_INPUT", "executed", "must not be negative", "NEGATIVE"},
		{"a revenue nature on a project", createLine, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": project,
			"category": "GOVERNMENT_FUND_BUDGET"}}, "BAD_USER_INPUT", "category", "a project's lines are by source of funds", ""},
		{"a source of funds on a year", createLine, map[string]any{"in": map[string]any{"departmentYearID": year,
			"category": "PRIOR_YEAR_CARRYOVER"}}, "BAD_USER_INPUT", "category", "a department-year's lines are by revenue nature", ""},
		{"a project of another year", createLine, map[string]any{"in": map[string]any{"departmentYearID": other, "projectID": project,
			"category": "OTHER_FUNDS"}}, "BAD_USER_INPUT", "projectID", "belongs to department-year", ""},
		{"a category the year has", createLine, map[string]any{"in": map[string]any{"departmentYearID": year, "category": "UNIT_FUNDS"}},
			"CONFLICT", "category", "a UNIT_FUNDS line of department-year", ""},
		{"a stale version", `mutation($id: ID!) { updateFundingLine(id: $id, input: {executed: "2"}, version: 1) { id } }`,
			map[string]any{"id": taken}, "CONFLICT", "version", "", ""},
		{"a category given twice", setLines, map[string]any{"y": year, "lines": []map[string]any{{"category": "UNIT_FUNDS"}, {"category": "UNIT_FUNDS"}}},
			"BAD_USER_INPUT", "lines[1].category", "UNIT_FUNDS is given twice", ""},
		{"a line's amount negative in a set", setLines, map[string]any{"y": year, "lines": []map[string]any{
			{"category": "UNIT_FUNDS"}, {"category": "GENERAL_PUBLIC_BUDGET", "executed": "-5"}}},
			"BAD_USER_INPUT", "lines[1].executed", "lines[1].executed: must not be negative", "NEGATIVE"},
		// Every line is tried (an import reports each refusal at its cell); the API answers the first.
		{"two lines' amounts negative in a set", setLines, map[string]any{"y": year, "lines": []map[string]any{
			{"category": "UNIT_FUNDS", "adjustedBudget": "-1"}, {"category": "GENERAL_PUBLIC_BUDGET", "executed": "-5"}}},
			"BAD_USER_INPUT", "lines[0].adjustedBudget", "lines[0].adjustedBudget: must not be negative", "NEGATIVE"},
		{"a line's amount too large in a set", setLines, map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "OTHER_FUNDS", "initialBudget": tooMuch}}},
			"BAD_USER_INPUT", "lines[0].initialBudget", "must be at most 10000000000.00", "TOO_LARGE"},
		{"a category not of the owner in a set", setLines, map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "UNIT_FUNDS"}}}, "BAD_USER_INPUT", "lines[0].category", "a project's lines are by source of funds", ""},
		{"a project of another year in a set", setLines, map[string]any{"y": other, "p": project, "lines": []map[string]any{}},
			"BAD_USER_INPUT", "projectID", "belongs to department-year", ""},
		{"a 实施单位 of 201 characters", `mutation($id: ID!, $s: String!) { updateProject(id: $id, input: {implementingUnit: $s}) { id } }`,
			map[string]any{"id": project, "s": chars(201)}, "BAD_USER_INPUT", "implementingUnit", "must be at most 200 characters, got 201", "TOO_LONG"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, c, tt.query, tt.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("accepted: %s", r.Data)
			}
			e := r.Errors[0]
			if e.Extensions["code"] != tt.code || e.Extensions["field"] != tt.field || !strings.Contains(e.Message, tt.says) {
				t.Errorf("%s (%v, field %v), want %s on %s saying %q", e.Message, e.Extensions["code"], e.Extensions["field"], tt.code, tt.field, tt.says)
			}
			if tt.reason != "" && e.Extensions["reason"] != tt.reason {
				t.Errorf("reason %v, want %s", e.Extensions["reason"], tt.reason)
			}
		})
	}
	// Nothing refused was written: the year still has its one line.
	var lines struct {
		Node struct{ FundingLines []struct{ Category string } }
	}
	must(t, c, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { fundingLines { category } } } }`, map[string]any{"id": year}, &lines)
	if len(lines.Node.FundingLines) != 1 {
		t.Errorf("after the refusals the year holds %+v", lines.Node.FundingLines)
	}
}

// submission: lines that do not add up to the total row refuse the submission with
// a problem per column; under review the year's lines are locked to the editor, a
// project's lines only with the project's own evaluation.
func submission(t *testing.T, admin, editor *caller, dept string) {
	year := id(t, editor, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2034,
		"personnelBudget": "100", "personnelActual": "90", "basicInitialBudget": "95"}})
	editor.mustSet(t, year, nil, []map[string]any{{"category": "GENERAL_PUBLIC_BUDGET", "initialBudget": "95", "adjustedBudget": "100", "executed": "80"}})
	id(t, editor, createIndicator, met(year, "", "100"))
	ev := id(t, editor, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year}})
	r := post(t, editor, submitQuery, map[string]any{"id": ev})
	var got []string
	for _, e := range r.Errors {
		if e.Extensions["reason"] == "FUNDING_SUM_MISMATCH" {
			params, _ := json.Marshal(e.Extensions["params"])
			got = append(got, fmt.Sprint(e.Extensions["code"], " ", e.Extensions["field"], " ", string(params)))
		}
	}
	if want := []string{`SUBMIT_CHECK fundingLines {"column":"executed","sum":"80.00","total":"90.00"}`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("submitting with lines that do not add up: %v, want %v (%+v)", got, want, r.Errors)
	}
	editor.mustSet(t, year, nil, []map[string]any{{"category": "GENERAL_PUBLIC_BUDGET", "initialBudget": "95", "adjustedBudget": "100", "executed": "90"}})
	must(t, editor, submitQuery, map[string]any{"id": ev}, nil)

	project := id(t, admin, createProject, map[string]any{"in": map[string]any{"departmentYearID": year, "name": "未评价项目", "budget": "5"}})
	for _, tt := range []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"the year's revenue", setLines, map[string]any{"y": year, "lines": []map[string]any{}}, "LOCKED"},
		{"a revenue line", createLine, map[string]any{"in": map[string]any{"departmentYearID": year, "category": "UNIT_FUNDS"}}, "LOCKED"},
		{"the year's 年初预算数", `mutation($id: ID!) { updateDepartmentYear(id: $id, input: {projectInitialBudget: "1"}) { id } }`, map[string]any{"id": year}, "LOCKED"},
		{"a project without an evaluation of its own", setLines, map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "CURRENT_APPROPRIATION", "adjustedBudget": "5"}}}, ""},
	} {
		r := post(t, editor, tt.query, tt.vars)
		if got := ""; len(r.Errors) > 0 {
			got, _ = r.Errors[0].Extensions["code"].(string)
			if got != tt.want {
				t.Errorf("editor changes %s under review: %s, want %q", tt.name, r.Errors[0].Message, tt.want)
			}
		} else if tt.want != "" {
			t.Errorf("editor changes %s under review: allowed, want %s", tt.name, tt.want)
		}
	}
	// The administrator may (a correction the finance bureau makes); the trail says who.
	admin.mustSet(t, year, nil, []map[string]any{{"category": "GENERAL_PUBLIC_BUDGET", "initialBudget": "95", "adjustedBudget": "100", "executed": "90"},
		{"category": "UNIT_FUNDS"}})
	var trail struct {
		AuditRecords struct {
			Edges []struct {
				Node struct{ Action, ActorName string }
			}
		}
	}
	must(t, admin, `{ auditRecords(where: {entityType: "FundingLine"}, orderBy: [{field: AT, direction: DESC}], first: 1) { edges { node { action actorName } } } }`, nil, &trail)
	if e := trail.AuditRecords.Edges; len(e) != 1 || e[0].Node.Action != "CREATE" || e[0].Node.ActorName != adminName {
		t.Errorf("the administrator's new line in the trail: %+v", e)
	}
}

// mustSet sets a breakdown, which must succeed.
func (c *caller) mustSet(t *testing.T, year string, project *string, lines []map[string]any) {
	t.Helper()
	must(t, c, setLines, map[string]any{"y": year, "p": project, "lines": lines}, nil)
}

// hiddenLines: another department's year and its lines read, to the editor, as
// rows that do not exist, through every path.
func hiddenLines(t *testing.T, admin, editor *caller, district string) {
	dept := id(t, admin, createDepartment, map[string]any{"in": map[string]any{"code": "440115-097", "name": "区审计局", "parentID": district}})
	year := id(t, admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2023, "personnelBudget": "10"}})
	line := id(t, admin, createLine, map[string]any{"in": map[string]any{"departmentYearID": year, "category": "GENERAL_PUBLIC_BUDGET", "adjustedBudget": "10"}})
	for _, tt := range []struct {
		name, query string
		admin       string
	}{
		{"node", `query($id: ID!) { node(id: $id) { id } }`, `{"node":{"id":"` + line + `"}}`},
		{"the list filtered by the year", `query($y: ID!) { fundingLines(where: {hasDepartmentYearWith: {id: $y}}) { totalCount } }`, `{"fundingLines":{"totalCount":1}}`},
		{"the list filtered by the amount", `{ fundingLines(where: {adjustedBudget: "10"}) { totalCount } }`, `{"fundingLines":{"totalCount":1}}`},
		{"the year's lines", `query($y: ID!) { node(id: $y) { ... on DepartmentYear { fundingLines { id } } } }`, `{"node":{"fundingLines":[{"id":"` + line + `"}]}}`},
	} {
		vars := map[string]any{"id": line, "y": year}
		a := post(t, admin, tt.query, vars)
		if string(a.Data) != tt.admin {
			t.Errorf("%s as the administrator: %s, want %s", tt.name, a.Data, tt.admin)
		}
		// The editor's answer is the one for rows that do not exist.
		e := normalized(post(t, editor, tt.query, vars), line, year)
		gone := map[string]any{"id": missingID(line), "y": missingID(year)}
		if want := normalized(post(t, editor, tt.query, gone), missingID(line), missingID(year)); e != want {
			t.Errorf("%s as the office's editor: %s, want what a missing row gets: %s", tt.name, e, want)
		}
	}
	if r := post(t, editor, `mutation($id: ID!) { updateFundingLine(id: $id, input: {executed: "1"}) { id } }`, map[string]any{"id": line}); code(r) != "FORBIDDEN" {
		t.Errorf("the editor updates another department's line: %+v", r.Errors)
	}
}
