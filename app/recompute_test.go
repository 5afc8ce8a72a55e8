package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/app/demo"
	"jixiao/platform/access"
	"jixiao/platform/store"
)

// TestRecompute damages kept values behind the server's back and requires
// `jixiao recompute` to name each damaged value and fail, `--repair` to rewrite
// them, and a database written before the columns existed to be filled at start.
func TestRecompute(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "jixiao.db")
	dbURL := "sqlite://" + path
	c, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(access.System(ctx, "test"), c); err != nil {
		t.Fatal(err)
	}
	c.Close()

	db, err := sql.Open("sqlite3", store.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	damage := func() {
		t.Helper()
		for _, stmt := range []string{
			`UPDATE indicators SET score = 1234 WHERE id = (SELECT MIN(id) FROM indicators)`,
			`UPDATE evaluations SET grade = 'POOR' WHERE project_id IS NULL`,
		} {
			if _, err := db.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := Run(ctx, append([]string{"recompute", "--db", dbURL}, args...), func(string) string { return "" }, &out)
		return out.String(), err
	}

	damage()
	out, err := run()
	if !errors.Is(err, errDifferences) {
		t.Fatalf("recompute on damaged values: err %v, want errDifferences; output:\n%s", err, out)
	}
	for _, want := range []string{"indicators ", " score: stored 0.001234, computed ", "evaluations ", " grade: stored POOR, computed EXCELLENT"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if out, err := run("--repair"); err != nil || !strings.Contains(out, "rows rewritten") {
		t.Fatalf("recompute --repair: %v\n%s", err, out)
	}
	if out, err := run(); err != nil || !strings.Contains(out, ": 0 values differ") {
		t.Fatalf("recompute after repair: %v\n%s", err, out)
	}

	// A database from before the kept columns: zeros everywhere and no mark.
	damage()
	if _, err := db.Exec(`DELETE FROM kept_marks`); err != nil {
		t.Fatal(err)
	}
	c, err = store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if out, err := run(); err != nil {
		t.Fatalf("after the start's backfill: %v\n%s", err, out)
	}
}
