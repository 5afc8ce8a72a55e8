package auth

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alexedwards/argon2id"
	"golang.org/x/sync/semaphore"

	"jixiao/inputerr"
)

// Params are the argon2id parameters of new hashes: OWASP's recommended minimum
// (19 MiB, two passes, one lane). Existing hashes carry their own parameters and
// still verify.
var Params = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// MaxHashes bounds how many argon2id hashes run at once in this process: each
// holds Params.Memory, so the bound is what caps the memory of a sign-in flood.
var MaxHashes = runtime.NumCPU()

// hashWait is how long a sign-in waits for a free hashing slot before it is
// answered TOO_MANY_REQUESTS.
const hashWait = 3 * time.Second

var (
	slots            = semaphore.NewWeighted(int64(MaxHashes))
	running, highest atomic.Int64
)

// PeakHashes is the most hashes that ever ran at once in this process.
func PeakHashes() int { return int(highest.Load()) }

// hashing runs f, which hashes once, when a slot is free; it waits at most
// hashWait (or until ctx ends) and then refuses with ErrBusy.
func hashing[T any](ctx context.Context, f func() (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, hashWait)
	defer cancel()
	if err := slots.Acquire(ctx, 1); err != nil {
		var zero T
		return zero, ErrBusy
	}
	defer slots.Release(1)
	n := running.Add(1)
	defer running.Add(-1)
	for peak := highest.Load(); n > peak && !highest.CompareAndSwap(peak, n); peak = highest.Load() {
	}
	return f()
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
