package layout

import "sort"

// Layout is where each column of a session row goes at one width. The zero
// Layout draws nothing; make one with Plan.
type Layout struct {
	// Width is the row's width in cells; every line Render returns is
	// exactly this wide.
	Width int

	lines  int
	w      [numColumns]int  // width of each shown column; 0 = not shown
	second [numColumns]bool // drawn on the second line
	indent int              // cells before the second line's first column
	had    [numColumns]bool // the content has values in this column
	tails  map[string]int   // cells of each room's distinguishing ending
}

// Lines is how many lines a session takes: 1, or 2 below TwoLinesBelow.
func (l *Layout) Lines() int { return max(1, l.lines) }

// ColumnWidth is the width of a column, 0 when it is not shown.
func (l *Layout) ColumnWidth(c Column) int {
	if c >= numColumns {
		return 0
	}
	return l.w[c]
}

// Shows reports whether a column is drawn.
func (l *Layout) Shows(c Column) bool { return l.ColumnWidth(c) > 0 }

// OnSecondLine reports whether a column is drawn on a session's second line.
func (l *Layout) OnSecondLine(c Column) bool { return c < numColumns && l.second[c] && l.w[c] > 0 }

// Dropped lists, in the order of Drop, the columns the sessions have values
// for that this width does not show. The track name counts as shown when its
// marker is.
func (l *Layout) Dropped() []Column {
	var out []Column
	for _, c := range Drop {
		if !l.had[c] || l.w[c] > 0 {
			continue
		}
		if c == Track && l.w[TrackMarker] > 0 {
			continue
		}
		if c == TrackMarker && l.w[Track] > 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Plan lays the columns out for rows of content c at the given width.
func Plan(c *Content, width int) Layout {
	l := Layout{Width: max(0, width), lines: 1, tails: c.roomTails()}
	var shown [numColumns]bool
	for col := Column(0); col < numColumns; col++ {
		shown[col] = c.need[col] > 0
		l.had[col] = shown[col]
	}
	shown[Title] = true
	secondLine := shown[Room] || shown[Speakers] || shown[Level] || shown[Rating]
	if width < TwoLinesBelow && secondLine {
		l.planTwo(c, shown)
		return l
	}
	if width < TrackColumnFrom {
		shown[Track] = false
	}
	if shown[Track] {
		shown[TrackMarker] = false
	}
	for !l.planOne(c, &shown) {
		col, ok := dropNext(&shown, Drop)
		if !ok {
			l.planOne(c, &shown) // nothing left to give way: take what fits
			break
		}
		if col == Track && c.need[TrackMarker] > 0 {
			shown[TrackMarker] = true // the name gives way to the marker
		}
	}
	return l
}

// dropNext hides the first shown column of order and returns it; it reports
// whether there was one.
func dropNext(shown *[numColumns]bool, order []Column) (Column, bool) {
	for _, c := range order {
		if shown[c] {
			shown[c] = false
			return c, true
		}
	}
	return 0, false
}

// fixedWidth is the width of a column that does not flex.
func (l *Layout) fixedWidth(c *Content, col Column) int {
	switch col {
	case TrackMarker:
		return 1
	case Level:
		if l.Width >= TrackColumnFrom {
			return min(c.need[Level], 12)
		}
		return min(c.need[Level], levelShort)
	}
	return c.need[col]
}

func isFlex(col Column) bool { return col == Speakers || col == Room || col == Track }

// planOne sets the widths of a one-line row for the shown columns; it
// reports whether every column got at least its minimum.
func (l *Layout) planOne(c *Content, shown *[numColumns]bool) bool {
	l.w = [numColumns]int{}
	n, fixed := 0, 0
	var flex []Column
	for col := Column(0); col < numColumns; col++ {
		if !shown[col] {
			continue
		}
		n++
		switch {
		case col == Title:
		case isFlex(col):
			flex = append(flex, col)
		default:
			l.w[col] = l.fixedWidth(c, col)
			fixed += l.w[col]
		}
	}
	avail := l.Width - fixed - (n - 1) // for the title and the flexible columns
	ok := avail >= TitleMin
	budget := avail - max(TitleMin, avail/2)
	used := share(c, flex, budget, &l.w)
	for _, col := range flex {
		if l.w[col] < min(minWidth[col], c.need[col]) {
			ok = false
		}
	}
	title := avail - used
	// A title column wider than the longest title gives its surplus back to
	// the columns that still want more.
	if need := c.need[Title]; need < MeasureCap && title > need && ok {
		var more []Column
		var extra Content
		for _, col := range flex {
			if d := c.need[col] - l.w[col]; d > 0 {
				more = append(more, col)
				extra.need[col] = d
			}
		}
		var add [numColumns]int
		given := share(&extra, more, title-need, &add)
		for _, col := range more {
			l.w[col] += add[col]
		}
		title -= given
	}
	l.w[Title] = max(1, title)
	return ok
}

// share gives the flexible columns what they need of budget, fairly: the
// columns needing least are served first, none gets more than an equal part
// of what is left. It returns the total given.
func share(c *Content, flex []Column, budget int, w *[numColumns]int) int {
	sort.SliceStable(flex, func(i, j int) bool { return c.need[flex[i]] < c.need[flex[j]] })
	rem, used := max(0, budget), 0
	for i, col := range flex {
		left := len(flex) - i
		g := min(c.need[col], (rem+left-1)/left)
		w[col] = g
		rem -= g
		used += g
	}
	return used
}

// planTwo lays a session out on two lines: mark, time, track marker and
// title on the first; room, speakers, level and rating on the second, which
// starts under the time.
func (l *Layout) planTwo(c *Content, shown [numColumns]bool) {
	l.lines = 2
	shown[Track] = false
	// First line.
	n, fixed := 0, 0
	for _, col := range []Column{Mark, Time, TrackMarker} {
		if shown[col] {
			l.w[col] = l.fixedWidth(c, col)
			fixed += l.w[col]
			n++
		}
	}
	l.w[Title] = max(1, l.Width-fixed-n)
	if shown[Mark] {
		l.indent = l.w[Mark] + 1
	}
	// Second line: room, then speakers taking the rest, level and rating.
	order := []Column{Level, Speakers, Rating, Room} // Drop, less what is on line one
	for {
		for _, col := range []Column{Room, Speakers, Level, Rating} {
			l.w[col], l.second[col] = 0, shown[col]
		}
		n, fixed = 0, 0
		for _, col := range []Column{Level, Rating} {
			if shown[col] {
				l.w[col] = l.fixedWidth(c, col)
				fixed += l.w[col]
				n++
			}
		}
		if shown[Room] {
			n++
		}
		if shown[Speakers] {
			n++
		}
		avail := l.Width - l.indent - fixed - max(0, n-1)
		ok := true
		if shown[Room] {
			room := avail
			if shown[Speakers] {
				room = max(minWidth[Room], avail/2)
			}
			l.w[Room] = max(0, min(c.need[Room], room))
			ok = l.w[Room] >= min(minWidth[Room], c.need[Room])
			avail -= l.w[Room]
		}
		if shown[Speakers] {
			l.w[Speakers] = max(0, avail)
			ok = ok && avail >= minWidth[Speakers]
		}
		if ok {
			return
		}
		if _, more := dropNext(&shown, order); !more {
			return
		}
	}
}
