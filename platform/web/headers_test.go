package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/platform/web"
)

var securityHeaders = map[string]string{
	"X-Content-Type-Options":     "nosniff",
	"X-Frame-Options":            "DENY",
	"Referrer-Policy":            "no-referrer",
	"Cross-Origin-Opener-Policy": "same-origin",
}

// Every response carries the security headers and a request id, whoever answers:
// the app, the API, GraphiQL, the health check, CORS, the body limit.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		origin                   string
	}{
		{"app", "GET", "/", "", 200, ""},
		{"asset", "GET", "/assets/app.js", "", 200, ""},
		{"deep link", "GET", "/departments/1/2023", "", 200, ""},
		{"no writes to the app", "POST", "/", "x", 405, ""},
		{"health", "GET", "/healthz", "", 200, ""},
		{"graphiql", "GET", "/graphiql", "", 200, ""},
		{"query", "POST", "/query", `{"query":"{ __typename }"}`, 200, ""},
		{"bad query", "POST", "/query", `{"query":"{ nope }"}`, 422, ""},
		{"malformed JSON", "POST", "/query", `{`, 400, ""},
		{"too large", "POST", "/query", strings.Repeat(" ", 2<<20), 413, ""},
		{"preflight", "OPTIONS", "/query", "", 204, "https://jixiao.example"},
		{"preflight refused", "OPTIONS", "/query", "", 204, "https://evil.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
				req.Header.Set("Access-Control-Request-Method", "POST")
			}
			resp, err := api.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			for name, want := range securityHeaders {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			if pp := resp.Header.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
				t.Errorf("Permissions-Policy %q", pp)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			for _, part := range []string{"default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"} {
				if !strings.Contains(csp, part) {
					t.Errorf("Content-Security-Policy %q lacks %s", csp, part)
				}
			}
			if strings.Contains(csp, "://") || strings.Contains(csp, "sha256-") {
				t.Errorf("the policy allows a host or an inline script: %q", csp)
			}
			if id := resp.Header.Get("X-Request-ID"); id == "" {
				t.Error("no X-Request-ID")
			}
		})
	}
}

// directive returns the sources of one directive of a Content-Security-Policy.
func directive(csp, name string) []string {
	for _, d := range strings.Split(csp, ";") {
		if f := strings.Fields(d); len(f) > 0 && f[0] == name {
			return f[1:]
		}
	}
	return nil
}

// GraphiQL is a page of the embedded app: it is served under the app's policy,
// which names no host but this one and allows no inline or evaluated script.
func TestGraphiQLUnderTheAppPolicy(t *testing.T) {
	srv := newServer(t)
	resp, err := api.Get(srv.URL + "/graphiql")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "<title>graphiql</title>") {
		t.Fatalf("/graphiql answered %q, not the explorer's page", page)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if got := directive(csp, "script-src"); len(got) != 1 || got[0] != "'self'" {
		t.Errorf("script-src %v, want 'self' only", got)
	}
	for _, name := range []string{"default-src", "connect-src", "font-src", "style-src", "img-src"} {
		for _, src := range directive(csp, name) {
			if strings.Contains(src, "://") || src == "*" || src == "https:" || src == "'unsafe-eval'" {
				t.Errorf("%s allows %s: %q", name, src, csp)
			}
		}
	}
}

// syncBuffer is a log sink the server's goroutines may write while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The request id comes back in the response and names the request's log line.
func TestRequestID(t *testing.T) {
	var logs syncBuffer
	// At debug level: /healthz's successes are logged there.
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	srv := newServerWith(t, func(o *web.Options) { o.Log = slog.New(slog.NewTextHandler(&logs, debug)) })
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"an id of the caller's", "trace-7f3a.01_b", true},
		{"none", "", false},
		{"too long", strings.Repeat("x", 65), false},
		{"a log injection", "x level=ERROR msg=forged", false},
	}
	generated := regexp.MustCompile(`^[0-9a-f]{32}$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/healthz", "/query?query=%7B__typename%7D"} {
				req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
				if tt.sent != "" {
					req.Header.Set("X-Request-ID", tt.sent)
				}
				resp, err := api.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				id := resp.Header.Get("X-Request-ID")
				if tt.kept && id != tt.sent {
					t.Errorf("%s: X-Request-ID %q, want %q", path, id, tt.sent)
				}
				if !tt.kept && !generated.MatchString(id) {
					t.Errorf("%s: X-Request-ID %q, want a fresh one", path, id)
				}
				// The log line is written once the answer is out: wait for it.
				line := "request_id=" + id
				deadline := time.Now().Add(2 * time.Second)
				for !strings.Contains(logs.String(), line) && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				if !strings.Contains(logs.String(), line) {
					t.Errorf("%s: no log line with %s in:\n%s", path, line, logs.String())
				}
			}
		})
	}
	if strings.Contains(logs.String(), "forged") {
		t.Errorf("a request id made it into the log as it was sent:\n%s", logs.String())
	}
}
