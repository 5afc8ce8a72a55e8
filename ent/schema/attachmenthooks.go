package schema

import (
	"context"
	"errors"
	"regexp"

	"entgo.io/ent"

	gen "jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/attachmentcontent"
	"jixiao/ent/hook"
	"jixiao/ent/privacy"
	"jixiao/platform/attachments"
)

// sha256Hex is a SHA-256 as the attachment keeps it.
var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// attachmentRules checks that a new attachment has exactly one owner (an
// indicator, a monitoring entry or a rectification item), and holds the owners
// whose own status locks their evidence, for everybody (the lock is a state of
// the data, as their own rows'): a monitoring entry's files change while its
// report is DRAFT or RETURNED (monitoring.LockedError otherwise), a
// rectification item's while it is OPEN, the department answering it
// (RECTIFICATION_STATUS otherwise), except when the item itself is deleted. An
// indicator's evidence is locked with its evaluation by the access rules.
func attachmentRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.AttachmentFunc(func(ctx context.Context, m *gen.AttachmentMutation) (ent.Value, error) {
			sys := privacy.DecisionContext(ctx, privacy.Allow)
			var entries, items []int
			if m.Op().Is(ent.OpCreate) {
				owners := 0
				if _, ok := m.IndicatorID(); ok {
					owners++
				}
				if id, ok := m.MonitoringEntryID(); ok {
					owners++
					entries = append(entries, id)
				}
				if id, ok := m.RectificationID(); ok {
					owners++
					items = append(items, id)
				}
				if owners != 1 {
					return nil, errors.New("attachment: exactly one owner must be set (an indicator, a monitoring entry or a rectification item)")
				}
			} else {
				ids, err := m.IDs(sys)
				if err != nil {
					return nil, err
				}
				rows, err := m.Client().Attachment.Query().Where(attachment.IDIn(ids...),
					attachment.Or(attachment.MonitoringEntryIDNotNil(), attachment.RectificationIDNotNil())).All(sys)
				if err != nil {
					return nil, err
				}
				for _, r := range rows {
					if r.MonitoringEntryID != nil {
						entries = append(entries, *r.MonitoringEntryID)
					}
					if r.RectificationID != nil && !ownerDeleted(ctx, *r.RectificationID) {
						items = append(items, *r.RectificationID)
					}
				}
			}
			if err := attachments.EntriesEditable(sys, m.Client(), entries); err != nil {
				return nil, err
			}
			if err := attachments.ItemsOpen(sys, m.Client(), items, m.Op().Is(ent.OpCreate)); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpDelete|ent.OpDeleteOne)
}

// ownerDeletedKey marks a context in which rectification items are being
// deleted: their evidence goes with them whatever their status.
type ownerDeletedKey struct{}

func withOwnerDeleted(ctx context.Context, item int) context.Context {
	return context.WithValue(ctx, ownerDeletedKey{}, item)
}

func ownerDeleted(ctx context.Context, item int) bool {
	id, ok := ctx.Value(ownerDeletedKey{}).(int)
	return ok && id == item
}

// attachmentDeletes takes an attachment's bytes with it: its content row in the
// same transaction, its file in the attachments directory once the transaction
// has committed (package attachments), so that a rolled-back delete loses nothing.
func attachmentDeletes() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.AttachmentFunc(func(ctx context.Context, m *gen.AttachmentMutation) (ent.Value, error) {
			sys := privacy.DecisionContext(ctx, privacy.Allow) // the access rules have decided the change
			ids, err := m.IDs(sys)
			if err != nil {
				return nil, err
			}
			if len(ids) == 0 {
				return next.Mutate(ctx, m)
			}
			rows, err := m.Client().Attachment.Query().Where(attachment.IDIn(ids...)).All(sys)
			if err != nil {
				return nil, err
			}
			if _, err := m.Client().AttachmentContent.Delete().Where(attachmentcontent.AttachmentIDIn(ids...)).Exec(sys); err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if err := attachments.RemoveFiles(ctx, rows); err != nil {
				return nil, err
			}
			return v, nil
		})
	}, ent.OpDelete|ent.OpDeleteOne)
}
