// Package citygen generates a deterministic, city-scale data set for benchmarks: one city,
// its districts, departments and units, each with a department-year of figures, monthly
// execution, key tasks, an overall evaluation with its indicators, and budget projects with
// their own evaluations and indicators.
//
// The same Config always writes the same rows: all randomness comes from PCG streams seeded
// with Config.Seed, arithmetic is on integers (no floating point, so no platform-dependent
// rounding), nothing iterates over a map, and timestamps are derived from Config.Year.
package citygen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver

	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/migrate"
	_ "jixiao/ent/runtime" // defaults, validators and the schema's hooks
	"jixiao/platform/access"
	"jixiao/platform/audit"
	schemamigrate "jixiao/platform/migrate"
)

// version changes whenever Generate writes different rows for the same Config, so that
// files written by Cached under an older generator are not reused.
const version = 1

// Config sizes the data set.
type Config struct {
	Seed        int64
	Departments int // all departments, the city root and the districts included
	Projects    int // all projects
	Indicators  int // all indicators: overall (department-year) and project ones
	Year        int // the fiscal year of every department-year
}

// Default is the city-scale configuration benchmarks use.
func Default() Config {
	return Config{Seed: 1, Departments: 1000, Projects: 15000, Indicators: 250000, Year: 2023}
}

// String names the config; it is part of the file name that Cached uses.
func (c Config) String() string {
	return fmt.Sprintf("seed%d-d%d-p%d-i%d-y%d", c.Seed, c.Departments, c.Projects, c.Indicators, c.Year)
}

// Generate writes the data set described by cfg into the empty database behind client,
// whose schema must already be migrated. It commits in several transactions; on error the
// database holds part of the set and should be thrown away.
func Generate(ctx context.Context, client *ent.Client, cfg Config) error {
	// A synthetic city: written on the server's own authority, without an audit trail.
	// The rules of each department-year are read once (no rule set is made here).
	ctx = kept.WithCache(audit.Off(access.System(ctx, "citygen")))
	if err := cfg.validate(); err != nil {
		return err
	}
	n, err := client.Department.Query().Count(ctx)
	if err != nil {
		return fmt.Errorf("citygen: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("citygen: the database is not empty (%d departments)", n)
	}
	p, err := newPlan(cfg)
	if err != nil {
		return err
	}
	if err := p.write(ctx, client); err != nil {
		return fmt.Errorf("citygen: %w", err)
	}
	return nil
}

// DSN is the SQLite data source name used for the file at path.
func DSN(path string) string {
	return "file:" + path + "?_fk=1&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate"
}

// FileName is the name Cached gives the file for cfg. It includes the config, the generator
// version and a fingerprint of the ent schema, so that changing any of them regenerates.
func FileName(cfg Config) string {
	return fmt.Sprintf("citygen-v%d-%s-%s.sqlite", version, schemaFingerprint(), cfg)
}

// Cached returns the DSN (see DSN) of an SQLite file in dir that holds Generate(cfg),
// generating it on first use. The file is built under a temporary name and linked into
// place only when complete, so a crash never leaves a partial file behind, and processes
// that race to build the same file all end up using one complete copy. Callers that
// change the data should work on a copy.
func Cached(ctx context.Context, dir string, cfg Config) (dsn string, err error) {
	if err := cfg.validate(); err != nil {
		return "", err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("citygen: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("citygen: %w", err)
	}
	path := filepath.Join(dir, FileName(cfg))
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return DSN(path), nil
	}
	f, err := os.CreateTemp(dir, FileName(cfg)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("citygen: %w", err)
	}
	tmp := f.Name()
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("citygen: %w", err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil { // CreateTemp makes it private
		return "", fmt.Errorf("citygen: %w", err)
	}
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			_ = os.Remove(tmp + suffix)
		}
	}()
	if err := build(ctx, tmp, cfg); err != nil {
		return "", err
	}
	// Link refuses to replace an existing file: if another process finished first, its
	// complete copy stays (and may already be open); ours is removed by the defer.
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("citygen: %w", err)
	}
	return DSN(path), nil
}

// build migrates (the versioned migrations) and fills the SQLite file at path, then checkpoints the WAL into the main
// file so that the file alone holds everything.
func build(ctx context.Context, path string, cfg Config) (err error) {
	drv, err := entsql.Open(dialect.SQLite, DSN(path))
	if err != nil {
		return fmt.Errorf("citygen: %w", err)
	}
	client := ent.NewClient(ent.Driver(drv))
	defer func() {
		if cerr := client.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("citygen: %w", cerr)
		}
	}()
	if _, err := schemamigrate.Up(ctx, drv.DB(), dialect.SQLite); err != nil {
		return fmt.Errorf("citygen: migrate: %w", err)
	}
	if err := Generate(ctx, client, cfg); err != nil {
		return err
	}
	var busy, logFrames, checkpointed int
	if err := drv.DB().QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &checkpointed); err != nil {
		return fmt.Errorf("citygen: checkpoint: %w", err)
	}
	if busy != 0 {
		return errors.New("citygen: checkpoint: database busy")
	}
	return nil
}

// schemaFingerprint is a short digest of the migrated schema (tables, columns, indexes).
func schemaFingerprint() string {
	h := sha256.New()
	versions, err := schemamigrate.Versions(dialect.SQLite)
	if err != nil {
		panic(err) // the embedded files are checked by their own tests
	}
	fmt.Fprintf(h, "M%s;", strings.Join(versions, ","))
	for _, t := range migrate.Tables {
		fmt.Fprintf(h, "T%s;", t.Name)
		for _, c := range t.Columns {
			fmt.Fprintf(h, "C%s:%s:%t:%t:%d:%v;", c.Name, c.Type, c.Nullable, c.Unique, c.Size, c.Enums)
		}
		for _, ix := range t.Indexes {
			fmt.Fprintf(h, "I%s:%t:", ix.Name, ix.Unique)
			for _, c := range ix.Columns {
				fmt.Fprintf(h, "%s,", c.Name)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

func (c Config) validate() error {
	switch {
	case c.Departments < 1:
		return fmt.Errorf("citygen: Departments = %d, need at least 1", c.Departments)
	case c.Projects < 0:
		return fmt.Errorf("citygen: Projects = %d must not be negative", c.Projects)
	case c.Indicators < 0:
		return fmt.Errorf("citygen: Indicators = %d must not be negative", c.Indicators)
	case c.Year < 2000 || c.Year > 2100:
		return fmt.Errorf("citygen: Year = %d, want 2000..2100", c.Year)
	}
	return nil
}
