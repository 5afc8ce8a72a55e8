package auth

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"jixiao/ent"
	"jixiao/ent/signinthrottle"
)

// The sign-in policy (README, "Signing in"). Each checked attempt counts as a
// failure, before the password is compared, in every bucket it belongs to; a
// success gives it back. A bucket with `free` failures or more refuses attempts
// for a delay that doubles with each further failure, up to maxDelay:
//
//   - an account from one client (its trusted device, else its address): 5;
//   - an account from clients it does not trust: 20, across all addresses;
//   - an address, across the accounts it tries from untrusted clients: 10.
//
// A browser that signed in as an account becomes a trusted device of it (a
// cookie): only its own bucket applies, so an attacker elsewhere cannot lock the
// person out, and a signed-in session never depends on any of this. Unknown
// usernames have buckets exactly like known ones.
const (
	clientFree  = 5
	accountFree = 20
	addressFree = 10
	firstDelay  = time.Minute
	maxDelay    = 15 * time.Minute
	forgetAfter = 24 * time.Hour      // a bucket untouched this long starts again from nothing
	deviceTrust = 90 * 24 * time.Hour // how long a device stays trusted after a sign-in
	casAttempts = 8                   // compare-and-swap retries before an attempt gives up
	// DeviceCookie marks a browser that signed in before; only its digest is stored.
	DeviceCookie = "jixiao_device"
)

// bucket is one counter an attempt is charged to.
type bucket struct {
	key  string // Digest of what is counted
	free int
}

// delay is how long a bucket with failures refuses attempts after its last one.
func delay(failures, free int) time.Duration {
	if failures < free {
		return 0
	}
	d := firstDelay
	for i := free; i < failures && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

func accountBucket(account string) bucket {
	return bucket{Digest("account\x00" + account), accountFree}
}

func addressBucket(addr string) bucket { return bucket{Digest("address\x00" + addr), addressFree} }

func pairBucket(account, addr string) bucket {
	return bucket{Digest("pair\x00" + account + "\x00" + addr), clientFree}
}

func deviceBucket(account, secret string) bucket {
	return bucket{Digest("device\x00" + account + "\x00" + secret), clientFree}
}

// throttle keeps the buckets in the database, shared by every API server.
type throttle struct {
	client *ent.Client
	swept  atomic.Int64 // unix seconds of the last sweep of old buckets
}

// buckets are what an attempt on account from r is charged to: its trusted
// device's alone, or else the account and address ones; the client's comes first.
func (t *throttle) buckets(ctx context.Context, account string, r *http.Request) ([]bucket, error) {
	addr := "unknown"
	if r != nil {
		addr = clientAddress(r)
		if c, err := r.Cookie(DeviceCookie); err == nil && c.Value != "" {
			dev := deviceBucket(account, c.Value)
			trusted, err := t.client.SignInThrottle.Query().
				Where(signinthrottle.Key(dev.key), signinthrottle.TrustedUntilGT(time.Now())).Exist(ctx)
			if err != nil {
				return nil, err
			}
			if trusted {
				return []bucket{dev}, nil
			}
		}
	}
	return []bucket{pairBucket(account, addr), accountBucket(account), addressBucket(addr)}, nil
}

// reserve charges one failure to every bucket, or to none when one of them is
// refusing attempts; it reports whether the attempt may be checked.
func (t *throttle) reserve(ctx context.Context, bs []bucket) (bool, error) {
	for i, b := range bs {
		ok, err := t.charge(ctx, b)
		if err != nil || !ok {
			t.refund(ctx, bs[:i]...)
			return false, err
		}
	}
	return true, nil
}

// charge adds one failure to b unless b is refusing attempts. The count is only
// ever changed by compare-and-swap, so parallel attempts are each counted and each
// decided on the count they made.
func (t *throttle) charge(ctx context.Context, b bucket) (bool, error) {
	for range casAttempts {
		now := time.Now()
		row, err := t.client.SignInThrottle.Query().Where(signinthrottle.Key(b.key)).Only(ctx)
		if ent.IsNotFound(err) {
			err = t.client.SignInThrottle.Create().SetKey(b.key).SetFailures(1).
				SetNillableBlockedUntil(blockedUntil(now, 1, b.free)).Exec(ctx)
			if ent.IsConstraintError(err) {
				continue // another attempt created it first
			}
			return err == nil, err
		}
		if err != nil {
			return false, err
		}
		if row.BlockedUntil != nil && now.Before(*row.BlockedUntil) {
			return false, nil
		}
		n := row.Failures
		if now.Sub(row.UpdatedAt) > forgetAfter {
			n = 0
		}
		swapped, err := t.client.SignInThrottle.Update().
			Where(signinthrottle.Key(b.key), signinthrottle.Failures(row.Failures)).
			SetFailures(n + 1).SetNillableBlockedUntil(blockedUntil(now, n+1, b.free)).Save(ctx)
		if err != nil || swapped == 1 {
			return swapped == 1, err
		}
	}
	return false, nil // too contended to decide: refuse
}

func blockedUntil(now time.Time, failures, free int) *time.Time {
	if d := delay(failures, free); d > 0 {
		until := now.Add(d)
		return &until
	}
	return nil
}

// refund gives back the failure an attempt was charged, when it turned out not to
// be one (the right password, or a server too busy to check it).
func (t *throttle) refund(ctx context.Context, bs ...bucket) {
	for _, b := range bs {
		for range casAttempts {
			row, err := t.client.SignInThrottle.Query().Where(signinthrottle.Key(b.key)).Only(ctx)
			if err != nil || row.Failures == 0 {
				break
			}
			upd := t.client.SignInThrottle.Update().
				Where(signinthrottle.Key(b.key), signinthrottle.Failures(row.Failures)).SetFailures(row.Failures - 1)
			if row.Failures-1 < b.free {
				upd.ClearBlockedUntil()
			}
			if n, err := upd.Save(ctx); err != nil || n == 1 {
				break
			}
		}
	}
}

// trust makes the device bucket of a successful sign-in trusted (again) and clean.
func (t *throttle) trust(ctx context.Context, dev bucket) error {
	until := time.Now().Add(deviceTrust)
	err := t.client.SignInThrottle.Create().SetKey(dev.key).SetTrustedUntil(until).Exec(ctx)
	if ent.IsConstraintError(err) {
		err = t.client.SignInThrottle.Update().Where(signinthrottle.Key(dev.key)).
			SetFailures(0).ClearBlockedUntil().SetTrustedUntil(until).Exec(ctx)
	}
	return err
}

// reset forgets the failures of a bucket whose owner just signed in.
func (t *throttle) reset(ctx context.Context, b bucket) error {
	return t.client.SignInThrottle.Update().Where(signinthrottle.Key(b.key)).
		SetFailures(0).ClearBlockedUntil().Exec(ctx)
}

// sweep deletes, at most hourly per server, buckets nobody touched for a day and
// no device trust keeps, so that guessing random names does not grow the table for ever.
func (t *throttle) sweep(ctx context.Context) error {
	now := time.Now()
	last := t.swept.Load()
	if now.Unix()-last < 3600 || !t.swept.CompareAndSwap(last, now.Unix()) {
		return nil
	}
	_, err := t.client.SignInThrottle.Delete().Where(
		signinthrottle.UpdatedAtLT(now.Add(-forgetAfter)),
		signinthrottle.Or(signinthrottle.TrustedUntilIsNil(), signinthrottle.TrustedUntilLT(now)),
	).Exec(ctx)
	return err
}
