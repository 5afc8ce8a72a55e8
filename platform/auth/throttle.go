package auth

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
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
//   - an address, across the accounts it tries from untrusted clients: 10; an
//     IPv6 address counts with its /64, which one subscriber usually holds whole.
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

func addressBucket(addr string) bucket {
	return bucket{Digest("address\x00" + network(addr)), addressFree}
}

// network is what an address bucket counts: an IPv4 address itself, an IPv6
// address's /64 (a host picks any address in its /64 at will, so counting single
// addresses would give one attacker 2^64 fresh buckets).
func network(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() || a.Is4In6() {
		return addr
	}
	return netip.PrefixFrom(a.WithZone(""), 64).Masked().String()
}

func pairBucket(account, addr string) bucket {
	return bucket{Digest("pair\x00" + account + "\x00" + addr), clientFree}
}

func deviceBucket(account, secret string) bucket {
	return bucket{Digest("device\x00" + account + "\x00" + secret), clientFree}
}

// throttle keeps the buckets in the database, shared by every API server.
type throttle struct {
	client *ent.Client
	log    *slog.Logger
	now    func() time.Time
	swept  atomic.Int64 // unix seconds of the last sweep of old buckets
}

func newThrottle(client *ent.Client, log *slog.Logger) *throttle {
	return &throttle{client: client, log: log, now: time.Now}
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
				Where(signinthrottle.Key(dev.key), signinthrottle.TrustedUntilGT(t.now())).Exist(ctx)
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

// charge adds one failure to b unless b is refusing attempts. It runs in a
// transaction whose first statement, UPDATE … SET failures = failures + 1, locks
// the row: parallel attempts are counted one after the other, and each is decided
// on the count it made, never on a stale one.
func (t *throttle) charge(ctx context.Context, b bucket) (bool, error) {
	for range 2 { // a second time when a parallel attempt created the row first
		ok, err := t.inTx(ctx, func(tx *ent.Tx) (bool, error) { return chargeIn(ctx, tx, b, t.now()) })
		if !ent.IsConstraintError(err) {
			return ok, err
		}
	}
	return false, nil
}

func chargeIn(ctx context.Context, tx *ent.Tx, b bucket, now time.Time) (bool, error) {
	open := signinthrottle.Or(signinthrottle.BlockedUntilIsNil(), signinthrottle.BlockedUntilLTE(now))
	n, err := tx.SignInThrottle.Update().Where(signinthrottle.Key(b.key), open).AddFailures(1).Save(ctx)
	if err != nil {
		return false, err
	}
	if n == 0 {
		exists, err := tx.SignInThrottle.Query().Where(signinthrottle.Key(b.key)).Exist(ctx)
		if err != nil || exists {
			return false, err // blocked
		}
		err = tx.SignInThrottle.Create().SetKey(b.key).SetFailures(1).
			SetNillableBlockedUntil(blockedUntil(now, 1, b.free)).Exec(ctx)
		return err == nil, err
	}
	row, err := tx.SignInThrottle.Query().Where(signinthrottle.Key(b.key)).Only(ctx)
	if err != nil {
		return false, err
	}
	if until := blockedUntil(now, row.Failures, b.free); until != nil {
		err = tx.SignInThrottle.UpdateOne(row).SetBlockedUntil(*until).Exec(ctx)
	}
	return err == nil, err
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
		_, err := t.inTx(ctx, func(tx *ent.Tx) (bool, error) {
			n, err := tx.SignInThrottle.Update().Where(signinthrottle.Key(b.key), signinthrottle.FailuresGT(0)).
				AddFailures(-1).Save(ctx)
			if err != nil || n == 0 {
				return false, err
			}
			return true, tx.SignInThrottle.Update().
				Where(signinthrottle.Key(b.key), signinthrottle.FailuresLT(b.free)).ClearBlockedUntil().Exec(ctx)
		})
		if err != nil {
			t.log.WarnContext(ctx, "giving back a sign-in failure", "error", err)
		}
	}
}

// inTx runs f in a transaction of its own.
func (t *throttle) inTx(ctx context.Context, f func(*ent.Tx) (bool, error)) (bool, error) {
	tx, err := t.client.Tx(ctx)
	if err != nil {
		return false, err
	}
	ok, err := f(tx)
	if err != nil {
		_ = tx.Rollback()
		return false, err
	}
	return ok, tx.Commit()
}

// trust makes the device bucket of a successful sign-in trusted (again) and clean.
func (t *throttle) trust(ctx context.Context, dev bucket) error {
	until := t.now().Add(deviceTrust)
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

// sweep, at most hourly per server, forgets buckets nobody touched for a day:
// guessing random names must not grow the table for ever, and old failures expire.
func (t *throttle) sweep(ctx context.Context) error {
	now := t.now()
	last := t.swept.Load()
	if now.Unix()-last < 3600 || !t.swept.CompareAndSwap(last, now.Unix()) {
		return nil
	}
	stale := signinthrottle.UpdatedAtLT(now.Add(-forgetAfter))
	_, err := t.client.SignInThrottle.Delete().Where(stale,
		signinthrottle.Or(signinthrottle.TrustedUntilIsNil(), signinthrottle.TrustedUntilLT(now)),
	).Exec(ctx)
	if err != nil {
		return err
	}
	return t.client.SignInThrottle.Update().Where(stale, signinthrottle.FailuresGT(0)).
		SetFailures(0).ClearBlockedUntil().Exec(ctx)
}
