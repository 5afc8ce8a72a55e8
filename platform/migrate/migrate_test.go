package migrate_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	atlasschema "ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqlite"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/jackc/pgx/v5/stdlib"

	"jixiao/domain/kept"
	entmigrate "jixiao/ent/migrate"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/migrate"
	"jixiao/platform/store"
)

// rawDB opens a store's URL without the store package: the tests look at
// databases store.Open would refuse or migrate.
func rawDB(t *testing.T, dbURL string) (*sql.DB, string) {
	t.Helper()
	var db *sql.DB
	var err error
	d := dialect.Postgres
	if path, ok := strings.CutPrefix(dbURL, "sqlite://"); ok {
		d = dialect.SQLite
		db, err = sql.Open("sqlite3", store.SQLiteDSN(path))
	} else {
		db, err = sql.Open("pgx", dbURL)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, d
}

// TestFilesBuildTheSchema fails when the ent schema changed without a migration
// (or a migration file without the schema): the files, replayed on an empty
// database, must build exactly what ent's planner derives from the schema.
func TestFilesBuildTheSchema(t *testing.T) {
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, d := rawDB(t, dbURL)
		dir, err := migrate.Dir(d)
		if err != nil {
			t.Fatal(err)
		}
		m, err := schema.NewMigrate(entsql.OpenDB(d, db),
			schema.WithDir(dir), schema.WithMigrationMode(schema.ModeReplay), schema.WithDialect(d),
			schema.WithDropColumn(true), schema.WithDropIndex(true), schema.WithErrNoPlan(true))
		if err != nil {
			t.Fatal(err)
		}
		err = m.NamedDiff(context.Background(), "check", entmigrate.Tables...)
		if !errors.Is(err, atlasmigrate.ErrNoPlan) {
			t.Fatalf("the migration files do not build the ent schema: run `make migration NAME=…` (the planner answered %v)", err)
		}
	})
}

func TestUpThenCurrent(t *testing.T) {
	ctx := context.Background()
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, d := rawDB(t, dbURL)
		known, err := migrate.Versions(d)
		if err != nil {
			t.Fatal(err)
		}
		st, err := migrate.Check(ctx, db, d)
		if err != nil || len(st.Pending) != len(known) || st.Legacy || len(st.Applied) != 0 {
			t.Fatalf("empty database: %+v, %v; want all %d pending", st, err, len(known))
		}
		if _, err := store.OpenCurrent(ctx, dbURL); !errors.Is(err, migrate.ErrPending) {
			t.Fatalf("serving an empty database: %v, want ErrPending", err)
		}
		applied, err := store.Migrate(ctx, dbURL)
		if err != nil || !slices.Equal(versionsOf(applied), known) {
			t.Fatalf("up applied %v (%v), want %v", applied, err, known)
		}
		again, err := store.Migrate(ctx, dbURL)
		if err != nil || len(again) != 0 {
			t.Fatalf("a second up applied %v (%v), want nothing", again, err)
		}
		st, err = migrate.Check(ctx, db, d)
		if err != nil || !st.Current() || len(st.Applied) != len(known) {
			t.Fatalf("after up: %+v, %v", st, err)
		}
		c, err := store.OpenCurrent(ctx, dbURL)
		if err != nil {
			t.Fatalf("serving a migrated database: %v", err)
		}
		defer c.Close()
		if err := store.Ready(c)(ctx); err != nil {
			t.Fatalf("ready: %v", err)
		}
	})
}

// TestRefusals: a database a newer release migrated, one whose applied file was
// edited since, and one made before the last auto-migrating release.
func TestRefusals(t *testing.T) {
	ctx := context.Background()
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, d := rawDB(t, dbURL)
		if _, err := store.Migrate(ctx, dbURL); err != nil {
			t.Fatal(err)
		}
		c, err := store.OpenCurrent(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		exec(t, db, `INSERT INTO schema_migrations (version, description, checksum, applied_at, adopted) VALUES ('29990101000000', 'from the future', 'x', '2999-01-01T00:00:00Z', `+falsy(d)+`)`)
		if _, err := store.OpenCurrent(ctx, dbURL); !errors.Is(err, migrate.ErrNewer) || !strings.Contains(err.Error(), "29990101000000") {
			t.Errorf("serving a newer schema: %v, want ErrNewer naming the version", err)
		}
		if _, err := store.Migrate(ctx, dbURL); !errors.Is(err, migrate.ErrNewer) {
			t.Errorf("migrating a newer schema: %v, want ErrNewer", err)
		}
		if err := store.Ready(c)(ctx); !errors.Is(err, migrate.ErrNewer) {
			t.Errorf("ready after another release migrated: %v, want ErrNewer", err)
		}
		exec(t, db, `DELETE FROM schema_migrations WHERE version = '29990101000000'`)

		known, _ := migrate.Versions(d)
		exec(t, db, `UPDATE schema_migrations SET checksum = 'h1:changed' WHERE version = '`+known[0]+`'`)
		if _, err := store.OpenCurrent(ctx, dbURL); err == nil || !strings.Contains(err.Error(), "edited after it was applied") {
			t.Errorf("serving after a file was edited: %v", err)
		}
	})
}

func TestOlderThanLastAutoMigratingRelease(t *testing.T) {
	ctx := context.Background()
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, _ := rawDB(t, dbURL)
		exec(t, db, `CREATE TABLE departments (id integer PRIMARY KEY)`)
		_, err := store.Migrate(ctx, dbURL)
		if !errors.Is(err, migrate.ErrTooOld) {
			t.Fatalf("migrating a database without kept_marks: %v, want ErrTooOld", err)
		}
	})
}

// TestServersMigratingAtOnce: several servers started with --migrate on one
// empty database each apply what is left; every migration runs once.
func TestServersMigratingAtOnce(t *testing.T) {
	ctx := context.Background()
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, d := rawDB(t, dbURL)
		known, _ := migrate.Versions(d)
		const servers = 4
		var wg sync.WaitGroup
		results := make([][]migrate.Revision, servers)
		errs := make([]error, servers)
		for i := range servers {
			wg.Go(func() { results[i], errs[i] = store.Migrate(ctx, dbURL) })
		}
		wg.Wait()
		var all []string
		for i := range servers {
			if errs[i] != nil {
				t.Fatalf("server %d: %v", i, errs[i])
			}
			all = append(all, versionsOf(results[i])...)
		}
		slices.Sort(all)
		if !slices.Equal(all, known) {
			t.Fatalf("applied across servers %v, want each of %v once", all, known)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(known) {
			t.Fatalf("%d revisions recorded (%v), want %d", n, err, len(known))
		}
	})
}

// TestUpgradeFromPreviousRelease takes databases the last auto-migrating release
// (6cf5030) made with --demo=seed, migrates them, and checks that every row is
// still there, the kept scores equal a recomputation, the seed's score is still
// 99.69, and the schema is exactly a freshly migrated database's.
func TestUpgradeFromPreviousRelease(t *testing.T) {
	ctx := context.Background()
	schematest.EmptyStores(t, func(t *testing.T, dbURL string) {
		db, d := rawDB(t, dbURL)
		if d == dialect.SQLite {
			db.Close()
			b, err := os.ReadFile("testdata/release-6cf5030-seed.sqlite")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(strings.TrimPrefix(dbURL, "sqlite://"), b, 0o600); err != nil {
				t.Fatal(err)
			}
			db, _ = rawDB(t, dbURL)
		} else {
			restoreDump(t, db, "testdata/release-6cf5030-seed.postgres.sql")
		}
		before := counts(t, db)
		if before["evaluations"] == 0 || before["indicators"] == 0 {
			t.Fatalf("the fixture holds no data: %v", before)
		}
		beforeScores := scores(t, db)

		st, err := migrate.Check(ctx, db, d)
		if err != nil || !st.Legacy {
			t.Fatalf("the previous release's database: %+v, %v; want legacy", st, err)
		}
		if _, err := store.OpenCurrent(ctx, dbURL); !errors.Is(err, migrate.ErrPending) {
			t.Fatalf("serving it unmigrated: %v, want ErrPending", err)
		}
		applied, err := store.Migrate(ctx, dbURL)
		known, _ := migrate.Versions(d)
		if err != nil || !slices.Equal(versionsOf(applied), known) || !applied[0].Adopted {
			t.Fatalf("upgrade applied %v (%v), want %v (the baseline adopted)", applied, err, known)
		}
		st, err = migrate.Check(ctx, db, d)
		if err != nil || !st.Current() || !st.Applied[0].Adopted || st.Applied[1].Adopted {
			t.Fatalf("after the upgrade: %+v, %v", st, err)
		}

		if after := counts(t, db); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("rows per table after the upgrade %v, before %v", after, before)
		}
		if after := scores(t, db); fmt.Sprint(after) != fmt.Sprint(beforeScores) {
			t.Errorf("scores after the upgrade %v, before %v", after, beforeScores)
		}
		if !slices.Contains(beforeScores, "99690000") {
			t.Errorf("the seed's 99.69 is not among the scores %v", beforeScores)
		}
		c, err := store.OpenCurrent(ctx, dbURL)
		if err != nil {
			t.Fatalf("serving the upgraded database: %v", err)
		}
		defer c.Close()
		sum, err := kept.Check(access.System(ctx, "test"), c, false, func(diff kept.Difference) { t.Errorf("kept value differs: %+v", diff) })
		if err != nil || sum.Differences != 0 || sum.Evaluations != before["evaluations"] {
			t.Errorf("recomputation after the upgrade: %+v, %v", sum, err)
		}

		fresh := schematest.EmptyLike(t, dbURL)
		if _, err := store.Migrate(ctx, fresh); err != nil {
			t.Fatal(err)
		}
		freshDB, _ := rawDB(t, fresh)
		if diff := schemaDiff(t, d, db, freshDB); len(diff) > 0 {
			t.Errorf("the upgraded schema differs from a fresh one:\n%s", strings.Join(diff, "\n"))
		}
	})
}

// restoreDump runs a plain pg_dump (--inserts) on db through one connection,
// then drops that connection: the dump empties its search_path.
func restoreDump(t *testing.T, db *sql.DB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The simple protocol runs a script of many statements; the pool's default does not.
	err = conn.Raw(func(dc any) error {
		_, err := dc.(*stdlib.Conn).Conn().PgConn().Exec(context.Background(), string(b)).ReadAll()
		if err != nil {
			return err
		}
		return driver.ErrBadConn // not back to the pool, with its empty search_path
	})
	if !errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("restoring %s: %v", path, err)
	}
}

var tables = []string{"departments", "department_years", "monthly_executions", "key_tasks", "projects",
	"indicators", "evaluations", "transitions", "users", "api_tokens", "audit_records"}

func counts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, table := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatalf("counting %s: %v", table, err)
		}
		m[table] = n
	}
	return m
}

// scores are the evaluations' kept scores (millionths), by id.
func scores(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT score FROM evaluations ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var s []string
	for rows.Next() {
		var v sql.NullInt64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		s = append(s, fmt.Sprint(v.Int64))
	}
	return s
}

// schemaDiff lists what Atlas would change to turn a's schema into b's.
func schemaDiff(t *testing.T, d string, a, b *sql.DB) []string {
	t.Helper()
	open := func(db *sql.DB) atlasmigrate.Driver {
		var drv atlasmigrate.Driver
		var err error
		if d == dialect.SQLite {
			drv, err = sqlite.Open(db)
		} else {
			drv, err = postgres.Open(db)
		}
		if err != nil {
			t.Fatal(err)
		}
		return drv
	}
	da, db := open(a), open(b)
	sa, err := da.InspectSchema(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := db.InspectSchema(context.Background(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := da.SchemaDiff(sa, sb)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range changes {
		out = append(out, describe(c))
	}
	return out
}

func describe(c atlasschema.Change) string {
	switch c := c.(type) {
	case *atlasschema.ModifyTable:
		var parts []string
		for _, m := range c.Changes {
			parts = append(parts, fmt.Sprintf("%T %+v", m, m))
		}
		return "table " + c.T.Name + ": " + strings.Join(parts, "; ")
	case *atlasschema.AddTable:
		return "add table " + c.T.Name
	case *atlasschema.DropTable:
		return "drop table " + c.T.Name
	}
	return fmt.Sprintf("%T", c)
}

func exec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func falsy(d string) string {
	if d == dialect.SQLite {
		return "0"
	}
	return "false"
}

func versionsOf(rs []migrate.Revision) []string {
	vs := make([]string, len(rs))
	for i, r := range rs {
		vs[i] = r.Version
	}
	return vs
}
