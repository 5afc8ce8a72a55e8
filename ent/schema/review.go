package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/fixed"
	"jixiao/platform/access"
)

// The finance bureau's review of a self-evaluation (domain/review): a reviewer's
// re-score of an indicator (复核评分), kept apart from the self-score, and the
// rectification items (整改) a reviewer raises, the department answers and the
// reviewer accepts or sends back.

// ReviewScore is a reviewer's current score of one indicator, with the reason. It
// never touches the indicator's own (self) score: the evaluation's review total
// sums the re-scores where there are any and the self-scores elsewhere. One per
// indicator; a change replaces it and the audit trail keeps each one.
type ReviewScore struct{ ent.Schema }

func (ReviewScore) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (ReviewScore) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("indicator_id").Immutable().Annotations(noInput),
		decimal(field.Int64("score").Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxWeight, false))).
			Comment("复核得分: 0 ≤ score ≤ the indicator's weight (checked by the hook)").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("reason").NotEmpty().Validate(maxChars(maxReason)).Annotations(noInput).
			Comment("why the reviewer scores it differently (复核意见); required"),
		field.Int("reviewer_id").Optional().Nillable().Annotations(noInput, entgql.Type("ID")),
		field.String("reviewer_name").Default("").Annotations(noInput),
	}
}

func (ReviewScore) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("indicator", Indicator.Type).Ref("review_score").Field("indicator_id").
			Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (ReviewScore) Annotations() []schema.Annotation {
	// Read through Indicator.reviewScore; written by rescoreIndicator and clearRescore.
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

func (ReviewScore) Hooks() []ent.Hook { return []ent.Hook{reviewScoreRules()} }

func (ReviewScore) Policy() ent.Policy { return access.Data() }

// Rectification statuses: raised OPEN, ANSWERED by the department, then ACCEPTED
// (closed) by a reviewer, or sent back to OPEN with a comment.
var rectificationStatuses = []string{"OPEN", "ANSWERED", "ACCEPTED"}

// Rectification is one rectification item (整改事项) a reviewer raises on an
// evaluation (optionally on one of its indicators): the issue, the measure
// required and the due date; the department's answer (measures taken, outcome);
// the reviewer's acceptance or rejection. Each step is a RectificationTransition.
//
// Evidence files for an answer (整改佐证材料) are attachments of the item
// (Attachment.rectification_id), attached by the department while it is OPEN.
type Rectification struct{ ent.Schema }

func (Rectification) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}}
}

func (Rectification) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("evaluation_id").Immutable().Annotations(noInput),
		field.Int("indicator_id").Optional().Nillable().Immutable().Annotations(noInput).
			Comment("the indicator the issue concerns, if one"),
		field.Text("issue").NotEmpty().Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("存在问题: what the reviewer found"),
		field.Text("requirement").NotEmpty().Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("整改要求: the measure required"),
		field.String("due_date").Validate(isDate).Annotations(columnSize(10), noInput, entgql.OrderField("DUE_DATE")).
			Comment("整改期限, YYYY-MM-DD: overdue after it while OPEN"),
		field.Enum("status").Values(rectificationStatuses...).Default("OPEN").
			Annotations(noInput, entgql.Type("RectificationStatus"), entgql.OrderField("STATUS")),
		field.Text("measures").Default("").Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("整改措施: the department's measures taken"),
		field.Text("outcome").Default("").Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("整改结果: what became of it"),
		field.Text("review_comment").Default("").Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("the reviewer's comment on the last acceptance or rejection"),
		field.Int("raised_by_id").Optional().Nillable().Immutable().Annotations(noInput, entgql.Type("ID")),
		field.String("raised_by_name").Default("").Immutable().Annotations(noInput),
		field.Int("answered_by_id").Optional().Nillable().Annotations(noInput, entgql.Type("ID")),
		field.String("answered_by_name").Default("").Annotations(noInput),
		field.Time("answered_at").Optional().Nillable().Annotations(noInput),
		field.Int("closed_by_id").Optional().Nillable().Annotations(noInput, entgql.Type("ID")),
		field.String("closed_by_name").Default("").Annotations(noInput),
		field.Time("closed_at").Optional().Nillable().Annotations(noInput),
	}
}

func (Rectification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("evaluation", Evaluation.Type).Ref("rectifications").Field("evaluation_id").
			Unique().Required().Immutable(),
		edge.From("indicator", Indicator.Type).Ref("rectifications").Field("indicator_id").
			Unique().Immutable(),
		edge.To("transitions", RectificationTransition.Type),
		// The answer's evidence, read through Rectification.attachments (graph/evidence.graphql).
		edge.To("attachments", Attachment.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Rectification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("evaluation_id"),
		index.Fields("indicator_id"),
		// The open items by due date: what is overdue.
		index.Fields("status", "due_date"),
	}
}

func (Rectification) Annotations() []schema.Annotation {
	// Listed by Query.rectifications (graph/review.graphql) with its own filters.
	return []schema.Annotation{entgql.RelayConnection(), entgql.MultiOrder(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

func (Rectification) Hooks() []ent.Hook {
	return []ent.Hook{rectificationRules(), recordRectificationTransition(), rectificationDeletes(), rectificationAttachmentDeletes()}
}

func (Rectification) Policy() ent.Policy { return access.Data() }

// RectificationTransition is one step of a rectification item: who moved it from
// what to what (from null when raised), when, with the reviewer's comment or the
// department's answer as it then stood. Written by a hook, never by a caller.
type RectificationTransition struct{ ent.Schema }

func (RectificationTransition) Fields() []ent.Field {
	return []ent.Field{
		field.Int("rectification_id").Immutable(),
		field.Enum("from").Values(rectificationStatuses...).Optional().Nillable().Immutable(),
		field.Enum("to").Values(rectificationStatuses...).Immutable(),
		field.Text("comment").Default("").Validate(maxChars(maxDescription)).Immutable(),
		field.Text("measures").Default("").Validate(maxChars(maxDescription)).Immutable(),
		field.Text("outcome").Default("").Validate(maxChars(maxDescription)).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable().Annotations(entgql.Type("ID")),
		field.String("actor_name").Default("").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

func (RectificationTransition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("rectification", Rectification.Type).Ref("transitions").Field("rectification_id").
			Unique().Required().Immutable(),
	}
}

func (RectificationTransition) Policy() ent.Policy { return access.Recorded() }

func (RectificationTransition) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput)}
}

// isDate accepts a calendar date written YYYY-MM-DD.
func isDate(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != len(time.DateOnly) {
		return dateError(s)
	}
	return nil
}
