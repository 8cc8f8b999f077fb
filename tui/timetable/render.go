package timetable

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/tui/cells"
	"github.com/lineup-tui/lineup/tui/layout"
)

// Styles are what the grid is drawn with.
type Styles struct {
	Header  lipgloss.Style   // room names
	Gutter  lipgloss.Style   // the times down the left
	Title   lipgloss.Style   // a session's title; its foreground becomes the track colour
	Speaker lipgloss.Style   // a session's speakers
	Starred lipgloss.Style   // drawn over a starred session's title, with its mark
	Now     lipgloss.Style   // the current time line
	More    lipgloss.Style   // the counts of rooms scrolled off either side
	Cursor  layout.Highlight // the focused session's block, and its room's name
}

const (
	barGlyph  = "▌" // the left edge of a block's first line, in the track colour
	edgeGlyph = "▏" // the left edge of its other lines
	starMark  = "★ "
	nowGlyph  = "─"
	nowMarker = "▶"
)

// Render draws the grid for v: v.Height lines of v.Width cells, the room
// names on the first. Use Follow first to keep the cursor on screen.
func (d *Day) Render(v View, st Styles) string {
	if v.Width <= 0 || v.Height <= 0 {
		return ""
	}
	g := d.Geometry(v)
	c := newCanvas(v.Width, v.Height)

	// Room names, with the counts of rooms off screen.
	header, cursorHeader := c.style(st.Header), c.style(st.Cursor.Apply(st.Header))
	cursorCol := -1
	if d.valid(v.Cursor) {
		cursorCol = d.col[v.Cursor]
	}
	for k := range g.Columns {
		room := g.FirstRoom + k
		name := d.rooms[room]
		if name == "" {
			name = "(no room)"
		}
		x := GutterWidth + k*g.ColumnWidth
		sid := header
		if room == cursorCol {
			sid = cursorHeader
			c.fill(x, 0, g.ColumnWidth-1, sid)
		}
		c.text(x, 0, cells.TruncateMiddleTail(name, g.ColumnWidth-1, d.endings[d.rooms[room]]), g.ColumnWidth-1, sid)
	}
	more := c.style(st.More)
	if g.HiddenLeft > 0 {
		c.text(0, 0, fmt.Sprintf("‹%d", g.HiddenLeft), GutterWidth-1, more)
	}
	if g.HiddenRight > 0 {
		s := fmt.Sprintf(" %d›", g.HiddenRight)
		w := ansi.StringWidth(s)
		end := min(v.Width, GutterWidth+g.Columns*g.ColumnWidth)
		c.text(max(0, end-w), 0, s, w, more)
	}

	// Times down the left: on the top line, then every half hour (every
	// line when lines are half an hour or more).
	gutter := c.style(st.Gutter)
	every := max(g.Scale, 30*time.Minute)
	for y := range g.BodyLines {
		t := g.Start.Add(time.Duration(g.TopLine+y) * g.Scale)
		if line := g.TopLine + y; line < g.Lines && (y == 0 || t.Sub(g.Start)%every < g.Scale) {
			c.text(0, headerLines+y, t.Format("15:04"), GutterWidth-1, gutter)
		}
	}

	// The blocks.
	for k := range g.Columns {
		for _, i := range d.byCol[g.FirstRoom+k] {
			d.drawBlock(c, &g, k, i, i == v.Cursor, &st)
		}
	}

	// The current time, across the empty cells.
	if !v.Now.IsZero() && !v.Now.Before(g.Start) && g.Lines > 0 {
		if y := d.lineOf(v.Now, g.Scale) - g.TopLine; y >= 0 && y < g.BodyLines && d.lineOf(v.Now, g.Scale) <= g.Lines {
			now := c.style(st.Now)
			c.text(0, headerLines+y, v.Now.Format("15:04")+nowMarker, GutterWidth, now)
			for x := GutterWidth; x < v.Width; x++ {
				if !c.used(x, headerLines+y) {
					c.text(x, headerLines+y, nowGlyph, 1, now)
				}
			}
		}
	}
	return c.String()
}

// drawBlock draws session i in visible column k: a bar in the track colour
// down its left, the title (wrapped) and, when there is a line for it, the
// speakers on the last line.
func (d *Day) drawBlock(c *canvas, g *Geometry, k, i int, cursor bool, st *Styles) {
	sp := d.placed[i]
	top, bot := max(sp.top, g.TopLine), min(sp.bot, g.TopLine+g.BodyLines)
	if top >= bot {
		return
	}
	s := &d.sessions[i]
	title, speaker, bar := st.Title, st.Speaker, lipgloss.NewStyle()
	if s.Color != nil {
		title = title.Foreground(s.Color)
		bar = bar.Foreground(s.Color)
	}
	if s.Starred {
		title = st.Starred.Inherit(title)
	}
	fill := lipgloss.NewStyle()
	if cursor {
		title, speaker, bar, fill = st.Cursor.Apply(title), st.Cursor.Apply(speaker), st.Cursor.Apply(bar), st.Cursor.Apply(fill)
	}
	titleID, speakerID, barID, fillID := c.style(title), c.style(speaker), c.style(bar), c.style(fill)

	x := GutterWidth + k*g.ColumnWidth
	w := g.ColumnWidth - 1 // the last cell is the gap between columns
	text := w - 1          // after the bar
	height := sp.bot - sp.top
	speakerLine := height >= 2 && s.Speakers != ""
	titleLines := height
	if speakerLine {
		titleLines--
	}
	name := s.Title
	if s.Starred {
		name = starMark + name
	}
	lines := wrap(name, text, titleLines)
	for line := sp.top; line < sp.bot; line++ {
		if line < top || line >= bot {
			continue
		}
		y := headerLines + line - g.TopLine
		c.fill(x, y, w, fillID)
		if line == sp.top {
			c.text(x, y, barGlyph, 1, barID)
		} else {
			c.text(x, y, edgeGlyph, 1, barID)
		}
		switch n := line - sp.top; {
		case speakerLine && n == height-1:
			c.text(x+1, y, cells.Truncate(s.Speakers, text), text, speakerID)
		case n < len(lines):
			c.text(x+1, y, lines[n], text, titleID)
		}
	}
}

// wrap breaks text into at most n lines of w cells, at spaces where it can;
// the last line ends in "…" when the text goes on. It looks at no more of the
// text than n lines can hold.
func wrap(text string, w, n int) []string {
	if w <= 0 || n <= 0 {
		return nil
	}
	text = cells.Truncate(text, w*n+w) // enough to fill n lines and know there is more
	wrapped := strings.Split(ansi.Wrap(text, w, " "), "\n")
	for i := range wrapped {
		wrapped[i] = strings.TrimLeft(wrapped[i], " ")
	}
	if len(wrapped) <= n {
		return wrapped
	}
	last := strings.Join(wrapped[n-1:], " ")
	return append(wrapped[:n-1], cells.Truncate(last, w))
}
