package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/tui/links"
	"github.com/lineup-tui/lineup/tui/prose"
)

// What the pages (session, speaker, Info) draw their running text and
// their links with: prose for text, at a readable measure, bullets hanging
// and URLs whole; links for lists of URLs, one a line.

// paragraphs lays out running text for a page of width w, indented by n
// spaces and drawn in style; URLs in it are hyperlinks in the link style.
// A text longer than fieldCap is cut there, with a line that says so.
func (s styles) paragraphs(text string, n, w int, style lipgloss.Style) []string {
	text, left := capped(text)
	lines := prose.Wrap(text, max(1, w-n), prose.Styles{Text: style, Link: s.Link})
	if left > 0 {
		lines = append(lines, s.Dim.Render(trunc(leftOut(left), max(1, w-n))))
	}
	pad := strings.Repeat(" ", n)
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return lines
}

// bullets lays out list items ("Who is this for", prerequisites), each
// behind a bullet with its continuation lines under its text.
func (s styles) bullets(items []string, n, w int) []string {
	var out []string
	for _, it := range items {
		// One item is one paragraph: its own line breaks become spaces, so
		// nothing in it escapes from under the bullet.
		out = append(out, s.paragraphs("• "+strings.Join(strings.Fields(it), " "), n, w, lipgloss.NewStyle())...)
	}
	return out
}

// urls lays out URLs for a page of width w, one a line, indented by n.
func (s styles) urls(items []links.Item, n, w int) []string {
	return links.Lines(items, w, n, links.Styles{Label: s.Label, URL: s.Link})
}
