package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/platform/store"
	"jixiao/testkit/citygen"
)

// exportCity is the generated city the export tests read: a few thousand indicators.
var exportCity = citygen.Config{Seed: 5, Departments: 30, Projects: 200, Indicators: 3000, Year: 2023}

// cityServer fills db with exportCity and starts the server on it.
func cityServer(t *testing.T, db string) *server {
	t.Helper()
	ctx := context.Background()
	client, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := citygen.Generate(ctx, client, exportCity); err != nil {
		t.Fatal(err)
	}
	client.Close()
	return startServer(t, db)
}

// exportAs sends an export request and returns the response with its body read.
func exportAs(t *testing.T, c *caller, body map[string]any) (*http.Response, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, c.url+"/export", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return c.send(t, req)
}

// exportedCSV parses a CSV export: the BOM, then the header and the rows.
func exportedCSV(t *testing.T, resp *http.Response, body []byte) [][]string {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: status %d: %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("the CSV does not start with a UTF-8 BOM: % x", body[:min(len(body), 8)])
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatalf("parsing the CSV: %v", err)
	}
	return rows
}

// exportedXLSX parses an XLSX export's one sheet back with excelize: the cells as Excel shows them.
func exportedXLSX(t *testing.T, resp *http.Response, body []byte) [][]string {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: status %d: %s", resp.StatusCode, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("opening the XLSX: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets = %v, want one", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	width := len(rows[0])
	for i := range rows { // GetRows leaves out a row's empty trailing cells
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// The indicator list every export test asks for.
const indicatorsQuery = `query($year: Int!) {
  indicators(where: {hasDepartmentYearWith: {year: $year}}, orderBy: [{field: SCORE, direction: DESC}], first: 20) {
    totalCount
    edges { node {
      id name kind target actual unit weight score attainment completionRate deviationRequired
      departmentYear { year department { code name } }
    } }
  }
}`

var indicatorColumns = []string{"id", "name", "kind", "target", "actual", "unit", "weight", "score", "attainment",
	"completionRate", "deviationRequired", "departmentYear.year", "departmentYear.department.code", "departmentYear.department.name"}

// apiIndicators pages through the same query on /query: the rows the export must hold.
func apiIndicators(t *testing.T, c *caller) [][]string {
	t.Helper()
	paged := strings.Replace(indicatorsQuery, "query($year: Int!)", "query($year: Int!, $after: Cursor)", 1)
	paged = strings.Replace(paged, "first: 20)", "first: 1000, after: $after)", 1)
	paged = strings.Replace(paged, "totalCount", "pageInfo { hasNextPage endCursor }", 1)
	var rows [][]string
	var after any
	for {
		var out struct {
			Indicators struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct {
						ID, Name, Kind                      string
						Target, Actual, Unit, Weight, Score *string
						Attainment, CompletionRate          *string
						DeviationRequired                   bool
						DepartmentYear                      struct {
							Year       int
							Department struct{ Code, Name string }
						}
					}
				}
			}
		}
		must(t, c, paged, map[string]any{"year": exportCity.Year, "after": after}, &out)
		for _, e := range out.Indicators.Edges {
			n := e.Node
			rows = append(rows, []string{n.ID, n.Name, n.Kind, s(n.Target), s(n.Actual), s(n.Unit), s(n.Weight), s(n.Score),
				s(n.Attainment), s(n.CompletionRate), fmt.Sprint(n.DeviationRequired), fmt.Sprint(n.DepartmentYear.Year),
				n.DepartmentYear.Department.Code, n.DepartmentYear.Department.Name})
		}
		if !out.Indicators.PageInfo.HasNextPage {
			return rows
		}
		after = out.Indicators.PageInfo.EndCursor
	}
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// sameRows compares an export (header first) with the API's rows; XLSX shows
// booleans as Excel does.
func sameRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) == 0 || !reflect.DeepEqual(got[0], indicatorColumns) {
		t.Fatalf("%s: header = %v, want %v", what, got[:min(len(got), 1)], indicatorColumns)
	}
	got = got[1:]
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, the API gives %d", what, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: row %d = %q, the API gives %q", what, i+1, got[i], want[i])
		}
	}
}

func createUser(t *testing.T, admin *caller, username, role string, department any) {
	t.Helper()
	in := map[string]any{"username": username, "role": role, "password": username + "-password-1"}
	if department != nil {
		in["departmentID"] = department
	}
	must(t, admin, `mutation($in: NewUserInput!) { createUser(input: $in) { id } }`, map[string]any{"in": in}, nil)
}

// TestExport: an analyst, an editor confined to a district and nobody signed in
// export the generated city's indicators as CSV and XLSX, and get exactly the
// rows the API gives each of them; the exporter's refusals carry codes.
func TestExport(t *testing.T) { stores(t, exportCityTest) }

func exportCityTest(t *testing.T, db string) {
	srv := cityServer(t, db)
	admin := srv.admin(t)
	var district struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "JH-01"}) { edges { node { id } } } }`, nil, &district)
	createUser(t, admin, "analyst", "ANALYST", nil)
	createUser(t, admin, "editor", "EDITOR", district.Departments.Edges[0].Node.ID)
	srv.accounts["analyst"], srv.accounts["editor"] = "analyst-password-1", "editor-password-1"
	analyst, editor := srv.as(t, "analyst"), srv.as(t, "editor")
	vars := map[string]any{"year": exportCity.Year}

	t.Run("analyst", func(t *testing.T) {
		want := apiIndicators(t, analyst)
		if len(want) != exportCity.Indicators {
			t.Fatalf("the API gives the analyst %d indicators, want all %d", len(want), exportCity.Indicators)
		}
		resp, body := exportAs(t, analyst, map[string]any{"query": indicatorsQuery, "variables": vars, "format": "csv", "filename": "指标清单"})
		sameRows(t, "CSV", exportedCSV(t, resp, body), want)
		if got, wantCD := resp.Header.Get("Content-Disposition"),
			`attachment; filename="____.csv"; filename*=UTF-8''%E6%8C%87%E6%A0%87%E6%B8%85%E5%8D%95.csv`; got != wantCD {
			t.Errorf("Content-Disposition = %q, want %q", got, wantCD)
		}
		resp, body = exportAs(t, analyst, map[string]any{"query": indicatorsQuery, "variables": vars, "format": "xlsx"})
		if got := resp.Header.Get("Content-Disposition"); !strings.Contains(got, `filename="indicators.xlsx"`) {
			t.Errorf("Content-Disposition = %q, want the field's name", got)
		}
		xlsxWant := make([][]string, len(want))
		for i, r := range want {
			xlsxWant[i] = append([]string{}, r...)
			xlsxWant[i][10] = strings.ToUpper(r[10]) // Excel shows a boolean cell as TRUE or FALSE
		}
		sameRows(t, "XLSX", exportedXLSX(t, resp, body), xlsxWant)
	})

	t.Run("editor", func(t *testing.T) {
		want := apiIndicators(t, editor)
		if len(want) == 0 || len(want) >= exportCity.Indicators {
			t.Fatalf("the editor of JH-01 reads %d of %d indicators, want some but not all", len(want), exportCity.Indicators)
		}
		resp, body := exportAs(t, editor, map[string]any{"query": indicatorsQuery, "variables": vars})
		rows := exportedCSV(t, resp, body)
		sameRows(t, "CSV", rows, want)
		for _, r := range rows[1:] {
			if code := r[12]; code != "JH-01" && !strings.HasPrefix(code, "JH-01-") {
				t.Fatalf("the editor of JH-01 exported an indicator of %s", code)
			}
		}
	})

	t.Run("anonymous", func(t *testing.T) {
		const q = `{ evaluations(first: 5) { edges { node { id status score grade } } } }`
		var published struct{ Evaluations struct{ TotalCount int } }
		must(t, admin, `{ evaluations(where: {status: PUBLISHED}) { totalCount } }`, nil, &published)
		var all struct{ Evaluations struct{ TotalCount int } }
		must(t, admin, `{ evaluations { totalCount } }`, nil, &all)
		if published.Evaluations.TotalCount == 0 || published.Evaluations.TotalCount == all.Evaluations.TotalCount {
			t.Fatalf("the city has %d published evaluations of %d: the test needs some of each", published.Evaluations.TotalCount, all.Evaluations.TotalCount)
		}
		resp, body := exportAs(t, srv.anonymous(), map[string]any{"query": q, "format": "xlsx"})
		rows := exportedXLSX(t, resp, body)
		if len(rows)-1 != published.Evaluations.TotalCount {
			t.Errorf("anonymous exported %d evaluations, %d are published", len(rows)-1, published.Evaluations.TotalCount)
		}
		for _, r := range rows[1:] {
			if r[1] != "PUBLISHED" {
				t.Fatalf("anonymous exported an evaluation that is %s", r[1])
			}
		}
	})

	refusals := []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"over the complexity limit", map[string]any{"query": `{ departments { edges { node {
			children(first: 1000) { edges { node { years(first: 1000) { edges { node { id } } } } } } } } } }`},
			http.StatusBadRequest, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"an unsupported format", map[string]any{"query": indicatorsQuery, "variables": vars, "format": "pdf"}, http.StatusBadRequest, "BAD_USER_INPUT"},
		{"a mutation", map[string]any{"query": `mutation { logout }`}, http.StatusBadRequest, "BAD_REQUEST"},
		{"nothing to export", map[string]any{"query": `{ me { role } }`}, http.StatusBadRequest, "BAD_REQUEST"},
		{"a query that does not validate", map[string]any{"query": `{ indicators { edges { node { nope } } } }`}, http.StatusBadRequest, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := exportAs(t, analyst, tt.body)
			var out gqlResponse
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("status %d, body %q: not a JSON error", resp.StatusCode, body)
			}
			if resp.StatusCode != tt.status || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != tt.code {
				t.Fatalf("status %d, errors %+v; want %d with code %s", resp.StatusCode, out.Errors, tt.status, tt.code)
			}
		})
	}

	t.Run("GET link", func(t *testing.T) {
		v, _ := json.Marshal(vars)
		u := analyst.url + "/export?" + url.Values{"query": {indicatorsQuery}, "variables": {string(v)}, "format": {"csv"}}.Encode()
		resp, err := analyst.http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if rows := exportedCSV(t, resp, body); len(rows) != exportCity.Indicators+1 {
			t.Errorf("GET export: %d rows, want %d and the header", len(rows)-1, exportCity.Indicators)
		}
	})
}
