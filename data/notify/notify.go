// Package notify encodes a desktop notification as the bytes a terminal
// understands: OSC 9 or OSC 777 where the terminal is known to show them,
// else the bell. It writes nothing itself; the TUI sends the sequence with
// its output.
//
// Which terminals get what, by $TERM_PROGRAM then $TERM:
//
//	iTerm2 (TERM_PROGRAM=iTerm.app)                         OSC 9
//	WezTerm (TERM_PROGRAM=WezTerm, TERM=wezterm)            OSC 9
//	Ghostty (TERM_PROGRAM=ghostty, TERM=xterm-ghostty)      OSC 9
//	foot (TERM=foot, foot-extra, foot-*)                    OSC 777
//	rxvt-unicode (TERM=rxvt-unicode*, with its notify extension) OSC 777
//	tmux and screen (TERM_PROGRAM=tmux, TERM=tmux*, screen*) bell
//	anything else (Apple Terminal, kitty, VTE, VS Code, …)  bell
//
// Inside tmux or screen the bell is used even when the outer terminal could
// show more: a multiplexer drops unknown OSC sequences unless passthrough
// is configured, but turns the bell into its own alert.
package notify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Method is how a notification reaches the terminal.
type Method int

const (
	// Bell rings the terminal bell (BEL): every terminal has it.
	Bell Method = iota
	// OSC9 is "ESC ] 9 ; text BEL" (iTerm2, WezTerm, Ghostty).
	OSC9
	// OSC777 is "ESC ] 777 ; notify ; title ; body BEL" (foot, urxvt).
	OSC777
)

func (m Method) String() string {
	switch m {
	case OSC9:
		return "osc9"
	case OSC777:
		return "osc777"
	}
	return "bell"
}

// MaxText is the most runes of title and body a notification carries;
// longer text is cut with "…".
const MaxText = 200

// For picks the method for a terminal from $TERM_PROGRAM and $TERM.
func For(termProgram, term string) Method {
	switch strings.ToLower(termProgram) {
	case "iterm.app", "wezterm", "ghostty":
		return OSC9
	case "tmux", "screen":
		return Bell
	}
	term = strings.ToLower(term)
	switch {
	case strings.HasPrefix(term, "tmux"), strings.HasPrefix(term, "screen"):
		return Bell
	case term == "wezterm", term == "xterm-ghostty":
		return OSC9
	case term == "foot" || strings.HasPrefix(term, "foot-"), strings.HasPrefix(term, "rxvt-unicode"):
		return OSC777
	}
	return Bell
}

// Sequence returns the bytes that show a notification with the given
// title and body by method m. Title and body are cleaned first: control
// characters (C0, DEL, C1) and invalid UTF-8 cannot end the sequence early
// or smuggle another one in, and OSC 777's field separator ";" cannot
// appear in the title. The bell carries no text.
func Sequence(m Method, title, body string) string {
	switch m {
	case OSC9:
		text := clean(title, false)
		if b := clean(body, false); b != "" {
			if text != "" {
				text += ": "
			}
			text += b
		}
		// Some terminals read "ESC ] 9 ; <digits> ;" as a command
		// (ConEmu and Windows Terminal: progress, working directory).
		if text != "" && text[0] >= '0' && text[0] <= '9' {
			text = "· " + text
		}
		return "\x1b]9;" + text + "\a"
	case OSC777:
		return "\x1b]777;notify;" + clean(title, true) + ";" + clean(body, false) + "\a"
	}
	return "\a"
}

// clean drops control characters, turns runs of white space into one
// space, trims, cuts to MaxText runes and, for fields, replaces ";".
func clean(s string, field bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	n, space := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			continue
		case unicode.In(r, unicode.Cf) && r != '\u200d': // bidi overrides and friends
			continue
		case field && r == ';':
			r = ','
		}
		if n >= MaxText {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	out := b.String()
	if !utf8.ValidString(out) {
		return ""
	}
	return out
}
