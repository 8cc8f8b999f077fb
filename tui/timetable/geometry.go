package timetable

import "time"

const (
	// GutterWidth is the width of the times down the left.
	GutterWidth = 6
	// MinColumnWidth is the narrowest room column: below it, columns scroll
	// sideways instead of shrinking.
	MinColumnWidth = 16
	// MaxColumnWidth is the widest room column; the rest of a wide screen
	// stays empty.
	MaxColumnWidth = 48
	// headerLines is the line of room names.
	headerLines = 1
)

// Scales are the times one line can stand for, finest first.
var Scales = []time.Duration{5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour}

// View is what part of the day a screen shows, and how.
type View struct {
	Width, Height int
	FirstRoom     int       // the leftmost room column shown
	Top           time.Time // the time at the top of the grid; zero: the day's start
	Cursor        int       // the focused session; -1: none
	Now           time.Time // where to draw the current time line; zero: nowhere
}

// Geometry is where things are for one View: what the grid shows and how
// big it is, for status lines and mouse clicks.
type Geometry struct {
	Scale       time.Duration // time per line
	Columns     int           // room columns on screen
	ColumnWidth int           // each, with its one-cell gap
	FirstRoom   int           // the leftmost room on screen
	TopLine     int           // the first line of the day on screen
	BodyLines   int           // lines of grid under the room names
	Lines       int           // lines the whole day takes
	HiddenLeft  int           // rooms scrolled off to the left
	HiddenRight int           // and to the right
	Start       time.Time     // the time of the day's first line
}

// Scale is the time a line stands for at this height: the finest scale at
// which the whole day fits, unless a typical session would then be under two
// lines (title and speaker), in which case the finest scale that keeps it at
// two lines, and the grid scrolls.
func (d *Day) Scale(height int) time.Duration {
	body := max(1, height-headerLines)
	span := d.end.Sub(d.start)
	fit := Scales[len(Scales)-1]
	for _, s := range Scales {
		if int((span+s-1)/s) <= body {
			fit = s
			break
		}
	}
	detail := Scales[0]
	for _, s := range Scales {
		if d.typical >= 2*s {
			detail = s
		}
	}
	return min(fit, detail)
}

// Geometry works out where things are for v. It clamps what v asks for
// (FirstRoom, Top) to what exists.
func (d *Day) Geometry(v View) Geometry {
	g := Geometry{Scale: d.Scale(v.Height), BodyLines: max(0, v.Height-headerLines), Start: d.start}
	n := len(d.rooms)
	avail := max(0, v.Width-GutterWidth)
	g.Columns = max(1, min(n, avail/MinColumnWidth))
	g.ColumnWidth = min(MaxColumnWidth, avail/g.Columns)
	if n == 0 {
		g.Columns = 0
	}
	g.FirstRoom = clamp(v.FirstRoom, 0, max(0, n-g.Columns))
	g.HiddenLeft = g.FirstRoom
	g.HiddenRight = max(0, n-g.FirstRoom-g.Columns)
	g.Lines = d.place(g.Scale)
	if !v.Top.IsZero() {
		g.TopLine = int(v.Top.Sub(d.start) / g.Scale)
	}
	g.TopLine = clamp(g.TopLine, 0, max(0, g.Lines-g.BodyLines))
	return g
}

// lineOf is the line on which instant t falls.
func (d *Day) lineOf(t time.Time, scale time.Duration) int {
	return int(t.Sub(d.start) / scale)
}

// place works out each block's lines at scale and returns how many lines
// the day takes. A block is at least one line tall; when two blocks of a
// room would share a line (short or overlapping sessions), the earlier one
// is shortened, or else the later one pushed down, so each keeps a line of
// its own.
func (d *Day) place(scale time.Duration) int {
	if d.placedFor == scale && d.placed != nil {
		return d.lines
	}
	d.placed = make([]span, len(d.sessions))
	d.lines = 0
	for _, ids := range d.byCol {
		prev := -1
		for _, i := range ids {
			s := &d.sessions[i]
			top := d.lineOf(s.Start, scale)
			bot := int((d.endOf(i).Sub(d.start) + scale - 1) / scale)
			bot = max(bot, top+1)
			if prev >= 0 && top < d.placed[prev].bot {
				p := &d.placed[prev]
				p.bot = max(p.top+1, top)
				if top < p.bot {
					top = p.bot
					bot = max(bot, top+1)
				}
			}
			d.placed[i] = span{top, bot}
			d.lines = max(d.lines, bot)
			prev = i
		}
	}
	d.placedFor = scale
	return d.lines
}

// Follow returns v scrolled, sideways and down, just enough for the cursor's
// block to be on screen (as much of it as fits, its top first), and clamped
// to the day.
func (d *Day) Follow(v View) View {
	g := d.Geometry(v)
	first, top := g.FirstRoom, g.TopLine
	if d.valid(v.Cursor) {
		c := d.col[v.Cursor]
		if c < first {
			first = c
		} else if c >= first+g.Columns {
			first = c - g.Columns + 1
		}
		sp := d.placed[v.Cursor]
		if sp.bot > top+g.BodyLines {
			top = sp.bot - g.BodyLines
		}
		if sp.top < top {
			top = sp.top
		}
	}
	v.FirstRoom = clamp(first, 0, max(0, len(d.rooms)-g.Columns))
	top = clamp(top, 0, max(0, g.Lines-g.BodyLines))
	v.Top = d.start.Add(time.Duration(top) * g.Scale)
	return v
}

// Scroll returns v moved down by lines (up when negative) without moving
// the cursor, clamped to the day: for page keys and the mouse wheel.
func (d *Day) Scroll(v View, lines int) View {
	g := d.Geometry(v)
	top := clamp(g.TopLine+lines, 0, max(0, g.Lines-g.BodyLines))
	v.Top = d.start.Add(time.Duration(top) * g.Scale)
	return v
}

// SessionAt returns the session drawn at cell (x, y) of the grid as Render
// draws it for v (y 0 is the room names), or -1.
func (d *Day) SessionAt(v View, x, y int) int {
	g := d.Geometry(v)
	if x < GutterWidth || y < headerLines || g.ColumnWidth == 0 {
		return -1
	}
	k := (x - GutterWidth) / g.ColumnWidth
	if k >= g.Columns || (x-GutterWidth)%g.ColumnWidth == g.ColumnWidth-1 {
		return -1 // off the columns, or on a gap
	}
	line := g.TopLine + y - headerLines
	for _, i := range d.byCol[g.FirstRoom+k] {
		if sp := d.placed[i]; line >= sp.top && line < sp.bot {
			return i
		}
	}
	return -1
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return max(lo, min(hi, v))
}
