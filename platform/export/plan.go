package export

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// Names the exporter adds to an operation it pages. They are ordinary GraphQL
// names that no screen uses; an operation that already uses one is refused by
// validation, as any clash would be.
const (
	firstVar  = "jixiaoExportFirst"
	afterVar  = "jixiaoExportAfter"
	pageAlias = "jixiaoExportPage"
	totalKey  = "jixiaoExportTotal"
)

// maxTokens bounds the parse of an operation, as the GraphQL server bounds its own.
const maxTokens = 15000

// plan is what an operation exports: the field whose rows become the file's
// rows, the columns of each row, and for a connection the operation rewritten to
// page through it.
type plan struct {
	root       string   // the target field's name: the default file name
	path       []string // response keys from data to the target field
	connection bool     // a Relay connection (paged), else a list (one answer)
	edges      string   // the response key of edges, in a connection
	node       string   // the response key of node, in an edge
	columns    []column

	// For a connection: the operation for the first page (which also asks for
	// totalCount when the connection has one) and for the pages after it, and the
	// variables that carry the page size and the cursor.
	firstQuery, nextQuery string
	firstName, afterName  string
	hasTotal              bool
	// nulled are variables the operation gave to last and before: set to null so
	// that the connection pages forward only.
	nulled []string
}

// column is one scalar leaf of a row, named by its path of response keys.
type column struct {
	keys  []string // empty for the value itself (a list of scalars)
	title string   // the header when keys is empty
	leaf  string   // the leaf's named type: Decimal, Int, Boolean, String, ID, an enum…
	// many: a list lies on the path (or the leaf is a list): the cell joins the values.
	many bool
}

func (c column) name() string {
	if len(c.keys) == 0 {
		return c.title
	}
	return strings.Join(c.keys, ".")
}

// badRequest is an operation the exporter cannot export; it is answered with
// the code and before anything else is written.
type badRequest struct{ code, field, msg string }

func (e *badRequest) Error() string { return e.msg }

// makePlan parses query (which the GraphQL executor has already accepted),
// finds the rows it selects and, for a connection, rewrites it to page.
func makePlan(schema *ast.Schema, query, operationName string) (*plan, error) {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, maxTokens)
	if err != nil {
		return nil, &badRequest{code: "GRAPHQL_PARSE_FAILED", msg: err.Error()}
	}
	validator.Walk(schema, doc, &validator.Events{}) // fills in each field's definition
	op := doc.Operations.ForName(operationName)
	if op == nil {
		return nil, &badRequest{code: codeBadRequest, msg: "the document has no operation to export; name one with operationName"}
	}
	if op.Operation != ast.Query {
		return nil, &badRequest{code: codeBadRequest, msg: "only a query can be exported, not a " + string(op.Operation)}
	}
	p := &plan{}
	target := p.find(doc, op.SelectionSet, nil)
	if target == nil {
		return nil, &badRequest{code: codeBadRequest, msg: "the query selects no connection (edges { node { … } }) and no list to export"}
	}
	p.root = target.Name
	def := target.Definition
	if !p.connection {
		p.columns = columnsOf(doc, []ast.SelectionSet{target.SelectionSet}, nil, false)
		if len(target.SelectionSet) == 0 { // a list of scalars: one column, the value itself
			p.columns = []column{{title: responseKey(target), leaf: def.Type.Name()}}
		}
	} else {
		edges := merged(doc, []ast.SelectionSet{target.SelectionSet}).named("edges")
		if edges == nil {
			return nil, &badRequest{code: codeBadRequest, msg: target.Name + ": select edges { node { … } } to export its rows"}
		}
		node := merged(doc, edges.sets).named("node")
		if node == nil {
			return nil, &badRequest{code: codeBadRequest, msg: target.Name + ": select edges { node { … } } to export its rows"}
		}
		p.edges, p.node = edges.key, node.key
		p.columns = columnsOf(doc, node.sets, nil, false)
		if err := p.rewrite(schema, doc, op, target); err != nil {
			return nil, err
		}
	}
	if len(p.columns) == 0 {
		return nil, &badRequest{code: codeBadRequest, msg: target.Name + ": the rows select no scalar field to export"}
	}
	return p, nil
}

// find walks the selections in document order for the first connection or
// list field, through fields of a single object (node(id:) { … on X { … } }).
func (p *plan) find(doc *ast.QueryDocument, set ast.SelectionSet, path []string) *ast.Field {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			def := sel.Definition
			if def == nil || strings.HasPrefix(sel.Name, "__") {
				continue
			}
			key := responseKey(sel)
			if def.Type.Elem != nil {
				p.path = append(append([]string{}, path...), key)
				return sel
			}
			if len(sel.SelectionSet) == 0 {
				continue
			}
			if strings.HasSuffix(def.Type.Name(), "Connection") && def.Arguments.ForName("after") != nil {
				p.path, p.connection = append(append([]string{}, path...), key), true
				return sel
			}
			if f := p.find(doc, sel.SelectionSet, append(path, key)); f != nil {
				return f
			}
		case *ast.InlineFragment:
			if f := p.find(doc, sel.SelectionSet, path); f != nil {
				return f
			}
		case *ast.FragmentSpread:
			if def := doc.Fragments.ForName(sel.Name); def != nil {
				if f := p.find(doc, def.SelectionSet, path); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

func responseKey(f *ast.Field) string {
	if f.Alias != "" {
		return f.Alias
	}
	return f.Name
}

// field is one response key of a selection: the fields selected under it, with
// fragments expanded and same-keyed fields merged, as GraphQL merges them.
type field struct {
	key  string
	name string
	def  *ast.FieldDefinition
	sets []ast.SelectionSet
}

type fieldList []*field

func (l fieldList) named(name string) *field {
	for _, f := range l {
		if f.name == name {
			return f
		}
	}
	return nil
}

// merged lists the fields of sets in the order they first appear. Fragments
// nested in each other are followed once per path (a cycle is invalid GraphQL
// and was refused before).
func merged(doc *ast.QueryDocument, sets []ast.SelectionSet) fieldList {
	var out fieldList
	byKey := map[string]*field{}
	var walk func(set ast.SelectionSet, depth int)
	walk = func(set ast.SelectionSet, depth int) {
		if depth > 64 {
			return
		}
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				key := responseKey(sel)
				f := byKey[key]
				if f == nil {
					f = &field{key: key, name: sel.Name, def: sel.Definition}
					byKey[key] = f
					out = append(out, f)
				}
				if len(sel.SelectionSet) > 0 {
					f.sets = append(f.sets, sel.SelectionSet)
				}
			case *ast.InlineFragment:
				walk(sel.SelectionSet, depth+1)
			case *ast.FragmentSpread:
				if def := doc.Fragments.ForName(sel.Name); def != nil {
					walk(def.SelectionSet, depth+1)
				}
			}
		}
	}
	for _, s := range sets {
		walk(s, 0)
	}
	return out
}

// columnsOf lists the scalar leaves under sets, in selection order, each named
// by its path. __typename is left out: it names GraphQL's types, not data.
func columnsOf(doc *ast.QueryDocument, sets []ast.SelectionSet, prefix []string, many bool) []column {
	var out []column
	for _, f := range merged(doc, sets) {
		if strings.HasPrefix(f.name, "__") || f.def == nil {
			continue
		}
		keys := append(append([]string{}, prefix...), f.key)
		list := many || f.def.Type.Elem != nil
		if len(f.sets) == 0 {
			out = append(out, column{keys: keys, leaf: f.def.Type.Name(), many: list})
			continue
		}
		out = append(out, columnsOf(doc, f.sets, keys, list)...)
	}
	return out
}

// rewrite makes the connection page forward: first and after become variables
// (the operation's own when it gave them as variables), last and before go, and
// the connection also asks for its pageInfo and, on the first page, its totalCount.
func (p *plan) rewrite(schema *ast.Schema, doc *ast.QueryDocument, op *ast.OperationDefinition, target *ast.Field) error {
	def := target.Definition
	var kept ast.ArgumentList
	for _, a := range target.Arguments {
		isVar := a.Value != nil && a.Value.Kind == ast.Variable
		switch a.Name {
		case "first":
			if isVar {
				p.firstName = a.Value.Raw
				kept = append(kept, a)
			}
		case "after":
			if isVar {
				p.afterName = a.Value.Raw
				kept = append(kept, a)
			}
		case "last", "before":
			if isVar {
				p.nulled = append(p.nulled, a.Value.Raw)
				kept = append(kept, a)
			}
		default:
			kept = append(kept, a)
		}
	}
	if def.Arguments.ForName("first") == nil {
		return &badRequest{code: codeBadRequest, msg: target.Name + ": the connection takes no first argument and cannot be paged"}
	}
	addVar := func(name, arg string) {
		kept = append(kept, &ast.Argument{Name: arg, Value: &ast.Value{Kind: ast.Variable, Raw: name}})
		op.VariableDefinitions = append(op.VariableDefinitions, &ast.VariableDefinition{
			Variable: name, Type: &ast.Type{NamedType: def.Arguments.ForName(arg).Type.Name()},
		})
	}
	if p.firstName == "" {
		p.firstName = firstVar
		addVar(firstVar, "first")
	}
	if p.afterName == "" {
		p.afterName = afterVar
		addVar(afterVar, "after")
	}
	target.Arguments = kept
	target.SelectionSet = append(target.SelectionSet, &ast.Field{
		Alias: pageAlias, Name: "pageInfo",
		SelectionSet: ast.SelectionSet{&ast.Field{Name: "hasNextPage"}, &ast.Field{Name: "endCursor"}},
	})
	p.nextQuery = format(doc)
	if conn := schema.Types[def.Type.Name()]; conn != nil && conn.Fields.ForName("totalCount") != nil {
		p.hasTotal = true
		target.SelectionSet = append(target.SelectionSet, &ast.Field{Alias: totalKey, Name: "totalCount"})
	}
	p.firstQuery = format(doc)
	return nil
}

func format(doc *ast.QueryDocument) string {
	var b bytes.Buffer
	formatter.NewFormatter(&b, formatter.WithCompacted()).FormatQueryDocument(doc)
	return b.String()
}

// variables are the operation's variables for one page.
func (p *plan) variables(base map[string]any, first int, after any) map[string]any {
	vars := make(map[string]any, len(base)+2)
	for k, v := range base {
		vars[k] = v
	}
	for _, name := range p.nulled {
		vars[name] = nil
	}
	vars[p.firstName] = first
	vars[p.afterName] = after
	return vars
}

func (p *plan) String() string {
	names := make([]string, len(p.columns))
	for i, c := range p.columns {
		names[i] = c.name()
	}
	return fmt.Sprintf("%s %v %v", p.root, p.path, names)
}
