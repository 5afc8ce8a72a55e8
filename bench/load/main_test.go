package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 99, 0},
		{ms(5), 50, 5 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 75, 3 * time.Millisecond},
		{ms(1, 2, 3, 4), 100, 4 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}

func TestFailed(t *testing.T) {
	tests := []struct {
		status int
		body   string
		fails  bool
	}{
		{200, `{"data":{"node":{"score":"99.69"}}}`, false},
		{200, `{"data":{"name":"errors"}}`, false}, // the word in the data is no error
		{200, `{"errors":null,"data":{}}`, false},
		{200, `{"errors":[{"message":"FORBIDDEN"}],"data":null}`, true},
		{401, `unauthorized`, true},
		{500, ``, true},
	}
	for _, tt := range tests {
		if got := failed(tt.status, []byte(tt.body)) != ""; got != tt.fails {
			t.Errorf("failed(%d, %s) = %v, want %v", tt.status, tt.body, got, tt.fails)
		}
	}
}

func TestParseTarget(t *testing.T) {
	dir := t.TempDir()
	lines := filepath.Join(dir, "bodies.jsonl")
	if err := os.WriteFile(lines, []byte("{\"query\":\"{a}\"}\n\n{\"query\":\"{b}\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	query := filepath.Join(dir, "q.graphql")
	if err := os.WriteFile(query, []byte("# a comment\n{ c }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"query\":\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec    string
		bodies  int
		bearer  string
		rps     float64
		p99     time.Duration
		wantErr string
	}{
		{spec: "a|http://x/query|" + lines, bodies: 2},
		{spec: "a|http://x/query|" + query + "|bearer=jx_1|rps=5000|p99=20ms", bodies: 1, bearer: "jx_1", rps: 5000, p99: 20 * time.Millisecond},
		{spec: "a|http://x/query", wantErr: "want name|url|bodies"},
		{spec: "a|http://x/query|" + bad, wantErr: "not a JSON body"},
		{spec: "a|http://x/query|" + lines + "|colour=red", wantErr: "unknown option"},
		{spec: "a|http://x/query|" + lines + "|rps", wantErr: "not key=value"},
		{spec: "a|http://x/query|" + lines + "|p99=soon", wantErr: "p99"},
	}
	for _, tt := range tests {
		got, err := parseTarget(tt.spec)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseTarget(%q): error %v, want one containing %q", tt.spec, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseTarget(%q): %v", tt.spec, err)
			continue
		}
		if len(got.bodies) != tt.bodies || got.bearer != tt.bearer || got.goalRPS != tt.rps || got.goalP99 != tt.p99 {
			t.Errorf("parseTarget(%q) = %d bodies, bearer %q, rps %v, p99 %v; want %d, %q, %v, %v",
				tt.spec, len(got.bodies), got.bearer, got.goalRPS, got.goalP99, tt.bodies, tt.bearer, tt.rps, tt.p99)
		}
	}
}

// TestHammer sends five requests from each of two clients to a server that answers
// one body with an error: client 0 takes the even bodies, client 1 the odd ones.
func TestHammer(t *testing.T) {
	var mu sync.Mutex
	counts := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct{ Query string }
		if err := json.Unmarshal(body, &req); err != nil || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		mu.Lock()
		counts[req.Query]++
		mu.Unlock()
		if req.Query == "{bad}" {
			fmt.Fprint(w, `{"errors":[{"message":"no"}]}`)
			return
		}
		fmt.Fprint(w, `{"data":{}}`)
	}))
	defer srv.Close()
	tg := &target{name: "t", url: srv.URL, bearer: "tok", client: newClient(2),
		bodies: [][]byte{[]byte(`{"query":"{good}"}`), []byte(`{"query":"{bad}"}`)}}
	r := tg.hammer(context.Background(), 2, 0, time.Hour, 5)
	if r.requests != 10 || r.errors != 5 || len(r.latencies) != 10 {
		t.Errorf("%d requests, %d errors, %d latencies; want 10, 5, 10", r.requests, r.errors, len(r.latencies))
	}
	if counts["{good}"] != 5 || counts["{bad}"] != 5 {
		t.Errorf("bodies sent: %v, want 5 of each", counts)
	}
	if !strings.Contains(r.firstError, "no") {
		t.Errorf("first error %q, want the server's message", r.firstError)
	}
}
