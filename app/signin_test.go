package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const login = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { csrfToken user { role } } }`

// TestSignIn covers sessions: wrong passwords, the delay after repeated failures,
// the CSRF token, me, and signing out.
func TestSignIn(t *testing.T) {
	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "j.db"), "--demo=seed")
	anon := srv.anonymous()

	if r := post(t, anon, login, map[string]any{"u": "editor", "p": "wrong password"}); code(r) != "UNAUTHENTICATED" || r.Errors[0].Message != "wrong username or password" {
		t.Errorf("a wrong password: %+v", r.Errors)
	}
	if r := post(t, anon, login, map[string]any{"u": "nobody", "p": "wrong password"}); code(r) != "UNAUTHENTICATED" || r.Errors[0].Message != "wrong username or password" {
		t.Errorf("an unknown user is told apart from a wrong password: %+v", r.Errors)
	}

	editor := srv.as(t, "editor")
	var me struct {
		Me struct {
			Kind, Name string
			Role       *string
			CsrfToken  *string
			Scope      *struct{ Code string }
		}
	}
	must(t, editor, `{ me { kind name role csrfToken scope { code } } }`, nil, &me)
	if me.Me.Kind != "USER" || me.Me.Name != "editor" || me.Me.Role == nil || *me.Me.Role != "EDITOR" ||
		me.Me.Scope == nil || me.Me.Scope.Code != "440115-001" || me.Me.CsrfToken == nil || *me.Me.CsrfToken != editor.csrf {
		t.Errorf("me = %+v", me.Me)
	}

	// A signed-in browser's POST without its CSRF token may read, as after a reload,
	// but may change nothing, as a forged cross-site request would want to; signing in works.
	noToken := *editor
	noToken.csrf = ""
	must(t, &noToken, `{ me { kind csrfToken } }`, nil, &me)
	if me.Me.Kind != "USER" || me.Me.CsrfToken == nil || *me.Me.CsrfToken != editor.csrf {
		t.Errorf("a read without the CSRF token: %+v", me.Me)
	}
	if r := post(t, &noToken, renameIndicator, map[string]any{"id": "1", "name": "x"}); code(r) != "CSRF" || !strings.Contains(r.Errors[0].Message, "X-CSRF-Token") {
		t.Errorf("a write without the CSRF token: %+v", r.Errors)
	}
	var again struct{ Login struct{ CsrfToken string } }
	must(t, &noToken, login, map[string]any{"u": "editor", "p": srv.accounts["editor"]}, &again)
	if again.Login.CsrfToken == "" {
		t.Error("signing in again with a cookie but no token gave no CSRF token")
	}
	editor.csrf = again.Login.CsrfToken // the same cookie jar now holds the new session

	must(t, editor, `mutation { logout }`, nil, nil)
	signedOut := *editor
	signedOut.csrf = ""
	must(t, &signedOut, `{ me { kind } }`, nil, &me)
	if me.Me.Kind != "ANONYMOUS" {
		t.Errorf("after logout: %s", me.Me.Kind)
	}
	if r := post(t, anon, `mutation { createDepartment(input: {code: "X", name: "X"}) { id } }`, nil); code(r) != "UNAUTHENTICATED" {
		t.Errorf("an anonymous write: %+v", r)
	}

	// Five wrong passwords from one client make it wait: even the right one is refused for a while.
	for range 5 {
		post(t, anon, login, map[string]any{"u": "analyst", "p": "not the password"})
	}
	if r := post(t, anon, login, map[string]any{"u": "analyst", "p": srv.accounts["analyst"]}); code(r) != "TOO_MANY_REQUESTS" {
		t.Errorf("the right password after five wrong ones: %+v", r)
	}
}

// TestSignInRateLimitPerAddress: guessing across many accounts from one address is
// slowed too (ten failures, then a delay).
func TestSignInRateLimitPerAddress(t *testing.T) {
	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "j.db"), "--demo=seed")
	anon := srv.anonymous()
	var refused bool
	for i := range 12 {
		r := post(t, anon, login, map[string]any{"u": "guess" + string(rune('a'+i)), "p": "not the password"})
		refused = refused || code(r) == "TOO_MANY_REQUESTS"
	}
	if !refused {
		t.Error("12 failed sign-ins from one address in a row were never slowed down")
	}
}

// TestAPITokens: a token reads, never writes, is confined to its subtree, and stops
// working when revoked.
func TestAPITokens(t *testing.T) {
	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "j.db"), "--demo=seed")
	admin := srv.as(t, "admin")
	var created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID, Prefix string }
		}
	}
	must(t, admin, `mutation { createAPIToken(name: "统计系统") { token apiToken { id prefix } } }`, nil, &created)
	tok := created.CreateAPIToken
	if !strings.HasPrefix(tok.Token, tok.APIToken.Prefix) || len(tok.Token) < 30 {
		t.Fatalf("token %q with prefix %q", tok.Token, tok.APIToken.Prefix)
	}
	integration := srv.withToken(tok.Token)
	var read struct{ Evaluations struct{ TotalCount int } }
	must(t, integration, `{ evaluations { totalCount } }`, nil, &read)
	if read.Evaluations.TotalCount != 5 {
		t.Errorf("the token reads %d evaluations, want all 5", read.Evaluations.TotalCount)
	}
	var used struct {
		Node struct{ LastUsedAt *string }
	}
	must(t, admin, `query($id: ID!) { node(id: $id) { ... on APIToken { lastUsedAt } } }`, map[string]any{"id": tok.APIToken.ID}, &used)
	if used.Node.LastUsedAt == nil {
		t.Error("the token was used, but its lastUsedAt is null")
	}
	if r := post(t, integration, `mutation { createDepartment(input: {code: "X", name: "X"}) { id } }`, nil); code(r) != "FORBIDDEN" {
		t.Errorf("a token wrote: %+v", r)
	}
	must(t, admin, `mutation($id: ID!) { revokeAPIToken(id: $id) { revokedAt } }`, map[string]any{"id": tok.APIToken.ID}, nil)
	req, _ := http.NewRequest(http.MethodPost, srv.url+"/query", bytes.NewBufferString(`{"query":"{ me { kind } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a revoked token: HTTP %d, want 401", resp.StatusCode)
	}
}

// TestTokenScopeOutlivesNoDepartment: a token (or an editor) scoped to a department must not
// outlive the department unscoped (the foreign key once set it to null on delete,
// which let the token read every department): the delete is refused while a live
// token names the department, and a revoked token goes with it.
func TestTokenScopeOutlivesNoDepartment(t *testing.T) {
	stores(t, func(t *testing.T, db string) {
		srv := startServer(t, db, "--demo=seed")
		admin := srv.as(t, "admin")
		var dept struct{ CreateDepartment struct{ ID string } }
		must(t, admin, `mutation { createDepartment(input: {code: "TK-1", name: "令牌科"}) { id } }`, nil, &dept)
		id := dept.CreateDepartment.ID
		var created struct {
			CreateAPIToken struct {
				Token    string
				APIToken struct{ ID string }
			}
		}
		must(t, admin, `mutation($d: ID!) { createAPIToken(name: "科室统计", departmentID: $d) { token apiToken { id } } }`, map[string]any{"d": id}, &created)
		scoped := srv.withToken(created.CreateAPIToken.Token)
		evaluations := func() int {
			var read struct{ Evaluations struct{ TotalCount int } }
			must(t, scoped, `{ evaluations { totalCount } }`, nil, &read)
			return read.Evaluations.TotalCount
		}
		if n := evaluations(); n != 0 {
			t.Fatalf("a token scoped to an empty department reads %d evaluations", n)
		}

		remove := `mutation($d: ID!) { deleteDepartment(id: $d) }`
		r := post(t, admin, remove, map[string]any{"d": id})
		if code(r) != "BAD_USER_INPUT" || len(r.Errors) == 0 {
			t.Fatalf("deleting a department a live token names: %+v", r)
		}
		refs, _ := json.Marshal(r.Errors[0].Extensions["references"])
		if string(refs) != `[{"count":1,"what":"API tokens"}]` {
			t.Errorf("the refusal names %s, want the API token", refs)
		}
		if n := evaluations(); n != 0 {
			t.Errorf("after the refused delete the token reads %d evaluations", n)
		}

		// Its editor too: an editor without a department may do nothing.
		var editor struct{ CreateUser struct{ ID string } }
		must(t, admin, `mutation($d: ID!) { createUser(input: {username: "tk-editor", role: EDITOR, departmentID: $d, password: "a long enough password"}) { id } }`,
			map[string]any{"d": id}, &editor)
		must(t, admin, `mutation($id: ID!) { revokeAPIToken(id: $id) { revokedAt } }`, map[string]any{"id": created.CreateAPIToken.APIToken.ID}, nil)
		r = post(t, admin, remove, map[string]any{"d": id})
		refs, _ = json.Marshal(r.Errors[0].Extensions["references"])
		if code(r) != "BAD_USER_INPUT" || string(refs) != `[{"count":1,"what":"users"}]` {
			t.Errorf("deleting a department with its editor: %s %s, want the user named", code(r), refs)
		}
		must(t, admin, `mutation($id: ID!) { updateUser(id: $id, input: {clearDepartment: true, role: ANALYST}) { id } }`, map[string]any{"id": editor.CreateUser.ID}, nil)
		must(t, admin, remove, map[string]any{"d": id}, nil)
		var left struct{ APITokens struct{ TotalCount int } }
		must(t, admin, `query($d: ID!) { apiTokens(where: {hasDepartmentWith: {id: $d}}) { totalCount } }`, map[string]any{"d": id}, &left)
		if left.APITokens.TotalCount != 0 {
			t.Errorf("%d tokens of the deleted department are left", left.APITokens.TotalCount)
		}
	})
}

// TestUserCommand: there is no default password; the first administrator comes from
// `jixiao user add`, which prints the password it made up.
func TestUserCommand(t *testing.T) {
	db := "sqlite://" + filepath.Join(t.TempDir(), "j.db")
	var out bytes.Buffer
	err := Run(context.Background(), []string{"user", "add", "--username", "ops", "--role", "ADMIN", "--db", db},
		func(string) string { return "" }, &out)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no password printed: %s", out.String())
	}
	if err := Run(context.Background(), []string{"user", "add", "--username", "ed", "--role", "EDITOR", "--db", db},
		func(string) string { return "" }, &out); err == nil || !strings.Contains(err.Error(), "department") {
		t.Errorf("an editor without a department: %v", err)
	}
	srv := startServer(t, db)
	srv.accounts["ops"] = m[1]
	var me struct{ Me struct{ Role string } }
	must(t, srv.as(t, "ops"), `{ me { role } }`, nil, &me)
	if me.Me.Role != "ADMIN" {
		t.Errorf("signed in as %q", me.Me.Role)
	}
}
