package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	gen "jixiao/ent"
	"jixiao/platform/access"
)

// KeyTask is one of a department-year's key tasks (重点工作任务) and what came of it.
type KeyTask struct{ ent.Schema }

func (KeyTask) Mixin() []ent.Mixin { return []ent.Mixin{VersionMixin{}, AuditMixin{}} }

func (KeyTask) Fields() []ent.Field {
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("position").Default(0).Annotations(entgql.OrderField("POSITION")),
		field.String("title").NotEmpty().Validate(maxChars(300)).Annotations(columnSize(300)),
		field.Text("content").Default("").Validate(maxChars(maxDescription)).Comment("主要实施内容"),
		field.Text("outcome").Default("").Validate(maxChars(maxDescription)).Comment("年度目标实际完成情况"),
	}
}

func (KeyTask) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("key_tasks").Field("department_year_id").
			Unique().Required().Immutable(),
	}
}

func (KeyTask) Indexes() []ent.Index {
	return []ent.Index{index.Fields("department_year_id", "position")}
}

func (KeyTask) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate())}
}

func (KeyTask) Hooks() []ent.Hook {
	return []ent.Hook{departmentYearChild[*gen.KeyTaskMutation]()}
}

func (KeyTask) Policy() ent.Policy { return access.Data() }
