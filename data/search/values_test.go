package search_test

import (
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
)

func TestBestValue(t *testing.T) {
	tracks := []string{"Virtualization and Cloud Infrastructure", "Containers", "Go", "Kernel", "Rust", "Trust and Safety", "Rust and friends", "Décentralisé"}
	for _, tc := range []struct {
		typed string
		want  string
	}{
		{"rust", "Rust"},
		{"ru", "Rust"},
		{"a", "Virtualization and Cloud Infrastructure"}, // no value starts with a
		{"c", "Containers"}, // starts with c, before "and Cloud"
		{"t", "Trust and Safety"},
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

// On FOSDEM 2026's 70 tracks and 30 rooms.
func TestBestValueFOSDEM(t *testing.T) {
	c := corpusConference(t, "frab-xml/fosdem-2026.xml")
	f := data.FacetValues(c)
	var names []string
	for _, l := range [][]data.FacetValue{f.Rooms, f.Tracks} {
		for _, v := range l {
			names = append(names, v.Value)
		}
	}
	for typed, want := range map[string]string{
		"nix":           "Nix and NixOS",
		"rust":          "Rust",
		"go":            "Go",
		"sdr":           "Software Defined Radio(SDR)/Digital Signal Processing(DSP)",
		"open source d": "Open Source Design",
		"janson":        "Janson",
		"lameere":       "UB2.252A (Lameere)",
		"ub2":           "UB2.147",
		"risc":          "RISC-V",
		"ebpf":          "eBPF",
		"retrocomp":     "Retrocomputing",
		"retrocmputing": "Retrocomputing",
	} {
		i, ok := search.BestValue(names, typed)
		if !ok || names[i] != want {
			got := ""
			if ok {
				got = names[i]
			}
			t.Errorf("%q: %q, want %q", typed, got, want)
		}
	}
}
