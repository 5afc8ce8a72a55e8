package kept_test

import (
	"context"
	"fmt"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	"jixiao/ent"
	"jixiao/ent/schema/schematest"
	"jixiao/platform/access"
	"jixiao/platform/store"
)

// TestCounts requires a change to count the rows it rewrote, and a repair the
// values it found wrong and the rows it rewrote.
func TestCounts(t *testing.T) {
	schematest.Stores(t, func(t *testing.T, c *ent.Client, _ string) {
		ctx := access.System(context.Background(), "test")
		tree := schematest.NewTree(t, c)
		ind := tree.ChildYear.OverallIndicator // of a draft: 0 of 10 points until it has an actual

		before := kept.Totals()
		if err := c.Indicator.UpdateOne(ind).SetActual(fixed.FromInt(10)).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		// The indicator's score moved, and with it its evaluation's total.
		if got := kept.Totals(); got != (kept.Counts{Carried: before.Carried + 2, Repaired: before.Repaired, Differences: before.Differences}) {
			t.Errorf("after a change: %+v, want 2 more carried than %+v", got, before)
		}

		before = kept.Totals()
		damage := fmt.Sprintf("UPDATE indicators SET score = 1234 WHERE id = %d", ind.ID)
		if _, err := store.DB(c).ExecContext(ctx, damage); err != nil {
			t.Fatal(err)
		}
		sum, err := kept.Check(ctx, c, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Differences != 1 || sum.Repaired != 1 {
			t.Fatalf("repair: %+v, want the one damaged value", sum)
		}
		if got := kept.Totals(); got != (kept.Counts{Carried: before.Carried, Repaired: before.Repaired + 1, Differences: before.Differences + 1}) {
			t.Errorf("after a repair: %+v, want one more repaired and different than %+v", got, before)
		}
	})
}
