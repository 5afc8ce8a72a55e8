// Package bench measures the GraphQL API on a city-scale data set against hand-written
// SQL over the same SQLite file, and checks that both give the same answers.
//
// It holds only tests: TestAnswersAgree compares the API with SQL on a small generated
// city (part of go test ./...), and the benchmarks time three workloads on the city of
// citygen.Default(), each as a sub-benchmark "api" (GraphQL through web.NewHandler,
// in process) and "sql" (one query through database/sql), followed by "ratio", which
// reports api-ms, sql-ms and api/sql:
//
//	JIXIAO_BENCH_DIR=/tmp/citygen-bench go test -run '^$' -bench . -benchtime 20x ./bench/
//
// The city's SQLite file is built on first use (about 10 s) in $JIXIAO_BENCH_DIR, or in
// bench/testdata, whose contents git ignores.
package bench
