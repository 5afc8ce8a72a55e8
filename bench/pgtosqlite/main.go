// Command pgtosqlite copies a Jixiao database from PostgreSQL into a new SQLite file,
// row for row, ids and kept values included:
//
//	go run ./bench/pgtosqlite --from postgres://…/jxb_… --to province.sqlite
//
// The benchmarks use it for the province on SQLite: citygen writes 2,000,000
// indicators through the schema's hooks, which on SQLite took longer than this session
// could wait (see the README's benchmark section), while PostgreSQL built it. The
// values were computed once, by domain/kept, when citygen wrote them there; the copy
// moves them unchanged. The schema is created by store.Open (the server's migration);
// then every table the SQLite schema has but the migrations' record is copied with its columns, in one
// transaction per table, foreign keys checked at the end.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"

	"jixiao/platform/migrate"
	"jixiao/platform/store"
)

func main() {
	from := flag.String("from", "", "the PostgreSQL database: postgres://…")
	to := flag.String("to", "", "the SQLite file to create (it must not exist)")
	flag.Parse()
	if err := run(context.Background(), *from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "pgtosqlite:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, from, to string) error {
	if from == "" || to == "" {
		return errors.New("give --from postgres://… and --to FILE")
	}
	if _, err := os.Stat(to); err == nil {
		return fmt.Errorf("%s exists", to)
	}
	client, err := store.Open(ctx, "sqlite://"+to) // creates the schema
	if err != nil {
		return err
	}
	if err := client.Close(); err != nil {
		return err
	}
	src, err := sql.Open("pgx", from)
	if err != nil {
		return err
	}
	defer src.Close()
	// Foreign keys off while loading (tables come in name order), checked at the end.
	dst, err := sql.Open("sqlite3", "file:"+to+"?_journal_mode=WAL&_synchronous=OFF")
	if err != nil {
		return err
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1)
	tables, err := strings1(ctx, dst, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	for _, table := range tables {
		if table == migrate.Table {
			continue // the SQLite file's own migrations (their checksums are SQLite's files'), not PostgreSQL's
		}
		start := time.Now()
		n, err := copyTable(ctx, src, dst, table)
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		fmt.Printf("%-24s %9d rows in %v\n", table, n, time.Since(start).Round(time.Millisecond))
	}
	bad, err := strings1(ctx, dst, `SELECT "table" FROM pragma_foreign_key_check`)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("foreign keys broken in %v", bad)
	}
	_, err = dst.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

func strings1(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func copyTable(ctx context.Context, src, dst *sql.DB, table string) (int, error) {
	cols, err := strings1(ctx, dst, fmt.Sprintf(`SELECT name FROM pragma_table_info('%s') ORDER BY cid`, table))
	if err != nil {
		return 0, err
	}
	quoted := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
		marks[i] = "?"
	}
	rows, err := src.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM "%s"`, strings.Join(quoted, ", "), table))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	// The migration may have written rows of its own (ent's type ranges): the copy replaces them.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM "%s"`, table)); err != nil {
		return 0, err
	}
	insert, err := tx.PrepareContext(ctx, fmt.Sprintf(`INSERT INTO "%s" (%s) VALUES (%s)`, table, strings.Join(quoted, ", "), strings.Join(marks, ", ")))
	if err != nil {
		return 0, err
	}
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := insert.ExecContext(ctx, values...); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, tx.Commit()
}
