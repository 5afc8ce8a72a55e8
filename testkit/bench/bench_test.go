package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao/platform/gctune"
	"jixiao/testkit/citygen"
)

// Province is the province-scale data set: ten cities.
func Province() citygen.Config {
	return citygen.Config{Seed: 1, Departments: 10000, Projects: 150000, Indicators: 2000000, Year: 2023}
}

// postgresURL is the PostgreSQL server the benchmarks build their databases on, or "".
func postgresURL() string {
	if u := os.Getenv("JIXIAO_BENCH_POSTGRES"); u != "" {
		return u
	}
	return os.Getenv("JIXIAO_TEST_POSTGRES")
}

// envs are the data sets opened so far, by store and config, each opened once per process.
var envs = struct {
	sync.Mutex
	m map[string]*env
}{m: map[string]*env{}}

// dataset opens (building on first use) the data set of cfg on the store named
// "sqlite" or "postgres", skipping b when PostgreSQL has no URL or the province is
// left out (JIXIAO_BENCH_SCALE=city).
func dataset(b *testing.B, storeName string, cfg citygen.Config) *env {
	if storeName == "postgres" && postgresURL() == "" {
		b.Skip("set JIXIAO_BENCH_POSTGRES (or JIXIAO_TEST_POSTGRES) to a PostgreSQL server's URL")
	}
	if cfg.Departments > citygen.Default().Departments && os.Getenv("JIXIAO_BENCH_SCALE") == "city" {
		b.Skip("JIXIAO_BENCH_SCALE=city leaves the province out")
	}
	envs.Lock()
	defer envs.Unlock()
	key := storeName + "/" + cfg.String()
	if e, ok := envs.m[key]; ok {
		return e
	}
	ctx := context.Background()
	var e *env
	var err error
	if storeName == "postgres" {
		e, err = openPostgres(ctx, postgresURL(), cfg)
	} else {
		dir := os.Getenv("JIXIAO_BENCH_DIR")
		if dir == "" {
			dir = "testdata"
		}
		e, err = open(ctx, dir, cfg)
	}
	if err != nil {
		b.Fatal(err)
	}
	envs.m[key] = e
	return e
}

// TestMain runs the benchmarks under the server's collector settings (the API is
// measured as the server runs it; the SQL beside it gets the same), and closes the
// data sets after them, so that SQLite folds its WAL back into the file and removes it.
func TestMain(m *testing.M) {
	gctune.Apply(gctune.For(os.Getenv))
	code := m.Run()
	for _, e := range envs.m {
		if err := e.close(); err != nil {
			fmt.Fprintln(os.Stderr, "closing a data set:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// goal is the bound for one benchmark: the API's time, and its ratio to SQL.
type goal struct {
	ms    float64 // at most this many milliseconds per request; 0: none
	ratio float64 // at most this many times SQL's time; 0: none
}

var stores = []string{"sqlite", "postgres"}

// BenchmarkEvaluationDetail reads one department-year overall evaluation with its
// indicators, scores, subtotals and grade: GraphQL node(id:) against one SQL query.
func BenchmarkEvaluationDetail(b *testing.B) {
	each(b, citygen.Default(), evaluationDetail, goal{})
}

// BenchmarkRankDepartments ranks the 1,000 department evaluations of the city by score.
func BenchmarkRankDepartments(b *testing.B) {
	each(b, citygen.Default(), rankDepartments, goal{ms: 30, ratio: 1.5})
}

// BenchmarkWorstIndicators lists the 50 indicators of the city with the lowest attainment.
func BenchmarkWorstIndicators(b *testing.B) {
	each(b, citygen.Default(), worstIndicators, goal{ms: 10})
}

// BenchmarkProvinceRanking ranks the department evaluations of the province by score:
// the first page, 1,000 of its 10,000 (a page holds at most 1,000).
func BenchmarkProvinceRanking(b *testing.B) {
	each(b, Province(), rankDepartments, goal{ms: 100})
}

// BenchmarkGradeDistribution counts the province's department evaluations per grade:
// one evaluationAggregate(groupBy: [GRADE]) against SQL's GROUP BY.
func BenchmarkGradeDistribution(b *testing.B) {
	each(b, Province(), gradeDistribution, goal{ms: 50})
}

// each runs compare on every store, as sub-benchmarks "sqlite" and "postgres".
func each(b *testing.B, cfg citygen.Config, build func(context.Context, *env) (workload, error), g goal) {
	for _, s := range stores {
		b.Run(s, func(b *testing.B) { compare(b, dataset(b, s, cfg), build, g) })
	}
}

// compare checks that the API and SQL agree, then times them in three sub-benchmarks:
// "api" and "sql" each alone (ms/op, allocations), and "ratio", which runs them in turn,
// api and sql alternately first, b.N times each, and reports the median of each
// (api-ms, sql-ms), api/sql, and, when the issue sets a goal, its bounds and the ratio
// of the API's median to each (api/goal-ms, ratio/goal: at most 1 meets it).
func compare(b *testing.B, e *env, build func(context.Context, *env) (workload, error), g goal) {
	ctx := context.Background()
	w, err := build(ctx, e)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.check(ctx); err != nil {
		b.Fatal(err)
	}
	b.Run("api", func(b *testing.B) { timeLoop(b, w.api) })
	b.Run("sql", func(b *testing.B) { timeLoop(b, w.sql) })
	b.Run("ratio", func(b *testing.B) {
		var apiNs, sqlNs []float64
		i := 0
		for b.Loop() {
			runs := []struct {
				run func(context.Context) (answer, error)
				ns  *[]float64
			}{{w.api, &apiNs}, {w.sql, &sqlNs}}
			if i%2 == 1 {
				slices.Reverse(runs)
			}
			i++
			for _, r := range runs {
				start := time.Now()
				if _, err := r.run(ctx); err != nil {
					b.Fatal(err)
				}
				*r.ns = append(*r.ns, float64(time.Since(start).Nanoseconds()))
			}
		}
		apiMs, sqlMs := median(apiNs)/1e6, median(sqlNs)/1e6
		b.ReportMetric(0, "ns/op") // the pairs' time says nothing by itself
		b.ReportMetric(apiMs, "api-ms")
		b.ReportMetric(sqlMs, "sql-ms")
		b.ReportMetric(apiMs/sqlMs, "api/sql")
		if g.ms > 0 {
			b.ReportMetric(g.ms, "goal-ms")
			b.ReportMetric(apiMs/g.ms, "api/goal-ms")
		}
		if g.ratio > 0 {
			b.ReportMetric(g.ratio, "goal-api/sql")
			b.ReportMetric(apiMs/sqlMs/g.ratio, "ratio/goal")
		}
		b.ReportMetric(load1(), "load1")
	})
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// load1 is the machine's load average over the last minute, to read each figure with.
func load1() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var l float64
	if _, err := fmt.Sscan(string(data), &l); err != nil {
		return -1
	}
	return l
}

// timeLoop runs one version b.N times and reports ms/op.
func timeLoop(b *testing.B, run func(context.Context) (answer, error)) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(ctx); err != nil {
			b.Fatal(err)
		}
	}
	// After b.Loop, b.N is the number of iterations and Elapsed their time.
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
}

// TestAnswersAgree asks the benchmarks' questions of a small generated city and checks
// that the API and SQL give the same answers: on SQLite, and on PostgreSQL when
// JIXIAO_TEST_POSTGRES names a server (in a database built once and kept, as the
// benchmarks' are).
func TestAnswersAgree(t *testing.T) {
	cfg := citygen.Config{Seed: 1, Departments: 40, Projects: 300, Indicators: 5000, Year: 2023}
	opens := []struct {
		name string
		open func(context.Context) (*env, error)
	}{
		{"sqlite", func(ctx context.Context) (*env, error) { return open(ctx, t.TempDir(), cfg) }},
		{"postgres", func(ctx context.Context) (*env, error) {
			u := os.Getenv("JIXIAO_TEST_POSTGRES")
			if u == "" {
				return nil, errSkip
			}
			return openPostgres(ctx, u, cfg)
		}},
	}
	for _, o := range opens {
		t.Run(o.name, func(t *testing.T) {
			e, err := o.open(t.Context())
			if errors.Is(err, errSkip) {
				t.Skip("JIXIAO_TEST_POSTGRES names no PostgreSQL server (CI sets it)")
			}
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
		})
	}
}

var errSkip = errors.New("skip")

// TestBuildData builds the city and the province into the cache, on SQLite and, when a
// server is named, on PostgreSQL, and writes datasets.env there: CITY_SQLITE,
// PROVINCE_SQLITE (file paths), CITY_POSTGRES, PROVINCE_POSTGRES (URLs), which
// bench/load.sh reads; with PostgreSQL, the province's SQLite file is left to
// bench/data.sh, which copies it from PostgreSQL. It runs only with
// JIXIAO_BENCH_BUILD=1 (make bench-data);
// JIXIAO_BENCH_SCALE=city leaves the province out.
func TestBuildData(t *testing.T) {
	if os.Getenv("JIXIAO_BENCH_BUILD") != "1" {
		t.Skip("a data builder, not a check: make bench-data runs it with JIXIAO_BENCH_BUILD=1 (minutes to half an hour)")
	}
	dir := os.Getenv("JIXIAO_BENCH_DIR")
	if dir == "" {
		dir = "testdata"
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range []struct {
		name string
		cfg  citygen.Config
	}{{"CITY", citygen.Default()}, {"PROVINCE", Province()}} {
		if d.name == "PROVINCE" && os.Getenv("JIXIAO_BENCH_SCALE") == "city" {
			continue
		}
		sqlitePath := filepath.Join(dir, citygen.FileName(d.cfg))
		lines = append(lines, fmt.Sprintf("%s_SQLITE=%s", d.name, sqlitePath))
		u := postgresURL()
		if u != "" {
			dbURL, err := postgresCity(t.Context(), u, d.cfg)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%s_POSTGRES='%s'", d.name, dbURL))
		}
		// citygen writes the province through the schema's hooks far more slowly on
		// SQLite than on PostgreSQL: with a PostgreSQL copy, bench/data.sh copies it
		// into the SQLite file instead (bench/pgtosqlite).
		if d.name == "PROVINCE" && u != "" {
			continue
		}
		if _, err := citygen.Cached(t.Context(), dir, d.cfg); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "datasets.env")
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", out, strings.Join(lines, "\n"))
}

// BenchmarkScoreByID asks node(id:) { score grade } of the city's department
// evaluations in turn from parallel clients (-cpu sets how many goroutines per
// GOMAXPROCS run them) through the handler in process, reporting requests per second:
// the profile of the load test's "score by id" without the network
// (go test -bench ScoreByID -cpuprofile cpu.out).
func BenchmarkScoreByID(b *testing.B) {
	for _, s := range stores {
		b.Run(s, func(b *testing.B) {
			e := dataset(b, s, citygen.Default())
			var ids []int
			err := scan(context.Background(), e.db, `SELECT id FROM evaluations WHERE project_id IS NULL ORDER BY id LIMIT 1000`, nil,
				func(rows *sql.Rows) error {
					var id int
					ids = append(ids, id)
					return rows.Scan(&ids[len(ids)-1])
				})
			if err != nil {
				b.Fatal(err)
			}
			bodies := make([][]byte, len(ids))
			for i, id := range ids {
				bodies[i] = graphQL(`query($id: ID!) { node(id: $id) { ... on Evaluation { id score grade } } }`, map[string]any{"id": fmt.Sprint(id)})
			}
			var next atomic.Int64
			b.SetParallelism(50) // with 2 CPUs, 100 clients as the load test
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var out struct{ Node *struct{ Score string } }
				for pb.Next() {
					body := bodies[int(next.Add(1))%len(bodies)]
					if err := e.post(context.Background(), body, &out); err != nil {
						b.Error(err)
						return
					}
					if out.Node == nil {
						b.Error("node(id:) returned no evaluation")
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// BenchmarkGrid20 asks the load test's 20 evaluations × 20 indicators query (the
// peer comparison's heaviest) in process, for profiles.
func BenchmarkGrid20(b *testing.B) {
	query, err := os.ReadFile("../../bench/queries/grid20.jixiao.graphql")
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range stores {
		b.Run(s, func(b *testing.B) {
			e := dataset(b, s, citygen.Default())
			body := graphQL(string(query), nil)
			b.ResetTimer()
			for b.Loop() {
				var out struct{ EvaluationRanking struct{ Edges []any } }
				if err := e.post(context.Background(), body, &out); err != nil {
					b.Fatal(err)
				}
				if len(out.EvaluationRanking.Edges) != 20 {
					b.Fatalf("%d evaluations, want 20", len(out.EvaluationRanking.Edges))
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
