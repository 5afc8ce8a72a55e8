// Package admission lets at most a fixed number of requests run at once and makes
// the others wait their turn in arrival order.
//
// database/sql hands a connection that comes free to a random waiting request, so
// under saturation a request may lose that draw many times over: with 100 clients
// on the 8 SQLite connections the p99 of a one-row read was 4× its median. Waiting
// here instead, in order, each request gets its connection after those that came
// before it.
package admission

import (
	"container/list"
	"context"
	"net/http"
	"sync"
)

// Gate admits at most its size of requests at a time, first come first served.
// (golang.org/x/sync/semaphore queues in order too, but cannot say who waits,
// which the tests of the order need.)
type Gate struct {
	size  int
	mu    sync.Mutex
	free  int
	queue list.List // of chan struct{}, closed when its waiter is admitted
}

// New returns a gate of n slots; n < 1 gives nil, a gate that admits everyone.
func New(n int) *Gate {
	if n < 1 {
		return nil
	}
	return &Gate{size: n, free: n}
}

// Enter waits for a slot, in arrival order, until ctx ends; the caller calls the
// returned function when done.
func (g *Gate) Enter(ctx context.Context) (leave func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	g.mu.Lock()
	if g.free > 0 && g.queue.Len() == 0 {
		g.free--
		g.mu.Unlock()
		return g.leave, nil
	}
	ready := make(chan struct{})
	e := g.queue.PushBack(ready)
	g.mu.Unlock()
	select {
	case <-ready:
		return g.leave, nil
	case <-ctx.Done():
		g.mu.Lock()
		select {
		case <-ready: // admitted as it gave up: the slot goes to the next
			g.mu.Unlock()
			g.leave()
		default:
			g.queue.Remove(e)
			g.mu.Unlock()
		}
		return nil, ctx.Err()
	}
}

// Size is how many requests may run at once.
func (g *Gate) Size() int { return g.size }

// leave gives the slot to the first waiter, or frees it.
func (g *Gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if first := g.queue.Front(); first != nil {
		close(g.queue.Remove(first).(chan struct{}))
		return
	}
	g.free++
}

// Waiting is how many requests wait now.
func (g *Gate) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.queue.Len()
}

// Handler runs next through the gate, except the requests bypass tells (long-lived
// ones such as a websocket, which would hold a slot for as long as it stays). A
// request whose deadline passes while it waits is answered 503.
func (g *Gate) Handler(bypass func(*http.Request) bool, next http.Handler) http.Handler {
	if g == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bypass != nil && bypass(r) {
			next.ServeHTTP(w, r)
			return
		}
		leave, err := g.Enter(r.Context())
		if err != nil {
			http.Error(w, "the server is busy: try again", http.StatusServiceUnavailable)
			return
		}
		defer leave()
		next.ServeHTTP(w, r)
	})
}
