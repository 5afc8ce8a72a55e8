#!/usr/bin/env bash
# Builds the benchmarks' data sets into $JIXIAO_BENCH_DIR (make bench-data): the city and
# the province (testkit/citygen) on SQLite and, when JIXIAO_BENCH_POSTGRES (or
# JIXIAO_TEST_POSTGRES) names a server, on PostgreSQL, then writes datasets.env for
# bench/load.sh. With PostgreSQL, the province's SQLite file is a row-for-row copy of
# the PostgreSQL one (bench/pgtosqlite): citygen is far slower there at that size.
# Each data set is built once and reused while the generator and the schema stay the same.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${JIXIAO_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jixiao-bench}
mkdir -p "$dir"
export JIXIAO_BENCH_DIR=$(cd "$dir" && pwd)
JIXIAO_BENCH_BUILD=1 go test -count=1 -timeout 0 -run '^TestBuildData$' -v ./testkit/bench/
# shellcheck disable=SC1091
. "$JIXIAO_BENCH_DIR/datasets.env"
if [ -n "${PROVINCE_POSTGRES:-}" ] && [ ! -f "$PROVINCE_SQLITE" ]; then
	tmp=$PROVINCE_SQLITE.copy-$$
	rm -f "$tmp" "$tmp-wal" "$tmp-shm"
	go run ./bench/pgtosqlite --from "$PROVINCE_POSTGRES" --to "$tmp"
	mv "$tmp" "$PROVINCE_SQLITE"
	rm -f "$tmp-wal" "$tmp-shm"
fi
cat "$JIXIAO_BENCH_DIR/datasets.env"
