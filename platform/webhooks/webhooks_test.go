package webhooks_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/ent"
	"jixiao/ent/enttest"
	_ "jixiao/ent/runtime"
	"jixiao/ent/webhookdelivery"
	"jixiao/platform/access"
	"jixiao/platform/events"
	"jixiao/platform/store"
	"jixiao/platform/webhooks"
)

// TestSign: the signature is HMAC-SHA256 of "timestamp.body" in hex, as
// README's receivers compute it; Verify refuses a changed body, another
// secret, another timestamp and an old one.
func TestSign(t *testing.T) {
	body := []byte(`{"webhookID":"1","event":{"id":"e"}}`)
	secret, ts := "whsec_0123456789abcdef", int64(1765000000)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("1765000000." + string(body)))
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	sig := webhooks.Sign(secret, ts, body)
	if sig != want {
		t.Fatalf("Sign = %s, want %s", sig, want)
	}
	now := time.Unix(ts+60, 0)
	if err := webhooks.Verify(secret, sig, "1765000000", body, now, 5*time.Minute); err != nil {
		t.Fatalf("a good delivery: %v", err)
	}
	for _, c := range []struct {
		name, secret, sig, ts string
		body                  []byte
		now                   time.Time
		want                  error
	}{
		{"a changed body", secret, sig, "1765000000", []byte(`{"webhookID":"2"}`), now, webhooks.ErrBadSignature},
		{"another secret", "whsec_something-else", sig, "1765000000", body, now, webhooks.ErrBadSignature},
		{"another timestamp", secret, sig, "1765000001", body, now, webhooks.ErrBadSignature},
		{"no scheme", secret, sig[len("sha256="):], "1765000000", body, now, webhooks.ErrBadSignature},
		{"too old", secret, sig, "1765000000", body, time.Unix(ts+301, 0), webhooks.ErrStale},
		{"from the future", secret, sig, "1765000000", body, time.Unix(ts-301, 0), webhooks.ErrStale},
	} {
		if err := webhooks.Verify(c.secret, c.sig, c.ts, c.body, c.now, 5*time.Minute); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := webhooks.Verify(secret, sig, "yesterday", body, now, time.Minute); err == nil {
		t.Error("a timestamp that is not a number was accepted")
	}
}

// TestDelay: the backoff doubles from Backoff up to MaxBackoff.
func TestDelay(t *testing.T) {
	o := webhooks.Options{Backoff: 30 * time.Second, MaxBackoff: 5 * time.Minute}
	var got []time.Duration
	for attempt := 1; attempt <= 6; attempt++ {
		got = append(got, o.Delay(attempt))
	}
	if fmt.Sprint(got) != "[30s 1m0s 2m0s 4m0s 5m0s 5m0s]" {
		t.Errorf("delays %v", got)
	}
	if d := (webhooks.Options{}).Delay(1); d != 30*time.Second {
		t.Errorf("the default first delay is %v", d)
	}
}

// receiver is an integration's endpoint: it verifies each request and answers
// with the status answer gives for its attempt (the n-th request of a delivery).
type receiver struct {
	mu       sync.Mutex
	secret   string
	answer   func(delivery string, n int) int
	requests map[string]int // delivery → requests
	bad      []string
	got      chan string // a delivery id per 2xx answer
}

func newReceiver(t *testing.T, secret string, answer func(string, int) int) (*receiver, string) {
	r := &receiver{secret: secret, answer: answer, requests: map[string]int{}, got: make(chan string, 100)}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv.URL
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := webhooks.Verify(r.secret, req.Header.Get(webhooks.SignatureHeader), req.Header.Get(webhooks.TimestampHeader), body, time.Now(), time.Minute); err != nil {
		r.bad = append(r.bad, err.Error())
	}
	id := req.Header.Get(webhooks.DeliveryHeader)
	r.requests[id]++
	status := r.answer(id, r.requests[id])
	w.WriteHeader(status)
	if status < 300 {
		r.got <- id
	}
}

func open(t *testing.T) (*ent.Client, context.Context) {
	// A file as the server's (WAL, a busy timeout): several dispatchers write at once.
	c := enttest.Open(t, "sqlite3", store.SQLiteDSN(filepath.Join(t.TempDir(), "webhooks.db")))
	t.Cleanup(func() { c.Close() })
	return c, access.System(context.Background(), "test")
}

// enqueue makes deliveries of n events as a change's transaction would.
func enqueue(t *testing.T, c *ent.Client, ctx context.Context, n int) {
	t.Helper()
	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var evs []events.Event
	for i := range n {
		evs = append(evs, events.Event{ID: events.NewID(), EntityType: "Indicator", EntityID: i + 1, Action: events.Update,
			Place: events.Place{DepartmentID: 999, DepartmentPath: "/"}, ActorKind: events.ActorUser, At: time.Now()})
	}
	if err := webhooks.Enqueue(ent.NewContext(ctx, tx.Client()), evs); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, d *webhooks.Dispatcher) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

var dump func()

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			if dump != nil {
				dump()
			}
			t.Fatalf("never: %s", what)
		}
	}
}

// TestDispatcher: deliveries are sent signed, a failing one is retried with
// backoff and, out of attempts, FAILED with its last answer logged; two
// dispatchers on one database send each delivery once.
func TestDispatcher(t *testing.T) {
	c, ctx := open(t)
	secret := "whsec_dispatcher-test-secret"
	rcv, url := newReceiver(t, secret, func(string, int) int { return http.StatusNoContent })
	failing, failingURL := newReceiver(t, secret, func(string, int) int { return http.StatusServiceUnavailable })
	d1 := c.Department.Create().SetCode("D1").SetName("局").SaveX(ctx)
	ok := c.Webhook.Create().SetURL(url).SetSecret(secret).SaveX(ctx)
	down := c.Webhook.Create().SetURL(failingURL).SetSecret(secret).SetEntityTypes([]string{"Indicator"}).SaveX(ctx)
	// Deliveries of the other department's subtree, or of other types, are not made.
	c.Webhook.Create().SetURL(url).SetSecret(secret).SetDepartmentID(d1.ID).SaveX(ctx)
	c.Webhook.Create().SetURL(url).SetSecret(secret).SetEntityTypes([]string{"Evaluation"}).SaveX(ctx)
	c.Webhook.Create().SetURL(url).SetSecret(secret).SetActive(false).SaveX(ctx)

	bus := events.NewBus()
	log := slog.New(slog.DiscardHandler)
	opts := webhooks.Options{Backoff: time.Millisecond, MaxBackoff: 4 * time.Millisecond, Attempts: 3, Guard: loopbackAllowed(t)}
	a, b := webhooks.NewDispatcher(c, bus, log, opts), webhooks.NewDispatcher(c, bus, log, opts)
	run(t, a)
	run(t, b)
	enqueue(t, c, ctx, 10)
	a.Wake() // a change committed: both look at once (as the bus's event would make them)
	b.Wake()

	delivered := map[string]bool{}
	for range 10 {
		select {
		case id := <-rcv.got:
			delivered[id] = true
		case <-time.After(30 * time.Second):
			t.Fatalf("delivered %d of 10", len(delivered))
		}
	}
	dump = func() {
		for _, d := range c.WebhookDelivery.Query().AllX(ctx) {
			t.Logf("%d %s attempts %d next %v lease %v err %q", d.WebhookID, d.Status, d.Attempts, d.NextAttemptAt, d.LeaseUntil, d.Error)
		}
	}
	waitFor(t, "the failing webhook's deliveries fail", func() bool {
		return c.WebhookDelivery.Query().Where(webhookdelivery.WebhookID(down.ID), webhookdelivery.StatusEQ(webhookdelivery.StatusFAILED)).CountX(ctx) == 10
	})
	rcv.mu.Lock()
	for id, n := range rcv.requests {
		if n != 1 {
			t.Errorf("delivery %s sent %d times", id, n)
		}
	}
	if len(rcv.bad) > 0 {
		t.Errorf("bad signatures: %v", rcv.bad)
	}
	rcv.mu.Unlock()
	for _, del := range c.WebhookDelivery.Query().Where(webhookdelivery.WebhookID(ok.ID)).AllX(ctx) {
		if del.Status != webhookdelivery.StatusDELIVERED || del.Attempts != 1 || del.ResponseCode == nil || *del.ResponseCode != 204 ||
			del.DeliveredAt == nil || del.NextAttemptAt != nil || !delivered[strconv.Itoa(del.ID)] {
			t.Errorf("a delivered delivery: %+v", del)
		}
	}
	for _, del := range c.WebhookDelivery.Query().Where(webhookdelivery.WebhookID(down.ID)).AllX(ctx) {
		if del.Attempts != 3 || *del.ResponseCode != 503 || del.Error != "answered 503 Service Unavailable" || del.NextAttemptAt != nil {
			t.Errorf("a failed delivery: attempts %d, code %v, error %q", del.Attempts, *del.ResponseCode, del.Error)
		}
	}
	failing.mu.Lock()
	for id, n := range failing.requests {
		if n != 3 {
			t.Errorf("failed delivery %s tried %d times, want 3", id, n)
		}
	}
	failing.mu.Unlock()
	if all := c.WebhookDelivery.Query().CountX(ctx); all != 20 {
		t.Errorf("%d deliveries, want 10 per accepting webhook", all)
	}
	if a.Delivered()+b.Delivered() != 10 || a.Failed()+b.Failed() != 10 || a.Retried()+b.Retried() != 20 {
		t.Errorf("counted delivered %d, failed %d, retried %d", a.Delivered()+b.Delivered(), a.Failed()+b.Failed(), a.Retried()+b.Retried())
	}
}

// TestStaleClaim: a delivery a server claimed and never finished (it stopped)
// is claimed again once its lease ends, and delivered.
func TestStaleClaim(t *testing.T) {
	c, ctx := open(t)
	secret := "whsec_stale-claim-secret"
	rcv, url := newReceiver(t, secret, func(string, int) int { return http.StatusOK })
	w := c.Webhook.Create().SetURL(url).SetSecret(secret).SaveX(ctx)
	past := time.Now().Add(-time.Minute)
	del := c.WebhookDelivery.Create().SetWebhookID(w.ID).SetEventID("e").SetEntityType("Indicator").SetEntityID(1).
		SetAction("UPDATE").SetPayload(`{}`).SetStatus(webhookdelivery.StatusSENDING).SetAttempts(1).
		SetLeaseUntil(past).SetNextAttemptAt(past).SaveX(ctx)
	run(t, webhooks.NewDispatcher(c, events.NewBus(), slog.New(slog.DiscardHandler), webhooks.Options{Guard: loopbackAllowed(t)}))
	select {
	case id := <-rcv.got:
		if id != strconv.Itoa(del.ID) {
			t.Errorf("delivered %s", id)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the abandoned delivery was not sent")
	}
	waitFor(t, "recorded", func() bool {
		d := c.WebhookDelivery.GetX(ctx, del.ID)
		return d.Status == webhookdelivery.StatusDELIVERED && d.Attempts == 2
	})
}

// loopbackAllowed is a guard that lets deliveries reach the tests' receivers
// (httptest servers on 127.0.0.1), as --webhook-allow-hosts=127.0.0.0/8 would.
func loopbackAllowed(t *testing.T) *webhooks.Guard {
	t.Helper()
	g, err := webhooks.ParseGuard("127.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	return g
}
