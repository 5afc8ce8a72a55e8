package bench

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"jixiao/testkit/citygen"
)

// city is the city-scale data set, opened once per process for every benchmark.
var city = sync.OnceValues(func() (*env, error) {
	dir := os.Getenv("JIXIAO_BENCH_DIR")
	if dir == "" {
		dir = "testdata"
	}
	e, err := open(context.Background(), dir, citygen.Default())
	opened = e
	return e, err
})

// opened is the city once a benchmark has opened it.
var opened *env

// TestMain closes the city after the benchmarks, so that SQLite folds its WAL back into
// the file and removes it.
func TestMain(m *testing.M) {
	code := m.Run()
	if opened != nil {
		if err := opened.close(); err != nil {
			fmt.Fprintln(os.Stderr, "closing the city:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// BenchmarkEvaluationDetail reads one department-year overall evaluation with its
// indicators, scores, subtotals and grade: GraphQL node(id:) against one SQL query.
func BenchmarkEvaluationDetail(b *testing.B) { compare(b, evaluationDetail) }

// BenchmarkRankDepartments ranks the 1,000 department evaluations of the year by score.
func BenchmarkRankDepartments(b *testing.B) { compare(b, rankDepartments) }

// BenchmarkWorstIndicators lists the 50 indicators of the city with the lowest attainment.
func BenchmarkWorstIndicators(b *testing.B) { compare(b, worstIndicators) }

// compare checks that the API and SQL agree, times each as a sub-benchmark ("api",
// "sql"; ms/op), then reports both and their ratio in a third one, "ratio". With
// -count n, "ratio" reports the means of the n runs of each (n times the same line).
func compare(b *testing.B, build func(context.Context, *env) (workload, error)) {
	e, err := city()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	w, err := build(ctx, e)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.check(ctx); err != nil {
		b.Fatal(err)
	}
	var apiNs, sqlNs []float64 // ns/op of each run (b.Loop calls each function once per -count)
	b.Run("api", func(b *testing.B) { apiNs = append(apiNs, timeLoop(b, w.api)) })
	b.Run("sql", func(b *testing.B) { sqlNs = append(sqlNs, timeLoop(b, w.sql)) })
	if len(apiNs) == 0 || len(sqlNs) == 0 {
		return // one of them failed or was left out by -bench
	}
	apiMean, sqlMean := mean(apiNs), mean(sqlNs)
	b.Run("ratio", func(b *testing.B) {
		b.ReportMetric(0, "ns/op") // nothing is timed here
		b.ReportMetric(apiMean/1e6, "api-ms")
		b.ReportMetric(sqlMean/1e6, "sql-ms")
		b.ReportMetric(apiMean/sqlMean, "api/sql")
	})
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// timeLoop runs one version b.N times, reports ms/op and returns ns/op.
func timeLoop(b *testing.B, run func(context.Context) (answer, error)) float64 {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(ctx); err != nil {
			b.Fatal(err)
		}
	}
	// After b.Loop, b.N is the number of iterations and Elapsed their time.
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(ns/1e6, "ms/op")
	return ns
}

// TestAnswersAgree asks the benchmarks' three questions of a small generated city and
// checks that the API and SQL give the same answers.
func TestAnswersAgree(t *testing.T) {
	cfg := citygen.Config{Seed: 1, Departments: 40, Projects: 300, Indicators: 5000, Year: 2023}
	e, err := open(t.Context(), t.TempDir(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.close(); err != nil {
			t.Error(err)
		}
	})
	for _, wl := range workloads {
		t.Run(wl.name, func(t *testing.T) {
			w, err := wl.build(t.Context(), e)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.check(t.Context()); err != nil {
				t.Fatal(err)
			}
		})
	}
}
