package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/platform/migrate"
	"jixiao/platform/store"
)

// TestServeRefusesUnmigrated: the server serves only a database whose schema is
// this release's; `migrate status` and `migrate up` say and do what is needed.
func TestServeRefusesUnmigrated(t *testing.T) {
	ctx := context.Background()
	db := "sqlite://" + filepath.Join(t.TempDir(), "j.db")
	env := func(string) string { return "" }
	var out bytes.Buffer
	err := Run(ctx, []string{"--addr", "127.0.0.1:0", "--db", db}, env, &out)
	if !errors.Is(err, migrate.ErrPending) || !strings.Contains(err.Error(), "jixiao migrate up") {
		t.Fatalf("serving an empty database without --migrate: %v", err)
	}

	out.Reset()
	if err := Run(ctx, []string{"migrate", "status", "--db", db}, env, &out); !errors.Is(err, migrate.ErrPending) {
		t.Fatalf("status of an empty database: %v", err)
	}
	known, _ := migrate.Versions("sqlite3")
	if got := strings.Count(out.String(), "pending"); got != len(known) {
		t.Errorf("status lists %d pending, want %d:\n%s", got, len(known), out.String())
	}

	out.Reset()
	if err := Run(ctx, []string{"migrate", "up", "--db", db}, env, &out); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "applied "); got != len(known) {
		t.Errorf("up printed %d applied, want %d:\n%s", got, len(known), out.String())
	}
	out.Reset()
	if err := Run(ctx, []string{"migrate", "status", "--db", db}, env, &out); err != nil || !strings.Contains(out.String(), "the schema is current") {
		t.Errorf("status after up: %v\n%s", err, out.String())
	}
	if err := Run(ctx, []string{"migrate", "sideways"}, env, &out); err == nil {
		t.Error("an unknown migrate verb was accepted")
	}
	srv := startServer(t, db) // and now it serves

	// Another server of a newer release migrates the database ahead: this one
	// keeps answering but says it is not ready.
	raw, err := sql.Open("sqlite3", store.SQLiteDSN(strings.TrimPrefix(db, "sqlite://")))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, description, checksum, applied_at, adopted) VALUES ('29990101000000', 'newer', 'x', '2999-01-01T00:00:00Z', 0)`); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "newer") {
		t.Errorf("readyz after a newer release migrated: %d %q, want 503 saying newer", resp.StatusCode, body)
	}
}
