package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// trunc shortens s (which may hold styles) to at most w cells, ending in "…".
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit truncates s to w cells and pads it with spaces to exactly w cells.
func fit(s string, w int) string {
	s = trunc(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// fitLeft is fit, aligned right.
func fitLeft(s string, w int) string {
	s = trunc(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// highlight renders text in base style with the runes at the given indexes in
// the hl style (search matches). pos must be ascending.
func highlight(text string, pos []int, base, hl lipgloss.Style) string {
	if len(pos) == 0 {
		return base.Render(text)
	}
	var b strings.Builder
	var run strings.Builder
	inMatch := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if inMatch {
			b.WriteString(hl.Render(run.String()))
		} else {
			b.WriteString(base.Render(run.String()))
		}
		run.Reset()
	}
	p := 0
	i := 0
	for _, r := range text {
		m := p < len(pos) && pos[p] == i
		if m {
			p++
		}
		if m != inMatch {
			flush()
			inMatch = m
		}
		run.WriteRune(r)
		i++
	}
	flush()
	return b.String()
}

// fieldCap is the most of one text a screen lays out. A longer one (a
// hostile schedule's 10 MB title or abstract) is cut there, with a line that
// says how much was left out, so that drawing a page costs what it can
// show, not what the field holds.
const fieldCap = 64 << 10

// capped cuts text to at most fieldCap bytes, at a character's start, and
// says how many bytes it left out.
func capped(text string) (string, int) {
	if len(text) <= fieldCap {
		return text, 0
	}
	n := fieldCap
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n], len(text) - n
}

// leftOut is the line that ends a text cut by capped.
func leftOut(n int) string {
	size := fmt.Sprintf("%d bytes", n)
	switch {
	case n >= 1<<20:
		size = fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		size = fmt.Sprintf("%d KB", n>>10)
	}
	return "… " + size + " more, too long to show"
}

// wrap breaks text into lines of at most w cells, keeping its own line
// breaks; a text longer than fieldCap is cut there.
func wrap(text string, w int) (out []string) {
	if w < 1 {
		w = 1
	}
	text, left := capped(text)
	if left > 0 {
		defer func() { out = append(out, trunc(leftOut(left), w)) }()
	}
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, " -"), "\n")...)
	}
	return out
}

// indent wraps text at w-n cells and indents every line by n spaces.
func indent(text string, n, w int) []string {
	pad := strings.Repeat(" ", n)
	lines := wrap(text, w-n)
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return lines
}

// clamp keeps v within [lo, hi].
func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return max(lo, min(hi, v))
}
