package metrics

import (
	"bufio"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// series scrapes m: each series line's name and labels to its value as written.
func series(t *testing.T, m *Metrics, prefix string) map[string]string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out := map[string]string{}
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, prefix) {
			i := strings.LastIndexByte(line, ' ')
			out[line[:i]] = line[i+1:]
		}
	}
	return out
}

func TestLabels(t *testing.T) {
	tests := []struct {
		name, label string
	}{
		{"", Anonymous},
		{"Departments", "Departments"},
		{"_private2", "_private2"},
		{strings.Repeat("n", 64), strings.Repeat("n", 64)},
		{strings.Repeat("n", 65), Other},
		{"2fast", Other},
		{"with space", Other},
		{`quote"label`, Other},
		{"名称", Other},
	}
	n := newNames(MaxOperations)
	for _, tt := range tests {
		if got := n.label(tt.name); got != tt.label {
			t.Errorf("label(%q) = %q, want %q", tt.name, got, tt.label)
		}
	}
	for code, want := range map[string]string{
		"OK": "OK", "BAD_USER_INPUT": "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED": "GRAPHQL_VALIDATION_FAILED",
		"": "OTHER", "lower": "OTHER", strings.Repeat("X", 41): "OTHER",
	} {
		if got := codeLabel(code); got != want {
			t.Errorf("codeLabel(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestOperationsBounded sends 300 distinct names: the first MaxOperations get
// series of their own, the rest are counted as other.
func TestOperationsBounded(t *testing.T) {
	m := New(nil)
	for i := range 300 {
		m.Operation(fmt.Sprintf("Op%03d", i), "OK", time.Millisecond)
	}
	m.Operation("Op000", "OK", time.Millisecond) // admitted before: still its own
	got := series(t, m, "jixiao_graphql_requests_total{")
	if len(got) != MaxOperations+1 {
		t.Errorf("%d series, want %d names and other", len(got), MaxOperations)
	}
	for s, want := range map[string]string{
		`jixiao_graphql_requests_total{code="OK",operation="Op000"}`: "2",
		`jixiao_graphql_requests_total{code="OK",operation="Op199"}`: "1",
		`jixiao_graphql_requests_total{code="OK",operation="other"}`: "100",
	} {
		if got[s] != want {
			t.Errorf("%s = %q, want %s", s, got[s], want)
		}
	}
	if _, ok := got[`jixiao_graphql_requests_total{code="OK",operation="Op200"}`]; ok {
		t.Error("Op200, past the bound, has a series")
	}
	if n := len(series(t, m, "jixiao_graphql_request_duration_seconds_count{")); n != MaxOperations+1 {
		t.Errorf("%d latency histograms, want %d", n, MaxOperations+1)
	}
}

// Two handlers' metrics in one process count apart.
func TestRegistriesApart(t *testing.T) {
	a, b := New(nil), New(nil)
	a.Request("/query", 200, time.Millisecond)
	a.SignInFailed("credentials")
	if got := series(t, b, "jixiao_http_requests_total"); len(got) != 0 {
		t.Errorf("b counted a's request: %v", got)
	}
	if got := series(t, b, `jixiao_signin_failures_total{reason="credentials"}`); got[`jixiao_signin_failures_total{reason="credentials"}`] != "0" {
		t.Errorf("b counted a's sign-in: %v", got)
	}
	if got := series(t, a, `jixiao_http_requests_total`); got[`jixiao_http_requests_total{route="/query",status="200"}`] != "1" {
		t.Errorf("a: %v", got)
	}
}
