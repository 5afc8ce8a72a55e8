// Package attachments keeps the bytes of evidence files (佐证材料): in the database
// (attachment_contents, the default) or in a configured directory, one file per
// attachment named by its id and SHA-256, written atomically. Several servers
// share either: the database, or a directory they all mount (a network share).
//
// The server puts its Store in every request's context (NewContext); the upload
// resolver writes through it, the download route reads through it, and the
// attachment's delete hook removes a file through it once the transaction has
// committed. A file written for an upload whose transaction rolls back is
// removed again.
package attachments

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"jixiao/domain/evidence"
	"jixiao/domain/monitoring"
	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/attachmentcontent"
	"jixiao/ent/monitoringentry"
	"jixiao/ent/privacy"
	"jixiao/ent/rectification"
	"jixiao/platform/inputerr"
)

// Config is what the command line says: the directory (empty: the database) and
// the size limit (0: evidence.DefaultMaxBytes).
type Config struct {
	Dir      string
	MaxBytes int64
}

// Store is where attachments' bytes are kept.
type Store struct {
	dir string // absolute; "" keeps them in the database
	max int64
	log *slog.Logger
}

// New checks cfg and returns its store: the directory is made if missing and must
// be writable (a file is written and removed to be sure).
func New(cfg Config, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Store{max: cfg.MaxBytes, log: log}
	switch {
	case s.max == 0:
		s.max = evidence.DefaultMaxBytes
	case s.max < 0 || s.max > evidence.MaxMaxBytes:
		return nil, fmt.Errorf("--attachments-max-size: must be between 1 byte and %s, got %d bytes", evidence.Size(evidence.MaxMaxBytes), s.max)
	}
	if cfg.Dir == "" {
		return s, nil
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("--attachments-dir: %w", err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("--attachments-dir: %w", err)
	}
	probe, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return nil, fmt.Errorf("--attachments-dir: %s is not writable: %w", dir, err)
	}
	probe.Close()
	if err := os.Remove(probe.Name()); err != nil {
		return nil, fmt.Errorf("--attachments-dir: %w", err)
	}
	s.dir = dir
	return s, nil
}

// Default keeps attachments in the database, at most evidence.DefaultMaxBytes each.
func Default() *Store { return &Store{max: evidence.DefaultMaxBytes, log: slog.Default()} }

// MaxBytes is the size limit of one attachment.
func (s *Store) MaxBytes() int64 { return s.max }

// Dir is the directory new attachments are written to; "" for the database.
func (s *Store) Dir() string { return s.dir }

// Storage is where new attachments are kept.
func (s *Store) Storage() attachment.Storage {
	if s.dir != "" {
		return attachment.StorageDIRECTORY
	}
	return attachment.StorageDATABASE
}

type storeKey struct{}

// NewContext returns ctx carrying s.
func NewContext(ctx context.Context, s *Store) context.Context {
	return context.WithValue(ctx, storeKey{}, s)
}

// FromContext is the store in ctx; Default when there is none.
func FromContext(ctx context.Context) *Store {
	if s, ok := ctx.Value(storeKey{}).(*Store); ok && s != nil {
		return s
	}
	return Default()
}

// sys lifts the access rules: they have decided on the attachment itself.
func sys(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// fileName is an attachment's file in the directory: its id and its hash, so
// that no two attachments share one and a file names what it must hold.
func fileName(a *ent.Attachment) string { return fmt.Sprintf("%d-%s", a.ID, a.Sha256) }

// ErrNoDirectory is the failure to reach an attachment kept in a directory by a
// server that has none configured.
var ErrNoDirectory = errors.New("the attachment is kept in the attachments directory, but this server has no --attachments-dir")

// path is where a's file is.
func (s *Store) path(a *ent.Attachment) (string, error) {
	if s.dir == "" {
		return "", fmt.Errorf("attachment %d: %w", a.ID, ErrNoDirectory)
	}
	return filepath.Join(s.dir, fileName(a)), nil
}

// Put keeps the bytes of the new attachment a, as a.Storage says, through db (the
// request's transaction). A file written for it is removed again if the
// transaction rolls back or fails to commit.
func (s *Store) Put(ctx context.Context, db *ent.Client, a *ent.Attachment, data []byte) error {
	if a.Storage == attachment.StorageDATABASE {
		return db.AttachmentContent.Create().SetAttachmentID(a.ID).SetData(data).Exec(sys(ctx))
	}
	path, err := s.path(a)
	if err != nil {
		return err
	}
	if err := writeAtomically(path, data); err != nil {
		return fmt.Errorf("attachment %d: %w", a.ID, err)
	}
	afterTx(ctx, nil, func() { s.remove(path) })
	return nil
}

// writeAtomically writes data to path through a temporary file in the same
// directory, synced and renamed into place: a reader sees the whole file or none.
func writeAtomically(path string, data []byte) error {
	dir := filepath.Dir(path)
	var suffix [8]byte
	_, _ = rand.Read(suffix[:])
	tmp := filepath.Join(dir, ".upload-"+hex.EncodeToString(suffix[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil { // the rename itself survives a crash
		_ = d.Sync()
		d.Close()
	}
	return nil
}

func (s *Store) remove(path string) {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Error("removing an attachment's file", "path", path, "error", err)
	}
}

// Open returns the bytes of a, read through db with the rules lifted (the caller
// has read a under them), checked against its SHA-256: a file changed or
// damaged in the directory is an error, never served.
func (s *Store) Open(ctx context.Context, db *ent.Client, a *ent.Attachment) (io.ReadSeekCloser, error) {
	if a.Storage == attachment.StorageDATABASE {
		c, err := db.AttachmentContent.Query().Where(attachmentcontent.AttachmentID(a.ID)).Only(sys(ctx))
		if err != nil {
			return nil, fmt.Errorf("attachment %d's content: %w", a.ID, err)
		}
		if err := check(a, bytes.NewReader(c.Data)); err != nil {
			return nil, err
		}
		return nopCloser{bytes.NewReader(c.Data)}, nil
	}
	path, err := s.path(a)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("attachment %d: %w", a.ID, err)
	}
	if err := check(a, f); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// check reads r to its end and compares its length and SHA-256 with a's.
func check(a *ent.Attachment, r io.Reader) error {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("attachment %d: %w", a.ID, err)
	}
	if n != a.Size || hex.EncodeToString(h.Sum(nil)) != a.Sha256 {
		return fmt.Errorf("attachment %d: its stored bytes (%d) do not match its size (%d) and SHA-256", a.ID, n, a.Size)
	}
	return nil
}

type nopCloser struct{ io.ReadSeeker }

func (nopCloser) Close() error { return nil }

// RemoveFiles removes the files of the deleted attachments rows kept in a
// directory, once the transaction in ctx has committed (at once when there is
// none: the delete has committed already). It fails when one is kept in a
// directory and the store in ctx has none, rather than leave its file behind.
func RemoveFiles(ctx context.Context, rows []*ent.Attachment) error {
	s := FromContext(ctx)
	var paths []string
	for _, a := range rows {
		if a.Storage != attachment.StorageDIRECTORY {
			continue
		}
		path, err := s.path(a)
		if err != nil {
			return err
		}
		paths = append(paths, path)
	}
	if len(paths) == 0 {
		return nil
	}
	afterTx(ctx, func() {
		for _, p := range paths {
			s.remove(p)
		}
	}, nil)
	return nil
}

// afterTx runs committed once the transaction in ctx has committed, or failed
// once it has rolled back or failed to commit. Without a transaction in ctx the
// change has committed already: committed runs now.
//
// A caller that runs its own transaction must put it in the context
// (ent.NewTxContext), as the GraphQL server's transactioner does.
func afterTx(ctx context.Context, committed, failed func()) {
	run := func(f func()) {
		if f != nil {
			f()
		}
	}
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		run(committed)
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			if err != nil {
				run(failed)
			} else {
				run(committed)
			}
			return err
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Rollback(ctx, tx)
			run(failed)
			return err
		})
	})
}

// The owners whose own status locks their evidence, for everybody: the schema's
// hook holds them on every path; the upload asks first, before it reads a file.
// ctx lifts the access rules (the caller has decided on the owner).

// EntriesEditable refuses when a report of the entries is not DRAFT or RETURNED.
func EntriesEditable(ctx context.Context, c *ent.Client, entries []int) error {
	if len(entries) == 0 {
		return nil
	}
	rows, err := c.MonitoringEntry.Query().Where(monitoringentry.IDIn(entries...)).WithReport().All(ctx)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return &inputerr.NotFound{Field: "monitoringEntryID", Entity: "monitoring entry", ID: entries[0]}
	}
	for _, e := range rows {
		if r := e.Edges.Report; r != nil && !monitoring.Editable(string(r.Status)) {
			return &monitoring.LockedError{Report: r.ID, Status: string(r.Status)}
		}
	}
	return nil
}

// ItemsOpen refuses when an item is not OPEN: its answer's evidence changes only
// while the department answers it. The refusal names rectificationID when
// attaching, the attachment's id when deleting.
func ItemsOpen(ctx context.Context, c *ent.Client, items []int, creating bool) error {
	if len(items) == 0 {
		return nil
	}
	rows, err := c.Rectification.Query().Where(rectification.IDIn(items...)).All(ctx)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return &inputerr.NotFound{Field: "rectificationID", Entity: "rectification", ID: items[0]}
	}
	field := "id" // the attachment's, in deleteAttachment
	if creating {
		field = "rectificationID"
	}
	for _, r := range rows {
		if r.Status != rectification.StatusOPEN {
			return inputerr.WithReason(field, inputerr.Refused("RECTIFICATION_STATUS",
				[]string{"status", string(r.Status), "expected", string(rectification.StatusOPEN)},
				"rectification %d is %s: its evidence is attached and removed while it is OPEN, as the department answers it", r.ID, r.Status))
		}
	}
	return nil
}
