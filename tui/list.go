package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

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

// handle moves the cursor for the movement keys and the mouse wheel over n
// rows, h of them on screen; it reports whether msg was one of them.
func (l *listNav) handle(k KeyMap, msg tea.Msg, n, h int, ok func(int) bool) bool {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.move(-3, n, ok)
		case tea.MouseWheelDown:
			l.move(3, n, ok)
		default:
			return false
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			l.move(-1, n, ok)
		case key.Matches(msg, k.Down):
			l.move(1, n, ok)
		case key.Matches(msg, k.PageUp):
			l.move(-h, n, ok)
		case key.Matches(msg, k.PageDown):
			l.move(h, n, ok)
		case key.Matches(msg, k.Home):
			l.first(n, ok)
		case key.Matches(msg, k.End):
			l.last(n, ok)
		default:
			return false
		}
	default:
		return false
	}
	l.keep(h, n, ok)
	return true
}
