package graph

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// clobber overwrites the stack below its caller's frame, where a returned
// function's locals lived.
//
//go:noinline
func clobber(depth int) int {
	var junk [64]int
	for i := range junk {
		junk[i] = -1
	}
	if depth == 0 {
		return junk[depth]
	}
	return clobber(depth-1) + junk[depth]
}

// The page-info cursors of a ranking page must stay valid after rankPage returns
// (go1.26 moves a returned slice built by append off the stack at the return,
// so a pointer into it would point into the dead frame).
func TestRankPageCursorsOutliveTheCall(t *testing.T) {
	ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{})
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{})
	for _, n := range []int{1, 2, 3, 7} {
		first := n
		rows, info, _, err := rankPage(ctx, &first, nil, func(id int) int { return id },
			func(offset, limit int) ([]int, error) {
				out := make([]int, limit)
				for i := range out {
					out[i] = 100 + offset + i
				}
				return out, nil
			}, func(context.Context) (int, error) { return 0, nil })
		if err != nil {
			t.Fatal(err)
		}
		clobber(8)
		if len(rows) != n || info.StartCursor == nil || info.EndCursor == nil {
			t.Fatalf("first %d: %d rows, cursors %v %v", n, len(rows), info.StartCursor, info.EndCursor)
		}
		start, end := *info.StartCursor, *info.EndCursor
		if start.ID != 100 || start.Value != 0 || end.ID != 100+n-1 || end.Value != n-1 {
			t.Errorf("first %d: start cursor {%d %v}, end {%d %v}; want {100 0}, {%d %d}",
				n, start.ID, start.Value, end.ID, end.Value, 100+n-1, n-1)
		}
	}
}
