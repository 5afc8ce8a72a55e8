package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/funding"
	"jixiao/platform/access"
)

// FundingLine is one 其中 row of a budget-execution table (年初预算数, 全年预算数,
// 全年执行数): a project's funds from one source (project set), or a
// department-year's revenue of one nature (project null). The owner's own figures
// are the table's total row and stay what scoring reads; lines only have to add up
// to them, which submission checks (package funding).
type FundingLine struct{ ent.Schema }

func (FundingLine) Mixin() []ent.Mixin { return []ent.Mixin{VersionMixin{}, AuditMixin{}} }

func (FundingLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("project_id").Optional().Nillable().Immutable().
			Comment("the project whose funds by source this line holds; null for a department-year's revenue by nature"),
		field.Enum("category").Values(funding.All()...).Immutable().
			Comment("projects: CURRENT_APPROPRIATION 当年财政拨款, PRIOR_YEAR_CARRYOVER 上年结转资金, OTHER_FUNDS 其他资金; "+
				"department-years: GENERAL_PUBLIC_BUDGET 一般公共预算, GOVERNMENT_FUND_BUDGET 政府性基金预算, "+
				"STATE_CAPITAL_BUDGET 国有资本经营预算, FISCAL_SPECIAL_ACCOUNT 财政专户管理资金, UNIT_FUNDS 单位资金").
			Annotations(entgql.OrderField("CATEGORY"), entgql.Type("FundingCategory")),
		money("initial_budget", "年初预算数"),
		money("adjusted_budget", "全年预算数 (adjusted)"),
		money("executed", "全年执行数"),
	}
}

func (FundingLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("funding_lines").Field("department_year_id").
			Unique().Required().Immutable(),
		edge.From("project", Project.Type).Ref("funding_lines").Field("project_id").
			Unique().Immutable(),
	}
}

func (FundingLine) Indexes() []ent.Index {
	return []ent.Index{
		// One line per category and owner: partial unique indexes, because NULLs
		// never collide in a plain unique index (as Evaluation's).
		index.Fields("department_year_id", "category").Unique().
			Annotations(entsql.IndexWhere("project_id IS NULL")),
		index.Fields("project_id", "category").Unique().
			Annotations(entsql.IndexWhere("project_id IS NOT NULL")),
	}
}

func (FundingLine) Annotations() []schema.Annotation { return graphQL() }

func (FundingLine) Hooks() []ent.Hook { return []ent.Hook{fundingLineRules(), uniqueFundingLine()} }

func (FundingLine) Policy() ent.Policy { return access.Data() }
