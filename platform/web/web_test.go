package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/ent"
	"jixiao/ent/enttest"
	_ "jixiao/ent/runtime"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/web"
)

// databases numbers the in-memory databases, so that each server has its own.
var databases atomic.Int64

// testToken is the API token every test server knows; api sends it.
const testToken = "web-test-token-0123456789"

// api is the client of the tests: it reads as the API token testToken.
var api = &http.Client{Transport: bearer{}}

type bearer struct{}

func (bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+testToken)
	return http.DefaultTransport.RoundTrip(r)
}

func newServer(t *testing.T) *httptest.Server {
	return newServerWith(t, nil)
}

// newServerWith serves 60 departments and a tiny app; configure adjusts the options.
func newServerWith(t *testing.T, configure func(*web.Options)) *httptest.Server {
	t.Helper()
	client := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s-%d?mode=memory&cache=shared&_fk=1", t.Name(), databases.Add(1)))
	t.Cleanup(func() { client.Close() })
	srv := httptest.NewServer(newHandler(t, client, configure))
	t.Cleanup(srv.Close)
	return srv
}

// newHandler is newServerWith's handler over client, for tests that call it directly.
func newHandler(t *testing.T, client *ent.Client, configure func(*web.Options)) http.Handler {
	t.Helper()
	sys := access.System(t.Context(), "test")
	for i := range 60 {
		client.Department.Create().SetCode(fmt.Sprintf("D%02d", i)).SetName("部门").SaveX(sys)
	}
	// The tests read as an API token that sees everything (see api).
	admin := client.User.Create().SetUsername("admin").SetRole(user.RoleADMIN).SetPasswordHash("-").SaveX(sys)
	client.APIToken.Create().SetName("tests").SetPrefix(testToken[:6]).SetTokenHash(auth.Digest(testToken)).
		SetCreatedByID(admin.ID).SaveX(sys)
	spa := fstest.MapFS{
		"index.html":    {Data: []byte("<!doctype html><title>app</title>")},
		"assets/app.js": {Data: []byte("console.log(1)")},
		"graphiql.html": {Data: []byte("<!doctype html><title>graphiql</title>")},
	}
	opts := web.Options{
		Log:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		AllowedOrigins: []string{"https://jixiao.example"},
		SPA:            spa,
	}
	if configure != nil {
		configure(&opts)
	}
	return web.NewHandler(client, opts)
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
			resp, err := api.Do(req)
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
	resp, err := api.Post(srv.URL+"/query", "application/json", strings.NewReader(`{"query":"{ departments { edges { node { id } } } }"}`))
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
	listed := newServer(t)
	nobody := newServerWith(t, func(o *web.Options) { o.AllowedOrigins = nil })
	tests := []struct {
		name   string
		srv    *httptest.Server
		origin string
		allow  string // Access-Control-Allow-Origin; "" when the origin is not allowed
	}{
		{"a listed origin", listed, "https://jixiao.example", "https://jixiao.example"},
		{"another origin", listed, "https://evil.example", ""},
		{"a listed origin's subdomain", listed, "https://a.jixiao.example", ""},
		{"the listed host over http", listed, "http://jixiao.example", ""},
		// rs/cors reads an empty AllowedOrigins as "*": the handler must not.
		{"an empty list allows nobody", nobody, "https://jixiao.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodOptions, tt.srv.URL+"/query", nil)
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			// As browsers send it: lower case, sorted, comma-separated.
			req.Header.Set("Access-Control-Request-Headers", "authorization,content-type,x-csrf-token,x-request-id")
			resp, err := api.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("preflight: Allow-Origin %q, want %q", got, tt.allow)
			}
			wantCredentials := map[bool]string{true: "true", false: ""}[tt.allow != ""]
			if got := h.Get("Access-Control-Allow-Credentials"); got != wantCredentials {
				t.Errorf("preflight: Allow-Credentials %q, want %q", got, wantCredentials)
			}
			if tt.allow != "" {
				allowed := strings.ToLower(h.Get("Access-Control-Allow-Headers"))
				for _, name := range []string{"content-type", "x-csrf-token", "x-request-id", "authorization"} {
					if !strings.Contains(allowed, name) {
						t.Errorf("preflight: Allow-Headers %q lacks %s", allowed, name)
					}
				}
			}

			// The request itself.
			req, _ = http.NewRequest(http.MethodPost, tt.srv.URL+"/query", strings.NewReader(`{"query":"{ __typename }"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Origin", tt.origin)
			resp, err = api.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h = resp.Header
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("request: Allow-Origin %q, want %q", got, tt.allow)
			}
			if tt.allow != "" && !strings.Contains(strings.ToLower(h.Get("Access-Control-Expose-Headers")), "x-request-id") {
				t.Errorf("request: Expose-Headers %q lacks X-Request-ID", h.Get("Access-Control-Expose-Headers"))
			}
		})
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	for _, off := range []bool{false, true} {
		srv := newServerWith(t, func(o *web.Options) { o.NoIntrospection = off })
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/query", strings.NewReader(`{"query":"{ __schema { queryType { name } } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if answered := strings.Contains(string(body), `"name":"Query"`); answered == off {
			t.Errorf("NoIntrospection=%v: %s", off, body)
		}
	}
}
