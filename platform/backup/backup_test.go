package backup_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/platform/backup"
)

// source creates a database of about 70 pages at path, in the given journal
// mode, with a counter the tests' writers increment; it returns a connection pool.
func source(t *testing.T, path, journal string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_journal_mode="+journal)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, stmt := range []string{
		`CREATE TABLE rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`,
		`CREATE TABLE writes (n INTEGER NOT NULL)`,
		`INSERT INTO writes VALUES (0)`,
		`WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k+1 FROM i WHERE k < 200)
		 INSERT INTO rows (v) SELECT printf('%.1000c', 'x') FROM i`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// write changes a row and counts the change in one transaction.
func write(t *testing.T, db *sql.DB) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE rows SET v = v || 'y' WHERE id = (SELECT n FROM writes) % 200 + 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE writes SET n = n + 1`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT n FROM writes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// leftovers lists the temporary files a backup or restore left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, ".*.tmp*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestBackupIsOneSnapshot writes to a WAL database between every two steps of a
// backup and requires the copy to be the database as it was when the backup
// began, in one file in rollback-journal mode.
func TestBackupIsOneSnapshot(t *testing.T) {
	dir := t.TempDir()
	src, to := filepath.Join(dir, "src.db"), filepath.Join(dir, "copy.db")
	db := source(t, src, "WAL")
	write(t, db)
	steps := 0
	res, err := backup.Backup(t.Context(), src, to, backup.Options{PagesPerStep: 8, Step: func(p backup.Progress) {
		if !p.Done {
			steps++
			write(t, db)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if steps < 5 || !res.Snapshot || res.Setbacks != 0 {
		t.Fatalf("%d steps, %+v: want 5 or more steps of one snapshot without setbacks", steps, res)
	}
	if got := count(t, src); got != 1+steps {
		t.Fatalf("the source counts %d writes, want %d", got, 1+steps)
	}
	if got := count(t, to); got != 1 {
		t.Errorf("the copy counts %d writes, want the 1 made before the backup began", got)
	}
	b, err := os.ReadFile(to)
	if err != nil {
		t.Fatal(err)
	}
	if b[18] != 1 || b[19] != 1 {
		t.Errorf("the copy's header says file format %d/%d, want 1/1 (rollback journal, not WAL)", b[18], b[19])
	}
	if int64(len(b)) != res.Bytes || res.Pages*4096 != len(b) {
		t.Errorf("result %+v for a file of %d bytes", res, len(b))
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(to + s); err == nil {
			t.Errorf("%s is beside the copy", to+s)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left %v", l)
	}
}

// TestBackupRestartsInRollbackMode writes to a rollback-journal database between
// steps: each write makes the API begin the copy again, and after a few such
// setbacks the backup copies the rest in one step. The copy has every write.
func TestBackupRestartsInRollbackMode(t *testing.T) {
	dir := t.TempDir()
	src, to := filepath.Join(dir, "src.db"), filepath.Join(dir, "copy.db")
	db := source(t, src, "DELETE")
	steps := 0
	res, err := backup.Backup(t.Context(), src, to, backup.Options{PagesPerStep: 8, Step: func(p backup.Progress) {
		if !p.Done {
			steps++
			write(t, db)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshot || res.Setbacks != 3 {
		t.Errorf("%+v: want 3 setbacks and no snapshot", res)
	}
	if got, want := count(t, to), count(t, src); got != want || got != steps {
		t.Errorf("the copy counts %d writes, the source %d; %d were made", got, want, steps)
	}
}

// TestFailedBackupLeavesNoFile cancels backups half-way: the target keeps what it
// had (nothing, or the last backup) and no temporary file is left.
func TestFailedBackupLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	source(t, src, "WAL")
	for _, old := range []string{"", "the last backup"} {
		to := filepath.Join(dir, "copy.db")
		if old != "" {
			if err := os.WriteFile(to, []byte(old), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(t.Context())
		_, err := backup.Backup(ctx, src, to, backup.Options{PagesPerStep: 8, Step: func(backup.Progress) { cancel() }})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
		b, err := os.ReadFile(to)
		if old == "" && !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed backup left %s (%v)", to, err)
		}
		if old != "" && string(b) != old {
			t.Errorf("a failed backup changed %s to %q", to, b)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left %v", l)
		}
	}
}

func TestBackupRefuses(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	source(t, src, "WAL")
	for _, c := range []struct{ src, to, want string }{
		{filepath.Join(dir, "none.db"), filepath.Join(dir, "copy.db"), "no database at "},
		{src, src, "is the database itself"},
		{src, dir, "is a directory"},
		{src, filepath.Join(dir, "no", "such", "dir.db"), "creating a file beside "},
	} {
		if _, err := backup.Backup(t.Context(), c.src, c.to, backup.Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("backup of %s to %s: err %v, want %q", c.src, c.to, err, c.want)
		}
	}
}
