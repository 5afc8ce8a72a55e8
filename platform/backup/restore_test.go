package backup_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/platform/backup"
)

// backed makes a backup of a fresh database in dir and returns its path.
func backed(t *testing.T, dir string) string {
	t.Helper()
	src, to := filepath.Join(dir, "src.db"), filepath.Join(dir, "backup.db")
	db := source(t, src, "WAL")
	write(t, db)
	write(t, db)
	if _, err := backup.Backup(t.Context(), src, to, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	return to
}

var tables = backup.RestoreOptions{Tables: []string{"rows", "writes"}}

// TestRestore restores into a new path, refuses an existing database without
// Force, and with it replaces the database and the log a crash left beside it.
func TestRestore(t *testing.T) {
	dir := t.TempDir()
	from, to := backed(t, dir), filepath.Join(dir, "restored.db")
	res, err := backup.Restore(t.Context(), from, to, tables)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(t, to); got != 2 || res.Path != to || res.Pages == 0 || res.Bytes != int64(res.Pages)*4096 {
		t.Fatalf("restored %+v counting %d writes, want 2", res, got)
	}

	// The database written since, with changes still in its log as a crash leaves them.
	db := source(t, to+".new", "WAL")
	write(t, db)
	db.Close()
	if err := os.Rename(to+".new", to); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm"} {
		if err := os.WriteFile(to+s, []byte("stale"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := backup.Restore(t.Context(), from, to, tables); !errors.Is(err, backup.ErrExists) {
		t.Fatalf("restore over a database: err %v, want ErrExists", err)
	}
	if got := count(t, to); got != 1 {
		t.Fatalf("a refused restore changed the database: %d writes, want 1", got)
	}
	opt := tables
	opt.Force = true
	if _, err := backup.Restore(t.Context(), from, to, opt); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(to + s); err == nil {
			t.Errorf("restore left %s", to+s)
		}
	}
	if got := count(t, to); got != 2 {
		t.Errorf("restored database counts %d writes, want 2", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left %v", l)
	}
}

// TestRestoreRefusesDatabaseInUse holds the target open as a server does and
// requires restore to refuse until it is closed.
func TestRestoreRefusesDatabaseInUse(t *testing.T) {
	dir := t.TempDir()
	from, to := backed(t, dir), filepath.Join(dir, "live.db")
	live := source(t, to, "WAL")
	write(t, live)
	opt := tables
	opt.Force = true
	if _, err := backup.Restore(t.Context(), from, to, opt); err == nil || !strings.Contains(err.Error(), "is in use") {
		t.Fatalf("restore under an open connection: err %v, want it refused as in use", err)
	}
	live.Close()
	if got := count(t, to); got != 1 {
		t.Fatalf("a refused restore changed the database: %d writes, want 1", got)
	}
	if _, err := backup.Restore(t.Context(), from, to, opt); err != nil {
		t.Fatal(err)
	}
	if got := count(t, to); got != 2 {
		t.Errorf("restored database counts %d writes, want 2", got)
	}
}

// TestRestoreRefusesBadBackups offers files that are not whole backups and
// requires each to be refused with the reason, the target left as it was.
func TestRestoreRefusesBadBackups(t *testing.T) {
	dir := t.TempDir()
	good := backed(t, dir)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), b...)
	for i := 2 * 4096; i < 3*4096; i++ { // a page of the rows table
		damaged[i] = 0xA5
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite3", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE rows (id INTEGER)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	files := map[string][]byte{
		"text":      []byte("pg_dump output, say\n"),
		"empty":     nil,
		"truncated": b[:len(b)/2],
		"damaged":   damaged,
	}
	to := filepath.Join(dir, "target.db")
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
	opt := tables
	opt.Force = true
	for name, want := range map[string]string{
		"text":      "is not a SQLite database",
		"empty":     "is not a SQLite database",
		"truncated": "malformed",
		"damaged":   "damaged",
		"other":     "has no table writes",
		"missing":   "no database at ",
	} {
		from := filepath.Join(dir, name+".db")
		if content, ok := files[name]; ok {
			if err := os.WriteFile(from, content, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, err := backup.Restore(t.Context(), from, to, opt)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore of the %s file: err %v, want %q", name, err, want)
		}
		if got := count(t, to); got != 2 {
			t.Fatalf("restore of the %s file changed the target", name)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left %v", l)
	}
}
