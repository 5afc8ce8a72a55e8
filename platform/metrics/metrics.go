// Package metrics is the server's Prometheus registry and its collectors: GraphQL
// operations and HTTP requests with their latencies, the database pool, failed
// sign-ins and the password-hash queue, and the kept values' recomputations. Each
// handler has its own registry (not Prometheus's global one), so that tests and
// several handlers in one process do not collide. README, "Metrics, health and
// logs", lists every metric.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"jixiao/platform/auth"
)

// Metrics holds the registry and the collectors the server updates itself.
type Metrics struct {
	reg         *prometheus.Registry
	operations  *prometheus.CounterVec
	opLatency   *prometheus.HistogramVec
	requests    *prometheus.CounterVec
	httpLatency *prometheus.HistogramVec
	signIns     *prometheus.CounterVec
	names       *names
}

// latencyBuckets reach the request timeout (30 s); most answers take milliseconds.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// New returns the metrics of a server whose connection pool is db (nil: no
// pool metrics), with Go's and the process's own.
func New(db *sql.DB) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jixiao_graphql_requests_total",
			Help: "GraphQL operations answered, by operation name and outcome code (OK or the first error's extensions.code).",
		}, []string{"operation", "code"}),
		opLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "jixiao_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, by operation name.",
			Buckets: latencyBuckets,
		}, []string{"operation"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jixiao_http_requests_total",
			Help: "HTTP requests answered, by route class and status code.",
		}, []string{"route", "status"}),
		httpLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "jixiao_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route class.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		signIns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jixiao_signin_failures_total",
			Help: "Failed sign-ins, by reason: credentials, throttled, busy, error.",
		}, []string{"reason"}),
		names: newNames(MaxOperations),
	}
	for _, reason := range auth.FailureReasons {
		m.signIns.WithLabelValues(reason) // every reason shows, at 0, from the start
	}
	m.reg.MustRegister(m.operations, m.opLatency, m.requests, m.httpLatency, m.signIns,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.reg.MustRegister(processWide()...)
	if db != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db, "jixiao"))
	}
	return m
}

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Operation counts one GraphQL request: its operation's name (bounded, see
// names.go), its outcome code and how long it took.
func (m *Metrics) Operation(name, code string, took time.Duration) {
	label := m.names.label(name)
	m.operations.WithLabelValues(label, codeLabel(code)).Inc()
	m.opLatency.WithLabelValues(label).Observe(took.Seconds())
}

// Request counts one HTTP request of a route class (a small fixed set: see
// platform/web) and its status.
func (m *Metrics) Request(route string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.httpLatency.WithLabelValues(route).Observe(took.Seconds())
}

// SignInFailed implements auth.Observer.
func (m *Metrics) SignInFailed(reason string) { m.signIns.WithLabelValues(reason).Inc() }

var _ auth.Observer = (*Metrics)(nil)
