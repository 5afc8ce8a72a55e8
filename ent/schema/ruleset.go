package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/platform/access"
)

// RuleSet is one version of the scoring rules a finance bureau keeps for a year,
// everywhere (region null) or in a department subtree (region: its root): the
// parameters of scoring.Rules, each a column. A department-year is scored by the
// latest version of the most specific set of its year (domain/kept); an
// evaluation under review or published keeps the version it was submitted with.
// Versions are never changed or deleted: a change is a new version (updateRuleSet),
// so that what scored an evaluation stays readable.
type RuleSet struct{ ent.Schema }

func (RuleSet) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

// ruleDecimal is a parameter in percent or points, 2 places at most (checked,
// with the ranges, by scoring.Rules.Validate in the hook).
func ruleDecimal(name, comment string) ent.Field {
	return decimal(field.Int64(name)).Immutable().Comment(comment)
}

func (RuleSet) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Validate(between(2000, 2100)).Immutable().Comment("the fiscal year it scores"),
		field.Int("region_id").Optional().Nillable().Immutable().
			Comment("the root of the department subtree it governs; null: every department"),
		field.Int("version").Positive().Immutable().
			Comment("1 for a new set, one more with each change of the set of the same year and region"),
		field.String("name").NotEmpty().Validate(maxChars(100)).Annotations(columnSize(100)).Immutable(),
		field.Text("sources").Default("").Validate(maxChars(maxDescription)).Immutable().
			Comment("where the parameters come from: the documents and forms they follow"),

		field.Enum("reverse_rule").Values("LINEAR", "RATIO").Immutable().
			Comment("a missed reverse indicator: LINEAR weight × (1 − (actual − target) / target), RATIO weight × target / actual").
			Annotations(entgql.Type("ReverseRule")),
		field.Bool("equal_like_at_least").Immutable().Comment("`=` scores like `≥`; otherwise only the target itself scores"),
		ruleDecimal("deviation_below", "a completion rate below it (percent) needs a deviation reason"),
		ruleDecimal("deviation_at_or_above", "a completion rate at or above it (percent) needs a deviation reason"),
		ruleDecimal("execution_explanation_below", "a project's execution rate below it (percent) needs an explanation"),
		ruleDecimal("execution_weight", "the project's fixed 预算执行率 item"),
		ruleDecimal("output_weight", "产出指标 in the standard split of a project"),
		ruleDecimal("benefit_weight", "效益指标 in the standard split"),
		ruleDecimal("satisfaction_weight", "满意度指标 in the standard split"),
		field.Bool("check_weight_split").Immutable().Comment("submitting a project's evaluation checks the standard split"),
		ruleDecimal("excellent_from", "the lowest total graded 优"),
		ruleDecimal("good_from", "the lowest total graded 良"),
		ruleDecimal("fair_from", "the lowest total graded 中; below is 差"),
		ruleDecimal("achieved_from", "the lowest rated score of 达成 in percent of the weight"),
		ruleDecimal("partial_from", "the lowest rated score of 部分达成 in percent of the weight; below is 未达成"),

		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput)),
		// Who made the version; read by signed-in callers only (graph: RuleSet.createdBy),
		// as the audit trail names them.
		field.Int("created_by_id").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("created_by_name").Default("").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (RuleSet) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Department.Type).Field("region_id").Unique().Immutable(),
		edge.To("evaluations", Evaluation.Type).Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("the evaluations frozen with this version"),
	}
}

func (RuleSet) Indexes() []ent.Index {
	return []ent.Index{
		// One row per version of a set: NULLs never collide in a plain unique
		// index, so the sets of everywhere have their own.
		index.Fields("year", "region_id", "version").Unique().Annotations(entsql.IndexWhere("region_id IS NOT NULL")),
		index.Fields("year", "version").Unique().Annotations(entsql.IndexWhere("region_id IS NULL")),
	}
}

// Annotations: a GraphQL type (node(id:) finds it, the audit trail names its
// fields as the API does), read through the ruleSets query and written through
// createRuleSet and updateRuleSet, so no generated filter or input.
func (RuleSet) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

func (RuleSet) Hooks() []ent.Hook { return []ent.Hook{ruleSetRules(), keptRuleSet()} }

func (RuleSet) Policy() ent.Policy { return access.Rules() }
