package store

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"jixiao/access"
	"jixiao/ent/user"
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
