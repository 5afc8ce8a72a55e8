package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"jixiao/domain/kept"
	"jixiao/platform/auth"
)

// processWide are the collectors of counts the process keeps once, whatever the
// handler: the password-hash queue (its slots are the process's) and the kept
// values written (by hooks in every ent client). They are read at each scrape.
func processWide() []prometheus.Collector {
	gauge := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f)
	}
	keptRows := func(by string, f func(kept.Counts) uint64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "jixiao_kept_rows_rewritten_total",
			Help:        "Rows whose kept values were rewritten: by=change, carried over by the hooks of a change; by=repair, by a recomputation that found them wrong.",
			ConstLabels: prometheus.Labels{"by": by},
		}, func() float64 { return float64(f(kept.Totals())) })
	}
	return []prometheus.Collector{
		gauge("jixiao_password_hashes_running", "Password hashes (argon2id) running now.", func() float64 {
			running, _ := auth.HashQueue()
			return float64(running)
		}),
		gauge("jixiao_password_hashes_waiting", "Sign-ins waiting for a free hashing slot now.", func() float64 {
			_, waiting := auth.HashQueue()
			return float64(waiting)
		}),
		gauge("jixiao_password_hash_slots", "Password hashes that may run at once (each holds its memory).", func() float64 {
			return float64(auth.MaxHashes)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "jixiao_password_hashes_total",
			Help: "Password hashes run: one per checked sign-in, known username or not, and one per password set.",
		}, func() float64 { return float64(auth.Hashes()) }),
		keptRows("change", func(c kept.Counts) uint64 { return c.Carried }),
		keptRows("repair", func(c kept.Counts) uint64 { return c.Repaired }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "jixiao_kept_differences_total",
			Help: "Kept values a recomputation (the start-up backfill) found different from what the rules give.",
		}, func() float64 { return float64(kept.Totals().Differences) }),
	}
}
