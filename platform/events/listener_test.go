package events

import (
	"context"
	"database/sql"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// TestListener: on PostgreSQL, what a transaction NOTIFYs reaches the
// listener's bus once it commits, and nothing of a rolled-back one does; the
// listener comes back after its connection is killed, and tells every
// subscriber, whatever its filter, to read again (a resync signal): what was
// announced while it was away was missed.
func TestListener(t *testing.T) {
	dsn := os.Getenv("JIXIAO_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("LISTEN/NOTIFY needs PostgreSQL: set JIXIAO_TEST_POSTGRES=postgres://…/postgres")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bus := NewBus()
	// A name of its own, so that killing its session below touches no other test's.
	name := "jixiao_listener_test_" + NewID()[:8]
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	l := NewListener(u.String(), bus, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor(t, l.Listening)
	sub := bus.Subscribe(10, func(e Event) bool { return e.EntityType == "ListenerTest" })
	defer sub.Close()
	deaf := bus.Subscribe(10, func(Event) bool { return false }) // hears no change, only resyncs
	defer deaf.Close()

	hub := NewHub(NewBus(), true)
	send := func(id int, commit bool) {
		t.Helper()
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		end := tx.Rollback
		if commit {
			end = tx.Commit
		}
		if err := hub.Commit(context.Background(), tx, []Event{ev("ListenerTest", id)}, end); err != nil {
			t.Fatal(err)
		}
	}
	send(1, false) // rolled back: never heard
	send(2, true)
	if e := next(t, sub); e.EntityID != 2 {
		t.Fatalf("heard %d, want 2 (1 was rolled back)", e.EntityID)
	}

	if l.Resyncs() != 0 || len(deaf.Events()) != 0 {
		t.Fatalf("the first connection signalled %d resyncs, the deaf subscriber holds %d events; want none", l.Resyncs(), len(deaf.Events()))
	}

	// Kill the listener's session (by its backend pid, which carries the test's
	// application name): it reconnects, signals a resync, and hears what comes after.
	var killed bool
	if err := db.QueryRow(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND application_name = $2`, int(l.PID()), name).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminating the listener's backend %d: %v (terminated: %v)", l.PID(), err, killed)
	}
	waitFor(t, func() bool { return l.Breaks() > 0 && l.Listening() })
	for _, s := range []*Subscription{sub, deaf} {
		if e := next(t, s); !e.Resync || e.EntityType != ResyncType || e.ID == "" {
			t.Fatalf("after reconnecting heard %+v first, want a resync signal", e)
		}
	}
	send(3, true)
	if e := next(t, sub); e.EntityID != 3 || e.Resync {
		t.Fatalf("after reconnecting heard %+v, want change 3", e)
	}
	if l.Resyncs() != 1 {
		t.Fatalf("%d resyncs signalled, want 1", l.Resyncs())
	}
}

func next(t *testing.T, s *Subscription) Event {
	t.Helper()
	select {
	case e := <-s.Events():
		return e
	case <-time.After(30 * time.Second):
		t.Fatal("nothing heard")
	}
	return Event{}
}

// waitFor polls cond until it holds (an outcome, not a timing: 30 s is a failure's bound).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
	}
}
