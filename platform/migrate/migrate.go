// Package migrate applies the versioned migrations: SQL files planned from the
// ent schema by ent's Atlas engine (cmd/migration), embedded in the binary, one
// directory per store, and applied in order. A table, schema_migrations, records
// which ran. Nothing is planned at run time: the server only compares the files
// it knows with the ones a database has had, and applies the missing ones when
// told to (`jixiao migrate up`, or --migrate).
package migrate

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

//go:embed files
var files embed.FS

// Table records the migrations a database has had.
const Table = "schema_migrations"

// Revision is one migration a database has had.
type Revision struct {
	Version     string
	Description string
	Checksum    string // the file's cumulative hash in atlas.sum when it ran
	AppliedAt   time.Time
	// Adopted marks the baseline recorded, not run, on a database made by a
	// release before versioned migrations (whose auto-migration had built it).
	Adopted bool
}

// Status compares a database with the migrations this binary knows.
type Status struct {
	Applied []Revision
	Pending []atlas.File
	// Unknown lists versions the database has had that this binary does not
	// know: it was migrated by a newer release.
	Unknown []string
	// Legacy is a database made by a release before versioned migrations: its
	// schema is the baseline's, and the baseline is adopted rather than run.
	Legacy bool
}

// Current reports whether the database has had exactly the known migrations.
func (s Status) Current() bool { return len(s.Pending) == 0 && len(s.Unknown) == 0 && !s.Legacy }

// Err says why a server may not serve this database, or nil.
func (s Status) Err() error {
	switch {
	case len(s.Unknown) > 0:
		return fmt.Errorf("%w: it has had migration %s, which this release does not know; run the newer release",
			ErrNewer, strings.Join(s.Unknown, ", "))
	case s.Legacy || len(s.Pending) > 0:
		n := len(s.Pending)
		return fmt.Errorf("%w: %d migration(s) to apply (%s); run `jixiao migrate up` or start the server with --migrate",
			ErrPending, n, versions(s.Pending))
	}
	return nil
}

var (
	// ErrPending: the database lacks migrations this release needs.
	ErrPending = errors.New("the database schema is behind this release")
	// ErrNewer: a newer release migrated the database.
	ErrNewer = errors.New("the database schema is newer than this release")
	// ErrTooOld: the database was made by a release this one cannot upgrade.
	ErrTooOld = errors.New("the database was made by a release too old to upgrade from directly")
)

// Dir is the embedded migration directory of a store (dialect.SQLite or
// dialect.Postgres), checked against its atlas.sum.
func Dir(dialectName string) (*atlas.MemDir, error) {
	sub := map[string]string{dialect.SQLite: "files/sqlite", dialect.Postgres: "files/postgres"}[dialectName]
	if sub == "" {
		return nil, fmt.Errorf("migrate: no migrations for the %q store", dialectName)
	}
	entries, err := fs.ReadDir(files, sub)
	if err != nil {
		return nil, err
	}
	// A directory of its own per call: MemDirs are shared by name.
	dir := atlas.OpenMemDir(fmt.Sprintf("jixiao-%s-%d", dialectName, time.Now().UnixNano()))
	for _, e := range entries {
		b, err := files.ReadFile(path.Join(sub, e.Name()))
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	if err := atlas.Validate(dir); err != nil {
		return nil, fmt.Errorf("migrate: the %s migration files do not match their atlas.sum: %w", dialectName, err)
	}
	return dir, nil
}

// known is a store's migration files with each one's checksum.
type known struct {
	files []atlas.File
	sums  map[string]string
}

// load is a store's known migrations, read from the embedded files once: the
// readiness check asks on every probe.
func load(dialectName string) (known, error) {
	switch dialectName {
	case dialect.SQLite:
		return loadSQLite()
	case dialect.Postgres:
		return loadPostgres()
	}
	return read(dialectName)
}

var (
	loadSQLite   = sync.OnceValues(func() (known, error) { return read(dialect.SQLite) })
	loadPostgres = sync.OnceValues(func() (known, error) { return read(dialect.Postgres) })
)

func read(dialectName string) (known, error) {
	dir, err := Dir(dialectName)
	if err != nil {
		return known{}, err
	}
	defer dir.Close()
	fs, err := dir.Files()
	if err != nil {
		return known{}, err
	}
	sum, err := dir.Checksum()
	if err != nil {
		return known{}, err
	}
	k := known{files: fs, sums: map[string]string{}}
	for _, f := range fs {
		if k.sums[f.Version()], err = sum.SumByName(f.Name()); err != nil {
			return known{}, err
		}
	}
	return k, nil
}

// Check reads which migrations db has had and compares them with the known ones.
func Check(ctx context.Context, db *sql.DB, dialectName string) (Status, error) {
	k, err := load(dialectName)
	if err != nil {
		return Status{}, err
	}
	return check(ctx, db, dialectName, k)
}

// querier is what check reads through: the pool, or Up's transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func check(ctx context.Context, q querier, dialectName string, k known) (Status, error) {
	var st Status
	tracked, err := hasTable(ctx, q, dialectName, Table)
	if err != nil {
		return st, err
	}
	if !tracked {
		made, err := hasTable(ctx, q, dialectName, "departments")
		if err != nil {
			return st, err
		}
		if made {
			// A release before versioned migrations made it. The last of them
			// created kept_marks at every start; older ones lack columns the
			// baseline has, and adopting it would lie.
			if ok, err := hasTable(ctx, q, dialectName, "kept_marks"); err != nil || !ok {
				return st, errors.Join(err, fmt.Errorf("%w: it has no kept_marks table; start the release of 2026-12-05 on it once, then this one", ErrTooOld))
			}
			st.Legacy = true
			st.Pending = slices.Clone(k.files[1:])
			return st, nil
		}
		st.Pending = slices.Clone(k.files)
		return st, nil
	}
	st.Applied, err = readRevisions(ctx, q)
	if err != nil {
		return st, err
	}
	done := map[string]bool{}
	for i, r := range st.Applied {
		done[r.Version] = true
		want, ok := k.sums[r.Version]
		if !ok {
			st.Unknown = append(st.Unknown, r.Version)
			continue
		}
		if i >= len(k.files) || k.files[i].Version() != r.Version {
			return st, fmt.Errorf("migrate: migration %s was applied out of order", r.Version)
		}
		if r.Checksum != want {
			return st, fmt.Errorf("migrate: migration %s was edited after it was applied (checksum %s, the file's %s)", r.Version, r.Checksum, want)
		}
	}
	for _, f := range k.files {
		if !done[f.Version()] {
			st.Pending = append(st.Pending, f)
		}
	}
	if len(st.Unknown) > 0 && len(st.Pending) > 0 {
		return st, fmt.Errorf("migrate: the database has had %s, unknown here, yet lacks %s", strings.Join(st.Unknown, ", "), versions(st.Pending))
	}
	return st, nil
}

func readRevisions(ctx context.Context, q querier) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, description, checksum, applied_at, adopted FROM `+Table+` ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []Revision
	for rows.Next() {
		var r Revision
		var at string
		if err := rows.Scan(&r.Version, &r.Description, &r.Checksum, &at, &r.Adopted); err != nil {
			return nil, err
		}
		r.AppliedAt, _ = time.Parse(time.RFC3339, at)
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

func hasTable(ctx context.Context, q querier, dialectName, name string) (bool, error) {
	query := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if dialectName == dialect.Postgres {
		query = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	rows, err := q.QueryContext(ctx, query, name)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return false, err
		}
	}
	return n > 0, rows.Err()
}

func versions(fs []atlas.File) string {
	vs := make([]string, len(fs))
	for i, f := range fs {
		vs[i] = f.Version() + " " + f.Desc()
	}
	return strings.Join(vs, ", ")
}

// lockKey is the PostgreSQL advisory lock that serialises servers migrating at once.
const lockKey = 0x6a6978_6d6967 // "jix" "mig"

// Up applies the pending migrations in one transaction, all or none, and
// returns what it recorded (an adopted baseline first). Servers
// starting together on PostgreSQL take turns on an advisory lock; the later ones
// find nothing left to do. On SQLite it holds the write lock throughout, with
// foreign keys off as SQLite's procedure for schema changes asks (table
// rebuilds), checking them before it commits.
func Up(ctx context.Context, db *sql.DB, dialectName string) ([]Revision, error) {
	k, err := load(dialectName)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if dialectName == dialect.SQLite {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return nil, err
		}
		// The connection goes back to the pool: foreign keys on again whatever happens.
		defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`) //nolint:errcheck
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if dialectName == dialect.Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
			return nil, err
		}
	}
	st, err := check(ctx, tx, dialectName, k)
	if err != nil {
		return nil, err
	}
	if len(st.Unknown) > 0 {
		return nil, st.Err()
	}
	if _, err := tx.ExecContext(ctx, createTable(dialectName)); err != nil {
		return nil, fmt.Errorf("migrate: creating %s: %w", Table, err)
	}
	var did []Revision
	now := time.Now().UTC().Truncate(time.Second)
	record := func(f atlas.File, adopted bool) error {
		r := Revision{Version: f.Version(), Description: f.Desc(), Checksum: k.sums[f.Version()], AppliedAt: now, Adopted: adopted}
		_, err := tx.ExecContext(ctx, insertRevision(dialectName),
			r.Version, r.Description, r.Checksum, now.Format(time.RFC3339), adopted)
		did = append(did, r)
		return err
	}
	if st.Legacy {
		if err := record(k.files[0], true); err != nil {
			return nil, err
		}
	}
	for _, f := range st.Pending {
		stmts, err := f.Stmts()
		if err != nil {
			return nil, fmt.Errorf("migrate: reading %s: %w", f.Name(), err)
		}
		for i, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return nil, fmt.Errorf("migrate: %s, statement %d (%s): %w", f.Name(), i+1, firstLine(s), err)
			}
		}
		if err := record(f, false); err != nil {
			return nil, err
		}
	}
	if dialectName == dialect.SQLite {
		if err := foreignKeysHold(ctx, tx); err != nil {
			return nil, err
		}
	}
	return did, tx.Commit()
}

func insertRevision(dialectName string) string {
	values := "?, ?, ?, ?, ?"
	if dialectName == dialect.Postgres {
		values = "$1, $2, $3, $4, $5"
	}
	return `INSERT INTO ` + Table + ` (version, description, checksum, applied_at, adopted) VALUES (` + values + `)`
}

func createTable(dialectName string) string {
	boolean := "boolean"
	if dialectName == dialect.SQLite {
		boolean = "integer"
	}
	return `CREATE TABLE IF NOT EXISTS ` + Table + ` (version varchar(32) NOT NULL PRIMARY KEY,
	description text NOT NULL, checksum text NOT NULL, applied_at text NOT NULL, adopted ` + boolean + ` NOT NULL)`
}

// foreignKeysHold fails when the migrations left a row whose reference is broken.
func foreignKeysHold(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("migrate: a row of %s (rowid %d) refers to a missing %s row after migrating", table, rowid.Int64, parent)
	}
	return rows.Err()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// Versions lists the known migrations of a store, oldest first.
func Versions(dialectName string) ([]string, error) {
	k, err := load(dialectName)
	if err != nil {
		return nil, err
	}
	vs := make([]string, len(k.files))
	for i, f := range k.files {
		vs[i] = f.Version()
	}
	return slices.Clip(vs), nil
}
