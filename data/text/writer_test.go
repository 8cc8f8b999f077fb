package text

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// through writes s to a Writer in pieces of n bytes (the whole of it when
// n is 0) and returns what came out.
func through(s string, n int) string {
	var b bytes.Buffer
	w := NewWriter(&b)
	if n == 0 {
		w.Write([]byte(s))
	} else {
		for i := 0; i < len(s); i += n {
			w.Write([]byte(s[i:min(i+n, len(s))]))
		}
	}
	w.Flush()
	return b.String()
}

func TestWriter(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain\ttext\nnext line\n", "plain\ttext\nnext line\n"},
		{"Kubernetes\x1b]0;pwned\x07 talk", "Kubernetes talk"},
		{"osc52 \x1b]52;c;ZWNobyBoaQ==\x1b\\done", "osc52 done"},
		{"dsr \x1b[6n!", "dsr !"},
		{"sgr \x1b[1;31mred\x1b[0m", "sgr red"},
		{"c1 csi \u009b31mX", "c1 csi X"},
		{"c1 osc \u009d0;t\u009cY", "c1 osc Y"},
		{"dcs \x1bPq#0;2;0;0;0\x1b\\Z", "dcs Z"},
		{"bidi \u202eevil\u202c \u2066x\u2069", "bidi evil x"},
		{"zw\u200bsp\ufeffbom", "zwspbom"},
		{"bell\x07 del\x7f nul\x00 bs\x08", "bell del nul bs"},
		{"crlf\r\nkept", "crlf\r\nkept"},
		{"over\rwrite", "over\nwrite"},
		{"end\r", "end\n"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"cut é", "cut é"},
		{"cut \xc3", "cut \uFFFD"},
		{"emoji 👩‍💻 café 日本", "emoji 👩‍💻 café 日本"},
		{"esc at end \x1b", "esc at end "},
		{"two-char \x1bcreset", "two-char reset"},
		{"charset \x1b(Bok", "charset ok"},
		{"csi broken \x1b[31\nnext", "csi broken \nnext"},
	} {
		for _, n := range []int{0, 1, 2, 3, 5} {
			if got := through(tc.in, n); got != tc.want {
				t.Errorf("%q in pieces of %d: got %q, want %q", tc.in, n, got, tc.want)
			}
		}
	}
}

// FuzzWriter: whatever goes in, no control (other than tab, newline and
// the CR of a CRLF), no escape, no bidi or invisible character and no
// invalid UTF-8 comes out, and pieces give what the whole gives.
func FuzzWriter(f *testing.F) {
	for _, s := range []string{"a\x1b]0;x\x07b", "\u009b6n", "\u202e", "x\r\ny\rz", "\xc3", "\x1b[", "\x1bP\x1b\x1b\\"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		whole := through(s, 0)
		if n = n % 7; n < 0 {
			n = -n
		}
		if n > 0 {
			if got := through(s, n); got != whole {
				t.Fatalf("%q in pieces of %d: %q, whole: %q", s, n, got, whole)
			}
		}
		assertSafe(t, whole)
	})
}

func assertSafe(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8 in %q", out)
	}
	for i, r := range out {
		switch {
		case r == '\r' && strings.HasPrefix(out[i:], "\r\n"), r == '\t', r == '\n':
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || isBidiControl(r) || isInvisible(r):
			t.Fatalf("%U at %d in %q", r, i, out)
		}
	}
}

func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"title": "a\u202eb\u009bc\x7fd\u200be\x1b]0;x\x07"}
	b, _ := json.Marshal(in)
	out := EscapeJSON(b)
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if back["title"] != in["title"] {
		t.Errorf("round trip: %q, want %q", back["title"], in["title"])
	}
	if through(string(out), 0) != string(out) {
		t.Errorf("a Writer changes escaped JSON %s", out)
	}
	if s := string(out); !strings.Contains(s, `\u202e`) || !strings.Contains(s, `\u009b`) || !strings.Contains(s, `\u007f`) {
		t.Errorf("not escaped: %s", s)
	}
}

func TestOneLineBreaks(t *testing.T) {
	for in, want := range map[string]string{
		"Velocity\rBerlin":             "Velocity Berlin",
		"a\r\nb\tc":                    "a b c",
		"a\vb\fc\u2028d\u2029e\u0085f": "a b c d e f",
		"plain":                        "plain",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
