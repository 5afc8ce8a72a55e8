package events

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the PostgreSQL channel the servers NOTIFY and LISTEN on.
const Channel = "jixiao_events"

// MaxPayload bounds one NOTIFY payload. PostgreSQL refuses payloads of 8000
// bytes or more; a batch larger than this is sent as several notifications.
const MaxPayload = 7900

// Payloads encodes evs as NOTIFY payloads (JSON arrays of events) of at most
// MaxPayload bytes each, in order.
func Payloads(evs []Event) ([]string, error) {
	var out []string
	buf := []byte{'['}
	for _, e := range evs {
		raw, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		if len(raw)+2 > MaxPayload {
			return nil, fmt.Errorf("events: an event of %d bytes does not fit a notification", len(raw))
		}
		if len(buf) > 1 && len(buf)+1+len(raw)+1 > MaxPayload {
			out = append(out, string(append(buf, ']')))
			buf = []byte{'['}
		}
		if len(buf) > 1 {
			buf = append(buf, ',')
		}
		buf = append(buf, raw...)
	}
	if len(buf) > 1 {
		out = append(out, string(append(buf, ']')))
	}
	return out, nil
}

// Decode reads one payload Payloads wrote.
func Decode(payload string) ([]Event, error) {
	var evs []Event
	if err := json.Unmarshal([]byte(payload), &evs); err != nil {
		return nil, fmt.Errorf("events: a notification that is not a list of events: %w", err)
	}
	return evs, nil
}

// Listener holds a LISTEN connection to PostgreSQL and publishes every event it
// hears (its own server's included) into its server's bus. It reconnects when
// the connection breaks, waiting 100 ms, then twice as long each time up to 5 s.
// What was announced while it was away is not heard again: so once it listens
// again after a break, it publishes a resync signal (NewResync), which every
// subscriber receives and answers by reading its data again (webhook deliveries
// are rows in the database, and are not affected).
type Listener struct {
	dsn string
	bus *Bus
	log *slog.Logger

	listening atomic.Bool
	received  atomic.Int64
	breaks    atomic.Int64
	resyncs   atomic.Int64
	pid       atomic.Uint32
}

// NewListener returns a listener on the database dsn (a postgres:// URL) that
// publishes into bus; Run starts it.
func NewListener(dsn string, bus *Bus, log *slog.Logger) *Listener {
	return &Listener{dsn: dsn, bus: bus, log: log}
}

// Listening reports whether the LISTEN connection is up.
func (l *Listener) Listening() bool { return l.listening.Load() }

// Received is how many events the listener has heard.
func (l *Listener) Received() int64 { return l.received.Load() }

// Breaks is how many times the LISTEN connection was lost or could not be made.
func (l *Listener) Breaks() int64 { return l.breaks.Load() }

// Resyncs is how many resync signals the listener has published.
func (l *Listener) Resyncs() int64 { return l.resyncs.Load() }

// PID is the PostgreSQL backend process id of the LISTEN connection (0 before
// the first): pg_terminate_backend(PID) breaks it, as a test does.
func (l *Listener) PID() uint32 { return l.pid.Load() }

// Run listens until ctx ends.
func (l *Listener) Run(ctx context.Context) {
	const first, most = 100 * time.Millisecond, 5 * time.Second
	wait := first
	for {
		connected, err := l.listen(ctx)
		l.listening.Store(false)
		if ctx.Err() != nil {
			return
		}
		l.breaks.Add(1)
		if connected {
			wait = first
		}
		l.log.Warn("events: the LISTEN connection to PostgreSQL ended; reconnecting", "error", err, "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, most)
	}
}

// listen connects, listens and publishes until the connection fails or ctx ends;
// connected tells whether it got as far as listening.
func (l *Listener) listen(ctx context.Context) (connected bool, err error) {
	conn, err := pgx.Connect(ctx, l.dsn)
	if err != nil {
		return false, err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return false, err
	}
	l.pid.Store(conn.PgConn().PID())
	l.listening.Store(true)
	if l.breaks.Load() > 0 {
		// Listening again after a break: whatever was announced meanwhile was missed.
		l.resyncs.Add(1)
		l.bus.Publish(NewResync())
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true, err
		}
		evs, err := Decode(n.Payload)
		if err != nil {
			l.log.Warn("events: ignoring a notification", "error", err)
			continue
		}
		l.received.Add(int64(len(evs)))
		l.bus.Publish(evs...)
	}
}
