# Everyday tasks. CI (.ci/run) runs lint, then `make test`, then `make race`.
GO ?= go

.PHONY: run build test race lint bench fuzz load load-serve

run:
	$(GO) run ./cmd/lineup

# Static, as the release archives are built (.goreleaser.yaml).
build:
	CGO_ENABLED=0 $(GO) build -o lineup ./cmd/lineup

test:
	$(GO) test ./...

# The tests under the race detector; cmd/lineup's process tests then start a
# -race build of lineup too.
race:
	$(GO) test -race ./...

lint:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	$(GO) vet ./...

# Speed targets live in benchmarks; see README "Speed".
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The SSH server under LOAD concurrent clients (ten key presses each): prints
# the key-to-frame latency, CPU time and peak memory.
LOAD ?= 200
load:
	$(GO) test ./cmd/lineup/serve -run '^TestLoad$$' -count=1 -v -serve.load $(LOAD)

# `lineup serve` itself with LOAD clients, each rating ten sessions in the TUI.
load-serve:
	$(GO) test ./cmd/lineup -run '^TestServeLoad$$' -count=1 -v -timeout 20m -lineup.serveload $(LOAD)

# Run every fuzz target for a while (FUZZTIME=5m for longer), each in its
# package: FUZZ lists package:target pairs. A name that matches no target
# fails instead of passing quietly. `go test ./...` runs the same targets on
# their seeds only.
FUZZTIME ?= 30s
FUZZ = \
	./data/formats:FuzzFrabXML ./data/formats:FuzzScheduleJSON ./data/formats:FuzzICal \
	./data/formats:FuzzSessionize ./data/formats:FuzzLineupJSON \
	./data/text:FuzzClean ./data/text:FuzzHTML ./data/text:FuzzFold \
	./data/search:FuzzSearchText ./data/search:FuzzLongContains ./data/search:FuzzQuerySyntax \
	./data/changes:FuzzStripCancelled ./data/fetch:FuzzRedact \
	./data/notify:FuzzSequence ./store:FuzzCodec \
	./cmd/lineup/serve:FuzzSplitCommand \
	./tui/layout:FuzzRow ./tui/timetable:FuzzGrid ./tui/prose:FuzzWrap
fuzz:
	@for pf in $(FUZZ); do \
		pkg=$${pf%%:*}; f=$${pf#*:}; \
		out=$$($(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) 2>&1) || { echo "$$out"; exit 1; }; \
		case "$$out" in *"no fuzz tests"*) echo "$$pkg $$f: no such fuzz target"; exit 1;; esac; \
		echo "$$pkg $$f: ok"; \
	done
