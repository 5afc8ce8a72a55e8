package store

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"jixiao/ent/user"
	"jixiao/platform/access"
)

func TestOpenRefusesUnknownURLs(t *testing.T) {
	for _, u := range []string{"jixiao.db", "mysql://x", "sqlite://"} {
		if _, err := Open(context.Background(), u); err == nil || !strings.Contains(err.Error(), "--db") {
			t.Errorf("Open(%q) = %v, want an error naming --db", u, err)
		}
	}
}

func TestOpenMigratesSQLite(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, err := c.Department.Query().Count(ctx); err != nil || n != 0 {
		t.Fatalf("fresh database: %d departments, %v", n, err)
	}
}

func TestRedacted(t *testing.T) {
	tests := map[string]string{
		"postgres://jixiao:secret@db:5432/j": "postgres://jixiao:xxxxx@db:5432/j",
		"sqlite://jixiao.db":                 "sqlite://jixiao.db",
	}
	for in, want := range tests {
		if got := Redacted(in); got != want {
			t.Errorf("Redacted(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUniqueColumn reads the column from real SQLite violations, and only from
// errors the driver marks as unique violations: the same text in any other error
// names nothing.
func TestUniqueColumn(t *testing.T) {
	db, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{
		"CREATE TABLE departments (id INTEGER PRIMARY KEY, code TEXT UNIQUE, parent INTEGER REFERENCES departments(id))",
		"CREATE TABLE projects (id INTEGER PRIMARY KEY, department_year_id INTEGER, code TEXT, UNIQUE (department_year_id, code))",
		"INSERT INTO departments (code) VALUES ('D1')",
		"INSERT INTO projects (department_year_id, code) VALUES (4, 'P-1')",
		"PRAGMA foreign_keys = ON",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		stmt, want string
	}{
		{"INSERT INTO departments (code) VALUES ('D1')", "code"},
		{"INSERT INTO projects (department_year_id, code) VALUES (4, 'P-1')", "code"},
		{"INSERT INTO departments (code, parent) VALUES ('D2', 99)", ""}, // a foreign key, not a unique column
	}
	for _, tt := range tests {
		_, err := db.Exec(tt.stmt)
		if err == nil {
			t.Fatalf("%s: accepted", tt.stmt)
		}
		if got := UniqueColumn(err); got != tt.want {
			t.Errorf("UniqueColumn(%v) = %q, want %q", err, got, tt.want)
		}
	}
	if got := UniqueColumn(errors.New("UNIQUE constraint failed: departments.code")); got != "" {
		t.Errorf("UniqueColumn of a plain error with the driver's words = %q, want nothing", got)
	}
	pg := &pgconn.PgError{Code: "23505", Detail: "Key (department_year_id, code)=(4294967297, P-1) already exists."}
	if got := UniqueColumn(pg); got != "code" {
		t.Errorf("UniqueColumn(PostgreSQL pair) = %q, want code", got)
	}
}

// Users written before usernames were folded get their key when the store opens;
// two old names that fold alike keep signing in by their own spelling.
func TestOpenFillsUsernameKeys(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "j.db")
	c, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	sys := access.System(ctx, "test")
	add := func(name string) {
		c.User.Create().SetUsername(name).SetRole(user.RoleANALYST).SetPasswordHash("h").ExecX(sys)
	}
	add("Li")
	add("wang")
	// As a database written before the column existed, which could hold "li" beside "Li".
	for _, u := range c.User.Query().AllX(sys) {
		c.User.UpdateOne(u).ClearUsernameKey().ExecX(sys)
	}
	add("li")
	c.Close()
	if c, err = Open(ctx, url); err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	keys := map[string]string{}
	for _, u := range c.User.Query().AllX(sys) {
		keys[u.Username] = u.UsernameKey
	}
	if want := map[string]string{"Li": "", "li": "li", "wang": "wang"}; !maps.Equal(keys, want) {
		t.Errorf("username keys after opening: %v, want %v", keys, want)
	}
}

func TestPostgresDSN(t *testing.T) {
	tests := map[string]string{
		"postgres://u@db/j":                  "postgres://u@db/j?jit=off",
		"postgres://u@db/j?sslmode=disable":  "postgres://u@db/j?jit=off&sslmode=disable",
		"postgres://u@db/j?jit=on":           "postgres://u@db/j?jit=on",
		"postgresql://u:p@db:5432/j?jit=off": "postgresql://u:p@db:5432/j?jit=off",
	}
	for in, want := range tests {
		if got, err := postgresDSN(in); err != nil || got != want {
			t.Errorf("postgresDSN(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// On PostgreSQL the pool keeps its connections, and each runs without JIT.
func TestPostgresPool(t *testing.T) {
	admin := os.Getenv("JIXIAO_TEST_POSTGRES")
	if admin == "" {
		t.Skip("JIXIAO_TEST_POSTGRES names no PostgreSQL server (CI sets it)")
	}
	drv, err := driver(admin)
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close()
	var jit string
	if err := drv.DB().QueryRow("SHOW jit").Scan(&jit); err != nil || jit != "off" {
		t.Errorf("SHOW jit = %q, %v; want off", jit, err)
	}
	if got := drv.DB().Stats().MaxOpenConnections; got != postgresConns {
		t.Errorf("pool of %d connections, want %d", got, postgresConns)
	}
}

// TestSQLiteWritersQueue: write transactions take the one-slot queue in turn and
// give it back whether they commit, roll back or fail to begin; a writer whose
// request ends while it waits gives up at once.
func TestSQLiteWritersQueue(t *testing.T) {
	ctx := context.Background()
	drv, err := driver("sqlite://" + filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close()
	d := newSerialDriver(drv)
	held := func() int { return len(d.writers) }
	for _, end := range []string{"commit", "rollback"} {
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if held() != 1 {
			t.Fatalf("%s: an open transaction does not hold the queue", end)
		}
		waiting, give := context.WithCancel(ctx)
		gave := make(chan error, 1)
		go func() { _, err := d.Tx(waiting); gave <- err }()
		give()
		if err := <-gave; !errors.Is(err, context.Canceled) {
			t.Fatalf("%s: a waiting writer whose request ended: %v, want context.Canceled", end, err)
		}
		if end == "commit" {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil || held() != 0 {
			t.Fatalf("%s: %v, queue held by %d after the end", end, err, held())
		}
	}
}
