package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// header begins every SQLite database file.
const header = "SQLite format 3\x00"

// sidecars are the files SQLite keeps beside a database: its write-ahead log,
// the log's index, the rollback journal.
var sidecars = []string{"-wal", "-shm", "-journal"}

// isDatabase refuses a path that is missing or is not a SQLite database.
func isDatabase(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no database at %s", path)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, len(header))
	if _, err := io.ReadFull(f, buf); err != nil || string(buf) != header {
		return fmt.Errorf("%s is not a SQLite database: it does not begin with SQLite's header", path)
	}
	return nil
}

// tempBeside creates an empty file in path's directory, so that renaming it to
// path replaces path in one step.
func tempBeside(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("creating a file beside %s: %w", path, err)
	}
	return f.Name(), f.Close()
}

// removeSidecars removes what SQLite left beside path. A log left from another
// database would be replayed into the one put there.
func removeSidecars(path string) error {
	for _, s := range sidecars {
		if err := os.Remove(path + s); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func removeWithSidecars(path string) {
	_ = os.Remove(path)
	_ = removeSidecars(path)
}

// seal makes the database at path one self-contained file (rollback-journal
// mode, nothing in a log beside it), requires PRAGMA integrity_check to find it
// whole and the tables named to be there, and returns its size in pages.
func seal(ctx context.Context, path string, tables ...string) (pages int, err error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw&_busy_timeout=10000")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
		return 0, err
	}
	if mode != "delete" {
		return 0, fmt.Errorf("its journal mode stayed %s", mode)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(10)")
	if err != nil {
		return 0, err
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(problems) > 0 {
		return 0, fmt.Errorf("integrity_check finds it damaged: %s", strings.Join(problems, "; "))
	}
	for _, t := range tables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", t).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("it has no table %s: not a database of this application", t)
		}
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return 0, err
	}
	return pages, db.Close()
}

// install renames tmp to path once its bytes are on disk, and makes the rename
// durable; it returns the file's size.
func install(tmp, path string) (int64, error) {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	serr := f.Sync()
	fi, err := f.Stat()
	if err = firstErr(serr, err, f.Close()); err != nil {
		return 0, fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // the rename survives a power cut; some filesystems cannot sync a directory
		d.Close()
	}
	return fi.Size(), nil
}

// firstErr is the first of errs that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// inUse refuses a database another connection has open. Each connection of a
// server to a WAL database keeps a shared lock on it while open, so asking for
// an exclusive lock without waiting is refused at once. A server whose pool
// has closed its idle connections goes unseen: a guard, not a guarantee.
func inUse(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw&_busy_timeout=0&_locking_mode=EXCLUSIVE")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE")
		conn.Close()
	}
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%s is in use (a server or another program has it open): stop it, then restore", path)
	}
	// Any other failure (a damaged file, say) is not a server at work: the
	// restore replaces the file.
	return nil
}
