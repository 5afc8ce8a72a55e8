package auth

import "errors"

// Why a sign-in failed, as Observer is told.
const (
	FailedCredentials = "credentials" // a wrong password, an unknown or a disabled user: one answer for all
	FailedThrottled   = "throttled"   // refused without checking: too many recent failures (throttle.go)
	FailedBusy        = "busy"        // no hashing slot in time (hashing.go)
	FailedError       = "error"       // the database failed, or the caller went away
)

// FailureReasons are every reason Observer may be told.
var FailureReasons = []string{FailedCredentials, FailedThrottled, FailedBusy, FailedError}

// Observer is told of each failed sign-in, for the operators' metrics
// (platform/metrics). It must be cheap and safe for concurrent use.
type Observer interface {
	SignInFailed(reason string)
}

// WithObserver returns a copy of s that tells o of failed sign-ins; the copy
// shares s's throttle.
func (s *Service) WithObserver(o Observer) *Service {
	c := *s
	c.observer = o
	return &c
}

// observe tells the observer, if any, why a sign-in failed.
func (s *Service) observe(err error) {
	if err == nil || s.observer == nil {
		return
	}
	s.observer.SignInFailed(failure(err))
}

func failure(err error) string {
	switch {
	case errors.Is(err, ErrBadCredentials):
		return FailedCredentials
	case errors.Is(err, ErrBusy): // before ErrTooManyAttempts, which it wraps
		return FailedBusy
	case errors.Is(err, ErrTooManyAttempts):
		return FailedThrottled
	}
	return FailedError
}
