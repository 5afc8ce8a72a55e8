#!/usr/bin/env bash
# The load tests: real servers started from the built binary, driven by bench/load
# from a second process over HTTP.
#
#   bench/load.sh [SCENARIO…]     # default: score grid updates rss
#
#   score    score by id (node(id:) { score grade }) at 100 clients: Jixiao on SQLite
#            and on PostgreSQL, interleaved (goals ≥ 5,000 and ≥ 2,500 req/s, p99 ≤ 20 ms on SQLite)
#   grid     the 50-indicator list and the 20 evaluations × 20 indicators query, Jixiao
#            against PostGraphile 4 on the same PostgreSQL database, interleaved (goal ≥ 2×)
#   updates  updateIndicator returning the score, 8 clients, on a copy of the SQLite city
#            (goals ≥ 1,000/s, p99 ≤ 50 ms)
#   rss      the server's peak resident memory at province scale under mixed load (≤ 150 MB),
#            on SQLite and, when built, on PostgreSQL
#
# It reads the data sets from $JIXIAO_BENCH_DIR/datasets.env, written by `make bench-data`
# (PostgreSQL ones only when JIXIAO_BENCH_POSTGRES or JIXIAO_TEST_POSTGRES was set).
# Knobs: DURATION (per target per round, default 10s), ROUNDS (default 3), WARMUP (2s).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${JIXIAO_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jixiao-bench}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
run=$dir/run
mkdir -p "$run"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-2s}
ADMIN=benchadmin
ADMIN_PASSWORD=bench-admin-password-0

if [ ! -f "$dir/datasets.env" ]; then
	echo "no $dir/datasets.env: run make bench-data first" >&2
	exit 1
fi
# shellcheck disable=SC1091
. "$dir/datasets.env"

echo "building the server and the load generator"
go build -o "$run/jixiao" .
go build -o "$run/load" ./bench/load
load=$run/load

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT

# serve NAME DBURL PORT: starts a server (an administrator added first), waits for it,
# and sets PID_<NAME> and TOKEN_<NAME> (an API token: it reads everything).
serve() {
	local name=$1 db=$2 port=$3
	JIXIAO_NEW_PASSWORD=$ADMIN_PASSWORD "$run/jixiao" user add --db "$db" --username $ADMIN --role ADMIN >/dev/null 2>&1 || true
	"$run/jixiao" --db "$db" --migrate --addr "127.0.0.1:$port" >"$run/$name.log" 2>&1 &
	local pid=$!
	pids+=("$pid")
	for _ in $(seq 1 600); do
		curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
		kill -0 "$pid" 2>/dev/null || { cat "$run/$name.log" >&2; exit 1; }
		sleep 0.1
	done
	printf -v "PID_$name" %s "$pid"
	printf -v "TOKEN_$name" %s "$("$load" token -url "http://127.0.0.1:$port/query" -login "$ADMIN:$ADMIN_PASSWORD")"
}

# peer DBURL PORT: starts PostGraphile 4 on the database and waits for it.
peer() {
	psql "$1" -qc 'DO $$ BEGIN EXECUTE format($f$ALTER DATABASE %I SET jit = off$f$, current_database()); END $$'
	bench/postgraphile.sh install
	bench/postgraphile.sh "$1" "$2" >"$run/postgraphile.log" 2>&1 &
	pids+=("$!")
	for _ in $(seq 1 600); do
		curl -sf -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$2/graphql" >/dev/null 2>&1 && return
		sleep 0.1
	done
	cat "$run/postgraphile.log" >&2
	exit 1
}

# sqlite_copy SRC DST: a private copy of a cached SQLite file (servers write users and tokens).
sqlite_copy() {
	rm -f "$2" "$2-wal" "$2-shm"
	cp "$1" "$2"
}

# ids SQL DBURL|PATH: one id per line.
ids() {
	case $2 in
	postgres://*) psql "$2" -Atc "$1" ;;
	*) sqlite3 "$2" "$1" ;;
	esac
}

# score_bodies IDS OUT: node(id:) { score grade } for each evaluation id.
score_bodies() {
	while read -r id; do
		printf '{"query":"query($id: ID!) { node(id: $id) { ... on Evaluation { id score grade } } }","variables":{"id":"%s"}}\n' "$id"
	done <"$1" >"$2"
}

dept_evaluations='SELECT id FROM evaluations WHERE project_id IS NULL ORDER BY id LIMIT 1000'

scenario_score() {
	sqlite_copy "$CITY_SQLITE" "$run/city.sqlite"
	serve city_sqlite "sqlite://$run/city.sqlite" 18081
	ids "$dept_evaluations" "$run/city.sqlite" >"$run/ids.sqlite"
	score_bodies "$run/ids.sqlite" "$run/score.sqlite.jsonl"
	local targets=(-t "jixiao-sqlite|http://127.0.0.1:18081/query|$run/score.sqlite.jsonl|bearer=$TOKEN_city_sqlite|rps=5000|p99=20ms")
	if [ -n "${CITY_POSTGRES:-}" ]; then
		serve city_postgres "$CITY_POSTGRES" 18082
		ids "$dept_evaluations" "$CITY_POSTGRES" >"$run/ids.postgres"
		score_bodies "$run/ids.postgres" "$run/score.postgres.jsonl"
		targets+=(-t "jixiao-postgres|http://127.0.0.1:18082/query|$run/score.postgres.jsonl|bearer=$TOKEN_city_postgres|rps=2500")
	fi
	"$load" run -label "score by id, 100 clients, city" -c 100 -d "$DURATION" -warmup "$WARMUP" -rounds "$ROUNDS" "${targets[@]}"
	cleanup
	pids=()
}

scenario_grid() {
	if [ -z "${CITY_POSTGRES:-}" ]; then
		echo "grid: no CITY_POSTGRES in datasets.env; skipped"
		return
	fi
	serve city_postgres "$CITY_POSTGRES" 18082
	peer "$CITY_POSTGRES" 15433
	for q in worst50 grid20; do
		"$load" run -label "$q: Jixiao against PostGraphile 4, same PostgreSQL tables, 20 clients" \
			-c 20 -d "$DURATION" -warmup "$WARMUP" -rounds "$ROUNDS" \
			-t "jixiao|http://127.0.0.1:18082/query|bench/queries/$q.jixiao.graphql|bearer=$TOKEN_city_postgres" \
			-t "postgraphile|http://127.0.0.1:15433/graphql|bench/queries/$q.postgraphile.graphql"
	done
	cleanup
	pids=()
}

scenario_updates() {
	sqlite_copy "$CITY_SQLITE" "$run/updates.sqlite"
	# Overall quantitative indicators that take an actual value (no binding) of
	# department-years whose evaluation is open to edits (DRAFT or RETURNED).
	ids "SELECT i.id FROM indicators i JOIN evaluations e ON e.department_year_id = i.department_year_id AND e.project_id IS NULL
		WHERE i.project_id IS NULL AND i.kind = 'QUANTITATIVE' AND i.binding IS NULL AND e.status IN ('DRAFT', 'RETURNED')
		ORDER BY i.id LIMIT 2000" "$run/updates.sqlite" >"$run/ids.updates"
	local n=0
	while read -r id; do
		n=$((n + 1))
		printf '{"query":"mutation($id: ID!, $a: Decimal!) { updateIndicator(id: $id, input: {actual: $a}) { id score attainment version } }","variables":{"id":"%s","a":"%d"}}\n' "$id" $((n % 97 + 1))
	done <"$run/ids.updates" >"$run/updates.jsonl"
	serve updates "sqlite://$run/updates.sqlite" 18083
	"$load" run -label "updateIndicator returning the score, SQLite city, 8 clients (admin session)" \
		-c 8 -d "$DURATION" -warmup "$WARMUP" -rounds "$ROUNDS" \
		-t "jixiao-sqlite|http://127.0.0.1:18083/query|$run/updates.jsonl|login=$ADMIN:$ADMIN_PASSWORD|rps=1000|p99=50ms"
	cleanup
	pids=()
}

# mixed_bodies DB OUT: score by id, the worst 50, the 20 × 20, the first page of the
# ranking and the grade counts, in proportions 80 : 5 : 5 : 5 : 5.
mixed_bodies() {
	ids "$dept_evaluations" "$1" >"$run/ids.mixed"
	score_bodies "$run/ids.mixed" "$run/mixed.score.jsonl"
	local rank='{"query":"{ evaluationRanking(direction: DESC, first: 1000, where: {projectIDIsNil: true}) { edges { node { id score grade } } } }"}'
	local grades='{"query":"{ E: evaluations(where: {projectIDIsNil: true, grade: EXCELLENT}) { totalCount } G: evaluations(where: {projectIDIsNil: true, grade: GOOD}) { totalCount } F: evaluations(where: {projectIDIsNil: true, grade: FAIR}) { totalCount } P: evaluations(where: {projectIDIsNil: true, grade: POOR}) { totalCount } }"}'
	local worst grid
	worst=$(jq -c -Rs '{query: .}' bench/queries/worst50.jixiao.graphql)
	grid=$(jq -c -Rs '{query: .}' bench/queries/grid20.jixiao.graphql)
	local i=0
	while read -r line; do
		echo "$line"
		i=$((i + 1))
		if [ $((i % 16)) = 0 ]; then
			printf '%s\n%s\n%s\n%s\n' "$worst" "$grid" "$rank" "$grades"
		fi
	done <"$run/mixed.score.jsonl" >"$2"
}

scenario_rss() {
	if [ -z "${PROVINCE_SQLITE:-}" ]; then
		echo "rss: no PROVINCE_SQLITE in datasets.env; skipped"
		return
	fi
	sqlite_copy "$PROVINCE_SQLITE" "$run/province.sqlite"
	serve province_sqlite "sqlite://$run/province.sqlite" 18084
	mixed_bodies "$run/province.sqlite" "$run/mixed.sqlite.jsonl"
	local targets=(-t "jixiao-sqlite|http://127.0.0.1:18084/query|$run/mixed.sqlite.jsonl|bearer=$TOKEN_province_sqlite|pid=$PID_province_sqlite")
	if [ -n "${PROVINCE_POSTGRES:-}" ]; then
		serve province_postgres "$PROVINCE_POSTGRES" 18085
		mixed_bodies "$PROVINCE_POSTGRES" "$run/mixed.postgres.jsonl"
		targets+=(-t "jixiao-postgres|http://127.0.0.1:18085/query|$run/mixed.postgres.jsonl|bearer=$TOKEN_province_postgres|pid=$PID_province_postgres")
	fi
	"$load" run -label "peak RSS at province scale, mixed load, 50 clients (goal ≤ 150 MB)" \
		-c 50 -d "$DURATION" -warmup "$WARMUP" -rounds "$ROUNDS" "${targets[@]}"
	cleanup
	pids=()
}

echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB; uptime: $(uptime)"
for s in "${@:-score grid updates rss}"; do
	for one in $s; do "scenario_$one"; done
done
echo "uptime after: $(uptime)"
