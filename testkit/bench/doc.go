// Package bench measures the GraphQL API on the city (citygen.Default: 1,000
// departments, 250,000 indicators) and the province (Province: 10,000 / 2,000,000)
// against hand-written SQL over the same database, on SQLite and PostgreSQL, and checks
// that both give the same answers.
//
// It holds only tests: TestAnswersAgree compares the API with SQL on a small generated
// city (part of go test ./...; on PostgreSQL too when JIXIAO_TEST_POSTGRES is set), and
// the benchmarks time each workload on each store as sub-benchmarks "api" (GraphQL
// through web.NewHandler, in process) and "sql" (one query through database/sql), then
// "ratio", which runs the two in turn b.N times each (alternating which goes first) and
// reports their medians api-ms and sql-ms, api/sql, the goal (goal-ms,
// goal-api/sql) with the ratio to it (api/goal-ms, ratio/goal: at most 1 meets it), and
// the machine's load average (load1):
//
//	make bench                                   # or:
//	JIXIAO_BENCH_DIR=~/.cache/jixiao-bench JIXIAO_BENCH_POSTGRES=postgres://… \
//	    go test -run '^$' -bench . -benchtime 20x ./testkit/bench/
//
// Data sets are built on first use and kept: SQLite files in $JIXIAO_BENCH_DIR (default
// testdata, which git ignores; see citygen.Cached), PostgreSQL databases named jxb_ and
// a digest of the config, the generator's version and the schema, on the server of
// JIXIAO_BENCH_POSTGRES or JIXIAO_TEST_POSTGRES (PostgreSQL benchmarks are skipped
// without one). JIXIAO_BENCH_SCALE=city leaves the province out. TestBuildData
// (JIXIAO_BENCH_BUILD=1, make bench-data) builds them all and writes datasets.env for the
// load tests of bench/load.sh.
package bench
