// Package cells measures and shortens plain text in terminal cells. Every
// function here costs at most in proportion to the width asked for, never to
// the length of the text: a schedule can hold a title of megabytes, and a row
// only ever shows a few dozen cells of it.
//
// The text is plain (no escape sequences): schedules are cleaned at import,
// and styles are applied after cutting.
package cells

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks where text was cut.
const Ellipsis = "…"

// Next returns the first grapheme cluster of s (which must not be empty) and
// its width in cells. A control character (C0, DEL, C1) or a byte that is
// not UTF-8 is a cluster of its own, one cell wide: the functions that cut
// text draw it as "\uFFFD" (see Sanitize), so nothing in a value can reach
// the terminal as a control sequence.
func Next(s string) (string, int) { return next(s) }

func next(s string) (string, int) {
	if c := s[0]; c < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf || c < 0x20 || c == 0x7f) {
		// ASCII not followed by a combining mark: one byte, one cell.
		return s[:1], 1
	}
	if c := s[0]; c >= 0x20 && c < 0x7f {
		// Printable ASCII before a letter of a common script ("Fußmann"):
		// such a letter never joins what comes before it.
		if r2, _ := utf8.DecodeRuneInString(s[1:]); simpleWidth(r2) > 0 {
			return s[:1], 1
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 || r >= 0x80 && r <= 0x9f {
		return s[:n], 1
	}
	if simpleWidth(r) > 0 {
		// A letter of a common script followed by the end, ASCII or another
		// such letter is a cluster on its own: no segmentation needed.
		if n == len(s) || s[n] < utf8.RuneSelf {
			return s[:n], simpleWidth(r)
		}
		if r2, _ := utf8.DecodeRuneInString(s[n:]); simpleWidth(r2) > 0 {
			return s[:n], simpleWidth(r)
		}
	}
	g, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
	if g == "" {
		return s[:n], 1
	}
	// A cluster never swallows a control character that follows it.
	for i, r := range g {
		if i > 0 && (r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError) {
			return next(s[:i])
		}
	}
	return g, w
}

// Sanitize replaces each control character (C0, DEL, C1) and each byte that
// is not UTF-8 in s with "\uFFFD", which like them counts one cell. Every
// function here that returns text returns it sanitized.
func Sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				clean = false
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r >= 0x80 && r <= 0x9f {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r < 0x20 || r >= 0x7f && r <= 0x9f {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Width returns the width of s in cells, counting at most limit cells: a
// value wider than limit reports limit + 1, so callers can tell "fits" from
// "does not fit" without measuring the rest.
func Width(s string, limit int) int {
	w := 0
	for s != "" {
		// A run of printable ASCII, each not followed by a combining mark,
		// is one cell a byte.
		i := 0
		// Eight bytes at a time while they all are, and the byte after
		// them is ASCII too.
		for i+8 < len(s) && s[i+8] < utf8.RuneSelf && printable8(s[i:i+8]) {
			i += 8
			if w+i > limit {
				return limit + 1
			}
		}
		for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			i++
			if w+i > limit {
				return limit + 1
			}
		}
		if i > 0 {
			w += i
			s = s[i:]
			continue
		}
		g, gw := next(s)
		w += gw
		if w > limit {
			return limit + 1
		}
		s = s[len(g):]
	}
	return w
}

// printable8 reports whether the eight bytes of s (len(s) == 8) are all
// printable ASCII (0x20–0x7e), testing them as one word.
func printable8(s string) bool {
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	if x&highs != 0 {
		return false // a byte of 0x80 or more
	}
	// With every byte under 0x80, a byte under 0x20 borrows into its top
	// bit when 0x20 is taken from each, and so does a 0x7f once flipped
	// to zero.
	below := (x - 0x20*ones) & ^x & highs
	del := x ^ 0x7f*ones
	return below == 0 && (del-ones)&^del&highs == 0
}

// head returns the longest prefix of s that fits in w cells, its width, and
// whether it is the whole of s.
func head(s string, w int) (string, int, bool) {
	used, i := 0, 0
	for i < len(s) {
		g, gw := next(s[i:])
		if used+gw > w {
			return s[:i], used, false
		}
		used += gw
		i += len(g)
	}
	return s, used, true
}

// tail returns the longest suffix of s that fits in w cells and its width.
// Only the last few bytes of s are looked at.
func tail(s string, w int) (string, int) {
	// A cell is at most a few bytes in practice; 16 bytes a cell leaves room
	// for combining marks and emoji sequences.
	start := max(0, len(s)-16*(w+1))
	for start > 0 && start < len(s) && !utf8.RuneStart(s[start]) {
		start++
	}
	part := s[start:]
	if start > 0 && part != "" {
		// The cut may have split a cluster: drop its first piece.
		g, _ := next(part)
		part = part[len(g):]
	}
	// Widths of the clusters of part, then keep the last ones that fit.
	type cl struct{ off, w int }
	var cls []cl
	for off := 0; off < len(part); {
		g, gw := next(part[off:])
		cls = append(cls, cl{off, gw})
		off += len(g)
	}
	used := 0
	from := len(part)
	for k := len(cls) - 1; k >= 0; k-- {
		if used+cls[k].w > w {
			break
		}
		used += cls[k].w
		from = cls[k].off
	}
	return part[from:], used
}

// Truncate shortens s to at most w cells, ending in "…" when it was cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	h, _, whole := head(s, w)
	if whole {
		return Sanitize(h)
	}
	h, _, _ = head(s, w-1)
	return Sanitize(h) + Ellipsis
}

// Clip shortens s to at most w cells without marking the cut ("Intermediate"
// at 3 cells is "Int").
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	h, _, _ := head(s, w)
	return Sanitize(h)
}

// TruncateMiddle shortens s to at most w cells by cutting out its middle,
// keeping the start and the end: "UB2.252A (Lameere)" at 12 cells is
// "UB2.2…meere)". Names that differ only at the end (rooms "Moncreiff 1",
// "Moncreiff 2") stay apart. The end gets the smaller half.
func TruncateMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return TruncateMiddleTail(s, w, 0)
}

// TruncateMiddleTail is TruncateMiddle keeping at least minTail cells of
// the end when that leaves room for a cell of the start: "Moncreiff 1 (33)"
// at 10 cells with minTail 6 is "Mon…1 (33)", where TruncateMiddle gives
// "Moncr…(33)".
func TruncateMiddleTail(s string, w, minTail int) string {
	if w <= 0 {
		return ""
	}
	h, _, whole := head(s, w)
	if whole {
		return Sanitize(h)
	}
	if w < 3 {
		return Truncate(s, w)
	}
	keep := w - 1
	want := keep / 2
	if minTail > want && minTail < keep {
		want = minTail
	}
	t, tw := tail(s, want)
	h, _, _ = head(s, keep-tw)
	return Sanitize(h) + Ellipsis + Sanitize(t)
}

// Mode says how a value too wide for its column is shortened.
type Mode uint8

const (
	// End cuts the end and marks it with "…" (titles, speakers).
	End Mode = iota
	// Middle cuts the middle, keeping the distinguishing end (rooms).
	Middle
	// Plain cuts the end without a mark (short codes such as levels).
	Plain
)

// Cut shortens s to at most w cells the way mode says.
func Cut(s string, w int, mode Mode) string {
	switch mode {
	case Middle:
		return TruncateMiddle(s, w)
	case Plain:
		return Clip(s, w)
	}
	return Truncate(s, w)
}

// Fit cuts s to w cells the way mode says and pads it with spaces to exactly
// w cells.
func Fit(s string, w int, mode Mode) string {
	if w <= 0 {
		return ""
	}
	s = Cut(s, w, mode)
	if pad := w - Width(s, w); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// simpleWidth is the width of a letter that never joins a grapheme cluster
// with its neighbours (Latin, Greek and Cyrillic letters; CJK ideographs,
// kana and Hangul syllables), or 0 for any other rune, which takes the slow
// path. Combining marks, joiners, jamo and the like are outside these ranges.
func simpleWidth(r rune) int {
	switch {
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7:
		return 1
	case r >= 0x386 && r <= 0x3CE, r >= 0x400 && r <= 0x482:
		return 1
	case r >= 0xA0 && r <= 0xBF && r != 0xAD, r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E, r == 0x2605, r == 0x2606:
		// Latin-1 signs (not the soft hyphen), dashes, quotes, dots and
		// the rating stars: the time ranges and ratings of every row.
		return 1
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r >= 0xAC00 && r <= 0xD7A3:
		return 2
	}
	return 0
}

// Endings returns, for each of the names, the width in cells (at most
// limit) of its shortest ending that no other name has: 6 ("1 (33)") for
// "Moncreiff 1 (33)" beside "Moncreiff 2 (33)". A name that ends another
// name needs all of itself. Quadratic in the number of names: give it a
// conference's rooms, not its sessions.
func Endings(names []string, limit int) map[string]int {
	rs := make([][]rune, 0, len(names))
	out := make(map[string]int, len(names))
	for _, n := range names {
		if _, dup := out[n]; !dup {
			out[n] = 0
			rs = append(rs, []rune(n))
		}
	}
	for i, a := range rs {
		need := 0
		for j, b := range rs {
			if i != j {
				need = max(need, commonSuffix(a, b)+1)
			}
		}
		need = min(need, len(a))
		out[string(a)] = Width(string(a[len(a)-need:]), limit)
	}
	return out
}

func commonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}
