// Package auth tells who is calling: a browser with a session cookie, an
// integration with an API token, or nobody. It signs users in and out, keeps
// sessions in the database (so several API servers share them), checks the CSRF
// token of cookie-authenticated writes, and slows down password guessing
// (throttle.go) while bounding the memory password hashing takes (hashing.go).
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"jixiao/ent"
	"jixiao/ent/apitoken"
	"jixiao/ent/department"
	"jixiao/ent/schema"
	"jixiao/ent/session"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/clientip"
	"jixiao/platform/viewer"
)

const (
	// CookieName is the session cookie.
	CookieName = "jixiao_session"
	// CSRFHeader must carry the session's CSRF token on every cookie-authenticated POST.
	CSRFHeader = "X-CSRF-Token"
	// SessionTTL is how long a sign-in lasts.
	SessionTTL = 12 * time.Hour
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = 10

	tokenUseResolution = time.Minute // last_used_at is written at most this often
)

var (
	// ErrBadCredentials is the one answer to a wrong username or a wrong password.
	ErrBadCredentials = errors.New("wrong username or password")
	// ErrTooManyAttempts slows down guessing: the same answer for a known and an
	// unknown username, and when the server is too busy hashing (ErrBusy).
	ErrTooManyAttempts = errors.New("too many sign-in attempts; wait a minute and try again")
	// ErrBusy is a sign-in that found no free hashing slot in time.
	ErrBusy = fmt.Errorf("the server is busy checking other sign-ins: %w", ErrTooManyAttempts)
)

// Service signs users in and identifies callers.
type Service struct {
	client   *ent.Client
	log      *slog.Logger
	throttle *throttle
	observer Observer // told of failed sign-ins; nil: nobody (observe.go)
}

// New returns the service over client.
func New(client *ent.Client, log *slog.Logger) *Service {
	return &Service{client: client, log: log, throttle: newThrottle(client, log)}
}

// NewSecret returns a random URL-safe secret of n bytes.
func NewSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Digest is what the database keeps of a session cookie or an API token.
func Digest(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

type ctxKey int

const (
	exchangeKey ctxKey = iota
)

// exchange is the request and response a resolver may need: the caller's address
// for rate limiting, the response for the session cookie, the CSRF token to hand out.
type exchange struct {
	w         http.ResponseWriter
	r         *http.Request
	csrf      string
	forgeable bool // cookie-authenticated POST without the CSRF token
}

// Middleware identifies the caller of each request and puts the viewer in its context.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ex := &exchange{w: w, r: r}
		ctx := context.WithValue(r.Context(), exchangeKey, ex)
		var v viewer.Viewer
		if h := r.Header.Get("Authorization"); h != "" {
			// Whoever sends credentials is told when they are not good, rather than
			// served as anonymous: "Bearer " with no token is a mistake, not nobody.
			tv, err := s.tokenViewer(ctx, h)
			if err != nil {
				refuse(w, http.StatusUnauthorized, "UNAUTHENTICATED", err.Error())
				return
			}
			v = tv
		} else if c, err := r.Cookie(CookieName); err == nil {
			sv, csrf, err := s.sessionViewer(ctx, c.Value)
			switch {
			case err != nil:
				s.log.DebugContext(ctx, "session cookie ignored", "reason", err)
				clearCookie(w, r)
			default:
				v, ex.csrf = sv, csrf
				// A POST without the session's CSRF token may read (a page cannot read a
				// cross-origin answer) but not change anything: see RefuseForgedChanges.
				ex.forgeable = r.Method == http.MethodPost &&
					subtle.ConstantTimeCompare([]byte(r.Header.Get(CSRFHeader)), []byte(csrf)) != 1
			}
		}
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(ctx, v)))
	})
}

// Recheck identifies the caller of ctx's request again, as Middleware did: a
// long-lived connection (a subscription's websocket) asks whether its token or
// session still holds, and as whom. The anonymous viewer for a request that
// sent neither; an error when what it sent no longer identifies anybody.
func (s *Service) Recheck(ctx context.Context) (viewer.Viewer, error) {
	ex, _ := ctx.Value(exchangeKey).(*exchange)
	if ex == nil {
		return viewer.Viewer{}, nil
	}
	if h := ex.r.Header.Get("Authorization"); h != "" {
		return s.tokenViewer(ctx, h)
	}
	if c, err := ex.r.Cookie(CookieName); err == nil {
		v, _, err := s.sessionViewer(ctx, c.Value)
		return v, err
	}
	return viewer.Viewer{}, nil
}

// refuse answers a request that cannot go on, in the shape of a GraphQL error.
func refuse(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]any{"code": code}}},
	})
}

func (s *Service) tokenViewer(ctx context.Context, header string) (viewer.Viewer, error) {
	scheme, secret, _ := strings.Cut(header, " ")
	if secret = strings.TrimSpace(secret); !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return viewer.Viewer{}, errors.New("the Authorization header must be `Bearer <API token>`")
	}
	sys := access.System(ctx, "auth")
	t, err := s.token(sys, Digest(secret))
	if err != nil {
		return viewer.Viewer{}, errors.New("the API token is unknown or revoked")
	}
	if t.LastUsedAt == nil || time.Since(*t.LastUsedAt) > tokenUseResolution {
		if err := s.client.APIToken.UpdateOneID(t.ID).SetLastUsedAt(time.Now()).Exec(sys); err != nil {
			s.log.WarnContext(ctx, "recording token use", "token", t.ID, "error", err)
		}
	}
	v := viewer.Viewer{Kind: viewer.Token, ID: t.ID, Name: "token " + t.Name}
	if t.DepartmentID != nil && t.DepartmentPath != nil {
		v.Scope = &viewer.Scope{Root: *t.DepartmentID, Prefix: schema.SubtreePrefix(*t.DepartmentPath, *t.DepartmentID)}
	}
	return v, nil
}

// liveToken is what a request needs of its API token.
type liveToken struct {
	ID             int        `sql:"id"`
	Name           string     `sql:"name"`
	LastUsedAt     *time.Time `sql:"last_used_at"`
	DepartmentID   *int       `sql:"department_id"`
	DepartmentPath *string    `sql:"department_path"`
}

// token reads the unrevoked token of a digest with its scope's department in one
// statement (every request with a token reads it: two statements were a fifth of
// a one-row query's time).
func (s *Service) token(ctx context.Context, digest string) (liveToken, error) {
	var found []liveToken
	err := s.client.APIToken.Query().
		Where(apitoken.TokenHash(digest), apitoken.RevokedAtIsNil()).
		Modify(func(sel *sql.Selector) {
			d := sql.Table(department.Table).As("scope")
			sel.LeftJoin(d).On(sel.C(apitoken.FieldDepartmentID), d.C(department.FieldID))
			sel.Select(sel.C(apitoken.FieldID), sel.C(apitoken.FieldName), sel.C(apitoken.FieldLastUsedAt),
				sql.As(d.C(department.FieldID), "department_id"), sql.As(d.C(department.FieldPath), "department_path"))
		}).
		Scan(ctx, &found)
	switch {
	case err != nil:
		return liveToken{}, err
	case len(found) != 1:
		return liveToken{}, fmt.Errorf("%d tokens of the digest", len(found))
	}
	return found[0], nil
}

func (s *Service) sessionViewer(ctx context.Context, secret string) (viewer.Viewer, string, error) {
	sys := access.System(ctx, "auth")
	sess, err := s.client.Session.Query().Where(session.TokenHash(Digest(secret)), session.ExpiresAtGT(time.Now())).
		WithUser(func(q *ent.UserQuery) { q.WithDepartment() }).Only(sys)
	if err != nil {
		return viewer.Viewer{}, "", errors.New("unknown or expired session")
	}
	u := sess.Edges.User
	if u.Disabled {
		return viewer.Viewer{}, "", errors.New("the user is disabled")
	}
	return Of(u), sess.CsrfToken, nil
}

// Of is the viewer a user is: an editor is confined to their department's subtree.
func Of(u *ent.User) viewer.Viewer {
	v := viewer.Viewer{Kind: viewer.User, ID: u.ID, Name: u.Username, Role: viewer.Role(u.Role)}
	if u.Role == user.RoleEDITOR {
		if d := u.Edges.Department; d != nil {
			v.Scope = &viewer.Scope{Root: d.ID, Prefix: schema.SubtreePrefix(d.Path, d.ID)}
		}
	}
	return v
}

// Signed is a new session: the user and the CSRF token their browser must send.
type Signed struct {
	User      *ent.User
	CSRFToken string
	ExpiresAt time.Time
}

// Login checks a username and password, starts a session and sets its cookie.
// A known and an unknown username take the same steps: the same buckets charged,
// one hash, the same answers.
func (s *Service) Login(ctx context.Context, username, password string) (*Signed, error) {
	signed, err := admitted(ctx, func() (*Signed, error) { return s.login(ctx, username, password) })
	s.observe(err)
	return signed, err
}

func (s *Service) login(ctx context.Context, username, password string) (*Signed, error) {
	ex, _ := ctx.Value(exchangeKey).(*exchange)
	var r *http.Request
	if ex != nil {
		r = ex.r
	}
	sys := access.System(ctx, "login")
	account, err := schema.UsernameKey(username)
	if err != nil {
		account = "\x00" + username // no user has it; throttled all the same
	}
	buckets, err := s.throttle.buckets(sys, account, r)
	if err != nil {
		return nil, err
	}
	if ok, err := s.throttle.reserve(sys, buckets); err != nil || !ok {
		if err == nil {
			err = ErrTooManyAttempts
		}
		return nil, err
	}
	if err := s.throttle.sweep(sys); err != nil {
		s.log.WarnContext(ctx, "sweeping old sign-in buckets", "error", err)
	}
	u, err := s.client.User.Query().Where(user.Or(user.UsernameKey(account),
		user.And(user.UsernameKeyIsNil(), user.Username(username)))).WithDepartment().First(sys)
	if err != nil && !ent.IsNotFound(err) {
		s.throttle.refund(sys, buckets...)
		return nil, err
	}
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := matches(ctx, password, hash)
	if err != nil {
		s.throttle.refund(sys, buckets...)
		return nil, err
	}
	if !ok || u == nil || u.Disabled {
		s.log.InfoContext(ctx, "failed sign-in", "username", username, "address", addressOf(r))
		return nil, ErrBadCredentials
	}
	return s.start(ctx, ex, u, account, buckets)
}

// start opens the session of a user who signed in, forgets their client's failures,
// gives back what the attempt was charged elsewhere, and trusts the browser.
func (s *Service) start(ctx context.Context, ex *exchange, u *ent.User, account string, buckets []bucket) (*Signed, error) {
	sys := access.System(ctx, "login")
	if err := s.throttle.reset(sys, buckets[0]); err != nil {
		return nil, err
	}
	s.throttle.refund(sys, buckets[1:]...)
	secret, csrf := NewSecret(32), NewSecret(24)
	expires := time.Now().Add(SessionTTL)
	tx, err := s.client.Tx(sys)
	if err != nil {
		return nil, err
	}
	if err := tx.Session.Create().SetTokenHash(Digest(secret)).SetCsrfToken(csrf).SetUserID(u.ID).SetExpiresAt(expires).Exec(sys); err != nil {
		return nil, rollback(tx, err)
	}
	if err := tx.User.UpdateOne(u).SetLastLoginAt(time.Now()).Exec(sys); err != nil {
		return nil, rollback(tx, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if ex != nil {
		if err := s.trustDevice(sys, ex, account); err != nil {
			s.log.WarnContext(ctx, "trusting the device", "error", err)
		}
		http.SetCookie(ex.w, &http.Cookie{
			Name: CookieName, Value: secret, Path: "/", Expires: expires,
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(ex.r),
		})
		ex.csrf = csrf
	}
	return &Signed{User: u, CSRFToken: csrf, ExpiresAt: expires}, nil
}

// trustDevice makes the browser a trusted device of account, giving it a device
// cookie when it has none.
func (s *Service) trustDevice(ctx context.Context, ex *exchange, account string) error {
	device := ""
	if c, err := ex.r.Cookie(DeviceCookie); err == nil && c.Value != "" {
		device = c.Value
	} else {
		device = NewSecret(24)
	}
	http.SetCookie(ex.w, &http.Cookie{
		Name: DeviceCookie, Value: device, Path: "/", MaxAge: int(deviceTrust / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(ex.r),
	})
	return s.throttle.trust(ctx, deviceBucket(account, device)) // new, or renewed
}

// Logout ends the caller's session and clears its cookie.
func (s *Service) Logout(ctx context.Context) error {
	ex, _ := ctx.Value(exchangeKey).(*exchange)
	if ex == nil {
		return nil
	}
	if c, err := ex.r.Cookie(CookieName); err == nil {
		if _, err := s.client.Session.Delete().Where(session.TokenHash(Digest(c.Value))).Exec(access.System(ctx, "logout")); err != nil {
			return err
		}
	}
	clearCookie(ex.w, ex.r)
	return nil
}

// ErrCSRF refuses a change sent with a session cookie but without its CSRF token.
var ErrCSRF = errors.New("a signed-in browser must send its CSRF token in the " + CSRFHeader + " header to change anything (the me query gives it)")

// Forgeable reports whether the request carries a session cookie without the
// matching X-CSRF-Token header: it may read, but a change must be refused.
func Forgeable(ctx context.Context) bool {
	ex, _ := ctx.Value(exchangeKey).(*exchange)
	return ex != nil && ex.forgeable
}

// CSRFToken is the CSRF token of the caller's session, "" without one.
func CSRFToken(ctx context.Context) string {
	if ex, _ := ctx.Value(exchangeKey).(*exchange); ex != nil {
		return ex.csrf
	}
	return ""
}

func rollback(tx *ent.Tx, err error) error {
	_ = tx.Rollback()
	return err
}

func clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
}

// secure marks the cookie Secure when the browser reached us over HTTPS, directly
// or through a trusted proxy that says so (package clientip, --trusted-proxies).
func secure(r *http.Request) bool { return clientip.HTTPS(r) }

func addressOf(r *http.Request) string {
	if r == nil {
		return "unknown"
	}
	return clientAddress(r)
}

// clientAddress is the client's IP address: behind trusted proxies, the one they
// forwarded, so that each client has a sign-in bucket of its own.
func clientAddress(r *http.Request) string { return clientip.Address(r) }
