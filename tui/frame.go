package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data/text"
)

// safeFrame is the TUI's one rule for drawn text, applied to the whole
// frame View returns: whatever a screen drew, and whatever field a reader
// forgot to clean, only text, newlines and the sequences lineup itself
// draws with reach the terminal: SGR styles (CSI … m) and OSC 8 hyperlinks.
// Every other escape sequence is dropped whole; tabs (which the layout
// counts as no cell), other controls, C1 controls, bidi controls and
// invisible format characters are dropped; invalid UTF-8 becomes U+FFFD.
func safeFrame(s string) string {
	if frameIsSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n, keep := frameEscape(s[i:])
			if keep {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t':
			// Dropped: the layout measured it as no cell.
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98:
			// A C1 sequence introducer: its body goes with it, as text.Writer does.
			n += frameBody(s[i+n:], r == 0x9b)
		case !text.Unsafe(r):
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// frameIsSafe is the fast path: no byte that could start anything unsafe
// other than the SGR and OSC 8 sequences lineup draws, checked cheaply.
func frameIsSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' || (c >= 0x20 && c < 0x7f):
			i++
		case c == 0x1b:
			n, keep := frameEscape(s[i:])
			if !keep {
				return false
			}
			i += n
		case c < utf8.RuneSelf:
			return false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || text.Unsafe(r) {
				return false
			}
			i += n
		}
	}
	return true
}

// frameEscape returns the length of the escape sequence at the start of s
// (s[0] == ESC) and whether it is one lineup draws with.
func frameEscape(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[':
		n := 2 + frameBody(s[2:], true)
		return n, n <= len(s) && s[n-1] == 'm' && n > 2
	case ']', 'P', '^', '_', 'X':
		n := 2 + frameBody(s[2:], false)
		return n, s[1] == ']' && strings.HasPrefix(s[2:], "8;")
	}
	// ESC and intermediates and a final byte.
	n := 1
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) {
		_, size := utf8.DecodeRuneInString(s[n:])
		n += size
	}
	return n, false
}

// frameBody is the length of a CSI body (csi) or of a string body up to and
// including BEL or ST.
func frameBody(s string, csi bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if csi {
			if c >= 0x40 && c <= 0x7e {
				return i + 1
			}
			if c < 0x20 || c > 0x3f {
				return i
			}
			continue
		}
		switch {
		case c == 0x07:
			return i + 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
	}
	return len(s)
}
