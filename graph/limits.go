package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Codes of the operations DepthLimit and FieldLimit refuse.
const (
	CodeDepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED"
	CodeTooManyFields      = "TOO_MANY_FIELDS"
)

// DepthLimit refuses, before it runs, an operation whose selections nest deeper than
// Max: `{ a }` has depth 1, `{ a { b } }` depth 2. Fragments and inline fragments
// add no depth of their own; their fields count where they are spread.
//
// The introspection roots __schema and __type count as depth 1 whatever they
// select: GraphiQL's introspection query nests 15 deep (type { ofType { ofType … } }),
// the answer comes from the in-memory schema without touching the database,
// gqlparser's MaxIntrospectionDepth rule bounds its list nesting, and FieldLimit
// still counts every field in it.
//
//	srv.Use(graph.DepthLimit{Max: 12})
type DepthLimit struct{ Max int }

// FieldLimit refuses an operation that selects more than Max fields in all,
// counting every alias and every field of a fragment each time it is spread. It
// stops alias bombs (`{ a1: __typename a2: __typename … }`) and fragment fan-outs
// that a complexity limit prices at one each.
//
// It looks twice. Before gqlgen parses and validates the document it parses it
// itself and refuses it when any operation or fragment in it selects more than Max
// fields, or when the document holds more than 4×Max fields as written: gqlparser's
// OverlappingFieldsCanBeMerged rule compares same-named fields pairwise, and a
// 1 MB document of `a: __typename` repeated keeps it busy for minutes. After
// validation it measures the operation that will run.
//
// Register it after extension.AutomaticPersistedQuery, which fills in the query
// text of a request that sends only its hash:
//
//	srv.Use(graph.FieldLimit{Max: 500, Parsed: queryCache})
type FieldLimit struct {
	Max int
	// Parsed is the server's query cache (optional): a document in it was parsed
	// and validated before, after passing this check, so it is not parsed again
	// (that parse was a twentieth of a small query's allocations).
	Parsed graphql.Cache[*ast.QueryDocument]
}

// documentFactor times FieldLimit.Max is how many fields a document may hold as
// written, in all its operations and fragments.
const documentFactor = 4

var (
	_ interface {
		graphql.HandlerExtension
		graphql.OperationContextMutator
	} = DepthLimit{}
	_ interface {
		graphql.HandlerExtension
		graphql.OperationParameterMutator
		graphql.OperationContextMutator
	} = FieldLimit{}
)

// ExtensionName implements graphql.HandlerExtension.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate implements graphql.HandlerExtension.
func (l DepthLimit) Validate(graphql.ExecutableSchema) error {
	if l.Max < 1 {
		return fmt.Errorf("DepthLimit: Max must be at least 1, got %d", l.Max)
	}
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator: it refuses
// the operation when it nests deeper than the limit.
func (l DepthLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := operation(opCtx)
	if op == nil {
		return nil
	}
	if d := newMeasure(opCtx.Doc).depth(op.SelectionSet); d > l.Max {
		return limitError(CodeDepthLimitExceeded, "query depth %d exceeds the limit of %d", d, l.Max)
	}
	return nil
}

// ExtensionName implements graphql.HandlerExtension.
func (FieldLimit) ExtensionName() string { return "FieldLimit" }

// Validate implements graphql.HandlerExtension.
func (l FieldLimit) Validate(graphql.ExecutableSchema) error {
	if l.Max < 1 {
		return fmt.Errorf("FieldLimit: Max must be at least 1, got %d", l.Max)
	}
	return nil
}

// MutateOperationParameters implements graphql.OperationParameterMutator: it
// refuses, before gqlgen validates it, a document that would be costly to validate.
// A document that does not parse is left to gqlgen to report.
func (l FieldLimit) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if params == nil || params.Query == "" {
		return nil
	}
	if l.Parsed != nil {
		if _, ok := l.Parsed.Get(ctx, params.Query); ok {
			return nil
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		return nil
	}
	m := newMeasure(doc)
	selected := doc.Operations.ForName(params.OperationName)
	if selected != nil {
		if n := m.fields(selected.SelectionSet); n > l.Max {
			return tooManyFields("query selects", n, l.Max)
		}
	}
	written := 0
	for _, op := range doc.Operations {
		written = addSat(written, m.written(op.SelectionSet))
		if op == selected {
			continue
		}
		if n := m.fields(op.SelectionSet); n > l.Max {
			what := "an operation selects"
			if op.Name != "" {
				what = "operation " + op.Name + " selects"
			}
			return tooManyFields(what, n, l.Max)
		}
	}
	for _, f := range doc.Fragments {
		written = addSat(written, m.written(f.SelectionSet))
		if n := m.fields(ast.SelectionSet{&ast.FragmentSpread{Name: f.Name, Definition: f}}); n > l.Max {
			return tooManyFields("fragment "+f.Name+" selects", n, l.Max)
		}
	}
	if limit := documentFactor * l.Max; written > limit {
		return limitError(CodeTooManyFields, "the document holds %d fields, which exceeds the limit of %d", written, limit)
	}
	return nil
}

func tooManyFields(what string, n, limit int) *gqlerror.Error {
	return limitError(CodeTooManyFields, "%s %d fields, which exceeds the limit of %d", what, n, limit)
}

// MutateOperationContext implements graphql.OperationContextMutator: it refuses
// the operation when it selects more fields than the limit.
func (l FieldLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := operation(opCtx)
	if op == nil {
		return nil
	}
	if n := newMeasure(opCtx.Doc).fields(op.SelectionSet); n > l.Max {
		return tooManyFields("query selects", n, l.Max)
	}
	return nil
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// operation is the operation the request runs: the executor has found it by the
// time extensions run, but look it up if not.
func operation(opCtx *graphql.OperationContext) *ast.OperationDefinition {
	if opCtx == nil {
		return nil
	}
	if opCtx.Operation != nil {
		return opCtx.Operation
	}
	if opCtx.Doc == nil {
		return nil
	}
	return opCtx.Doc.Operations.ForName(opCtx.OperationName)
}

// measure walks an operation's selections with each named fragment measured once
// (a fragment spread a thousand times costs one walk, so a document whose fragments
// fan out exponentially is measured in linear time) and a fragment that spreads
// itself, directly or not, counted as empty instead of followed for ever.
type measure struct {
	doc          *ast.QueryDocument
	fragDepth    map[string]int
	fragFields   map[string]int
	depthOnPath  map[string]bool
	fieldsOnPath map[string]bool
}

func newMeasure(doc *ast.QueryDocument) *measure {
	return &measure{
		doc:          doc,
		fragDepth:    map[string]int{},
		fragFields:   map[string]int{},
		depthOnPath:  map[string]bool{},
		fieldsOnPath: map[string]bool{},
	}
}

// fragment is the definition a spread names, from validation or by name.
func (m *measure) fragment(s *ast.FragmentSpread) *ast.FragmentDefinition {
	if s.Definition != nil {
		return s.Definition
	}
	if m.doc == nil {
		return nil
	}
	return m.doc.Fragments.ForName(s.Name)
}

// depth is how deep the selection set nests fields.
func (m *measure) depth(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == "__schema" || sel.Name == "__type" {
				d = 1 // introspection: see DepthLimit
				break
			}
			d = 1 + m.depth(sel.SelectionSet)
		case *ast.InlineFragment:
			d = m.depth(sel.SelectionSet)
		case *ast.FragmentSpread:
			if known, ok := m.fragDepth[sel.Name]; ok {
				d = known
				break
			}
			def := m.fragment(sel)
			if def == nil || m.depthOnPath[sel.Name] {
				break
			}
			m.depthOnPath[sel.Name] = true
			d = m.depth(def.SelectionSet)
			delete(m.depthOnPath, sel.Name)
			m.fragDepth[sel.Name] = d
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// fields is how many fields the selection set selects, fragments expanded. The
// count saturates at math.MaxInt rather than overflowing.
func (m *measure) fields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			n = addSat(n, addSat(1, m.fields(sel.SelectionSet)))
		case *ast.InlineFragment:
			n = addSat(n, m.fields(sel.SelectionSet))
		case *ast.FragmentSpread:
			if known, ok := m.fragFields[sel.Name]; ok {
				n = addSat(n, known)
				break
			}
			def := m.fragment(sel)
			if def == nil || m.fieldsOnPath[sel.Name] {
				break
			}
			m.fieldsOnPath[sel.Name] = true
			k := m.fields(def.SelectionSet)
			delete(m.fieldsOnPath, sel.Name)
			m.fragFields[sel.Name] = k
			n = addSat(n, k)
		}
	}
	return n
}

// written is how many fields the selection set holds as written: fragments
// spread are not expanded, inline fragments are part of it.
func (m *measure) written(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			n = addSat(n, addSat(1, m.written(sel.SelectionSet)))
		case *ast.InlineFragment:
			n = addSat(n, m.written(sel.SelectionSet))
		}
	}
	return n
}

func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// MaxResponseBytes bounds the data of one response: beyond it the request gets a
// RESPONSE_TOO_LARGE error instead. The complexity limit counts rows, not bytes;
// this counts bytes.
const MaxResponseBytes = 16 << 20 // 16 MiB

// CodeResponseTooLarge is the code of a response ResponseLimit cut short.
const CodeResponseTooLarge = "RESPONSE_TOO_LARGE"

// ResponseLimit refuses a response whose data would take more than Max bytes of
// JSON. It counts each field's value as the field is resolved, before it is
// marshalled: once the total passes Max, the fields still to come resolve to
// nothing (no database reads, no data kept), and the response is replaced by one
// error. So the server holds at most about Max bytes of the response at a time
// (plus the rows of the page being resolved), not the whole of it.
//
// A mutation whose answer is too large is rolled back with the rest of it.
//
//	srv.Use(graph.ResponseLimit{Max: graph.MaxResponseBytes})
type ResponseLimit struct{ Max int64 }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = ResponseLimit{}

// responseBudget is what is left of one response's bytes; fields resolve concurrently.
type responseBudget struct {
	left atomic.Int64
	over atomic.Bool
}

type budgetKey struct{}

// ExtensionName implements graphql.HandlerExtension.
func (ResponseLimit) ExtensionName() string { return "ResponseLimit" }

// Validate implements graphql.HandlerExtension.
func (l ResponseLimit) Validate(graphql.ExecutableSchema) error {
	if l.Max < 1 {
		return fmt.Errorf("ResponseLimit: Max must be at least 1, got %d", l.Max)
	}
	return nil
}

// InterceptResponse implements graphql.ResponseInterceptor: it gives the response
// its budget and, when the fields overran it, answers the one error instead.
func (l ResponseLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	b := &responseBudget{}
	b.left.Store(l.Max)
	resp := next(context.WithValue(ctx, budgetKey{}, b))
	if resp == nil || !b.over.Load() {
		return resp
	}
	return &graphql.Response{Errors: gqlerror.List{l.tooLarge()}}
}

func (l ResponseLimit) tooLarge() *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("the response would be larger than %d bytes; ask for fewer rows or fields", l.Max),
		Extensions: map[string]any{"code": CodeResponseTooLarge, "limit": l.Max},
	}
}

// InterceptField implements graphql.FieldInterceptor: it charges each value to the
// budget and stops resolving once the budget is spent.
func (l ResponseLimit) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	b, _ := ctx.Value(budgetKey{}).(*responseBudget)
	if b == nil {
		return next(ctx)
	}
	if b.over.Load() {
		return graphql.Null, nil // the response is refused: skip the work, keep nothing
	}
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	if b.left.Add(-jsonSize(graphql.GetFieldContext(ctx), res)) >= 0 {
		return res, nil
	}
	if b.over.CompareAndSwap(false, true) {
		return nil, l.tooLarge()
	}
	return graphql.Null, nil
}

// jsonSize estimates the bytes a field adds to the response: its key and, for a
// leaf, its value. An object's fields are charged as they resolve. It must be
// cheap: it runs for every field, and resolvers that fall behind a loader's wait
// window start another batch.
func jsonSize(fc *graphql.FieldContext, v any) int64 {
	n := int64(4) // quotes, colon, comma
	if fc != nil {
		n += int64(len(fc.Field.Alias))
		if len(fc.Field.Selections) > 0 {
			return n
		}
	}
	return n + valueSize(v)
}

// valueSize is about the bytes of v as JSON: exact for text, a bound for numbers.
func valueSize(v any) int64 {
	switch v := v.(type) {
	case nil:
		return 4
	case string:
		return int64(len(v)) + 2
	case *string:
		if v == nil {
			return 4
		}
		return int64(len(*v)) + 2
	case time.Time, *time.Time:
		return 40
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String: // enums
		return int64(rv.Len()) + 2
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return 24 // decimals, ids, counts
	case reflect.Pointer:
		if rv.IsNil() {
			return 4
		}
		return valueSize(rv.Elem().Interface())
	case reflect.Slice:
		var n int64 = 2
		for i := range rv.Len() {
			n += valueSize(rv.Index(i).Interface()) + 1
		}
		return n
	}
	b, err := json.Marshal(v) // maps and the like: an audit record's before and after
	if err != nil {
		return 24
	}
	return int64(len(b))
}
