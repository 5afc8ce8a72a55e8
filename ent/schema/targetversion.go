package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/targets"
	"jixiao/platform/access"
)

// TargetVersion is one version of a department-year's performance targets
// (绩效目标): its indicator tree with targets and weights as filed before the year
// (FILING) or as a mid-year adjustment proposes it (ADJUSTMENT, with its reason),
// and the finance bureau's decision. A version is reviewed once and never deleted:
// the list of a year's versions is the history of its targets (domain/targets).
type TargetVersion struct{ ent.Schema }

func (TargetVersion) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (TargetVersion) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("number").Positive().Immutable().Annotations(noInput, entgql.OrderField("NUMBER")).
			Comment("1 for the first version of the year, one more with each"),
		field.Enum("kind").Values(string(targets.Filing), string(targets.Adjustment)).Immutable().
			Annotations(noInput, entgql.Type("TargetVersionKind")),
		field.Enum("status").Values(string(targets.Submitted), string(targets.Approved), string(targets.Returned)).
			Default(string(targets.Submitted)).
			Annotations(noInput, entgql.Type("TargetVersionStatus"), entgql.OrderField("STATUS")),
		field.Text("reason").Default("").Validate(maxChars(maxDescription)).Immutable().Annotations(noInput).
			Comment("an adjustment's reason (调整原因); a filing's note to the reviewer"),
		field.JSON("entries", []targets.Entry{}).Immutable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("the indicator tree as this version has it (graph: TargetVersion.entries)"),
		field.Int("submitted_by_id").Optional().Nillable().Immutable().Annotations(noInput, entgql.Skip(entgql.SkipWhereInput), entgql.Type("ID")),
		field.String("submitted_by_name").Default("").Immutable().Annotations(noInput),
		field.Text("review_comment").Default("").Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("the bureau's comment when approving or returning"),
		field.Int("reviewed_by_id").Optional().Nillable().Annotations(noInput, entgql.Skip(entgql.SkipWhereInput), entgql.Type("ID")),
		field.String("reviewed_by_name").Default("").Annotations(noInput),
		field.Time("reviewed_at").Optional().Nillable().Annotations(noInput),
	}
}

func (TargetVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("target_versions").Field("department_year_id").
			Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
	}
}

func (TargetVersion) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("department_year_id", "number").Unique(),
		// The reviewers' queue: the versions waiting, oldest first.
		index.Fields("status", "created_at"),
	}
}

func (TargetVersion) Annotations() []schema.Annotation {
	// Read and listed (the reviewers' queue) like the other data; written only by
	// the targets' own mutations (graph/targets.graphql).
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}

func (TargetVersion) Hooks() []ent.Hook {
	return []ent.Hook{targetVersionRules(), targetVersionDeletes()}
}

func (TargetVersion) Policy() ent.Policy { return access.Data() }
