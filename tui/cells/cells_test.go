package cells

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

var pieces = []string{"a", "B", " ", "é", "e\u0301", "日本", "ß", "👩‍💻", "🇧🇪", "(", "Lameere", "1/2/3", "—", "ü",
	"\u0301", "\u200d", "\ufe0f", "Ж", "д\u0483", "Ω", "ά", "ひらがな", "カタカナ", "\u3099", "한국어", "\u11a8", "ᄀ", "×", "÷", "\u00ad", "Ÿ", "ɏ", "\u0300",
	"–", "★", "☆", "’", "“", "«", "°", "\u00a0", "\u2605\ufe0f", "\u2013\u0301"}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(30) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// Every character the fast path measures alone is as wide as x/ansi says.
func TestSimpleWidthAgreesWithReference(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		if w := simpleWidth(r); w > 0 {
			n++
			if want := ansi.StringWidth(string(r)); w != want {
				t.Fatalf("simpleWidth(%U) = %d, want %d", r, w, want)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d characters take the fast path", n)
	}
}

// The word-at-a-time test agrees with the byte-at-a-time one, around every
// edge: each byte value at each of the eight places, among printable ones.
func TestPrintable8(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			want := true
			for _, x := range b {
				want = want && x >= 0x20 && x < 0x7f
			}
			if got := printable8(string(b)); got != want {
				t.Fatalf("printable8(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

// The fast functions agree with x/ansi, which measures the whole string.
func TestAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		s := randomText(r)
		w := r.IntN(40)
		full := ansi.StringWidth(s)
		if got := Width(s, 1000); got != full {
			t.Fatalf("Width(%q) = %d, want %d", s, got, full)
		}
		if got, want := Width(s, w), min(full, w+1); got != want {
			t.Fatalf("Width(%q, %d) = %d, want %d", s, w, got, want)
		}
		// ansi.Truncate counts an ASCII letter as one cell even when a
		// variation selector makes it two (as StringWidth counts it): compare
		// only where the two agree.
		if w > 0 && !strings.Contains(s, "\ufe0f") {
			if got, want := Truncate(s, w), ansi.Truncate(s, w, Ellipsis); got != want {
				t.Fatalf("Truncate(%q, %d) = %q, want %q", s, w, got, want)
			}
		}
		if tr := Truncate(s, w); ansi.StringWidth(tr) > w || !strings.HasPrefix(s, strings.TrimSuffix(tr, Ellipsis)) {
			t.Fatalf("Truncate(%q, %d) = %q", s, w, tr)
		}
		m := TruncateMiddle(s, w)
		if mw := ansi.StringWidth(m); mw > w {
			t.Fatalf("TruncateMiddle(%q, %d) = %q is %d wide", s, w, m, mw)
		}
		if full <= w && w > 0 && m != s {
			t.Fatalf("TruncateMiddle(%q, %d) = %q cut a value that fits", s, w, m)
		}
		if i := strings.Index(m, Ellipsis); full > w && w >= 3 && i >= 0 {
			if !strings.HasPrefix(s, m[:i]) || !strings.HasSuffix(s, m[i+len(Ellipsis):]) {
				t.Fatalf("TruncateMiddle(%q, %d) = %q: not a head and a tail of it", s, w, m)
			}
		}
		if mt := TruncateMiddleTail(s, w, r.IntN(w+2)); ansi.StringWidth(mt) > w || full <= w && w > 0 && mt != s {
			t.Fatalf("TruncateMiddleTail(%q, %d) = %q", s, w, mt)
		}
		if f := Fit(s, w, Middle); ansi.StringWidth(f) != w {
			t.Fatalf("Fit(%q, %d) = %q is not %d wide", s, w, f, w)
		}
	}
}

func TestTruncateMiddleKeepsRoomsApart(t *testing.T) {
	cases := map[string]string{
		"Moncreiff 1":        "Monc…f 1",
		"Moncreiff 2":        "Monc…f 2",
		"UB2.252A (Lameere)": "UB2.…ere)",
		"Hall A1":            "Hall A1",
	}
	for in, want := range cases {
		w := 8
		if strings.HasPrefix(in, "UB2") {
			w = 9
		}
		if got := TruncateMiddle(in, w); got != want {
			t.Errorf("TruncateMiddle(%q, %d) = %q, want %q", in, w, got, want)
		}
	}
	for _, c := range []struct {
		in      string
		w, tail int
		want    string
	}{
		{"Moncreiff 1 (33)", 10, 6, "Mon…1 (33)"},
		{"Moncreiff 1 (33)", 10, 0, "Moncr…(33)"},
		{"Moncreiff 1 (33)", 10, 9, "Moncr…(33)"}, // no cell left for the start: balanced
		{"Presidents Suite 2 (150)", 11, 7, "Pre…2 (150)"},
		{"Hall A1", 10, 3, "Hall A1"},
	} {
		if got := TruncateMiddleTail(c.in, c.w, c.tail); got != c.want {
			t.Errorf("TruncateMiddleTail(%q, %d, %d) = %q, want %q", c.in, c.w, c.tail, got, c.want)
		}
	}
	if got := Clip("Intermediate", 3); got != "Int" {
		t.Errorf("Clip = %q", got)
	}
}

// Cutting costs what the width costs, not what the text costs.
func TestHugeValueIsCheap(t *testing.T) {
	huge := strings.Repeat("Kubernetes ünd 日本 ", 600_000) // about 12 MB
	start := time.Now()
	for range 100 {
		Width(huge, 64)
		Truncate(huge, 60)
		TruncateMiddle(huge, 30)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("100 cuts of a 12 MB value took %v", d)
	}
	if got := ansi.StringWidth(TruncateMiddle(huge, 30)); got > 30 {
		t.Fatalf("width %d", got)
	}
}

func TestEndings(t *testing.T) {
	got := Endings([]string{"Moncreiff 1 (33)", "Moncreiff 2 (33)", "Hall A", "Main Hall A", "Janson", "Janson"}, 64)
	want := map[string]int{"Moncreiff 1 (33)": 6, "Moncreiff 2 (33)": 6, "Hall A": 6, "Main Hall A": 7, "Janson": 1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Endings[%q] = %d, want %d", k, got[k], v)
		}
	}
}

// Nothing a value holds reaches the terminal as a control sequence.
func TestControlsNeverPassThrough(t *testing.T) {
	evil := "Talk\x1b]8;;https://evil\x07 \x9b31m\x9dx\xff\u0085end\x7f"
	for _, w := range []int{1, 3, 8, 20, 80} {
		for _, out := range []string{Truncate(evil, w), Clip(evil, w), TruncateMiddle(evil, w), TruncateMiddleTail(evil, w, 5), Fit(evil, w, End)} {
			for _, r := range out {
				if r < 0x20 || r >= 0x7f && r <= 0x9f {
					t.Fatalf("width %d: %q passed control %U", w, out, r)
				}
			}
			if !utf8.ValidString(out) {
				t.Fatalf("width %d: %q is not UTF-8", w, out)
			}
			if got := ansi.StringWidth(out); got > w {
				t.Fatalf("width %d: %q is %d wide", w, out, got)
			}
		}
	}
	if got := Sanitize("a\x1bb\xffc\u0085"); got != "a\uFFFDb\uFFFDc\uFFFD" {
		t.Fatalf("Sanitize = %q", got)
	}
	if Width("a\x1bb", 10) != 3 {
		t.Fatal("a control character should count one cell, as its replacement does")
	}
}
