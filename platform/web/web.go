// Package web routes HTTP: the GraphQL API, the embedded GraphiQL, the SPA, and the
// operators' metrics, liveness and readiness, behind request ids, security headers,
// an access log, panic recovery, CORS, a body size limit and a per-request deadline.
package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rs/cors"

	"jixiao/ent"
	"jixiao/graph"
	"jixiao/graph/loader"
	"jixiao/platform/admission"
	"jixiao/platform/attachments"
	"jixiao/platform/auth"
	"jixiao/platform/clientip"
	"jixiao/platform/events"
	"jixiao/platform/export"
	"jixiao/platform/files"
	"jixiao/platform/metrics"
	"jixiao/platform/reqid"
	"jixiao/platform/store"
	"jixiao/platform/webhooks"
)

// Options configure the handler.
type Options struct {
	Log *slog.Logger
	// AllowedOrigins is the CORS allow-list: exact origins (scheme://host[:port])
	// that may call the API from a browser, with credentials (cookies). Empty
	// allows no cross-origin caller; "*" and wildcards are refused (see Validate).
	AllowedOrigins []string
	SPA            fs.FS // the built single-page app, index.html at its root
	// MaxBodyBytes bounds a request body; a larger one gets 413. 0 means
	// DefaultMaxBodyBytes (1 MiB).
	MaxBodyBytes int64
	// RequestTimeout is each request's deadline: work still running when it
	// passes is cancelled. 0 means DefaultRequestTimeout (30 s).
	RequestTimeout time.Duration
	// Auth identifies the caller of /query; nil means auth.New(client, Log).
	Auth *auth.Service
	// NoIntrospection turns GraphQL introspection (and so GraphiQL's schema view) off.
	NoIntrospection bool
	// MetricsToken, when set, is the bearer token /metrics requires; when empty
	// /metrics is open, and the proxy must keep it to the internal network.
	MetricsToken string
	// Ready reports what keeps the server from taking requests besides the
	// database not answering (migrations not applied); /readyz calls it after
	// pinging the database. nil: the ping alone.
	Ready func(context.Context) error
	// TrustedProxies may say who the client is and whether it used HTTPS
	// (X-Forwarded-For, X-Forwarded-Proto); the zero value believes no one.
	TrustedProxies clientip.Proxies
	// Events announces committed changes to subscriptions (and, through its
	// BeforeCommit steps, makes webhook deliveries); nil: a hub of the handler's
	// own, in one process, with no webhooks.
	Events *events.Hub
	// Webhooks is the server's webhook dispatcher, for the metrics; nil: none.
	Webhooks *webhooks.Dispatcher
	// Attachments keeps evidence files and bounds their size; nil keeps them in
	// the database, at most 20 MiB each (attachments.Default).
	Attachments *attachments.Store
}

// Validate reports options NewHandler cannot serve with, worded for the command
// line that set them.
func (o Options) Validate() error {
	for _, origin := range o.AllowedOrigins {
		switch {
		case origin == "*":
			return errors.New(`--cors-origins: "*" cannot be combined with credentials; list the origins`)
		case strings.Contains(origin, "*"):
			return fmt.Errorf("--cors-origins: %q: a wildcard cannot be combined with credentials; list the origins", origin)
		}
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
			return fmt.Errorf("--cors-origins: %q is not an origin; write scheme://host[:port], e.g. https://jixiao.example", origin)
		}
		if u.Path == "/" {
			return fmt.Errorf("--cors-origins: %q: an origin has no path; drop the trailing /", origin)
		}
	}
	if o.MaxBodyBytes < 0 {
		return fmt.Errorf("the maximum body size must not be negative, got %d", o.MaxBodyBytes)
	}
	if o.RequestTimeout < 0 {
		return fmt.Errorf("the request timeout must not be negative, got %v", o.RequestTimeout)
	}
	return nil
}

// NewHandler returns the whole HTTP surface of the server. It panics when
// opts.Validate fails: call Validate first to report bad configuration.
func NewHandler(client *ent.Client, opts Options) http.Handler {
	if err := opts.Validate(); err != nil {
		panic("web.NewHandler: " + err.Error())
	}
	log := opts.Log
	if log == nil {
		log = slog.Default()
	}
	log = slog.New(reqid.LogHandler(log.Handler())) // every record logged with a request's context names it
	maxBody := orDefault(opts.MaxBodyBytes, DefaultMaxBodyBytes)
	timeout := orDefault(opts.RequestTimeout, DefaultRequestTimeout)

	// Every page, the explorer included, is the embedded app's: one strict policy.
	csp := func(string) string { return appCSP }

	m := metrics.New(store.DB(client)) // a client store.Open did not make has no pool metrics
	authn := opts.Auth
	if authn == nil {
		authn = auth.New(client, log)
	}
	authn = authn.WithObserver(m)

	hub := opts.Events
	if hub == nil {
		hub = events.Local()
	}
	m.Notifications(hub, opts.Webhooks)

	mux := http.NewServeMux()
	var guard *webhooks.Guard
	if opts.Webhooks != nil {
		guard = opts.Webhooks.Guard() // the mutations refuse what the deliveries would
	}
	api := graph.NewServer(client, authn, log, !opts.NoIntrospection, graph.WithEvents(hub), graph.WithOrigins(opts.AllowedOrigins), graph.WithTimeout(timeout),
		graph.WithWebhookGuard(guard))
	// Requests take the store's connections in arrival order (package admission);
	// a websocket lives as long as its client, and an upload arrives at the speed of
	// its client's link: they would hold a slot for that long, so they go round.
	gate := admission.New(poolSize(client))
	m.Admission(gate)
	mux.Handle("/query", refuseUnservable(gate.Handler(longLived, authn.Middleware(noteViewer(loader.Middleware(client, loader.Wait)(api))))))
	// Exports run through the same server, page by page, each with its own loaders
	// and deadline (export.DefaultPageTimeout), within export.DefaultTimeout in all.
	mux.Handle("/export", export.Route(authn.Middleware(noteViewer(api))))
	// Documents of an evaluation (its form as a workbook), read under the caller's rules.
	mux.Handle(files.Prefix, authn.Middleware(noteViewer(files.Handler(client, log))))
	// Evidence files, read under their owner's rules, always as downloads.
	mux.Handle(files.AttachmentsPrefix, authn.Middleware(noteViewer(files.Attachments(client, log))))
	var app *assets
	if opts.SPA != nil {
		app = newAssets(opts.SPA)
		mux.Handle("/graphiql", app.Page("graphiql.html"))
	}
	mux.Handle("GET /metrics", requireToken(opts.MetricsToken, m.Handler()))
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(client, opts.Ready, log))
	if app != nil {
		mux.Handle("/", app)
	}
	allowed := make(map[string]bool, len(opts.AllowedOrigins))
	for _, o := range opts.AllowedOrigins {
		allowed[strings.ToLower(o)] = true
	}
	c := cors.New(cors.Options{
		// A function, not AllowedOrigins: rs/cors reads an empty list as "*".
		AllowOriginFunc:  func(origin string) bool { return allowed[strings.ToLower(origin)] },
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Authorization", "X-CSRF-Token", reqid.Header},
		ExposedHeaders:   []string{reqid.Header},
		AllowCredentials: true,
		MaxAge:           600,
	})
	var h http.Handler = mux
	store := opts.Attachments
	if store == nil {
		store = attachments.Default()
	}
	// An upload carries an evidence file or a workbook: the larger limit of the two.
	uploads := max(graph.MaxMultipartBytes, store.MaxBytes()+multipartOverhead)
	h = limitBodies(maxBody, uploads, map[string]bool{"/query": true, "/export": true}, h)
	h = withAttachments(store, h)
	h = untimed(h, withTimeout(timeout, h), allowed)
	h = c.Handler(h)
	h = recoverPanics(log, h)
	h = accessLog(log, m, h)
	h = securityHeaders(csp, h)
	h = clientip.Middleware(opts.TrustedProxies, h) // outermost but for the id: the access log may use clientip.Address
	return reqid.Middleware(h)
}

// untimed sends /export past the request deadline, as it keeps its own, per
// page and in all (package export); and the subscriptions' websocket, which
// lasts as long as the client stays, with the connection's read and write
// deadlines (the http.Server's, which would end it after a minute) lifted:
// it pings its client instead.
func untimed(untimed, timed http.Handler, origins map[string]bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/export":
			untimed.ServeHTTP(w, r)
		case r.URL.Path == "/query" && isWebsocket(r):
			if !websocketOrigin(r, origins) {
				writeError(w, http.StatusForbidden, CodeForbidden,
					"a websocket may be opened from this site's pages or an origin in --cors-origins only")
				return
			}
			rc := http.NewResponseController(w)
			_ = rc.SetReadDeadline(time.Time{})
			_ = rc.SetWriteDeadline(time.Time{})
			untimed.ServeHTTP(w, r)
		default:
			timed.ServeHTTP(w, r)
		}
	})
}

// websocketOrigin reports whether a websocket's Origin may open it: none (not
// a browser), the server's own host, or an origin of the CORS list. (The
// websocket library checks the same; this answers in the API's own words.)
func websocketOrigin(r *http.Request, allowed map[string]bool) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || allowed[strings.ToLower(origin)] {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// isWebsocket reports whether r asks to become a websocket.
func isWebsocket(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// orDefault is v, or def when v is zero.
func orDefault[T int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// recoverPanics logs a panic with its stack and answers 500 "internal error": the
// panic's text stays in the log, and the X-Request-ID header lets the caller
// quote the line.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if rec, ok := w.(*statusRecorder); ok && rec.wrote {
					return // part of the answer is out: nothing sensible can follow it
				}
				writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// poolSize is the number of connections the client's store keeps (0 when the
// client was not opened by package store: then no gate).
func poolSize(client *ent.Client) int {
	if db := store.DB(client); db != nil {
		return db.Stats().MaxOpenConnections
	}
	return 0
}

// longLived tells the requests the gate lets by: a websocket, and an upload, whose
// body (unlike a query's, which limitBodies has read whole before the gate) comes
// as fast as the client sends it.
func longLived(r *http.Request) bool { return isWebsocket(r) || isMultipart(r) }
