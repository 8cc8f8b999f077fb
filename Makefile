# Everyday tasks. `make test` is what CI runs (after gofmt and vet).
GO ?= go

.PHONY: run build test lint bench fuzz

run:
	$(GO) run ./cmd/lineup

build:
	$(GO) build -o lineup ./cmd/lineup

test:
	$(GO) test ./...

lint:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	$(GO) vet ./...

# Speed targets live in benchmarks; see README "Speed".
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Run each reader's fuzz target for a while (FUZZTIME=5m for longer).
FUZZTIME ?= 30s
fuzz:
	for f in FuzzFrabXML FuzzScheduleJSON FuzzICal FuzzSessionize FuzzLineupJSON FuzzCleanText FuzzHTMLToText; do \
		$(GO) test ./data -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	done
