package tui

// listNav is a cursor over rows of which only some can be selected (sessions,
// not day headers), with the offset of the first row on screen.
type listNav struct {
	cursor, offset int
}

// first moves the cursor to the first selectable row.
func (l *listNav) first(n int, ok func(int) bool) {
	l.cursor, l.offset = 0, 0
	for l.cursor < n-1 && !ok(l.cursor) {
		l.cursor++
	}
}

// last moves the cursor to the last selectable row.
func (l *listNav) last(n int, ok func(int) bool) {
	l.cursor = n - 1
	for l.cursor > 0 && !ok(l.cursor) {
		l.cursor--
	}
}

// move steps the cursor by delta rows, landing on a selectable row.
func (l *listNav) move(delta, n int, ok func(int) bool) {
	if n == 0 {
		return
	}
	target := clamp(l.cursor+delta, 0, n-1)
	step := 1
	if delta < 0 {
		step = -1
	}
	for i := target; i >= 0 && i < n; i += step {
		if ok(i) {
			l.cursor = i
			return
		}
	}
	// Nothing selectable in that direction: look the other way from target.
	for i := target; i >= 0 && i < n; i -= step {
		if ok(i) {
			l.cursor = i
			return
		}
	}
}

// keep scrolls so the cursor is on screen, showing headers above the first
// selectable row when the cursor reaches it.
func (l *listNav) keep(height, n int, ok func(int) bool) {
	if height < 1 {
		height = 1
	}
	l.cursor = clamp(l.cursor, 0, max(0, n-1))
	if l.cursor < l.offset {
		l.offset = l.cursor
		// Pull the headers just above the cursor into view.
		for l.offset > 0 && !ok(l.offset-1) && l.cursor-(l.offset-1) < height {
			l.offset--
		}
	}
	if l.cursor >= l.offset+height {
		l.offset = l.cursor - height + 1
	}
	l.offset = clamp(l.offset, 0, max(0, n-height))
}
