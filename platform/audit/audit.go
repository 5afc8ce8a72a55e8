// Package audit records every change: who, when, which row, each changed field's
// value before and after, and the request it came with. The record is written by
// a hook through the mutation's own client, so inside a transaction it commits or
// rolls back with the change it describes.
//
// The values come from the mutation, never from what a GraphQL client selected:
// the old rows are read with the typed Get before the change, the new row is what
// the create or update returns (bulk updates read each row again), and a delete
// keeps the whole old row.
package audit

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/auditrecord"
	"jixiao/ent/privacy"
	"jixiao/platform/audit/change"
	"jixiao/platform/reqid"
	"jixiao/platform/viewer"
)

// hidden are fields whose values never enter the trail: only that they changed.
var hidden = []string{"passwordHash", "tokenHash", "csrfToken", "secret"}

// skipped are fields that change on their own (timestamps, sign-in bookkeeping)
// and say nothing about the data; an update of only these leaves no record.
var skipped = []string{"updatedAt", "lastLoginAt", "lastUsedAt"}

// skippedColumns are the same fields by their ent names, as a mutation lists them.
var skippedColumns = []string{"updated_at", "last_login_at", "last_used_at"}

type mutation interface {
	ent.Mutation
	Client() *gen.Client
	IDs(context.Context) ([]int, error)
}

type offKey struct{}

// Off returns ctx in which changes leave no record: only for generating synthetic
// data sets (package citygen), where a record per row would be noise.
func Off(ctx context.Context) context.Context { return context.WithValue(ctx, offKey{}, true) }

// Hook records the mutations of the entity it is attached to: one record per row.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if off, _ := ctx.Value(offKey{}).(bool); off || bookkeepingOnly(m) {
				return next.Mutate(ctx, m)
			}
			am, ok := m.(mutation)
			if !ok {
				return nil, fmt.Errorf("audit: %T cannot be audited", m)
			}
			sys := privacy.DecisionContext(ctx, privacy.Allow) // the trail sees every row
			ids, before, err := oldRows(sys, am)
			if gen.IsNotFound(err) {
				return next.Mutate(ctx, m) // the mutation reports the missing row itself
			}
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpCreate) {
				id, _ := m.(interface{ ID() (int, bool) }).ID()
				ids = []int{id}
			}
			for _, id := range ids {
				after, err := newRow(sys, am, id, v)
				if err != nil {
					return nil, err
				}
				action, err := record(sys, am, id, diff(before[id], after))
				if err != nil {
					return nil, err
				}
				if action != "" {
					row := after
					if row == nil {
						row = before[id]
					}
					if err := announce(sys, am, id, action, row); err != nil {
						return nil, err
					}
				}
			}
			return v, nil
		})
	}
}

// bookkeepingOnly reports whether m is an update of skipped fields alone (signing
// in, a token's use), which would leave no record: then nothing is read for the trail.
func bookkeepingOnly(m ent.Mutation) bool {
	if !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) || len(m.AddedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
		return false
	}
	for _, fields := range [][]string{m.Fields(), m.AddedFields(), m.ClearedFields()} {
		for _, f := range fields {
			if !slices.Contains(skippedColumns, f) {
				return false
			}
		}
	}
	return true
}

// oldRows are the rows an update or delete is about to change, read before it does.
func oldRows(ctx context.Context, m mutation) ([]int, map[int]map[string]any, error) {
	before := map[int]map[string]any{}
	if m.Op().Is(ent.OpCreate) {
		return nil, before, nil
	}
	ids, err := m.IDs(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		row, err := load(ctx, m, id)
		if err != nil {
			return nil, nil, err
		}
		before[id] = Fields(row)
	}
	return ids, before, nil
}

// newRow is row id after the change: nothing after a delete, what a create or an
// update-one returned, each row read again after a bulk update.
func newRow(ctx context.Context, m mutation, id int, v ent.Value) (map[string]any, error) {
	switch {
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		return nil, nil
	case m.Op().Is(ent.OpCreate|ent.OpUpdateOne) && isRow(v):
		return Fields(v), nil
	}
	row, err := load(ctx, m, id)
	if err != nil {
		return nil, err
	}
	return Fields(row), nil
}

// diff lists the fields whose values differ, in name order: every field of a
// created or deleted row, the changed ones of an updated row without the
// bookkeeping-only ones.
func diff(before, after map[string]any) []change.Field {
	whole := before == nil || after == nil
	var names []string
	for name := range before {
		names = append(names, name)
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []change.Field
	for _, name := range names {
		b, a := before[name], after[name]
		if !whole && (slices.Contains(skipped, name) || reflect.DeepEqual(a, b)) {
			continue
		}
		if slices.Contains(hidden, name) {
			b, a = mask(b), mask(a)
		}
		out = append(out, change.Field{Field: name, Before: b, After: a})
	}
	return out
}

func mask(v any) any {
	if v == nil {
		return nil
	}
	return "(hidden)"
}

// record writes the record of one row's change and returns its action; none
// for an update that changed nothing, which leaves no record.
func record(ctx context.Context, m mutation, id int, changes []change.Field) (auditrecord.Action, error) {
	action := auditrecord.ActionUPDATE
	switch {
	case m.Op().Is(ent.OpCreate):
		action = auditrecord.ActionCREATE
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		action = auditrecord.ActionDELETE
	case len(changes) == 0:
		return "", nil // an update that changed nothing
	}
	v := viewer.FromContext(ctx)
	c := m.Client().AuditRecord.Create().
		SetAction(action).
		SetEntityType(m.Type()).
		SetEntityID(id).
		SetChanges(changes).
		SetRequestID(reqid.From(ctx)).
		SetActorName(v.Name)
	switch v.Kind {
	case viewer.User:
		c.SetActorKind(auditrecord.ActorKindUSER).SetActorID(v.ID)
	case viewer.Token:
		c.SetActorKind(auditrecord.ActorKindTOKEN).SetActorID(v.ID)
	default:
		c.SetActorKind(auditrecord.ActorKindSYSTEM)
	}
	return action, c.Exec(ctx)
}
