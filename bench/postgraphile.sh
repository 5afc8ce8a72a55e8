#!/usr/bin/env bash
# PostGraphile 4, the peer of the load benchmarks, on the same PostgreSQL tables as Jixiao.
#
#   bench/postgraphile.sh install            # npm ci into the cache (nothing in the repository)
#   bench/postgraphile.sh DBURL [PORT]       # serve DBURL's public schema on 127.0.0.1:PORT/graphql (default 5433)
#
# The versions are pinned by bench/postgraphile/package.json and its lock file; npm
# installs them into $JIXIAO_BENCH_DIR/postgraphile (default
# ${XDG_CACHE_HOME:-~/.cache}/jixiao-bench/postgraphile). PostGraphile 4 runs on Node 20
# (v5 needs Node 22). It serves queries only (--disable-default-mutations), with the
# simplify inflector (evaluations, departmentYear, indicators), a pool of 16
# connections as Jixiao's, and no query log. The queries bench/load.sh sends it are
# bench/queries/*.postgraphile.graphql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${JIXIAO_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jixiao-bench}/postgraphile
bin=$cache/node_modules/.bin/postgraphile

install() {
	mkdir -p "$cache"
	if [ -x "$bin" ] && cmp -s "$here/postgraphile/package-lock.json" "$cache/package-lock.json"; then
		return
	fi
	cp "$here/postgraphile/package.json" "$here/postgraphile/package-lock.json" "$cache/"
	(cd "$cache" && npm ci --no-audit --no-fund --loglevel=error)
}

if [ "${1:-}" = install ]; then
	install
	exit 0
fi
if [ $# -lt 1 ]; then
	echo "usage: $0 install | $0 postgres://USER@HOST:PORT/DB [PORT]" >&2
	exit 2
fi
install
exec "$bin" -c "$1" --schema public --host 127.0.0.1 --port "${2:-5433}" \
	--disable-default-mutations --dynamic-json --disable-query-log \
	--max-pool-size 16 --append-plugins @graphile-contrib/pg-simplify-inflector
