// Package timetable draws one conference day as a grid, rooms as columns and
// time running down, and moves between its sessions in space. It is plain Go
// over plain values: the Timetable screen gives it the day's sessions (after
// its filters), the rooms to show and a View, and draws the string it gets.
package timetable

import (
	"image/color"
	"sort"
	"time"

	"github.com/lineup-tui/lineup/tui/cells"
)

// Session is one block of the grid.
type Session struct {
	ID         string
	Start, End time.Time // End before or at Start: drawn one line tall
	Room       string
	Title      string
	Speakers   string      // names joined, as the list shows them
	Color      color.Color // the track's colour; nil: none
	Starred    bool
}

// Day is the sessions of one day placed in their rooms. Make it with NewDay;
// it does not change afterwards (it caches the placement of its blocks for
// the last scale drawn, so one Day must not be drawn from two goroutines at
// once).
type Day struct {
	sessions []Session
	rooms    []string
	endings  map[string]int // cells of each room name's distinguishing ending
	col      []int          // column of each session; -1 when not drawn (no time)
	byCol    [][]int        // each column's sessions by start
	start    time.Time
	end      time.Time
	typical  time.Duration // the median length of a session

	placedFor time.Duration // the scale placed holds
	placed    []span
	lines     int
}

// span is a block's lines, top inclusive, bottom exclusive.
type span struct{ top, bot int }

// NewDay places sessions (one day's, in any order) in the rooms' columns, in
// the order of rooms; a listed room with no session that day takes no
// column. A session in a room not listed gets a column after them, in the
// order the sessions name them ("" included): nothing is left out silently;
// leave sessions out of the slice to hide them. Sessions with no start time
// are not drawn.
func NewDay(sessions []Session, rooms []string) *Day {
	d := &Day{sessions: sessions, col: make([]int, len(sessions))}
	index := map[string]int{}
	for _, r := range rooms {
		if _, ok := index[r]; !ok {
			index[r] = len(d.rooms)
			d.rooms = append(d.rooms, r)
		}
	}
	var lengths []time.Duration
	for i := range sessions {
		s := &sessions[i]
		if s.Start.IsZero() {
			d.col[i] = -1
			continue
		}
		c, ok := index[s.Room]
		if !ok {
			c = len(d.rooms)
			index[s.Room] = c
			d.rooms = append(d.rooms, s.Room)
		}
		d.col[i] = c
		end := s.End
		if !end.After(s.Start) {
			end = s.Start
		}
		if d.start.IsZero() || s.Start.Before(d.start) {
			d.start = s.Start
		}
		if end.After(d.end) {
			d.end = end
		}
		lengths = append(lengths, end.Sub(s.Start))
	}
	// Listed rooms with no session this day take no column.
	used := make([]bool, len(d.rooms))
	for _, c := range d.col {
		if c >= 0 {
			used[c] = true
		}
	}
	renumber := make([]int, len(d.rooms))
	kept := d.rooms[:0:0]
	for c, r := range d.rooms {
		renumber[c] = len(kept)
		if used[c] {
			kept = append(kept, r)
		}
	}
	d.rooms = kept
	for i, c := range d.col {
		if c >= 0 {
			d.col[i] = renumber[c]
		}
	}
	d.endings = cells.Endings(d.rooms, MaxColumnWidth)
	d.byCol = make([][]int, len(d.rooms))
	for i, c := range d.col {
		if c >= 0 {
			d.byCol[c] = append(d.byCol[c], i)
		}
	}
	for _, ids := range d.byCol {
		sort.SliceStable(ids, func(a, b int) bool { return sessions[ids[a]].Start.Before(sessions[ids[b]].Start) })
	}
	if !d.start.IsZero() {
		// Start on the hour, so that the times down the side are round.
		d.start = d.start.Truncate(time.Minute)
		d.start = d.start.Add(-time.Duration(d.start.Minute()) * time.Minute)
	}
	if len(lengths) > 0 {
		sort.Slice(lengths, func(a, b int) bool { return lengths[a] < lengths[b] })
		d.typical = lengths[len(lengths)/2]
	}
	return d
}

// Len is how many sessions the day was given.
func (d *Day) Len() int { return len(d.sessions) }

// Session returns session i as given to NewDay.
func (d *Day) Session(i int) *Session {
	if i < 0 || i >= len(d.sessions) {
		return nil
	}
	return &d.sessions[i]
}

// Index returns the index of the session with that id, or -1.
func (d *Day) Index(id string) int {
	for i := range d.sessions {
		if d.sessions[i].ID == id {
			return i
		}
	}
	return -1
}

// Rooms returns the columns' rooms, in order.
func (d *Day) Rooms() []string { return d.rooms }

// Column returns the column of session i, or -1 when it is not drawn.
func (d *Day) Column(i int) int {
	if i < 0 || i >= len(d.col) {
		return -1
	}
	return d.col[i]
}

// First returns the session a screen opens on: the first to start (the
// leftmost of those starting together), or -1 for an empty day.
func (d *Day) First() int { return d.atOrAfter(time.Time{}) }

// At returns the session to focus at instant t: the first one running at t,
// else the next to start, else the last to start; -1 for an empty day.
func (d *Day) At(t time.Time) int {
	best := -1
	for c := range d.byCol {
		for _, i := range d.byCol[c] {
			s := &d.sessions[i]
			if !s.Start.After(t) && s.End.After(t) && (best < 0 || s.Start.Before(d.sessions[best].Start)) {
				best = i
			}
		}
	}
	if best >= 0 {
		return best
	}
	if i := d.atOrAfter(t); i >= 0 {
		return i
	}
	last := -1
	for c := range d.byCol {
		if ids := d.byCol[c]; len(ids) > 0 {
			i := ids[len(ids)-1]
			if last < 0 || d.sessions[i].Start.After(d.sessions[last].Start) {
				last = i
			}
		}
	}
	return last
}

// atOrAfter is the first session starting at or after t, leftmost first.
func (d *Day) atOrAfter(t time.Time) int {
	best := -1
	for c := range d.byCol {
		for _, i := range d.byCol[c] {
			if s := &d.sessions[i]; !s.Start.Before(t) {
				if best < 0 || s.Start.Before(d.sessions[best].Start) {
					best = i
				}
				break
			}
		}
	}
	return best
}

// end returns the time a session ends, its start when it has no length.
func (d *Day) endOf(i int) time.Time {
	s := &d.sessions[i]
	if s.End.After(s.Start) {
		return s.End
	}
	return s.Start
}
