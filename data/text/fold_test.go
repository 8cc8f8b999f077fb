package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Müller", "muller"},
		{"MÜLLER", "muller"},
		{"Mu\u0308ller", "muller"}, // already decomposed
		{"Straße", "strasse"},
		{"GROẞ", "gross"},
		{"Björn Rabenstein", "bjorn rabenstein"},
		{"François Lefèvre", "francois lefevre"},
		{"Łukasz Wójcik", "lukasz wojcik"},
		{"Søren Ødegaard", "soren odegaard"},
		{"İlker Çelik", "ilker celik"},
		{"Dvořák", "dvorak"},
		{"Þóra", "thora"},
		{"don’t", "don't"},
		{"‘quoted’", "'quoted'"},
		{"“Hello”", "\"hello\""},
		{"„Hallo“", "\"hallo\""},
		{"«bonjour»", "\"bonjour\""},
		{"A–B—C‐D", "a-b-c-d"},
		{"ﬁle ﬂow", "file flow"},
		{"ﬃ", "ffi"},
		{"Æther œuvre", "aether oeuvre"},
		{"ＡＢＣ１２", "abc12"},
		{"no\u00a0break", "no break"},
		{"soft\u00adhyphen", "softhyphen"},
		{"東京", "東京"},
		{"ガイド", "ガイド"},
		{"한국어", "한국어"},
		{"田中 太郎", "田中 太郎"},
		{"plain ASCII 123", "plain ascii 123"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Müller", "Straße", "„Hallo“ – ﬁne", "東京 ガイド", "Ωmega ΣΊΣΥΦΟΣ"} {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, Fold = %q", s, twice, once)
		}
	}
}

func TestFoldRuneMap(t *testing.T) {
	var m []int32
	got := string(AppendFold(nil, "Müßig東", &m))
	if got != "mussig東" {
		t.Fatalf("folded %q", got)
	}
	// m, ü, ß→s s, i, g, 東 (three bytes)
	want := []int32{0, 1, 2, 2, 3, 4, 5, 5, 5}
	if !slices.Equal(m, want) {
		t.Errorf("rune map %v, want %v", m, want)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Müller", "Straße", "東京", "\xff\xfe", "ﬃ", "u\u0308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m []int32
		b := AppendFold(nil, s, &m)
		if len(m) != len(b) {
			t.Fatalf("map has %d entries for %d bytes", len(m), len(b))
		}
		runes := int32(len([]rune(s)))
		for k := 1; k < len(m); k++ {
			if m[k] < m[k-1] || m[k] >= runes {
				t.Fatalf("map %v not ascending within %d runes", m, runes)
			}
		}
		if string(b) != Fold(s) {
			t.Fatalf("AppendFold %q, Fold %q", b, Fold(s))
		}
		if ref := foldReference(s); string(b) != ref {
			t.Fatalf("AppendFold %q, rune by rune %q", b, ref)
		}
	})
}

// foldReference folds one rune at a time, the slow obvious way.
func foldReference(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

func TestFoldLongASCIIRuns(t *testing.T) {
	in := "The QUICK brown Fox @[`{ JUMPS over 0123456789 lazy DOGS – Straße ABCDEFGHIJKLMNOPQRSTUVWXYZ @Z[ end"
	for cut := range len(in) {
		if got, want := Fold(in[cut:]), foldReference(in[cut:]); got != want && utf8.ValidString(in[cut:]) {
			t.Fatalf("Fold(%q) = %q, want %q", in[cut:], got, want)
		}
	}
}
