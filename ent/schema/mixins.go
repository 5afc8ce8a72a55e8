package schema

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	gen "jixiao/ent"
	"jixiao/ent/hook"
	"jixiao/platform/audit"
	"jixiao/platform/inputerr"
)

// VersionMixin gives a row a version that every update increments, so that an
// update naming a stale version can be refused instead of silently overwriting.
//
// An update names the version it was made against by setting the field
// (SetVersion, SetNillableVersion): the hook then refuses the change with an
// *inputerr.Conflict when the row has moved on. Nobody sets a version directly:
// the hook always increments it by one.
type VersionMixin struct{ mixin.Schema }

func (VersionMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").Default(1).
			Comment("incremented by every change; name it in an update to refuse stale writes").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// versioned is the mutation of an entity with VersionMixin.
type versioned interface {
	ent.Mutation
	ID() (int, bool)
	Version() (int, bool)
	OldVersion(context.Context) (int, error)
	ResetVersion()
	AddVersion(int)
	WhereP(...func(*sql.Selector))
}

func (VersionMixin) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(checkVersion, ent.OpUpdate|ent.OpUpdateOne)}
}

// checkVersion increments the version and, when the update named the version it
// was made against, writes only if the row is still at that version.
func checkVersion(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		vm, ok := m.(versioned)
		if !ok {
			return next.Mutate(ctx, m)
		}
		expected, named := vm.Version()
		vm.ResetVersion()
		vm.AddVersion(1)
		if !named {
			return next.Mutate(ctx, m)
		}
		if !m.Op().Is(ent.OpUpdateOne) {
			return nil, fmt.Errorf("%s: a version names one row; update one row at a time", noun(m.Type()))
		}
		// The condition is part of the UPDATE, so that two writers of the same
		// version cannot both pass a check made before it.
		vm.WhereP(sql.FieldEQ(FieldVersion, expected))
		v, err := next.Mutate(ctx, m)
		if !gen.IsNotFound(err) {
			return v, err
		}
		current, cerr := vm.OldVersion(ctx)
		if cerr != nil {
			return nil, err // the row is not there (or not visible): not found
		}
		id, _ := vm.ID()
		return nil, &inputerr.Conflict{Entity: noun(m.Type()), ID: id, Stale: expected, Current: current}
	})
}

// FieldVersion is VersionMixin's column.
const FieldVersion = "version"

// AuditMixin records every change of the entity (package audit).
type AuditMixin struct{ mixin.Schema }

func (AuditMixin) Hooks() []ent.Hook { return []ent.Hook{audit.Hook()} }
