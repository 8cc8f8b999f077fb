package search

import (
	"encoding/binary"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/synth"
)

// The word index of the long fields must give exactly what reading them
// gives.
func TestTokenIndexMatchesScan(t *testing.T) {
	c := builtin.Conference()
	c.Sessions[0].Abstract += " Überraschung: naïve co-operation, 東京タワー and x86_64 (ﬁnal)."
	ix := New(c)
	ix.Wait()
	if ix.tok.Load() == nil {
		t.Fatal("no word index after Wait")
	}
	queries := []string{"e", "ti", "re", "aive", "reli", "reliab", "observ", "ubera", "naive", "operation", "co-operation", "東京", "タワ", "x86", "86_6", "final", "(final)", "kubernetes hard", "zzz", "ence", "monitor prom"}
	for _, q := range queries {
		with := ix.Run(data.Query{Text: q}, nil)
		saved := ix.tok.Load()
		ix.tok.Store(nil)
		without := ix.Run(data.Query{Text: q}, nil)
		ix.tok.Store(saved)
		if len(with) != len(without) {
			t.Errorf("%q: %d hits with the word index, %d without", q, len(with), len(without))
			continue
		}
		for k := range with {
			if with[k].Session != without[k].Session || with[k].Score != without[k].Score || !slices.Equal(with[k].Title, without[k].Title) {
				t.Errorf("%q: hit %d differs", q, k)
			}
		}
	}
	// A word in the abstract only is found through the index.
	if got := ix.Run(data.Query{Text: "uberraschung"}, nil); len(got) != 1 || got[0].Session != &c.Sessions[0] {
		t.Errorf("uberraschung: %d hits", len(got))
	}
	set, whole := ix.tok.Load().sessionsWith("uberraschung", len(c.Sessions), false)
	if set == nil || set[0]&1 == 0 || whole[0]&1 == 0 {
		t.Errorf("word index misses session 0: %v %v", set, whole)
	}
	set, whole = ix.tok.Load().sessionsWith("uberr", len(c.Sessions), true)
	if set == nil || set[0]&1 == 0 || whole[0]&1 != 0 {
		t.Errorf("a word start is not a whole word: %v %v", set, whole)
	}
	if set, _ = ix.tok.Load().sessionsWith("berraschung", len(c.Sessions), true); set[0]&1 != 0 {
		t.Error("inside a word is not a word start")
	}
	if set, _ = ix.tok.Load().sessionsWith("co-operation", len(c.Sessions), false); set != nil {
		t.Error("a word with punctuation must fall back to reading")
	}
}

func TestNarrowingIsUsed(t *testing.T) {
	ix := New(builtin.Conference())
	q := data.Query{Text: "kube"}
	f := ix.compile(&q)
	first := ix.Run(q, nil)
	_, words, _ := ix.compileText("kubern")
	cand := ix.narrowed(f.signature(), words, nil)
	if cand == nil || len(cand) != len(first) {
		t.Fatalf("after %q, %q should scan the %d earlier hits, got %v", "kube", "kubern", len(first), cand)
	}
	if _, ku, _ := ix.compileText("kub"); ix.narrowed(f.signature(), ku, nil) != nil {
		t.Error("a shorter query must scan everything")
	}
	if ix.narrowed("other", words, nil) != nil {
		t.Error("other filters must scan everything")
	}
	notes := map[int32]string{0: "kube"}
	if got := ix.narrowed(f.signature(), words, notes); len(got) < len(first) || !slices.IsSorted(got) || !slices.Contains(got, 0) {
		t.Errorf("sessions with notes must be scanned too: %v", got)
	}
	ix.Run(data.Query{Text: "kube !go"}, nil)
	if ix.narrowed(f.signature(), words, nil) != nil {
		t.Error("after a negated term, everything must be scanned")
	}
}

// implies decides when the last search's hits can be narrowed; each case
// where it says yes must really be a narrowing (the reference test checks
// results, this checks the rules).
func TestImplies(t *testing.T) {
	for _, tc := range []struct {
		old, now string
		want     bool
	}{
		{"kube", "kube", true},
		{"kube", "kubern", true},
		{"kube", "minikube", true},
		{"k", "ku", true},       // word starts, extended
		{"ku", "kub", false},    // kub matches inside words
		{"kub", "kube", false},  // kube matches fuzzily
		{"kub", "'kube", false}, // flags differ
		{"'kub", "'kube", true},
		{"go", "ago", false},
		{"^ku", "^kub", true},
		{"^kub", "^mkub", false},
		{"ube$", "kube$", true},
		{"ube$", "uber$", false},
		{"o$", "go$", false},
		{"title:kube", "title:kubern", true},
		{"title:kube", "kubern", false},
		{"track:ru", "track:rust", false},
		{"track:rust", "track:rust", true},
		{"!kube", "!kube", false},
		{"kube", `"kube lat"`, true},
		{`"kube la"`, `"kube lat"`, true},
	} {
		o, n := Parse(tc.old).Groups[0][0], Parse(tc.now).Groups[0][0]
		if got := implies(n, o); got != tc.want {
			t.Errorf("implies(%q, %q) = %v, want %v", tc.now, tc.old, got, tc.want)
		}
	}
}

// A snapshot whose word index names a session that does not exist loads
// (that check waits for first use), but its word index is not used: a
// search with words is not covered, so it goes to the whole conference,
// and a search on the snapshot still runs.
func TestSnapshotDamagedWordIndexIsNotUsed(t *testing.T) {
	c := builtin.Conference()
	b, err := EncodeSnapshot(c)
	if err != nil {
		t.Fatal(err)
	}
	sn, err := LoadSnapshot(b)
	if err != nil {
		t.Fatal(err)
	}
	q := data.Query{Text: "kubernetes"}
	if !sn.Covers(q) {
		t.Fatal("a whole snapshot does not cover a plain word")
	}
	tok := sn.ix.tok.Load()
	if len(tok.post) == 0 {
		t.Fatal("no postings to damage")
	}
	at := int(uintptr(unsafe.Pointer(&tok.post[len(tok.post)/2])) - uintptr(unsafe.Pointer(&b[0])))
	if at < 0 || at+4 > len(b) {
		t.Fatal("the snapshot was read from a copy")
	}
	d := slices.Clone(b)
	binary.NativeEndian.PutUint32(d[at:], uint32(len(c.Sessions)+7))
	dam, err := LoadSnapshot(d)
	if err != nil {
		t.Fatalf("the damage is found at load: %v", err)
	}
	if dam.Covers(q) {
		t.Fatal("a damaged word index covers a search")
	}
	if dam.ix.tok.Load().usable() {
		t.Fatal("a damaged word index is usable")
	}
	dam.Index().Run(q, nil) // runs, without the word index
}

// The word index built on several cores is the one a single pass builds,
// to the byte, and so is the snapshot that holds it.
func TestWordIndexOnEveryCoreIsTheSinglePass(t *testing.T) {
	c := synth.Generate(3*tokenMinPart+17, 9)
	c.Prepare()
	ix := New(c)
	ix.Wait()
	at := func(int) func(i int) string { return ix.long.at }
	one := buildTokensOn(len(c.Sessions), 1, at)
	for _, workers := range []int{2, 3} {
		got := buildTokensOn(len(c.Sessions), workers, at)
		if got.vocab != one.vocab || !slices.Equal(got.start, one.start) ||
			!slices.Equal(got.pstart, one.pstart) || !slices.Equal(got.post, one.post) {
			t.Fatalf("%d cores: a word index unlike the single pass's (%d words, %d postings; %d, %d)",
				workers, len(got.start), len(got.post), len(one.start), len(one.post))
		}
	}
	if len(one.start) < 100 || len(one.post) < len(c.Sessions) {
		t.Fatalf("%d words, %d postings: the test shows little", len(one.start), len(one.post))
	}
	old := runtime.GOMAXPROCS(1)
	single, err := EncodeSnapshot(c)
	runtime.GOMAXPROCS(3)
	multi, err2 := EncodeSnapshot(c)
	runtime.GOMAXPROCS(old)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	if !slices.Equal(single, multi) {
		t.Fatal("the snapshot made on three cores differs from the one made on one")
	}
}
