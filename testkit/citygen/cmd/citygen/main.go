// Command citygen builds a synthetic, deterministic city into an empty database,
// on SQLite or PostgreSQL, for benchmarks and load tests:
//
//	go run ./testkit/citygen/cmd/citygen --db sqlite://city.db                      # the city: 1,000 departments
//	go run ./testkit/citygen/cmd/citygen --db postgres://… --departments 10000 \
//	    --projects 150000 --indicators 2000000                                      # the province
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"jixiao/platform/store"
	"jixiao/testkit/citygen"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "citygen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	cfg := citygen.Default()
	fs := flag.NewFlagSet("citygen", flag.ContinueOnError)
	fs.SetOutput(stdout)
	db := fs.String("db", "", "the database to fill: sqlite://PATH or postgres://USER@HOST/DB (it must hold no departments)")
	fs.Int64Var(&cfg.Seed, "seed", cfg.Seed, "the seed: the same seed and sizes give the same city")
	fs.IntVar(&cfg.Departments, "departments", cfg.Departments, "departments, the city root and the districts included")
	fs.IntVar(&cfg.Projects, "projects", cfg.Projects, "projects in all")
	fs.IntVar(&cfg.Indicators, "indicators", cfg.Indicators, "indicators in all, overall and project ones")
	fs.IntVar(&cfg.Year, "year", cfg.Year, "the fiscal year of every department-year")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("--db is required, e.g. --db sqlite://city.db")
	}
	client, err := store.Open(ctx, *db)
	if err != nil {
		return fmt.Errorf("opening %s: %w", store.Redacted(*db), err)
	}
	defer client.Close()
	start := time.Now()
	if err := citygen.Generate(ctx, client, cfg); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "citygen: %s written to %s in %v\n", cfg, store.Redacted(*db), time.Since(start).Round(time.Millisecond))
	return nil
}
