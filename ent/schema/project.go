package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	gen "jixiao/ent"
	"jixiao/platform/access"
)

// Project is a budget project (项目) of a department-year.
type Project struct{ ent.Schema }

func (Project) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (Project) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.String("code").Default("").Validate(maxChars(64)).Annotations(columnSize(64)).Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().Validate(maxChars(300)).Annotations(columnSize(300)).Annotations(entgql.OrderField("NAME")),
		field.String("category").Default("").Validate(maxChars(100)).Annotations(columnSize(100)).Annotations(entgql.OrderField("CATEGORY")),
		field.String("supervising_department").Default("").Validate(maxChars(200)).Annotations(columnSize(200)).
			Comment("主管部门; empty: the department whose year the project belongs to"),
		field.String("implementing_unit").Default("").Validate(maxChars(200)).Annotations(columnSize(200)).
			Comment("实施单位"),
		money("initial_budget", "年初预算数"),
		money("budget", "adjusted budget 调整后预算数"),
		money("executed", "executed amount 执行数"),
		field.Text("goal").Default("").Validate(maxChars(maxDescription)).Comment("年度总体目标: the goal as expected (预期目标)"),
		field.Text("goal_outcome").Default("").Validate(maxChars(maxDescription)).Comment("年度总体目标实际完成情况: what came of the goal"),
		field.Bool("continues_next_year").Default(true).
			Comment("whether starting the next year from this one copies the project (startYearFromLast)"),

		computedRate("execution_rate", "executed / budget in percent.", places(2)),
		computedDecimal("execution_score", "The fixed 预算执行率 item of its evaluation: 10 × min(execution rate, 1).", places(2)),
	}
}

func (Project) Edges() []ent.Edge {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("projects").Field("department_year_id").
			Unique().Required().Immutable(),
		edge.To("indicators", Indicator.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("evaluations", Evaluation.Type).Annotations(noInput),
		// Listed in form order by a hand-written field (graph/jixiao.graphql).
		edge.To("funding_lines", FundingLine.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("monitoring_reports", MonitoringReport.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Project) Indexes() []ent.Index {
	return []ent.Index{
		// A project code is unique within its department-year; projects may have none.
		index.Fields("department_year_id", "code").Unique().Annotations(entsql.IndexWhere("code <> ''")),
	}
}

func (Project) Annotations() []schema.Annotation { return graphQL() }

func (Project) Hooks() []ent.Hook {
	return []ent.Hook{departmentYearChild[*gen.ProjectMutation](), uniqueProjectCode(), projectDeletes(), keptProject()}
}

func (Project) Policy() ent.Policy { return access.Data() }
