package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/domain/evidence"
	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/privacy"
	"jixiao/platform/access"
	"jixiao/platform/attachments"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// attachmentURL is where an attachment is downloaded (platform/files).
func attachmentURL(id int) string { return fmt.Sprintf("/files/attachments/%d", id) }

// attachmentOwner is what a file is attached to: the argument that names it and
// its id.
type attachmentOwner struct {
	field string // indicatorID, monitoringEntryID, rectificationID
	id    int
}

// attachmentOwnerOf is the one owner attachFile names; ONE_OWNER on the field
// named second (indicatorID when none is) otherwise.
func attachmentOwnerOf(indicatorID, monitoringEntryID, rectificationID *int) (attachmentOwner, error) {
	var named []attachmentOwner
	for _, o := range []struct {
		field string
		id    *int
	}{{"indicatorID", indicatorID}, {"monitoringEntryID", monitoringEntryID}, {"rectificationID", rectificationID}} {
		if o.id != nil {
			named = append(named, attachmentOwner{o.field, *o.id})
		}
	}
	if len(named) == 1 {
		return named[0], nil
	}
	field := "indicatorID"
	if len(named) > 1 {
		field = named[1].field
	}
	return attachmentOwner{}, inputerr.WithReason(field, inputerr.Refused("ONE_OWNER", nil,
		"name exactly one owner of the file: indicatorID, monitoringEntryID or rectificationID (%d named)", len(named)))
}

// attach keeps file as evidence of owner: the caller's access first (nothing is
// read of a file the caller may not attach), then its size, before its bytes are
// read, then its content and its type, the attachment's row (audited) and its
// bytes, all in the request's transaction.
func (r *Resolver) attach(ctx context.Context, owner attachmentOwner, file graphql.Upload) (*ent.Attachment, error) {
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	if ent.TxFromContext(ctx) == nil {
		// Only sign-in and sign-out run without one: a file written to the directory
		// must go again if the request fails.
		return nil, inputerr.New(owner.field, "send it in a request without login or logout")
	}
	db := r.db(ctx)
	// The owner as the caller reads it: one the caller may not read answers as a
	// missing one.
	var err error
	setOwner := func(c *ent.AttachmentCreate) *ent.AttachmentCreate { return c }
	switch owner.field {
	case "indicatorID":
		_, err = get(ctx, db.Indicator.Get, owner.id, "indicator")
		setOwner = func(c *ent.AttachmentCreate) *ent.AttachmentCreate { return c.SetIndicatorID(owner.id) }
	case "monitoringEntryID":
		_, err = get(ctx, db.MonitoringEntry.Get, owner.id, "monitoring entry")
		setOwner = func(c *ent.AttachmentCreate) *ent.AttachmentCreate { return c.SetMonitoringEntryID(owner.id) }
	case "rectificationID":
		_, err = get(ctx, db.Rectification.Get, owner.id, "rectification")
		setOwner = func(c *ent.AttachmentCreate) *ent.AttachmentCreate { return c.SetRectificationID(owner.id) }
	}
	if err != nil {
		return nil, withField(err, owner.field)
	}
	store := attachments.FromContext(ctx)
	// The rules decide before the file is read: whoever may change the owner may
	// attach to it. Asking takes the year's lock, which the transaction then holds.
	if err := mayChange(ctx, attachment.Policy, setOwner(db.Attachment.Create()).Mutation()); err != nil {
		return nil, err
	}
	// So do the owners' own locks (a monitoring report under review, an answered
	// item), which the schema's hook holds for everybody.
	if err := attachmentLocked(ctx, db, owner); err != nil {
		return nil, err
	}
	if file.Size > store.MaxBytes() {
		return nil, inputerr.WithReason("file", evidence.TooLarge(file.Filename, file.Size, store.MaxBytes()))
	}
	data, err := io.ReadAll(io.LimitReader(file.File, store.MaxBytes()+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > store.MaxBytes() { // a Size that understated the file
		return nil, inputerr.WithReason("file", evidence.TooLarge(file.Filename, int64(len(data)), store.MaxBytes()))
	}
	f, refused := evidence.Inspect(file.Filename, data)
	if refused != nil {
		return nil, inputerr.WithReason("file", refused)
	}
	sum := sha256.Sum256(data)
	v := viewer.FromContext(ctx)
	c := setOwner(db.Attachment.Create()).
		SetFileName(f.Name).
		SetContentType(f.ContentType).
		SetSize(int64(len(data))).
		SetSha256(hex.EncodeToString(sum[:])).
		SetStorage(store.Storage()).
		SetUploadedByName(v.Name)
	if v.Kind == viewer.User {
		c.SetUploadedByID(v.ID)
	}
	a, err := c.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := store.Put(ctx, db, a, data); err != nil {
		return nil, err
	}
	return a, nil
}

// attachmentLocked is the refusal the owner's own lock gives a new file: a
// monitoring report under review, a rectification item not OPEN (as the schema's
// hook says, asked before the file is read).
func attachmentLocked(ctx context.Context, db *ent.Client, owner attachmentOwner) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow) // the rules have decided on the owner
	switch owner.field {
	case "monitoringEntryID":
		return attachments.EntriesEditable(sys, db, []int{owner.id})
	case "rectificationID":
		return attachments.ItemsOpen(sys, db, []int{owner.id}, true)
	}
	return nil
}
