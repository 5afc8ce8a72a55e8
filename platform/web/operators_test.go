package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/reqid"
	"jixiao/platform/store"
	"jixiao/platform/web"
)

// openClient is an in-memory database of the test's own.
func openClient(t *testing.T) *ent.Client {
	t.Helper()
	client := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s-%d?mode=memory&cache=shared&_fk=1", t.Name(), databases.Add(1)))
	t.Cleanup(func() { client.Close() })
	return client
}

// call runs one request through h, synchronously: whatever h logs or counts is
// done when it returns.
func call(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var asToken = []string{"Authorization", "Bearer " + testToken}

// scrape reads /metrics: each series as the text format writes it (name and
// sorted labels) to its value.
func scrape(t *testing.T, h http.Handler, header ...string) map[string]float64 {
	t.Helper()
	rec := call(h, "GET", "/metrics", "", header...)
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d %s", rec.Code, rec.Body)
	}
	series := map[string]float64{}
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("/metrics line %q: %v", line, err)
		}
		series[line[:i]] = v
	}
	return series
}

const (
	departmentsQuery = `{"query":"query Departments { departments { totalCount } }"}`
	badPageQuery     = `{"query":"query TooBig { departments(first: -1) { totalCount } }"}`
	wrongSignIn      = `{"query":"mutation SignIn { login(username: \"admin\", password: \"not the password\") { csrfToken } }"}`
)

// TestMetricsCount runs a query that succeeds, one that fails and a wrong
// sign-in, and requires each to be counted once, under its operation and code.
func TestMetricsCount(t *testing.T) {
	h := newHandler(t, openClient(t), nil)
	for _, r := range []struct {
		body   string
		header []string
	}{
		{departmentsQuery, asToken},
		{badPageQuery, asToken},
		{wrongSignIn, nil},
	} {
		if rec := call(h, "POST", "/query", r.body, r.header...); rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", r.body, rec.Code, rec.Body)
		}
	}
	call(h, "GET", "/assets/app.js", "")
	call(h, "GET", "/no/such/page.js", "")

	got := scrape(t, h)
	for series, want := range map[string]float64{
		`jixiao_graphql_requests_total{code="OK",operation="Departments"}`:             1,
		`jixiao_graphql_requests_total{code="BAD_USER_INPUT",operation="TooBig"}`:      1,
		`jixiao_graphql_requests_total{code="UNAUTHENTICATED",operation="SignIn"}`:     1,
		`jixiao_graphql_request_duration_seconds_count{operation="Departments"}`:       1,
		`jixiao_graphql_request_duration_seconds_count{operation="TooBig"}`:            1,
		`jixiao_graphql_request_duration_seconds_bucket{operation="SignIn",le="+Inf"}`: 1,
		`jixiao_http_requests_total{route="/query",status="200"}`:                      3,
		`jixiao_http_requests_total{route="assets",status="200"}`:                      1,
		`jixiao_http_requests_total{route="other",status="404"}`:                       1,
		`jixiao_http_request_duration_seconds_count{route="/query"}`:                   3,
		`jixiao_signin_failures_total{reason="credentials"}`:                           1,
		`jixiao_signin_failures_total{reason="throttled"}`:                             0,
		`jixiao_signin_failures_total{reason="busy"}`:                                  0,
		`jixiao_password_hashes_running`:                                               0,
		`jixiao_password_hashes_waiting`:                                               0,
	} {
		if v, ok := got[series]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", series, v, ok, want)
		}
	}
	for _, series := range []string{
		`jixiao_graphql_request_duration_seconds_sum{operation="Departments"}`,
		`jixiao_password_hashes_total`, `jixiao_password_hash_slots`,
		`jixiao_kept_rows_rewritten_total{by="change"}`, `jixiao_kept_rows_rewritten_total{by="repair"}`,
		`jixiao_kept_differences_total`, `go_goroutines`,
	} {
		if _, ok := got[series]; !ok {
			t.Errorf("%s is missing", series)
		}
	}
	if got[`jixiao_graphql_request_duration_seconds_sum{operation="Departments"}`] <= 0 {
		t.Error("the Departments query took no time")
	}
}

// TestMetricsThrottledSignIns signs in wrongly until the throttle refuses.
func TestMetricsThrottledSignIns(t *testing.T) {
	h := newHandler(t, openClient(t), nil)
	for range 6 { // 5 free failures from one client, then refusals (auth/throttle.go)
		call(h, "POST", "/query", wrongSignIn)
	}
	got := scrape(t, h)
	for reason, want := range map[string]float64{"credentials": 5, "throttled": 1} {
		if v := got[`jixiao_signin_failures_total{reason="`+reason+`"}`]; v != want {
			t.Errorf("%s: %v, want %v", reason, v, want)
		}
	}
	if v := got[`jixiao_graphql_requests_total{code="TOO_MANY_REQUESTS",operation="SignIn"}`]; v != 1 {
		t.Errorf("TOO_MANY_REQUESTS answers: %v, want 1", v)
	}
}

// TestMetricsPool requires the connection pool's statistics for a store Open made.
func TestMetricsPool(t *testing.T) {
	client, err := store.Open(t.Context(), "sqlite://"+filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	h := newHandler(t, client, nil)
	call(h, "POST", "/query", departmentsQuery, asToken...)
	got := scrape(t, h)
	if v := got[`go_sql_max_open_connections{db_name="jixiao"}`]; v != 8 {
		t.Errorf("go_sql_max_open_connections = %v, want SQLite's 8", v)
	}
	if _, ok := got[`go_sql_idle_connections{db_name="jixiao"}`]; !ok {
		t.Error("go_sql_idle_connections is missing")
	}
}

func TestMetricsToken(t *testing.T) {
	tests := []struct {
		name, token, authorization string
		status                     int
	}{
		{"no token set: open", "", "", 200},
		{"token set, none sent", "s3cret-metrics", "", 401},
		{"token set, a wrong one sent", "s3cret-metrics", "Bearer s3cret-metric", 401},
		{"token set, the API's token sent", "s3cret-metrics", "Bearer " + testToken, 401},
		{"token set, it sent", "s3cret-metrics", "Bearer s3cret-metrics", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHandler(t, openClient(t), func(o *web.Options) { o.MetricsToken = tt.token })
			var header []string
			if tt.authorization != "" {
				header = []string{"Authorization", tt.authorization}
			}
			rec := call(h, "GET", "/metrics", "", header...)
			if rec.Code != tt.status {
				t.Fatalf("%d %s, want %d", rec.Code, rec.Body, tt.status)
			}
			if tt.status == 200 && !strings.Contains(rec.Body.String(), "jixiao_signin_failures_total") {
				t.Errorf("no metrics in %.200s", rec.Body)
			}
			if tt.status == 401 && (rec.Header().Get("WWW-Authenticate") == "" || strings.Contains(rec.Body.String(), "jixiao_")) {
				t.Errorf("refusal: %v %s", rec.Header(), rec.Body)
			}
		})
	}
}

func TestHealthAndReadiness(t *testing.T) {
	pending := errors.New("2 migrations not applied")
	tests := []struct {
		name     string
		ready    func(context.Context) error
		closeDB  bool
		path     string
		status   int
		says     string
		readyRan bool
	}{
		{"alive", nil, false, "/healthz", 200, "ok", false},
		{"alive without a database", nil, true, "/healthz", 200, "ok", false},
		{"ready: the database answers", nil, false, "/readyz", 200, "ok", false},
		{"ready: and the migrations are applied", func(context.Context) error { return nil }, false, "/readyz", 200, "ok", true},
		{"not ready: migrations pending", func(context.Context) error { return pending }, false, "/readyz", 503, "not ready: 2 migrations not applied", true},
		{"not ready: the database is gone", func(context.Context) error { return nil }, true, "/readyz", 503, "database unavailable", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := openClient(t)
			ran := false
			h := newHandler(t, client, func(o *web.Options) {
				if tt.ready != nil {
					o.Ready = func(ctx context.Context) error { ran = true; return tt.ready(ctx) }
				}
			})
			if tt.closeDB {
				client.Close()
			}
			rec := call(h, "GET", tt.path, "")
			if rec.Code != tt.status || strings.TrimSpace(rec.Body.String()) != tt.says {
				t.Errorf("%s = %d %q, want %d %q", tt.path, rec.Code, rec.Body, tt.status, tt.says)
			}
			if ran != tt.readyRan {
				t.Errorf("Ready ran: %v, want %v", ran, tt.readyRan)
			}
		})
	}
}

// TestAccessLog requires one line per request with the request id, the route,
// status and duration, and where known the viewer, the operation and its code.
func TestAccessLog(t *testing.T) {
	client := openClient(t)
	var logs bytes.Buffer
	h := newHandler(t, client, func(o *web.Options) {
		o.Log = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	tokenID := client.APIToken.Query().OnlyIDX(access.System(t.Context(), "test"))
	tests := []struct {
		name, method, path, body string
		header                   []string
		want                     map[string]any // fields of the line; nil: must be absent
	}{
		{"a query by a token", "POST", "/query", departmentsQuery, asToken, map[string]any{
			"level": "INFO", "method": "POST", "path": "/query", "route": "/query", "status": 200.0,
			"viewer": fmt.Sprintf("token:%d", tokenID), "operation": "Departments", "code": "OK"}},
		{"a failed sign-in", "POST", "/query", wrongSignIn, nil, map[string]any{
			"level": "INFO", "status": 200.0, "viewer": "anonymous", "operation": "SignIn", "code": "UNAUTHENTICATED"}},
		{"an anonymous operation", "GET", "/query?query=%7B__typename%7D", "", nil, map[string]any{
			"method": "GET", "viewer": "anonymous", "operation": "", "code": "OK"}},
		{"an export", "POST", "/export", `{"query":"query Rows { departments(first: 100) { edges { node { code } } } }","format":"csv"}`, asToken, map[string]any{
			"route": "/export", "status": 200.0, "viewer": fmt.Sprintf("token:%d", tokenID), "operation": "Rows", "code": "OK"}},
		{"a bad token, refused before GraphQL", "POST", "/query", departmentsQuery, []string{"Authorization", "Bearer nope"}, map[string]any{
			"status": 401.0, "viewer": nil, "operation": nil, "code": nil}},
		{"an asset", "GET", "/assets/app.js", "", nil, map[string]any{
			"route": "assets", "status": 200.0, "viewer": nil, "operation": nil, "code": nil}},
		{"a probe: debug level", "GET", "/healthz", "", nil, map[string]any{
			"level": "DEBUG", "route": "/healthz", "status": 200.0}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			id := fmt.Sprintf("req-%d", i)
			rec := call(h, tt.method, tt.path, tt.body, append([]string{reqid.Header, id}, tt.header...)...)
			var line map[string]any
			for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
				var rec map[string]any
				if err := json.Unmarshal([]byte(l), &rec); err != nil {
					t.Fatalf("log line %q: %v", l, err)
				}
				if rec["msg"] == "request" {
					if line != nil {
						t.Fatalf("two request lines:\n%s", logs.String())
					}
					line = rec
				}
			}
			if line == nil {
				t.Fatalf("no request line (answer %d):\n%s", rec.Code, logs.String())
			}
			if line["request_id"] != id {
				t.Errorf("request_id %v, want %s", line["request_id"], id)
			}
			if d, ok := line["duration"].(float64); !ok || d <= 0 {
				t.Errorf("duration %v", line["duration"])
			}
			for k, want := range tt.want {
				if got, ok := line[k]; want == nil && ok || want != nil && got != want {
					t.Errorf("%s = %v, want %v", k, got, want)
				}
			}
			if strings.Contains(logs.String(), "not the password") || strings.Contains(logs.String(), testToken) {
				t.Errorf("a secret reached the log:\n%s", logs.String())
			}
		})
	}
}

// TestOutcomeCodes requires the answers gqlgen gives before or instead of
// running an operation to be counted under their codes too: an unreadable body,
// a document that does not parse or validate, and a change refused for want of
// the CSRF token (an operation interceptor's own answer).
func TestOutcomeCodes(t *testing.T) {
	client := openClient(t)
	h := newHandler(t, client, nil)
	const password = "a long enough password"
	if _, err := auth.CreateUser(access.System(t.Context(), "test"), client,
		auth.NewUser{Username: "analyst", Role: user.RoleANALYST, Password: password}); err != nil {
		t.Fatal(err)
	}
	signIn := call(h, "POST", "/query", `{"query":"mutation { login(username: \"analyst\", password: \"`+password+`\") { csrfToken } }"}`)
	var cookie string
	for _, c := range signIn.Result().Cookies() {
		if c.Name == auth.CookieName {
			cookie = c.Name + "=" + c.Value
		}
	}
	if cookie == "" {
		t.Fatalf("no session: %s", signIn.Body)
	}
	tests := []struct {
		name, body string
		header     []string
		series     string
	}{
		{"not JSON", `{`, nil, `{code="BAD_REQUEST",operation="anonymous"}`},
		{"does not parse", `{"query":"query Broken {"}`, nil, `{code="GRAPHQL_PARSE_FAILED",operation="anonymous"}`},
		{"does not validate, named by operationName", `{"query":"query Nope { nope }","operationName":"Nope"}`, nil,
			`{code="GRAPHQL_VALIDATION_FAILED",operation="Nope"}`},
		{"a change without the CSRF token", `{"query":"mutation Out { logout }"}`, []string{"Cookie", cookie},
			`{code="CSRF",operation="Out"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			series := "jixiao_graphql_requests_total" + tt.series
			before := scrape(t, h)[series]
			rec := call(h, "POST", "/query", tt.body, tt.header...)
			if after := scrape(t, h)[series]; after != before+1 {
				t.Errorf("%s went from %v to %v (answer %d %s)", series, before, after, rec.Code, rec.Body)
			}
		})
	}
}
