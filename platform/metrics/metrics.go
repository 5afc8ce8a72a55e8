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

	"jixiao/platform/admission"
	"jixiao/platform/auth"
	"jixiao/platform/events"
	"jixiao/platform/webhooks"
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

// Admission registers the request gate's gauges (g nil: no gate, none).
func (m *Metrics) Admission(g *admission.Gate) {
	if g == nil {
		return
	}
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "jixiao_requests_waiting",
			Help: "GraphQL requests waiting their turn for the store's connections now.",
		}, func() float64 { return float64(g.Waiting()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "jixiao_request_slots",
			Help: "GraphQL requests that may run at once (the store's connections).",
		}, func() float64 { return float64(g.Size()) }),
	)
}

// Notifications registers the metrics of the server's change notifications:
// its subscriptions, the events it published and heard, and (disp non-nil) its
// webhook attempts.
func (m *Metrics) Notifications(hub *events.Hub, disp *webhooks.Dispatcher) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "jixiao_subscriptions",
			Help: "GraphQL subscriptions being served now.",
		}, func() float64 { return float64(hub.Subscriptions()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "jixiao_events_published_total",
			Help: "Change events published to this server's subscribers (on PostgreSQL: heard by its LISTEN connection, every server's changes).",
		}, func() float64 { return float64(hub.Bus.Published()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "jixiao_subscribers_dropped_total",
			Help: "Subscribers dropped for falling behind the changes.",
		}, func() float64 { return float64(hub.Bus.DroppedSubscribers()) }),
	)
	if l := hub.Listener; l != nil {
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "jixiao_events_listening",
				Help: "1 while the LISTEN connection to PostgreSQL is up, else 0.",
			}, func() float64 {
				if l.Listening() {
					return 1
				}
				return 0
			}),
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "jixiao_events_listen_breaks_total",
				Help: "Times the LISTEN connection to PostgreSQL was lost or could not be made.",
			}, func() float64 { return float64(l.Breaks()) }),
		)
	}
	if disp != nil {
		attempts := func(outcome string, f func() int64) prometheus.Collector {
			return prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name:        "jixiao_webhook_attempts_total",
				Help:        "Webhook delivery attempts this server made, by outcome: delivered (2xx), retry (failed, tried again later), failed (failed for the last time).",
				ConstLabels: prometheus.Labels{"outcome": outcome},
			}, func() float64 { return float64(f()) })
		}
		m.reg.MustRegister(attempts("delivered", disp.Delivered), attempts("retry", disp.Retried), attempts("failed", disp.Failed))
	}
}
