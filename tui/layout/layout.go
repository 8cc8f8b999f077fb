// Package layout sizes the columns of the session rows from the conference's
// own content and draws a row at a given width.
//
// Measure the rows once (Content, bounded by the number of sessions: every
// value is measured to at most MeasureCap cells), then Plan a Layout for the
// width, which costs nothing that depends on the sessions; keep both until the
// sessions or the width change. Render draws one session with a Layout.
//
// The rules:
//   - a column empty for every session takes no space;
//   - room, speakers and the track name get what their longest values need,
//     up to a fair share of what the title leaves them; the title takes the
//     rest;
//   - the track is a column of its own from TrackColumnFrom columns, a
//     one-cell coloured marker below that;
//   - below TwoLinesBelow columns a session takes two lines: day/time and
//     title on the first, room, speakers, level and rating on the second;
//   - when the width is short, columns give way in the order of Drop and in
//     no other way;
//   - a value too wide for its column is cut at the end with "…", except
//     rooms, which are cut in the middle so that names differing only at the
//     end stay apart: the end kept is at least half the column and, when
//     that is not enough, the shortest ending no other room of the
//     conference shares ("Mon…1 (33)" and "Mon…2 (33)" for Scottish
//     Summit's "Moncreiff 1 (33)" and "Moncreiff 2 (33)").
package layout

import (
	"image/color"

	"github.com/lineup-tui/lineup/tui/cells"
)

// Column is one column of a session row.
type Column uint8

// The columns, in the order they appear on a row.
const (
	Mark        Column = iota // star mark
	Time                      // time, or day and time
	TrackMarker               // one cell in the track's colour
	Title
	Speakers
	Room
	Track // the track's name, in its colour
	Level
	Rating
	numColumns
)

var columnNames = [numColumns]string{"mark", "time", "track marker", "title", "speakers", "room", "track", "level", "rating"}

func (c Column) String() string {
	if c < numColumns {
		return columnNames[c]
	}
	return "column?"
}

// Drop is the order in which columns give way when a row is short of width,
// first to go first: the level, then the track name (the marker stays), the
// speakers, the rating, the track marker and last the room. Mark, time and
// title never go. Below TwoLinesBelow the room, speakers, level and rating
// move to a second line, where they give way in the same order.
var Drop = []Column{Level, Track, Speakers, Rating, TrackMarker, Room}

const (
	// TwoLinesBelow is the width under which a session takes two lines.
	TwoLinesBelow = 60
	// TrackColumnFrom is the width from which the track has a column of its
	// own; below it the track is a one-cell marker.
	TrackColumnFrom = 100
	// TitleMin is the narrowest title column worth keeping other columns for.
	TitleMin = 16
	// MeasureCap is how many cells of a value are measured: no column but
	// the title is ever wider, and a 10 MB title costs no more to lay out
	// than a short one.
	MeasureCap = 64
	// levelShort is the level's width below TrackColumnFrom ("Beg", "Int").
	levelShort = 3
	// MarkerGlyph is drawn in the track colour when the track has no column.
	MarkerGlyph = "▍"
)

// minWidth is the narrowest a flexible column may get before it gives way.
var minWidth = [numColumns]int{Speakers: 8, Room: 5, Track: 8}

// Row is what one session shows, as plain text (no escape sequences).
type Row struct {
	Mark     string // "★" for a starred session; "" (no column while nothing is starred) or " " (keep it) else
	Time     string // "11:35–12:15", or "Wed 11:35–12:15" out of programme order
	Title    string
	Speakers string
	Room     string
	Track    string
	Level    string
	Rating   string // "★★★★☆", or ""

	TrackColor color.Color // nil: no colour (drawn dim)

	// Rune indexes of search matches in Title and Speakers, ascending.
	TitleMatches, SpeakerMatches []int
}

func (r *Row) value(c Column) string {
	switch c {
	case Mark:
		return r.Mark
	case Time:
		return r.Time
	case TrackMarker, Track:
		return r.Track
	case Title:
		return r.Title
	case Speakers:
		return r.Speakers
	case Room:
		return r.Room
	case Level:
		return r.Level
	case Rating:
		return r.Rating
	}
	return ""
}

// Content is how wide the rows' values are, column by column. The zero value
// is empty; Add each row. It costs at most MeasureCap cells a value.
type Content struct {
	need [numColumns]int
	rows int

	rooms map[string]int // the distinct room names; then the cells of each one's ending no other room shares
	tails bool           // rooms holds the endings
}

// Bounds on what is kept for telling rooms apart: longer names, or rooms past
// this many, are cut in the plain way.
const (
	maxRoomBytes = 256
	maxRooms     = 512
)

// Widths is one row measured: what Add takes from it. Measuring the text
// is the costly part of Add, so a list that lays out many sets of the same
// sessions (one a search) measures each session once with MeasureRow and
// adds its Widths to each set's Content with AddWidths.
type Widths struct {
	w [numColumns]uint8 // at most MeasureCap
	// Room is the row's room name, kept to tell rooms apart (see the
	// package comment). A caller that adds many rows of few rooms may clear
	// it and Add each distinct room once (a Row with only its Room), which
	// spares a map look-up a row.
	Room string
}

// MeasureRow measures one row, at most MeasureCap cells a value.
func MeasureRow(r *Row) Widths {
	var w Widths
	if len(r.Room) <= maxRoomBytes {
		w.Room = r.Room
	}
	for col := Column(0); col < numColumns; col++ {
		if col == TrackMarker {
			continue
		}
		if v := r.value(col); v != "" {
			w.w[col] = uint8(min(cells.Width(v, MeasureCap), MeasureCap))
		}
	}
	return w
}

// Add measures one row.
func (c *Content) Add(r *Row) {
	w := MeasureRow(r)
	c.AddWidths(&w)
}

// AddWidths adds a row measured by MeasureRow.
func (c *Content) AddWidths(w *Widths) {
	c.rows++
	if w.Room != "" {
		if c.rooms == nil {
			c.rooms = map[string]int{}
		}
		if _, ok := c.rooms[w.Room]; !ok && len(c.rooms) < maxRooms {
			c.rooms[w.Room] = 0
			c.tails = false
		}
	}
	for col, n := range w.w {
		c.need[col] = max(c.need[col], int(n))
	}
	if c.need[Track] > 0 {
		c.need[TrackMarker] = 1
	}
}

// Measure measures every row.
func Measure(rows []Row) Content {
	var c Content
	for i := range rows {
		c.Add(&rows[i])
	}
	return c
}

// Need is the width of the widest value of a column (at most MeasureCap);
// 0 means the column is empty for every session.
func (c *Content) Need(col Column) int {
	if col >= numColumns {
		return 0
	}
	return c.need[col]
}

// roomTails works out, once for the rooms measured, how many cells of each
// room's name end it in a way no other room's does ("1 (33)" for
// "Moncreiff 1 (33)" next to "Moncreiff 2 (33)"). Quadratic in the number of
// distinct rooms, which is small and bounded by maxRooms.
func (c *Content) roomTails() map[string]int {
	if c.tails || c.rooms == nil {
		return c.rooms
	}
	names := make([]string, 0, len(c.rooms))
	for r := range c.rooms {
		names = append(names, r)
	}
	c.rooms = cells.Endings(names, MeasureCap)
	c.tails = true
	return c.rooms
}

// Rows is how many rows were measured.
func (c *Content) Rows() int { return c.rows }
