package schema

import (
	"errors"
	gen "jixiao/ent"
	"jixiao/platform/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// MonthlyExecution is a department-year's cumulative spending at the end of a month,
// beside the finance bureau's cumulative target for that month (月度支出执行).
type MonthlyExecution struct{ ent.Schema }

func (MonthlyExecution) Mixin() []ent.Mixin { return []ent.Mixin{VersionMixin{}, AuditMixin{}} }

func (MonthlyExecution) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("month").Validate(between(1, 12)).Annotations(entgql.OrderField("MONTH")),
		money("cumulative_executed", "cumulative spending at month end"),
		decimal(field.Int64("target_percent").Default(0)).
			Comment("the bureau's cumulative target, percent of the adjusted budget").
			Validate(func(v int64) error {
				if v < 0 || v > 100_000_000 {
					return errors.New("must be between 0 and 100 (percent)")
				}
				return nil
			}),
	}
}

func (MonthlyExecution) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("months").Field("department_year_id").
			Unique().Required().Immutable(),
	}
}

func (MonthlyExecution) Indexes() []ent.Index {
	return []ent.Index{index.Fields("department_year_id", "month").Unique()}
}

func (MonthlyExecution) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

func (MonthlyExecution) Hooks() []ent.Hook {
	return []ent.Hook{departmentYearChild[*gen.MonthlyExecutionMutation]()}
}

func (MonthlyExecution) Policy() ent.Policy { return access.Data() }
