package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"jixiao/platform/webhooks"
)

// wsMessage is one message of the graphql-transport-ws protocol.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient is a subscriber: a websocket to a test server's /query, speaking
// graphql-transport-ws as the web app's graphql-ws client does.
type wsClient struct {
	t       testing.TB
	conn    *websocket.Conn
	mu      sync.Mutex
	pending map[string][]wsMessage
	arrived chan struct{}
	closed  chan struct{}
	ended   error // why the connection closed
}

// dialWS opens a subscriber's connection as c (its cookies, or its token as an
// Authorization header) and sends init as connection_init's payload; it
// returns the refusal when the server does not acknowledge.
func dialWS(t testing.TB, c *caller, init map[string]any, origin string) (*wsClient, error) {
	t.Helper()
	u, err := url.Parse(c.url)
	if err != nil {
		t.Fatal(err)
	}
	header := http.Header{}
	if c.http.Jar != nil {
		var cookies []string
		for _, ck := range c.http.Jar.Cookies(u) {
			cookies = append(cookies, ck.Name+"="+ck.Value)
		}
		if len(cookies) > 0 {
			header.Set("Cookie", strings.Join(cookies, "; "))
		}
	}
	if c.bearer != "" {
		header.Set("Authorization", "Bearer "+c.bearer)
	}
	if origin != "" {
		header.Set("Origin", origin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, resp, err := websocket.Dial(ctx, "ws://"+u.Host+"/query", &websocket.DialOptions{
		HTTPHeader: header, Subprotocols: []string{"graphql-transport-ws"},
	})
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("%w (HTTP %d)", err, resp.StatusCode)
		}
		return nil, err
	}
	w := &wsClient{t: t, conn: conn, pending: map[string][]wsMessage{}, arrived: make(chan struct{}, 1), closed: make(chan struct{})}
	t.Cleanup(func() { conn.Close(websocket.StatusNormalClosure, "") })
	w.send(wsMessage{Type: "connection_init", Payload: mustJSON(t, init)})
	go w.read()
	m, err := w.next("")
	if err != nil {
		return nil, err
	}
	if m.Type != "connection_ack" {
		return nil, fmt.Errorf("%s %s", m.Type, m.Payload)
	}
	return w, nil
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func (w *wsClient) send(m wsMessage) {
	raw, _ := json.Marshal(m)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = w.conn.Write(ctx, websocket.MessageText, raw)
}

// read files each message under its id (connection messages under ""),
// answering the server's pings.
func (w *wsClient) read() {
	defer close(w.closed)
	for {
		_, raw, err := w.conn.Read(context.Background())
		if err != nil {
			w.mu.Lock()
			w.ended = err
			w.mu.Unlock()
			return
		}
		var m wsMessage
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		if m.Type == "ping" {
			w.send(wsMessage{Type: "pong"})
			continue
		}
		w.mu.Lock()
		w.pending[m.ID] = append(w.pending[m.ID], m)
		w.mu.Unlock()
		select {
		case w.arrived <- struct{}{}:
		default:
		}
	}
}

// next is the next message of subscription id ("": of the connection).
func (w *wsClient) next(id string) (wsMessage, error) {
	deadline := time.After(30 * time.Second)
	for {
		w.mu.Lock()
		if ms := w.pending[id]; len(ms) > 0 {
			w.pending[id] = ms[1:]
			w.mu.Unlock()
			return ms[0], nil
		}
		w.mu.Unlock()
		select {
		case <-w.arrived:
		case <-w.closed:
			w.mu.Lock()
			n, ended := len(w.pending[id]), w.ended
			w.mu.Unlock()
			if n == 0 {
				return wsMessage{}, fmt.Errorf("the connection closed: %v", ended)
			}
		case <-deadline:
			return wsMessage{}, fmt.Errorf("no message for %q", id)
		}
	}
}

func (w *wsClient) subscribe(id, query string, vars map[string]any) {
	w.send(wsMessage{ID: id, Type: "subscribe", Payload: mustJSON(w.t, map[string]any{"query": query, "variables": vars})})
}

// data waits for subscription id's next answer and decodes its data into v;
// it fails the test on errors.
func (w *wsClient) data(id string, v any) {
	w.t.Helper()
	m, err := w.next(id)
	if err != nil {
		w.t.Fatalf("subscription %s: %v", id, err)
	}
	var r gqlResponse
	if m.Type != "next" || json.Unmarshal(m.Payload, &r) != nil || len(r.Errors) > 0 {
		w.t.Fatalf("subscription %s: %s %s", id, m.Type, m.Payload)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		w.t.Fatal(err)
	}
}

// changeOf waits for the next change of entityType that subscription id (of
// `changes`) hears, skipping the others.
func (w *wsClient) changeOf(id, entityType string) change {
	w.t.Helper()
	for {
		var c struct{ Changes change }
		if w.data(id, &c); c.Changes.EntityType == entityType {
			return c.Changes
		}
	}
}

// refusal waits for subscription id's error and returns its code.
func (w *wsClient) refusal(id string) string {
	w.t.Helper()
	m, err := w.next(id)
	if err != nil {
		w.t.Fatalf("subscription %s: %v", id, err)
	}
	var errs []gqlError
	switch m.Type {
	case "error":
		_ = json.Unmarshal(m.Payload, &errs)
	case "next":
		var r gqlResponse
		_ = json.Unmarshal(m.Payload, &r)
		errs = r.Errors
	}
	if len(errs) == 0 {
		w.t.Fatalf("subscription %s: %s %s, want an error", id, m.Type, m.Payload)
	}
	c, _ := errs[0].Extensions["code"].(string)
	return c
}

// metric reads one sample of the server's /metrics (0 when absent).
func metric(t testing.TB, s *server, sample string) float64 {
	t.Helper()
	resp, err := http.Get(s.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), sample+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return 0
}

// waitMetric polls until the server's sample reads want: a subscription the
// server has started, a LISTEN connection up.
func waitMetric(t testing.TB, s *server, sample string, want float64) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); metric(t, s, sample) != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s is %v, want %v", sample, metric(t, s, sample), want)
		}
	}
}

const (
	setActual       = `mutation($id: ID!, $a: Decimal!) { updateIndicator(id: $id, input: {actual: $a}) { score } }`
	watchEvaluation = `subscription($id: ID!) { evaluationChanged(id: $id) { id score indicators { id actual } } }`
	watchChanges    = `subscription { changes { id entityType entityID action actorKind actorName departmentYearID
		departmentYear { year department { code } } department { code } requestID at } }`
)

type change struct {
	ID, EntityType, EntityID, Action, ActorKind, ActorName, RequestID, At string
	DepartmentYearID                                                      *string
	DepartmentYear                                                        *struct {
		Year       int
		Department struct{ Code string }
	}
	Department *struct{ Code string }
}

// TestSubscriptions: a subscriber hears another user's change of what it reads
// (the evaluation read again, with its new score; the change in its list), and
// nothing of what it may not read or made itself; connections are refused
// without the CSRF token, from another site, and subscriptions outside a
// websocket or signed out.
func TestSubscriptions(t *testing.T) { stores(t, subscriptions) }

func subscriptions(t *testing.T, db string) {
	srv := startServer(t, db, "--demo=seed")
	admin, editor := srv.admin(t), srv.as(t, "editor")
	office := seedEvaluations(t, admin, "440115-001")[0]
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	_, officeIndicator := officeEvaluation(t, admin)

	ws, err := dialWS(t, editor, map[string]any{"csrfToken": editor.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	ws.subscribe("eval", watchEvaluation, map[string]any{"id": office.ID})
	ws.subscribe("changes", watchChanges, nil)
	// The neighbour's evaluation is not the editor's to read: refused as a missing one.
	ws.subscribe("hidden", watchEvaluation, map[string]any{"id": neighbour.ID})
	if c := ws.refusal("hidden"); c != "NOT_FOUND" {
		t.Errorf("watching an evaluation the editor may not read: %s, want NOT_FOUND", c)
	}
	waitMetric(t, srv, "jixiao_subscriptions", 2)
	// A query over the websocket is answered as the connection's caller (with a request's deadline).
	ws.subscribe("me", `{ me { name } }`, nil)
	var me struct{ Me struct{ Name string } }
	if ws.data("me", &me); me.Me.Name != "editor" {
		t.Errorf("a query over the websocket answered %+v", me)
	}

	// Another user changes the neighbour's data (not the editor's to read), then the office's.
	must(t, admin, renameIndicator, map[string]any{"id": neighbour.Indicators[0].ID, "name": "邻居的指标"}, nil)
	var changed struct{ UpdateIndicator struct{ Score string } }
	must(t, admin, setActual, map[string]any{"id": officeIndicator, "a": "72"}, &changed)

	// The first the editor hears is the office's change (with what it moved, the
	// evaluation's kept score, perhaps): the neighbour's never reached it.
	var c struct{ Changes change }
	for ws.data("changes", &c); c.Changes.EntityType != "Indicator"; ws.data("changes", &c) {
		if c.Changes.Department == nil || c.Changes.Department.Code != "440115-001" {
			t.Errorf("heard %+v", c.Changes)
		}
	}
	if got := c.Changes; got.EntityType != "Indicator" || got.EntityID != officeIndicator || got.Action != "UPDATE" ||
		got.ActorKind != "USER" || got.ActorName != "admin" || got.Department == nil || got.Department.Code != "440115-001" ||
		got.DepartmentYear == nil || got.DepartmentYear.Year != 2023 || got.RequestID == "" || got.ID == "" {
		t.Errorf("the change heard: %+v", got)
	}
	var e struct {
		EvaluationChanged struct {
			ID, Score  string
			Indicators []struct{ ID, Actual string }
		}
	}
	ws.data("eval", &e)
	var now struct{ Node struct{ Score string } }
	must(t, editor, `query($id: ID!) { node(id: $id) { ... on Evaluation { score } } }`, map[string]any{"id": office.ID}, &now)
	if e.EvaluationChanged.ID != office.ID || e.EvaluationChanged.Score == office.Score || e.EvaluationChanged.Score != now.Node.Score {
		t.Errorf("the evaluation sent: %s scoring %s, want %s scoring %s (it was %s)", e.EvaluationChanged.ID, e.EvaluationChanged.Score, office.ID, now.Node.Score, office.Score)
	}
	for _, ind := range e.EvaluationChanged.Indicators {
		if ind.ID == officeIndicator && ind.Actual != "72.00" {
			t.Errorf("the changed indicator reads %s, want 72", ind.Actual)
		}
	}

	// The editor's own change is left out: the next change heard is the administrator's after it.
	must(t, editor, renameIndicator, map[string]any{"id": officeIndicator, "name": "培训人次"}, nil)
	must(t, admin, renameIndicator, map[string]any{"id": officeIndicator, "name": "业务岗位培训人数"}, nil)
	ws.data("changes", &c)
	if c.Changes.ActorName != "admin" {
		t.Errorf("heard %s's change, want only the administrator's", c.Changes.ActorName)
	}
	// The same change, to a subscriber who reads everything and asked for its own changes too.
	wa, err := dialWS(t, admin, map[string]any{"csrfToken": admin.csrf}, "")
	if err != nil {
		t.Fatal(err)
	}
	wa.subscribe("mine", `subscription { changes(entityTypes: ["Indicator"], includeOwn: true) { entityID actorName } }`, nil)
	waitMetric(t, srv, "jixiao_subscriptions", 3)
	must(t, admin, renameIndicator, map[string]any{"id": neighbour.Indicators[0].ID, "name": "邻居的指标二"}, nil)
	var mine struct {
		Changes struct{ EntityID, ActorName string }
	}
	wa.data("mine", &mine)
	if mine.Changes.EntityID != neighbour.Indicators[0].ID {
		t.Errorf("the administrator heard %+v", mine.Changes)
	}

	// Refusals.
	if _, err := dialWS(t, editor, map[string]any{}, ""); err == nil || !strings.Contains(err.Error(), "CSRF") {
		t.Errorf("a cookie connection without its CSRF token: %v, want refused", err)
	}
	if _, err := dialWS(t, editor, map[string]any{"csrfToken": editor.csrf}, "https://elsewhere.example"); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("a connection from another site: %v, want 403", err)
	}
	anon, err := dialWS(t, srv.anonymous(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	anon.subscribe("changes", watchChanges, nil)
	if c := anon.refusal("changes"); c != "UNAUTHENTICATED" {
		t.Errorf("signed out, changes: %s", c)
	}
	anon.subscribe("eval", watchEvaluation, map[string]any{"id": office.ID})
	if c := anon.refusal("eval"); c != "NOT_FOUND" {
		t.Errorf("signed out, an unpublished evaluation: %s", c)
	}
	if r := post(t, editor, watchChanges, nil); code(r) != "BAD_REQUEST" {
		t.Errorf("a subscription by POST: %+v", r)
	}

	// Signing out ends the session's connection.
	must(t, editor, `mutation { logout }`, nil, nil)
	// A change of the editor's user makes the connection check its session, which is gone.
	must(t, admin, `mutation($id: ID!) { updateUser(id: $id, input: {displayName: "编辑"}) { id } }`, map[string]any{"id": userID(t, admin, "editor")}, nil)
	select {
	case <-ws.closed:
	case <-time.After(30 * time.Second):
		t.Error("the signed-out editor's connection is still open")
	}
}

// userID is the id of the user called username.
func userID(t testing.TB, admin *caller, username string) string {
	t.Helper()
	var out struct {
		Users struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `query($u: String!) { users(where: {username: $u}) { edges { node { id } } } }`, map[string]any{"u": username}, &out)
	if len(out.Users.Edges) != 1 {
		t.Fatalf("user %s: %+v", username, out)
	}
	return out.Users.Edges[0].Node.ID
}

// hookReceiver is an integration's endpoint: it checks every request's
// signature and answers with status (200 unless set).
type hookReceiver struct {
	mu       sync.Mutex
	secret   string
	status   int
	requests []hookRequest
	got      chan hookRequest
}

type hookRequest struct {
	Delivery, Event, Signature, Timestamp string
	Body                                  []byte
	Verified                              error
	Status                                int
}

func newHookReceiver(t testing.TB, secret string) (*hookReceiver, string) {
	r := &hookReceiver{secret: secret, status: http.StatusOK, got: make(chan hookRequest, 100)}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv.URL + "/jixiao"
}

func (r *hookReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	h := hookRequest{
		Delivery: req.Header.Get(webhooks.DeliveryHeader), Event: req.Header.Get(webhooks.EventHeader),
		Signature: req.Header.Get(webhooks.SignatureHeader), Timestamp: req.Header.Get(webhooks.TimestampHeader), Body: body,
		Verified: webhooks.Verify(r.secret, req.Header.Get(webhooks.SignatureHeader), req.Header.Get(webhooks.TimestampHeader), body, time.Now(), 5*time.Minute),
		Status:   r.status,
	}
	r.requests = append(r.requests, h)
	r.mu.Unlock()
	w.WriteHeader(h.Status)
	r.got <- h
}

func (r *hookReceiver) setSecret(secret string) {
	r.mu.Lock()
	r.secret = secret
	r.mu.Unlock()
}

func (r *hookReceiver) answer(status int) {
	r.mu.Lock()
	r.status = status
	r.mu.Unlock()
}

func (r *hookReceiver) next(t testing.TB) hookRequest {
	t.Helper()
	select {
	case h := <-r.got:
		return h
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery arrived")
	}
	return hookRequest{}
}

func (r *hookReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

type deliveryLog struct {
	ID, EntityType, Action, Status, Error string
	EntityID, Attempts                    int
	ResponseCode                          *int
	NextAttemptAt, DeliveredAt            *string
}

const deliveriesQuery = `query($id: ID!) { webhookDeliveries(where: {webhookID: $id}, orderBy: [{field: CREATED_AT, direction: DESC}]) {
	totalCount edges { node { id entityType entityID action status attempts responseCode error nextAttemptAt deliveredAt } } } }`

// deliveries is a webhook's delivery log, newest first.
func deliveries(t testing.TB, admin *caller, webhook string) []deliveryLog {
	t.Helper()
	var out struct {
		WebhookDeliveries struct {
			TotalCount int
			Edges      []struct{ Node deliveryLog }
		}
	}
	must(t, admin, deliveriesQuery, map[string]any{"id": webhook}, &out)
	var logs []deliveryLog
	for _, e := range out.WebhookDeliveries.Edges {
		logs = append(logs, e.Node)
	}
	return logs
}

const createWebhook = `mutation($in: CreateWebhookInput!) { createWebhook(input: $in) { secret webhook { id url entityTypes actions active department { code } } } }`

// payload is a delivery's body.
type payload struct {
	WebhookID string
	Event     struct {
		ID, EntityType, EntityID, Action, At, RequestID string
		DepartmentYearID, ProjectID, DepartmentID       *string
		Actor                                           struct {
			Kind string
			ID   *string
			Name string
		}
	}
}

// TestWebhooks: an administrator registers webhooks; a change is delivered,
// signed, to the webhooks whose filter and department subtree it falls in; a
// refused change is delivered nowhere; a failed delivery is logged with its
// answer and delivered when retried; nobody else may see or change webhooks,
// and the secret is never read back.
func TestWebhooks(t *testing.T) { stores(t, webhooksFlow) }

func webhooksFlow(t *testing.T, db string) {
	// Retries wait an hour: the retry below is the administrator's.
	// The receivers are httptest servers on 127.0.0.1: loopback, allowed by name here.
	srv := startServer(t, db, "--demo=seed", "--webhook-backoff=1h", "--webhook-allow-hosts=127.0.0.1")
	admin, editor := srv.admin(t), srv.as(t, "editor")
	_, officeIndicator := officeEvaluation(t, admin)
	secret := "a-secret-of-the-integration"
	rcv, hookURL := newHookReceiver(t, secret)
	other, otherURL := newHookReceiver(t, "the-other-department's-secret")

	var made struct {
		CreateWebhook struct {
			Secret  string
			Webhook struct {
				ID, URL              string
				EntityTypes, Actions []string
				Active               bool
			}
		}
	}
	must(t, admin, createWebhook, map[string]any{"in": map[string]any{"name": "指标变更", "url": hookURL, "secret": secret,
		"entityTypes": []string{"Indicator"}, "actions": []string{"UPDATE"}}}, &made)
	hook := made.CreateWebhook.Webhook
	if made.CreateWebhook.Secret != secret || !hook.Active || fmt.Sprint(hook.EntityTypes, hook.Actions) != "[Indicator] [UPDATE]" {
		t.Fatalf("created %+v", made.CreateWebhook)
	}
	var neighbourDept struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(t, admin, `{ departments(where: {code: "440115-002"}) { edges { node { id } } } }`, nil, &neighbourDept)
	must(t, admin, createWebhook, map[string]any{"in": map[string]any{"url": otherURL,
		"departmentID": neighbourDept.Departments.Edges[0].Node.ID}}, &made)
	if !strings.HasPrefix(made.CreateWebhook.Secret, "whsec_") {
		t.Errorf("a made-up secret: %q", made.CreateWebhook.Secret)
	}
	other.setSecret(made.CreateWebhook.Secret)
	scoped := made.CreateWebhook.Webhook.ID

	// Only administrators; bad values named.
	if r := post(t, editor, createWebhook, map[string]any{"in": map[string]any{"url": hookURL}}); code(r) != "FORBIDDEN" {
		t.Errorf("an editor registering a webhook: %+v", r.Errors)
	}
	if r := post(t, editor, `{ webhooks { edges { node { id } } } }`, nil); code(r) != "FORBIDDEN" {
		t.Errorf("an editor listing webhooks: %+v", r.Errors)
	}
	if r := post(t, srv.as(t, "reviewer"), `{ webhookDeliveries { totalCount } }`, nil); code(r) != "FORBIDDEN" {
		t.Errorf("a reviewer reading the delivery log: %+v", r.Errors)
	}
	for _, bad := range []struct {
		in    map[string]any
		field string
	}{
		{map[string]any{"url": "ftp://example.org/x"}, "url"},
		{map[string]any{"url": hookURL, "secret": "short"}, "secret"},
		{map[string]any{"url": hookURL, "entityTypes": []string{"User"}}, "entityTypes"},
		{map[string]any{"url": hookURL, "entityTypes": []string{"Indicator", "Indicator"}}, "entityTypes"},
	} {
		r := post(t, admin, createWebhook, map[string]any{"in": bad.in})
		if code(r) != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != bad.field {
			t.Errorf("%v: %+v, want BAD_USER_INPUT on %s", bad.in, r.Errors, bad.field)
		}
	}
	// Server-side request forgery: loopback (but the allowed 127.0.0.1), link-local
	// (the cloud metadata service), unspecified and multicast hosts are refused, on
	// creation and on change; a private intranet address is accepted.
	for _, bad := range []struct{ url, reason string }{
		{"http://169.254.169.254/latest/meta-data/", "LINK_LOCAL"},
		{"http://[::1]:8080/hook", "LOOPBACK"},
		{"http://127.0.0.2:8080/hook", "LOOPBACK"},
		{"http://0.0.0.0:8080/hook", "UNSPECIFIED"},
		{"http://224.0.0.1/hook", "MULTICAST"},
	} {
		e := refused(t, "createWebhook "+bad.url, post(t, admin, createWebhook, map[string]any{"in": map[string]any{"url": bad.url}}),
			"BAD_USER_INPUT", "url", "WEBHOOK_URL_REFUSED")
		if p, _ := e.Extensions["params"].(map[string]any); p == nil || p["reason"] != bad.reason {
			t.Errorf("%s refused with %+v, want reason %s", bad.url, e.Extensions, bad.reason)
		}
	}
	refused(t, "updateWebhook to the metadata service", post(t, admin, `mutation($id: ID!) { updateWebhook(id: $id, input: {url: "http://[fe80::1]/x"}) { id } }`,
		map[string]any{"id": scoped}), "BAD_USER_INPUT", "url", "WEBHOOK_URL_REFUSED")
	var intranet struct {
		CreateWebhook struct{ Webhook struct{ ID string } }
	}
	must(t, admin, createWebhook, map[string]any{"in": map[string]any{"url": "http://10.20.30.40:8080/hook", "active": false}}, &intranet)
	must(t, admin, `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": intranet.CreateWebhook.Webhook.ID}, nil)
	if r := post(t, admin, `query($id: ID!) { node(id: $id) { ... on Webhook { secret } } }`, map[string]any{"id": hook.ID}); code(r) != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("reading a secret back: %+v", r)
	}
	var trail struct {
		AuditRecords struct {
			Edges []struct {
				Node struct {
					Action  string
					Changes []struct {
						Field string
						After any
					}
				}
			}
		}
	}
	must(t, admin, `query($id: Int!) { auditRecords(where: {entityType: "Webhook", entityID: $id}) { edges { node { action changes { field after } } } } }`,
		map[string]any{"id": mustInt(t, hook.ID)}, &trail)
	if len(trail.AuditRecords.Edges) != 1 {
		t.Fatalf("the webhook's audit trail: %+v", trail)
	}
	for _, ch := range trail.AuditRecords.Edges[0].Node.Changes {
		if ch.Field == "secret" && ch.After != "(hidden)" {
			t.Errorf("the trail shows the secret: %v", ch.After)
		}
	}

	// The editor changes an office indicator: delivered, signed, to the first webhook only.
	must(t, editor, renameIndicator, map[string]any{"id": officeIndicator, "name": "培训人次"}, nil)
	h := rcv.next(t)
	if h.Verified != nil {
		t.Fatalf("the delivery's signature: %v (%s %s)", h.Verified, h.Signature, h.Timestamp)
	}
	var p payload
	if err := json.Unmarshal(h.Body, &p); err != nil {
		t.Fatal(err)
	}
	if p.WebhookID != hook.ID || p.Event.EntityType != "Indicator" || p.Event.EntityID != officeIndicator || p.Event.Action != "UPDATE" ||
		p.Event.Actor.Kind != "USER" || p.Event.Actor.Name != "editor" || p.Event.Actor.ID == nil || p.Event.DepartmentYearID == nil ||
		p.Event.DepartmentID == nil || p.Event.ID != h.Event || p.Event.RequestID == "" {
		t.Errorf("the payload: %s", h.Body)
	}
	var logs []deliveryLog
	eventually(t, "the delivery is logged as delivered", func() bool { // recorded just after the answer
		logs = deliveries(t, admin, hook.ID)
		return len(logs) != 1 || logs[0].Status == "DELIVERED"
	})
	if len(logs) != 1 || logs[0].ID != h.Delivery || logs[0].Attempts != 1 || logs[0].ResponseCode == nil || *logs[0].ResponseCode != 200 ||
		logs[0].DeliveredAt == nil || logs[0].EntityID != mustInt(t, officeIndicator) {
		t.Errorf("the delivery log: %+v", logs)
	}

	// A refused change (a stale version) is delivered nowhere: it leaves no delivery.
	if r := post(t, editor, `mutation($id: ID!) { updateIndicator(id: $id, input: {name: "过时"}, version: 1) { id } }`,
		map[string]any{"id": officeIndicator}); code(r) != "CONFLICT" {
		t.Fatalf("a stale update: %+v", r.Errors)
	}
	if n := len(deliveries(t, admin, hook.ID)); n != 1 {
		t.Errorf("%d deliveries after a refused change, want still 1", n)
	}

	// A failing integration: the attempt is logged with its answer, and the
	// administrator's retry delivers it.
	rcv.answer(http.StatusInternalServerError)
	must(t, editor, renameIndicator, map[string]any{"id": officeIndicator, "name": "业务岗位培训人数"}, nil)
	failed := rcv.next(t)
	eventually(t, "the failed attempt is logged", func() bool {
		logs = deliveries(t, admin, hook.ID)
		return logs[0].Status == "PENDING" && logs[0].Attempts == 1
	})
	if l := logs[0]; l.ID != failed.Delivery || l.ResponseCode == nil || *l.ResponseCode != 500 ||
		l.Error != "answered 500 Internal Server Error" || l.NextAttemptAt == nil || l.DeliveredAt != nil {
		t.Errorf("the failed attempt's log: %+v", l)
	}
	rcv.answer(http.StatusOK)
	var retried struct{ RetryWebhookDelivery struct{ Status string } }
	must(t, admin, `mutation($id: ID!) { retryWebhookDelivery(id: $id) { status } }`, map[string]any{"id": failed.Delivery}, &retried)
	again := rcv.next(t)
	if again.Delivery != failed.Delivery || again.Event != failed.Event || string(again.Body) != string(failed.Body) || again.Verified != nil {
		t.Errorf("the retry: %+v, want the same delivery as %+v", again, failed)
	}
	eventually(t, "the retried delivery is logged as delivered", func() bool {
		logs = deliveries(t, admin, hook.ID)
		return logs[0].Status == "DELIVERED"
	})
	if l := logs[0]; *l.ResponseCode != 200 || l.Error != "" || l.NextAttemptAt != nil {
		t.Errorf("the retried delivery's log: %+v", l)
	}
	if r := post(t, admin, `mutation($id: ID!) { retryWebhookDelivery(id: $id) { status } }`, map[string]any{"id": failed.Delivery}); code(r) != "BAD_USER_INPUT" {
		t.Errorf("retrying a delivered delivery: %+v", r.Errors)
	}

	// Nothing of the office reached the neighbour's webhook; its own change does
	// (and the first webhook's, which hears every department).
	if n := other.count(); n != 0 {
		t.Errorf("the neighbour's webhook got %d deliveries of the office's changes", n)
	}
	neighbour := seedEvaluations(t, admin, "440115-002")[0]
	must(t, admin, renameIndicator, map[string]any{"id": neighbour.Indicators[0].ID, "name": "邻居的指标"}, nil)
	if h := other.next(t); h.Verified != nil || !strings.Contains(string(h.Body), neighbour.Indicators[0].ID) {
		t.Errorf("the neighbour's delivery: %v %s", h.Verified, h.Body)
	}

	if n := len(deliveries(t, admin, hook.ID)); n != 3 {
		t.Errorf("the first webhook's log has %d deliveries, want 3", n)
	}

	// Deactivated, it is told nothing; deleted, its log goes with it.
	must(t, admin, `mutation($id: ID!) { updateWebhook(id: $id, input: {active: false}) { active } }`, map[string]any{"id": hook.ID}, nil)
	must(t, editor, renameIndicator, map[string]any{"id": officeIndicator, "name": "培训人次"}, nil)
	if n := len(deliveries(t, admin, hook.ID)); n != 3 {
		t.Errorf("an inactive webhook's log has %d deliveries, want still 3", n)
	}
	var gone struct{ DeleteWebhook string }
	must(t, admin, `mutation($id: ID!) { deleteWebhook(id: $id) }`, map[string]any{"id": scoped}, &gone)
	var left struct{ WebhookDeliveries struct{ TotalCount int } }
	must(t, admin, `{ webhookDeliveries { totalCount } }`, nil, &left)
	if gone.DeleteWebhook != scoped || left.WebhookDeliveries.TotalCount != 3 {
		t.Errorf("deleted %s; %d deliveries left, want the first webhook's 3", gone.DeleteWebhook, left.WebhookDeliveries.TotalCount)
	}
}

// eventually polls cond until it holds: an outcome the server reaches on its
// own (a delivery logged after its answer), with 30 s as a failure's bound.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
	}
}

func mustInt(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
