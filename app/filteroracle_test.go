package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// edge is one has…With field of a where input: from the rows of root, through
// field, to rows of entity target.
type edge struct {
	root, field, target string
}

// lists are the top-level lists of each entity a where input filters, with the
// universe that classifies its rows.
var lists = map[string][]string{
	"Department":     {"departments"},
	"DepartmentYear": {"departmentYears"},
	"Project":        {"projects"},
	"Indicator":      {"indicators", "indicatorRanking"},
	"Evaluation":     {"evaluations", "evaluationRanking"},
	"FundingLine":    {"fundingLines"},
}

var universeOf = map[string]string{
	"Department": "departments", "DepartmentYear": "departmentYears", "Project": "projects",
	"Indicator": "indicators", "Evaluation": "evaluations", "FundingLine": "fundingLines",
	// Reached from indicators (hasLibraryIndicatorWith); its own list is not public, so no root here.
	"LibraryIndicator": "libraryIndicators",
}

// whereEdges lists, from the generated schema, every has…With edge between the
// departments' data: every one of them must keep hidden rows hidden.
func whereEdges(t *testing.T) []edge {
	t.Helper()
	src, err := os.ReadFile("../graph/ent.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.ParseSchema(&ast.Source{Name: "ent.graphql", Input: string(src)})
	if err != nil {
		t.Fatal(err)
	}
	var out []edge
	for _, def := range doc.Definitions {
		from, ok := strings.CutSuffix(def.Name, "WhereInput")
		if !ok || lists[from] == nil {
			continue
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "has") || !strings.HasSuffix(f.Name, "With") {
				continue
			}
			to := strings.TrimSuffix(f.Type.Name(), "WhereInput")
			if universeOf[to] == "" {
				t.Fatalf("%s.%s reaches %s, which this test cannot classify", def.Name, f.Name, to)
			}
			out = append(out, edge{root: from, field: strings.TrimSuffix(f.Name, "With"), target: to})
		}
	}
	return out
}

// sees is what caller w may read of a universe.
func sees(u *universe, w who) map[string]bool {
	switch w {
	case anon:
		return u.published
	case editor, scoped:
		return u.inside
	}
	return u.all
}

// filterOracles asks, as every caller, for the rows related through each edge to
// a row that caller may not read: a hidden row must answer as a missing one does,
// with nothing. `hasX: true/false` must count only the rows the caller may read.
func (e *env) filterOracles(t *testing.T) []string {
	edges := whereEdges(t)
	if len(edges) < 12 {
		t.Fatalf("found only %d has…With edges in graph/ent.graphql", len(edges))
	}
	universes := map[string]*universe{}
	for entity, name := range universeOf {
		universes[entity] = e.universe(t, name)
	}
	var table []string
	probes, telling := 0, 0
	for _, ed := range edges {
		for _, list := range lists[ed.root] {
			name := fmt.Sprintf("%s(where: {%sWith})", list, ed.field)
			cols := make([]string, nCallers)
			for w := range nCallers {
				hidden := hiddenFrom(universes[ed.target], w)
				leaks := e.countsWith(t, e.as[w], list, ed.field, hidden)
				truths := e.countsWith(t, e.admin(), list, ed.field, hidden)
				probes += len(hidden)
				var leaked []string
				for i, y := range hidden {
					if truths[i] > 0 {
						telling++
					}
					if leaks[i] != 0 {
						leaked = append(leaked, y)
					}
				}
				cols[w] = fmt.Sprintf("%d hidden", len(hidden))
				if len(leaked) > 0 {
					cols[w] = fmt.Sprintf("LEAK %v", leaked)
					t.Errorf("%s as %s: rows related to hidden %s %v come back", name, callerNames[w], ed.target, leaked)
				}
				e.checkHas(t, w, list, ed, sees(universes[ed.target], w))
			}
			table = append(table, tableLine(name, cols))
		}
	}
	// The probes must be able to tell: the administrator finds rows for many of them.
	if telling == 0 {
		t.Fatalf("none of the %d probes matches a row even for the administrator: the test proves nothing", probes)
	}
	t.Logf("%d filter probes on hidden rows (%d of which the administrator sees match), across %d edges", probes, telling, len(edges))
	return table
}

// hiddenFrom is up to 6 rows of u that caller w may not read.
func hiddenFrom(u *universe, w who) []string {
	visible := sees(u, w)
	var out []string
	for _, id := range slices.Sorted(maps.Keys(u.all)) {
		if !visible[id] && len(out) < 6 {
			out = append(out, id)
		}
	}
	return out
}

// countsWith asks list for its rows related through field to each id, one alias an id.
func (e *env) countsWith(t *testing.T, c *caller, list, field string, ids []string) []int {
	t.Helper()
	if len(ids) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString("{")
	for i, id := range ids {
		fmt.Fprintf(&q, ` h%d: %s(first: 1, where: {%sWith: [{id: %q}]}) { totalCount }`, i, list, field, id)
	}
	q.WriteString(" }")
	r := post(t, c, q.String(), nil)
	if len(r.Errors) > 0 {
		t.Fatalf("%s(where: {%sWith}): %s", list, field, outcome(r))
	}
	var data map[string]struct{ TotalCount int }
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	out := make([]int, len(ids))
	for i := range ids {
		out[i] = data[fmt.Sprintf("h%d", i)].TotalCount
	}
	return out
}

// checkHas compares `hasX: true` and `hasX: false` with the same filter written out
// over the rows the caller may read: they must select the same rows.
func (e *env) checkHas(t *testing.T, w who, list string, ed edge, visible map[string]bool) {
	t.Helper()
	ids, _ := json.Marshal(slices.Sorted(maps.Keys(visible)))
	rows := func(where string) []string {
		r := post(t, e.as[w], fmt.Sprintf(`{ l: %s(first: 1000, where: %s) { edges { node { id } } } }`, list, where), nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s as %s, where %s: %s", list, callerNames[w], where, outcome(r))
		}
		var data struct {
			L struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range data.L.Edges {
			out = append(out, e.Node.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, has := range []bool{true, false} {
		got := rows(fmt.Sprintf(`{%s: %v}`, ed.field, has))
		spelled := fmt.Sprintf(`{%sWith: [{idIn: %s}]}`, ed.field, ids)
		if !has {
			spelled = `{not: ` + spelled + `}`
		}
		if want := rows(spelled); !slices.Equal(got, want) {
			t.Errorf("%s(where: {%s: %v}) as %s: got %v, want the rows related to what the caller reads: %v", list, ed.field, has, callerNames[w], got, want)
		}
	}
}

// The leak the issue reproduced: signed out, a department's unpublished figures
// read one yes/no at a time; draft text read the same way.
func (e *env) issueOracles(t *testing.T) {
	for _, q := range []string{
		`{ departments(where: {code: "` + outsideCode + `", hasYearsWith: {year: 2023, personnelBudgetGT: "99.99"}}) { totalCount } }`,
		`{ departments(where: {code: "` + outsideCode + `", hasYearsWith: {year: 2023, personnelBudgetGT: "100"}}) { totalCount } }`,
		`{ departments(where: {code: "` + outsideCode + `", hasYearsWith: {hasEvaluationsWith: {status: DRAFT}}}) { totalCount } }`,
		`{ departments(where: {code: "` + outsideCode + `", hasYears: true}) { totalCount } }`,
	} {
		var out struct{ Departments struct{ TotalCount int } }
		must(t, e.as[anon], q, nil, &out)
		if out.Departments.TotalCount != 0 {
			t.Errorf("signed out, %s answers %d: an unpublished year is read through the filter", q, out.Departments.TotalCount)
		}
		must(t, e.admin(), q, nil, &out)
		if strings.Contains(q, `"100"`) != (out.Departments.TotalCount == 0) {
			t.Errorf("as the administrator, %s answers %d", q, out.Departments.TotalCount)
		}
	}
}
