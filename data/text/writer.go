package text

import (
	"io"
	"unicode/utf8"
)

// Writer passes text on to a terminal with what Clean drops taken out, as it
// streams: escape sequences (CSI, OSC, DCS…, also when one is split across
// writes), C0 controls other than tab and newline, DEL, C1 controls, bidi
// override/isolate characters and invisible format characters. Invalid UTF-8
// becomes U+FFFD. "\r\n" is kept (an iCalendar file written to stdout needs
// it); a lone "\r", which would let text overwrite the line, becomes "\n".
// Unlike Clean it trims nothing: it is the last step before the terminal.
//
// A Writer is not safe for concurrent use. Flush writes out what a write left
// pending (an incomplete character or a carriage return).
type Writer struct {
	w     io.Writer
	state wstate
	part  []byte // the start of a UTF-8 character split across writes
	cr    bool   // a "\r" whose next byte is not seen yet
	out   []byte
}

type wstate uint8

const (
	wText      wstate = iota
	wEsc              // after ESC
	wEscInter         // after ESC and intermediate bytes
	wCSI              // inside a control sequence
	wString           // inside OSC, DCS, PM, APC or SOS: up to BEL or ST
	wStringEsc        // an ESC inside such a string
)

// NewWriter returns a Writer that writes the cleaned text to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write cleans p and writes the result. It reports len(p) written unless
// the underlying writer fails.
func (w *Writer) Write(p []byte) (int, error) {
	w.out = w.out[:0]
	if len(w.part) > 0 {
		// Complete the split character with as many bytes as it needs.
		need := utf8Len(w.part[0]) - len(w.part)
		take := 0
		for take < need && take < len(p) && isCont(p[take]) {
			take++
		}
		w.part = append(w.part, p[:take]...)
		rest := p[take:]
		if utf8.FullRune(w.part) || len(rest) > 0 {
			w.endPart()
		}
		w.scan(rest)
	} else {
		w.scan(p)
	}
	if len(w.out) == 0 {
		return len(p), nil
	}
	if _, err := w.w.Write(w.out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is pending: an incomplete character becomes U+FFFD and
// a carriage return a newline. An unfinished escape sequence stays dropped.
func (w *Writer) Flush() error {
	w.out = w.out[:0]
	if len(w.part) > 0 {
		w.endPart()
	}
	if w.cr {
		w.cr = false
		w.out = append(w.out, '\n')
	}
	if len(w.out) == 0 {
		return nil
	}
	_, err := w.w.Write(w.out)
	return err
}

// Fd is the file descriptor of the underlying writer, when it has one, so a
// Writer around a terminal is still known to be a terminal.
func (w *Writer) Fd() uintptr {
	if f, ok := w.w.(interface{ Fd() uintptr }); ok {
		return f.Fd()
	}
	return ^uintptr(0)
}

func (w *Writer) scan(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		if w.state == wText && !w.cr && c >= 0x20 && c < 0x7f {
			// A run of printable ASCII goes through as it is.
			j := i + 1
			for j < len(p) && p[j] >= 0x20 && p[j] < 0x7f {
				j++
			}
			w.out = append(w.out, p[i:j]...)
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			w.rune(rune(c), string(p[i:i+1]))
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) {
			w.part = append(w.part[:0], p[i:]...)
			return
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			w.rune(r, "\uFFFD")
		} else {
			w.rune(r, string(p[i:i+size]))
		}
		i += size
	}
}

// rune feeds one character, whose UTF-8 form is enc, through the state
// machine.
func (w *Writer) rune(r rune, enc string) {
	if w.cr {
		w.cr = false
		if r == '\n' {
			w.out = append(w.out, '\r', '\n')
			return
		}
		w.out = append(w.out, '\n')
	}
	switch w.state {
	case wEsc:
		switch {
		case r == '[':
			w.state = wCSI
		case r == ']' || r == 'P' || r == '^' || r == '_' || r == 'X':
			w.state = wString
		case r >= 0x20 && r <= 0x2f:
			w.state = wEscInter
		default: // the final character of a two-character sequence
			w.state = wText
		}
		return
	case wEscInter:
		if r < 0x20 || r > 0x2f {
			w.state = wText
		}
		return
	case wCSI:
		switch {
		case r >= 0x40 && r <= 0x7e:
			w.state = wText
			return
		case r >= 0x20 && r <= 0x3f:
			return
		}
		// Anything else ends the sequence and is read as text.
		w.state = wText
	case wString:
		switch r {
		case 0x07, 0x9c:
			w.state = wText
		case 0x1b:
			w.state = wStringEsc
		}
		return
	case wStringEsc:
		if r == '\\' {
			w.state = wText
		} else if r != 0x1b {
			w.state = wString
		}
		return
	}
	switch {
	case r == '\t' || r == '\n' || (r >= 0x20 && r < 0x7f):
		w.out = append(w.out, enc...)
	case r == '\r':
		w.cr = true
	case r == 0x1b:
		w.state = wEsc
	case r == 0x9b:
		w.state = wCSI
	case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f:
		w.state = wString
	case r < 0xa0 || isBidiControl(r) || isInvisible(r):
		// other controls: dropped
	default:
		w.out = append(w.out, enc...)
	}
}

// endPart feeds the split character through, as a whole write would have:
// a valid one as it is, else U+FFFD for its lead byte and each byte after
// it read on its own.
func (w *Writer) endPart() {
	part := w.part
	w.part = nil
	if r, size := utf8.DecodeRune(part); size == len(part) && (r != utf8.RuneError || size > 1) {
		w.rune(r, string(part))
		return
	}
	w.rune(utf8.RuneError, "\uFFFD")
	w.scan(part[1:])
}

func isCont(b byte) bool { return b&0xc0 == 0x80 }

// utf8Len is the length of the UTF-8 sequence that starts with b.
func utf8Len(b byte) int {
	switch {
	case b >= 0xf0:
		return 4
	case b >= 0xe0:
		return 3
	default:
		return 2
	}
}

// EscapeJSON returns encoded JSON with the characters a Writer would drop
// written as \u escapes instead: DEL, C1 controls, bidi controls and
// invisible format characters. encoding/json escapes the C0 controls itself
// but passes these through; outside strings JSON has only ASCII, so every
// one of them is inside a string, where an escape keeps its value.
func EscapeJSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf && c != 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) || isInvisible(r) {
			out = append(out, b[last:i]...)
			out = append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

const hex = "0123456789abcdef"

// Unsafe reports whether a terminal could act on r, or show it other than
// it reads: a control character other than tab and newline, DEL, a C1
// control, a bidi control or an invisible format character. Writer and
// Clean drop these.
func Unsafe(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) || isBidiControl(r) || isInvisible(r)
}
