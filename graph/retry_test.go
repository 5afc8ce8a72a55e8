package graph

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestPresentRetryable: PostgreSQL giving up on a transaction for a concurrent one
// is a CONFLICT the caller may retry, not an internal error.
func TestPresentRetryable(t *testing.T) {
	for _, tt := range []struct {
		pgCode, code string
		retryable    bool
	}{
		{"40P01", CodeConflict, true},  // deadlock_detected
		{"40001", CodeConflict, true},  // serialization_failure
		{"55P03", CodeConflict, true},  // lock_not_available
		{"42601", CodeInternal, false}, // syntax_error
	} {
		t.Run(tt.pgCode, func(t *testing.T) {
			var log bytes.Buffer
			present := presentError(slog.New(slog.NewTextHandler(&log, nil)))
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, nil)
			got := present(ctx, fmt.Errorf("ent: %w", &pgconn.PgError{Code: tt.pgCode, Message: "deadlock detected"}))
			retry, _ := got.Extensions["retryable"].(bool)
			if got.Extensions["code"] != tt.code || retry != tt.retryable {
				t.Errorf("got %q %v, want code %s retryable %v", got.Message, got.Extensions, tt.code, tt.retryable)
			}
		})
	}
}
