package audit

import (
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"jixiao/domain/fixed"
	gen "jixiao/ent"
	"jixiao/ent/indicator"
)

// notInGraphQL are columns the API never shows: the trail names them in the same style.
var notInGraphQL = []string{"passwordHash", "tokenHash", "usernameKey", "path"}

// TestFieldsAsTheSchemaNamesThem: every column of every audited entity is named as
// graph/ent.graphql names it and written as a value of its GraphQL type.
func TestFieldsAsTheSchemaNamesThem(t *testing.T) {
	var sources []*ast.Source
	for _, name := range []string{"ent.graphql", "jixiao.graphql", "rulesets.graphql", "targets.graphql"} {
		src, err := os.ReadFile("../../graph/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: name, Input: string(src)})
	}
	schema, gqlErr := gqlparser.LoadSchema(sources...)
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	for _, row := range []any{&gen.APIToken{}, &gen.Department{}, &gen.DepartmentYear{}, &gen.Evaluation{},
		&gen.FundingLine{}, &gen.Indicator{}, &gen.KeyTask{}, &gen.LibraryIndicator{}, &gen.MonthlyExecution{}, &gen.Project{},
		&gen.ReportText{}, &gen.TargetVersion{}, &gen.MonitoringReport{}, &gen.RuleSet{}, &gen.User{}, &gen.Attachment{}} {
		filled(row)
		typ := reflect.TypeOf(row).Elem().Name()
		def := schema.Types[typ]
		if def == nil {
			t.Fatalf("no GraphQL type %s", typ)
		}
		for name, v := range Fields(row) {
			if slices.Contains(notInGraphQL, name) {
				continue
			}
			f := def.Fields.ForName(name)
			if f == nil {
				t.Errorf("%s.%s is not in the GraphQL schema", typ, name)
				continue
			}
			if v == nil {
				t.Errorf("%s.%s recorded as null though it holds a value", typ, name)
			} else if f.Type.Elem != nil { // a list (a library entry's tags) is written as the list it is
				if reflect.TypeOf(v).Kind() != reflect.Slice {
					t.Errorf("%s.%s (%s) recorded as %T %v, want a list", typ, name, f.Type, v, v)
				}
			} else if want := goKind(schema, f.Type.Name()); reflect.TypeOf(v).Kind() != want {
				t.Errorf("%s.%s (%s) recorded as %T %v, want a %v", typ, name, f.Type.Name(), v, v, want)
			}
		}
	}
}

// goKind is how a JSON value of the GraphQL type is held in Go.
func goKind(s *ast.Schema, typ string) reflect.Kind {
	switch {
	case typ == "Int":
		return reflect.Int64
	case typ == "Boolean":
		return reflect.Bool
	case s.Types[typ] != nil && (s.Types[typ].Kind == ast.Scalar || s.Types[typ].Kind == ast.Enum):
		return reflect.String // ID, String, Time, Decimal and enums
	}
	return reflect.Invalid
}

// filled gives every field of row a value: pointers a new zero value, times a date.
func filled(row any) {
	v := reflect.ValueOf(row).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		if f.Kind() == reflect.Pointer && f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
			f = f.Elem()
		}
		if f.Type() == reflect.TypeOf(time.Time{}) {
			f.Set(reflect.ValueOf(time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)))
		}
	}
}

// TestValues: values as the API writes them, "" and 0 kept, nil as null.
func TestValues(t *testing.T) {
	target := fixed.MustParse("1829.4")
	op := indicator.OperatorAtLeast
	got := Fields(&gen.Indicator{
		CreatedAt: time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CST", 8*3600)),
		Weight:    fixed.FromInt(42), Target: &target, Operator: &op, DepartmentYearID: 7, Position: 0, Unit: "",
	})
	want := map[string]any{
		"createdAt": "2024-05-05T23:08:09.123456Z", "updatedAt": nil, "version": int64(0),
		"departmentYearID": "7", "projectID": nil, "position": int64(0), "level1": "", "level2": "", "name": "",
		"kind": "", "operator": "GE", "target": "1829.40", "unit": "", "weight": "42.00", "actual": nil,
		"binding": nil, "rating": nil, "ratedScore": nil, "deviationReason": "", "scoringCriteria": "",
		"libraryIndicatorID": nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Fields =\n%v\nwant\n%v", got, want)
	}
}

func TestDiff(t *testing.T) {
	row := map[string]any{"name": "a", "updatedAt": "t1", "passwordHash": "x", "version": int64(1)}
	for _, c := range []struct {
		name          string
		before, after map[string]any
		want          int
	}{
		{"create keeps every field", nil, row, 4},
		{"delete keeps every field", row, nil, 4},
		{"bookkeeping only", row, map[string]any{"name": "a", "updatedAt": "t2", "passwordHash": "x", "version": int64(1)}, 0},
		{"hidden change", row, map[string]any{"name": "a", "updatedAt": "t2", "passwordHash": "y", "version": int64(2)}, 2},
	} {
		got := diff(c.before, c.after)
		if len(got) != c.want {
			t.Errorf("%s: %d changes %+v, want %d", c.name, len(got), got, c.want)
		}
		for _, f := range got {
			if f.Field == "passwordHash" && (f.Before == "x" || f.After == "y") {
				t.Errorf("%s: a hash entered the trail: %+v", c.name, f)
			}
		}
	}
}
