package search_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/internal/datatest"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/text"
)

// relevance is one query on a real programme with what a person typing it
// wants to see, written by reading the sessions.
type relevance struct {
	query string
	// top are the titles that must fill the first len(top) places, in any
	// order; first, when set, must be the very first hit.
	top   []string
	first string
	// above: each pair's first title ranks above its second.
	above [][2]string
	// absent must not be hits at all.
	absent []string
	// count, when set, is the exact number of hits.
	count int
}

// The two talks Lars Rossen gives at FOSDEM 2026.
var larsTalks = []string{
	"TAPPaaS: A resilient, trusted, automated private cloud based on NixOS",
	"TAPPaaS: A Sovereign PaaS Blueprint for Europe’s Public and Civic Sector",
}

var fosdem2026 = []relevance{
	// People.
	{query: "Lars", top: larsTalks},
	{query: "lars", above: [][2]string{{larsTalks[1], "Reverse Engineering the World's Largest Music Streaming Platform"},
		{larsTalks[1], "Deutsche Bahn's Approach to Large-Scale SBOM Collection and Use"}}},
	{query: "speaker:lars", top: larsTalks},
	{query: "andy wingo", first: "Wastrel: WebAssembly Without the Runtime", count: 1},
	{query: "stenberg", first: "Open Source Security in spite of AI"},
	{query: "sebastien", first: "Single-source cross-platform GPU LLM inference with Slang and Rust"},
	{query: "Thomas Munro", first: "Optimising kernels and file systems for PostgreSQL, a cross-project talk"},
	// Topics.
	{query: "rust", above: [][2]string{
		{"Rust meets cheap bare-metal RISC-V", "Trust Nothing, Trace Everything: Auditing Package Builds at Scale with OSS Rebuild"},
		{"Profiling Rust applications with Parca", "Zero Trust in Action: Architecting Secure Systems Beyond Perimeters"},
		// In the Rust track without Rust in the title, above a Rust mention
		// in an abstract only.
		{"Common Expression Language (CEL) in Rust", "Guix Container Images - and what you can do with them"},
		{"RustBoy: A Rust journey into Game Boy dev", "Build Once, Trust Always: Single-Image Secure Boot with barebox"},
	}},
	{query: "go", above: [][2]string{
		{"The state of Go", "eBPF Hookpoint Gotchas: Why Your Program Fires (or Fails) in Unexpected Ways"},
		{"Resilient file uploading with Go", "Calibrate good times! The tools and methods to get top-quality robot data."},
	}, absent: []string{"Demystifying the Mathematics of Erasure Coding"}},
	{query: "kubernetes", top: []string{"Introducing the Kubernetes Checkpoint Restore Working Group", "Run your 3D printer on Kubernetes", "Data on Kubernetes / stateless storage"}},
	{query: "ebpf", first: "eBPF Hookpoint Gotchas: Why Your Program Fires (or Fails) in Unexpected Ways"},
	{query: "openstreetmap vector", first: "A new stack for OpenStreetMap vector tiles"},
	{query: "postgres", above: [][2]string{{"Contributing to MariaDB & Postgres", "JSON Databases and Small ActivityPub Servers: A Perfect Combination"}}},
	{query: "guix", first: "Guix Container Images - and what you can do with them"},
	// Rooms.
	{query: "janson", first: "Welcome to FOSDEM 2026"},
	{query: "room:janson welcome", first: "Welcome to FOSDEM 2026", count: 1},
	// Misspellings: letters left out.
	{query: "kubernets", top: []string{"Introducing the Kubernetes Checkpoint Restore Working Group", "Data on Kubernetes / stateless storage"}},
	{query: "webasembly", top: []string{"WebAssembly Debugging with LLDB", "Wastrel: WebAssembly Without the Runtime",
		"Your Workloads Can Lose Some Weight: WebAssembly on Kubernetes", "Bringing WebAssembly to constrained devices with Rust: Runtimes, tooling, and real-world tradeoffs"}},
	{query: "postgrsql", top: []string{"Delegating SQL Parsing to PostgreSQL", "PostgreSQL and MySQL, Two Databases, Three Perspectives",
		"Zero-Downtime Upgrades: PostgreSQL and OS/glibc at Global Scale", "Optimising kernels and file systems for PostgreSQL, a cross-project talk"}},
	// Syntax.
	{query: "track:rust", count: 16, first: "Bringing WebAssembly to constrained devices with Rust: Runtimes, tooling, and real-world tradeoffs",
		absent: []string{"Stop Reinventing in Isolation: Bringing Open Source to Trust & Safety Infrastructure"}},
	{query: "rust !mercurial", absent: []string{"Rust in Mercurial: The wider benefits"}, top: []string{"tract - an efficient rust neural network inference engine"}},
	{query: "nix | guix", top: []string{"Nix and NixOS devroom opening"}, above: [][2]string{{"Guix Container Images - and what you can do with them", "Lisp is clay: the power of composable DSLs"}}},
	{query: "day:sun go", first: "The state of Go", absent: []string{"OOMProf: profiling Go heap memory at OOM time"}},
	{query: "^state", top: []string{"State of the MapLibre Tile Format", "State of WebViews - Can we fix things?", "State of the Arch: Fedora on RISC-V"},
		absent: []string{"The state of Go"}},
	{query: "'matrix", top: []string{"Community moderation in Matrix", "Matrix State of the Union", "Matrix RTC x Godot - A Battle Royal"}},
	{query: "speaker:wingo", first: "Wastrel: WebAssembly Without the Runtime", absent: []string{"VRT IQ tools at the Dwingeloo Radio Telescope"}},
}

var chaos36c3 = []relevance{
	{query: "snowden", first: "Human Rights at a Global Crossroads"},
	{query: "bahn", top: []string{"Bahn API Chaos", "BahnMining - Pünktlichkeit ist eine Zier"}},
	{query: "punktlichkeit", first: "BahnMining - Pünktlichkeit ist eine Zier"},
	{query: "room:ada hacking", count: 2, top: []string{"Messenger Hacking: Remotely Compromising an iPhone through iMessage",
		"Hacking the Media: Geflüchtete schmuggeln, Nazis torten, Pässe fälschen"}},
	{query: "tor", top: []string{"Tor relay operator meetup", "Adventures and Experiments Adding Namecoin to Tor Browser", "Tor Organizations Meetup"}},
}

var velocity2019 = []relevance{
	{query: "kubernetes hard", first: "Kubernetes the very hard way"},
	{query: "obsrvability", first: "The observability graph: Knowledge graphs for automated infrastructure observability"},
	{query: "liz", top: []string{"Observing and understanding distributed systems with OpenTelemetry", "Cultivating production excellence: Taming complex distributed systems"}},
	{query: "type:keynote day:thu", count: 5},
}

func TestRelevanceFOSDEM2026(t *testing.T) {
	checkRelevance(t, corpusConference(t, "frab-xml/fosdem-2026.xml"), fosdem2026)
}

func TestRelevance36C3(t *testing.T) {
	checkRelevance(t, corpusConference(t, "frab-xml/36c3-merged.giggity.xml"), chaos36c3)
}

func TestRelevanceBuiltin(t *testing.T) {
	checkRelevance(t, builtin.Conference(), velocity2019)
}

func corpusConference(t *testing.T, rel string) *data.Conference {
	t.Helper()
	r, err := formats.Parse(datatest.ReadCorpus(t, rel), formats.FormatAuto, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Conference
}

func checkRelevance(t *testing.T, c *data.Conference, cases []relevance) {
	titles := map[string]bool{}
	for i := range c.Sessions {
		titles[c.Sessions[i].Title] = true
	}
	known := func(q, title string) {
		if !titles[title] {
			t.Errorf("%q: the test names %q, which is not in the programme", q, title)
		}
	}
	for _, ix := range []*search.Index{search.New(c), search.NewOneShot(c)} {
		for _, tc := range cases {
			hits := ix.Run(data.Query{Text: tc.query}, nil)
			rank := map[string]int{}
			var got []string
			for k, h := range hits {
				if _, ok := rank[h.Session.Title]; !ok {
					rank[h.Session.Title] = k
				}
				if k < 8 {
					got = append(got, h.Session.Title)
				}
			}
			if tc.first != "" {
				known(tc.query, tc.first)
				if len(hits) == 0 || hits[0].Session.Title != tc.first {
					t.Errorf("%q: first %q, got %q", tc.query, tc.first, got)
				}
			}
			for _, title := range tc.top {
				known(tc.query, title)
				if k, ok := rank[title]; !ok || k >= len(tc.top) {
					t.Errorf("%q: %q should be among the first %d, got %q", tc.query, title, len(tc.top), got)
				}
			}
			for _, pair := range tc.above {
				known(tc.query, pair[0])
				known(tc.query, pair[1])
				a, okA := rank[pair[0]]
				b, okB := rank[pair[1]]
				if !okA || okB && a > b {
					t.Errorf("%q: %q (at %d, found %v) should rank above %q (at %d, found %v)", tc.query, pair[0], a, okA, pair[1], b, okB)
				}
			}
			for _, title := range tc.absent {
				known(tc.query, title)
				if _, ok := rank[title]; ok {
					t.Errorf("%q: %q should not match", tc.query, title)
				}
			}
			if tc.count > 0 && len(hits) != tc.count || tc.count == 0 && tc.first == "" && tc.top == nil && tc.above == nil && tc.absent == nil && len(hits) != 0 {
				t.Errorf("%q: %d hits, want %d", tc.query, len(hits), tc.count)
			}
			checkTiers(t, tc.query, hits)
		}
	}
}

// checkTiers checks what holds for every query: tiers never rise again
// down the list, and a one- or two-letter word is highlighted only at the
// start of a word.
func checkTiers(t *testing.T, q string, hits []search.Hit) {
	for k := 1; k < len(hits); k++ {
		if hits[k].Tier < hits[k-1].Tier {
			t.Errorf("%q: tier %d (%q) after tier %d", q, hits[k].Tier, hits[k].Session.Title, hits[k-1].Tier)
			return
		}
	}
	p := search.Parse(q)
	if len(p.Groups) != 1 || len(p.Groups[0]) != 1 || utf8.RuneCountInString(p.Groups[0][0].Text) > 2 {
		return
	}
	for _, h := range hits {
		title := []rune(h.Session.Title)
		for _, pos := range h.Title {
			if !slices.Contains(h.Title, pos-1) && pos > 0 && isLetter(title[pos-1]) {
				t.Errorf("%q: highlighted inside a word of %q at %d", q, h.Session.Title, pos)
				break
			}
		}
	}
}

func isLetter(r rune) bool {
	f := text.Fold(string(r))
	return f != "" && (f[0] >= 'a' && f[0] <= 'z' || f[0] >= '0' && f[0] <= '9' || f[0] >= 0x80 && !strings.ContainsRune("’‘“”–—", r))
}
