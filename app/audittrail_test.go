package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAuditTrailWhateverSelected runs every mutation the API offers with its smallest
// selection ({ id }, or the scalar it returns) and checks that each leaves exactly
// the records of the rows it changed: the action, the row, the actor and every
// changed field before and after, named and written as the API writes them.
func TestAuditTrailWhateverSelected(t *testing.T) { stores(t, auditTrailWhateverSelected) }

// auditEntry is one audit record as the API returns it.
type auditEntry struct {
	ID, Action, EntityType, ActorKind, ActorName string
	EntityID                                     int
	ActorID                                      *int
	Changes                                      []struct {
		Field         string
		Before, After any
	}
}

// want is an expected record; changes maps a field to its value before and after.
type want struct {
	action, entity, id string
	actor              actor
	changes            map[string][2]any
}

type actor struct{ name, id string }

// trail reads the audit records written since it last looked.
type trail struct {
	t     *testing.T
	admin *caller
	last  string
}

// after is the last record seen, null before the first look.
func (tr *trail) after() any {
	if tr.last == "" {
		return nil
	}
	return tr.last
}

func (tr *trail) since() []auditEntry {
	tr.t.Helper()
	var out struct {
		AuditRecords struct{ Edges []struct{ Node auditEntry } }
	}
	must(tr.t, tr.admin, `query($after: ID) { auditRecords(first: 500, where: {idGT: $after}) { edges { node {
		id action entityType entityID actorKind actorID actorName changes { field before after } } } } }`,
		map[string]any{"after": tr.after()}, &out)
	var rs []auditEntry
	for _, e := range out.AuditRecords.Edges {
		rs = append(rs, e.Node)
		tr.last = e.Node.ID
	}
	return rs
}

// expect checks that the records written since the last look are exactly want.
func (tr *trail) expect(step string, wants ...want) {
	tr.t.Helper()
	got := tr.since()
	key := func(entity string, id int, action string) string {
		return fmt.Sprintf("%s/%09d/%s", entity, id, action)
	}
	slices.SortFunc(got, func(a, b auditEntry) int {
		return strings.Compare(key(a.EntityType, a.EntityID, a.Action), key(b.EntityType, b.EntityID, b.Action))
	})
	slices.SortFunc(wants, func(a, b want) int {
		return strings.Compare(key(a.entity, atoi(tr.t, a.id), a.action), key(b.entity, atoi(tr.t, b.id), b.action))
	})
	if len(got) != len(wants) {
		tr.t.Errorf("%s: %d audit records, want %d: %s", step, len(got), len(wants), jsonText(got))
		return
	}
	for i, w := range wants {
		g := got[i]
		actorID := ""
		if g.ActorID != nil {
			actorID = fmt.Sprint(*g.ActorID)
		}
		if g.Action != w.action || g.EntityType != w.entity || g.EntityID != atoi(tr.t, w.id) ||
			g.ActorKind != "USER" || g.ActorName != w.actor.name || actorID != w.actor.id {
			tr.t.Errorf("%s: record %s %s %d by %s %s (%s), want %s %s %s by %s (%s)", step, g.Action, g.EntityType, g.EntityID,
				g.ActorKind, g.ActorName, actorID, w.action, w.entity, w.id, w.actor.name, w.actor.id)
		}
		gotChanges := map[string]string{}
		for _, c := range g.Changes {
			if _, twice := gotChanges[c.Field]; twice {
				tr.t.Errorf("%s: %s named twice", step, c.Field)
			}
			gotChanges[c.Field] = jsonText(c.Before) + " → " + jsonText(c.After)
		}
		wantChanges := map[string]string{}
		for f, ba := range w.changes {
			wantChanges[f] = jsonText(ba[0]) + " → " + jsonText(ba[1])
		}
		for f, wc := range wantChanges {
			if gotChanges[f] != wc {
				tr.t.Errorf("%s: %s %s.%s = %s, want %s", step, w.action, w.entity, f, or(gotChanges[f], "(absent)"), wc)
			}
		}
		for f, gc := range gotChanges {
			if _, ok := wantChanges[f]; !ok {
				tr.t.Errorf("%s: %s %s.%s = %s, not expected", step, w.action, w.entity, f, gc)
			}
		}
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// created is every field of a new row: null before, the value after.
func created(row map[string]any) map[string][2]any {
	out := map[string][2]any{}
	for f, v := range row {
		out[f] = [2]any{nil, v}
	}
	return out
}

// deleted is every field of a deleted row: the value before, null after.
func deletedRow(row map[string]any) map[string][2]any {
	out := map[string][2]any{}
	for f, v := range row {
		out[f] = [2]any{v, nil}
	}
	return out
}

// with is row with some fields replaced.
func with(row map[string]any, changes map[string]any) map[string]any {
	out := map[string]any{}
	for f, v := range row {
		out[f] = v
	}
	for f, v := range changes {
		out[f] = v
	}
	return out
}

// times reads time fields of a node and writes them as the trail does: RFC 3339 in
// UTC, to the microsecond (what both stores keep).
func times(t *testing.T, c *caller, id, typ string, fields ...string) map[string]any {
	t.Helper()
	var out struct{ Node map[string]*string }
	must(t, c, fmt.Sprintf(`query($id: ID!) { node(id: $id) { ... on %s { %s } } }`, typ, strings.Join(fields, " ")),
		map[string]any{"id": id}, &out)
	row := map[string]any{}
	for _, f := range fields {
		row[f] = trailTime(t, out.Node[f])
	}
	return row
}

func trailTime(t *testing.T, s *string) any {
	t.Helper()
	if s == nil {
		return nil
	}
	at, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		t.Fatalf("not a time: %q", *s)
	}
	return at.Truncate(time.Microsecond).UTC().Format(time.RFC3339Nano)
}

func whoAmI(t *testing.T, c *caller) actor {
	t.Helper()
	var out struct {
		Me struct {
			Name string
			User struct{ ID string }
		}
	}
	must(t, c, `{ me { name user { id } } }`, nil, &out)
	return actor{out.Me.Name, out.Me.User.ID}
}

func auditTrailWhateverSelected(t *testing.T, db string) {
	srv := startServer(t, db)
	admin := srv.admin(t)
	tr := &trail{t: t, admin: admin}
	tr.since()
	adm := whoAmI(t, admin)
	byID := func(c *caller, q string, vars map[string]any) string { t.Helper(); return id(t, c, q, vars) }
	run := func(c *caller, q string, vars map[string]any) { t.Helper(); must(t, c, q, vars, nil) }
	const (
		updateDepartment = `mutation($id: ID!, $in: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $in) { id } }`
		updateYear       = `mutation($id: ID!, $in: UpdateDepartmentYearInput!) { updateDepartmentYear(id: $id, input: $in) { id } }`
		updateKeyTask    = `mutation($id: ID!, $in: UpdateKeyTaskInput!) { updateKeyTask(id: $id, input: $in) { id } }`
		updateProject    = `mutation($id: ID!, $in: UpdateProjectInput!) { updateProject(id: $id, input: $in) { id } }`
		updateIndicator  = `mutation($id: ID!, $in: UpdateIndicatorInput!) { updateIndicator(id: $id, input: $in) { id } }`
		updateEvaluation = `mutation($id: ID!, $in: UpdateEvaluationInput!) { updateEvaluation(id: $id, input: $in) { id } }`
		updateUser       = `mutation($id: ID!, $in: UserChangeInput!) { updateUser(id: $id, input: $in) { id } }`
		setMonths        = `mutation($id: ID!, $months: [MonthInput!]!) { setMonthlyExecution(departmentYearID: $id, months: $months) { id } }`
		setText          = `mutation($id: ID!, $section: String!, $text: String!) { setReportText(evaluationID: $id, section: $section, text: $text) { key } }`
		remove           = `mutation($id: ID!) { %s(id: $id) }`
	)

	// Departments.
	dept := byID(admin, createDepartment, map[string]any{"in": map[string]any{"code": "AT-1", "name": "审计科"}})
	deptRow := with(map[string]any{"code": "AT-1", "name": "审计科", "functions": "", "parentID": nil, "path": "/", "version": 1},
		times(t, admin, dept, "Department", "createdAt", "updatedAt"))
	tr.expect("createDepartment", want{"CREATE", "Department", dept, adm, created(deptRow)})
	run(admin, updateDepartment, map[string]any{"id": dept, "in": map[string]any{"functions": "内部审计"}})
	tr.expect("updateDepartment", want{"UPDATE", "Department", dept, adm, map[string][2]any{"functions": {"", "内部审计"}, "version": {1, 2}}})
	child := byID(admin, createDepartment, map[string]any{"in": map[string]any{"code": "AT-2", "name": "审计二科", "parentID": dept}})
	childRow := with(map[string]any{"code": "AT-2", "name": "审计二科", "functions": "", "parentID": dept, "path": "/" + dept + "/", "version": 1},
		times(t, admin, child, "Department", "createdAt", "updatedAt"))
	tr.expect("createDepartment (child)", want{"CREATE", "Department", child, adm, created(childRow)})
	run(admin, fmt.Sprintf(remove, "deleteDepartment"), map[string]any{"id": child})
	tr.expect("deleteDepartment", want{"DELETE", "Department", child, adm, deletedRow(childRow)})

	// Users: an editor of the department, who signs in (bookkeeping only: no record).
	const password = "an auditor's password"
	editorID := byID(admin, `mutation($in: NewUserInput!) { createUser(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"username": "auditor", "role": "EDITOR", "departmentID": dept, "password": password}})
	userRow := with(map[string]any{"username": "auditor", "displayName": "", "role": "EDITOR", "departmentID": dept,
		"passwordHash": "(hidden)", "disabled": false, "usernameKey": "auditor", "lastLoginAt": nil},
		times(t, admin, editorID, "User", "createdAt", "updatedAt"))
	tr.expect("createUser", want{"CREATE", "User", editorID, adm, created(userRow)})
	srv.accounts["auditor"] = password
	editor := srv.as(t, "auditor")
	ed := actor{"auditor", editorID}
	tr.expect("login")

	// A department-year with its months and key tasks.
	year := byID(admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2023,
		"personnelBudget": "42", "personnelActual": "1829.4"}})
	yearRow := with(map[string]any{"departmentID": dept, "year": 2023, "goal": "", "goalOutcome": "", "version": 1,
		"basicInitialBudget": "0.00", "projectInitialBudget": "0.00",
		"personnelBudget": "42.00", "personnelActual": "1829.40", "publicBudget": "0.00", "publicActual": "0.00",
		"projectBudget": "0.00", "projectActual": "0.00", "carryoverStart": "0.00", "carryoverEnd": "0.00",
		"threePublicBudget": "0.00", "threePublicActual": "0.00", "assetsTotal": "0.00", "assetsInUse": "0.00"},
		times(t, admin, year, "DepartmentYear", "createdAt", "updatedAt"))
	tr.expect("createDepartmentYear", want{"CREATE", "DepartmentYear", year, adm, created(yearRow)})
	run(editor, updateYear, map[string]any{"id": year, "in": map[string]any{"goal": "按期完成", "publicBudget": "0.5",
		"goalOutcome": "已完成", "basicInitialBudget": "40"}})
	tr.expect("updateDepartmentYear", want{"UPDATE", "DepartmentYear", year, ed,
		map[string][2]any{"goal": {"", "按期完成"}, "publicBudget": {"0.00", "0.50"}, "goalOutcome": {"", "已完成"},
			"basicInitialBudget": {"0.00", "40.00"}, "version": {1, 2}}})

	months := func(y string) []string {
		var out struct {
			Node struct{ Months []struct{ ID string } }
		}
		must(t, admin, `query($id: ID!) { node(id: $id) { ... on DepartmentYear { months { id } } } }`, map[string]any{"id": y}, &out)
		var ids []string
		for _, m := range out.Node.Months {
			ids = append(ids, m.ID)
		}
		return ids
	}
	run(admin, setMonths, map[string]any{"id": year, "months": []map[string]any{
		{"month": 1, "cumulativeExecuted": "0", "targetPercent": "8"}, {"month": 2, "cumulativeExecuted": "10", "targetPercent": "16"}}})
	first := months(year)
	monthRow := func(month int, executed, target string) map[string]any {
		return map[string]any{"departmentYearID": year, "month": month, "cumulativeExecuted": executed, "targetPercent": target, "version": 1}
	}
	tr.expect("setMonthlyExecution", want{"CREATE", "MonthlyExecution", first[0], adm, created(monthRow(1, "0.00", "8.00"))},
		want{"CREATE", "MonthlyExecution", first[1], adm, created(monthRow(2, "10.00", "16.00"))})
	run(admin, setMonths, map[string]any{"id": year, "months": []map[string]any{{"month": 1, "cumulativeExecuted": "12", "targetPercent": "8"}}})
	second := months(year)
	tr.expect("setMonthlyExecution (again)",
		want{"DELETE", "MonthlyExecution", first[0], adm, deletedRow(monthRow(1, "0.00", "8.00"))},
		want{"DELETE", "MonthlyExecution", first[1], adm, deletedRow(monthRow(2, "10.00", "16.00"))},
		want{"CREATE", "MonthlyExecution", second[0], adm, created(monthRow(1, "12.00", "8.00"))})

	task := byID(admin, createKeyTask, map[string]any{"in": map[string]any{"departmentYearID": year, "title": "专项审计"}})
	taskRow := map[string]any{"departmentYearID": year, "position": 0, "title": "专项审计", "content": "", "outcome": "", "version": 1}
	tr.expect("createKeyTask", want{"CREATE", "KeyTask", task, adm, created(taskRow)})
	run(admin, updateKeyTask, map[string]any{"id": task, "in": map[string]any{"outcome": "已完成", "position": 2}})
	tr.expect("updateKeyTask", want{"UPDATE", "KeyTask", task, adm,
		map[string][2]any{"outcome": {"", "已完成"}, "position": {0, 2}, "version": {1, 2}}})
	run(admin, fmt.Sprintf(remove, "deleteKeyTask"), map[string]any{"id": task})
	tr.expect("deleteKeyTask", want{"DELETE", "KeyTask", task, adm,
		deletedRow(with(taskRow, map[string]any{"outcome": "已完成", "position": 2, "version": 2}))})

	// A project with an indicator and its evaluation, taken through the workflow.
	project := byID(admin, createProject, map[string]any{"in": map[string]any{"departmentYearID": year, "code": "P-1",
		"name": "审计项目", "budget": "100", "executed": "100"}})
	projectRow := with(map[string]any{"departmentYearID": year, "code": "P-1", "name": "审计项目", "category": "",
		"supervisingDepartment": "", "implementingUnit": "", "initialBudget": "0.00", "goalOutcome": "",
		"budget": "100.00", "executed": "100.00", "goal": "", "continuesNextYear": true, "version": 1},
		times(t, admin, project, "Project", "createdAt", "updatedAt"))
	tr.expect("createProject", want{"CREATE", "Project", project, adm, created(projectRow)})
	run(admin, updateProject, map[string]any{"id": project, "in": map[string]any{"goal": "查清问题", "executed": "99.5",
		"supervisingDepartment": "区审计局", "implementingUnit": "审计一科", "initialBudget": "90", "goalOutcome": "查清了"}})
	tr.expect("updateProject", want{"UPDATE", "Project", project, adm,
		map[string][2]any{"goal": {"", "查清问题"}, "executed": {"100.00", "99.50"}, "supervisingDepartment": {"", "区审计局"},
			"implementingUnit": {"", "审计一科"}, "initialBudget": {"0.00", "90.00"}, "goalOutcome": {"", "查清了"}, "version": {1, 2}}})
	run(admin, updateProject, map[string]any{"id": project, "in": map[string]any{"executed": "100"}})
	tr.expect("updateProject (back)", want{"UPDATE", "Project", project, adm,
		map[string][2]any{"executed": {"99.50", "100.00"}, "version": {2, 3}}})

	ind := byID(admin, createIndicator, met(year, project, "90"))
	indRow := with(map[string]any{"departmentYearID": year, "projectID": project, "position": 0, "level1": "产出", "level2": "数量",
		"name": "权限测试指标", "kind": "QUANTITATIVE", "operator": "GE", "target": "1.00", "unit": "件", "weight": "90.00",
		"actual": "1.00", "binding": nil, "rating": nil, "ratedScore": nil, "deviationReason": "", "scoringCriteria": "", "libraryIndicatorID": nil, "version": 1},
		times(t, admin, ind, "Indicator", "createdAt", "updatedAt"))
	tr.expect("createIndicator", want{"CREATE", "Indicator", ind, adm, created(indRow)})
	run(editor, updateIndicator, map[string]any{"id": ind, "in": map[string]any{"deviationReason": "无偏差", "actual": "42",
		"scoringCriteria": "完成得满分"}})
	tr.expect("updateIndicator", want{"UPDATE", "Indicator", ind, ed,
		map[string][2]any{"deviationReason": {"", "无偏差"}, "actual": {"1.00", "42.00"}, "scoringCriteria": {"", "完成得满分"}, "version": {1, 2}}})

	// The library: an entry of the department, changed, proposed, returned, proposed and
	// approved; an indicator proposed; entries added to the year; an entry deleted.
	libRow := func(id string, row map[string]any) map[string]any {
		return with(row, times(t, admin, id, "LibraryIndicator", "createdAt", "updatedAt"))
	}
	entry := byID(editor, `mutation($in: CreateLibraryIndicatorInput!) { createLibraryIndicator(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"scope": "DEPARTMENT", "departmentID": dept, "level1": "产出", "level2": "数量", "name": "审计报告数", "kind": "QUANTITATIVE",
		"operator": "GE", "unit": "篇", "targetMin": "5", "tags": []string{"审计"}}})
	entryRow := libRow(entry, map[string]any{"scope": "DEPARTMENT", "departmentID": dept, "level1": "产出", "level2": "数量", "name": "审计报告数",
		"kind": "QUANTITATIVE", "operator": "GE", "unit": "篇", "scoringCriteria": "", "binding": nil, "targetMin": "5.00", "targetMax": nil,
		"weight": nil, "tags": []any{"审计"}, "status": "DRAFT", "reviewComment": "", "version": 1})
	tr.expect("createLibraryIndicator", want{"CREATE", "LibraryIndicator", entry, ed, created(entryRow)})
	run(editor, `mutation($id: ID!, $in: UpdateLibraryIndicatorInput!) { updateLibraryIndicator(id: $id, input: $in) { id } }`,
		map[string]any{"id": entry, "in": map[string]any{"targetMax": "8", "tags": []string{"审计", "监督"}}})
	tr.expect("updateLibraryIndicator", want{"UPDATE", "LibraryIndicator", entry, ed,
		map[string][2]any{"targetMax": {nil, "8.00"}, "tags": {[]any{"审计"}, []any{"审计", "监督"}}, "version": {1, 2}}})
	libStep := func(c *caller, q string) { t.Helper(); run(c, q, map[string]any{"id": entry}) }
	libStep(editor, `mutation($id: ID!) { proposeLibraryIndicator(id: $id) { id } }`)
	tr.expect("proposeLibraryIndicator", want{"UPDATE", "LibraryIndicator", entry, ed, map[string][2]any{"status": {"DRAFT", "PROPOSED"}, "version": {2, 3}}})
	libStep(admin, `mutation($id: ID!) { returnLibraryIndicator(id: $id, comment: "请补充") { id } }`)
	tr.expect("returnLibraryIndicator", want{"UPDATE", "LibraryIndicator", entry, adm,
		map[string][2]any{"status": {"PROPOSED", "RETURNED"}, "reviewComment": {"", "请补充"}, "version": {3, 4}}})
	libStep(editor, `mutation($id: ID!) { proposeLibraryIndicator(id: $id) { id } }`)
	tr.expect("proposeLibraryIndicator (again)", want{"UPDATE", "LibraryIndicator", entry, ed, map[string][2]any{"status": {"RETURNED", "PROPOSED"}, "version": {4, 5}}})
	libStep(admin, `mutation($id: ID!) { approveLibraryIndicator(id: $id, comment: "同意") { id } }`)
	tr.expect("approveLibraryIndicator", want{"UPDATE", "LibraryIndicator", entry, adm,
		map[string][2]any{"status": {"PROPOSED", "APPROVED"}, "scope": {"DEPARTMENT", "COMMON"}, "reviewComment": {"请补充", "同意"}, "version": {5, 6}}})
	proposed := byID(editor, `mutation($id: ID!) { proposeIndicatorToLibrary(indicatorID: $id) { id } }`, map[string]any{"id": ind})
	proposedRow := libRow(proposed, map[string]any{"scope": "DEPARTMENT", "departmentID": dept, "level1": "产出", "level2": "数量", "name": "权限测试指标",
		"kind": "QUANTITATIVE", "operator": "GE", "unit": "件", "scoringCriteria": "完成得满分", "binding": nil, "targetMin": "1.00", "targetMax": "1.00",
		"weight": "90.00", "tags": []any{}, "status": "PROPOSED", "reviewComment": "", "version": 1})
	tr.expect("proposeIndicatorToLibrary", want{"CREATE", "LibraryIndicator", proposed, ed, created(proposedRow)})
	var fromLib struct{ AddIndicatorsFromLibrary []struct{ ID string } }
	must(t, editor, `mutation($y: ID!, $ids: [ID!]!) { addIndicatorsFromLibrary(departmentYearID: $y, libraryIDs: $ids) { id } }`,
		map[string]any{"y": year, "ids": []string{entry}}, &fromLib)
	madeID := fromLib.AddIndicatorsFromLibrary[0].ID
	madeRow := with(map[string]any{"departmentYearID": year, "projectID": nil, "position": 1, "level1": "产出", "level2": "数量",
		"name": "审计报告数", "kind": "QUANTITATIVE", "operator": "GE", "target": "5.00", "unit": "篇", "weight": "1.00",
		"actual": nil, "binding": nil, "rating": nil, "ratedScore": nil, "deviationReason": "", "scoringCriteria": "",
		"libraryIndicatorID": entry, "version": 1}, times(t, admin, madeID, "Indicator", "createdAt", "updatedAt"))
	tr.expect("addIndicatorsFromLibrary", want{"CREATE", "Indicator", madeID, ed, created(madeRow)})
	run(admin, fmt.Sprintf(remove, "deleteLibraryIndicator"), map[string]any{"id": proposed})
	tr.expect("deleteLibraryIndicator", want{"DELETE", "LibraryIndicator", proposed, adm, deletedRow(proposedRow)})

	// Funding lines: one by one, then a whole breakdown at once.
	line := byID(editor, `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"departmentYearID": year, "projectID": project, "category": "CURRENT_APPROPRIATION", "initialBudget": "90", "adjustedBudget": "100"}})
	lineRow := map[string]any{"departmentYearID": year, "projectID": project, "category": "CURRENT_APPROPRIATION",
		"initialBudget": "90.00", "adjustedBudget": "100.00", "executed": "0.00", "version": 1}
	tr.expect("createFundingLine", want{"CREATE", "FundingLine", line, ed, created(lineRow)})
	run(editor, `mutation($id: ID!, $in: UpdateFundingLineInput!) { updateFundingLine(id: $id, input: $in) { id } }`,
		map[string]any{"id": line, "in": map[string]any{"executed": "99.5"}})
	tr.expect("updateFundingLine", want{"UPDATE", "FundingLine", line, ed, map[string][2]any{"executed": {"0.00", "99.50"}, "version": {1, 2}}})
	revenue := byID(admin, `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"departmentYearID": year, "category": "UNIT_FUNDS", "executed": "3"}})
	revenueRow := map[string]any{"departmentYearID": year, "projectID": nil, "category": "UNIT_FUNDS",
		"initialBudget": "0.00", "adjustedBudget": "0.00", "executed": "3.00", "version": 1}
	tr.expect("createFundingLine (revenue)", want{"CREATE", "FundingLine", revenue, adm, created(revenueRow)})
	run(admin, fmt.Sprintf(remove, "deleteFundingLine"), map[string]any{"id": revenue})
	tr.expect("deleteFundingLine", want{"DELETE", "FundingLine", revenue, adm, deletedRow(revenueRow)})
	// The unchanged line leaves no record, the changed one an update, the new one a create.
	var set struct {
		SetFundingLines []struct{ ID, Category string }
	}
	must(t, editor, `mutation($y: ID!, $p: ID, $lines: [FundingLineInput!]!) { setFundingLines(departmentYearID: $y, projectID: $p, lines: $lines) { id category } }`,
		map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "OTHER_FUNDS", "adjustedBudget": "0.5", "executed": "0.5"},
			{"category": "CURRENT_APPROPRIATION", "initialBudget": "90", "adjustedBudget": "100", "executed": "99.5"},
		}}, &set)
	if len(set.SetFundingLines) != 2 || set.SetFundingLines[0].ID != line || set.SetFundingLines[1].Category != "OTHER_FUNDS" {
		t.Fatalf("setFundingLines answered %+v", set)
	}
	other := set.SetFundingLines[1].ID
	otherRow := map[string]any{"departmentYearID": year, "projectID": project, "category": "OTHER_FUNDS",
		"initialBudget": "0.00", "adjustedBudget": "0.50", "executed": "0.50", "version": 1}
	tr.expect("setFundingLines (unchanged and new)", want{"CREATE", "FundingLine", other, ed, created(otherRow)})
	run(editor, `mutation($y: ID!, $p: ID, $lines: [FundingLineInput!]!) { setFundingLines(departmentYearID: $y, projectID: $p, lines: $lines) { id } }`,
		map[string]any{"y": year, "p": project, "lines": []map[string]any{
			{"category": "CURRENT_APPROPRIATION", "initialBudget": "90", "adjustedBudget": "100", "executed": "100"},
		}})
	tr.expect("setFundingLines (changed and left out)",
		want{"UPDATE", "FundingLine", line, ed, map[string][2]any{"executed": {"99.50", "100.00"}, "version": {2, 3}}},
		want{"DELETE", "FundingLine", other, ed, deletedRow(otherRow)})

	ev := byID(admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": project}})
	evRow := with(map[string]any{"departmentYearID": year, "projectID": project, "status": "DRAFT", "conclusion": "",
		"problems": "", "improvements": "", "executionExplanation": "", "reviewComment": "", "submittedAt": nil, "ruleSetID": nil, "version": 1},
		times(t, admin, ev, "Evaluation", "createdAt", "updatedAt"))
	tr.expect("createEvaluation", want{"CREATE", "Evaluation", ev, adm, created(evRow)})
	run(editor, updateEvaluation, map[string]any{"id": ev, "in": map[string]any{"conclusion": "完成较好"}})
	tr.expect("updateEvaluation", want{"UPDATE", "Evaluation", ev, ed, map[string][2]any{"conclusion": {"", "完成较好"}, "version": {1, 2}}})

	// A report text: written, changed, removed (the section shows its draft again).
	textID := func(evaluation, section string) string {
		t.Helper()
		var out struct {
			Node struct {
				Report struct {
					Sections []struct {
						Key  string
						Text struct{ ReportText *struct{ ID string } }
					}
				}
			}
		}
		must(t, admin, `query($id: ID!) { node(id: $id) { ... on Evaluation { report { sections { key text { reportText { id } } } } } } }`,
			map[string]any{"id": evaluation}, &out)
		for _, s := range out.Node.Report.Sections {
			if s.Key == section && s.Text.ReportText != nil {
				return s.Text.ReportText.ID
			}
		}
		t.Fatalf("no report text %s of evaluation %s", section, evaluation)
		return ""
	}
	run(editor, setText, map[string]any{"id": ev, "section": "2.2", "text": "资金按规定用途使用。"})
	text := textID(ev, "2.2")
	textRow := with(map[string]any{"evaluationID": ev, "section": "2.2", "text": "资金按规定用途使用。", "version": 1},
		times(t, admin, text, "ReportText", "createdAt", "updatedAt"))
	tr.expect("setReportText (new)", want{"CREATE", "ReportText", text, ed, created(textRow)})
	run(editor, setText, map[string]any{"id": ev, "section": "2.2", "text": "资金按规定用途使用，核算规范。"})
	tr.expect("setReportText (changed)", want{"UPDATE", "ReportText", text, ed,
		map[string][2]any{"text": {"资金按规定用途使用。", "资金按规定用途使用，核算规范。"}, "version": {1, 2}}})
	textRow = with(textRow, with(map[string]any{"text": "资金按规定用途使用，核算规范。", "version": 2}, times(t, admin, text, "ReportText", "updatedAt")))
	run(editor, setText, map[string]any{"id": ev, "section": "2.2", "text": ""})
	tr.expect("setReportText (removed)", want{"DELETE", "ReportText", text, ed, deletedRow(textRow)})
	// importEvaluationForm: a dry run leaves nothing; applied, each row it changes
	// is recorded as the row's own mutation records it: the indicator's, the
	// project's (年初预算数, 实施单位) and its funding line's as setFundingLines'.
	form := openWorkbook(t, formOf(t, editor, ev))
	at := form.row("M", ind)
	form.set(fmt.Sprintf("H%d", at), 43)
	form.set(fmt.Sprintf("K%d", at), "超额完成")
	form.set(fmt.Sprintf("L%d", at), "完成即得满分")
	form.set(fmt.Sprintf("I%d", form.row("A", "主管部门")), "审计二科")
	form.set(fmt.Sprintf("E%d", form.row("B", "年度资金总额")), 95)
	form.set(fmt.Sprintf("E%d", form.row("C", "当年财政拨款")), 95)
	importAs(t, editor, ev, form.bytes(), true)
	tr.expect("importEvaluationForm (dry run)")
	importAs(t, editor, ev, form.bytes(), false)
	tr.expect("importEvaluationForm",
		want{"UPDATE", "Indicator", ind, ed, map[string][2]any{"actual": {"42.00", "43.00"}, "deviationReason": {"无偏差", "超额完成"},
			"scoringCriteria": {"完成得满分", "完成即得满分"}, "version": {2, 3}}},
		want{"UPDATE", "Project", project, ed, map[string][2]any{"initialBudget": {"90.00", "95.00"}, "implementingUnit": {"审计一科", "审计二科"},
			"version": {3, 4}}},
		want{"UPDATE", "FundingLine", line, ed, map[string][2]any{"initialBudget": {"90.00", "95.00"}, "version": {3, 4}}})

	// A rule set for the department's subtree: the evaluation keeps the version
	// that governs when it is submitted, and lets go of it when returned. The
	// values it rescores are not changes of their own: no record.
	rs := byID(admin, createRuleSet, map[string]any{"in": map[string]any{"year": 2023, "regionID": dept, "name": "审计科规则",
		"sources": "财预〔2020〕10号"}})
	rsRow := with(map[string]any{"year": 2023, "regionID": dept, "version": 1, "name": "审计科规则", "sources": "财预〔2020〕10号",
		"reverseRule": "LINEAR", "equalLikeAtLeast": true, "deviationBelow": "100.00", "deviationAtOrAbove": "130.00",
		"executionExplanationBelow": "90.00", "executionWeight": "10.00", "outputWeight": "50.00", "benefitWeight": "30.00",
		"satisfactionWeight": "10.00", "checkWeightSplit": false, "excellentFrom": "90.00", "goodFrom": "80.00", "fairFrom": "60.00",
		"achievedFrom": "80.00", "partialFrom": "60.00", "createdByID": adm.id, "createdByName": adm.name},
		times(t, admin, rs, "RuleSet", "createdAt"))
	tr.expect("createRuleSet", want{"CREATE", "RuleSet", rs, adm, created(rsRow)})

	step := func(q string) { t.Helper(); run(admin, q, map[string]any{"id": ev}) }
	step(`mutation($id: ID!) { submitEvaluation(id: $id) { id } }`)
	submitted := times(t, admin, ev, "Evaluation", "submittedAt")["submittedAt"]
	tr.expect("submitEvaluation", want{"UPDATE", "Evaluation", ev, adm,
		map[string][2]any{"status": {"DRAFT", "SUBMITTED"}, "submittedAt": {nil, submitted}, "ruleSetID": {nil, rs}, "version": {2, 3}}})
	step(`mutation($id: ID!) { returnEvaluation(id: $id, comment: "请补充说明") { id } }`)
	tr.expect("returnEvaluation", want{"UPDATE", "Evaluation", ev, adm,
		map[string][2]any{"status": {"SUBMITTED", "RETURNED"}, "reviewComment": {"", "请补充说明"}, "ruleSetID": {rs, nil}, "version": {3, 4}}})
	rs2 := byID(admin, updateRuleSet, map[string]any{"id": rs, "in": map[string]any{"name": "审计科规则（修订）", "reverseRule": "RATIO"}})
	tr.expect("updateRuleSet", want{"CREATE", "RuleSet", rs2, adm, created(with(rsRow, with(map[string]any{"version": 2,
		"name": "审计科规则（修订）", "reverseRule": "RATIO"}, times(t, admin, rs2, "RuleSet", "createdAt"))))})
	step(`mutation($id: ID!) { submitEvaluation(id: $id) { id } }`)
	resubmitted := times(t, admin, ev, "Evaluation", "submittedAt")["submittedAt"]
	tr.expect("submitEvaluation (again)", want{"UPDATE", "Evaluation", ev, adm,
		map[string][2]any{"status": {"RETURNED", "SUBMITTED"}, "submittedAt": {submitted, resubmitted}, "ruleSetID": {nil, rs2}, "version": {4, 5}}})
	step(`mutation($id: ID!) { approveEvaluation(id: $id) { id } }`)
	tr.expect("approveEvaluation", want{"UPDATE", "Evaluation", ev, adm, map[string][2]any{"status": {"SUBMITTED", "APPROVED"}, "version": {5, 6}}})
	step(`mutation($id: ID!) { publishEvaluation(id: $id) { id } }`)
	tr.expect("publishEvaluation", want{"UPDATE", "Evaluation", ev, adm, map[string][2]any{"status": {"APPROVED", "PUBLISHED"}, "version": {6, 7}}})
	// The conclusion section is the evaluation's own field.
	run(admin, setText, map[string]any{"id": ev, "section": "3.1", "text": "完成较好，已公开。"})
	tr.expect("setReportText (conclusion)", want{"UPDATE", "Evaluation", ev, adm,
		map[string][2]any{"conclusion": {"完成较好", "完成较好，已公开。"}, "version": {7, 8}}})

	// Deletes keep the whole row: an evaluation, an indicator, a project, a
	// department-year with the months and key tasks that go with it.
	p2 := byID(admin, createProject, map[string]any{"in": map[string]any{"departmentYearID": year, "name": "二号项目"}})
	p2Row := with(map[string]any{"departmentYearID": year, "code": "", "name": "二号项目", "category": "",
		"supervisingDepartment": "", "implementingUnit": "", "initialBudget": "0.00", "goalOutcome": "",
		"budget": "0.00", "executed": "0.00", "goal": "", "continuesNextYear": true, "version": 1}, times(t, admin, p2, "Project", "createdAt", "updatedAt"))
	ev2 := byID(admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": p2}})
	ev2Row := with(evRow, with(map[string]any{"projectID": p2}, times(t, admin, ev2, "Evaluation", "createdAt", "updatedAt")))
	ind2 := byID(admin, createIndicator, map[string]any{"in": map[string]any{"departmentYearID": year, "projectID": p2,
		"level1": "效益", "level2": "满意度", "name": "满意度", "kind": "QUALITATIVE", "weight": "10", "rating": "ACHIEVED", "ratedScore": "9"}})
	ind2Row := with(map[string]any{"departmentYearID": year, "projectID": p2, "position": 0, "level1": "效益", "level2": "满意度",
		"name": "满意度", "kind": "QUALITATIVE", "operator": nil, "target": nil, "unit": "", "weight": "10.00",
		"actual": nil, "binding": nil, "rating": "ACHIEVED", "ratedScore": "9.00", "deviationReason": "", "scoringCriteria": "", "libraryIndicatorID": nil, "version": 1},
		times(t, admin, ind2, "Indicator", "createdAt", "updatedAt"))
	tr.expect("creates for the deletes", want{"CREATE", "Project", p2, adm, created(p2Row)},
		want{"CREATE", "Evaluation", ev2, adm, created(ev2Row)}, want{"CREATE", "Indicator", ind2, adm, created(ind2Row)})
	run(admin, setText, map[string]any{"id": ev2, "section": "1.1", "text": "二号项目概况。"})
	text2 := textID(ev2, "1.1")
	text2Row := with(map[string]any{"evaluationID": ev2, "section": "1.1", "text": "二号项目概况。", "version": 1},
		times(t, admin, text2, "ReportText", "createdAt", "updatedAt"))
	tr.expect("setReportText (for the delete)", want{"CREATE", "ReportText", text2, adm, created(text2Row)})
	run(admin, fmt.Sprintf(remove, "deleteEvaluation"), map[string]any{"id": ev2})
	tr.expect("deleteEvaluation", want{"DELETE", "Evaluation", ev2, adm, deletedRow(ev2Row)},
		want{"DELETE", "ReportText", text2, adm, deletedRow(text2Row)})
	run(editor, fmt.Sprintf(remove, "deleteIndicator"), map[string]any{"id": ind2})
	tr.expect("deleteIndicator", want{"DELETE", "Indicator", ind2, ed, deletedRow(ind2Row)})
	p2Line := byID(admin, `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"departmentYearID": year, "projectID": p2, "category": "PRIOR_YEAR_CARRYOVER"}})
	p2LineRow := map[string]any{"departmentYearID": year, "projectID": p2, "category": "PRIOR_YEAR_CARRYOVER",
		"initialBudget": "0.00", "adjustedBudget": "0.00", "executed": "0.00", "version": 1}
	tr.expect("createFundingLine (of the project to delete)", want{"CREATE", "FundingLine", p2Line, adm, created(p2LineRow)})
	run(admin, fmt.Sprintf(remove, "deleteProject"), map[string]any{"id": p2})
	tr.expect("deleteProject", want{"DELETE", "Project", p2, adm, deletedRow(p2Row)},
		want{"DELETE", "FundingLine", p2Line, adm, deletedRow(p2LineRow)})

	y2 := byID(admin, createYear, map[string]any{"in": map[string]any{"departmentID": dept, "year": 2024}})
	y2Row := with(yearRow, with(map[string]any{"year": 2024, "personnelBudget": "0.00", "personnelActual": "0.00"},
		times(t, admin, y2, "DepartmentYear", "createdAt", "updatedAt")))
	run(admin, setMonths, map[string]any{"id": y2, "months": []map[string]any{{"month": 3, "cumulativeExecuted": "0", "targetPercent": "0"}}})
	m2 := months(y2)[0]
	m2Row := map[string]any{"departmentYearID": y2, "month": 3, "cumulativeExecuted": "0.00", "targetPercent": "0.00", "version": 1}
	t2 := byID(admin, createKeyTask, map[string]any{"in": map[string]any{"departmentYearID": y2, "title": "下年任务"}})
	t2Row := with(taskRow, map[string]any{"departmentYearID": y2, "title": "下年任务"})
	l2 := byID(admin, `mutation($in: CreateFundingLineInput!) { createFundingLine(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"departmentYearID": y2, "category": "GENERAL_PUBLIC_BUDGET", "initialBudget": "1"}})
	l2Row := map[string]any{"departmentYearID": y2, "projectID": nil, "category": "GENERAL_PUBLIC_BUDGET",
		"initialBudget": "1.00", "adjustedBudget": "0.00", "executed": "0.00", "version": 1}
	tr.expect("creates for deleteDepartmentYear", want{"CREATE", "DepartmentYear", y2, adm, created(y2Row)},
		want{"CREATE", "MonthlyExecution", m2, adm, created(m2Row)}, want{"CREATE", "KeyTask", t2, adm, created(t2Row)},
		want{"CREATE", "FundingLine", l2, adm, created(l2Row)})
	run(admin, fmt.Sprintf(remove, "deleteDepartmentYear"), map[string]any{"id": y2})
	tr.expect("deleteDepartmentYear", want{"DELETE", "DepartmentYear", y2, adm, deletedRow(y2Row)},
		want{"DELETE", "MonthlyExecution", m2, adm, deletedRow(m2Row)}, want{"DELETE", "KeyTask", t2, adm, deletedRow(t2Row)},
		want{"DELETE", "FundingLine", l2, adm, deletedRow(l2Row)})

	// A year started from the last: each row it makes is recorded as its own create,
	// the year whole; the indicators without the actual values they had.
	var started struct {
		StartYearFromLast struct{ DepartmentYear struct{ ID string } }
	}
	must(t, admin, `mutation($d: ID!) { startYearFromLast(departmentID: $d, year: 2024) { departmentYear { id } } }`, map[string]any{"d": dept}, &started)
	y3 := started.StartYearFromLast.DepartmentYear.ID
	y3Row := with(yearRow, with(map[string]any{"year": 2024, "goal": "按期完成", "personnelBudget": "0.00", "personnelActual": "0.00"},
		times(t, admin, y3, "DepartmentYear", "createdAt", "updatedAt")))
	made := map[string]int{}
	for _, r := range tr.since() {
		made[r.Action+" "+r.EntityType]++
		fields := map[string]any{}
		for _, c := range r.Changes {
			if c.Before != nil {
				t.Errorf("startYearFromLast: %s %s.%s had a value before: %v", r.Action, r.EntityType, c.Field, c.Before)
			}
			fields[c.Field] = c.After
		}
		switch {
		case r.ActorName != adm.name:
			t.Errorf("startYearFromLast: %s %s by %s", r.Action, r.EntityType, r.ActorName)
		case r.EntityType == "DepartmentYear" && jsonText(fields) != jsonText(y3Row):
			t.Errorf("startYearFromLast: the year recorded as %s, want %s", jsonText(fields), jsonText(y3Row))
		case r.EntityType == "Indicator" && (fields["actual"] != nil || fields["deviationReason"] != "" || fields["departmentYearID"] != y3):
			t.Errorf("startYearFromLast: an indicator recorded as %s", jsonText(fields))
		}
	}
	// The 2023 overall indicator made from the library and project P-1 with its indicator
	// and evaluation; the overall evaluation; the key task was deleted above.
	if want := map[string]int{"CREATE DepartmentYear": 1, "CREATE Indicator": 2, "CREATE Project": 1, "CREATE Evaluation": 2}; !maps.Equal(made, want) {
		t.Errorf("startYearFromLast recorded %v, want %v", made, want)
	}

	// Role, department and password changes; signing out changes no audited row.
	run(admin, updateUser, map[string]any{"id": editorID, "in": map[string]any{"role": "REVIEWER", "clearDepartment": true}})
	tr.expect("updateUser (role)", want{"UPDATE", "User", editorID, adm,
		map[string][2]any{"role": {"EDITOR", "REVIEWER"}, "departmentID": {dept, nil}}})
	run(admin, updateUser, map[string]any{"id": editorID, "in": map[string]any{"password": "another long password"}})
	tr.expect("updateUser (password)", want{"UPDATE", "User", editorID, adm, map[string][2]any{"passwordHash": {"(hidden)", "(hidden)"}}})
	run(editor, `mutation { logout }`, nil)
	tr.expect("logout")

	// API tokens: created (the secret never in the trail), then revoked.
	var tok struct{ CreateAPIToken struct{ Token string } }
	must(t, admin, `mutation { createAPIToken(name: "审计接口") { token } }`, nil, &tok)
	var tokens struct {
		ApiTokens struct {
			Edges []struct {
				Node struct{ ID, Prefix, CreatedAt string }
			}
		}
	}
	must(t, admin, `{ apiTokens(where: {name: "审计接口"}) { edges { node { id prefix createdAt } } } }`, nil, &tokens)
	if len(tokens.ApiTokens.Edges) != 1 || !strings.HasPrefix(tok.CreateAPIToken.Token, tokens.ApiTokens.Edges[0].Node.Prefix) {
		t.Fatalf("the new token: %+v", tokens)
	}
	tk := tokens.ApiTokens.Edges[0].Node
	tr.expect("createAPIToken", want{"CREATE", "APIToken", tk.ID, adm, created(map[string]any{"name": "审计接口", "prefix": tk.Prefix,
		"tokenHash": "(hidden)", "departmentID": nil, "createdByID": adm.id, "createdAt": trailTime(t, &tk.CreatedAt),
		"revokedAt": nil, "lastUsedAt": nil})})
	run(admin, `mutation($id: ID!) { revokeAPIToken(id: $id) { id } }`, map[string]any{"id": tk.ID})
	revoked := times(t, admin, tk.ID, "APIToken", "revokedAt")["revokedAt"]
	tr.expect("revokeAPIToken", want{"UPDATE", "APIToken", tk.ID, adm, map[string][2]any{"revokedAt": {nil, revoked}}})

	// A refused change leaves nothing.
	if r := post(t, admin, `mutation($id: ID!) { submitEvaluation(id: $id) { id } }`, map[string]any{"id": ev}); code(r) == "" {
		t.Errorf("a published evaluation was submitted again")
	}
	tr.expect("refused submit")
}
