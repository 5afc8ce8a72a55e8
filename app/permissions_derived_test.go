package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// The matrix's rows for the read paths that do not list rows one by one: the
// aggregates, year on year and /export. Each must cover exactly the rows the same
// caller's listing covers, so each is classified against the same universe: an
// export by the ids in its file, an aggregate by its groups' counts per
// department and year, compared with the counts of each candidate set of rows.

// aggregateOp groups rows by department and year (`field` is an aggregate of rows).
func aggregateOp(field, rows string) operation {
	return operation{rows: rows, shape: grouped,
		query: fmt.Sprintf(`{ %s(groupBy: [DEPARTMENT, YEAR], first: 1000) { totalGroups groups { key { year department { code } } count } } }`, field)}
}

// yearOnYearOp compares 2023 with 2022 per department; every row of the fixture is 2023's.
func yearOnYearOp(field, rows, measure string) operation {
	return operation{rows: rows, shape: yearOnYear,
		query: fmt.Sprintf(`{ %s(year: 2023, against: 2022, groupBy: [DEPARTMENT], measure: %s, first: 1000) { groups { key { department { code } } current { count } previous { count } } } }`, field, measure)}
}

// exportOp exports every row of a connection as CSV, one column: the id.
func exportOp(field, rows string) operation {
	return operation{rows: rows, shape: exported,
		query: fmt.Sprintf(`{ %s { edges { node { id } } } }`, field)}
}

// shape is how a read row's answer is read back into rows.
type shape int

const (
	listedRows shape = iota // a connection's edges: listed
	grouped                 // an aggregate's groups: counts per department and year
	yearOnYear              // a year-on-year: counts per department in each year
	exported                // a /export CSV: the ids in its rows
	downloaded              // a document under /files/: read like node(id:), SEEN or HIDDEN
	uploaded                // a mutation with a file (vars["file"], the bytes), sent as multipart
)

// fileOp downloads the form.xlsx of the evaluation f names.
func fileOp(document string, f func(e *env) string) operation {
	return operation{shape: downloaded, query: document, vars: idVars(f), missing: idVars(func(e *env) string { return missingID(f(e)) })}
}

// importOp imports, as a dry run, the unchanged form of the evaluation f names,
// downloaded by the administrator.
func importOp(f func(e *env) string) operation {
	return operation{shape: uploaded, query: uploadQuery, vars: func(e *env) map[string]any {
		id := f(e)
		return map[string]any{"id": id, "dry": true, "file": formOf(e.t, e.admin(), id)}
	}}
}

// send runs op as c: through /query, or /export for an export row, whose file
// comes back as the connection answer listed reads; a document's download as
// node(id:) answers, its object or the error that a missing id gets.
func (op operation) send(t *testing.T, c *caller, vars map[string]any) gqlResponse {
	t.Helper()
	switch op.shape {
	case downloaded:
		path := "/files/evaluations/" + vars["id"].(string) + "/" + op.query
		if strings.HasPrefix(op.query, "/") { // a path the id ends (an attachment's)
			path = op.query + vars["id"].(string)
		}
		resp, body := download(t, c, path)
		var r gqlResponse
		if resp.StatusCode == http.StatusOK {
			r.Data, _ = json.Marshal(map[string]any{"node": map[string]any{"id": vars["id"]}})
		} else if err := json.Unmarshal(body, &r); err != nil || len(r.Errors) == 0 {
			t.Fatalf("%s: status %d: %s", op.query, resp.StatusCode, body)
		}
		return r
	case uploaded:
		in := map[string]any{}
		for k, v := range vars {
			in[k] = v
		}
		file, _ := in["file"].([]byte)
		_, r := upload(t, c, op.query, in, file)
		return r
	case exported:
	default:
		return post(t, c, op.query, vars)
	}
	resp, body := exportAs(t, c, map[string]any{"query": op.query, "variables": vars, "format": "csv"})
	if resp.StatusCode != http.StatusOK {
		var r gqlResponse
		if err := json.Unmarshal(body, &r); err != nil || len(r.Errors) == 0 {
			t.Fatalf("export: status %d: %s", resp.StatusCode, body)
		}
		return r
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || len(rows) == 0 || len(rows[0]) != 1 || rows[0][0] != "id" {
		t.Fatalf("export: want one column id, got %q (%v)", body, err)
	}
	type edge struct {
		Node struct {
			ID string `json:"id"`
		} `json:"node"`
	}
	edges := make([]edge, len(rows)-1)
	for i, r := range rows[1:] {
		edges[i].Node.ID = r[0]
	}
	data, _ := json.Marshal(map[string]any{"export": map[string]any{"edges": edges}})
	return gqlResponse{Data: data}
}

// rowsOf classifies an allowed read's answer against the universe.
func (op operation) rowsOf(t *testing.T, r gqlResponse, u *universe, want expect) string {
	switch op.shape {
	case grouped, yearOnYear:
		return u.classifyCounts(counted(t, op.shape, r), want)
	}
	return u.classify(listed(t, r), want)
}

// counted is an aggregate's counts by group key: "code/year" (year on year:
// "code/2023" from current, "code/2022" from previous); a department the caller
// may not see is "?".
func counted(t *testing.T, s shape, r gqlResponse) map[string]int {
	t.Helper()
	type key struct {
		Year       *int
		Department *struct{ Code string }
	}
	code := func(k key) string {
		if k.Department == nil {
			return "?"
		}
		return k.Department.Code
	}
	var data map[string]struct {
		Groups []struct {
			Key               key
			Count             int
			Current, Previous struct{ Count int }
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
	out := map[string]int{}
	for _, agg := range data {
		for _, g := range agg.Groups {
			switch s {
			case yearOnYear:
				if g.Current.Count > 0 {
					out[code(g.Key)+"/2023"] += g.Current.Count
				}
				if g.Previous.Count > 0 {
					out[code(g.Key)+"/2022"] += g.Previous.Count
				}
			default:
				year := "?"
				if g.Key.Year != nil {
					year = fmt.Sprint(*g.Key.Year)
				}
				out[code(g.Key)+"/"+year] += g.Count
			}
		}
	}
	return out
}

// classifyCounts names the set of rows whose counts per department and year the
// aggregate gave.
func (u *universe) classifyCounts(got map[string]int, want expect) string {
	sets := map[expect]map[string]bool{all: u.all, insideOnly: u.inside, publishedOnly: u.published, none: {}}
	if len(u.inside) == 0 || len(u.published) == 0 || len(u.inside) == len(u.all) {
		return "FIXTURE_TOO_SMALL"
	}
	if sameCounts(got, u.countsOf(sets[want])) {
		return want.String()
	}
	for _, x := range []expect{all, insideOnly, publishedOnly, none} {
		if sameCounts(got, u.countsOf(sets[x])) {
			return x.String()
		}
	}
	var diff []string
	wantCounts := u.countsOf(sets[want])
	for k := range union(got, wantCounts) {
		if got[k] != wantCounts[k] {
			diff = append(diff, fmt.Sprintf("%s: %d, want %d", k, got[k], wantCounts[k]))
		}
	}
	sort.Strings(diff)
	return "OTHER(" + strings.Join(diff, "; ") + ")"
}

// countsOf counts rows by their department and year.
func (u *universe) countsOf(rows map[string]bool) map[string]int {
	out := map[string]int{}
	for id := range rows {
		out[u.key[id]]++
	}
	return out
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

func union(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
