package auth

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao/platform/access"
	"jixiao/platform/store"
)

func TestDelay(t *testing.T) {
	tests := []struct {
		failures, free int
		want           time.Duration
	}{
		{0, 5, 0},
		{4, 5, 0},
		{5, 5, time.Minute},
		{6, 5, 2 * time.Minute},
		{8, 5, 8 * time.Minute},
		{9, 5, 15 * time.Minute},
		{1000, 5, 15 * time.Minute},
		{20, 20, time.Minute},
	}
	for _, tt := range tests {
		if got := delay(tt.failures, tt.free); got != tt.want {
			t.Errorf("delay(%d, %d) = %v, want %v", tt.failures, tt.free, got, tt.want)
		}
	}
}

// testThrottle is a throttle over a fresh SQLite file, on a clock the test moves.
func testThrottle(t *testing.T) (*throttle, *time.Time) {
	t.Helper()
	client, err := store.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	clock := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	th := newThrottle(client, slog.New(slog.DiscardHandler))
	th.now = func() time.Time { return clock }
	return th, &clock
}

// TestThrottleDelays: the allowance, then delays that double, and a success that
// starts the client's bucket afresh.
func TestThrottleDelays(t *testing.T) {
	th, clock := testThrottle(t)
	ctx := access.System(context.Background(), "test")
	b := pairBucket("editor", "10.0.0.1")
	steps := []struct {
		wait time.Duration
		want bool
	}{
		{0, true}, {0, true}, {0, true}, {0, true}, {0, true}, // five free
		{0, false}, {59 * time.Second, false}, {time.Second, true}, // then a minute
		{time.Minute, false}, {time.Minute, true}, // then two
		{3 * time.Minute, false}, {time.Minute, true}, // then four
	}
	for i, s := range steps {
		*clock = clock.Add(s.wait)
		if got, err := th.charge(ctx, b); err != nil || got != s.want {
			t.Fatalf("step %d: charged %v (%v), want %v", i+1, got, err, s.want)
		}
	}
	if err := th.reset(ctx, b); err != nil {
		t.Fatal(err)
	}
	if ok, err := th.charge(ctx, b); !ok || err != nil {
		t.Errorf("after a success: %v, %v", ok, err)
	}
}

// TestThrottleParallel: of many parallel attempts on one bucket exactly its
// allowance is charged; refunds give the failures back.
func TestThrottleParallel(t *testing.T) {
	th, _ := testThrottle(t)
	ctx := access.System(context.Background(), "test")
	b := accountBucket("admin")
	var charged atomic.Int64
	var wg sync.WaitGroup
	for range 60 {
		wg.Go(func() {
			ok, err := th.charge(ctx, b)
			if err != nil {
				t.Error(err)
			}
			if ok {
				charged.Add(1)
			}
		})
	}
	wg.Wait()
	if charged.Load() != accountFree {
		t.Errorf("%d of 60 parallel attempts charged, want %d", charged.Load(), accountFree)
	}
	th.refund(ctx, b)
	if ok, err := th.charge(ctx, b); !ok || err != nil {
		t.Errorf("after a refund below the allowance: %v, %v", ok, err)
	}
}

func TestNetwork(t *testing.T) {
	for _, tt := range []struct{ addr, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::ffff:203.0.113.7", "::ffff:203.0.113.7"},
		{"unknown", "unknown"},
	} {
		if got := network(tt.addr); got != tt.want {
			t.Errorf("network(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	if addressBucket("2001:db8:1:2::1").key != addressBucket("2001:db8:1:2::ffff").key {
		t.Error("two addresses of one /64 count apart")
	}
}
