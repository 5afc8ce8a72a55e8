package events

import (
	"sync"
	"sync/atomic"
)

// Bus fans events out to the subscribers of one process. Publishing never
// blocks: each subscriber has a bounded buffer, and one whose buffer is full is
// dropped (its channel closed, Dropped true) rather than waited for.
type Bus struct {
	mu     sync.RWMutex
	subs   map[*Subscription]struct{}
	closed bool

	published atomic.Int64 // events published
	dropped   atomic.Int64 // subscribers dropped for falling behind
}

// NewBus returns an empty bus.
func NewBus() *Bus { return &Bus{subs: map[*Subscription]struct{}{}} }

// Subscription is one subscriber's stream of the events its filter accepts.
type Subscription struct {
	bus    *Bus
	filter func(Event) bool

	mu      sync.Mutex // guards sending on and closing ch
	ch      chan Event
	closed  bool
	dropped bool
}

// Subscribe returns a subscription to the events filter accepts (nil: every
// event), buffering at most buffer of them (at least 1). The filter runs in the
// publisher's goroutine: it must be quick and must not block. Close it when done.
func (b *Bus) Subscribe(buffer int, filter func(Event) bool) *Subscription {
	if buffer < 1 {
		buffer = 1
	}
	s := &Subscription{bus: b, filter: filter, ch: make(chan Event, buffer)}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		s.closed = true
		close(s.ch)
		return s
	}
	b.subs[s] = struct{}{}
	return s
}

// Events is the subscription's stream. It is closed by Close, when the
// subscriber fell behind (Dropped), or when the bus closes.
func (s *Subscription) Events() <-chan Event { return s.ch }

// Dropped reports whether the subscription was ended for falling behind.
func (s *Subscription) Dropped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropped
}

// Close ends the subscription; closing it again does nothing.
func (s *Subscription) Close() {
	s.bus.mu.Lock()
	delete(s.bus.subs, s)
	s.bus.mu.Unlock()
	s.end(false)
}

func (s *Subscription) end(dropped bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed, s.dropped = true, dropped
		close(s.ch)
	}
}

// offer hands e to the subscriber unless its buffer is full, in which case it
// is dropped; it reports whether it dropped it now.
func (s *Subscription) offer(e Event) (dropped bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	select {
	case s.ch <- e:
		return false
	default:
		s.closed, s.dropped = true, true
		close(s.ch)
		return true
	}
}

// Publish hands each event to every subscriber whose filter accepts it, and a
// resync signal (Event.Resync) to every subscriber.
func (b *Bus) Publish(evs ...Event) {
	if len(evs) == 0 {
		return
	}
	b.published.Add(int64(len(evs)))
	b.mu.RLock()
	defer b.mu.RUnlock()
	for s := range b.subs {
		for _, e := range evs {
			if s.filter != nil && !e.Resync && !s.filter(e) {
				continue
			}
			if s.offer(e) {
				b.dropped.Add(1)
				break
			}
		}
	}
}

// Subscribers is how many subscriptions are open.
func (b *Bus) Subscribers() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	n := 0
	for s := range b.subs {
		s.mu.Lock()
		if !s.closed {
			n++
		}
		s.mu.Unlock()
	}
	return n
}

// Published is how many events the bus has published.
func (b *Bus) Published() int64 { return b.published.Load() }

// DroppedSubscribers is how many subscribers were dropped for falling behind.
func (b *Bus) DroppedSubscribers() int64 { return b.dropped.Load() }

// Close ends every subscription and refuses new ones (they start closed): the
// server is shutting down.
func (b *Bus) Close() {
	b.mu.Lock()
	subs := b.subs
	b.subs, b.closed = map[*Subscription]struct{}{}, true
	b.mu.Unlock()
	for s := range subs {
		s.end(false)
	}
}
