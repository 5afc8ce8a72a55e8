package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter counts failed sign-ins per address: a burst of them, then one more per
// interval. It lives in one server's memory; the per-account lock, in the
// database, holds across servers.
type limiter struct {
	mu      sync.Mutex
	burst   int
	every   time.Duration
	buckets map[string]*rate.Limiter
}

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: burst, every: every, buckets: map[string]*rate.Limiter{}}
}

func (l *limiter) bucket(addr string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	if !ok {
		if len(l.buckets) > 100_000 { // forget everybody rather than grow without end
			l.buckets = map[string]*rate.Limiter{}
		}
		b = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.buckets[addr] = b
	}
	return b
}

// ready reports whether addr may try to sign in now.
func (l *limiter) ready(addr string) bool { return l.bucket(addr).Tokens() >= 1 }

// fail counts a failed attempt from addr.
func (l *limiter) fail(addr string) { l.bucket(addr).Allow() }
