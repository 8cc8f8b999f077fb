package layout

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"github.com/lineup-tui/lineup/tui/cells"
)

// Styles are what a row is drawn with.
type Styles struct {
	Text   lipgloss.Style // the title
	Dim    lipgloss.Style // time, speakers, room, level; the track name when it has no colour
	Mark   lipgloss.Style // the star mark
	Rating lipgloss.Style
	Match  lipgloss.Style // search matches, drawn over the column's own style
	Cursor Highlight      // how the cursor row is marked
}

// Highlight marks the cursor row across its whole width, gaps and padding
// included: a background colour, or reverse video when Background is nil
// (NO_COLOR).
type Highlight struct {
	Background color.Color
	Bold       bool
}

// Apply returns st as it looks on the cursor row.
func (h Highlight) Apply(st lipgloss.Style) lipgloss.Style {
	if h.Background == nil {
		st = st.Reverse(true)
	} else {
		st = st.Background(h.Background)
	}
	if h.Bold {
		st = st.Bold(true)
	}
	return st
}

// Render draws one session: Lines() strings, each exactly l.Width cells.
// On the cursor row every cell, the gaps between columns and the padding
// after the last included, carries the cursor highlight.
func (l *Layout) Render(r *Row, st *Styles, cursor bool) []string {
	text, dim, mark, rating := st.Text, st.Dim, st.Mark, st.Rating
	match, matchDim, track, plain := st.Match.Inherit(st.Text), st.Match.Inherit(st.Dim), st.Dim, lipgloss.NewStyle()
	if r.TrackColor != nil {
		track = lipgloss.NewStyle().Foreground(r.TrackColor)
	}
	if cursor {
		h := st.Cursor
		text, dim, mark, rating = h.Apply(text), h.Apply(dim), h.Apply(mark), h.Apply(rating)
		match, matchDim, track, plain = h.Apply(match), h.Apply(matchDim), h.Apply(track), h.Apply(plain)
	}
	rs := rowStyles{plain: cells.NewPaint(plain), text: cells.NewPaint(text), dim: cells.NewPaint(dim),
		mark: cells.NewPaint(mark), rating: cells.NewPaint(rating), match: cells.NewPaint(match),
		matchDim: cells.NewPaint(matchDim), track: cells.NewPaint(track)}
	out := make([]string, 0, l.Lines())
	for line := range l.Lines() {
		out = append(out, l.renderLine(r, &rs, line == 1))
	}
	return out
}

// The order of the columns on a session's first line (the only one when the
// row is wide) and on its second.
var (
	lineOne = [...]Column{Mark, Time, TrackMarker, Title, Speakers, Room, Track, Level, Rating}
	lineTwo = [...]Column{Room, Speakers, Level, Rating}
)

type rowStyles struct {
	plain, text, dim, mark, rating, match, matchDim, track cells.Paint
}

func (l *Layout) renderLine(r *Row, st *rowStyles, second bool) string {
	var b strings.Builder
	left := l.Width // cells still free on the line
	put := func(s string, p cells.Paint, w int) {
		if w = min(w, left); w <= 0 {
			return
		}
		p.Write(&b, cells.Fit(s, w, cells.Plain))
		left -= w
	}
	if second && l.indent > 0 {
		put("", st.plain, l.indent)
	}
	order := lineOne[:]
	if second {
		order = lineTwo[:]
	}
	first := true
	for _, col := range order {
		w := l.w[col]
		if w == 0 || l.second[col] != second || left <= 0 {
			continue
		}
		if !first {
			put(" ", st.plain, 1)
		}
		first = false
		w = min(w, left)
		switch col {
		case Mark:
			put(r.Mark, st.mark, w)
		case Time:
			put(cells.Truncate(r.Time, w), st.dim, w)
		case TrackMarker:
			if r.Track != "" {
				put(MarkerGlyph, st.track, w)
			} else {
				put("", st.plain, w)
			}
		case Title:
			matched(&b, r.Title, r.TitleMatches, w, st.text, st.match)
			left -= w
		case Speakers:
			matched(&b, r.Speakers, r.SpeakerMatches, w, st.dim, st.matchDim)
			left -= w
		case Room:
			put(cells.TruncateMiddleTail(r.Room, w, l.tails[r.Room]), st.dim, w)
		case Track:
			put(cells.Truncate(r.Track, w), st.track, w)
		case Level:
			put(cells.Clip(r.Level, w), st.dim, w)
		case Rating:
			put(r.Rating, st.rating, w)
		}
	}
	if left > 0 {
		st.plain.Write(&b, strings.Repeat(" ", left))
	}
	return b.String()
}

// matched cuts text to w cells (ending in "…" when cut), pads it to exactly
// w cells, and writes it to b with the runes at the indexes in pos in the
// match paint, the rest (padding included) in base.
func matched(b *strings.Builder, text string, pos []int, w int, base, match cells.Paint) {
	cut := cells.Truncate(text, w)
	pad := strings.Repeat(" ", max(0, w-cells.Width(cut, w)))
	if len(pos) == 0 {
		base.Write(b, cut+pad)
		return
	}
	visible := cut
	ellipsis := ""
	if cut != text && strings.HasSuffix(cut, cells.Ellipsis) {
		visible, ellipsis = strings.TrimSuffix(cut, cells.Ellipsis), cells.Ellipsis
	}
	start, p, i := 0, 0, 0
	inMatch := false
	flush := func(end int) {
		if end > start {
			if inMatch {
				match.Write(b, visible[start:end])
			} else {
				base.Write(b, visible[start:end])
			}
		}
		start = end
	}
	for off := 0; off < len(visible); {
		for p < len(pos) && pos[p] < i {
			p++
		}
		m := p < len(pos) && pos[p] == i
		if m != inMatch {
			flush(off)
			inMatch = m
		}
		_, size := utf8.DecodeRuneInString(visible[off:])
		off += size
		i++
	}
	flush(len(visible))
	base.Write(b, ellipsis+pad)
}
