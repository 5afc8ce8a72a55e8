package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"jixiao/platform/migrate"
)

// at is c calling server s instead: the same cookie jar (cookies do not tell
// ports apart, so the session cookie goes along), CSRF token and API token.
func (c *caller) at(s *server) *caller {
	d := *c
	d.url = s.url
	return &d
}

// TestTwoServersOneDatabase runs two servers on one PostgreSQL database, as a
// deployment behind a load balancer does, and checks that whatever one server
// did the other one honours: sessions, sign-in throttling, version conflicts,
// workflow locks (and a submission racing an edit across the servers), API
// tokens, change notifications (a change made on one server reaches the
// subscribers of both, and its webhook delivery is sent once); and that two
// migrations started at once apply each version once. Automatic persisted
// queries are the one cache a server keeps to itself; the protocol's resend
// covers a miss.
func TestTwoServersOneDatabase(t *testing.T) {
	pg := os.Getenv("JIXIAO_TEST_POSTGRES")
	if pg == "" {
		t.Skip("several servers share a database only on PostgreSQL: set JIXIAO_TEST_POSTGRES=postgres://…/postgres (CI does)")
	}
	patientHashing(t)
	db := freshPostgres(t, pg)
	// The recipe: migrate once per release, then start the servers without --migrate.
	t.Run("migrations", func(t *testing.T) { migrateTwiceAtOnce(t, db) })
	// The webhook receiver is an httptest server on loopback: allowed on both.
	a := startServer(t, db, "--migrate=false", "--demo=seed", "--webhook-allow-hosts=127.0.0.0/8")
	b := startServer(t, db, "--migrate=false", "--webhook-allow-hosts=127.0.0.0/8")
	b.accounts = a.accounts // the demo's passwords were printed by A

	t.Run("sessions", func(t *testing.T) { sessionsAcross(t, a, b) })
	t.Run("throttling", func(t *testing.T) { throttlingAcross(t, a, b) })
	t.Run("versions", func(t *testing.T) { versionsAcross(t, a, b) })
	t.Run("locks", func(t *testing.T) { locksAcross(t, a, b) })
	t.Run("submit races edit", func(t *testing.T) {
		editor := a.as(t, "editor")
		raceSubmitAndEdit(t, editor, editor.at(b), b.as(t, "reviewer"), raceRounds)
	})
	t.Run("tokens", func(t *testing.T) { tokensAcross(t, a, b) })
	t.Run("persisted queries", func(t *testing.T) { persistedQueriesAcross(t, a, b) })
	t.Run("notifications", func(t *testing.T) { notificationsAcross(t, a, b) })
	t.Run("resync", func(t *testing.T) { resyncAfterBreak(t, a, b, db) })
}

// resyncAfterBreak: when the servers' LISTEN connections are killed
// (pg_terminate_backend), they reconnect and tell every subscriber to read
// again, whatever it follows: `changes` sends a ChangeEvent with resync true,
// evaluationChanged the evaluation afresh (changes announced while a server was
// away are lost to it).
func resyncAfterBreak(t *testing.T, a, b *server, db string) {
	editor := a.as(t, "editor")
	office := seedEvaluations(t, a.admin(t), "440115-001")[0]
	onB, err := dialWS(t, editor.at(b), map[string]any{"csrfToken": editor.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	before := metric(t, b, "jixiao_subscriptions")
	onB.subscribe("resync", `subscription { changes(entityTypes: ["KeyTask"]) { id resync entityType entityID action actorKind } }`, nil)
	onB.subscribe("eval", watchEvaluation, map[string]any{"id": office.ID})
	waitMetric(t, b, "jixiao_subscriptions", before+2)

	conn, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var killed int
	if err := conn.QueryRow(`SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND query = 'LISTEN jixiao_events' AND pid <> pg_backend_pid()) k`).Scan(&killed); err != nil || killed < 2 {
		t.Fatalf("killing the servers' LISTEN sessions: %v (%d killed, want both servers')", err, killed)
	}
	var c struct {
		Changes struct {
			ID, EntityType, EntityID, Action, ActorKind string
			Resync                                      bool
		}
	}
	onB.data("resync", &c)
	if got := c.Changes; !got.Resync || got.EntityType != "RESYNC" || got.ActorKind != "SYSTEM" || got.Action != "UPDATE" || got.ID == "" {
		t.Errorf("after the break the subscriber to KeyTask changes heard %+v, want a resync", got)
	}
	var e struct{ EvaluationChanged struct{ ID string } }
	if onB.data("eval", &e); e.EvaluationChanged.ID != office.ID {
		t.Errorf("after the break evaluationChanged sent %+v", e)
	}
	waitMetric(t, a, "jixiao_events_listening", 1)
	waitMetric(t, b, "jixiao_events_listening", 1)
}

// notificationsAcross: a change made on A reaches a subscriber on B (and one on
// A, through the same NOTIFY), and the webhook it makes a delivery for is sent
// by one of the two servers, once.
func notificationsAcross(t *testing.T, a, b *server) {
	waitMetric(t, a, "jixiao_events_listening", 1)
	waitMetric(t, b, "jixiao_events_listening", 1)
	admin, editor := a.admin(t), a.as(t, "editor")
	office := seedEvaluations(t, admin, "440115-001")[0]
	_, ind := officeEvaluation(t, admin)

	secret := "the-two-servers-secret"
	rcv, hookURL := newHookReceiver(t, secret)
	var made struct {
		CreateWebhook struct{ Webhook struct{ ID string } }
	}
	must(t, admin.at(b), createWebhook, map[string]any{"in": map[string]any{"url": hookURL, "secret": secret, "entityTypes": []string{"Indicator"}}}, &made)

	onB, err := dialWS(t, editor.at(b), map[string]any{"csrfToken": editor.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	onB.subscribe("eval", watchEvaluation, map[string]any{"id": office.ID})
	onB.subscribe("changes", watchChanges, nil)
	onA, err := dialWS(t, editor, map[string]any{"csrfToken": editor.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	onA.subscribe("changes", watchChanges, nil)
	waitMetric(t, b, "jixiao_subscriptions", 2)
	waitMetric(t, a, "jixiao_subscriptions", 1)
	before := metric(t, a, `jixiao_webhook_attempts_total{outcome="delivered"}`) + metric(t, b, `jixiao_webhook_attempts_total{outcome="delivered"}`)

	var changed struct{ UpdateIndicator struct{ Score string } }
	must(t, admin, setActual, map[string]any{"id": ind, "a": "70"}, &changed)

	for _, w := range []*wsClient{onB, onA} {
		if c := w.changeOf("changes", "Indicator"); c.EntityID != ind || c.ActorName != "admin" {
			t.Errorf("heard %+v", c)
		}
	}
	var e struct{ EvaluationChanged struct{ ID, Score string } }
	onB.data("eval", &e)
	var now struct{ Node struct{ Score string } }
	must(t, editor.at(b), `query($id: ID!) { node(id: $id) { ... on Evaluation { score } } }`, map[string]any{"id": office.ID}, &now)
	if e.EvaluationChanged.Score != now.Node.Score || e.EvaluationChanged.Score == office.Score {
		t.Errorf("B's subscriber got the evaluation scoring %s, want %s", e.EvaluationChanged.Score, now.Node.Score)
	}

	h := rcv.next(t)
	if h.Verified != nil || !strings.Contains(string(h.Body), ind) {
		t.Errorf("the delivery: %v %s", h.Verified, h.Body)
	}
	var logs []deliveryLog
	eventually(t, "the delivery is logged as delivered", func() bool {
		logs = deliveries(t, admin, made.CreateWebhook.Webhook.ID)
		return len(logs) == 1 && logs[0].Status == "DELIVERED"
	})
	// Both servers heard the change and looked for the delivery; one sent it.
	if logs[0].Attempts != 1 || rcv.count() != 1 {
		t.Errorf("delivered after %d attempts, the receiver got %d requests; want once", logs[0].Attempts, rcv.count())
	}
	after := metric(t, a, `jixiao_webhook_attempts_total{outcome="delivered"}`) + metric(t, b, `jixiao_webhook_attempts_total{outcome="delivered"}`)
	if after-before != 1 {
		t.Errorf("the servers counted %v deliveries between them, want 1", after-before)
	}
}

// sessionsAcross: a session started on A works on B, CSRF token included, and
// signing out on B ends it on A.
func sessionsAcross(t *testing.T, a, b *server) {
	onA := a.as(t, "editor")
	onB := onA.at(b)
	var me struct {
		Me struct {
			Kind, Name string
			CsrfToken  *string
		}
	}
	must(t, onB, `{ me { kind name csrfToken } }`, nil, &me)
	if me.Me.Kind != "USER" || me.Me.Name != "editor" || me.Me.CsrfToken == nil || *me.Me.CsrfToken != onA.csrf {
		t.Fatalf("the session from A on B: %+v", me.Me)
	}
	_, ind := officeEvaluation(t, onB)
	var name struct{ Node struct{ Name string } }
	must(t, onB, `query($id: ID!) { node(id: $id) { ... on Indicator { name } } }`, map[string]any{"id": ind}, &name)
	rename := map[string]any{"id": ind, "name": name.Node.Name} // a write that changes nothing
	must(t, onB, renameIndicator, rename, nil)
	noToken := *onB
	noToken.csrf = ""
	if r := post(t, &noToken, renameIndicator, rename); code(r) != "CSRF" {
		t.Errorf("a write on B without the CSRF token: %+v", r.Errors)
	}

	// The browser forgets its cookie on signing out; a copy of it must be refused too.
	kept := withCookiesOf(t, onA, a)
	must(t, onB, `mutation { logout }`, nil, nil)
	must(t, kept, `{ me { kind } }`, nil, &me)
	if me.Me.Kind != "ANONYMOUS" {
		t.Errorf("the session signed out on B is %s on A", me.Me.Kind)
	}
}

// migrateTwiceAtOnce runs `jixiao migrate up` twice at once on an empty
// database, as two servers started together with --migrate would: they take
// turns, and between them apply each of the release's migrations exactly once.
func migrateTwiceAtOnce(t *testing.T, db string) {
	var outs [2]bytes.Buffer
	var errs [2]error
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			errs[i] = Run(context.Background(), []string{"migrate", "up", "--db", db}, func(string) string { return "" }, &outs[i])
		})
	}
	wg.Wait()
	applied := map[string]int{}
	for i, out := range outs {
		if errs[i] != nil {
			t.Fatalf("migrate up %d: %v\n%s", i+1, errs[i], out.String())
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(line, "applied "); ok {
				applied[strings.Fields(v)[0]]++
			}
		}
	}
	known, err := migrate.Versions(dialect.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range known {
		if applied[v] != 1 {
			t.Errorf("migration %s applied %d times by two at once, want once (%v)", v, applied[v], applied)
		}
	}
	if len(applied) != len(known) {
		t.Errorf("applied %v, want the release's %v", applied, known)
	}
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"migrate", "status", "--db", db}, func(string) string { return "" }, &out); err != nil ||
		!strings.Contains(out.String(), "the schema is current") {
		t.Errorf("status after both: %v\n%s", err, out.String())
	}
}

// withCookiesOf is a caller of s holding a copy of c's cookies and its CSRF token.
func withCookiesOf(t *testing.T, c *caller, s *server) *caller {
	t.Helper()
	u, err := url.Parse(s.url)
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(u, c.http.Jar.Cookies(u))
	return &caller{url: s.url, http: &http.Client{Jar: jar}, csrf: c.csrf}
}

// throttlingAcross: every bucket of the sign-in policy (throttle.go) is one count
// whichever server an attempt reaches.
func throttlingAcross(t *testing.T, a, b *server) {
	servers := []*server{a, b}

	// An account from one client: five failures, alternating servers, then both refuse
	// even the right password; the person elsewhere is not locked out.
	for i := range 5 {
		if got := signInAnswer(t, servers[i%2].fromAddress("127.0.6.1"), "analyst", "not the password"); got != wrongPassword {
			t.Fatalf("guess %d at analyst: %+v", i+1, got)
		}
	}
	for _, s := range servers {
		if got := signInAnswer(t, s.fromAddress("127.0.6.1"), "analyst", a.accounts["analyst"]); got != throttled {
			t.Errorf("the right password after five failures on two servers: %+v, want %+v", got, throttled)
		}
	}
	if got := signInAnswer(t, b.fromAddress("127.0.6.2"), "analyst", a.accounts["analyst"]); got.code != "OK" {
		t.Errorf("analyst from another address: %+v", got)
	}

	// An account from clients it does not trust: 40 parallel guesses from 40 addresses,
	// half on each server, are counted exactly: 20 checked, 20 refused.
	var mu sync.Mutex
	var wg sync.WaitGroup
	got := map[answer]int{}
	for i := range 40 {
		wg.Go(func() {
			ans := signInAnswer(t, servers[i%2].fromAddress(fmt.Sprintf("127.0.7.%d", i+1)), "nobody", "not the password")
			mu.Lock()
			got[ans]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if got[wrongPassword] != 20 || got[throttled] != 20 || len(got) != 2 {
		t.Errorf("40 parallel guesses at one account over two servers: %v; want 20 checked, 20 throttled", got)
	}

	// An address across accounts: ten failures, alternating servers, then the 11th is refused.
	for i := range 10 {
		if got := signInAnswer(t, servers[i%2].fromAddress("127.0.8.1"), fmt.Sprintf("guess%d", i), "not the password"); got != wrongPassword {
			t.Fatalf("guess %d from one address: %+v", i+1, got)
		}
	}
	for _, s := range servers {
		if got := signInAnswer(t, s.fromAddress("127.0.8.1"), "guess-more", "not the password"); got != throttled {
			t.Errorf("an 11th name from one address: %+v, want %+v", got, throttled)
		}
	}
}

const renameAt = `mutation($id: ID!, $name: String!, $v: Int!) { updateIndicator(id: $id, input: {name: $name}, version: $v) { name version } }`

// versionsAcross: an edit on A, then an edit on B naming the version both read, is
// refused with CONFLICT and the current version, and changes nothing.
func versionsAcross(t *testing.T, a, b *server) {
	onA, onB := a.as(t, "editor"), b.as(t, "editor")
	_, ind := officeEvaluation(t, onA)
	const read = `query($id: ID!) { node(id: $id) { ... on Indicator { name version } } }`
	var was struct {
		Node struct {
			Name    string
			Version int
		}
	}
	must(t, onB, read, map[string]any{"id": ind}, &was)
	must(t, onA, renameAt, map[string]any{"id": ind, "name": "培训人次（A）", "v": was.Node.Version}, nil)
	r := post(t, onB, renameAt, map[string]any{"id": ind, "name": "培训人次（B）", "v": was.Node.Version})
	if code(r) != "CONFLICT" {
		t.Fatalf("a stale edit on B: %+v, want CONFLICT", r.Errors)
	}
	if cur, _ := r.Errors[0].Extensions["currentVersion"].(float64); int(cur) != was.Node.Version+1 {
		t.Errorf("CONFLICT names version %v, want %d", r.Errors[0].Extensions["currentVersion"], was.Node.Version+1)
	}
	var now struct {
		Node struct {
			Name    string
			Version int
		}
	}
	must(t, onB, read, map[string]any{"id": ind}, &now)
	if now.Node.Name != "培训人次（A）" || now.Node.Version != was.Node.Version+1 {
		t.Errorf("after the conflict: %+v, want A's edit at version %d", now.Node, was.Node.Version+1)
	}
	must(t, onB, renameAt, map[string]any{"id": ind, "name": was.Node.Name, "v": now.Node.Version}, nil) // as it was
}

// locksAcross: an evaluation submitted on A is read-only on B until a reviewer on B
// returns it, and then editable on A again.
func locksAcross(t *testing.T, a, b *server) {
	onA, onB, reviewer := a.as(t, "editor"), b.as(t, "editor"), b.as(t, "reviewer")
	ev, ind := officeEvaluation(t, onA)
	var name struct{ Node struct{ Name string } }
	must(t, onA, `query($id: ID!) { node(id: $id) { ... on Indicator { name } } }`, map[string]any{"id": ind}, &name)
	rename := map[string]any{"id": ind, "name": name.Node.Name}
	must(t, onA, `mutation($id: ID!) { submitEvaluation(id: $id) { status } }`, map[string]any{"id": ev}, nil)
	if r := post(t, onB, renameIndicator, rename); code(r) != "LOCKED" || !strings.Contains(r.Errors[0].Message, "read-only until a reviewer returns it") {
		t.Errorf("an edit on B of an evaluation submitted on A: %+v, want LOCKED", r.Errors)
	}
	must(t, reviewer, `mutation($id: ID!) { returnEvaluation(id: $id, comment: "again") { status } }`, map[string]any{"id": ev}, nil)
	must(t, onA, renameIndicator, rename, nil)
}

// tokensAcross: a token created on A reads on B; revoked on B, A refuses it.
func tokensAcross(t *testing.T, a, b *server) {
	var created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID string }
		}
	}
	must(t, a.admin(t), `mutation { createAPIToken(name: "两台服务器") { token apiToken { id } } }`, nil, &created)
	tok := created.CreateAPIToken
	var me struct{ Me struct{ Kind string } }
	must(t, b.withToken(tok.Token), `{ me { kind } }`, nil, &me)
	if me.Me.Kind != "TOKEN" {
		t.Errorf("the token from A on B is %s", me.Me.Kind)
	}
	must(t, b.admin(t), `mutation($id: ID!) { revokeAPIToken(id: $id) { revokedAt } }`, map[string]any{"id": tok.APIToken.ID}, nil)
	if r := post(t, a.withToken(tok.Token), `{ me { kind } }`, nil); code(r) != "UNAUTHENTICATED" {
		t.Errorf("the token revoked on B, on A: %+v, want UNAUTHENTICATED", r)
	}
}

// persistedQueriesAcross: automatic persisted queries live in each server's memory.
// A hash registered on A is unknown on B, which says so, and the protocol's resend
// (hash and query) works there: clients that follow it need no sticky sessions.
func persistedQueriesAcross(t *testing.T, a, b *server) {
	const query = `{ me { kind } }`
	sum := sha256.Sum256([]byte(query))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	send := func(s *server, withQuery bool) gqlResponse {
		body := map[string]any{"extensions": ext}
		if withQuery {
			body["query"] = query
		}
		return postBody(t, s.anonymous(), body)
	}
	if r := send(a, true); len(r.Errors) > 0 {
		t.Fatalf("registering on A: %+v", r.Errors)
	}
	if r := send(a, false); len(r.Errors) > 0 {
		t.Errorf("the hash alone on A: %+v", r.Errors)
	}
	if r := send(b, false); len(r.Errors) != 1 || r.Errors[0].Message != "PersistedQueryNotFound" {
		t.Errorf("the hash alone on B: %+v, want PersistedQueryNotFound", r.Errors)
	}
	if r := send(b, true); len(r.Errors) > 0 {
		t.Errorf("the resend on B: %+v", r.Errors)
	}
}
