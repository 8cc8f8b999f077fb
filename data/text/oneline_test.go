package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// OneLine's fast path gives what the plain rule gives: fold the line
// breaks and tabs when the text has one, else leave it as it is.
func TestOneLineFastPath(t *testing.T) {
	plain := func(s string) string {
		if !strings.ContainsAny(s, "\n\t\r\v\f\u0085\u2028\u2029") {
			return s
		}
		return strings.Join(strings.Fields(s), " ")
	}
	parts := []string{"a", "Kube", " ", "  ", "\n", "\t", "\r", "\v", "\f", "\u0085", "\u2028", "\u2029",
		"\u00a0", "é", "–", "…", "\u2003", "\x00", "\x1b", "日本", "€"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		if s := b.String(); OneLine(s) != plain(s) {
			t.Fatalf("OneLine(%q) = %q, want %q", s, OneLine(s), plain(s))
		}
	}
}
