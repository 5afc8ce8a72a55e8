package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"jixiao/audit"
)

// VersionMixin gives a row a version that every update increments, so that an
// update naming a stale version can be refused instead of silently overwriting.
type VersionMixin struct{ mixin.Schema }

func (VersionMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").Default(1).
			Comment("incremented by every change; name it in an update to refuse stale writes").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

type versioned interface {
	ent.Mutation
	AddVersion(int)
}

func (VersionMixin) Hooks() []ent.Hook {
	return []ent.Hook{func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.(versioned); ok && m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) {
				v.AddVersion(1)
			}
			return next.Mutate(ctx, m)
		})
	}}
}

// AuditMixin records every change of the entity (package audit).
type AuditMixin struct{ mixin.Schema }

func (AuditMixin) Hooks() []ent.Hook { return []ent.Hook{audit.Hook()} }
