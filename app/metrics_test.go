package app

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestMetricsRoute starts the server with a metrics token (the variable's value
// overridden by the flag) and requires /metrics to want it and then to show the
// real store's connection pool.
func TestMetricsRoute(t *testing.T) {
	cfg, err := parseConfig([]string{"--metrics-token", "from-flag"}, func(k string) string {
		return map[string]string{"JIXIAO_METRICS_TOKEN": "from-env"}[k]
	}, io.Discard)
	if err != nil || cfg.metricsToken != "from-flag" {
		t.Fatalf("parseConfig: %q, %v; want the flag's token", cfg.metricsToken, err)
	}
	if cfg, _ := parseConfig(nil, func(k string) string { return map[string]string{"JIXIAO_METRICS_TOKEN": "from-env"}[k] }, io.Discard); cfg.metricsToken != "from-env" {
		t.Fatalf("parseConfig without the flag: %q, want the variable's token", cfg.metricsToken)
	}

	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "jixiao.db"), "--metrics-token", "scrape-me")
	for _, tt := range []struct {
		authorization string
		status        int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer scrape-m", http.StatusUnauthorized},
		{"Bearer scrape-me", http.StatusOK},
	} {
		req, _ := http.NewRequest("GET", srv.url+"/metrics", nil)
		if tt.authorization != "" {
			req.Header.Set("Authorization", tt.authorization)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%q: %d, want %d", tt.authorization, resp.StatusCode, tt.status)
		}
		if tt.status != http.StatusOK {
			continue
		}
		// The pool's metrics, and the gate that lets requests take its connections in turn.
		for _, line := range []string{`go_sql_max_open_connections{db_name="jixiao"} 8`, "\njixiao_request_slots 8\n", "\njixiao_requests_waiting 0\n"} {
			if !strings.Contains(string(body), line) {
				t.Errorf("no %q in:\n%.2000s", line, body)
			}
		}
	}
}
