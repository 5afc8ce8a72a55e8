//go:build ignore

// entc generates the ent client and, through the entgql extension, graph/ent.graphql.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeatureModifier,
			gen.FeatureLock,
			gen.FeatureExecQuery,
			// Every id names its table (a 2^32 range per type), so node(id:) works.
			gen.FeatureGlobalID,
			// Read filters and write rules live in the schemas' policies (package access).
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			// intercept.Query.WhereP: the read rules filter every query through one generic predicate.
			gen.FeatureIntercept,
		},
	}, entc.Extensions(ex), entc.TemplateFiles("template/dialect.tmpl"))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
