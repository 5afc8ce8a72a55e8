package access_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"jixiao/ent"
	"jixiao/ent/privacy"
	"jixiao/ent/schema"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/viewer"
)

// viewers of the fixture's tree (schematest.NewTree), by name.
func viewers(tr *schematest.Tree) map[string]viewer.Viewer {
	scope := func(d *ent.Department) *viewer.Scope {
		return &viewer.Scope{Root: d.ID, Prefix: schema.SubtreePrefix(d.Path, d.ID)}
	}
	return map[string]viewer.Viewer{
		"admin":        {Kind: viewer.User, ID: 1, Name: "admin", Role: viewer.Admin},
		"reviewer":     {Kind: viewer.User, ID: 2, Name: "reviewer", Role: viewer.Reviewer},
		"analyst":      {Kind: viewer.User, ID: 3, Name: "analyst", Role: viewer.Analyst},
		"editor/root":  {Kind: viewer.User, ID: 4, Name: "editor", Role: viewer.Editor, Scope: scope(tr.Root)},
		"editor/child": {Kind: viewer.User, ID: 5, Name: "editor", Role: viewer.Editor, Scope: scope(tr.Child)},
		"editor/other": {Kind: viewer.User, ID: 6, Name: "editor", Role: viewer.Editor, Scope: scope(tr.Other)},
		"token":        {Kind: viewer.Token, ID: 1, Name: "token"},
		"token/other":  {Kind: viewer.Token, ID: 2, Name: "token", Scope: scope(tr.Other)},
		"anonymous":    {},
	}
}

// labels names every row of the fixture by entity, so that a failure says which
// rows a rule showed or hid: a department-year's rows by its department's code
// ("ROOT"), a project's rows by "ROOT project", a transition by its evaluation's.
func labels(t *testing.T, c *ent.Client, tr *schematest.Tree) map[string]map[int]string {
	out := map[string]map[int]string{
		"Department": {tr.Root.ID: "ROOT", tr.Child.ID: "CHILD", tr.Other.ID: "OTHER"},
	}
	add := func(entity string, id int, name string) {
		if out[entity] == nil {
			out[entity] = map[int]string{}
		}
		out[entity][id] = name
	}
	for name, y := range map[string]schematest.Year{"ROOT": tr.RootYear, "CHILD": tr.ChildYear, "OTHER": tr.OtherYear} {
		add("DepartmentYear", y.Year.ID, name)
		add("Evaluation", y.Overall.ID, name)
		add("Indicator", y.OverallIndicator.ID, name)
		add("KeyTask", y.KeyTask.ID, name)
		add("MonthlyExecution", y.Month.ID, name)
		add("FundingLine", y.Revenue.ID, name)
		add("ReportText", y.OverallText.ID, name)
		if y.Project != nil {
			add("FundingLine", y.ProjectSource.ID, name+" project")
			add("Project", y.Project.ID, name+" project")
			add("Evaluation", y.ProjectEvaluation.ID, name+" project")
			add("Indicator", y.ProjectIndicator.ID, name+" project")
		}
	}
	ts, err := c.Transition.Query().All(access.System(context.Background(), "test"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range ts {
		add("Transition", tr.ID, out["Evaluation"][tr.EvaluationID])
	}
	return out
}

// idsOf reads the ids of every row of entity the viewer in ctx may read.
func idsOf(ctx context.Context, c *ent.Client, entity string) ([]int, error) {
	switch entity {
	case "Department":
		return c.Department.Query().IDs(ctx)
	case "DepartmentYear":
		return c.DepartmentYear.Query().IDs(ctx)
	case "Evaluation":
		return c.Evaluation.Query().IDs(ctx)
	case "Indicator":
		return c.Indicator.Query().IDs(ctx)
	case "KeyTask":
		return c.KeyTask.Query().IDs(ctx)
	case "MonthlyExecution":
		return c.MonthlyExecution.Query().IDs(ctx)
	case "FundingLine":
		return c.FundingLine.Query().IDs(ctx)
	case "Project":
		return c.Project.Query().IDs(ctx)
	case "Transition":
		return c.Transition.Query().IDs(ctx)
	case "ReportText":
		return c.ReportText.Query().IDs(ctx)
	case "User":
		return c.User.Query().IDs(ctx)
	case "APIToken":
		return c.APIToken.Query().IDs(ctx)
	case "AuditRecord":
		return c.AuditRecord.Query().IDs(ctx)
	case "Session":
		return c.Session.Query().IDs(ctx)
	}
	panic("no query for " + entity)
}

// What a read can end in besides rows.
const (
	all       = "*" // every row of the entity
	forbidden = "FORBIDDEN"
	signIn    = "UNAUTHENTICATED"
)

// outcome is what a read returned: its rows' labels, sorted, or its refusal.
func outcome(ids []int, err error, names map[int]string) []string {
	switch {
	case errors.Is(err, access.ErrUnauthenticated):
		return []string{signIn}
	case errors.Is(err, privacy.Deny):
		return []string{forbidden}
	case err != nil:
		return []string{err.Error()}
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if n, ok := names[id]; ok {
			out = append(out, n)
		} else {
			out = append(out, fmt.Sprintf("row %d", id)) // users, tokens, audit records
		}
	}
	slices.Sort(out)
	return out
}

// expected turns a rule's answer (labels, all, or a refusal) into the outcome a
// read should have: every row whose label is named.
func expected(rule []string, names map[int]string, ids []int) []string {
	if len(rule) == 1 && (rule[0] == forbidden || rule[0] == signIn) {
		return rule
	}
	every := slices.Equal(rule, []string{all})
	out := []string{}
	for _, id := range ids {
		if n, ok := names[id]; ok && (every || slices.Contains(rule, n)) {
			out = append(out, n)
		} else if !ok && every {
			out = append(out, fmt.Sprintf("row %d", id))
		}
	}
	slices.Sort(out)
	return out
}

// readRules is, for each viewer and entity, what the read rules let through.
func readRules() map[string]map[string][]string {
	everything := map[string][]string{
		"Department": {all}, "DepartmentYear": {all}, "Evaluation": {all}, "Indicator": {all},
		"KeyTask": {all}, "MonthlyExecution": {all}, "Project": {all}, "Transition": {all}, "FundingLine": {all}, "ReportText": {all},
		"User": {forbidden}, "APIToken": {forbidden}, "AuditRecord": {forbidden}, "Session": {forbidden},
	}
	with := func(base map[string][]string, changes map[string][]string) map[string][]string {
		out := map[string][]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range changes {
			out[k] = v
		}
		return out
	}
	// subtree is an editor's or a limited token's view of the departments named.
	subtree := func(depts ...string) map[string][]string {
		var projects []string
		for _, d := range depts {
			if d != "OTHER" { // OTHER has no project
				projects = append(projects, d+" project")
			}
		}
		both := append(slices.Clone(depts), projects...)
		return with(everything, map[string][]string{
			"Department": depts, "DepartmentYear": depts, "KeyTask": depts, "MonthlyExecution": depts,
			"Project": projects, "Evaluation": both, "Indicator": both, "Transition": both, "FundingLine": both,
			"ReportText": depts, // the fixture's texts are the overall evaluations'
		})
	}
	return map[string]map[string][]string{
		"admin":        with(everything, map[string][]string{"User": {all}, "APIToken": {all}, "AuditRecord": {all}}),
		"reviewer":     with(everything, map[string][]string{"AuditRecord": {all}}),
		"analyst":      everything,
		"token":        everything,
		"editor/root":  subtree("ROOT", "CHILD"),
		"editor/child": subtree("CHILD"),
		"editor/other": subtree("OTHER"),
		"token/other":  subtree("OTHER"),
		"anonymous": {
			"Department": {all}, // names and the tree are public
			// ROOT's overall evaluation and CHILD's project evaluation are published.
			"Evaluation": {"ROOT", "CHILD project"}, "DepartmentYear": {"ROOT"},
			"KeyTask": {"ROOT"}, "MonthlyExecution": {"ROOT"},
			// ROOT's project is a draft in a published year: the project shows, its
			// indicator does not; CHILD's project is published in a draft year.
			"Project":   {"ROOT project", "CHILD project"},
			"Indicator": {"ROOT", "CHILD project"},
			// Lines go with their owner: ROOT's revenue with its published year, both
			// projects' sources with their projects.
			"FundingLine": {"ROOT", "ROOT project", "CHILD project"},
			"ReportText":  {"ROOT"}, // a published evaluation's report
			"Transition":  {signIn}, "User": {signIn}, "APIToken": {signIn}, "AuditRecord": {signIn},
			"Session": {forbidden},
		},
	}
}

// TestReadRules compares, for each viewer and entity, the rows a query returns
// with the rows the read rules say the viewer may read.
func TestReadRules(t *testing.T) {
	rules := readRules()
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		names := labels(t, c, tr)
		sys := access.System(context.Background(), "test")
		for who, v := range viewers(tr) {
			for entity, rule := range rules[who] {
				t.Run(who+"/"+entity, func(t *testing.T) {
					every, err := idsOf(sys, c, entity)
					if err != nil && entity != "Session" {
						t.Fatal(err)
					}
					ids, err := idsOf(viewer.NewContext(context.Background(), v), c, entity)
					got, want := outcome(ids, err, names[entity]), expected(rule, names[entity], every)
					if !slices.Equal(got, want) {
						t.Errorf("%s reads %s: %v; the rule says %v", who, entity, got, want)
					}
				})
			}
		}
	})
}
