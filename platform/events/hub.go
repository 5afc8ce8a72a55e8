package events

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
)

// Hub is how one server's committed changes reach the subscribers of every
// server: in one process straight into the Bus after the commit (SQLite), or
// through NOTIFY inside the committing transaction, which each server's
// Listener hears and publishes (PostgreSQL).
type Hub struct {
	Bus *Bus
	// Listener is the PostgreSQL LISTEN connection; nil on SQLite.
	Listener *Listener

	postgres      bool
	before        []func(context.Context, []Event) error
	subscriptions atomic.Int64
}

// NewHub returns a hub over bus. With notify (PostgreSQL), events travel by
// NOTIFY: they reach this server's bus only through a Listener, which the
// caller runs and sets.
func NewHub(bus *Bus, notify bool) *Hub { return &Hub{Bus: bus, postgres: notify} }

// Local is a hub of one process: a new bus, events published after the commit.
func Local() *Hub { return NewHub(NewBus(), false) }

// Notifies reports whether events travel by NOTIFY (PostgreSQL).
func (h *Hub) Notifies() bool { return h.postgres }

// BeforeCommit registers f to run inside every transaction that has events, just
// before it commits, with its context (whose ent client is the transaction's):
// what f writes commits with the change or not at all (webhook deliveries).
func (h *Hub) BeforeCommit(f func(ctx context.Context, evs []Event) error) {
	h.before = append(h.before, f)
}

// Execer runs a statement in the transaction: ent's ExecContext on a
// transactional client.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ErrNoExecer is a PostgreSQL transaction that cannot run the NOTIFY statement.
var ErrNoExecer = errors.New("events: the transaction cannot run statements of its own")

// Commit commits a transaction that made evs and announces them. The
// BeforeCommit functions run first, then (PostgreSQL) the NOTIFY statements in
// tx, then commit. When any step fails, Commit returns its error before
// committing: the caller rolls back. On SQLite the events are published once
// commit has succeeded.
func (h *Hub) Commit(ctx context.Context, tx Execer, evs []Event, commit func() error) error {
	if len(evs) > 0 {
		for _, f := range h.before {
			if err := f(ctx, evs); err != nil {
				return err
			}
		}
		if h.postgres {
			if tx == nil {
				return ErrNoExecer
			}
			payloads, err := Payloads(evs)
			if err != nil {
				return err
			}
			for _, p := range payloads {
				if _, err := tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, p); err != nil {
					return err
				}
			}
		}
	}
	if err := commit(); err != nil {
		return err
	}
	if !h.postgres {
		h.Bus.Publish(evs...)
	}
	return nil
}

// Subscribed counts GraphQL subscriptions: +1 as one starts, -1 as it ends.
func (h *Hub) Subscribed(delta int64) { h.subscriptions.Add(delta) }

// Subscriptions is how many GraphQL subscriptions the server is serving.
func (h *Hub) Subscriptions() int64 { return h.subscriptions.Load() }
