package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/xuri/excelize/v2"
)

var testSchema = gqlparser.MustLoadSchema(&ast.Source{Name: "test.graphql", Input: `
scalar Cursor
scalar Decimal
type Query {
  indicators(first: Int, after: Cursor, last: Int, before: Cursor, name: String): IndicatorConnection!
  node(id: ID!): Node
  groups: [Group!]!
  months: [Int!]!
  me: Me
}
type Me { role: String! }
interface Node { id: ID! }
type DepartmentYear implements Node {
  id: ID!
  year: Int!
  department: Department
  indicators(first: Int, after: Cursor): IndicatorConnection!
}
type Department { code: String! name: String! }
type IndicatorConnection { edges: [IndicatorEdge] pageInfo: PageInfo! totalCount: Int! }
type IndicatorEdge { node: Indicator cursor: Cursor! }
type PageInfo { hasNextPage: Boolean! endCursor: Cursor }
type Indicator {
  id: ID!
  name: String!
  score: Decimal
  deviationRequired: Boolean!
  months: [Int!]!
  departmentYear: DepartmentYear
  tags: [Tag!]!
}
type Tag { label: String! }
type Group { grade: String! count: Int! share: Decimal }
`})

func TestPlan(t *testing.T) {
	tests := []struct {
		name, query      string
		path             []string
		connection       bool
		columns          []string
		first, next      string // the rewritten operations, compacted
		firstVar, cursor string
	}{
		{
			name:       "a root connection, its page replaced",
			query:      `{ indicators(first: 20, last: 5, name: "x") { totalCount edges { cursor node { id name score departmentYear { year department { code } } } } } }`,
			path:       []string{"indicators"},
			connection: true,
			columns:    []string{"id", "name", "score", "departmentYear.year", "departmentYear.department.code"},
			next:       `query ($jixiaoExportFirst: Int, $jixiaoExportAfter: Cursor) { indicators(name: "x", first: $jixiaoExportFirst, after: $jixiaoExportAfter) { totalCount edges { cursor node { id name score departmentYear { year department { code } } } } jixiaoExportPage: pageInfo { hasNextPage endCursor } } }`,
			first:      `query ($jixiaoExportFirst: Int, $jixiaoExportAfter: Cursor) { indicators(name: "x", first: $jixiaoExportFirst, after: $jixiaoExportAfter) { totalCount edges { cursor node { id name score departmentYear { year department { code } } } } jixiaoExportPage: pageInfo { hasNextPage endCursor } jixiaoExportTotal: totalCount } }`,
			firstVar:   firstVar, cursor: afterVar,
		},
		{
			name:       "the query's own page variables",
			query:      `query Q($n: Int, $c: Cursor) { list: indicators(first: $n, after: $c) { e: edges { n: node { label: name } } } }`,
			path:       []string{"list"},
			connection: true,
			columns:    []string{"label"},
			next:       `query Q($n: Int, $c: Cursor) { list: indicators(first: $n, after: $c) { e: edges { n: node { label: name } } jixiaoExportPage: pageInfo { hasNextPage endCursor } } }`,
			firstVar:   "n", cursor: "c",
		},
		{
			name: "a connection inside node(id:), through fragments",
			query: `query($id: ID!) { node(id: $id) { __typename ... on DepartmentYear { year department { name } indicators(first: 1000) { edges { node { ...Row } } } } } }
				fragment Row on Indicator { id ... on Indicator { name } tags { label } months }`,
			path:       []string{"node", "indicators"},
			connection: true,
			columns:    []string{"id", "name", "tags.label", "months"},
			firstVar:   firstVar, cursor: afterVar,
		},
		{
			name:    "a list: an aggregate's groups",
			query:   `{ me { role } groups { grade count share } }`,
			path:    []string{"groups"},
			columns: []string{"grade", "count", "share"},
		},
		{
			name:    "a list of scalars",
			query:   `{ m: months }`,
			path:    []string{"m"},
			columns: []string{"m"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := makePlan(testSchema, tt.query, "")
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, len(p.columns))
			for i, c := range p.columns {
				names[i] = c.name()
			}
			if !reflect.DeepEqual(p.path, tt.path) || p.connection != tt.connection || !reflect.DeepEqual(names, tt.columns) {
				t.Errorf("plan = %v connection %v, want %v %v %v", p, p.connection, tt.path, tt.connection, tt.columns)
			}
			if tt.next != "" && oneLine(p.nextQuery) != tt.next {
				t.Errorf("next page:\n got %s\nwant %s", p.nextQuery, tt.next)
			}
			if tt.first != "" && oneLine(p.firstQuery) != tt.first {
				t.Errorf("first page:\n got %s\nwant %s", p.firstQuery, tt.first)
			}
			if p.connection {
				if p.firstName != tt.firstVar || p.afterName != tt.cursor {
					t.Errorf("page variables $%s $%s, want $%s $%s", p.firstName, p.afterName, tt.firstVar, tt.cursor)
				}
				// The rewritten operations must be valid GraphQL for the schema.
				for _, q := range []string{p.firstQuery, p.nextQuery} {
					if _, err := gqlparser.LoadQueryWithRules(testSchema, q, nil); err != nil {
						t.Errorf("the rewritten operation does not validate: %v\n%s", err, q)
					}
				}
			}
		})
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPlanRefuses(t *testing.T) {
	tests := map[string]string{
		`mutation { x }`:                                   "only a query",
		`{ me { role } }`:                                  "selects no connection",
		`{ indicators { totalCount } }`:                    "select edges",
		`{ indicators { edges { cursor } } }`:              "select edges",
		`{ indicators { edges { node { __typename } } } }`: "no scalar field",
	}
	for q, want := range tests {
		_, err := makePlan(testSchema, q, "")
		var b *badRequest
		if !errorsAs(err, &b) || !strings.Contains(b.msg, want) {
			t.Errorf("makePlan(%s) = %v, want a refusal saying %q", q, err, want)
		}
	}
}

func errorsAs(err error, b **badRequest) bool {
	v, ok := err.(*badRequest)
	*b = v
	return ok
}

func TestRowFlattening(t *testing.T) {
	p, err := makePlan(testSchema, `{ indicators { edges { node {
		id name score deviationRequired months tags { label } departmentYear { year department { code } } } } } }`, "")
	if err != nil {
		t.Fatal(err)
	}
	node := decode(t, `{"id": "7", "name": "=SUM(A1)", "score": "-3.50", "deviationRequired": true, "months": [3, 6],
		"tags": [{"label": "甲"}, {"label": "乙"}], "departmentYear": {"year": 2023, "department": null}}`)
	got := p.row(node)
	want := []cell{
		{text, "7"}, {text, "=SUM(A1)"}, {number, "-3.50"}, {boolean, "true"}, {text, "3; 6"}, {text, "甲; 乙"},
		{integer, "2023"}, {empty, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("row = %v\nwant  %v", got, want)
	}
	csvWant := []string{"7", "'=SUM(A1)", "-3.50", "true", "3; 6", "甲; 乙", "2023", ""}
	for i, c := range got {
		if s := csvText(c); s != csvWant[i] {
			t.Errorf("CSV cell %d = %q, want %q", i, s, csvWant[i])
		}
	}
}

func TestDigits(t *testing.T) {
	tests := []struct {
		in          string
		sig, places int
		ok          bool
	}{
		{"1829.40", 5, 2, true},
		{"-0.0500", 1, 4, true},
		{"0", 0, 0, true},
		{"10000000000.000001", 17, 6, true},
		{"9223372036854.775807", 19, 6, true},
		{"1e5", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		sig, places, ok := digits(tt.in)
		if sig != tt.sig || places != tt.places || ok != tt.ok {
			t.Errorf("digits(%q) = %d, %d, %v; want %d, %d, %v", tt.in, sig, places, ok, tt.sig, tt.places, tt.ok)
		}
	}
}

func TestFilename(t *testing.T) {
	tests := []struct{ asked, field, format, name, disposition string }{
		{"", "indicators", "csv", "indicators.csv", `attachment; filename="indicators.csv"; filename*=UTF-8''indicators.csv`},
		{"指标 2023", "indicators", "xlsx", "指标 2023.xlsx", `attachment; filename="__ 2023.xlsx"; filename*=UTF-8''%E6%8C%87%E6%A0%87%202023.xlsx`},
		{"../../etc/passwd", "x", "csv", "_.._etc_passwd.csv", `attachment; filename="_.._etc_passwd.csv"; filename*=UTF-8''_.._etc_passwd.csv`},
		{"report.CSV", "x", "csv", "report.csv", `attachment; filename="report.csv"; filename*=UTF-8''report.csv`},
		{"a\"b\r\n.csv", "x", "csv", "a_b.csv", `attachment; filename="a_b.csv"; filename*=UTF-8''a_b.csv`},
	}
	for _, tt := range tests {
		name := Filename(tt.asked, tt.field, tt.format)
		if name != tt.name {
			t.Errorf("Filename(%q) = %q, want %q", tt.asked, name, tt.name)
		}
		if d := Disposition(name); d != tt.disposition {
			t.Errorf("Disposition(%q) = %q, want %q", name, d, tt.disposition)
		}
	}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// fakeExec answers operations over a list of indicators as gqlgen would: it
// validates each operation against the test schema and resolves it, paging by
// first and after. It records the page sizes it was asked for.
type fakeExec struct {
	rows     int
	maxCost  int      // a page of more rows than this is refused as too complex
	failPage int      // this page (1-based) fails with an error
	pages    []int    // the page sizes asked for
	queries  []string // the operations run
}

func (f *fakeExec) CreateOperationContext(_ context.Context, p *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	doc, errs := gqlparser.LoadQueryWithRules(testSchema, p.Query, nil)
	if errs != nil {
		return nil, errs
	}
	op := doc.Operations.ForName(p.OperationName)
	if f.maxCost > 0 {
		for _, sel := range op.SelectionSet {
			if fl, ok := sel.(*ast.Field); ok && fl.Name == "indicators" {
				if n, _ := fl.ArgumentMap(p.Variables)["first"].(int); n > f.maxCost {
					e := gqlerror.Errorf("too complex")
					e.Extensions = map[string]any{"code": codeComplexity}
					return nil, gqlerror.List{e}
				}
			}
		}
	}
	return &graphql.OperationContext{RawQuery: p.Query, Variables: p.Variables, Doc: doc, Operation: op}, nil
}

func (f *fakeExec) DispatchOperation(ctx context.Context, oc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	f.queries = append(f.queries, oc.RawQuery)
	data := map[string]any{}
	var errs gqlerror.List
	for _, sel := range oc.Operation.SelectionSet {
		fl := sel.(*ast.Field)
		if fl.Name != "indicators" {
			continue
		}
		args := fl.ArgumentMap(oc.Variables)
		first, _ := args["first"].(int)
		start := 0
		if a, ok := args["after"].(string); ok {
			start, _ = strconv.Atoi(a)
		}
		f.pages = append(f.pages, first)
		if len(f.pages) == f.failPage {
			errs = gqlerror.List{{Message: "denied", Extensions: map[string]any{"code": "FORBIDDEN"}}}
			break
		}
		end := min(start+first, f.rows)
		var edges []any
		for i := start; i < end; i++ {
			edges = append(edges, map[string]any{"node": map[string]any{"id": strconv.Itoa(i + 1), "name": fmt.Sprintf("指标%d", i+1), "score": fmt.Sprintf("%d.50", i)}})
		}
		conn := map[string]any{"edges": edges}
		for _, s := range fl.SelectionSet {
			if s, ok := s.(*ast.Field); ok {
				switch s.Alias {
				case pageAlias:
					conn[pageAlias] = map[string]any{"hasNextPage": end < f.rows, "endCursor": strconv.Itoa(end)}
				case totalKey:
					conn[totalKey] = f.rows
				}
			}
		}
		data[responseKey(fl)] = conn
	}
	b, _ := json.Marshal(data)
	return func(context.Context) *graphql.Response {
		if errs != nil {
			return &graphql.Response{Errors: errs}
		}
		return &graphql.Response{Data: b}
	}, ctx
}

func (f *fakeExec) DispatchError(_ context.Context, list gqlerror.List) *graphql.Response {
	return &graphql.Response{Errors: list}
}

// serveExport runs one export through Route and the Transport; aborted tells
// whether Route aborted the connection.
func serveExport(t *testing.T, tr Transport, exec graphql.GraphExecutor, body string) (rec *httptest.ResponseRecorder, aborted bool) {
	t.Helper()
	rec = httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/export", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h := Route(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !tr.Supports(r) {
			t.Fatal("the transport does not take a routed request")
		}
		tr.Do(w, r, exec)
	}))
	defer func() {
		if p := recover(); p != nil {
			if p != http.ErrAbortHandler {
				panic(p)
			}
			aborted = true
		}
	}()
	h.ServeHTTP(rec, req)
	return rec, false
}

const pagedQuery = `{"query": "{ indicators(first: 10) { edges { node { id name score } } } }", "format": "%s"}`

func TestPaging(t *testing.T) {
	tests := []struct {
		name       string
		rows       int
		pageSize   int
		maxRows    int
		maxCost    int
		failPage   int
		format     string
		status     int
		pages      []int
		csvRows    int // data rows in the file
		code       string
		aborted    bool
		incomplete bool
	}{
		{name: "several pages", rows: 25, pageSize: 10, format: "csv", status: 200, pages: []int{10, 10, 10}, csvRows: 25},
		{name: "an exact number of pages", rows: 20, pageSize: 10, format: "csv", status: 200, pages: []int{10, 10}, csvRows: 20},
		{name: "no rows", rows: 0, pageSize: 10, format: "csv", status: 200, pages: []int{10}, csvRows: 0},
		{name: "XLSX", rows: 25, pageSize: 10, format: "xlsx", status: 200, pages: []int{10, 10, 10}, csvRows: 25},
		{name: "over the row limit, known from totalCount", rows: 25, pageSize: 10, maxRows: 24, format: "csv", status: 413, pages: []int{10}, code: CodeTooManyRows},
		{name: "too complex at full size: smaller pages", rows: 250, pageSize: 200, maxCost: 60, format: "csv", status: 200,
			pages: []int{50, 50, 50, 50, 50}, csvRows: 250}, // 200 and 100 were refused before they ran
		{name: "too complex at any size", rows: 250, pageSize: 200, maxCost: 10, format: "csv", status: 400, pages: nil, code: codeComplexity},
		{name: "the first page fails: an error, no file", rows: 25, pageSize: 10, failPage: 1, format: "csv", status: 403, pages: []int{10}, code: "FORBIDDEN"},
		{name: "a later CSV page fails: a marker row, the connection aborted", rows: 25, pageSize: 10, failPage: 2, format: "csv",
			status: 200, pages: []int{10, 10}, csvRows: 10, aborted: true, incomplete: true},
		{name: "a later XLSX page fails: an error, no file", rows: 25, pageSize: 10, failPage: 3, format: "xlsx", status: 403, pages: []int{10, 10, 10}, code: "FORBIDDEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exec := &fakeExec{rows: tt.rows, maxCost: tt.maxCost, failPage: tt.failPage}
			tr := Transport{Schema: testSchema, PageSize: tt.pageSize, MaxRows: tt.maxRows}
			rec, aborted := serveExport(t, tr, exec, fmt.Sprintf(pagedQuery, tt.format))
			if rec.Code != tt.status || aborted != tt.aborted {
				t.Fatalf("status %d aborted %v, want %d %v: %s", rec.Code, aborted, tt.status, tt.aborted, rec.Body.String())
			}
			if !reflect.DeepEqual(exec.pages, tt.pages) {
				t.Errorf("pages asked for: %v, want %v", exec.pages, tt.pages)
			}
			if tt.code != "" {
				var out struct {
					Errors []struct{ Extensions map[string]any }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != tt.code {
					t.Fatalf("body %s, want an error with code %s", rec.Body.String(), tt.code)
				}
				return
			}
			var rows [][]string
			if tt.format == "xlsx" {
				f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if rows, err = f.GetRows("indicators"); err != nil {
					t.Fatal(err)
				}
				if len(rows) > 1 {
					if v, _ := f.GetCellValue("indicators", "C2", excelize.Options{RawCellValue: true}); v != "0.5" {
						t.Errorf("C2 holds %q, want the number 0.5", v)
					}
					if typ, _ := f.GetCellType("indicators", "C2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						t.Errorf("C2 is of type %v, want a number", typ)
					}
				}
			} else {
				body := rec.Body.String()
				if !strings.HasPrefix(body, bom) {
					t.Fatal("no BOM")
				}
				r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, bom)))
				r.FieldsPerRecord = -1
				var err error
				if rows, err = r.ReadAll(); err != nil {
					t.Fatal(err)
				}
			}
			if !reflect.DeepEqual(rows[0], []string{"id", "name", "score"}) {
				t.Errorf("header = %v", rows[0])
			}
			data := rows[1:]
			if tt.incomplete {
				last := data[len(data)-1]
				if last[0] != IncompleteMarker || last[1] != "FORBIDDEN" {
					t.Errorf("last row = %v, want the marker", last)
				}
				data = data[:len(data)-1]
			}
			if len(data) != tt.csvRows {
				t.Fatalf("%d rows, want %d", len(data), tt.csvRows)
			}
			for i, r := range data {
				want := []string{strconv.Itoa(i + 1), fmt.Sprintf("指标%d", i+1), fmt.Sprintf("%d.50", i)}
				if !reflect.DeepEqual(r, want) {
					t.Fatalf("row %d = %v, want %v", i+1, r, want)
				}
			}
		})
	}
}

func TestRequestRefusals(t *testing.T) {
	tests := []struct {
		name, method, contentType, body string
		status                          int
		code                            string
	}{
		{"a format it does not write", "POST", "application/json", `{"query": "{ months }", "format": "pdf"}`, 400, codeBadInput},
		{"no query", "POST", "application/json", `{"format": "csv"}`, 400, codeBadRequest},
		{"not JSON", "POST", "application/json", `{`, 400, codeBadRequest},
		{"a form", "POST", "application/x-www-form-urlencoded", `query=x`, 415, codeBadRequest},
		{"PUT", "PUT", "application/json", `{}`, 405, codeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, "/export", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			Route(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				Transport{Schema: testSchema}.Do(w, r, &fakeExec{})
			})).ServeHTTP(rec, req)
			var out struct {
				Errors []struct{ Extensions map[string]any }
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != tt.status || len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != tt.code {
				t.Errorf("status %d, body %s; want %d with code %s", rec.Code, rec.Body.String(), tt.status, tt.code)
			}
		})
	}
}

func TestTitles(t *testing.T) {
	tests := []struct {
		name, titles string
		status       int
		header       string // the CSV's first line
		code, value  string
	}{
		{"none: the columns' names", ``, 200, "id,name,score", "", ""},
		{"some titled, the rest named", `{"name": "指标名称", "score": " 得分 "}`, 200, "id,指标名称,得分", "", ""},
		{"a blank title keeps the name", `{"name": "  "}`, 200, "id,name,score", "", ""},
		{"a title of no column", `{"weight": "权重"}`, 400, "", codeBadInput, "weight"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"query": "{ indicators(first: 10) { edges { node { id name score } } } }", "format": "csv"`
			if tt.titles != "" {
				body += `, "titles": ` + tt.titles
			}
			rec, _ := serveExport(t, Transport{Schema: testSchema}, &fakeExec{rows: 2}, body+"}")
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.String())
			}
			if tt.code != "" {
				var out struct {
					Errors []struct{ Extensions map[string]any }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) != 1 ||
					out.Errors[0].Extensions["code"] != tt.code || out.Errors[0].Extensions["field"] != "titles" || out.Errors[0].Extensions["value"] != tt.value {
					t.Errorf("refusal %s, want %s on titles naming %s", rec.Body.String(), tt.code, tt.value)
				}
				return
			}
			first, _, _ := strings.Cut(strings.TrimPrefix(rec.Body.String(), "\ufeff"), "\n")
			if strings.TrimRight(first, "\r") != tt.header {
				t.Errorf("header %q, want %q", first, tt.header)
			}
		})
	}
}
