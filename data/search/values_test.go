package search_test

import (
	"testing"

	"github.com/lineup-tui/lineup/data/search"
)

func TestBestValue(t *testing.T) {
	tracks := []string{"Containers", "Go", "Kernel", "Rust", "Trust and Safety", "Rust and friends", "Virtualization and Cloud Infrastructure", "Décentralisé"}
	for _, tc := range []struct {
		typed string
		want  string
	}{
		{"rust", "Rust"},
		{"ru", "Rust"},
		{"RUST and", "Rust and friends"},
		{"saf", "Trust and Safety"},
		{"go", "Go"},
		{"cloud", "Virtualization and Cloud Infrastructure"},
		{"virt cloud", "Virtualization and Cloud Infrastructure"},
		{"decent", "Décentralisé"},
		{"kernl", "Kernel"}, // fuzzy, four letters
		{"rst", ""},         // three letters: no fuzzy
		{"ust", "Rust"},     // inside a word
		{"zz", ""},
		{"  ", ""},
	} {
		i, ok := search.BestValue(tracks, tc.typed)
		got := ""
		if ok {
			got = tracks[i]
		}
		if got != tc.want {
			t.Errorf("%q: %q, want %q", tc.typed, got, tc.want)
		}
	}
}
