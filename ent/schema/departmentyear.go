package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"jixiao/platform/access"
)

// DepartmentYear holds one department's figures for one fiscal year (收支, 三公, assets)
// and its goal. Basic and total spending (basic = personnel + public, total = basic +
// project) and the rates are derived, kept in columns by package kept.
type DepartmentYear struct{ ent.Schema }

func (DepartmentYear) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}}
}

func (DepartmentYear) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_id").Immutable(),
		field.Int("year").Validate(between(2000, 2100)).Immutable().
			Comment("Fiscal year").
			Annotations(entgql.OrderField("YEAR")),
		money("personnel_budget", "人员经费 adjusted budget"),
		money("personnel_actual", "人员经费 final spending"),
		money("public_budget", "公用经费 adjusted budget"),
		money("public_actual", "公用经费 final spending"),
		money("project_budget", "项目支出 adjusted budget"),
		money("project_actual", "项目支出 final spending"),
		money("carryover_start", "年初结转结余"),
		money("carryover_end", "年末结转结余"),
		money("three_public_budget", "三公经费 budget"),
		money("three_public_actual", "三公经费 final spending"),
		money("assets_in_use", "fixed assets in use"),
		money("assets_total", "all fixed assets"),
		field.Text("goal").Default("").Validate(maxChars(maxDescription)).Comment("部门整体支出绩效目标: the year's overall goal as expected (预期目标)"),
		field.Text("goal_outcome").Default("").Validate(maxChars(maxDescription)).Comment("年度总体目标实际完成情况: what came of the goal"),
		// 年初预算数 of the forms' 按支出性质分 rows; their 全年预算数 and 全年执行数 are the
		// figures above (basic = personnel + public, project).
		money("basic_initial_budget", "基本支出 年初预算数"),
		money("project_initial_budget", "项目支出 年初预算数"),

		computedDecimal("basic_budget", "基本支出 = personnel + public."),
		computedDecimal("basic_actual", "基本支出 spending = personnel + public."),
		computedDecimal("total_budget", "Adjusted budget (调整后预算数) = basic + project."),
		computedDecimal("total_actual", "Final spending (整体支出) = basic + project."),
		computedRate("execution_rate", "totalActual / totalBudget in percent.", places(2)),
		computedRate("carryover_rate", "Year-end carry-over / final spending in percent (结转结余率).", places(2)),
	}
}

func (DepartmentYear) Edges() []ent.Edge {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.From("department", Department.Type).Ref("years").Field("department_id").
			Unique().Required().Immutable(),
		// Listed in order by hand-written fields (graph/jixiao.graphql).
		edge.To("months", MonthlyExecution.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("key_tasks", KeyTask.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("funding_lines", FundingLine.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("projects", Project.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("indicators", Indicator.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("evaluations", Evaluation.Type).Annotations(noInput),
		// Read through DepartmentYear.targets (graph/targets.graphql).
		edge.To("target_versions", TargetVersion.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		// Read through DepartmentYear.monitoringReports (graph/monitoring.graphql).
		edge.To("monitoring_reports", MonitoringReport.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (DepartmentYear) Indexes() []ent.Index {
	return []ent.Index{index.Fields("department_id", "year").Unique(), index.Fields("year")}
}

func (DepartmentYear) Annotations() []schema.Annotation { return graphQL() }

func (DepartmentYear) Hooks() []ent.Hook {
	return []ent.Hook{yearRules(), uniqueYear(), departmentYearDeletes(), keptYear()}
}

func (DepartmentYear) Policy() ent.Policy { return access.Data() }
