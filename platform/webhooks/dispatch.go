package webhooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"jixiao/ent"
	"jixiao/ent/privacy"
	"jixiao/ent/webhookdelivery"
	"jixiao/platform/events"
)

// Options tune a Dispatcher; the zero value takes the defaults.
type Options struct {
	// Backoff is the wait before the first retry; each further retry waits twice
	// as long as the one before, up to MaxBackoff. Default 30 s.
	Backoff time.Duration
	// MaxBackoff caps the wait between two attempts. Default 1 h.
	MaxBackoff time.Duration
	// Attempts is how many attempts a delivery gets before it is FAILED. Default 8
	// (with the default backoff: retried over about an hour).
	Attempts int
	// Timeout bounds one attempt: connecting, sending and the answer. Default 10 s.
	Timeout time.Duration
	// Workers is how many deliveries one server sends at once. Default 4.
	Workers int
	// Keep is how long delivered and failed deliveries stay in the log. Default 30 days.
	Keep time.Duration
	// Guard decides the addresses deliveries may connect to; nil: the loopback,
	// link-local, unspecified and multicast ranges are refused (Guard).
	Guard *Guard
	// Client sends the requests; nil: Guard's, which follows no redirect and
	// checks every connection's address. A client given here is not guarded.
	Client *http.Client
}

func (o Options) withDefaults() Options {
	if o.Backoff <= 0 {
		o.Backoff = 30 * time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = time.Hour
	}
	if o.MaxBackoff < o.Backoff {
		o.MaxBackoff = o.Backoff
	}
	if o.Attempts <= 0 {
		o.Attempts = 8
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Keep <= 0 {
		o.Keep = 30 * 24 * time.Hour
	}
	if o.Guard == nil {
		o.Guard = &Guard{}
	}
	if o.Client == nil {
		o.Client = o.Guard.Client()
	}
	return o
}

// Delay is the wait after a delivery's attempt number attempt (1 for the
// first) failed: Backoff, doubled for each attempt after the first, at most
// MaxBackoff.
func (o Options) Delay(attempt int) time.Duration {
	o = o.withDefaults()
	d := o.Backoff
	for i := 1; i < attempt && d < o.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, o.MaxBackoff)
}

// Dispatcher sends the pending deliveries of the database, on every server at
// once. A delivery is claimed before it is sent, by an UPDATE that only the
// first of several servers can win (its status and attempt count are part of
// the WHERE), and holds a lease while it is sent: a server that stops mid-send
// leaves it to be claimed again once the lease ends. So a delivery is sent once
// per attempt; a receiver sees it again only when the attempt's answer was
// lost, and tells a repeat by its X-Jixiao-Delivery header.
type Dispatcher struct {
	client *ent.Client
	bus    *events.Bus
	log    *slog.Logger
	opts   Options

	wake chan struct{}
	sem  chan struct{}
	wg   sync.WaitGroup

	delivered, retried, failed atomic.Int64
}

// NewDispatcher returns a dispatcher over client's deliveries, woken by the
// events of bus (a change may have made deliveries); Run starts it.
func NewDispatcher(client *ent.Client, bus *events.Bus, log *slog.Logger, opts Options) *Dispatcher {
	opts = opts.withDefaults()
	return &Dispatcher{client: client, bus: bus, log: log, opts: opts,
		wake: make(chan struct{}, 1), sem: make(chan struct{}, opts.Workers)}
}

// Guard is the guard of the deliveries' connections, for the webhooks' mutations
// to check a URL by.
func (d *Dispatcher) Guard() *Guard { return d.opts.Guard }

// Delivered, Retried and Failed count this server's attempts: answered 2xx,
// failed and to be tried again, failed for the last time.
func (d *Dispatcher) Delivered() int64 { return d.delivered.Load() }
func (d *Dispatcher) Retried() int64   { return d.retried.Load() }
func (d *Dispatcher) Failed() int64    { return d.failed.Load() }

// Wake makes the dispatcher look for due deliveries now.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// poll is the longest the dispatcher sleeps without looking: it wakes for each
// event, and for the next retry it knows of, but a retry another server
// scheduled, or an event it missed, is found by looking.
const poll = 30 * time.Second

// Run sends deliveries until ctx ends, then waits for the attempts under way.
func (d *Dispatcher) Run(ctx context.Context) {
	defer d.wg.Wait()
	go d.listen(ctx)
	var pruned time.Time
	for {
		if time.Since(pruned) > time.Hour {
			d.prune(ctx)
			pruned = time.Now()
		}
		next := d.sendDue(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := poll
		if !next.IsZero() {
			wait = max(0, min(wait, time.Until(next)))
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-d.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// listen wakes the dispatcher for every event the bus publishes.
func (d *Dispatcher) listen(ctx context.Context) {
	for ctx.Err() == nil {
		sub := d.bus.Subscribe(64, nil)
		func() {
			defer sub.Close()
			for {
				select {
				case <-ctx.Done():
					return
				case _, ok := <-sub.Events():
					if !ok {
						return // dropped for falling behind, or the bus closed
					}
					d.Wake()
				}
			}
		}()
		if !sub.Dropped() {
			return // the bus closed: the server is shutting down
		}
		d.Wake()
	}
}

// claimBatch is how many deliveries one look claims at most.
const claimBatch = 20

// sendDue claims the deliveries that are due and sends them, until none is
// left, and returns when the next pending one falls due (zero: none pending).
func (d *Dispatcher) sendDue(ctx context.Context) time.Time {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	for ctx.Err() == nil {
		now := time.Now()
		due, err := d.client.WebhookDelivery.Query().Where(webhookdelivery.Or(
			webhookdelivery.And(webhookdelivery.StatusEQ(webhookdelivery.StatusPENDING), webhookdelivery.NextAttemptAtLTE(now)),
			webhookdelivery.And(webhookdelivery.StatusEQ(webhookdelivery.StatusSENDING), webhookdelivery.LeaseUntilLT(now)),
		)).Order(ent.Asc(webhookdelivery.FieldNextAttemptAt), ent.Asc(webhookdelivery.FieldID)).Limit(claimBatch).All(sys)
		if err != nil {
			d.logError(ctx, "webhooks: looking for due deliveries", err)
			return time.Now().Add(poll)
		}
		claimed := 0
		for _, del := range due {
			// A worker first, then the claim: a claimed delivery never waits for a
			// worker while its lease runs out.
			select {
			case d.sem <- struct{}{}:
			case <-ctx.Done():
				return time.Time{}
			}
			if !d.claim(sys, del, now) {
				<-d.sem
				continue
			}
			claimed++
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				defer func() { <-d.sem }()
				d.attempt(sys, del)
			}()
		}
		if len(due) < claimBatch || claimed == 0 {
			break // all due are under way, or others won them: look again when woken
		}
	}
	next, err := d.client.WebhookDelivery.Query().Where(webhookdelivery.StatusEQ(webhookdelivery.StatusPENDING)).
		Order(ent.Asc(webhookdelivery.FieldNextAttemptAt)).First(sys)
	if err != nil || next.NextAttemptAt == nil {
		if err != nil && !ent.IsNotFound(err) {
			d.logError(ctx, "webhooks: looking for the next delivery", err)
		}
		return time.Time{}
	}
	return *next.NextAttemptAt
}

// claim makes del this server's to send, if no other server made it theirs
// first: del as it was read is part of the UPDATE's WHERE.
func (d *Dispatcher) claim(ctx context.Context, del *ent.WebhookDelivery, now time.Time) bool {
	n, err := d.client.WebhookDelivery.Update().
		Where(webhookdelivery.ID(del.ID), webhookdelivery.StatusEQ(del.Status), webhookdelivery.Attempts(del.Attempts)).
		SetStatus(webhookdelivery.StatusSENDING).SetAttempts(del.Attempts + 1).SetLastAttemptAt(now).
		SetLeaseUntil(now.Add(d.opts.Timeout + 30*time.Second)).
		Save(ctx)
	if err != nil {
		d.logError(ctx, "webhooks: claiming a delivery", err, "delivery", del.ID)
		return false
	}
	if n != 1 {
		return false
	}
	del.Status, del.Attempts = webhookdelivery.StatusSENDING, del.Attempts+1
	return true
}

// attempt sends a claimed delivery once and records the outcome.
func (d *Dispatcher) attempt(ctx context.Context, del *ent.WebhookDelivery) {
	w, err := d.client.Webhook.Get(ctx, del.WebhookID)
	var code int
	switch {
	case err != nil:
		// The webhook is gone (deleted with its log in the meantime): nothing to record.
		if !ent.IsNotFound(err) {
			d.logError(ctx, "webhooks: reading a delivery's webhook", err, "delivery", del.ID)
		}
		return
	case !w.Active:
		err = errors.New("the webhook is inactive")
	default:
		code, err = d.send(ctx, w, del)
	}
	now := time.Now()
	upd := d.client.WebhookDelivery.Update().
		Where(webhookdelivery.ID(del.ID), webhookdelivery.StatusEQ(webhookdelivery.StatusSENDING), webhookdelivery.Attempts(del.Attempts)).
		ClearLeaseUntil()
	if code != 0 {
		upd.SetResponseCode(code)
	} else {
		upd.ClearResponseCode()
	}
	switch {
	case err == nil:
		d.delivered.Add(1)
		upd.SetStatus(webhookdelivery.StatusDELIVERED).SetDeliveredAt(now).SetError("").ClearNextAttemptAt()
	case del.Attempts >= d.opts.Attempts || (w != nil && !w.Active):
		d.failed.Add(1)
		upd.SetStatus(webhookdelivery.StatusFAILED).SetError(errorText(err)).ClearNextAttemptAt()
	default:
		d.retried.Add(1)
		upd.SetStatus(webhookdelivery.StatusPENDING).SetError(errorText(err)).SetNextAttemptAt(now.Add(d.opts.Delay(del.Attempts)))
	}
	// The outcome must be kept, or the delivery would be sent again once its
	// lease ends: a write the database refused for a moment is tried again.
	for try := 1; ; try++ {
		_, serr := upd.Save(ctx)
		if serr == nil {
			break
		}
		if try == 3 || ctx.Err() != nil {
			d.logError(ctx, "webhooks: recording an attempt", serr, "delivery", del.ID)
			break
		}
		time.Sleep(time.Duration(try) * 100 * time.Millisecond)
	}
	if err != nil {
		d.log.InfoContext(ctx, "webhook delivery failed", "delivery", del.ID, "webhook", w.ID, "attempt", del.Attempts, "error", errorText(err))
	}
	d.Wake() // a retry may now be the next due
}

// send POSTs the delivery, signed, and returns the answer's status; an error
// unless it is 2xx.
func (d *Dispatcher) send(ctx context.Context, w *ent.Webhook, del *ent.WebhookDelivery) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, d.opts.Timeout)
	defer cancel()
	body := []byte(del.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Jixiao-Webhooks/1")
	req.Header.Set(TimestampHeader, strconv.FormatInt(ts, 10))
	req.Header.Set(SignatureHeader, Sign(w.Secret, ts, body))
	req.Header.Set(DeliveryHeader, strconv.Itoa(del.ID))
	req.Header.Set(EventHeader, del.EventID)
	resp, err := d.opts.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// prune forgets delivered and failed deliveries older than Keep.
func (d *Dispatcher) prune(ctx context.Context) {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	n, err := d.client.WebhookDelivery.Delete().Where(
		webhookdelivery.StatusIn(webhookdelivery.StatusDELIVERED, webhookdelivery.StatusFAILED),
		webhookdelivery.CreatedAtLT(time.Now().Add(-d.opts.Keep)),
	).Exec(sys)
	if err != nil {
		d.logError(ctx, "webhooks: pruning the delivery log", err)
		return
	}
	if n > 0 {
		d.log.InfoContext(ctx, "webhooks: pruned the delivery log", "deliveries", n)
	}
}

func (d *Dispatcher) logError(ctx context.Context, msg string, err error, args ...any) {
	if ctx.Err() != nil {
		return // shutting down
	}
	d.log.ErrorContext(ctx, msg, append([]any{"error", err}, args...)...)
}

// errorText is err for the log, at most 500 bytes.
func errorText(err error) string {
	s := err.Error()
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "")
	}
	return s
}
