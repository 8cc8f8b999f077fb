package search

import (
	"slices"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
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
	queries := []string{"e", "ti", "reli", "reliab", "observ", "ubera", "naive", "operation", "co-operation", "東京", "タワ", "x86", "86_6", "final", "(final)", "kubernetes hard", "zzz", "ence", "monitor prom"}
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
	set := ix.tok.Load().sessionsWith("uberraschung", len(c.Sessions))
	if set == nil || set[0]&1 == 0 {
		t.Errorf("word index misses session 0: %v", set)
	}
	if ix.tok.Load().sessionsWith("co-operation", len(c.Sessions)) != nil {
		t.Error("a word with punctuation must fall back to reading")
	}
}

func TestNarrowingIsUsed(t *testing.T) {
	ix := New(builtin.Conference())
	q := data.Query{Text: "kub"}
	f := ix.compile(&q)
	first := ix.Run(q, nil)
	words := ix.splitWords("kube")
	cand := ix.narrowed(f.signature(), words, nil)
	if cand == nil || len(cand) != len(first) {
		t.Fatalf("after %q, %q should scan the %d earlier hits, got %v", "kub", "kube", len(first), cand)
	}
	if ix.narrowed(f.signature(), ix.splitWords("ku"), nil) != nil {
		t.Error("a shorter query must scan everything")
	}
	if ix.narrowed("other", words, nil) != nil {
		t.Error("other filters must scan everything")
	}
	notes := map[int32]string{0: "kube"}
	if got := ix.narrowed(f.signature(), words, notes); len(got) < len(first) || !slices.IsSorted(got) || !slices.Contains(got, 0) {
		t.Errorf("sessions with notes must be scanned too: %v", got)
	}
}
