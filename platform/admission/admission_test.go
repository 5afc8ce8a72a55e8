package admission

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Waiters are admitted in the order they arrived, one per slot that comes free.
func TestArrivalOrder(t *testing.T) {
	g := New(1)
	leave, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	const n = 20
	var (
		mu    sync.Mutex
		order []int
		wg    sync.WaitGroup
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done, err := g.Enter(t.Context())
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			done()
		}()
		waitForWaiters(t, g, i+1) // i+1 are queued, in this order
	}
	leave()
	wg.Wait()
	for i, got := range order {
		if got != i {
			t.Fatalf("admitted in order %v, want 0…%d", order, n-1)
		}
	}
}

// waitForWaiters waits until n requests wait at g: a waiter that has not yet
// queued cannot be told apart from one still on its way, so the test polls.
func waitForWaiters(t *testing.T, g *Gate, n int) {
	t.Helper()
	for g.Waiting() < n {
		time.Sleep(time.Millisecond)
	}
}

func TestCancelledWaiterLeaves(t *testing.T) {
	g := New(1)
	leave, _ := g.Enter(t.Context())
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error)
	go func() {
		_, err := g.Enter(ctx)
		errc <- err
	}()
	waitForWaiters(t, g, 1)
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("a cancelled waiter was admitted")
	}
	leave()
	// The slot is free again: the cancelled waiter took none.
	again, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	again()
}

func TestHandler(t *testing.T) {
	g := New(1)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	bypass := func(r *http.Request) bool { return r.URL.Path == "/ws" }
	h := g.Handler(bypass, ok)
	serve := func(ctx context.Context, path string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodPost, path, nil))
		return rec.Code
	}
	if code := serve(t.Context(), "/query"); code != http.StatusNoContent {
		t.Fatalf("a free gate answered %d", code)
	}
	leave, _ := g.Enter(t.Context()) // the one slot is taken
	defer leave()
	if code := serve(t.Context(), "/ws"); code != http.StatusNoContent {
		t.Errorf("a bypassing request answered %d while the gate was full", code)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if code := serve(ctx, "/query"); code != http.StatusServiceUnavailable {
		t.Errorf("a request whose deadline passed while waiting answered %d, want 503", code)
	}
}

func TestNoGate(t *testing.T) {
	var g *Gate = New(0)
	if g != nil {
		t.Fatal("New(0) made a gate")
	}
	leave, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	leave()
}
