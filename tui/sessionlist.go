package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/tui/layout"
)

// The Sessions list on screen. A session row takes m.lay.Lines() lines (two
// below layout.TwoLinesBelow columns), a header one. In programme order the
// day of the first row on screen is always shown: when its header has
// scrolled off, a copy of it sticks to the top of the list, above the rows
// from nav.offset on. Nothing is hidden under it.

// rowLines is how many lines row i takes: a session on two lines keeps
// to one when it has nothing for the second.
func (m *sessionsModel) rowLines(i int) int {
	r := &m.rows[i]
	if r.kind != rowSession || m.lay.Lines() == 1 {
		return 1
	}
	l, s := &m.lay, r.s
	if l.OnSecondLine(layout.Room) && s.Room != "" ||
		l.OnSecondLine(layout.Speakers) && m.sh.speakerNames(s) != "" ||
		l.OnSecondLine(layout.Level) && s.Level != "" ||
		l.OnSecondLine(layout.Rating) && (s.Rating != nil || m.sh.mine[s.ID].Rating > 0) {
		return m.lay.Lines()
	}
	return 1
}

// sticky reports whether a list starting at row i shows its day's header
// above it.
func (m *sessionsModel) sticky(i int) bool {
	return m.grouped() && i > 0 && i < len(m.rows) && m.rows[i].kind != rowDay
}

// stickyLines is the line the sticky header takes over a list starting at row i.
func (m *sessionsModel) stickyLines(i int) int {
	if m.sticky(i) {
		return 1
	}
	return 0
}

// pageRows is how many rows a page key moves.
func (m *sessionsModel) pageRows() int { return max(1, m.listHeight()/m.lay.Lines()) }

// fits reports whether the list starting at row from shows all of row to.
func (m *sessionsModel) fits(from, to, h int) bool {
	used := m.stickyLines(from)
	for i := from; i <= to; i++ {
		used += m.rowLines(i)
		if used > h {
			return false
		}
	}
	return true
}

// lowest is the first row of a list that ends with all of row to on screen
// and starts as late as it can, so that to is the last row shown.
func (m *sessionsModel) lowest(to, h int) int {
	from, used := to, m.rowLines(to)
	for from > 0 {
		u := used + m.rowLines(from-1)
		if u+m.stickyLines(from-1) > h {
			break
		}
		from, used = from-1, u
	}
	return from
}

// follow scrolls the list so that the cursor's row is wholly on screen,
// pulling the headers just above it into view when it moves up onto the
// first session of a day, and never scrolling past the last row.
func (m *sessionsModel) follow() {
	n, h := len(m.rows), m.listHeight()
	if n == 0 {
		m.nav.cursor, m.nav.offset = 0, 0
		return
	}
	nav := &m.nav
	nav.cursor = clamp(nav.cursor, 0, n-1)
	nav.offset = clamp(nav.offset, 0, n-1)
	if nav.cursor < nav.offset {
		nav.offset = nav.cursor
		for nav.offset > 0 && !m.selectable(nav.offset-1) && m.fits(nav.offset-1, nav.cursor, h) {
			nav.offset--
		}
	}
	if !m.fits(nav.offset, nav.cursor, h) {
		nav.offset = max(nav.offset, m.lowest(nav.cursor, h))
	}
	nav.offset = min(nav.offset, m.lowest(n-1, h))
}

// listLines draws the list, h lines at most.
func (m *sessionsModel) listLines(h int) []string {
	sh := m.sh
	st := sh.styles
	w := sh.width
	now := sh.now()
	var lines []string
	if m.sticky(m.nav.offset) {
		lines = append(lines, m.dayHeader(m.rows[m.nav.offset].date))
	}
	for i := m.nav.offset; i < len(m.rows) && len(lines) < h; i++ {
		r := m.rows[i]
		switch r.kind {
		case rowDay:
			lines = append(lines, m.dayHeader(r.date))
		case rowNotAnnounced:
			lines = append(lines, st.SubHeader.Render(trunc("  "+data.NotAnnounced, w)))
		case rowSession:
			row := sh.sessionRow(&m.hits[r.hit], m.grouped())
			styles := &st.Rows
			if data.Ended(r.s, now) {
				styles = &st.PastRows // over: dimmed
			}
			lines = append(lines, m.lay.Render(&row, styles, i == m.nav.cursor)[:m.rowLines(i)]...)
		}
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

func (m *sessionsModel) dayHeader(date string) string {
	title := data.DayTitle(date)
	if l := m.sh.conf.DayLabel(date); l != "" {
		title += " · " + l
	}
	return m.sh.styles.DayHeader.Render(trunc(title, m.sh.width))
}

// rowAt is the row drawn on line y of the list (0 is its first line), or
// -1: the sticky header, or below the rows.
func (m *sessionsModel) rowAt(y int) int {
	if y < 0 {
		return -1
	}
	y -= m.stickyLines(m.nav.offset)
	for i := m.nav.offset; i < len(m.rows) && y >= 0; i++ {
		if y < m.rowLines(i) {
			return i
		}
		y -= m.rowLines(i)
	}
	return -1
}

// hide applies q, which hides the focused session's room or track, and
// keeps the cursor on the nearest session still listed: the closest below
// or above, the one below first.
func (m *sessionsModel) hide(q data.Query, status string) tea.Cmd {
	var near []string
	c := m.nav.cursor
	for d := 0; c+d < len(m.rows) || c-d >= 0; d++ {
		if m.selectable(c + d) {
			near = append(near, m.rows[c+d].s.ID)
		}
		if d > 0 && m.selectable(c-d) {
			near = append(near, m.rows[c-d].s.ID)
		}
	}
	cmd := m.sh.setQuery(q, status)
	m.rebuild(near...)
	return cmd
}
