package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// ErrExists refuses to restore over a database unless asked to replace it.
var ErrExists = errors.New("a database exists there")

// RestoreOptions tune Restore.
type RestoreOptions struct {
	Force  bool     // replace the database at the target
	Tables []string // tables the backup must have: a copy of another program's database is refused
}

// Restore puts the backup from in place of the database at to, which no server
// may be using. The backup is copied beside to, checked with PRAGMA
// integrity_check and renamed to to only then; the log files of the database it
// replaces are removed so that SQLite cannot replay them into it.
func Restore(ctx context.Context, from, to string, opt RestoreOptions) (res Result, err error) {
	start := time.Now()
	if err := isDatabase(from); err != nil {
		return res, err
	}
	// A backup taken by copying a live database may keep recent changes in its log.
	if fi, err := os.Stat(from + "-wal"); err == nil && fi.Size() > 0 {
		return res, fmt.Errorf("%s-wal is beside %s: a database in use or a copy without its log; restore a file made by jixiao backup", from, from)
	}
	perm := fs.FileMode(0o600)
	fi, err := os.Stat(to)
	switch {
	case err == nil && fi.IsDir():
		return res, fmt.Errorf("%s is a directory", to)
	case err == nil && !opt.Force:
		return res, fmt.Errorf("%s: %w", to, ErrExists)
	case err == nil:
		if err := inUse(ctx, to); err != nil {
			return res, err
		}
		perm = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return res, err
	}

	tmp, err := tempBeside(to)
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			removeWithSidecars(tmp)
		}
	}()
	if err = copyFile(from, tmp, perm); err != nil {
		return res, err
	}
	if res.Pages, err = seal(ctx, tmp, opt.Tables...); err != nil {
		return res, fmt.Errorf("%s: %w", from, err)
	}
	// Again, just before the swap: a server may have started during the copy.
	if _, serr := os.Stat(to); serr == nil {
		if err = inUse(ctx, to); err != nil {
			return res, err
		}
	}
	if err = removeSidecars(to); err != nil {
		return res, err
	}
	if res.Bytes, err = install(tmp, to); err != nil {
		return res, err
	}
	res.Path, res.Duration = to, time.Since(start)
	return res, nil
}

// copyFile copies the bytes of from over the file to, with the given permissions.
func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s to %s: %w", from, to, err)
	}
	if err := out.Chmod(perm); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
