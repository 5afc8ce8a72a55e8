package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/platform/access"
	"jixiao/platform/store"
)

func TestRun(t *testing.T) {
	db := "sqlite://" + filepath.Join(t.TempDir(), "city.db")
	var out bytes.Buffer
	args := []string{"--db", db, "--departments", "12", "--projects", "30", "--indicators", "400", "--year", "2024"}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "d12-p30-i400-y2024") {
		t.Errorf("output %q does not name the city written", out.String())
	}
	c, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := access.System(context.Background(), "test")
	for name, count := range map[string]func() (int, error){
		"departments": func() (int, error) { return c.Department.Query().Count(ctx) },
		"projects":    func() (int, error) { return c.Project.Query().Count(ctx) },
		"indicators":  func() (int, error) { return c.Indicator.Query().Count(ctx) },
	} {
		n, err := count()
		want := map[string]int{"departments": 12, "projects": 30, "indicators": 400}[name]
		if err != nil || n != want {
			t.Errorf("%s: %d, %v; want %d", name, n, err, want)
		}
	}
	// A second run refuses to write into a database that already holds a city.
	if err := run(context.Background(), args, &out); err == nil {
		t.Error("a second run into the same database succeeded")
	}
	if err := run(context.Background(), []string{"--departments", "3"}, &out); err == nil || !strings.Contains(err.Error(), "--db") {
		t.Errorf("without --db: %v, want an error naming --db", err)
	}
}
