package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func ev(typ string, id int) Event {
	return Event{ID: NewID(), EntityType: typ, EntityID: id, Action: Update, ActorKind: ActorUser, ActorID: 7, At: time.Unix(0, 0).UTC()}
}

// TestBusFanOut: each subscriber gets the events its filter accepts, in order.
func TestBusFanOut(t *testing.T) {
	b := NewBus()
	all := b.Subscribe(10, nil)
	indicators := b.Subscribe(10, func(e Event) bool { return e.EntityType == "Indicator" })
	defer all.Close()
	defer indicators.Close()
	b.Publish(ev("Indicator", 1), ev("Evaluation", 2), ev("Indicator", 3))
	want := func(s *Subscription, ids ...int) {
		t.Helper()
		for _, id := range ids {
			select {
			case e := <-s.Events():
				if e.EntityID != id {
					t.Fatalf("got %d, want %d", e.EntityID, id)
				}
			default:
				t.Fatalf("nothing waiting, want %d", id)
			}
		}
		select {
		case e := <-s.Events():
			t.Fatalf("unexpected %+v", e)
		default:
		}
	}
	want(all, 1, 2, 3)
	want(indicators, 1, 3)
	if b.Published() != 3 || b.Subscribers() != 2 {
		t.Errorf("published %d, subscribers %d", b.Published(), b.Subscribers())
	}
}

// TestBusDropsSlowSubscribers: a subscriber whose buffer is full is dropped,
// and the publisher goes on to the others without waiting.
func TestBusDropsSlowSubscribers(t *testing.T) {
	b := NewBus()
	slow := b.Subscribe(2, nil)
	fast := b.Subscribe(100, nil)
	defer fast.Close()
	for i := range 5 {
		b.Publish(ev("Indicator", i)) // never blocks, though nobody reads slow
	}
	var got []int
	for e := range slow.Events() { // closed once dropped
		got = append(got, e.EntityID)
	}
	if fmt.Sprint(got) != "[0 1]" || !slow.Dropped() {
		t.Errorf("the slow subscriber got %v (dropped %v), want the 2 it had room for, then dropped", got, slow.Dropped())
	}
	if len(fast.Events()) != 5 || fast.Dropped() {
		t.Errorf("the other subscriber holds %d events, want 5", len(fast.Events()))
	}
	if b.DroppedSubscribers() != 1 || b.Subscribers() != 1 {
		t.Errorf("dropped %d, open %d", b.DroppedSubscribers(), b.Subscribers())
	}
	slow.Close() // after a drop: harmless
	slow.Close()
}

// TestBusClose ends every subscription, not as a drop; later ones start closed.
func TestBusClose(t *testing.T) {
	b := NewBus()
	s := b.Subscribe(1, nil)
	b.Close()
	if _, ok := <-s.Events(); ok || s.Dropped() {
		t.Errorf("open after Close, or dropped: %v", s.Dropped())
	}
	late := b.Subscribe(1, nil)
	if _, ok := <-late.Events(); ok {
		t.Error("a subscription after Close is open")
	}
	b.Publish(ev("Indicator", 1)) // no subscriber, no panic
}

// TestBusConcurrent publishes from several goroutines while subscribers come,
// read and go (run with -race).
func TestBusConcurrent(t *testing.T) {
	b := NewBus()
	var wg sync.WaitGroup
	for p := range 4 {
		wg.Go(func() {
			for i := range 200 {
				b.Publish(ev("Indicator", p*1000+i))
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 20 {
				s := b.Subscribe(4, nil)
				select {
				case <-s.Events():
				default:
				}
				s.Close()
			}
		})
	}
	wg.Wait()
	if b.Published() != 800 {
		t.Errorf("published %d, want 800", b.Published())
	}
}

// TestPayloads: a batch is split into NOTIFY payloads under PostgreSQL's limit,
// each decoding to its share, in order.
func TestPayloads(t *testing.T) {
	var evs []Event
	for i := range 300 {
		e := ev("MonthlyExecution", i)
		e.ActorName, e.RequestID = "编辑 "+strings.Repeat("名", 20), strings.Repeat("r", 64)
		e.Place = Place{DepartmentYearID: 4294967297, ProjectID: 25769803777, DepartmentID: 12, DepartmentPath: "/1/5/9/"}
		evs = append(evs, e)
	}
	payloads, err := Payloads(evs)
	if err != nil {
		t.Fatal(err)
	}
	if len(payloads) < 2 {
		t.Fatalf("300 events in %d payloads: expected a split", len(payloads))
	}
	var back []Event
	for _, p := range payloads {
		if len(p) > MaxPayload {
			t.Errorf("a payload of %d bytes, limit %d", len(p), MaxPayload)
		}
		got, err := Decode(p)
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, got...)
	}
	if len(back) != len(evs) {
		t.Fatalf("decoded %d events, want %d", len(back), len(evs))
	}
	for i := range evs {
		if back[i] != evs[i] {
			t.Fatalf("event %d: %+v, want %+v", i, back[i], evs[i])
		}
	}
	if p, _ := Payloads(nil); len(p) != 0 {
		t.Errorf("no events: %d payloads", len(p))
	}
}

// TestWithin: a place is in a subtree when its department is the root or below it.
func TestWithin(t *testing.T) {
	root, prefix := 5, "/1/5/"
	for _, c := range []struct {
		p    Place
		want bool
	}{
		{Place{DepartmentID: 5, DepartmentPath: "/1/"}, true},
		{Place{DepartmentID: 9, DepartmentPath: "/1/5/"}, true},
		{Place{DepartmentID: 12, DepartmentPath: "/1/5/9/"}, true},
		{Place{DepartmentID: 1, DepartmentPath: "/"}, false},
		{Place{DepartmentID: 6, DepartmentPath: "/1/"}, false},
		{Place{DepartmentID: 55, DepartmentPath: "/1/55/"}, false}, // a prefix of digits is not a parent
		{Place{}, false},
	} {
		if got := c.p.Within(root, prefix); got != c.want {
			t.Errorf("%+v within %d %s: %v", c.p, root, prefix, got)
		}
	}
}

// TestBatch: events added in a transaction's context, and places asked for once.
func TestBatch(t *testing.T) {
	if FromContext(context.Background()) != nil {
		t.Fatal("a batch outside a transaction")
	}
	ctx, b := WithBatch(context.Background())
	if FromContext(ctx) != b {
		t.Fatal("the batch is not in its context")
	}
	b.Add(Event{EntityType: "Indicator", EntityID: 1})
	asked := 0
	for range 3 {
		p, err := b.Place("DepartmentYear:4", func() (Place, error) { asked++; return Place{DepartmentID: 2}, nil })
		if err != nil || p.DepartmentID != 2 {
			t.Fatal(p, err)
		}
	}
	if _, err := b.Place("DepartmentYear:5", func() (Place, error) { return Place{}, errors.New("gone") }); err == nil {
		t.Error("an error was not passed on")
	}
	evs := b.Events()
	if asked != 1 || len(evs) != 1 || evs[0].ID == "" {
		t.Errorf("asked %d times, events %+v", asked, evs)
	}
}

type execs struct{ queries []string }

func (e *execs) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	e.queries = append(e.queries, fmt.Sprint(query, args))
	return nil, nil
}

// TestHubCommit: on SQLite the events reach the bus only after a successful
// commit; on PostgreSQL they are NOTIFYed inside the transaction, before it
// commits, and the bus hears them from the listener instead. A step before
// the commit that fails stops it.
func TestHubCommit(t *testing.T) {
	evs := []Event{ev("Indicator", 1), ev("Evaluation", 2)}

	local := Local()
	s := local.Bus.Subscribe(10, nil)
	if err := local.Commit(context.Background(), nil, evs, func() error { return errors.New("commit failed") }); err == nil {
		t.Fatal("a failed commit reported success")
	}
	if len(s.Events()) != 0 {
		t.Fatal("a failed commit announced its events")
	}
	var steps []string
	local.BeforeCommit(func(_ context.Context, got []Event) error {
		steps = append(steps, fmt.Sprintf("before %d", len(got)))
		return nil
	})
	if err := local.Commit(context.Background(), nil, evs, func() error { steps = append(steps, "commit"); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(steps) != "[before 2 commit]" || len(s.Events()) != 2 {
		t.Errorf("steps %v, %d events on the bus", steps, len(s.Events()))
	}

	pg := NewHub(NewBus(), true)
	ps := pg.Bus.Subscribe(10, nil)
	tx := &execs{}
	committed := false
	if err := pg.Commit(context.Background(), tx, evs, func() error {
		if len(tx.queries) != 1 || !strings.HasPrefix(tx.queries[0], "SELECT pg_notify($1, $2)[jixiao_events [") {
			t.Errorf("before the commit: %q", tx.queries)
		}
		committed = true
		return nil
	}); err != nil || !committed {
		t.Fatal(err, committed)
	}
	if len(ps.Events()) != 0 {
		t.Error("PostgreSQL's events went straight to the bus, and would again through LISTEN")
	}
	pg.BeforeCommit(func(context.Context, []Event) error { return errors.New("no") })
	if err := pg.Commit(context.Background(), tx, evs, func() error { t.Error("committed after a failed step"); return nil }); err == nil {
		t.Error("a failed step did not stop the commit")
	}
	// A transaction that changed nothing commits without a statement.
	tx.queries = nil
	if err := pg.Commit(context.Background(), tx, nil, func() error { return nil }); err != nil || len(tx.queries) != 0 {
		t.Errorf("no events: %v, %q", err, tx.queries)
	}
}
