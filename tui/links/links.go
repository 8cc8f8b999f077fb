// Package links shows URLs on pages and opens them in a browser.
//
// On a page a URL is never broken across lines: it has a line of its own,
// shortened in the middle with "…" when the width is short, and it is a
// terminal hyperlink (OSC 8) to the full URL, so a click opens it where the
// terminal supports that. Only http, https and mailto URLs become links;
// URLs holding control characters are not shown at all.
package links

import (
	"net/url"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/tui/cells"
)

// Item is one URL to show, with what it is ("Feedback", a link's title);
// Label may be empty.
type Item struct {
	Label string
	URL   string
}

// Styles are what the lines are drawn with.
type Styles struct {
	Label lipgloss.Style
	URL   lipgloss.Style
}

// Safe reports whether u holds no control characters (C0, DEL or C1) and
// no spaces: such a "URL" is refused everywhere.
func Safe(u string) bool {
	if u == "" {
		return false
	}
	for _, r := range u {
		if r <= ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// Linkable reports whether u may become a hyperlink or be opened: a safe
// http or https URL with a host, or a mailto URL with an address.
func Linkable(u string) bool {
	if !Safe(u) {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return p.Opaque != "" || p.Path != ""
	}
	return false
}

// Target is u as a hyperlink's target: bytes outside printable ASCII
// percent-encoded, as OSC 8 asks.
func Target(u string) string {
	var b strings.Builder
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// key is what makes two URLs the same for Dedupe: surrounding space, the
// case of scheme and host, and a trailing slash do not count.
func key(u string) string {
	u = strings.TrimSpace(u)
	if p, err := url.Parse(u); err == nil && p.Scheme != "" {
		p.Scheme = strings.ToLower(p.Scheme)
		p.Host = strings.ToLower(p.Host)
		u = p.String()
	}
	return strings.TrimSuffix(u, "/")
}

// Dedupe drops the items whose URL was given before (the first keeps its
// place and label; a label only a later copy had is taken over) and those
// that are not Safe.
func Dedupe(items []Item) []Item {
	out := make([]Item, 0, len(items))
	at := map[string]int{}
	for _, it := range items {
		it.URL = strings.TrimSpace(it.URL)
		if !Safe(it.URL) {
			continue
		}
		k := key(it.URL)
		if i, ok := at[k]; ok {
			if out[i].Label == "" {
				out[i].Label = it.Label
			}
			continue
		}
		at[k] = len(out)
		out = append(out, it)
	}
	return out
}

// Lines draws the items for a page of width w, each line starting with
// indent spaces: "Label: URL" on one line when it fits, else the label on a
// line and the URL on the next. Each URL has a line to itself, shortened in
// the middle when too long, and is a hyperlink when Linkable. Duplicates and
// unsafe URLs are left out (see Dedupe). No line is wider than w.
func Lines(items []Item, w, indent int, st Styles) []string {
	indent = max(0, min(indent, w-1))
	pad := strings.Repeat(" ", indent)
	avail := w - indent
	if avail <= 0 {
		return nil
	}
	var out []string
	for _, it := range Dedupe(items) {
		label := strings.TrimSpace(it.Label)
		if label == it.URL {
			label = ""
		}
		label = cells.Truncate(label, avail) // cut, and cleaned of control characters
		urlW := cells.Width(it.URL, avail)
		if label != "" {
			prefix := label + ": "
			if pw := cells.Width(prefix, avail); pw+urlW <= avail {
				out = append(out, pad+cells.NewPaint(st.Label).Render(prefix)+link(it.URL, it.URL, st.URL))
				continue
			}
			out = append(out, pad+cells.NewPaint(st.Label).Render(label))
		}
		out = append(out, pad+link(it.URL, cells.TruncateMiddle(it.URL, avail), st.URL))
	}
	return out
}

// link draws shown in style, as a hyperlink to u when u is Linkable.
func link(u, shown string, style lipgloss.Style) string {
	// One sequence for the whole URL, not one a character as Render draws
	// underlined text.
	return Hyperlink(u, cells.NewPaint(style).Render(shown))
}

// Hyperlink wraps drawn (text as it is drawn, styles included) in a terminal
// hyperlink to u when u is Linkable, and returns it as it is otherwise.
func Hyperlink(u, drawn string) string {
	if !Linkable(u) {
		return drawn
	}
	return ansi.SetHyperlink(Target(u)) + drawn + ansi.ResetHyperlink()
}
