package kept_test

import (
	"context"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/app/demo"
	"jixiao/domain/kept"
	"jixiao/ent/enttest"
	_ "jixiao/ent/runtime"
	"jixiao/platform/access"
)

// TestDemoKept loads the demo through the hooks and requires Check to find every
// kept value equal to a full recomputation.
func TestDemoKept(t *testing.T) {
	ctx := access.System(context.Background(), "test")
	c := enttest.Open(t, "sqlite3", "file:keptdemo?mode=memory&cache=shared&_fk=1")
	defer c.Close()
	if _, err := demo.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	sum, err := kept.Check(ctx, c, false, func(d kept.Difference) { t.Error(d) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indicators == 0 || sum.Evaluations == 0 {
		t.Fatalf("checked %+v: the demo has indicators and evaluations", sum)
	}
}
