package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/fixed"
	"jixiao/platform/access"
)

// Indicator is a performance indicator (绩效指标) of a department-year (overall, no
// project) or of one of its projects. Its computed values (score, attainment…) are
// kept in columns by package kept, from target, actual and weight by the rules of
// package scoring, in the transaction of every change they depend on. Rules that
// span several fields (kind against operator, rating band…) are checked by a hook.
type Indicator struct{ ent.Schema }

func (Indicator) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (Indicator) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("project_id").Optional().Nillable().Immutable().
			Comment("null for a department-year (overall) indicator"),
		field.Int("library_indicator_id").Optional().Nillable().Immutable().
			Comment("the library entry the indicator was made from, if any: where the library's entries are used"),
		field.Int("position").Default(0).Annotations(entgql.OrderField("POSITION")),
		field.String("level1").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Comment("一级指标, e.g. 产出指标").
			Annotations(entgql.OrderField("LEVEL1")),
		field.String("level2").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Comment("二级指标, e.g. 数量指标").
			Annotations(entgql.OrderField("LEVEL2")),
		field.String("name").NotEmpty().Validate(maxChars(300)).Annotations(columnSize(300)).Comment("三级指标").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("QUANTITATIVE", "QUALITATIVE").
			Annotations(entgql.OrderField("KIND"), entgql.Type("IndicatorKind")),
		field.Enum("operator").NamedValues("AtLeast", "GE", "Above", "GT", "Equal", "EQ", "AtMost", "LE", "Below", "LT").Optional().Nillable().
			Comment("计算符号: ≥ > = ≤ <; quantitative only").
			Annotations(entgql.Type("Operator")),
		decimal(field.Int64("target").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxQuantity, false))).
			Comment("年度指标值; quantitative only").
			Annotations(entgql.OrderField("TARGET")),
		field.String("unit").Default("").Validate(maxChars(20)).Annotations(columnSize(20)).Comment("计量单位, e.g. %, 人次, 篇"),
		decimal(field.Int64("weight").Validate(positive).Validate(fixed.AtMost(fixed.MaxWeight, false)).Comment("分值")).
			Annotations(entgql.OrderField("WEIGHT")),
		decimal(field.Int64("actual").Optional().Nillable().Validate(fixed.AtMost(fixed.MaxQuantity, true))).
			Comment("实际完成值 as typed; null for a bound indicator, whose actual is derived").
			Annotations(entgql.OrderField("ACTUAL")),
		field.Enum("binding").Values("EXECUTION_RATE", "CARRYOVER_RATE", "ASSET_UTILIZATION", "PUBLIC_FUNDS_CONTROL", "THREE_PUBLIC_CONTROL").
			Optional().Nillable().
			Comment("formula deriving the actual value (percent) from the department-year figures").
			Annotations(entgql.Type("FormulaBinding")),
		field.Enum("rating").Values("ACHIEVED", "PARTIAL", "NOT_ACHIEVED").Optional().Nillable().
			Comment("qualitative only: 达成 / 部分达成 / 未达成").
			Annotations(entgql.Type("Rating")),
		decimal(field.Int64("rated_score").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxWeight, false))).
			Comment("qualitative only: the evaluator's score, inside the rating's band"),
		field.Text("deviation_reason").Default("").Validate(maxChars(maxReason)).Comment("偏差原因分析"),
		field.Text("scoring_criteria").Default("").Validate(maxChars(maxReason)).
			Comment("评（扣）分标准: how the indicator is scored, in the form's words; the score itself follows the rules"),

		computedRate("effective_actual", "The actual value scoring uses: the typed actual, or for an indicator bound to a formula the value derived from its department-year's figures (percent, rounded to 6 decimals)."),
		computedRate("completion_rate", "effectiveActual / target in percent; null when qualitative, not yet entered, or target 0.", places(2)),
		computedDecimal("score", "得分, computed from the figures by the rules of SCORING.md.", places(2)),
		computedDecimal("attainment", "score / weight, 0 to 1.", places(4)),
		computed(field.Bool("deviation_required").Default(false).Comment("Whether a deviation reason (偏差原因分析) is required before submission.")),
	}
}

func (Indicator) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("indicators").Field("department_year_id").
			Unique().Required().Immutable(),
		edge.From("project", Project.Type).Ref("indicators").Field("project_id").
			Unique().Immutable(),
		edge.From("library_indicator", LibraryIndicator.Type).Ref("indicators").Field("library_indicator_id").
			Unique().Immutable(),
		// Its evidence, read through Indicator.attachments (graph/evidence.graphql).
		edge.To("attachments", Attachment.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		// Read through Indicator.reviewScore and Evaluation.rectifications (graph/review.graphql).
		edge.To("review_score", ReviewScore.Type).Unique().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("rectifications", Rectification.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Indicator) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("department_year_id", "project_id", "position"),
		index.Fields("project_id"),
		index.Fields("library_indicator_id"),
		// The worst indicators tie at attainment 0 by the thousand: with id in the
		// index, ORDER BY attainment, id LIMIT 50 reads 50 entries on PostgreSQL
		// too, instead of sorting every tie.
		index.Fields("attainment", "id"),
		index.Fields("score", "id"),
	}
}

func (Indicator) Annotations() []schema.Annotation { return graphQL() }

func (Indicator) Hooks() []ent.Hook {
	return append([]ent.Hook{indicatorRules(), targetsFixed(), indicatorReviewDeletes(), indicatorDeletes()}, keptIndicator()...)
}

func (Indicator) Policy() ent.Policy { return access.Data() }
