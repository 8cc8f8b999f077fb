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

# Run every fuzz target for a while (FUZZTIME=5m for longer). A name that
# matches no target fails instead of passing quietly.
FUZZTIME ?= 30s
FUZZ_DATA = FuzzFrabXML FuzzScheduleJSON FuzzICal FuzzSessionize FuzzLineupJSON \
	FuzzCleanText FuzzHTMLToText FuzzFold FuzzSearchText FuzzLongContains
FUZZ_STORE = FuzzCodec
fuzz:
	@for f in $(FUZZ_DATA); do \
		out=$$($(GO) test ./data -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) 2>&1) || { echo "$$out"; exit 1; }; \
		case "$$out" in *"no fuzz tests"*) echo "$$f: no such fuzz target"; exit 1;; esac; \
		echo "$$f: ok"; \
	done
	@for f in $(FUZZ_STORE); do \
		out=$$($(GO) test ./store -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) 2>&1) || { echo "$$out"; exit 1; }; \
		case "$$out" in *"no fuzz tests"*) echo "$$f: no such fuzz target"; exit 1;; esac; \
		echo "$$f: ok"; \
	done
