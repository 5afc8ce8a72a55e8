package attachments_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/attachments"
)

func TestNew(t *testing.T) {
	if s, err := attachments.New(attachments.Config{}, nil); err != nil || s.MaxBytes() != 20<<20 || s.Dir() != "" || s.Storage() != attachment.StorageDATABASE {
		t.Errorf("the default: %v %v", s, err)
	}
	for _, max := range []int64{-1, 1<<30 + 1} {
		if _, err := attachments.New(attachments.Config{MaxBytes: max}, nil); err == nil || !strings.Contains(err.Error(), "--attachments-max-size") {
			t.Errorf("max %d: %v", max, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "new", "attachments")
	s, err := attachments.New(attachments.Config{Dir: dir, MaxBytes: 5 << 20}, nil)
	if err != nil || s.Dir() != dir || s.Storage() != attachment.StorageDIRECTORY || s.MaxBytes() != 5<<20 {
		t.Fatalf("a directory: %v %v", s, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the probe stayed: %v", entries)
	}
	file := filepath.Join(t.TempDir(), "a file")
	_ = os.WriteFile(file, nil, 0o600)
	if _, err := attachments.New(attachments.Config{Dir: file}, nil); err == nil || !strings.Contains(err.Error(), "--attachments-dir") {
		t.Errorf("a file as the directory: %v", err)
	}
}

// TestStore keeps bytes in each store through transactions that commit and roll
// back, and reads them back checked against their hash.
func TestStore(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		tr := schematest.NewTree(t, c)
		dir := t.TempDir()
		files, err := attachments.New(attachments.Config{Dir: dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		base := access.System(context.Background(), "test")
		data := []byte("%PDF-1.7 evidence")
		sum := sha256.Sum256(data)
		// put writes one attachment in a transaction that commits or rolls back.
		put := func(s *attachments.Store, commit bool) *ent.Attachment {
			t.Helper()
			tx, err := c.Tx(base)
			if err != nil {
				t.Fatal(err)
			}
			ctx := attachments.NewContext(ent.NewTxContext(base, tx), s)
			a, err := tx.Attachment.Create().SetIndicatorID(tr.RootYear.OverallIndicator.ID).SetFileName("a.pdf").
				SetContentType("application/pdf").SetSize(int64(len(data))).SetSha256(hex.EncodeToString(sum[:])).
				SetStorage(s.Storage()).Save(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Put(ctx, tx.Client(), a, data); err != nil {
				t.Fatal(err)
			}
			if commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		read := func(s *attachments.Store, a *ent.Attachment) (string, error) {
			rc, err := s.Open(base, c, a)
			if err != nil {
				return "", err
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			return string(b), err
		}
		count := func() int {
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			return len(entries)
		}
		// deleteIn deletes a in a transaction that commits or rolls back.
		deleteIn := func(s *attachments.Store, a *ent.Attachment, commit bool) {
			t.Helper()
			tx, err := c.Tx(base)
			if err != nil {
				t.Fatal(err)
			}
			ctx := attachments.NewContext(ent.NewTxContext(base, tx), s)
			if err := tx.Attachment.DeleteOneID(a.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			if s.Dir() != "" && count() == 0 {
				t.Error("the file went before the transaction ended")
			}
			if commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
		}

		put(files, false)
		if n := count(); n != 0 {
			t.Errorf("a rolled-back upload left %d files", n)
		}
		a := put(files, true)
		if got, err := read(files, a); err != nil || got != string(data) {
			t.Errorf("read back: %q %v", got, err)
		}
		if _, err := read(attachments.Default(), a); err == nil || !strings.Contains(err.Error(), "--attachments-dir") {
			t.Errorf("a directory's attachment without the directory: %v", err)
		}
		path := filepath.Join(dir, strconv.Itoa(a.ID)+"-"+a.Sha256)
		if err := os.WriteFile(path, []byte("%PDF-1.7 changed!"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := read(files, a); err == nil || !strings.Contains(err.Error(), "do not match") {
			t.Errorf("a changed file is read: %v", err)
		}
		deleteIn(files, a, false)
		if count() != 1 {
			t.Error("a rolled-back delete removed the file")
		}
		deleteIn(files, a, true)
		if count() != 0 {
			t.Error("a committed delete kept the file")
		}

		// In the database: the bytes in a table of their own, gone with the row.
		inDB := put(attachments.Default(), true)
		if got, err := read(attachments.Default(), inDB); err != nil || got != string(data) {
			t.Errorf("from the database: %q %v", got, err)
		}
		if n, _ := c.AttachmentContent.Query().Count(base); n != 1 {
			t.Errorf("%d content rows", n)
		}
		deleteIn(attachments.Default(), inDB, true)
		if n, _ := c.AttachmentContent.Query().Count(base); n != 0 {
			t.Errorf("%d content rows after the delete", n)
		}
	})
}
