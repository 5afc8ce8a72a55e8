package graph

import (
	"context"
	"fmt"
	"math"

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
//	srv.Use(graph.FieldLimit{Max: 500})
type FieldLimit struct{ Max int }

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
func (l FieldLimit) MutateOperationParameters(_ context.Context, params *graphql.RawParams) *gqlerror.Error {
	if params == nil || params.Query == "" {
		return nil
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
