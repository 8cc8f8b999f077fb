package text

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data/internal/datatest"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Hello, world", "Hello, world"},
		{"invisible format characters", "ab\u200bc\u200cd\u2060e\ufefff\u00adg", "abcdefg"},
		{"zero-width joiner kept for emoji", "👩\u200d💻", "👩\u200d💻"},
		{"trim", "  padded \n", "padded"},
		{"tabs and newlines kept", "a\tb\nc", "a\tb\nc"},
		{"crlf", "one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"},
		{"lone cr", "one\rtwo", "one\ntwo"},
		{"csi colour", "\x1b[31mred\x1b[0m text", "red text"},
		{"csi cursor", "a\x1b[2J\x1b[1;1Hb", "ab"},
		{"csi private", "x\x1b[?25ly", "xy"},
		{"osc bel", "\x1b]0;evil title\x07after", "after"},
		{"osc st", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_payload\x1b\\b", "ab"},
		{"two byte esc", "a\x1bcb", "ab"},
		{"esc intermediates", "a\x1b(Bb", "ab"},
		{"trailing esc", "abc\x1b", "abc"},
		{"unterminated osc", "abc\x1b]0;title", "abc"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"c1 other", "a\u0085b\u0080c", "abc"},
		{"c0", "a\x00b\x07c\x08d\x0be\x0cf\x7fg", "abcdefg"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolates", "\u2066x\u2069\u2067y\u2068z", "xyz"},
		{"marks", "a\u200eb\u200fc\u061cd", "abcd"},
		{"invalid utf8", "ok\xffok\xc3", "ok\uFFFDok\uFFFD"},
		{"unicode kept", "Grüße, 日本, emoji 🎉 – ’quotes’", "Grüße, 日本, emoji 🎉 – ’quotes’"},
		{"nbsp kept inside", "a\u00a0b", "a\u00a0b"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for in, want := range map[string]bool{
		"plain text":           false,
		"a < b & c > d":        false,
		"<p>para</p>":          true,
		"<P CLASS=x>para</P>":  true,
		"line<BR/>":            true,
		"Tom &amp; Jerry":      true,
		"&#8217;":              true,
		"<ul><li>x</li></ul>":  true,
		"x <Strong>y</Strong>": true,
		"<unknown>":            false,
	} {
		if got := LooksLikeHTML(in); got != want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain unchanged", "Just some text.\n\nTwo paragraphs.", "Just some text.\n\nTwo paragraphs."},
		{"plain with angle", "a < b and c > d", "a < b and c > d"},
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"paragraph whitespace", "<p>\n  One\n  line  </p>\n\n<p>Two</p>", "One line\n\nTwo"},
		{"br", "first<br>second<br/>third", "first\nsecond\nthird"},
		{"list", "<p>Items:</p><ul><li>one</li><li>two</li></ul><p>after</p>", "Items:\n\n• one\n• two\n\nafter"},
		{"ordered list", "<ol><li>a</li><li>b</li></ol>", "• a\n• b"},
		{"nested list", "<ul><li>outer<ul><li>inner</li></ul></li><li>next</li></ul>", "• outer\n  • inner\n• next"},
		{"link with other text", `see <a href="https://example.com/x">the site</a>.`, "see the site (https://example.com/x)."},
		{"link same text", `<a href="https://example.com">https://example.com</a>`, "https://example.com"},
		{"relative link", `<a href="/local">here</a>`, "here"},
		{"entities", "<p>Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#8217; &eacute;</p>", "Tom & Jerry <3 \"cheese\" ’ é"},
		{"nbsp", "<p>a&nbsp;b</p>", "a\u00a0b"},
		{"script removed", "<p>safe</p><script>alert('x')</script><style>p{}</style><p>more</p>", "safe\n\nmore"},
		{"heading", "<h2>Title</h2><p>Body</p>", "Title\n\nBody"},
		{"inline tags", "<p>An <em>important</em> <strong>point</strong>.</p>", "An important point."},
		{"escapes inside html", "<p>\x1b[31mred\x1b[0m\u202e</p>", "red"},
		{"div", "<div>one</div><div>two</div>", "one\n\ntwo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.in); got != tt.want {
				t.Errorf("HTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkClean reports what in s could still reach a terminal unsafely.
func checkClean(t *testing.T, in, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 from %q: %q", in, s)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) || isInvisible(r) {
			t.Fatalf("control %U left in %q (from %q)", r, s, in)
		}
	}
	if s != strings.TrimSpace(s) {
		t.Fatalf("untrimmed %q", s)
	}
}

func textSeeds(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mred", "\x1b]0;t\x07", "\x1bP\x1b\\", "a\r\nb", "\xff\xfe", "\u202e", "\u009b1m",
		"<p>x</p>", "<ul><li>a<ul><li>b</li></ul></li></ul>", `<a href="https://x">y</a>`, "&amp;&#0;&#x110000;",
		"<script>x</script>", "<p>\x1b[2J</p>",
	} {
		f.Add(s)
	}
	for _, b := range datatest.CorpusSeeds(20000, "frab-xml/fosdem-2026.xml") {
		f.Add(string(b))
	}
}

func FuzzClean(f *testing.F) {
	textSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		out := Clean(in)
		checkClean(t, in, out)
		if again := Clean(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}

func FuzzHTML(f *testing.F) {
	textSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		checkClean(t, in, HTML(in))
	})
}

func TestHTMLLayout(t *testing.T) {
	in := "<p>Intro with a <a href=\"https://example.org/\">link</a>.</p>\n<ul>\n <li><p>First</p></li>\n <li>Second</li>\n</ul>\n<table><tr><td>a</td><td>b</td></tr></table>"
	want := "Intro with a link (https://example.org/).\n\n• First\n• Second\n\na b"
	if got := HTML(in); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
