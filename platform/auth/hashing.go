package auth

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alexedwards/argon2id"
	"golang.org/x/sync/semaphore"

	"jixiao/platform/inputerr"
)

// Params are the argon2id parameters of new hashes: OWASP's recommended minimum
// (19 MiB, two passes, one lane). Existing hashes carry their own parameters and
// still verify.
var Params = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// MaxHashes bounds how many argon2id hashes run at once in this process: each
// holds Params.Memory, so the bound is what caps the memory of a sign-in flood.
var MaxHashes = runtime.NumCPU()

// HashWait is how long a sign-in waits for a free slot before it is answered
// TOO_MANY_REQUESTS. Tests that count answers lengthen it.
var HashWait = 3 * time.Second

var (
	slots = semaphore.NewWeighted(int64(MaxHashes))
	// signIns bounds whole sign-ins (their throttling reads and writes as well as
	// the hash), so that a flood of them cannot take every database connection.
	signIns                           = semaphore.NewWeighted(int64(8 * MaxHashes))
	running, waiting, highest, hashes atomic.Int64
)

// PeakHashes is the most hashes that ever ran at once in this process.
func PeakHashes() int { return int(highest.Load()) }

// Hashes is how many hashes this process ran: each checked sign-in runs one,
// whether the username is known or not.
func Hashes() int { return int(hashes.Load()) }

// HashQueue is how many hashes run now and how many wait for a slot, in this
// process (the operators' metrics read it).
func HashQueue() (int, int) { return int(running.Load()), int(waiting.Load()) }

// admitted runs a sign-in when one of the signIns slots is free within HashWait.
func admitted[T any](ctx context.Context, f func() (T, error)) (T, error) {
	return bounded(ctx, signIns, nil, f)
}

// bounded runs f once it holds one of sem's slots, counting itself in waiting
// (when not nil) meanwhile.
func bounded[T any](ctx context.Context, sem *semaphore.Weighted, waiting *atomic.Int64, f func() (T, error)) (T, error) {
	wait, cancel := context.WithTimeout(ctx, HashWait)
	defer cancel()
	if waiting != nil {
		waiting.Add(1)
	}
	err := sem.Acquire(wait, 1)
	if waiting != nil {
		waiting.Add(-1)
	}
	if err != nil {
		var zero T
		return zero, ErrBusy
	}
	defer sem.Release(1)
	return f()
}

// hashing runs f, which hashes once, when a slot is free; it waits at most
// HashWait (or until ctx ends) and then refuses with ErrBusy.
func hashing[T any](ctx context.Context, f func() (T, error)) (T, error) {
	return bounded(ctx, slots, &waiting, func() (T, error) {
		n := running.Add(1)
		defer running.Add(-1)
		hashes.Add(1)
		for peak := highest.Load(); n > peak && !highest.CompareAndSwap(peak, n); peak = highest.Load() {
		}
		return f()
	})
}

// HashPassword returns the argon2id hash of password, refusing short ones.
func HashPassword(ctx context.Context, password string) (string, error) {
	if len([]rune(password)) < MinPasswordLength {
		return "", inputerr.New("password", "must have at least %d characters", MinPasswordLength)
	}
	return hashing(ctx, func() (string, error) { return argon2id.CreateHash(password, Params) })
}

// matches compares password with hash (the dummy one when hash is ""), in a slot.
// An unknown user costs the same one hash a known one does, so timing tells no names.
func matches(ctx context.Context, password, hash string) (bool, error) {
	return hashing(ctx, func() (bool, error) {
		if hash == "" {
			hash = dummyHash()
		}
		ok, err := argon2id.ComparePasswordAndHash(password, hash)
		return ok && err == nil, nil
	})
}

// dummyHash is compared against when the username is unknown; it is made with
// Params, once, inside the first slot that needs it.
var dummyHash = sync.OnceValue(func() string {
	h, err := argon2id.CreateHash("not a password of anybody", Params)
	if err != nil {
		panic(err) // only crypto/rand can fail here
	}
	return h
})
