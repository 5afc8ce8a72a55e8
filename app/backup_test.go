package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/app/demo"
	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/platform/access"
	"jixiao/platform/backup"
	"jixiao/platform/store"
)

// writer changes indicator actuals of the district's departments, one
// transaction at a time. Its counter indicator's actual is the number of
// changes so far, set in the same transaction as each change, and after each it
// notes every evaluation's score: whatever state a copy holds, its counter
// says which state that was and the notes what its scores were.
type writer struct {
	c       *ent.Client
	counter int   // the indicator whose actual counts the changes
	others  []int // indicators the changes pick from
	r       *rand.Rand
	n       int
	scores  map[int]map[int]fixed.Decimal // after n changes: evaluation id → score
}

func newWriter(t *testing.T, ctx context.Context, c *ent.Client) *writer {
	t.Helper()
	ids, err := c.Indicator.Query().Where(
		indicator.KindEQ(indicator.KindQUANTITATIVE), indicator.BindingIsNil(), indicator.ActualNotNil(),
		indicator.HasDepartmentYearWith(departmentyear.HasDepartmentWith(
			department.CodeNotIn(demo.OfficeCode, demo.NeighbourCode, demo.DistrictCode))),
	).Order(indicator.ByID()).IDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 10 {
		t.Fatalf("the demo has %d indicators to change, want 10 or more", len(ids))
	}
	w := &writer{c: c, counter: ids[0], others: ids[1:], r: rand.New(rand.NewPCG(10, 5)),
		scores: map[int]map[int]fixed.Decimal{}}
	if w.scores[0], err = scores(ctx, c); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *writer) write(ctx context.Context) error {
	tx, err := w.c.Tx(ctx)
	if err != nil {
		return err
	}
	n := w.n + 1
	err = tx.Indicator.UpdateOneID(w.counter).SetActual(fixed.FromInt(int64(n))).Exec(ctx)
	if err == nil {
		other := w.others[w.r.IntN(len(w.others))]
		err = tx.Indicator.UpdateOneID(other).SetActual(fixed.Decimal(w.r.Int64N(100_000_000))).Exec(ctx)
	}
	var after map[int]fixed.Decimal
	if err == nil {
		after, err = scores(ctx, tx.Client())
	}
	if err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("change %d: %w", n, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("change %d: %w", n, err)
	}
	w.n, w.scores[n] = n, after
	return nil
}

// pageCount is the size of the database at path in pages, its log included.
func pageCount(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", store.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("PRAGMA page_count").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func scores(ctx context.Context, c *ent.Client) (map[int]fixed.Decimal, error) {
	evs, err := c.Evaluation.Query().Select(evaluation.FieldScore).All(ctx)
	if err != nil {
		return nil, err
	}
	m := map[int]fixed.Decimal{}
	for _, ev := range evs {
		m[ev.ID] = ev.Score
	}
	return m, nil
}

// TestBackupUnderWrites backs the demo database up while a writer changes it
// between every two steps of the backup, restores the copy with `jixiao
// restore`, and requires the restored database to be whole and consistent: its
// kept scores equal a recomputation of its own figures, the seed office still
// scores 99.69, and its scores are exactly those the source had when the backup
// began, none of the changes made during it.
func TestBackupUnderWrites(t *testing.T) {
	ctx := access.System(context.Background(), "test")
	dir := t.TempDir()
	path, copyPath, restored := filepath.Join(dir, "jixiao.db"), filepath.Join(dir, "backup.db"), filepath.Join(dir, "restored.db")
	c, err := store.Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := demo.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	w := newWriter(t, ctx, c)
	const before, perStep = 3, 2
	for range before {
		if err := w.write(ctx); err != nil {
			t.Fatal(err)
		}
	}

	// The writer runs in its own goroutine, as a server's requests do; the
	// backup hands it a turn after each step and waits for it to end.
	turns, wrote := make(chan int), make(chan error)
	go func() {
		defer close(wrote)
		for k := range turns {
			var err error
			for i := 0; i < k && err == nil; i++ {
				err = w.write(ctx)
			}
			wrote <- err
		}
	}()
	pages := pageCount(t, path)
	steps := 0
	res, err := backup.Backup(ctx, path, copyPath, backup.Options{
		PagesPerStep: pages/12 + 1,
		Step: func(p backup.Progress) {
			if p.Done {
				return
			}
			steps++
			turns <- perStep
			if err := <-wrote; err != nil {
				t.Error(err)
			}
		},
	})
	close(turns)
	<-wrote
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup of the demo (%d bytes, %d pages) in %d steps, %d changes meanwhile: %s",
		res.Bytes, res.Pages, steps+1, steps*perStep, res.Duration)
	if steps < 5 || w.n != before+steps*perStep || !res.Snapshot || res.Setbacks != 0 {
		t.Fatalf("%d steps, %d changes, %+v: want 5 or more steps with changes between them, one snapshot", steps, w.n, res)
	}

	var out bytes.Buffer
	if err := Run(ctx, []string{"restore", "--from", copyPath, "--db", "sqlite://" + restored}, func(string) string { return "" }, &out); err != nil {
		t.Fatalf("restore: %v\n%s", err, out.String())
	}
	db, err := sql.Open("sqlite3", store.SQLiteDSN(restored))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the restored database: %q, %v", check, err)
	}
	rc, err := store.Open(ctx, "sqlite://"+restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	sum, err := kept.Check(ctx, rc, false, func(d kept.Difference) { t.Error(d) })
	if err != nil || sum.Differences != 0 || sum.Evaluations == 0 {
		t.Fatalf("kept.Check of the restored database: %+v, %v", sum, err)
	}
	seed, err := rc.Evaluation.Query().Where(evaluation.ProjectIDIsNil(), evaluation.HasDepartmentYearWith(
		departmentyear.Year(demo.Year), departmentyear.HasDepartmentWith(department.Code(demo.OfficeCode)))).Only(ctx)
	if err != nil || seed.Score != fixed.MustParse("99.69") {
		t.Fatalf("the seed evaluation of the restored database: %v, %v; want a score of 99.69", seed, err)
	}
	counter, err := rc.Indicator.Get(ctx, w.counter)
	if err != nil {
		t.Fatal(err)
	}
	if counter.Actual == nil || *counter.Actual != fixed.FromInt(before) {
		t.Fatalf("the restored counter is %v, want %d: the changes made before the backup began", counter.Actual, before)
	}
	got, err := scores(ctx, rc)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, w.scores[before]) {
		t.Error("the restored scores differ from the source's when the backup began")
	}
	if maps.Equal(w.scores[before], w.scores[w.n]) {
		t.Error("the changes during the backup moved no score: the test proves nothing")
	}
}

// TestBackupCommands runs `jixiao backup` against a running server and `jixiao
// restore` while it runs and after it stopped, and the commands' refusals.
func TestBackupCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbURL, bak := "sqlite://"+filepath.Join(dir, "jixiao.db"), filepath.Join(dir, "jixiao-backup.db")
	env := map[string]string{"JIXIAO_DB": dbURL}
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := Run(ctx, args, func(k string) string { return env[k] }, &out)
		return out.String(), err
	}
	t.Run("serving", func(t *testing.T) {
		startServer(t, dbURL, "--demo=seed")
		out, err := run("backup", "--to", bak) // --db from JIXIAO_DB
		if err != nil || !strings.HasPrefix(out, "backed up "+strings.TrimPrefix(dbURL, "sqlite://")+" to "+bak+": ") {
			t.Fatalf("backup: %v\n%s", err, out)
		}
		t.Log(out)
		if _, err := run("restore", "--from", bak, "--force"); err == nil || !strings.Contains(err.Error(), "is in use") {
			t.Fatalf("restore under a running server: %v, want it refused as in use", err)
		}
	})
	if _, err := run("restore", "--from", bak); !errors.Is(err, backup.ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("restore over a database without --force: %v", err)
	}
	out, err := run("restore", "--from", bak, "--force")
	if err != nil || !strings.HasPrefix(out, "restored ") {
		t.Fatalf("restore --force: %v\n%s", err, out)
	}
	if out, err := run("recompute"); err != nil {
		t.Fatalf("recompute of the restored database: %v\n%s", err, out)
	}

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("-- PostgreSQL database dump\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pg := "postgres://jixiao:secret@db.example/jixiao"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--db", pg, "--to", bak}, "pg_dump -Fc"},
		{[]string{"restore", "--db", pg, "--from", bak}, "pg_restore"},
		{[]string{"restore", "--from", junk, "--db", "sqlite://" + filepath.Join(dir, "new.db")}, "junk.db is not a SQLite database"},
		{[]string{"backup"}, "give --to FILE"},
		{[]string{"restore", "--from", bak, "extra"}, `unexpected argument "extra"`},
		{[]string{"backup", "--db", "mysql://x", "--to", bak}, "use sqlite://PATH"},
	} {
		_, err := run(c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%v: err %v, want %q", c.args, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore left a database: %v", err)
	}
}
