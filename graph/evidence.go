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
	"jixiao/platform/access"
	"jixiao/platform/attachments"
	"jixiao/platform/inputerr"
	"jixiao/platform/viewer"
)

// attachmentURL is where an attachment is downloaded (platform/files).
func attachmentURL(id int) string { return fmt.Sprintf("/files/attachments/%d", id) }

// attachToIndicator keeps file as evidence of the indicator id: the caller's
// access first (nothing is read of a file the caller may not attach), then its
// size, before its bytes are read, then its content and its type, the
// attachment's row (audited) and its bytes, all in the request's transaction.
func (r *Resolver) attachToIndicator(ctx context.Context, id int, file graphql.Upload) (*ent.Attachment, error) {
	if viewer.FromContext(ctx).Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	if ent.TxFromContext(ctx) == nil {
		// Only sign-in and sign-out run without one: a file written to the directory
		// must go again if the request fails.
		return nil, inputerr.New("attachToIndicator", "send it in a request without login or logout")
	}
	db := r.db(ctx)
	ind, err := get(ctx, db.Indicator.Get, id, "indicator")
	if err != nil {
		return nil, withField(err, "indicatorID")
	}
	store := attachments.FromContext(ctx)
	// The rules decide before the file is read: whoever may change the indicator
	// may attach to it. Asking takes the year's lock, which the transaction then holds.
	probe := db.Attachment.Create().SetIndicatorID(ind.ID).Mutation()
	if err := mayChange(ctx, attachment.Policy, probe); err != nil {
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
	c := db.Attachment.Create().
		SetIndicatorID(ind.ID).
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
