// Package text cleans text written by strangers (schedule files, notes) so it
// is safe to print on a terminal, turns HTML into plain text, and folds text
// for comparison (case, accents, ligatures). It knows nothing of conferences:
// the readers in data/formats clean every field with it, the search folds with
// it, and an output sanitiser can build on Clean and OneLine.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Clean makes untrusted text safe to print on a terminal: invalid UTF-8 is
// replaced, escape sequences (CSI, OSC, DCS…) are removed whole, and C0 controls
// (except tab and newline), DEL, C1 controls and bidi override/isolate characters
// are dropped. "\r\n" and lone "\r" become "\n". Leading and trailing space is trimmed.
func Clean(s string) string {
	if isPlain(s) {
		return strings.TrimSpace(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0 // start of the run of safe bytes not yet copied
	for i := 0; i < len(s); {
		c := s[i]
		if (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r >= 0xa0 && !isBidiControl(r) && !isInvisible(r) {
				i += size
				continue
			}
		}
		b.WriteString(s[last:i])
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i += skipEscape(s[i:])
		case r == 0x9b: // C1 CSI
			i += size + skipCSIBody(s[i+size:])
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, PM, APC
			i += size + skipStringBody(s[i+size:])
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
			i += size
		default: // other C0 and C1 controls, DEL, bidi controls
			i += size
		}
		last = i
	}
	if last == 0 {
		return strings.TrimSpace(s)
	}
	b.WriteString(s[last:])
	return strings.TrimSpace(b.String())
}

// OneLine folds line breaks (newline, carriage return, vertical tab, form
// feed, the Unicode line and paragraph separators) and tabs in a single-line
// field into spaces, so the field keeps to its line of a table.
func OneLine(s string) string {
	// Each of those characters is a control byte or starts with 0xc2 or
	// 0xe2: text without such bytes is returned as it is at once.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0xc2 || c == 0xe2 {
			if !strings.ContainsAny(s[i:], "\n\t\r\v\f\u0085\u2028\u2029") {
				return s
			}
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// isPlain is the fast path: printable ASCII plus tab and newline.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == 0x7f || (c < 0x20 && c != '\t' && c != '\n') {
			return false
		}
	}
	return true
}

// isInvisible reports whether r is an invisible format character that
// terminals and width tables disagree on (zero-width space and non-joiner,
// word joiner, byte-order mark, soft hyphen, invisible operators). The
// zero-width joiner stays: emoji sequences need it.
func isInvisible(r rune) bool {
	switch r {
	case 0x200b, 0x200c, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x180e:
		return true
	}
	return false
}

func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	}
	return false
}

// skipEscape returns the length of the escape sequence at the start of s (s[0] == ESC).
func skipEscape(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + skipCSIBody(s[2:])
	case ']', 'P', '^', '_', 'X':
		return 2 + skipStringBody(s[2:])
	default:
		// Two-byte sequences (ESC c, ESC 7…) and ESC + intermediates + final.
		n := 1
		for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
			n++
		}
		if n < len(s) {
			// The final character, taken whole so no rune is split.
			_, size := utf8.DecodeRuneInString(s[n:])
			n += size
		}
		return n
	}
}

// skipCSIBody skips parameter and intermediate bytes and the final byte.
func skipCSIBody(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
		if s[i] < 0x20 || s[i] > 0x3f && s[i] < 0x40 {
			return i
		}
	}
	return len(s)
}

// skipStringBody skips to and past BEL, ST (ESC \) or C1 ST.
func skipStringBody(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
	}
	return len(s)
}

var htmlMarkers = []string{"<p", "<br", "<li", "<ul", "<ol", "<a ", "<em", "<strong", "<b>", "<i>", "<div", "<span", "<h1", "<h2", "<h3", "<h4", "<code", "<pre", "<blockquote", "&amp;", "&lt;", "&gt;", "&quot;", "&#", "&nbsp;"}

// LooksLikeHTML reports whether s seems to hold HTML markup or entities.
func LooksLikeHTML(s string) bool {
	for {
		i := strings.IndexAny(s, "<&")
		if i < 0 {
			return false
		}
		s = s[i:]
		for _, m := range htmlMarkers {
			if HasPrefixFoldASCII(s, m) {
				return true
			}
		}
		s = s[1:]
	}
}

// HTML turns an HTML fragment into plain text with a real HTML parser:
// paragraphs and headings become blank-line separated blocks, list items become
// "• item" lines, <br> a newline, links keep their text (and the address when it
// differs), scripts and styles vanish. The result is passed through Clean.
// Text that does not look like HTML is only cleaned.
func HTML(s string) string {
	if !LooksLikeHTML(s) {
		return Clean(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return Clean(s)
	}
	w := &textWriter{bulletAt: -1}
	for _, n := range nodes {
		w.node(n, 0)
	}
	return Clean(w.String())
}

type textWriter struct {
	b        []byte
	pending  int // newlines owed before the next text
	lists    int // open lists
	bulletAt int // length of b just after the last bullet, -1 when none
}

func (w *textWriter) String() string { return string(w.b) }

// brk asks for at least n newlines before the next text. Trailing blanks of
// the current line are dropped.
func (w *textWriter) brk(n int) {
	if len(w.b) == w.bulletAt {
		return // nothing after a bullet yet: stay on its line
	}
	for len(w.b) > 0 && (w.b[len(w.b)-1] == ' ' || w.b[len(w.b)-1] == '\t') {
		w.b = w.b[:len(w.b)-1]
	}
	if len(w.b) == 0 {
		return
	}
	if n > w.pending {
		w.pending = n
	}
}

func (w *textWriter) flush() {
	for ; w.pending > 0; w.pending-- {
		w.b = append(w.b, '\n')
	}
}

func (w *textWriter) text(t string) {
	if t == "" {
		return
	}
	if w.pending > 0 || len(w.b) == 0 || w.b[len(w.b)-1] == '\n' || w.b[len(w.b)-1] == ' ' {
		t = strings.TrimLeftFunc(t, unicode.IsSpace)
		if t == "" {
			return
		}
	}
	w.flush()
	w.b = append(w.b, t...)
}

// raw writes t as is, after any owed newlines.
func (w *textWriter) raw(t string) {
	w.flush()
	w.b = append(w.b, t...)
}

func (w *textWriter) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1)
	}
}

func (w *textWriter) node(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		w.text(collapseSpace(n.Data))
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c, depth)
		}
		return
	}
	if depth > 200 {
		return // pathological nesting
	}
	switch n.Data {
	case "script", "style", "head", "title", "template", "noscript", "iframe", "object":
		return
	case "br":
		w.brk(1)
		return
	case "hr":
		w.brk(2)
		return
	case "ul", "ol":
		gap := 2
		if w.lists > 0 {
			gap = 1
		}
		w.brk(gap)
		w.lists++
		w.children(n, depth)
		w.lists--
		w.brk(gap)
		return
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "section", "article", "header", "footer", "dl":
		gap := 2
		if w.lists > 0 {
			gap = 1 // blocks inside a list item stay with it
		}
		w.brk(gap)
		w.children(n, depth)
		w.brk(gap)
		return
	case "tr", "dt", "dd":
		w.brk(1)
		w.children(n, depth)
		w.brk(1)
		return
	case "td", "th":
		if len(w.b) > 0 && w.pending == 0 && w.b[len(w.b)-1] != '\n' {
			w.raw(" ")
		}
	case "li":
		w.brk(1)
		w.raw(strings.Repeat("  ", max(w.lists-1, 0)) + "• ")
		w.bulletAt = len(w.b)
		w.children(n, depth)
		w.brk(1)
		return
	case "a":
		start := len(w.b)
		w.children(n, depth)
		href := ""
		for _, a := range n.Attr {
			if a.Key == "href" {
				href = strings.TrimSpace(a.Val)
			}
		}
		linkText := ""
		if start <= len(w.b) {
			linkText = string(w.b[start:])
		}
		bare := strings.TrimPrefix(strings.TrimPrefix(href, "https://"), "http://")
		if (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) && !strings.Contains(linkText, strings.TrimSuffix(bare, "/")) {
			w.text(" (" + href + ")")
		}
		return
	}
	w.children(n, depth)
}

// collapseSpace turns every run of white space into one space.
func collapseSpace(s string) string {
	var b []byte
	last := 0
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = r != 0xa0 && unicode.IsSpace(r)
		}
		if !isSpace {
			space = false
			i += size
			continue
		}
		// A single ' ' after a non-space needs no change.
		if c == ' ' && !space {
			space = true
			i++
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:i]...)
		if !space {
			b = append(b, ' ')
		}
		space = true
		i += size
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}
