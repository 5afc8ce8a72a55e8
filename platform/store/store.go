// Package store opens the database a --db URL names, migrated (package migrate).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"github.com/mattn/go-sqlite3"      // registers "sqlite3"

	"jixiao/ent"
	_ "jixiao/ent/runtime" // hooks and defaults of the schema
	"jixiao/platform/migrate"
)

// sqliteParams are what every SQLite connection needs: foreign keys enforced, WAL
// so readers never wait for the writer, a busy timeout, and immediate transactions
// (a deferred one that reads then writes fails with SQLITE_BUSY_SNAPSHOT, which
// ignores the busy timeout).
const sqliteParams = "_fk=1&_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_synchronous=NORMAL"

// SQLiteDSN returns the go-sqlite3 DSN for a database file.
func SQLiteDSN(path string) string {
	return "file:" + path + "?" + sqliteParams
}

// Open connects to dbURL — sqlite://PATH (a file) or postgres://… — applies the
// migrations it lacks, and returns the client: for tools and tests, which own
// the database they open. The server opens with OpenCurrent.
func Open(ctx context.Context, dbURL string) (*ent.Client, error) {
	if _, err := Migrate(ctx, dbURL); err != nil {
		return nil, err
	}
	return OpenCurrent(ctx, dbURL)
}

// Migrate applies the migrations the database lacks and returns what it recorded.
func Migrate(ctx context.Context, dbURL string) ([]migrate.Revision, error) {
	drv, err := driver(dbURL)
	if err != nil {
		return nil, err
	}
	defer drv.Close()
	applied, err := migrate.Up(ctx, drv.DB(), drv.Dialect())
	if err != nil {
		return nil, fmt.Errorf("migrating %s: %w", Redacted(dbURL), err)
	}
	return applied, nil
}

// MigrationStatus compares the database's migrations with this release's.
func MigrationStatus(ctx context.Context, dbURL string) (migrate.Status, error) {
	drv, err := driver(dbURL)
	if err != nil {
		return migrate.Status{}, err
	}
	defer drv.Close()
	return migrate.Check(ctx, drv.DB(), drv.Dialect())
}

// OpenCurrent connects to dbURL and refuses a database whose migrations are not
// exactly this release's: behind (migrate.ErrPending) or ahead (migrate.ErrNewer).
// It changes no schema; it fills values new columns lack (backfill).
func OpenCurrent(ctx context.Context, dbURL string) (*ent.Client, error) {
	drv, err := driver(dbURL)
	if err != nil {
		return nil, err
	}
	st, err := migrate.Check(ctx, drv.DB(), drv.Dialect())
	if err == nil {
		err = st.Err()
	}
	if err != nil {
		drv.Close()
		return nil, fmt.Errorf("%s: %w", Redacted(dbURL), err)
	}
	client := ent.NewClient(ent.Driver(newSerialDriver(drv)))
	if err := backfill(ctx, client); err != nil {
		client.Close()
		return nil, fmt.Errorf("filling new columns: %w", err)
	}
	if err := backfillKept(ctx, drv.DB(), client); err != nil {
		client.Close()
		return nil, fmt.Errorf("filling kept values: %w", err)
	}
	remember(client, drv) // for DB and Ready (stats.go)
	return client, nil
}

// Ready returns a check that the client's database answers and has had exactly
// this release's migrations (another server may have migrated it since).
func Ready(c *ent.Client) func(context.Context) error {
	return func(ctx context.Context) error {
		drv := driverOf(c)
		if drv == nil {
			return errors.New("store: the client was not opened by this package")
		}
		st, err := migrate.Check(ctx, drv.DB(), drv.Dialect())
		if err != nil {
			return err
		}
		return st.Err()
	}
}

// Connections per server. PostgreSQL's are shared by every API server (100 by
// default): 16 each leaves room for several servers and the operators' tools.
const (
	sqliteConns   = 8
	postgresConns = 16
)

// keepOpen bounds the pool and keeps its connections open between requests:
// database/sql keeps only 2 idle by default, so a busy server opened and closed a
// session per burst (254 requests made 738 PostgreSQL sessions).
func keepOpen(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// postgresDSN is dbURL with jit=off unless the URL sets jit itself: PostgreSQL's
// JIT compiles the long scoring expressions on every query, which made rankings
// 2–3× slower than without it. pgx sends unknown URL parameters as run-time settings.
func postgresDSN(dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	if !q.Has("jit") {
		q.Set("jit", "off")
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

// ListenURL is the URL of a connection of the server's own to the PostgreSQL
// database dbURL names (the LISTEN connection of package events), and false
// when dbURL names SQLite, which has no such thing.
func ListenURL(dbURL string) (string, bool) {
	if !strings.HasPrefix(dbURL, "postgres://") && !strings.HasPrefix(dbURL, "postgresql://") {
		return "", false
	}
	dsn, err := postgresDSN(dbURL)
	if err != nil {
		return "", false
	}
	return dsn, true
}

func driver(dbURL string) (*entsql.Driver, error) {
	switch {
	case strings.HasPrefix(dbURL, "sqlite://"):
		path := strings.TrimPrefix(dbURL, "sqlite://")
		if path == "" {
			return nil, fmt.Errorf("--db %q: give a file path, e.g. sqlite://jixiao.db", dbURL)
		}
		db, err := sql.Open("sqlite3", SQLiteDSN(path))
		if err != nil {
			return nil, err
		}
		// One writer at a time is SQLite's rule; a small pool keeps readers concurrent.
		keepOpen(db, sqliteConns)
		return entsql.OpenDB(dialect.SQLite, db), nil
	case strings.HasPrefix(dbURL, "postgres://"), strings.HasPrefix(dbURL, "postgresql://"):
		dsn, err := postgresDSN(dbURL)
		if err != nil {
			return nil, fmt.Errorf("--db: %w", err)
		}
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		keepOpen(db, postgresConns)
		return entsql.OpenDB(dialect.Postgres, db), nil
	}
	return nil, fmt.Errorf("--db %q: use sqlite://PATH or postgres://USER@HOST/DB", dbURL)
}

// Redacted is dbURL fit for a log line: a password becomes "xxxxx".
func Redacted(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil || u.User == nil {
		return dbURL
	}
	return u.Redacted()
}

var (
	sqliteUnique   = regexp.MustCompile(`UNIQUE constraint failed: (?:\w+\.\w+, )*\w+\.(\w+)`)
	postgresUnique = regexp.MustCompile(`^Key \((?:\w+, )*(\w+)\)`)
)

// UniqueColumn names the column whose unique constraint err violated, or "" when
// err is not such a violation or does not say. The violation is recognised by the
// driver's error code; the column is read from the driver's report of it (its
// detail on PostgreSQL, its message on SQLite: neither driver has a field for
// it). Of a unique pair (department-year, code) it names the last column: the
// one a user typed.
func UniqueColumn(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		if m := postgresUnique.FindStringSubmatch(pg.Detail); pg.Code == pgUniqueViolation && m != nil {
			return m[1]
		}
		return ""
	}
	var lite sqlite3.Error
	if errors.As(err, &lite) && lite.ExtendedCode == sqlite3.ErrConstraintUnique {
		if m := sqliteUnique.FindStringSubmatch(lite.Error()); m != nil {
			return m[1]
		}
	}
	return ""
}

// pgUniqueViolation is PostgreSQL's unique_violation.
const pgUniqueViolation = "23505"
