package app

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// stores runs test once on a fresh SQLite file and, when JIXIAO_TEST_POSTGRES
// names a PostgreSQL server (postgres://USER@HOST:PORT/postgres), once more on a
// fresh database there: the same API must give the same answers on both.
func stores(t *testing.T, test func(t *testing.T, db string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, "sqlite://"+filepath.Join(t.TempDir(), "jixiao.db")) })
	admin := os.Getenv("JIXIAO_TEST_POSTGRES")
	if admin == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) { test(t, freshPostgres(t, admin)) })
}

// freshPostgres creates an empty database for one test and drops it afterwards.
func freshPostgres(t testing.TB, admin string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("jixiao_test_%d", rand.Int64())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating a test database on %s: %v", admin, err)
	}
	t.Cleanup(func() {
		_, _ = db.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// The first administrator every test server starts with (JIXIAO_ADMIN_USERNAME).
const (
	adminName     = "admin"
	adminPassword = "correct horse battery"
)

// server is a running test server: its URL and the demo accounts it printed.
type server struct {
	url      string
	accounts map[string]string // username → password
}

// startServer runs the real server (run, as main does) on db and returns it once
// /readyz answers.
func startServer(t testing.TB, db string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	env := map[string]string{"JIXIAO_ADMIN_USERNAME": adminName, "JIXIAO_ADMIN_PASSWORD": adminPassword}
	go func() {
		done <- Run(ctx, append([]string{"--addr", "127.0.0.1:0", "--db", db, "--migrate"}, args...), func(k string) string { return env[k] }, pw)
		pw.Close()
	}()
	urls := make(chan string, 1)
	var logMu sync.Mutex
	var errorLines []string
	srv := &server{accounts: map[string]string{adminName: adminPassword}}
	go func() {
		re := regexp.MustCompile(`msg=listening url=(\S+)`)
		account := regexp.MustCompile(`demo account: role=\S+\s+username=(\S+)\s+password=(\S+)`)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := account.FindStringSubmatch(sc.Text()); m != nil {
				logMu.Lock()
				srv.accounts[m[1]] = m[2]
				logMu.Unlock()
			}
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
			if strings.Contains(sc.Text(), "level=ERROR") {
				logMu.Lock()
				errorLines = append(errorLines, sc.Text())
				logMu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		logMu.Lock()
		defer logMu.Unlock()
		if t.Failed() && len(errorLines) > 0 {
			t.Logf("the server logged:\n%s", strings.Join(errorLines, "\n"))
		}
	})
	select {
	case srv.url = <-urls:
	case err := <-done:
		t.Fatalf("server stopped before listening: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server did not shut down cleanly: %v", err)
		}
	})
	for i := 0; ; i++ {
		resp, err := http.Get(srv.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv
			}
		}
		if i > 100 {
			t.Fatalf("readyz never answered 200: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// caller is one client of the API: anonymous, or signed in with a session cookie
// and the CSRF token that goes with it.
type caller struct {
	url    string
	http   *http.Client
	csrf   string
	bearer string // an API token, sent as Authorization: Bearer
}

// anonymous is a caller who has not signed in.
func (s *server) anonymous() *caller {
	return &caller{url: s.url, http: &http.Client{}}
}

// as signs in as username (the administrator, or a demo account the server printed).
func (s *server) as(t testing.TB, username string) *caller {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &caller{url: s.url, http: &http.Client{Jar: jar}}
	var out struct{ Login struct{ CsrfToken string } }
	must(t, c, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { csrfToken } }`,
		map[string]any{"u": username, "p": s.accounts[username]}, &out)
	c.csrf = out.Login.CsrfToken
	return c
}

// withToken is an integration calling with an API token.
func (s *server) withToken(token string) *caller {
	return &caller{url: s.url, http: &http.Client{}, bearer: token}
}

// admin signs in as the first administrator.
func (s *server) admin(t testing.TB) *caller { return s.as(t, adminName) }

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// post sends one GraphQL operation and decodes the response.
func post(t testing.TB, base *caller, query string, vars map[string]any) gqlResponse {
	t.Helper()
	return postBody(t, base, map[string]any{"query": query, "variables": vars})
}

// postBody sends a GraphQL request body as it is, as base, and decodes the response.
func postBody(t testing.TB, base *caller, body map[string]any) gqlResponse {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base.url+"/query", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	resp, answer := base.send(t, req)
	var out gqlResponse
	if err := json.Unmarshal(answer, &out); err != nil {
		t.Fatalf("decoding response (status %d): %v", resp.StatusCode, err)
	}
	return out
}

// send sends req as c, with its CSRF token and API token when it has them, and
// returns the response with its body read.
func (c *caller) send(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer to %s %s: %v", req.Method, req.URL.Path, err)
	}
	return resp, body
}

// must sends an operation that has to succeed and decodes its data into v.
func must(t testing.TB, base *caller, query string, vars map[string]any, v any) {
	t.Helper()
	r := post(t, base, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v\nquery: %s", r.Errors, query)
	}
	if v != nil {
		if err := json.Unmarshal(r.Data, v); err != nil {
			t.Fatalf("decoding %s: %v", r.Data, err)
		}
	}
}

// id creates something and returns the id it got.
func id(t testing.TB, base *caller, mutation string, vars map[string]any) string {
	t.Helper()
	var out map[string]struct{ ID string }
	must(t, base, mutation, vars, &out)
	for _, v := range out {
		return v.ID
	}
	t.Fatal("no id returned")
	return ""
}

// TestDemoAcceptance checks every figure of DOMAIN.md's acceptance table against
// the API, on the server started with --demo.
func TestDemoAcceptance(t *testing.T) { stores(t, demoAcceptance) }

func demoAcceptance(t *testing.T, db string) {
	base := startServer(t, db, "--demo").admin(t)
	var out struct {
		DepartmentYears struct {
			Edges []struct {
				Node struct {
					TotalActual, BasicActual, PersonnelActual, PublicActual, ProjectActual string
					CarryoverStart, CarryoverEnd, CarryoverRate, ExecutionRate             string
					MonthsBehind                                                           []int
					OverallEvaluation                                                      struct {
						Score, Grade, GradeLabel string
						Indicators               []struct {
							Name, CompletionRate, EffectiveActual string
						}
					}
				}
			}
		}
	}
	must(t, base, `{ departmentYears(where: {year: 2023, hasDepartmentWith: {code: "440115-001"}}) { edges { node {
		totalActual basicActual personnelActual publicActual projectActual
		carryoverStart carryoverEnd carryoverRate executionRate monthsBehind
		overallEvaluation { score grade gradeLabel indicators { name completionRate effectiveActual } }
	} } } }`, nil, &out)
	if len(out.DepartmentYears.Edges) != 1 {
		t.Fatalf("want the seed's department-year, got %d", len(out.DepartmentYears.Edges))
	}
	dy := out.DepartmentYears.Edges[0].Node
	rates := map[string]string{}
	for _, ind := range dy.OverallEvaluation.Indicators {
		rates[ind.Name] = ind.CompletionRate
	}
	tests := []struct{ figure, got, want string }{
		{"composite score", dy.OverallEvaluation.Score, "99.69"},
		{"grade", dy.OverallEvaluation.Grade, "EXCELLENT"},
		{"grade label", dy.OverallEvaluation.GradeLabel, "优"},
		{"total spending", dy.TotalActual, "1829.40"},
		{"basic spending", dy.BasicActual, "962.44"},
		{"personnel", dy.PersonnelActual, "886.83"},
		{"public", dy.PublicActual, "75.61"},
		{"project spending", dy.ProjectActual, "866.96"},
		{"carry-over at year start", dy.CarryoverStart, "4.58"},
		{"carry-over at year end", dy.CarryoverEnd, "4.58"},
		{"carry-over rate", dy.CarryoverRate, "0.25"},
		{"budget execution rate", dy.ExecutionRate, "99.63"},
		{"trainees 88 of 80", rates["业务岗位培训人数"], "110.00"},
		{"meeting participants 1300 of 900 (144 %)", rates["会议参与人数"], "144.44"},
		{"adopted by the province 20 of 15 (133 %)", rates["信息稿件被省采纳"], "133.33"},
		{"adopted by the state 3 of 3", rates["信息稿件被国家采纳"], "100.00"},
		{"instructions 36 of 30", rates["信息稿件或批示次数"], "120.00"},
		{"assigned tasks done", rates["交办任务事项完成率"], "100.00"},
		{"logistics on time", rates["后勤保障服务完成及时性"], "100.00"},
		{"adoption rate", rates["成果被采纳应用率"], "100.00"},
		{"execution indicator", rates["预算资金支出率"], "99.63"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.figure, tt.got, tt.want)
		}
	}
	actuals := map[string]string{}
	for _, ind := range dy.OverallEvaluation.Indicators {
		actuals[ind.Name] = ind.EffectiveActual
	}
	if got := actuals["固定资产利用率"]; got != "96.00" {
		t.Errorf("fixed assets in use = %q %%, want 96.00 (≥ 95 %%)", got)
	}
	if got := fmt.Sprint(dy.MonthsBehind); got != "[3 6]" {
		t.Errorf("months behind target = %s, want [3 6]: some months fall behind in the seed", got)
	}
}

func TestBrowsable(t *testing.T) {
	tests := map[string]string{
		"[::]:8080":      "http://localhost:8080",
		"0.0.0.0:9000":   "http://localhost:9000",
		"127.0.0.1:4321": "http://127.0.0.1:4321",
	}
	for in, want := range tests {
		addr, err := net.ResolveTCPAddr("tcp", in)
		if err != nil {
			t.Fatal(err)
		}
		if got := browsable(addr); got != want {
			t.Errorf("browsable(%s) = %s, want %s", in, got, want)
		}
	}
}
