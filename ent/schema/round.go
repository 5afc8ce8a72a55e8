package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/rounds"
	"jixiao/platform/access"
)

// Round is a piece of work the finance bureau gives a set of departments with a
// deadline (工作布置): the 2023 self-evaluation, the 2024 half-year monitoring. Each
// department's part is a RoundParticipant; where it stands is computed from its
// submissions (domain/rounds), never stored.
type Round struct{ ent.Schema }

func (Round) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (Round) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("kind").Values(string(rounds.SelfEvaluation), string(rounds.Monitoring)).Immutable().
			Annotations(entgql.Type("RoundKind"), entgql.OrderField("KIND")).
			Comment("SELF_EVALUATION: the year's self-evaluation (自评); MONITORING: mid-year monitoring (绩效运行监控)"),
		field.Int("year").Min(2000).Max(2100).Immutable().Annotations(entgql.OrderField("YEAR")).
			Comment("the budget year the work is about"),
		field.String("name").NotEmpty().Validate(maxChars(200)).Annotations(columnSize(200), entgql.OrderField("NAME")),
		field.Time("opens_at").Annotations(entgql.OrderField("OPENS_AT")).
			Comment("when the work starts (UTC)"),
		field.Time("deadline").Annotations(entgql.OrderField("DEADLINE")).
			Comment("the last moment a submission is on time (UTC; shown in Asia/Shanghai)"),
		field.String("point").Optional().Nillable().Immutable().
			Annotations(columnSize(10), entgql.Skip(entgql.SkipAll)).
			Comment("a MONITORING round's monitoring point (YYYY-MM-DD), as the bureau set it; null: derived from the deadline (rounds.PointOf)"),
		field.Enum("status").Values(string(rounds.Open), string(rounds.Closed)).Default(string(rounds.Open)).
			Annotations(entgql.Type("RoundStatus"), entgql.OrderField("STATUS"), noInput),
		field.Time("closed_at").Optional().Nillable().Annotations(noInput),
		field.Int("created_by_id").Optional().Nillable().Immutable().
			Annotations(noInput, entgql.Skip(entgql.SkipWhereInput), entgql.Type("ID")),
		field.String("created_by_name").Default("").Immutable().Annotations(noInput),
	}
}

func (Round) Edges() []ent.Edge {
	return []ent.Edge{
		// Listed with their statuses by a hand-written field (graph/rounds.graphql).
		edge.To("participants", RoundParticipant.Type).Annotations(entgql.Skip(entgql.SkipType, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Round) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "deadline"), index.Fields("year", "kind")}
}

func (Round) Annotations() []schema.Annotation {
	// Read and listed like the data; written only by the rounds' own mutations
	// (graph/rounds.graphql).
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}

func (Round) Policy() ent.Policy { return access.Rounds() }

// RoundParticipant is one department's part in a round: it must submit its
// overall evaluation of the round's year and, when projects is set, its projects'.
type RoundParticipant struct{ ent.Schema }

func (RoundParticipant) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (RoundParticipant) Fields() []ent.Field {
	return []ent.Field{
		field.Int("round_id").Immutable(),
		field.Int("department_id").Immutable(),
		field.Bool("projects").Default(false).
			Comment("whether the department must submit its projects' evaluations too"),
	}
}

func (RoundParticipant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("round", Round.Type).Ref("participants").Field("round_id").Unique().Required().Immutable(),
		edge.From("department", Department.Type).Ref("round_participants").Field("department_id").Unique().Required().Immutable(),
	}
}

func (RoundParticipant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("round_id", "department_id").Unique(), index.Fields("department_id")}
}

func (RoundParticipant) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

func (RoundParticipant) Policy() ent.Policy { return access.Rounds() }
