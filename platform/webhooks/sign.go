// Package webhooks tells integrations of committed changes: the deliveries a
// change makes for the webhooks whose filters accept it (written in the change's
// own transaction, Enqueue), and the dispatcher that claims, signs, sends and
// retries them (Dispatcher), on every server at once without sending one twice.
package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The headers of a delivery.
const (
	// SignatureHeader is "sha256=" and the hex HMAC-SHA256, keyed with the
	// webhook's secret, of the timestamp header's value, a full stop, and the body.
	SignatureHeader = "X-Jixiao-Signature"
	// TimestampHeader is when the attempt was made, in Unix seconds: a receiver
	// refuses one too old (a replayed request), and the signature covers it.
	TimestampHeader = "X-Jixiao-Timestamp"
	// DeliveryHeader is the delivery's id, the same on every attempt: a receiver
	// that has seen it already has the event (a retry after a lost answer).
	DeliveryHeader = "X-Jixiao-Delivery"
	// EventHeader is the event's id.
	EventHeader = "X-Jixiao-Event"
)

// Sign is the signature header's value of body sent at timestamp (Unix seconds).
func Sign(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("webhooks: the signature does not match")
	ErrStale        = errors.New("webhooks: the timestamp is too far from now")
)

// Verify checks a delivery as a receiver would: the signature header's value
// against body and the timestamp header's value, and that the timestamp lies
// within tolerance of now. Receivers in Go may call it; README shows the same
// check in a few lines of other languages.
func Verify(secret, signature, timestamp string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("webhooks: the timestamp %q is not Unix seconds", timestamp)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	want := Sign(secret, ts, body)
	if !strings.HasPrefix(signature, "sha256=") || !hmac.Equal([]byte(signature), []byte(want)) {
		return ErrBadSignature
	}
	return nil
}
