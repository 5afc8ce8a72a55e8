package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/ent/enttest"
	_ "jixiao/ent/runtime"
	"jixiao/web"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	client := enttest.Open(t, "sqlite3", "file:"+t.Name()+"?mode=memory&cache=shared&_fk=1")
	t.Cleanup(func() { client.Close() })
	for i := range 60 {
		client.Department.Create().SetCode(fmt.Sprintf("D%02d", i)).SetName("部门").SaveX(t.Context())
	}
	spa := fstest.MapFS{
		"index.html":    {Data: []byte("<!doctype html><title>app</title>")},
		"assets/app.js": {Data: []byte("console.log(1)")},
	}
	srv := httptest.NewServer(web.NewHandler(client, web.Options{
		Log:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		AllowedOrigins: []string{"https://jixiao.example"},
		SPA:            spa,
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRoutes(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, method, path, body string
		status                   int
		says                     string
	}{
		{"health", "GET", "/healthz", "", 200, "ok"},
		{"app", "GET", "/", "", 200, "<title>app</title>"},
		{"asset", "GET", "/assets/app.js", "", 200, "console.log"},
		{"deep link reloads the app", "GET", "/departments/12/2023", "", 200, "<title>app</title>"},
		{"no writes to the app", "POST", "/", "x", 405, "method not allowed"},
		{"graphiql", "GET", "/graphiql", "", 200, "graphiql"},
		{"query by GET", "GET", "/query?query=%7Bdepartments%7BtotalCount%7D%7D", "", 200, `"totalCount":60`},
		{"query by POST", "POST", "/query", `{"query":"{ departments { totalCount } }"}`, 200, `"totalCount":60`},
		{"a page by default, not the table", "POST", "/query", `{"query":"{ departments { edges { node { id } } pageInfo { hasNextPage } } }"}`, 200, `"hasNextPage":true`},
		{"complexity limit", "POST", "/query", `{"query":"{ departments(first: 1000) { edges { node { children(first: 1000) { edges { node { id } } } } } } }"}`, 200, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"malformed JSON", "POST", "/query", `{"query": `, 400, "BAD_REQUEST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.says) {
				t.Errorf("%s %s = %d %q; want %d containing %q", tt.method, tt.path, resp.StatusCode, body, tt.status, tt.says)
			}
		})
	}
}

func TestDefaultPageSize(t *testing.T) {
	srv := newServer(t)
	resp, err := http.Post(srv.URL+"/query", "application/json", strings.NewReader(`{"query":"{ departments { edges { node { id } } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if n := strings.Count(string(body), `"id"`); n != 50 {
		t.Errorf("a connection without first returned %d rows, want the default page of 50", n)
	}
}

func TestCORS(t *testing.T) {
	srv := newServer(t)
	for _, tt := range []struct {
		origin string
		allow  string
	}{
		{"https://jixiao.example", "https://jixiao.example"},
		{"https://evil.example", ""},
	} {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/query", nil)
		req.Header.Set("Origin", tt.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.allow {
			t.Errorf("preflight from %s: Allow-Origin %q, want %q", tt.origin, got, tt.allow)
		}
	}
}
