package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/platform/access"
	"jixiao/platform/audit/change"
)

// AuditRecord is one change to one row: who made it, when, through which request,
// and each changed field's value before and after. Written by a hook in the same
// transaction as the change, so a change without its record cannot exist.
type AuditRecord struct{ ent.Schema }

func (AuditRecord) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Enum("actor_kind").Values("USER", "TOKEN", "SYSTEM").Immutable().
			Annotations(entgql.Type("ActorKind")),
		field.Int("actor_id").Optional().Nillable().Immutable().Comment("the user's or token's id"),
		field.String("actor_name").Default("").Immutable(),
		field.Enum("action").Values("CREATE", "UPDATE", "DELETE").Immutable().
			Annotations(entgql.Type("AuditAction"), entgql.OrderField("ACTION")),
		field.String("entity_type").Immutable().Annotations(entgql.OrderField("ENTITY_TYPE")),
		field.Int("entity_id").Immutable(),
		field.JSON("changes", []change.Field{}).Immutable().Annotations(entgql.Type("[FieldChange!]")),
		field.String("request_id").Default("").Immutable(),
	}
}

func (AuditRecord) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity_type", "entity_id"), index.Fields("actor_id"), index.Fields("at")}
}

func (AuditRecord) Policy() ent.Policy { return access.AuditTrail() }

func (AuditRecord) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}
