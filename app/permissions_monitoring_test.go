package app

import "testing"

// The permission matrix's rows for mid-year monitoring: a monitoring report is
// its year's data (read like the year, but never by the public: it is the
// administration's working document); the department starts, fills and submits
// it, the finance bureau (administrators, reviewers) approves or returns it.

const (
	createMonitoringQ = `mutation($y: ID!, $at: String!) { createMonitoringReport(departmentYearID: $y, point: $at) { id } }`
	setEntryQ         = `mutation($r: ID!, $i: ID!) { setMonitoringEntry(reportID: $r, indicatorID: $i, input: {valueToDate: "1"}) { id } }`
	submitMonitoringQ = `mutation($id: ID!) { submitMonitoringReport(id: $id) { id } }`
	approveMonQ       = `mutation($id: ID!) { approveMonitoringReport(id: $id, comment: "同意") { id } }`
	returnMonQ        = `mutation($id: ID!) { returnMonitoringReport(id: $id, comment: "请补充") { id } }`
)

// freshMonitoring is a report at 30 June of a new department's 2023 year with
// one indicator, its value reported (so that it may be submitted), in the step's
// status: "" a draft, "submitted".
func (e *env) freshMonitoring(s side, step string) (report, indicator string) {
	year := e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": e.freshDepartment(s), "year": 2023}})
	indicator = e.mk(createIndicator, met(year, "", "100"))
	report = e.mk(createMonitoringQ, map[string]any{"y": year, "at": "2023-06-30"})
	e.mk(setEntryQ, map[string]any{"r": report, "i": indicator})
	if step == "submitted" {
		e.mk(submitMonitoringQ, map[string]any{"id": report})
	}
	return report, indicator
}

// monitoringSetUp starts a draft report in a fresh year of each side.
func (e *env) monitoringSetUp() {
	for _, s := range []side{inside, outside} {
		e.monitoring[s], _ = e.freshMonitoring(s, "")
	}
}

func monitoringReads() []row {
	return []row{
		{"monitoringReports", listOp("monitoringReports", "monitoringReports"), cells{anon: none, admin: all, reviewer: all, editor: insideOnly, analyst: all, token: all, scoped: insideOnly}},
		{"node inside monitoring report", nodeOp(func(e *env) string { return e.monitoring[inside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: seen, analyst: seen, token: seen, scoped: seen}},
		{"node outside monitoring report", nodeOp(func(e *env) string { return e.monitoring[outside] }), cells{anon: hidden, admin: seen, reviewer: seen, editor: hidden, analyst: seen, token: seen, scoped: hidden}},
	}
}

func monitoringMutations() []row {
	data := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: allow, analyst: forbidden, token: forbidden, scoped: forbidden}
	dataOutside := cells{anon: unauth, admin: allow, reviewer: forbidden, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	bureau := cells{anon: unauth, admin: allow, reviewer: allow, editor: forbidden, analyst: forbidden, token: forbidden, scoped: forbidden}
	create := func(s side) operation {
		return operation{query: createMonitoringQ, vars: func(e *env) map[string]any {
			year := e.mk(createYear, map[string]any{"in": map[string]any{"departmentID": e.freshDepartment(s), "year": 2023}})
			return map[string]any{"y": year, "at": "2023-06-30"}
		}}
	}
	set := func(s side) operation {
		return operation{query: setEntryQ, vars: func(e *env) map[string]any {
			r, i := e.freshMonitoring(s, "")
			return map[string]any{"r": r, "i": i}
		}}
	}
	step := func(query string, s side, status string) operation {
		return operation{query: query, vars: idVars(func(e *env) string { r, _ := e.freshMonitoring(s, status); return r })}
	}
	return []row{
		{"createMonitoringReport inside", create(inside), data},
		{"createMonitoringReport outside", create(outside), dataOutside},
		{"setMonitoringEntry inside", set(inside), data},
		{"setMonitoringEntry outside", set(outside), dataOutside},
		{"submitMonitoringReport inside", step(submitMonitoringQ, inside, ""), data},
		{"submitMonitoringReport outside", step(submitMonitoringQ, outside, ""), dataOutside},
		{"approveMonitoringReport inside", step(approveMonQ, inside, "submitted"), bureau},
		{"approveMonitoringReport outside", step(approveMonQ, outside, "submitted"), bureau},
		{"returnMonitoringReport inside", step(returnMonQ, inside, "submitted"), bureau},
		{"returnMonitoringReport outside", step(returnMonQ, outside, "submitted"), bureau},
	}
}

// monitoringUniverse sorts every monitoring report: inside with its year; none is public.
func (e *env) monitoringUniverse(t *testing.T, yearInside func(string) bool, add func(id string, in, pub bool)) {
	var out struct {
		MonitoringReports struct {
			Edges []struct {
				Node struct {
					ID             string
					DepartmentYear struct{ ID string }
				}
			}
		}
	}
	must(t, e.admin(), `{ monitoringReports(first: 1000) { edges { node { id departmentYear { id } } } } }`, nil, &out)
	for _, edge := range out.MonitoringReports.Edges {
		add(edge.Node.ID, yearInside(edge.Node.DepartmentYear.ID), false)
	}
}
