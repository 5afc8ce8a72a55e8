package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
)

func TestFailureReasons(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{ErrBadCredentials, FailedCredentials},
		{fmt.Errorf("login: %w", ErrBadCredentials), FailedCredentials},
		{ErrTooManyAttempts, FailedThrottled},
		{ErrBusy, FailedBusy},
		{context.Canceled, FailedError},
		{errors.New("database is locked"), FailedError},
	}
	for _, tt := range tests {
		if got := failure(tt.err); got != tt.want {
			t.Errorf("failure(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

type reasons []string

func (r *reasons) SignInFailed(reason string) { *r = append(*r, reason) }

// WithObserver leaves the service it copies as it was.
func TestWithObserver(t *testing.T) {
	var seen reasons
	plain := &Service{}
	observed := plain.WithObserver(&seen)
	plain.observe(ErrBadCredentials)
	observed.observe(nil)
	observed.observe(ErrBusy)
	if len(seen) != 1 || seen[0] != FailedBusy {
		t.Errorf("observed %v, want [busy] alone", seen)
	}
}

// TestHashQueue holds every hashing slot, and requires a hash that comes then to
// be counted as waiting until a slot frees, and as running while it runs.
func TestHashQueue(t *testing.T) {
	ctx := context.Background()
	if err := slots.Acquire(ctx, int64(MaxHashes)); err != nil {
		t.Fatal(err)
	}
	inside := make(chan [2]int)
	done := make(chan error)
	go func() {
		_, err := hashing(ctx, func() (int, error) {
			r, w := HashQueue()
			inside <- [2]int{r, w}
			return 0, nil
		})
		done <- err
	}()
	for _, w := HashQueue(); w != 1; _, w = HashQueue() { // until the hash waits
		select {
		case err := <-done:
			t.Fatalf("the hash never waited: %v", err)
		default:
			runtime.Gosched()
		}
	}
	slots.Release(int64(MaxHashes))
	if got := <-inside; got != [2]int{1, 0} {
		t.Errorf("while hashing: running %d, waiting %d; want 1, 0", got[0], got[1])
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if r, w := HashQueue(); r != 0 || w != 0 {
		t.Errorf("after: running %d, waiting %d", r, w)
	}
}
