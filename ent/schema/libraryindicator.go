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

// LibraryIndicator is an entry of the indicator library (指标库): an indicator as it is
// usually written, which editors add to a department-year or a project in one step
// instead of typing it. COMMON entries are the finance bureau's, read by everyone
// signed in once APPROVED; DEPARTMENT entries belong to a department and are read by
// its subtree. A department proposes one of its entries to the common library
// (DRAFT or RETURNED → PROPOSED); the bureau approves it (→ APPROVED, and COMMON) or
// returns it with a comment (→ RETURNED). Each step is a LibraryTransition.
type LibraryIndicator struct{ ent.Schema }

func (LibraryIndicator) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}}
}

func (LibraryIndicator) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("scope").Values("COMMON", "DEPARTMENT").
			Comment("COMMON: the finance bureau's library; DEPARTMENT: one department's own entries").
			Annotations(entgql.OrderField("SCOPE"), entgql.Type("LibraryScope"), entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Int("department_id").Optional().Nillable().Immutable().
			Comment("the department that owns a DEPARTMENT entry, or that proposed a COMMON one"),
		field.String("level1").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Comment("一级指标").
			Annotations(entgql.OrderField("LEVEL1")),
		field.String("level2").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Comment("二级指标").
			Annotations(entgql.OrderField("LEVEL2")),
		field.String("name").NotEmpty().Validate(maxChars(300)).Annotations(columnSize(300)).Comment("三级指标").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("QUANTITATIVE", "QUALITATIVE").
			Annotations(entgql.OrderField("KIND"), entgql.Type("IndicatorKind")),
		field.Enum("operator").NamedValues("AtLeast", "GE", "Above", "GT", "Equal", "EQ", "AtMost", "LE", "Below", "LT").Optional().Nillable().
			Comment("计算符号; quantitative only").
			Annotations(entgql.Type("Operator")),
		field.String("unit").Default("").Validate(maxChars(20)).Annotations(columnSize(20)).Comment("计量单位"),
		field.Text("scoring_criteria").Default("").Validate(maxChars(maxReason)).Comment("评（扣）分标准"),
		field.Enum("binding").Values("EXECUTION_RATE", "CARRYOVER_RATE", "ASSET_UTILIZATION", "PUBLIC_FUNDS_CONTROL", "THREE_PUBLIC_CONTROL").
			Optional().Nillable().
			Comment("the formula an overall indicator made from the entry takes its actual value from").
			Annotations(entgql.Type("FormulaBinding")),
		decimal(field.Int64("target_min").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxQuantity, false))).
			Comment("the typical target range's low end (quantitative)"),
		decimal(field.Int64("target_max").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxQuantity, false))).
			Comment("the typical target range's high end (quantitative)"),
		decimal(field.Int64("weight").Optional().Nillable().Validate(positive).Validate(fixed.AtMost(fixed.MaxWeight, false))).
			Comment("the weight (分值) usually given; an indicator added without one weighs 1 until the editor sets it"),
		field.JSON("tags", []string{}).Default([]string{}).
			Comment("function and industry tags (职能、行业), e.g. 部门整体, 教育: at most 10, each at most 20 characters"),
		field.Enum("status").Values("DRAFT", "PROPOSED", "APPROVED", "RETURNED").Default("DRAFT").
			Comment("where a proposal to the common library stands").
			Annotations(entgql.OrderField("STATUS"), entgql.Type("LibraryStatus"), noInput),
		field.Text("review_comment").Default("").Validate(maxChars(maxDescription)).
			Comment("the bureau's comment when approving or returning").
			Annotations(noInput),
	}
}

func (LibraryIndicator) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department", Department.Type).Ref("library_indicators").Field("department_id").
			Unique().Immutable(),
		// Where the entry is used: the indicators made from it.
		edge.To("indicators", Indicator.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Listed in order by a hand-written field (graph/library.graphql).
		edge.To("transitions", LibraryTransition.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (LibraryIndicator) Indexes() []ent.Index {
	return []ent.Index{index.Fields("scope", "status"), index.Fields("department_id")}
}

func (LibraryIndicator) Annotations() []schema.Annotation { return graphQL() }

func (LibraryIndicator) Hooks() []ent.Hook {
	return []ent.Hook{libraryRules(), uniqueCommonEntry(), recordLibraryTransition(), libraryDeletes()}
}

func (LibraryIndicator) Policy() ent.Policy { return access.Library() }

// LibraryTransition is one step of a library entry's proposal: who moved it from
// what to what, when, with which comment. Written by a hook, never by a caller.
type LibraryTransition struct{ ent.Schema }

func (LibraryTransition) Fields() []ent.Field {
	statuses := []string{"DRAFT", "PROPOSED", "APPROVED", "RETURNED"}
	return []ent.Field{
		field.Int("library_indicator_id").Immutable(),
		field.Enum("from").Values(statuses...).Immutable(),
		field.Enum("to").Values(statuses...).Immutable(),
		field.Text("comment").Default("").Validate(maxChars(maxDescription)).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("actor_name").Default("").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

func (LibraryTransition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("library_indicator", LibraryIndicator.Type).Ref("transitions").Field("library_indicator_id").
			Unique().Required().Immutable(),
	}
}

func (LibraryTransition) Policy() ent.Policy { return access.Recorded() }

func (LibraryTransition) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput)}
}
