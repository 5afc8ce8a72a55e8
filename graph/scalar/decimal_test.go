package scalar

import (
	"bytes"
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"jixiao/domain/fixed"
)

func TestMarshalDecimal(t *testing.T) {
	field := func(places string) context.Context {
		def := &ast.FieldDefinition{Name: "attainment"}
		if places != "" {
			def.Directives = ast.DirectiveList{{Name: "places", Arguments: ast.ArgumentList{{Name: "n", Value: &ast.Value{Kind: ast.IntValue, Raw: places}}}}}
		}
		return graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Definition: def}}})
	}
	tests := []struct {
		ctx       context.Context
		in, wants string
	}{
		{context.Background(), "1", `"1.00"`},
		{field(""), "0.874", `"0.874"`},
		{field("4"), "1", `"1.0000"`},
		{field("4"), "0.874", `"0.8740"`},
		{field("4"), "0.8753", `"0.8753"`},
		{field("2"), "87.5", `"87.50"`},
		{field("4"), "0.123456", `"0.123456"`}, // more places than declared are never cut off
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := MarshalDecimal(fixed.MustParse(tt.in)).MarshalGQLContext(tt.ctx, &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.wants {
			t.Errorf("%s: wrote %s, want %s", tt.in, b.String(), tt.wants)
		}
	}
}
