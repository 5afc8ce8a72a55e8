package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"jixiao/platform/access"
)

// Transition is one step of an evaluation's review workflow, recorded by a hook
// whenever its status changes.
type Transition struct{ ent.Schema }

func (Transition) Fields() []ent.Field {
	statuses := []string{"DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"}
	return []ent.Field{
		field.Int("evaluation_id").Immutable(),
		field.Enum("from").Values(statuses...).Immutable(),
		field.Enum("to").Values(statuses...).Immutable(),
		field.Text("comment").Default("").Validate(maxChars(maxDescription)).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("actor_name").Default("").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

func (Transition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("evaluation", Evaluation.Type).Ref("transitions").Field("evaluation_id").
			Unique().Required().Immutable(),
	}
}

func (Transition) Policy() ent.Policy { return access.Recorded() }

func (Transition) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput)}
}
