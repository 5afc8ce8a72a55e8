# The verbs a newcomer types. `make run` and `make test` are the two commands in the README.
GO ?= go
ADDR ?= :8080
DB ?= sqlite://jixiao.db

.PHONY: run build test generate check-generated bench fuzz lint clean

## run: build and start the server on SQLite with the demo data loaded
run: build
	./jixiao --addr $(ADDR) --db $(DB) --demo

## build: compile the server binary ./jixiao
build:
	$(GO) build -o jixiao .

## test: vet, format check and every test
test: lint
	$(GO) test -count=1 ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v -E '^ent/|/generated/')); \
	if [ -n "$$unformatted" ]; then echo "not gofmt-formatted:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## generate: regenerate ent (and graph/ent.graphql), then gqlgen, with the versions pinned in go.mod
generate:
	$(GO) generate ./ent/...
	$(GO) generate ./graph/...

## bench: the city-scale benchmarks (generates bench/testdata/city-*.db on first use)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x ./bench/

## fuzz: run each scoring fuzz target for FUZZTIME
FUZZTIME ?= 30s
fuzz:
	for f in FuzzScoreBounds FuzzTotalBounded FuzzMonotonePositive FuzzMonotoneReverse; do \
		$(GO) test ./scoring/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done

clean:
	rm -f jixiao jixiao.db jixiao.db-wal jixiao.db-shm
