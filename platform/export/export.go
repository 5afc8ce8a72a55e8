// Package export answers GET and POST /export: any GraphQL query's connection
// (or list) as a CSV or XLSX file, streamed page by page.
//
// The query runs through the GraphQL server's own executor, as a gqlgen
// transport of the same server that answers /query: the same authentication
// (session cookie or Bearer token, put in the context by the middleware in
// front), the viewer's access rules, the depth, field and complexity limits, the
// page bounds and the error codes. Nothing can be exported that the caller could
// not query.
//
// The rows are those of the first connection field of the answer (its
// edges.node) or, failing one, of the first list field (an aggregate's groups),
// looked for in document order through fields of single objects, so that
// node(id:) { … on DepartmentYear { indicators { … } } } exports the indicators.
// Each row's scalar leaves become columns named by their path of response keys
// (departmentYear.department.name); a column that crosses a list joins its
// values with "; ".
//
// A connection is paged: the exporter parses the query and rewrites the
// connection field's arguments, first: $jixiaoExportFirst and after:
// $jixiaoExportAfter (or the query's own variables when it passes first and
// after as variables), drops last and before, and asks for pageInfo. So any
// query a screen makes can be sent as it is: its own page size and cursor are
// replaced and the export holds every row its where and orderBy select. Pages
// of PageSize rows are run one after the other, each as its own GraphQL
// operation with fresh loaders, and each is written as it arrives.
package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Defaults of the zero Transport.
const (
	DefaultPageSize    = 1000      // rows per page: the largest page the API serves
	DefaultMaxRows     = 1_000_000 // rows per file (an XLSX sheet holds 1,048,576)
	DefaultPageTimeout = 30 * time.Second
	DefaultTimeout     = 10 * time.Minute
	minPageSize        = 50
)

// Codes of the refusals this package makes itself.
const (
	CodeTooManyRows = "TOO_MANY_ROWS"
	codeBadRequest  = "BAD_REQUEST"
	codeBadInput    = "BAD_USER_INPUT"
	codeComplexity  = "COMPLEXITY_LIMIT_EXCEEDED"
	codeTimeout     = "TIMEOUT"
	codeInternal    = "INTERNAL"
)

// Transport is the gqlgen transport of exports. Add it to the GraphQL server
// before the others; it takes only the requests that Route marked.
type Transport struct {
	Schema *ast.Schema
	// PageContext gives each page what one GraphQL request gets from the HTTP
	// middleware that must not last a whole export (its own loaders).
	PageContext func(context.Context) context.Context
	PageSize    int           // 0: DefaultPageSize
	MaxRows     int           // 0: DefaultMaxRows
	PageTimeout time.Duration // each page's deadline; 0: DefaultPageTimeout
	Timeout     time.Duration // the whole export's; 0: DefaultTimeout
}

var _ graphql.Transport = Transport{}

type routeKey struct{}

// state is what the transport tells Route about the request it served.
type state struct{ abort bool }

// Route marks the requests next serves as exports, for Transport. When an
// export fails after part of the file was sent, Route aborts the connection,
// so that no client takes the part for the whole (the CSV ends with a marker
// row first).
func Route(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &state{}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, st)))
		if st.abort {
			panic(http.ErrAbortHandler)
		}
	})
}

// Supports implements graphql.Transport.
func (Transport) Supports(r *http.Request) bool {
	_, ok := r.Context().Value(routeKey{}).(*state)
	return ok
}

// request is an export's parameters, from a JSON body or a URL's query.
type request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Format        string         `json:"format"`
	Filename      string         `json:"filename"`
	// Titles are the header row's words for columns, by column name
	// (departmentYear.department.name → 部门): a screen exports its own headings.
	Titles map[string]string `json:"titles"`
}

// Do implements graphql.Transport.
func (t Transport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	st, _ := r.Context().Value(routeKey{}).(*state)
	req, status, err := readRequest(r)
	if err != nil {
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, POST")
		}
		writeErrors(w, status, gqlerror.List{coded(err)})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), orDefault(t.Timeout, DefaultTimeout))
	defer cancel()
	e := &run{t: t, exec: exec, w: w, req: req, rc: http.NewResponseController(w)}
	if errs := e.serve(ctx); errs != nil {
		if !e.sent {
			writeErrors(w, statusOf(errs), errs)
			return
		}
		if e.sink != nil {
			e.sink.fail(codeOf(errs[0]), errs[0].Message)
		}
		if st != nil {
			st.abort = true
		}
	}
}

func readRequest(r *http.Request) (request, int, error) {
	var req request
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req = request{Query: q.Get("query"), OperationName: q.Get("operationName"), Format: q.Get("format"), Filename: q.Get("filename")}
		if v := q.Get("variables"); v != "" {
			dec := json.NewDecoder(strings.NewReader(v))
			dec.UseNumber()
			if err := dec.Decode(&req.Variables); err != nil {
				return req, http.StatusBadRequest, &badRequest{code: codeBadRequest, msg: "variables: not a JSON object: " + err.Error()}
			}
		}
	case http.MethodPost:
		if t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); t != "application/json" {
			return req, http.StatusUnsupportedMediaType, &badRequest{code: codeBadRequest, msg: "send the export request as JSON, with Content-Type: application/json"}
		}
		dec := json.NewDecoder(r.Body)
		dec.UseNumber()
		if err := dec.Decode(&req); err != nil {
			return req, http.StatusBadRequest, &badRequest{code: codeBadRequest, msg: "the request body is not a JSON export request: " + err.Error()}
		}
	default:
		return req, http.StatusMethodNotAllowed, &badRequest{code: codeBadRequest, msg: "export takes GET (with query parameters) or POST (JSON)"}
	}
	req.Format = strings.ToLower(strings.TrimSpace(req.Format))
	if req.Format == "" {
		req.Format = "csv"
	}
	if req.Format != "csv" && req.Format != "xlsx" {
		return req, http.StatusBadRequest, &badRequest{code: codeBadInput, field: "format", msg: fmt.Sprintf("format: must be csv or xlsx, got %q", req.Format)}
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, http.StatusBadRequest, &badRequest{code: codeBadRequest, msg: "no query: send the GraphQL query whose rows to export"}
	}
	return req, 0, nil
}

// run is one export in progress.
type run struct {
	t    Transport
	exec graphql.GraphExecutor
	w    http.ResponseWriter
	rc   *http.ResponseController
	req  request
	sink sink
	sent bool // the response's status and headers are out
}

// serve runs the export; the errors it returns are GraphQL errors with a code.
func (e *run) serve(ctx context.Context) gqlerror.List {
	// The executor checks the query as sent first (its parse, the field, depth and
	// complexity limits, validation), before the exporter parses it itself. Its
	// complexity is measured again on the paged query: the screen's page size is
	// not the export's.
	if _, errs := e.prepare(ctx, e.req.Query, e.req.Variables); errs != nil && !onlyComplexity(errs) {
		return errs
	}
	p, err := makePlan(e.t.Schema, e.req.Query, e.req.OperationName)
	if err != nil {
		return gqlerror.List{coded(err)}
	}
	name := Filename(e.req.Filename, p.root, e.req.Format)
	start := func(contentType string) func() io.Writer {
		return func() io.Writer {
			h := e.w.Header()
			h.Set("Content-Type", contentType)
			h.Set("Content-Disposition", Disposition(name))
			h.Set("Cache-Control", "no-store")
			e.w.WriteHeader(http.StatusOK)
			e.sent = true
			return e.w
		}
	}
	if e.req.Format == "xlsx" {
		x, err := newXLSX(sheetName(p.root), start("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
		if err != nil {
			return gqlerror.List{internal(err)}
		}
		e.sink = x
	} else {
		e.sink = &csvSink{start: start("text/csv; charset=utf-8"), flush: func() { _ = e.rc.Flush() }}
	}
	defer e.sink.close()
	if errs := e.rows(ctx, p); errs != nil {
		return errs
	}
	if err := e.sink.finish(); err != nil {
		return gqlerror.List{internal(err)}
	}
	return nil
}

// rows runs the pages and hands their rows to the sink.
func (e *run) rows(ctx context.Context, p *plan) gqlerror.List {
	maxRows := orDefault(e.t.MaxRows, DefaultMaxRows)
	names, bad := headers(p.columns, e.req.Titles)
	if bad != nil {
		return gqlerror.List{bad}
	}
	if !p.connection {
		data, errs := e.page(ctx, e.req.Query, e.req.Variables)
		if errs != nil {
			return errs
		}
		list, _ := at(data, p.path).([]any)
		if len(list) > maxRows {
			return gqlerror.List{tooMany(len(list), maxRows)}
		}
		if err := e.sink.header(names); err != nil {
			return gqlerror.List{internal(err)}
		}
		return e.write(p, list)
	}
	size := orDefault(e.t.PageSize, DefaultPageSize)
	var after any
	written := 0
	for first := true; ; first = false {
		query := p.nextQuery
		if first {
			query = p.firstQuery
		}
		data, errs := e.page(ctx, query, p.variables(e.req.Variables, size, after))
		// A page too complex at 1000 rows (many columns, nested lists) is tried
		// smaller, down to the API's default page; each try is checked anew.
		for first && errs != nil && onlyComplexity(errs) && size/2 >= minPageSize {
			size /= 2
			data, errs = e.page(ctx, query, p.variables(e.req.Variables, size, after))
		}
		if errs != nil {
			return errs
		}
		conn, _ := at(data, p.path).(map[string]any)
		if first {
			if total, ok := conn[totalKey].(json.Number); ok {
				if n, err := total.Int64(); err == nil && n > int64(maxRows) {
					return gqlerror.List{tooMany(int(n), maxRows)}
				}
			}
			if err := e.sink.header(names); err != nil {
				return gqlerror.List{internal(err)}
			}
		}
		edges, _ := conn[p.edges].([]any)
		if written+len(edges) > maxRows {
			return gqlerror.List{tooMany(written+len(edges), maxRows)}
		}
		nodes := make([]any, 0, len(edges))
		for _, edge := range edges {
			if m, ok := edge.(map[string]any); ok {
				nodes = append(nodes, m[p.node])
			}
		}
		if errs := e.write(p, nodes); errs != nil {
			return errs
		}
		written += len(nodes)
		info, _ := conn[pageAlias].(map[string]any)
		more, _ := info["hasNextPage"].(bool)
		cursor, _ := info["endCursor"].(string)
		if !more || cursor == "" || len(edges) == 0 {
			return nil
		}
		after = cursor
	}
}

func (e *run) write(p *plan, nodes []any) gqlerror.List {
	rows := make([][]cell, len(nodes))
	for i, n := range nodes {
		rows[i] = p.row(n)
	}
	// Sending a page may take as long as running one: the server's write
	// deadline moves with the export.
	_ = e.rc.SetWriteDeadline(time.Now().Add(2 * orDefault(e.t.PageTimeout, DefaultPageTimeout)))
	if err := e.sink.page(rows); err != nil {
		return gqlerror.List{internal(err)}
	}
	return nil
}

// prepare is the executor's check of an operation: parse, validation and limits.
func (e *run) prepare(ctx context.Context, query string, vars map[string]any) (*graphql.OperationContext, gqlerror.List) {
	params := &graphql.RawParams{Query: query, OperationName: e.req.OperationName, Variables: vars}
	ctx = graphql.StartOperationTrace(ctx)
	oc, errs := e.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		return nil, e.exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs).Errors
	}
	return oc, nil
}

// page runs one operation as /query would and returns its data, decoded with
// json.Number for numbers; any error fails the export (a file silently missing
// values is worse than none).
func (e *run) page(ctx context.Context, query string, vars map[string]any) (any, gqlerror.List) {
	ctx, cancel := context.WithTimeout(ctx, orDefault(e.t.PageTimeout, DefaultPageTimeout))
	defer cancel()
	if e.t.PageContext != nil {
		ctx = e.t.PageContext(ctx)
	}
	oc, errs := e.prepare(ctx, query, vars)
	if errs != nil {
		return nil, errs
	}
	handler, ctx := e.exec.DispatchOperation(graphql.StartOperationTrace(ctx), oc)
	resp := handler(ctx)
	if resp == nil {
		return nil, gqlerror.List{timeout(ctx)}
	}
	if len(resp.Errors) > 0 {
		return nil, resp.Errors
	}
	if len(resp.Data) == 0 || string(resp.Data) == "null" {
		return nil, gqlerror.List{timeout(ctx)}
	}
	dec := json.NewDecoder(bytes.NewReader(resp.Data))
	dec.UseNumber()
	var data any
	if err := dec.Decode(&data); err != nil {
		return nil, gqlerror.List{internal(err)}
	}
	return data, nil
}

// at is the value at path under data, nil when an object on the way is null.
func at(data any, path []string) any {
	for _, k := range path {
		obj, ok := data.(map[string]any)
		if !ok {
			return nil
		}
		data = obj[k]
	}
	return data
}

func onlyComplexity(errs gqlerror.List) bool {
	for _, e := range errs {
		if codeOf(e) != codeComplexity {
			return false
		}
	}
	return len(errs) > 0
}

func codeOf(e *gqlerror.Error) string {
	if e == nil {
		return ""
	}
	c, _ := e.Extensions["code"].(string)
	return c
}

func coded(err error) *gqlerror.Error {
	var b *badRequest
	if errors.As(err, &b) {
		ext := map[string]any{"code": b.code}
		if b.field != "" {
			ext["field"] = b.field
		}
		return &gqlerror.Error{Message: b.msg, Extensions: ext}
	}
	return internal(err)
}

func internal(error) *gqlerror.Error {
	return &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": codeInternal}}
}

func timeout(ctx context.Context) *gqlerror.Error {
	if ctx.Err() == nil {
		return internal(nil)
	}
	return &gqlerror.Error{Message: "the export took too long and was stopped", Extensions: map[string]any{"code": codeTimeout}}
}

func tooMany(n, limit int) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("the export would hold %d rows, more than the limit of %d; narrow the query's where", n, limit),
		Extensions: map[string]any{"code": CodeTooManyRows, "limit": limit, "got": n},
	}
}

// statusOf is the HTTP status of an export refused before its first byte.
func statusOf(errs gqlerror.List) int {
	switch codeOf(errs[0]) {
	case "UNAUTHENTICATED":
		return http.StatusUnauthorized
	case "FORBIDDEN":
		return http.StatusForbidden
	case "NOT_FOUND":
		return http.StatusNotFound
	case CodeTooManyRows, "RESPONSE_TOO_LARGE":
		return http.StatusRequestEntityTooLarge
	case codeTimeout:
		return http.StatusServiceUnavailable
	case codeInternal:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// writeErrors answers with a GraphQL-style error body, as /query does.
func writeErrors(w http.ResponseWriter, status int, errs gqlerror.List) {
	body, _ := json.Marshal(struct {
		Errors gqlerror.List `json:"errors"`
	}{errs})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// headers are the header row: each column's title when the request gives one,
// else its name. A title for a column the export does not have is refused, so
// that a screen's heading never lands on the wrong column unnoticed.
func headers(columns []column, titles map[string]string) ([]string, *gqlerror.Error) {
	names := make([]string, len(columns))
	known := make(map[string]bool, len(columns))
	for i, c := range columns {
		names[i] = c.name()
		known[names[i]] = true
		if t := strings.TrimSpace(titles[names[i]]); t != "" {
			names[i] = t
		}
	}
	for name := range titles {
		if !known[name] {
			e := gqlerror.Errorf("titles: the export has no column %q", name)
			e.Extensions = map[string]any{"code": codeBadInput, "field": "titles", "value": name}
			return nil, e
		}
	}
	return names, nil
}
