package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/introspection"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"jixiao/graph"
)

// The recommended limits; graph.NewServer registers these values.
const (
	recommendedDepth  = 12
	recommendedFields = 500
)

var limitSchema = gqlparser.MustLoadSchema(&ast.Source{Name: "limits.graphql", Input: `
type Query { node: Node, nodes: [Node!]!, name: String }
type Node { id: ID!, name: String, child: Node, children: [Node!]! }
`})

// nest returns `child { … child { id } … }` with n fields in the chain.
func nest(n int) string {
	if n == 1 {
		return "id"
	}
	return "child { " + nest(n-1) + " }"
}

// aliases returns `a1: __typename a2: __typename …`.
func aliases(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: __typename ", i)
	}
	return b.String()
}

// fanOut returns fragments F0…Fn where each spreads the one below twice: Fn
// expands to about 2^n fields although the document is small.
func fanOut(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ node { ...F%d } }\nfragment F0 on Node { id }\n", n)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Node { child { ...F%d } children { ...F%d } }\n", i, i-1, i-1)
	}
	return b.String()
}

// loadQuery parses and validates query against limitSchema, or only parses it.
func loadQuery(t *testing.T, query string, parseOnly bool) *ast.QueryDocument {
	t.Helper()
	if parseOnly {
		doc, err := parser.ParseQuery(&ast.Source{Input: query})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc, errs := gqlparser.LoadQueryWithRules(limitSchema, query, rules.NewDefaultRules())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return doc
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name      string
		query     string
		operation string
		parseOnly bool // not valid GraphQL: measured as parsed
		depth     int
		fields    int
	}{
		{name: "one field", query: `{ name }`, depth: 1, fields: 1},
		{name: "siblings add fields, not depth", query: `{ name node { id name } }`, depth: 2, fields: 4},
		{name: "nested", query: `{ node { ` + nest(13) + ` } }`, depth: 14, fields: 14},
		{name: "through a fragment", query: `{ node { ...F } } fragment F on Node { child { id } }`, depth: 3, fields: 3},
		{name: "through an inline fragment", query: `{ node { ... on Node { child { id } } } }`, depth: 3, fields: 3},
		{name: "a fragment counts its fields each time it is spread",
			query: `{ a: node { ...F } b: node { ...F } } fragment F on Node { id child { id } }`, depth: 3, fields: 8},
		{name: "fragments within fragments",
			query: `{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ... on Node { child { id } } } }`,
			depth: 5, fields: 5},
		{name: "alias bomb", query: `{ ` + aliases(10000) + `}`, depth: 1, fields: 10000},
		{name: "alias bomb of a nested field", query: `{ ` + strings.Repeat("node { child { id } } ", 3) + strings.ReplaceAll(aliases(2000), "__typename", "node { id }") + `}`,
			depth: 3, fields: 3*3 + 2000*2},
		{name: "the operation named", query: `query Shallow { name } query Deep { node { ` + nest(5) + ` } }`, operation: "Deep", depth: 6, fields: 6},
		{name: "the other operation named", query: `query Shallow { name } query Deep { node { ` + nest(5) + ` } }`, operation: "Shallow", depth: 1, fields: 1},
		{name: "exponential fragments, measured in linear time", query: fanOut(30), parseOnly: true, depth: 32, fields: 3<<30 - 1},
		{name: "a fragment cycle does not loop", query: `{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }`,
			parseOnly: true, depth: 3, fields: 3},
		{name: "a fragment that spreads itself", query: `{ node { ...A } } fragment A on Node { id child { ...A } }`,
			parseOnly: true, depth: 2, fields: 3},
		{name: "introspection counts its fields but not its depth",
			query: `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`, depth: 1, fields: 9},
		{name: "an unknown fragment counts nothing", query: `{ node { id ...Missing } }`, parseOnly: true, depth: 2, fields: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadQuery(t, tt.query, tt.parseOnly)
			opCtx := &graphql.OperationContext{Doc: doc, OperationName: tt.operation}
			check := func(limit func(int) graphql.OperationContextMutator, value int, code, msg string) {
				t.Helper()
				if err := limit(value).MutateOperationContext(t.Context(), opCtx); err != nil {
					t.Errorf("%T{Max: %d} refused it: %v", limit(value), value, err)
				}
				err := limit(value-1).MutateOperationContext(t.Context(), opCtx)
				if err == nil {
					t.Fatalf("%T{Max: %d} let it through", limit(value), value-1)
				}
				if got := err.Extensions["code"]; got != code {
					t.Errorf("code %v, want %s", got, code)
				}
				if err.Message != msg {
					t.Errorf("message %q, want %q", err.Message, msg)
				}
			}
			check(func(n int) graphql.OperationContextMutator { return graph.DepthLimit{Max: n} }, tt.depth,
				graph.CodeDepthLimitExceeded, fmt.Sprintf("query depth %d exceeds the limit of %d", tt.depth, tt.depth-1))
			check(func(n int) graphql.OperationContextMutator { return graph.FieldLimit{Max: n} }, tt.fields,
				graph.CodeTooManyFields, fmt.Sprintf("query selects %d fields, which exceeds the limit of %d", tt.fields, tt.fields-1))
		})
	}
}

// Before validation FieldLimit looks at the whole document: gqlparser validates
// every operation and fragment in it, not only the one that runs.
func TestFieldLimitBeforeValidation(t *testing.T) {
	const limit = 500
	repeat := func(n int, field string) string { return strings.Repeat(field+" ", n) }
	tests := []struct {
		name, query, operation string
		msg                    string // "" when let through
	}{
		{name: "a small query", query: `{ node { id name } }`},
		{name: "the introspection query", query: introspection.Query},
		{name: "not GraphQL: left to gqlgen", query: `{ node { `},
		{name: "empty: left to gqlgen", query: ``},
		{name: "alias bomb", query: `{ ` + aliases(10000) + `}`,
			msg: "query selects 10000 fields, which exceeds the limit of 500"},
		{name: "the same field repeated", query: `{ ` + repeat(70000, "a: __typename") + `}`,
			msg: "query selects 70000 fields, which exceeds the limit of 500"},
		{name: "in an operation that does not run", query: `query Small { name } query Big { ` + repeat(600, "name") + ` }`, operation: "Small",
			msg: "operation Big selects 600 fields, which exceeds the limit of 500"},
		{name: "in an anonymous operation beside others", query: `query Small { name } { ` + repeat(600, "name") + ` }`, operation: "Small",
			msg: "an operation selects 600 fields, which exceeds the limit of 500"},
		{name: "in a fragment nobody spreads", query: `{ name } fragment F on Query { ` + repeat(600, "name") + ` }`,
			msg: "fragment F selects 600 fields, which exceeds the limit of 500"},
		{name: "exponential fragments", query: fanOut(30),
			msg: "query selects 3221225471 fields, which exceeds the limit of 500"},
		{name: "many operations, each within the limit", query: strings.Repeat(`query { `+repeat(450, "name")+` } `, 5),
			msg: "the document holds 2250 fields, which exceeds the limit of 2000"},
		{name: "many operations, within the document's limit", query: strings.Repeat(`query { `+repeat(400, "name")+` } `, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := graph.FieldLimit{Max: limit}.MutateOperationParameters(t.Context(),
				&graphql.RawParams{Query: tt.query, OperationName: tt.operation})
			switch {
			case tt.msg == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.msg != "" && err == nil:
				t.Errorf("let through; want %q", tt.msg)
			case err != nil && (err.Message != tt.msg || err.Extensions["code"] != graph.CodeTooManyFields):
				t.Errorf("%q %v; want %q %s", err.Message, err.Extensions["code"], tt.msg, graph.CodeTooManyFields)
			}
		})
	}
}

// A document in the server's query cache was checked before it got there: it is not
// parsed again; one that is not there is.
func TestFieldLimitSkipsParsedDocuments(t *testing.T) {
	big := `{ ` + strings.Repeat("name ", 600) + ` }`
	cache := lru.New[*ast.QueryDocument](10)
	limit := graph.FieldLimit{Max: 500, Parsed: cache}
	if err := limit.MutateOperationParameters(t.Context(), &graphql.RawParams{Query: big}); err == nil {
		t.Fatal("an unknown document of 600 fields was let through")
	}
	// Only a document that passed would be cached; this one stands for it, so that
	// skipping the parse is what the answer shows.
	cache.Add(t.Context(), big, &ast.QueryDocument{})
	if err := limit.MutateOperationParameters(t.Context(), &graphql.RawParams{Query: big}); err != nil {
		t.Errorf("a document in the query cache was checked again: %v", err)
	}
}

// GraphiQL's introspection query must pass the recommended limits, or GraphiQL
// cannot show the schema.
func TestLimitsLetIntrospectionThrough(t *testing.T) {
	doc := loadQuery(t, introspection.Query, false)
	opCtx := &graphql.OperationContext{Doc: doc}
	for _, ext := range []graphql.OperationContextMutator{
		graph.DepthLimit{Max: recommendedDepth},
		graph.FieldLimit{Max: recommendedFields},
	} {
		if err := ext.MutateOperationContext(context.Background(), opCtx); err != nil {
			t.Errorf("%T refuses the introspection query: %v", ext, err)
		}
	}
}

func TestLimitsRefuseBadConfiguration(t *testing.T) {
	for _, ext := range []graphql.HandlerExtension{graph.DepthLimit{}, graph.FieldLimit{Max: -1}} {
		if err := ext.Validate(nil); err == nil {
			t.Errorf("%#v: Validate accepted it", ext)
		}
	}
	for _, ext := range []graphql.HandlerExtension{graph.DepthLimit{Max: 1}, graph.FieldLimit{Max: 1}} {
		if err := ext.Validate(nil); err != nil {
			t.Errorf("%#v: %v", ext, err)
		}
	}
}

// Through a real gqlgen handler: the refused operation never executes, and the
// client gets the code.
func TestLimitsInHandler(t *testing.T) {
	var executed atomic.Int32
	es := &graphql.ExecutableSchemaMock{
		SchemaFunc: func() *ast.Schema { return limitSchema },
		ComplexityFunc: func(context.Context, string, string, int, map[string]any) (int, bool) {
			return 0, false
		},
		ExecFunc: func(ctx context.Context) graphql.ResponseHandler {
			executed.Add(1)
			return graphql.OneShot(&graphql.Response{Data: []byte(`{"name":null}`)})
		},
	}
	srv := handler.New(es)
	srv.AddTransport(transport.POST{})
	srv.Use(graph.DepthLimit{Max: recommendedDepth})
	srv.Use(graph.FieldLimit{Max: recommendedFields})

	for _, tt := range []struct {
		name, query, code string
	}{
		{"shallow", `{ name }`, ""},
		{"deep", `{ node { ` + nest(20) + ` } }`, graph.CodeDepthLimitExceeded},
		{"alias bomb", `{ ` + aliases(10000) + ` }`, graph.CodeTooManyFields},
		// Without the check before validation, gqlparser spends minutes on this one:
		// the test's timeout, not a time bound that a loaded machine or -race
		// would break, catches that regression.
		{"the same field 70,000 times", `{ ` + strings.Repeat("a: __typename ", 70000) + ` }`, graph.CodeTooManyFields},
	} {
		t.Run(tt.name, func(t *testing.T) {
			executed.Store(0)
			body, _ := json.Marshal(map[string]string{"query": tt.query})
			req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			var resp struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			if tt.code == "" {
				if len(resp.Errors) != 0 || executed.Load() != 1 {
					t.Errorf("errors %v, executed %d times; want it run once", resp.Errors, executed.Load())
				}
				return
			}
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != tt.code {
				t.Fatalf("errors %+v, want one with code %s", resp.Errors, tt.code)
			}
			if executed.Load() != 0 {
				t.Errorf("the refused operation executed")
			}
		})
	}
}
