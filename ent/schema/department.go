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

// Department is a department or unit (部门/单位); departments form a tree of any depth.
type Department struct{ ent.Schema }

func (Department) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (Department) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().Validate(maxChars(64)).Annotations(columnSize(64)).Unique().
			Comment("Organisation code, unique").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().Validate(maxChars(200)).Annotations(columnSize(200)).
			Annotations(entgql.OrderField("NAME")),
		field.Text("functions").Default("").Validate(maxChars(maxDescription)).Comment("职能: what the department is for"),
		field.Int("parent_id").Optional().Nillable(),
		// path lists the ids of the ancestors, root first ("/1/5/"), so that a subtree
		// is one indexed LIKE instead of a recursive query. Maintained by a hook.
		field.String("path").Default("/").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Department) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Department.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique(),
		edge.To("years", DepartmentYear.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Read from the library's side (LibraryIndicator.department).
		edge.To("library_indicators", LibraryIndicator.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		// Read from the rounds' side (Round.participants).
		edge.To("round_participants", RoundParticipant.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Department) Indexes() []ent.Index {
	return []ent.Index{index.Fields("path")}
}

func (Department) Annotations() []schema.Annotation { return graphQL() }

func (Department) Hooks() []ent.Hook {
	return []ent.Hook{departmentTree(), uniqueDepartmentCode(), departmentDeletes()}
}

func (Department) Policy() ent.Policy { return access.Data() }
