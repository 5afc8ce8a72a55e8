// Package audit records every change: who, when, which row, each changed field's
// value before and after, and the request it came with. The record is written by
// a hook through the mutation's own client, so inside a transaction it commits or
// rolls back with the change it describes.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"entgo.io/ent"

	"jixiao/audit/change"
	gen "jixiao/ent"
	"jixiao/ent/auditrecord"
	"jixiao/ent/privacy"
	"jixiao/reqid"
	"jixiao/viewer"
)

// hidden are fields whose values never enter the trail.
var hidden = []string{"password_hash", "token_hash", "csrf_token"}

// skipped are fields that change on their own (timestamps, sign-in bookkeeping)
// and say nothing about the data; a change of only these leaves no record.
var skipped = []string{"updated_at", "failed_logins", "locked_until", "last_login_at", "last_used_at"}

type mutation interface {
	ent.Mutation
	Client() *gen.Client
	IDs(context.Context) ([]int, error)
}

type offKey struct{}

// Off returns ctx in which changes leave no record: only for generating synthetic
// data sets (package citygen), where a record per row would be noise.
func Off(ctx context.Context) context.Context { return context.WithValue(ctx, offKey{}, true) }

// Hook records the mutations of the entity it is attached to.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if off, _ := ctx.Value(offKey{}).(bool); off {
				return next.Mutate(ctx, m)
			}
			am, ok := m.(mutation)
			if !ok {
				return nil, fmt.Errorf("audit: %T cannot be audited", m)
			}
			sys := privacy.DecisionContext(ctx, privacy.Allow) // the trail sees every row
			var (
				ids    []int
				before = map[int]map[string]any{}
				err    error
			)
			if !m.Op().Is(ent.OpCreate) {
				if ids, err = am.IDs(sys); err != nil {
					return nil, err
				}
				for _, id := range ids {
					if before[id], err = snapshot(sys, am.Client(), id); err != nil {
						return nil, err
					}
				}
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
				after := map[string]any{}
				if !m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
					if after, err = snapshot(sys, am.Client(), id); err != nil {
						return nil, err
					}
				}
				if err := record(sys, am, id, diff(before[id], after)); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}
}

// snapshot is a row's fields as JSON values, read through the generic node lookup.
func snapshot(ctx context.Context, c *gen.Client, id int) (map[string]any, error) {
	node, err := c.Noder(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(node)
	if err != nil {
		return nil, err
	}
	fields := map[string]any{}
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	delete(fields, "edges")
	delete(fields, "id")
	return fields, nil
}

// diff lists the fields whose values differ, in name order.
func diff(before, after map[string]any) []change.Field {
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
		if slices.Contains(skipped, name) || jsonEqual(a, b) {
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

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func record(ctx context.Context, m mutation, id int, changes []change.Field) error {
	action := auditrecord.ActionUPDATE
	switch {
	case m.Op().Is(ent.OpCreate):
		action = auditrecord.ActionCREATE
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		action = auditrecord.ActionDELETE
	case len(changes) == 0:
		return nil // an update that changed nothing
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
	return c.Exec(ctx)
}
