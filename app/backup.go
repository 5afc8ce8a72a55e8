package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"jixiao/ent/evaluation"
	"jixiao/ent/indicator"
	"jixiao/platform/backup"
	"jixiao/platform/store"
)

// errPostgres refuses a PostgreSQL --db: its own tools do the job.
var errPostgres = errors.New("backup and restore copy SQLite databases; back PostgreSQL up with pg_dump -Fc and restore it with pg_restore " +
	"(README, Operations, \"Backup and restore\")")

// backupDB is `jixiao backup`: an online copy of the SQLite database to a file,
// safe while servers use the database.
func backupDB(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jixiao backup", flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = usage(fs, "jixiao backup --to FILE [--db sqlite://PATH]",
		"Copies the SQLite database to FILE while servers keep using it (SQLite's online backup). The copy is one",
		"file, checked with PRAGMA integrity_check before it replaces FILE; a failed backup leaves FILE as it was.")
	db := fs.String("db", getenvOr(getenv, "JIXIAO_DB", "sqlite://jixiao.db"), "database to back up (env JIXIAO_DB)")
	to := fs.String("to", "", "the backup file to write (required)")
	path, err := parseSQLite(fs, args, db, "--to", to)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	res, err := backup.Backup(ctx, path, *to, backup.Options{})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	how := "one snapshot"
	if !res.Snapshot {
		how = fmt.Sprintf("%d setbacks (changes or locks during the copy)", res.Setbacks)
	}
	fmt.Fprintf(stdout, "backed up %s to %s: %d bytes, %d pages, %s, in %s\n",
		path, res.Path, res.Bytes, res.Pages, how, res.Duration.Round(time.Millisecond))
	return nil
}

// restoreDB is `jixiao restore`: it puts a backup in place of the SQLite
// database. No server may be using the database meanwhile.
func restoreDB(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jixiao restore", flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = usage(fs, "jixiao restore --from FILE [--db sqlite://PATH] [--force]",
		"Puts the backup FILE in place of the SQLite database, after PRAGMA integrity_check finds it whole.",
		"Stop every server using the database first, and start them after: restore refuses a database it",
		"finds open, but cannot see a server that has no connection open at that moment.")
	db := fs.String("db", getenvOr(getenv, "JIXIAO_DB", "sqlite://jixiao.db"), "database to replace (env JIXIAO_DB)")
	from := fs.String("from", "", "the backup file to restore (required)")
	force := fs.Bool("force", false, "replace a database that exists")
	path, err := parseSQLite(fs, args, db, "--from", from)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	res, err := backup.Restore(ctx, *from, path, backup.RestoreOptions{
		Force: *force, Tables: []string{evaluation.Table, indicator.Table},
	})
	if errors.Is(err, backup.ErrExists) {
		return fmt.Errorf("restore: %w; stop the servers using it and add --force to replace it", err)
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s from %s: %d bytes, %d pages, in %s\n",
		res.Path, *from, res.Bytes, res.Pages, res.Duration.Round(time.Millisecond))
	return nil
}

// parseSQLite parses args, requires the flag named fileFlag (its value file),
// and returns the path of the SQLite database --db names.
func parseSQLite(fs *flag.FlagSet, args []string, db *string, fileFlag string, file *string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	switch {
	case fs.NArg() > 0:
		return "", fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case *file == "":
		return "", fmt.Errorf("give %s FILE", fileFlag)
	case strings.HasPrefix(*db, "postgres://"), strings.HasPrefix(*db, "postgresql://"):
		return "", fmt.Errorf("--db %s: %w", store.Redacted(*db), errPostgres)
	case !strings.HasPrefix(*db, "sqlite://") || *db == "sqlite://":
		return "", fmt.Errorf("--db %q: use sqlite://PATH", *db)
	}
	return strings.TrimPrefix(*db, "sqlite://"), nil
}

// usage prints the command's synopsis and description before its flags.
func usage(fs *flag.FlagSet, synopsis string, description ...string) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\n%s\n\n", synopsis, strings.Join(description, "\n"))
		fs.PrintDefaults()
	}
}
