// Package backup copies a SQLite database to a file while servers keep writing
// to it (SQLite's online backup API), and puts such a copy back in place of a
// database that no server is using.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-sqlite3"
)

// defaultPagesPerStep is 4 MiB of SQLite's default 4 KiB pages: a step holds
// the source's read lock only that long.
const defaultPagesPerStep = 1024

// maxSetbacks bounds the steps that found the source changed (the API then
// begins the copy again) or locked; after that many, the rest is copied in one
// step so that a busy writer cannot keep the backup from ending.
const maxSetbacks = 3

// Options tune Backup; the zero value is what the command uses.
type Options struct {
	// PagesPerStep is how many pages one step copies (default 1024).
	PagesPerStep int
	// Step, when set, is called after every step, before the next: for progress,
	// and for tests to write to the source between steps.
	Step func(Progress)
}

// Progress is where a backup stands after a step.
type Progress struct {
	Remaining, Pages int  // pages left to copy, pages in the source
	Setbacks         int  // steps so far that found the source changed or locked
	Done             bool // the copy is complete (it is checked next)
}

// Result says what a backup or a restore did.
type Result struct {
	Path     string // the file written
	Bytes    int64
	Pages    int
	Setbacks int // steps that found the source changed (the copy began again) or locked
	// Snapshot: the source was in WAL mode and the copy is the one read
	// transaction begun at the start, whatever was committed meanwhile.
	Snapshot bool
	Duration time.Duration
}

// Backup copies the SQLite database at src to the file to while other
// connections read and write it. The copy is written beside to, checked with
// PRAGMA integrity_check and renamed to to only then: a failed backup leaves
// whatever was at to before. The copy is in rollback-journal mode, one
// self-contained file.
func Backup(ctx context.Context, src, to string, opt Options) (res Result, err error) {
	start := time.Now()
	if err := isDatabase(src); err != nil {
		return res, err
	}
	if fi, err := os.Stat(to); err == nil {
		if fi.IsDir() {
			return res, fmt.Errorf("%s is a directory: name the backup file", to)
		}
		if si, err := os.Stat(src); err == nil && os.SameFile(fi, si) {
			return res, fmt.Errorf("%s is the database itself: back it up to another file", to)
		}
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
	if res, err = copyDB(ctx, src, tmp, opt); err != nil {
		return res, err
	}
	if _, err = seal(ctx, tmp); err != nil {
		return res, fmt.Errorf("checking the copy of %s: %w", src, err)
	}
	if res.Bytes, err = install(tmp, to); err != nil {
		return res, err
	}
	res.Path, res.Duration = to, time.Since(start)
	return res, nil
}

// copyDB runs the online backup from src into the empty database file dst.
func copyDB(ctx context.Context, src, dst string, opt Options) (res Result, err error) {
	srcDB, err := sql.Open("sqlite3", "file:"+src+"?mode=rw&_busy_timeout=10000")
	if err != nil {
		return res, err
	}
	defer srcDB.Close()
	dstDB, err := sql.Open("sqlite3", "file:"+dst)
	if err != nil {
		return res, err
	}
	defer dstDB.Close()
	sc, err := srcDB.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("opening %s: %w", src, err)
	}
	defer sc.Close()
	dc, err := dstDB.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("opening %s: %w", dst, err)
	}
	defer dc.Close()

	var mode string
	if err := sc.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return res, fmt.Errorf("reading %s: %w", src, err)
	}
	// In WAL mode a reader holds up no writer: one read transaction across all
	// the steps copies a single snapshot, and the copy never has to begin again.
	// (A plain BEGIN: the driver's own Begin would take the write lock.)
	if res.Snapshot = mode == "wal"; res.Snapshot {
		if _, err := sc.ExecContext(ctx, "BEGIN"); err != nil {
			return res, fmt.Errorf("reading %s: %w", src, err)
		}
		defer sc.ExecContext(context.Background(), "ROLLBACK")
		var n int
		if err := sc.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return res, fmt.Errorf("reading %s: %w", src, err)
		}
	}
	err = dc.Raw(func(d any) error {
		return sc.Raw(func(s any) error {
			dst, ok1 := d.(*sqlite3.SQLiteConn)
			src, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return fmt.Errorf("not go-sqlite3 connections: %T, %T", d, s)
			}
			var err error
			res.Pages, res.Setbacks, err = step(ctx, dst, src, opt)
			return err
		})
	})
	if err != nil {
		return res, fmt.Errorf("backing up %s: %w", src, err)
	}
	return res, nil
}

// step copies the pages of src into dst a few at a time.
func step(ctx context.Context, dst, src *sqlite3.SQLiteConn, opt Options) (pages, setbacks int, err error) {
	b, err := dst.Backup("main", src, "main")
	if err != nil {
		return 0, 0, err
	}
	defer func() {
		if ferr := b.Finish(); err == nil {
			err = ferr
		}
	}()
	n := opt.PagesPerStep
	if n <= 0 {
		n = defaultPagesPerStep
	}
	prev := -1
	for {
		if err := ctx.Err(); err != nil {
			return 0, setbacks, err
		}
		// Step reports SQLITE_BUSY and SQLITE_LOCKED as no progress, not as errors.
		done, err := b.Step(n)
		if err != nil {
			return 0, setbacks, err
		}
		remaining, total := b.Remaining(), b.PageCount()
		if !done {
			if n < 0 {
				return 0, setbacks, errors.New("the database stayed locked: no step could read it")
			}
			if prev >= 0 && remaining > prev-n {
				if setbacks++; setbacks == maxSetbacks {
					n = -1
				}
			}
		}
		prev = remaining
		if opt.Step != nil {
			opt.Step(Progress{Remaining: remaining, Pages: total, Setbacks: setbacks, Done: done})
		}
		if done {
			return total, setbacks, nil
		}
	}
}
