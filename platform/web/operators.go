package web

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"jixiao/ent"
)

// probeTimeout bounds the database check of /readyz: a probe must answer
// before its caller gives up.
const probeTimeout = 2 * time.Second

// healthz answers 200 while the process serves HTTP (liveness): it touches no
// database, so that a database outage does not get healthy servers restarted.
func healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		plain(w, http.StatusOK, "ok")
	})
}

// readyz answers 200 when the database answers and ready (the schema's
// migrations are applied; nil: not checked) has nothing against it, else 503
// with the reason: a load balancer sends requests only to ready servers.
func readyz(client *ent.Client, ready func(context.Context) error, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), probeTimeout)
		defer cancel()
		if _, err := client.Department.Query().Exist(ctx); err != nil {
			log.WarnContext(ctx, "not ready: the database does not answer", "error", err)
			plain(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		if ready != nil {
			if err := ready(ctx); err != nil {
				log.WarnContext(ctx, "not ready", "error", err)
				plain(w, http.StatusServiceUnavailable, "not ready: "+firstLine(err.Error()))
				return
			}
		}
		plain(w, http.StatusOK, "ok")
	})
}

// requireToken lets through only requests with `Authorization: Bearer <token>`;
// with no token, everyone (the proxy must then keep the route internal).
func requireToken(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			plain(w, http.StatusUnauthorized, "a metrics token is required: Authorization: Bearer <token>")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func plain(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(text + "\n"))
}

// firstLine keeps a reason short: one line, at most 200 bytes.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "")
	}
	return s
}
