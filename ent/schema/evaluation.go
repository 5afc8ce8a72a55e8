package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"jixiao/platform/access"
)

// Evaluation is the self-evaluation (绩效自评) of a department-year (project null) or of
// one of its projects. Its score and grade are computed from the subject's indicators
// and kept in columns by package kept.
type Evaluation struct{ ent.Schema }

func (Evaluation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (Evaluation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("project_id").Optional().Nillable().Immutable().
			Comment("null for the department-year's overall evaluation"),
		field.Enum("status").Values("DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED").Default("DRAFT").
			Annotations(entgql.OrderField("STATUS"), entgql.Type("EvaluationStatus"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("conclusion").Default("").Validate(maxChars(maxSection)).Comment("自评结论"),
		field.Text("problems").Default("").Validate(maxChars(maxParagraphs)).Comment("存在的主要问题"),
		field.Text("improvements").Default("").Validate(maxChars(maxParagraphs)).Comment("下一步改进措施"),
		field.Text("execution_explanation").Default("").Validate(maxChars(maxParagraphs)).
			Comment("why budget execution is below 90 % (projects)"),
		field.Text("review_comment").Default("").Validate(maxChars(maxDescription)).
			Comment("the reviewer's comment when approving or returning").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("submitted_at").Optional().Nillable().
			Annotations(entgql.OrderField("SUBMITTED_AT"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),

		// Frozen rules: kept from submission until a reviewer returns it (domain/kept),
		// so that what is under review or published is scored as it was submitted.
		field.Int("rule_set_id").Optional().Nillable().
			Comment("while submitted, approved or published: the rule-set version it keeps (null: the built-in rules); null otherwise").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),

		computedDecimal("score", "Sum of the indicator scores, plus the budget-execution item for a project.", places(2)),
		computed(field.Enum("grade").Values("EXCELLENT", "GOOD", "FAIR", "POOR").Default("POOR").
			Comment("the score's band: ≥ 90 优, ≥ 80 良, ≥ 60 中, < 60 差").
			Annotations(entgql.OrderField("GRADE"), entgql.Type("Grade"))),
		computedRate("execution_rate", "Executed / adjusted budget in percent, of the department-year or the project.", places(2)),
		computed(decimal(field.Int64("execution_score").Optional().Nillable()).
			Comment("Project evaluations only: the fixed 预算执行率 item, 10 × min(execution rate, 1).").
			Annotations(places(2))),
	}
}

func (Evaluation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("evaluations").Field("department_year_id").
			Unique().Required().Immutable(),
		edge.From("project", Project.Type).Ref("evaluations").Field("project_id").
			Unique().Immutable(),
		edge.To("transitions", Transition.Type).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("rule_set", RuleSet.Type).Ref("evaluations").Field("rule_set_id").Unique().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Read through Evaluation.report, whose sections carry them.
		edge.To("report_texts", ReportText.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		// Read through Evaluation.rectifications (graph/review.graphql).
		edge.To("rectifications", Rectification.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Evaluation) Indexes() []ent.Index {
	return []ent.Index{
		// One overall evaluation per department-year and one per project: partial
		// unique indexes, because NULLs never collide in a plain unique index.
		index.Fields("department_year_id").Unique().
			Annotations(entsql.IndexWhere("project_id IS NULL")),
		index.Fields("project_id").Unique().
			Annotations(entsql.IndexWhere("project_id IS NOT NULL")),
		// Rankings and grade counts ask for one kind (department or project
		// evaluations) in score order: project_id first lets SQLite read that kind
		// only, instead of walking every evaluation by score.
		index.Fields("project_id", "score"),
		index.Fields("project_id", "grade"),
	}
}

func (Evaluation) Annotations() []schema.Annotation { return graphQL() }

func (Evaluation) Hooks() []ent.Hook {
	return []ent.Hook{evaluationRules(), uniqueEvaluation(), recordTransition(), frozenRules(), keptEvaluation(), evaluationDeletes()}
}

func (Evaluation) Policy() ent.Policy { return access.Data() }
