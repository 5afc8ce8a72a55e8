package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"jixiao/platform/migrate"
	"jixiao/platform/store"
)

// migrateCommand is `jixiao migrate status|up`: what the database has had and
// lacks of this release's migrations, and applying what it lacks.
func migrateCommand(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "status" && args[0] != "up") {
		return errors.New("migrate: say `jixiao migrate status` or `jixiao migrate up` [--db URL]")
	}
	verb := args[0]
	fs := flag.NewFlagSet("jixiao migrate "+verb, flag.ContinueOnError)
	fs.SetOutput(stdout)
	db := fs.String("db", getenvOr(getenv, "JIXIAO_DB", "sqlite://jixiao.db"), "database (env JIXIAO_DB)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if verb == "up" {
		applied, err := store.Migrate(ctx, *db)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			fmt.Fprintln(stdout, "nothing to apply: the schema is current")
		}
		for _, r := range applied {
			fmt.Fprintln(stdout, how(r), r.Version, r.Description)
		}
		return nil
	}
	st, err := store.MigrationStatus(ctx, *db)
	if err != nil {
		return err
	}
	for _, r := range st.Applied {
		fmt.Fprintf(stdout, "%s  %-8s %s  %s\n", r.Version, how(r), r.AppliedAt.Format("2006-01-02 15:04:05Z"), r.Description)
	}
	if st.Legacy {
		fmt.Fprintln(stdout, "made by a release before versioned migrations: `migrate up` adopts its schema as the baseline")
	}
	for _, f := range st.Pending {
		fmt.Fprintf(stdout, "%s  pending  %s\n", f.Version(), f.Desc())
	}
	for _, v := range st.Unknown {
		fmt.Fprintf(stdout, "%s  unknown to this release\n", v)
	}
	if err := st.Err(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "the schema is current")
	return nil
}

// how says whether a revision's file ran, or was adopted as the schema a release
// before versioned migrations had built.
func how(r migrate.Revision) string {
	if r.Adopted {
		return "adopted"
	}
	return "applied"
}
