package app

import (
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/platform/auth"
)

// fromAddress is an anonymous caller whose connections come from addr, one of
// the loopback addresses (127.0.0.0/8): the server sees a different client address.
func (s *server) fromAddress(addr string) *caller {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}}
	jar, _ := cookiejar.New(nil)
	return &caller{url: s.url, http: &http.Client{Jar: jar, Transport: &http.Transport{DialContext: dialer.DialContext}}}
}

// patientHashing makes sign-ins wait as long as it takes for a hashing slot, so
// that a loaded machine cannot turn a counted answer into "busy".
func patientHashing(t *testing.T) {
	was := auth.HashWait
	auth.HashWait = 10 * time.Minute
	t.Cleanup(func() { auth.HashWait = was })
}

// answer is what a sign-in attempt was told: its code and message.
type answer struct{ code, message string }

func signInAnswer(t *testing.T, c *caller, username, password string) answer {
	t.Helper()
	r := post(t, c, login, map[string]any{"u": username, "p": password})
	if len(r.Errors) == 0 {
		return answer{code: "OK"}
	}
	return answer{code(r), r.Errors[0].Message}
}

// parallelGuesses sends one wrong password for username from each of n addresses
// at once and counts the answers.
func parallelGuesses(t *testing.T, srv *server, username string, addresses func(i int) string, n int) map[answer]int {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	got := map[answer]int{}
	for i := range n {
		wg.Go(func() {
			a := signInAnswer(t, srv.fromAddress(addresses(i)), username, "not the password")
			mu.Lock()
			got[a]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return got
}

var (
	wrongPassword = answer{"UNAUTHENTICATED", "wrong username or password"}
	throttled     = answer{"TOO_MANY_REQUESTS", "too many sign-in attempts; wait a minute and try again"}
)

// TestSignInParallelGuesses: guesses from many addresses at once are each counted,
// so the account's ceiling (20 from clients it does not trust) holds exactly; an
// unknown username is throttled the same; the person keeps their session and
// signs in again from their own browser.
func TestSignInParallelGuesses(t *testing.T) { stores(t, signInParallelGuesses) }

func signInParallelGuesses(t *testing.T, db string) {
	patientHashing(t)
	srv := startServer(t, db, "--demo=seed")
	person := srv.as(t, "analyst") // before the attack, from a browser of their own
	for net, username := range map[int]string{1: "analyst", 2: "nobody"} {
		got := parallelGuesses(t, srv, username, func(i int) string { return fmt.Sprintf("127.0.%d.%d", net, i+1) }, 40)
		if got[wrongPassword] != 20 || got[throttled] != 20 || len(got) != 2 {
			t.Errorf("40 parallel guesses at %q from 40 addresses: %v; want 20 checked, 20 throttled", username, got)
		}
		if a := signInAnswer(t, srv.fromAddress(fmt.Sprintf("127.0.%d.200", net)), username, srv.accounts["analyst"]); a != throttled {
			t.Errorf("%q from a new address after the attack: %+v, want %+v", username, a, throttled)
		}
	}
	var me struct{ Me struct{ Kind string } }
	must(t, person, `{ me { kind } }`, nil, &me)
	if me.Me.Kind != "USER" {
		t.Errorf("the signed-in person during the attack is %s", me.Me.Kind)
	}
	must(t, person, `mutation { logout }`, nil, nil)
	if a := signInAnswer(t, person, "analyst", srv.accounts["analyst"]); a.code != "OK" {
		t.Errorf("the person, from the browser they signed in with before: %+v", a)
	}
}

// TestSignInEnumeration: a known and an unknown username get the same answers,
// step by step, and each checked attempt runs exactly one hash (so they take the
// same time); a throttled one runs none.
func TestSignInEnumeration(t *testing.T) { stores(t, signInEnumeration) }

func signInEnumeration(t *testing.T, db string) {
	patientHashing(t)
	srv := startServer(t, db, "--demo=seed")
	known, unknown := srv.fromAddress("127.0.4.1"), srv.fromAddress("127.0.4.2")
	for i := range 7 {
		before := auth.Hashes()
		k := signInAnswer(t, known, "reviewer", "not the password")
		kHashes := auth.Hashes() - before
		before = auth.Hashes()
		u := signInAnswer(t, unknown, "nobody", "not the password")
		uHashes := auth.Hashes() - before
		want, hashes := wrongPassword, 1
		if i >= 5 { // five free failures per account and client
			want, hashes = throttled, 0
		}
		if k != want || u != want || kHashes != hashes || uHashes != hashes {
			t.Errorf("attempt %d: known %+v (%d hashes), unknown %+v (%d hashes); want %+v with %d", i+1, k, kHashes, u, uHashes, want, hashes)
		}
	}
	// The throttle is per account and client: the person elsewhere is not locked out.
	if a := signInAnswer(t, srv.fromAddress("127.0.4.3"), "reviewer", srv.accounts["reviewer"]); a.code != "OK" {
		t.Errorf("the reviewer from another address: %+v", a)
	}
}

// TestSignInBoundsHashing: 200 parallel sign-ins that pass the throttle never run
// more than auth.MaxHashes hashes at once; beyond the bound they wait, then are told
// TOO_MANY_REQUESTS. Each wrong password checked cost one hash.
func TestSignInBoundsHashing(t *testing.T) { stores(t, signInBoundsHashing) }

func signInBoundsHashing(t *testing.T, db string) {
	srv := startServer(t, db)
	before := auth.Hashes()
	var mu sync.Mutex
	var wg sync.WaitGroup
	got := map[string]int{}
	for i := range 200 { // 40 addresses × 5 names: within every free allowance
		wg.Go(func() {
			a := signInAnswer(t, srv.fromAddress(fmt.Sprintf("127.0.5.%d", i%40+1)), fmt.Sprintf("guess%d", i), "not the password")
			mu.Lock()
			got[a.code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if got["UNAUTHENTICATED"]+got["TOO_MANY_REQUESTS"] != 200 {
		t.Errorf("answers: %v", got)
	}
	if hashes := auth.Hashes() - before; hashes != got["UNAUTHENTICATED"] {
		t.Errorf("%d hashes for %d wrong passwords checked", hashes, got["UNAUTHENTICATED"])
	}
	if peak := auth.PeakHashes(); peak > auth.MaxHashes || peak < 1 {
		t.Errorf("%d hashes ran at once; the bound is %d", peak, auth.MaxHashes)
	}
}

// TestSessionsEnd: a change of password or role, or disabling, signs the user out
// everywhere (the old cookie acts as nobody); other changes do not.
func TestSessionsEnd(t *testing.T) { stores(t, sessionsEnd) }

func sessionsEnd(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.admin(t)
	tests := []struct {
		username string
		changes  []map[string]any
		ends     bool
	}{
		{"analyst", []map[string]any{{"displayName": "分析员"}}, false},
		{"analyst", []map[string]any{{"role": "ANALYST"}}, false},
		{"analyst", []map[string]any{{"password": "a new password 1"}}, true},
		{"reviewer", []map[string]any{{"role": "ANALYST"}}, true},
		// Enabled again, the user has to sign in again: the session is gone, not ignored.
		{"editor", []map[string]any{{"disabled": true}, {"disabled": false}}, true},
	}
	for _, tt := range tests {
		victim := srv.as(t, tt.username)
		var users struct {
			Users struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		must(t, admin, `query($u: String!) { users(where: {username: $u}) { edges { node { id } } } }`, map[string]any{"u": tt.username}, &users)
		for _, change := range tt.changes {
			must(t, admin, `mutation($id: ID!, $in: UserChangeInput!) { updateUser(id: $id, input: $in) { id } }`,
				map[string]any{"id": users.Users.Edges[0].Node.ID, "in": change}, nil)
			if p, ok := change["password"].(string); ok {
				srv.accounts[tt.username] = p
			}
		}
		var me struct{ Me struct{ Kind string } }
		must(t, victim, `{ me { kind } }`, nil, &me)
		if want := map[bool]string{true: "ANONYMOUS", false: "USER"}[tt.ends]; me.Me.Kind != want {
			t.Errorf("%s after %v: the old session is %s, want %s", tt.username, tt.changes, me.Me.Kind, want)
		}
	}
}

// TestLastAdministrator: the last active administrator can neither disable nor
// demote itself; once there is another, it can.
func TestLastAdministrator(t *testing.T) { stores(t, lastAdministrator) }

func lastAdministrator(t *testing.T, db string) {
	srv := startServer(t, db)
	admin := srv.admin(t)
	var me struct {
		Me struct{ User struct{ ID string } }
	}
	must(t, admin, `{ me { user { id } } }`, nil, &me)
	update := `mutation($id: ID!, $in: UserChangeInput!) { updateUser(id: $id, input: $in) { role disabled } }`
	for field, change := range map[string]map[string]any{"disabled": {"disabled": true}, "role": {"role": "REVIEWER"}} {
		r := post(t, admin, update, map[string]any{"id": me.Me.User.ID, "in": change})
		if code(r) != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != field {
			t.Errorf("the last administrator %v: %+v", change, r.Errors)
		}
	}
	must(t, admin, `mutation { createUser(input: {username: "second", role: ADMIN, password: "another admin 1"}) { id } }`, nil, nil)
	must(t, admin, update, map[string]any{"id": me.Me.User.ID, "in": map[string]any{"role": "REVIEWER"}}, nil)
}

// TestUsernames: usernames are unique regardless of case and width, and refuse
// control characters, surrounding and inner spaces; sign-in ignores case.
func TestUsernames(t *testing.T) { stores(t, usernames) }

func usernames(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin := srv.admin(t)
	create := `mutation($u: String!) { createUser(input: {username: $u, role: ANALYST, password: "long enough 1"}) { username } }`
	tests := []struct{ username, code string }{
		{"Editor", "CONFLICT"},
		{"ＥＤＩＴＯＲ", "CONFLICT"},
		{" editor\u0000", "BAD_USER_INPUT"},
		{"editor ", "BAD_USER_INPUT"},
		{"edi\u200btor", "BAD_USER_INPUT"},
		{"edi tor", "BAD_USER_INPUT"},
		{"王小明", ""},
		{"wang.xm@example", ""},
	}
	for _, tt := range tests {
		r := post(t, admin, create, map[string]any{"u": tt.username})
		if tt.code == "" {
			if len(r.Errors) > 0 {
				t.Errorf("%q refused: %+v", tt.username, r.Errors)
			}
			continue
		}
		if code(r) != tt.code || r.Errors[0].Extensions["field"] != "username" {
			t.Errorf("%q: %+v, want %s naming username", tt.username, r.Errors, tt.code)
		}
	}
	srv.accounts["EDITOR"] = srv.accounts["editor"]
	var me struct{ Me struct{ Name string } }
	must(t, srv.as(t, "EDITOR"), `{ me { name } }`, nil, &me)
	if me.Me.Name != "editor" {
		t.Errorf("signed in as %q", me.Me.Name)
	}
}

// TestEmptyBearer: an Authorization header without a usable token is 401, not anonymous.
func TestEmptyBearer(t *testing.T) {
	srv := startServer(t, "sqlite://"+t.TempDir()+"/j.db")
	for _, header := range []string{"Bearer ", "Bearer", "bearer  ", "Basic dXNlcjpwdw=="} {
		req, _ := http.NewRequest(http.MethodPost, srv.url+"/query", strings.NewReader(`{"query":"{ me { kind } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", header)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Authorization %q: HTTP %d, want 401", header, resp.StatusCode)
		}
	}
}
