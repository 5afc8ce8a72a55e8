package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"jixiao/platform/metrics"
	"jixiao/platform/reqlog"
	"jixiao/platform/viewer"
)

// Route classes: the route label of the HTTP metrics, and a field of the access
// log. A small fixed set, whatever paths clients ask for.
const (
	routeQuery    = "/query"
	routeExport   = "/export"
	routeGraphiQL = "/graphiql"
	routeMetrics  = "/metrics"
	routeHealthz  = "/healthz"
	routeReadyz   = "/readyz"
	routeFiles    = "/files" // documents of evaluations, /files/evaluations/{id}/form.xlsx
	routeAssets   = "assets" // the app's hashed files under /assets/
	routeOther    = "other"  // the app's pages and deep links, and anything else
)

func routeClass(path string) string {
	switch path {
	case routeQuery, routeExport, routeGraphiQL, routeMetrics, routeHealthz, routeReadyz:
		return path
	}
	if strings.HasPrefix(path, "/assets/") {
		return routeAssets
	}
	if strings.HasPrefix(path, "/files/") {
		return routeFiles
	}
	return routeOther
}

// probes are the routes machines call every few seconds: their successes are
// logged at debug level, so that they do not bury the requests of people.
var probes = map[string]bool{routeMetrics: true, routeHealthz: true, routeReadyz: true}

// accessLog logs one line per request and counts it in m. The line has what the
// HTTP layer sees (method, path, status, duration; the logger adds request_id)
// and what the inner layers noted in the request's reqlog.Entry: the viewer where
// authentication ran, the GraphQL operation and its outcome code where one was
// answered. Never the query, its variables or a credential.
func accessLog(log *slog.Logger, m *metrics.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, entry := reqlog.NewContext(r.Context())
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))
		took := time.Since(start)

		route, f := routeClass(r.URL.Path), entry.Fields()
		m.Request(route, rec.status, took)
		attrs := []slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route),
			slog.Int("status", rec.status), slog.Duration("duration", took),
		}
		if f.Viewer != "" {
			attrs = append(attrs, slog.String("viewer", f.Viewer))
		}
		if f.GraphQL {
			m.Operation(f.Operation, f.Code, took)
			attrs = append(attrs, slog.String("operation", f.Operation), slog.String("code", f.Code))
		}
		level := slog.LevelInfo
		if probes[route] && rec.status < 400 {
			level = slog.LevelDebug
		}
		log.LogAttrs(ctx, level, "request", attrs...)
	})
}

// noteViewer records the viewer authentication found in the request's entry;
// it goes behind auth.Service.Middleware.
func noteViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqlog.FromContext(r.Context()).Viewer(viewer.FromContext(r.Context()))
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer (Flush, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
