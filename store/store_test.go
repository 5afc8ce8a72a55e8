package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
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

func TestUniqueColumn(t *testing.T) {
	tests := map[string]string{
		"UNIQUE constraint failed: departments.code":                                      "code",
		"UNIQUE constraint failed: projects.department_year_id, projects.code":            "code",
		"UNIQUE constraint failed: department_years.department_id, department_years.year": "year",
		"FOREIGN KEY constraint failed":                                                   "",
	}
	for msg, want := range tests {
		if got := UniqueColumn(errors.New(msg)); got != want {
			t.Errorf("UniqueColumn(%q) = %q, want %q", msg, got, want)
		}
	}
	pg := &pgconn.PgError{Code: "23505", Detail: "Key (department_year_id, code)=(4294967297, P-1) already exists."}
	if got := UniqueColumn(pg); got != "code" {
		t.Errorf("UniqueColumn(PostgreSQL pair) = %q, want code", got)
	}
}
