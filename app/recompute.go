package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"jixiao/domain/kept"
	"jixiao/platform/access"
	"jixiao/platform/store"
)

// shownDifferences bounds what `jixiao recompute` prints one by one; the summary counts all.
const shownDifferences = 100

// errDifferences makes `jixiao recompute` exit non-zero when it found kept values
// that are not what the rules give and was not asked to repair them.
var errDifferences = errors.New("kept values differ from a recomputation; run with --repair to rewrite them")

// recompute is `jixiao recompute`: it recomputes every kept value (scores,
// attainments, rates, totals) from the stored figures and reports each difference;
// --repair rewrites the rows that differ.
func recompute(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jixiao recompute", flag.ContinueOnError)
	fs.SetOutput(stdout)
	db := fs.String("db", getenvOr(getenv, "JIXIAO_DB", "sqlite://jixiao.db"), "database (env JIXIAO_DB)")
	repair := fs.Bool("repair", false, "rewrite the values that differ")
	if err := fs.Parse(args); err != nil {
		return err
	}
	client, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer client.Close()
	shown := 0
	sum, err := kept.Check(access.System(ctx, "recompute"), client, *repair, func(d kept.Difference) {
		if shown++; shown <= shownDifferences {
			fmt.Fprintln(stdout, d)
		}
	})
	if err != nil {
		return fmt.Errorf("recompute: %w", err)
	}
	if shown > shownDifferences {
		fmt.Fprintf(stdout, "… and %d more\n", shown-shownDifferences)
	}
	fmt.Fprintf(stdout, "checked %d department-years, %d projects, %d indicators, %d evaluations: %d values differ",
		sum.Years, sum.Projects, sum.Indicators, sum.Evaluations, sum.Differences)
	if *repair {
		fmt.Fprintf(stdout, ", %d rows rewritten", sum.Repaired)
	}
	fmt.Fprintln(stdout)
	if sum.Differences > 0 && !*repair {
		return errDifferences
	}
	return nil
}
