package schema

import (
	"entgo.io/ent/dialect/entsql"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"jixiao/platform/access"
)

// APIToken lets an integration read through the API with `Authorization: Bearer`.
// Tokens are read-only, optionally limited to a department subtree; only the
// SHA-256 of the token is stored, and it is shown once, when created.
type APIToken struct{ ent.Schema }

func (APIToken) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Annotations(entgql.OrderField("NAME")),
		field.String("prefix").Immutable().Comment("the token's first characters, to recognise it"),
		field.String("token_hash").Sensitive().Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("department_id").Optional().Nillable().Immutable().
			Comment("limits the token to this department's subtree"),
		field.Int("created_by_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
	}
}

func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		// A scoped token keeps its department: deleting the department is refused while
		// a live token names it (no SET NULL, which would widen it to every department).
		edge.To("department", Department.Type).Field("department_id").Unique().Immutable().
			Annotations(entsql.OnDelete(entsql.NoAction)),
		edge.To("created_by", User.Type).Field("created_by_id").Unique().Required().Immutable(),
	}
}

func (APIToken) Policy() ent.Policy { return access.AdminOnly() }

func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField("apiTokens"), entgql.RelayConnection(), entgql.MultiOrder()}
}
