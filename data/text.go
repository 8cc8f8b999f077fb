package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CleanText makes untrusted text safe to print on a terminal: invalid UTF-8 is
// replaced, escape sequences (CSI, OSC, DCS…) are removed whole, and C0 controls
// (except tab and newline), DEL, C1 controls and bidi override/isolate characters
// are dropped. "\r\n" and lone "\r" become "\n". Leading and trailing space is trimmed.
func CleanText(s string) string {
	if isPlain(s) {
		return strings.TrimSpace(s)
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i += skipEscape(s[i:])
			continue
		case r == 0x9b: // C1 CSI
			i += size + skipCSIBody(s[i+size:])
			continue
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, PM, APC
			i += size + skipStringBody(s[i+size:])
			continue
		case r == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
				continue
			}
			b.WriteByte('\n')
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		case isBidiControl(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.TrimSpace(b.String())
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
			n++
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

// LooksLikeHTML reports whether s seems to hold HTML markup or entities.
func LooksLikeHTML(s string) bool {
	if !strings.ContainsAny(s, "<&") {
		return false
	}
	l := strings.ToLower(s)
	for _, t := range []string{"<p", "<br", "<li", "<ul", "<ol", "<a ", "<em", "<strong", "<b>", "<i>", "<div", "<span", "<h1", "<h2", "<h3", "<h4", "<code", "<pre", "<blockquote", "&amp;", "&lt;", "&gt;", "&quot;", "&#", "&nbsp;"} {
		if strings.Contains(l, t) {
			return true
		}
	}
	return false
}

// HTMLToText turns an HTML fragment into plain text with a real HTML parser:
// paragraphs and headings become blank-line separated blocks, list items become
// "• item" lines, <br> a newline, links keep their text (and the address when it
// differs), scripts and styles vanish. The result is passed through CleanText.
// Text that does not look like HTML is only cleaned.
func HTMLToText(s string) string {
	if !LooksLikeHTML(s) {
		return CleanText(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return CleanText(s)
	}
	w := &textWriter{}
	for _, n := range nodes {
		w.node(n, 0)
	}
	return CleanText(w.String())
}

type textWriter struct {
	b       strings.Builder
	pending int // newlines owed before the next text
}

func (w *textWriter) String() string { return w.b.String() }

func (w *textWriter) brk(n int) {
	if w.b.Len() == 0 {
		return
	}
	if n > w.pending {
		w.pending = n
	}
}

func (w *textWriter) text(t string) {
	if t == "" {
		return
	}
	if w.pending > 0 {
		w.b.WriteString(strings.Repeat("\n", w.pending))
		w.pending = 0
		t = strings.TrimLeftFunc(t, unicode.IsSpace)
	} else if w.b.Len() == 0 {
		t = strings.TrimLeftFunc(t, unicode.IsSpace)
	}
	w.b.WriteString(t)
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
	switch n.Data {
	case "script", "style", "head", "title":
		return
	case "br":
		w.brk(1)
		return
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol":
		w.brk(2)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c, depth+1)
		}
		w.brk(2)
		return
	case "tr":
		w.brk(1)
	case "li":
		w.brk(1)
		w.text("• ")
		w.pending = 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c, depth+1)
		}
		w.brk(1)
		return
	case "a":
		start := w.b.Len()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c, depth+1)
		}
		href := ""
		for _, a := range n.Attr {
			if a.Key == "href" {
				href = a.Val
			}
		}
		linkText := w.b.String()[start:]
		if (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) && !strings.Contains(linkText, strings.TrimPrefix(strings.TrimPrefix(href, "https://"), "http://")) {
			w.text(" (" + href + ")")
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1)
	}
}

func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) && r != 0xa0 {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
