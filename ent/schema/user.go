package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"jixiao/access"
)

// User is a person who signs in. Each has one role; an editor edits one department subtree.
type User struct{ ent.Schema }

func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (User) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("username").NotEmpty().MaxLen(64).Unique().
			Annotations(entgql.OrderField("USERNAME")),
		field.String("display_name").Default("").MaxLen(100),
		field.Enum("role").Values("ADMIN", "REVIEWER", "EDITOR", "ANALYST").
			Annotations(entgql.Type("Role"), entgql.OrderField("ROLE")),
		field.Int("department_id").Optional().Nillable().
			Comment("an editor's department: the root of the subtree they edit"),
		// An argon2id hash; the password itself is never stored or logged.
		field.String("password_hash").Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("disabled").Default(false),
		field.Int("failed_logins").Default(0).Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("locked_until").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("last_login_at").Optional().Nillable().Annotations(noInput),
	}
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("department", Department.Type).Field("department_id").Unique(),
	}
}

func (User) Policy() ent.Policy { return access.AdminOnly() }

func (User) Hooks() []ent.Hook { return []ent.Hook{userRules()} }

func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}
