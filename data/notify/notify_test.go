package notify

import (
	"strings"
	"testing"
)

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		program, term string
		want          Method
	}{
		{"iTerm.app", "xterm-256color", OSC9},
		{"WezTerm", "xterm-256color", OSC9},
		{"ghostty", "xterm-ghostty", OSC9},
		{"", "xterm-ghostty", OSC9},
		{"", "wezterm", OSC9},
		{"", "foot", OSC777},
		{"", "foot-extra", OSC777},
		{"", "rxvt-unicode-256color", OSC777},
		{"tmux", "tmux-256color", Bell},
		{"iTerm.app", "screen-256color", OSC9}, // TERM_PROGRAM is checked first
		{"", "screen-256color", Bell},
		{"Apple_Terminal", "xterm-256color", Bell},
		{"", "xterm-kitty", Bell},
		{"vscode", "xterm-256color", Bell},
		{"", "", Bell},
	} {
		if got := For(tc.program, tc.term); got != tc.want {
			t.Errorf("For(%q, %q) = %v, want %v", tc.program, tc.term, got, tc.want)
		}
	}
}

func TestSequence(t *testing.T) {
	const title, body = "lineup", "starts in 4 min · Hall A1 · Kubernetes the very hard way"
	if got := Sequence(OSC9, title, body); got != "\x1b]9;lineup: starts in 4 min · Hall A1 · Kubernetes the very hard way\a" {
		t.Errorf("OSC 9: %q", got)
	}
	if got := Sequence(OSC777, title, body); got != "\x1b]777;notify;lineup;starts in 4 min · Hall A1 · Kubernetes the very hard way\a" {
		t.Errorf("OSC 777: %q", got)
	}
	if got := Sequence(Bell, title, body); got != "\a" {
		t.Errorf("bell: %q", got)
	}
	// Hostile text: BEL or ST would end the sequence early, ESC would start
	// another, C1 ST too; ";" would split OSC 777's title.
	evil := "Talk\a\x1b]52;c;cGF3bmVk\x1b\\ \u009c\u202eend\xff;x\n\tnext"
	for _, m := range []Method{OSC9, OSC777} {
		seq := Sequence(m, "a;b\x07", evil)
		inner := seq[2 : len(seq)-1]
		if strings.ContainsAny(inner, "\x1b\a\u009c\u202e\n\t") || !strings.HasSuffix(seq, "\a") {
			t.Errorf("%v: control characters survive: %q", m, seq)
		}
		if strings.Count(seq, "\a") != 1 || strings.Count(seq, "\x1b") != 1 {
			t.Errorf("%v: more than one sequence: %q", m, seq)
		}
	}
	if got := Sequence(OSC777, "a;b", "x;y"); got != "\x1b]777;notify;a,b;x;y\a" {
		t.Errorf("OSC 777 separators: %q", got)
	}
	if got := Sequence(OSC9, "", "4;50"); got != "\x1b]9;· 4;50\a" {
		t.Errorf("OSC 9 text that looks like a command: %q", got)
	}
	long := Sequence(OSC9, "", strings.Repeat("x", 500))
	if n := len([]rune(long)); n != 4+MaxText+1+1 { // ESC ] 9 ; text … BEL
		t.Errorf("long text: %d runes", n)
	}
}

// FuzzSequence: whatever the text, the result is one sequence with nothing
// inside that a terminal would act on.
func FuzzSequence(f *testing.F) {
	f.Add("lineup", "starts in 4 min · Hall A1 · Kubernetes")
	f.Add("a;b", "\x1b]52;c;x\a\u009c")
	f.Fuzz(func(t *testing.T, title, body string) {
		for _, m := range []Method{OSC9, OSC777} {
			seq := Sequence(m, title, body)
			if !strings.HasSuffix(seq, "\a") || !strings.HasPrefix(seq, "\x1b]") {
				t.Fatalf("%v: %q", m, seq)
			}
			inner := seq[2 : len(seq)-1]
			for _, r := range inner {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
					t.Fatalf("%v: control %U in %q", m, r, seq)
				}
			}
			if m == OSC777 && strings.Count(inner, ";") < 3 {
				t.Fatalf("fields lost: %q", seq)
			}
		}
	})
}
