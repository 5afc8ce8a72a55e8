# The verbs a newcomer types. `make run` and `make test` are the two commands in the README.
GO ?= go
ADDR ?= :8080
DB ?= sqlite://jixiao.db

.PHONY: migration run build frontend test test-go test-app test-frontend test-e2e generate bench bench-data bench-load fuzz lint clean

## run: build the web app and the server, then start it on SQLite with the demo data loaded
run: build
	./jixiao --addr $(ADDR) --db $(DB) --migrate --demo

## build: the web app, then the server binary ./jixiao that embeds it
build: frontend
	$(GO) build -o jixiao .

## frontend: install the app's packages (from the lock file) and build it into frontend/dist/app
frontend: frontend/node_modules/.installed
	cd frontend && npm run codegen && npm run build

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	# A go.mod makes node_modules a module of its own, so `go test ./...` skips the Go code some npm packages ship.
	printf 'module ignored\n' > frontend/node_modules/go.mod
	touch $@

## test: format, vet and lint checks, the build, then every test: Go beside the app's (components, then
##       the browser). The two halves run at once: each waits on its own servers and browser more than
##       it computes, and together they take about as long as the Go half alone. The build comes first,
##       so the Go tests never compile the web app while Vite rewrites it.
test: lint build
	$(MAKE) -j2 --output-sync=target test-go test-app

# test-app: the app's linter, component tests and browser tests on the app already built
test-app:
	cd frontend && npm run lint && npm test && npm run e2e

## test-go: every Go test with the race detector (package jixiao/app takes 8 minutes of a busy
## 2-core machine under -race, near go test's default limit of 10 per package: 25 is the bound)
test-go:
	$(GO) test -race -count=1 -timeout 25m ./...

test-frontend: frontend
	cd frontend && npm run lint && npm test

## test-e2e: the app in headless Chromium against the real server (needs Debian's chromium)
test-e2e: build
	cd frontend && npm run e2e

## lint: gofmt, go vet, and staticcheck (pinned in go.mod) on the hand-written packages
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v -E '^ent/|/generated/')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt-formatted:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck $$($(GO) list ./... | grep -v -E '^jixiao/ent(/|$$)|/generated|/node_modules/') ./ent/schema/...

## migration: plan the next versioned migration of both stores from the ent schema (NAME=what_it_does);
##            PostgreSQL's needs a server: JIXIAO_DEV_POSTGRES or JIXIAO_TEST_POSTGRES
migration:
	@test -n "$(NAME)" || { echo "say what the migration does: make migration NAME=add_report_table"; exit 1; }
	$(GO) run ./platform/migrate/cmd/migration $(NAME)

## generate: regenerate ent (and graph/ent.graphql), then gqlgen, with the versions pinned in go.mod
generate:
	$(GO) generate ./ent/...
	$(GO) generate ./graph/...

# The benchmarks' data sets and results live in BENCH_DIR (not in the repository). PostgreSQL
# ones are built and measured when JIXIAO_BENCH_POSTGRES (or JIXIAO_TEST_POSTGRES) names a server.
BENCH_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/jixiao-bench
BENCHTIME ?= 20x

## bench: the in-process benchmarks, API against hand SQL, interleaved (the "ratio" lines), city and province
##        (JIXIAO_BENCH_SCALE=city: the city only); run bench-data first (a missing data set is built on first use)
bench:
	JIXIAO_BENCH_DIR=$(BENCH_DIR) $(GO) test -timeout 0 -run '^$$' -bench 'Detail|Rank|Worst|Grade' -benchtime $(BENCHTIME) ./testkit/bench/
	JIXIAO_BENCH_DIR=$(BENCH_DIR) $(GO) test -timeout 0 -run '^$$' -bench 'ScoreByID' -benchtime 5s ./testkit/bench/

## fuzz: run each scoring fuzz target for FUZZTIME
FUZZTIME ?= 30s
fuzz:
	for f in FuzzScoreBounds FuzzTotalBounded FuzzMonotonePositive FuzzMonotoneReverse FuzzExplain; do \
		$(GO) test ./domain/scoring/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done

clean:
	rm -rf jixiao jixiao.db jixiao.db-wal jixiao.db-shm frontend/dist/app

## bench-data: build the city and the province into BENCH_DIR (SQLite files; PostgreSQL databases jxb_…)
bench-data:
	JIXIAO_BENCH_DIR=$(BENCH_DIR) bench/data.sh

## bench-load: the load tests against real servers and PostGraphile 4 (bench/load.sh; SCENARIOS="score grid updates rss")
bench-load:
	JIXIAO_BENCH_DIR=$(BENCH_DIR) bench/load.sh $(SCENARIOS)
