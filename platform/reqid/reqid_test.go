package reqid_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"jixiao/platform/reqid"
)

var generated = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestMiddleware(t *testing.T) {
	for _, tt := range []struct {
		name, incoming string
		kept           bool
	}{
		{"none", "", false},
		{"a uuid", "3f2b8c1e-9d4a-4e7b-8f6a-1c2d3e4f5a6b", true},
		{"one character", "x", true},
		{"dots and underscores", "web_01.req-7", true},
		{"64 characters", strings.Repeat("a", 64), true},
		{"65 characters", strings.Repeat("a", 65), false},
		{"a space", "abc def", false},
		{"a newline", "abc\ndef", false},
		{"a log injection", `x" level=ERROR msg="forged`, false},
		{"non-ASCII", "请求-1", false},
		{"a slash", "a/b", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var seen string
			h := reqid.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = reqid.From(r.Context())
			}))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			if tt.incoming != "" {
				req.Header.Set(reqid.Header, tt.incoming)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			echoed := rec.Header().Get(reqid.Header)
			if echoed != seen {
				t.Errorf("response header %q, context %q: want the same id", echoed, seen)
			}
			if tt.kept && seen != tt.incoming {
				t.Errorf("id %q, want the incoming %q", seen, tt.incoming)
			}
			if !tt.kept && !generated.MatchString(seen) {
				t.Errorf("id %q, want 32 fresh hex digits", seen)
			}
		})
	}
}

func TestNewIsFresh(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := reqid.New()
		if seen[id] {
			t.Fatalf("id %s came twice", id)
		}
		seen[id] = true
	}
}

func TestFromWithout(t *testing.T) {
	if id := reqid.From(context.Background()); id != "" {
		t.Errorf("From(background) = %q, want empty", id)
	}
}

func TestLogHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(reqid.LogHandler(reqid.LogHandler(slog.NewTextHandler(&buf, nil)))).With("svc", "jixiao")
	log.InfoContext(reqid.With(context.Background(), "abc123"), "with")
	log.InfoContext(context.Background(), "without")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("logged %q", buf.String())
	}
	if n := strings.Count(lines[0], "request_id=abc123"); n != 1 {
		t.Errorf("with an id: %q carries request_id %d times, want once", lines[0], n)
	}
	if strings.Contains(lines[1], "request_id") {
		t.Errorf("without an id: %q", lines[1])
	}
}
