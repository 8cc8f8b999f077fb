package search

import (
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data/text"
)

func TestLongContains(t *testing.T) {
	for _, tc := range []struct {
		text, w string
		want    bool
	}{
		{"Running Kubernetes at scale", "kubernetes", true},
		{"running KUBERNETES", "kubernetes", true},
		{"kubernete", "kubernetes", false},
		{"", "a", false},
		{"abc", "", true},
		{"Low LATENCY networking", "latency", true},
		{"latenc", "latency", false},
		{"xLx lat", "lat", true},
		{"Ende: Müller spricht", "muller", true},
		{"Straße der Pariser Kommune", "strasse", true},
		{"東京で会いましょう", "東京", true},
		{"plain ascii", "東京", false},
		{"1.2.3 release", "2.3", true},
		{"it’s here", "it's", true},
	} {
		if got := longContains(tc.text, tc.w); got != tc.want {
			t.Errorf("longContains(%q, %q) = %v, want %v", tc.text, tc.w, got, tc.want)
		}
		// Same answer as folding the whole text.
		if want := strings.Contains(text.Fold(tc.text), tc.w); longContains(tc.text, tc.w) != want {
			t.Errorf("longContains(%q, %q) disagrees with Fold", tc.text, tc.w)
		}
	}
}

func FuzzLongContains(f *testing.F) {
	f.Add("Running Kubernetes at scale", "kube")
	f.Add("Müller", "mul")
	f.Fuzz(func(t *testing.T, s, w string) {
		w = text.Fold(w)
		if got, want := longContains(s, w), strings.Contains(text.Fold(s), w); got != want {
			t.Fatalf("longContains(%q, %q) = %v, Fold says %v", s, w, got, want)
		}
	})
}

// longContains is the whole-text form of what longText.contains does per
// session: it reports whether text.Fold(text) contains the folded word w,
// without folding plain ASCII text.
func longContains(s, w string) bool {
	if !text.IsASCII(s) {
		return strings.Contains(text.Fold(s), w)
	}
	return asciiContainsFold(s, w)
}
