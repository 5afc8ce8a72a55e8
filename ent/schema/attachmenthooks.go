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

// attachmentRules checks that a new attachment has exactly one owner. Today the
// indicator is the only kind of owner; each kind added later is one more edge,
// counted here.
func attachmentRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.AttachmentFunc(func(ctx context.Context, m *gen.AttachmentMutation) (ent.Value, error) {
			owners := 0
			if _, ok := m.IndicatorID(); ok {
				owners++
			}
			if owners != 1 {
				return nil, errors.New("attachment: exactly one owner must be set (an indicator)")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
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
