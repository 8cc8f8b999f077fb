package search

import (
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

func TestLongClass(t *testing.T) {
	for _, tc := range []struct {
		text, w string
		want    int
	}{
		{"Running Kubernetes at scale", "kubernetes", 3},
		{"running KUBERNETES", "kubernetes", 3},
		{"running KUBERNETES", "kube", 2},
		{"minikube and Kubernetes", "kube", 2},
		{"minikube", "kube", 1},
		{"MiniKube, then kube", "kube", 3},
		{"kubernete", "kubernetes", 0},
		{"", "a", 0},
		{"abc", "", 0},
		{"Low LATENCY networking", "latency", 3},
		{"latenc", "latency", 0},
		{"xLx lat", "lat", 3},
		{"xLATx", "lat", 1},
		{"Ende: Müller spricht", "muller", 3},
		{"Straße der Pariser Kommune", "strasse", 3},
		{"東京で会いましょう", "東京", 2},
		{"plain ascii", "東京", 0},
		{"1.2.3 release", "2.3", 3},
		{"it’s here", "it's", 3},
		{"algorithm", "go", 1},
	} {
		if got := longClass(tc.text, tc.w); got != tc.want {
			t.Errorf("longClass(%q, %q) = %d, want %d", tc.text, tc.w, got, tc.want)
		}
		if want := refClassOf(tc.text, tc.w); longClass(tc.text, tc.w) != want {
			t.Errorf("longClass(%q, %q) disagrees with folding the text", tc.text, tc.w)
		}
	}
}

func FuzzLongContains(f *testing.F) {
	f.Add("Running Kubernetes at scale", "kube")
	f.Add("Müller", "mul")
	f.Add("a MiniKube", "kube")
	f.Fuzz(func(t *testing.T, s, w string) {
		w = normalize(w) // as a term's text is
		if got, want := longClass(s, w), refClassOf(s, w); got != want {
			t.Fatalf("longClass(%q, %q) = %d, folding the text says %d", s, w, got, want)
		}
	})
}

// refClassOf folds the whole text and finds w's best occurrence in it.
func refClassOf(s, w string) int {
	if w == "" {
		return 0
	}
	_, c := bestOccurrence(text.Fold(s), w, allStarts)
	return c
}

// longClass is the whole-text form of what longText.class does per
// session, on an abstract alone.
func longClass(s, w string) int {
	var buf []byte
	l := longText{buf: &buf}
	return l.class(&data.Session{Abstract: s}, w)
}
