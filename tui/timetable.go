package tui

import (
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/tui/timetable"
)

// timetableModel is the Timetable screen: one day of the programme as a
// grid, rooms as columns and time running down (tui/timetable draws it).
// It shows the sessions the Sessions list shows (the search, the filters
// and the hidden rooms and tracks apply), one day at a time; sessions with
// no time are left out, as a grid has no place for them.
type timetableModel struct {
	sh    *shared
	built int      // the sh.gen the days were laid out from
	days  []string // the days with a session to draw, in order
	day   int      // index into days
	grid  *timetable.Day
	ids   []*data.Session // the grid's sessions, by their index in it
	view  timetable.View
}

func newTimetable(sh *shared) *timetableModel {
	m := &timetableModel{sh: sh, built: -1}
	m.view.Cursor = -1
	m.rebuild()
	return m
}

// gridHeight is the grid's height: the screen less the tabs, the help line
// and the day's title.
func (m *timetableModel) gridHeight() int { return max(1, m.sh.height-3) }

// rebuild lays the days out again from the hits, keeping the day and the
// focused session when they are still there.
func (m *timetableModel) rebuild() {
	sh := m.sh
	var keepDay, keepID string
	if m.day < len(m.days) {
		keepDay = m.days[m.day]
	}
	if s := m.current(); s != nil {
		keepID = s.ID
	}
	m.built = sh.gen
	m.days = m.days[:0]
	for i := range sh.hits {
		s := sh.hits[i].Session
		if s.Scheduled() && !slices.Contains(m.days, s.Date) {
			m.days = append(m.days, s.Date)
		}
	}
	slices.Sort(m.days)
	m.day = 0
	today := sh.now().In(sh.conf.Location()).Format(data.DateLayout)
	for i, d := range m.days {
		if d == keepDay || keepDay == "" && d == today {
			m.day = i
		}
	}
	m.layDay(keepID)
}

// layDay makes the grid of the current day, focusing the session with id
// keep when it is there, else the one running now, else the first.
func (m *timetableModel) layDay(keep string) {
	sh := m.sh
	m.grid, m.ids = nil, m.ids[:0]
	m.view = timetable.View{Cursor: -1}
	if m.day >= len(m.days) {
		return
	}
	date := m.days[m.day]
	var sessions []timetable.Session
	for i := range sh.hits {
		s := sh.hits[i].Session
		if s.Date != date || !s.Scheduled() {
			continue
		}
		sessions = append(sessions, timetable.Session{
			ID: s.ID, Start: s.Start, End: s.End, Room: s.Room, Title: s.Title,
			Speakers: sh.speakerNames(s),
			Color:    sh.widths.trackColor(s.Track, sh.styles.isDark),
			Starred:  sh.personal(s.ID).Starred,
		})
		m.ids = append(m.ids, s)
	}
	rooms := make([]string, 0, len(sh.conf.Rooms))
	for _, r := range sh.conf.Rooms {
		rooms = append(rooms, r.Name)
	}
	m.grid = timetable.NewDay(sessions, rooms)
	cur := -1
	if keep != "" {
		cur = m.grid.Index(keep)
	}
	if now := sh.now(); cur < 0 && now.In(sh.conf.Location()).Format(data.DateLayout) == date {
		cur = m.grid.At(now)
	}
	if cur < 0 {
		cur = m.grid.First()
	}
	m.view.Cursor = cur
	m.follow()
}

// follow sizes the view and scrolls it to the cursor.
func (m *timetableModel) follow() {
	if m.grid == nil {
		return
	}
	m.view.Width, m.view.Height = m.sh.width, m.gridHeight()
	m.view = m.grid.Follow(m.view)
}

// current is the focused session, or nil.
func (m *timetableModel) current() *data.Session {
	if m.grid == nil || m.view.Cursor < 0 || m.view.Cursor >= len(m.ids) {
		return nil
	}
	return m.ids[m.view.Cursor]
}

func (m *timetableModel) SetSize(int, int) { m.follow() }

func (m *timetableModel) Update(msg tea.Msg) tea.Cmd {
	if m.built != m.sh.gen {
		m.rebuild()
	}
	switch msg := msg.(type) {
	case refreshMsg, tea.BackgroundColorMsg:
		m.rebuild() // stars and track colours are drawn from the model
	case tea.MouseWheelMsg:
		if m.grid != nil {
			switch msg.Button {
			case tea.MouseWheelUp:
				m.view = m.grid.Scroll(m.view, -3)
			case tea.MouseWheelDown:
				m.view = m.grid.Scroll(m.view, 3)
			}
		}
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			return m.click(msg.X, msg.Y)
		}
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// key handles a key press: moving in space, changing day, opening, and the
// keys that act on the focused session.
func (m *timetableModel) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	switch {
	case key.Matches(msg, k.NextDay):
		m.changeDay(1)
		return nil
	case key.Matches(msg, k.PrevDay):
		m.changeDay(-1)
		return nil
	}
	if m.grid == nil {
		return nil
	}
	g := m.grid.Geometry(m.view)
	move := func(to int) {
		if to >= 0 {
			m.view.Cursor = to
			m.follow()
		}
	}
	switch {
	case key.Matches(msg, k.Up):
		move(m.grid.Up(m.view.Cursor))
	case key.Matches(msg, k.Down):
		move(m.grid.Down(m.view.Cursor))
	case key.Matches(msg, k.PrevSpeaker): // ←/h
		move(m.grid.Left(m.view.Cursor))
	case key.Matches(msg, k.NextSpeaker): // →/l
		move(m.grid.Right(m.view.Cursor))
	case key.Matches(msg, k.Home):
		move(m.grid.First())
	case key.Matches(msg, k.End):
		move(m.grid.At(time.Unix(1<<40, 0))) // the last to start
	case key.Matches(msg, k.PageUp):
		m.view = m.grid.Scroll(m.view, -max(1, g.BodyLines-1))
	case key.Matches(msg, k.PageDown):
		m.view = m.grid.Scroll(m.view, max(1, g.BodyLines-1))
	case key.Matches(msg, k.Open):
		if s := m.current(); s != nil {
			return push(newSessionPage(m.sh, s.ID))
		}
	default:
		if s := m.current(); s != nil {
			if ok, cmd := sessionKey(m.sh, s, msg); ok {
				return cmd
			}
		}
	}
	return nil
}

// changeDay shows the next (dir 1) or previous (dir -1) day, focusing the
// session at the same time of day as the one focused (the one running
// then, else the next), or the first.
func (m *timetableModel) changeDay(dir int) {
	to := m.day + dir
	if to < 0 || to >= len(m.days) {
		return
	}
	at := m.current()
	m.day = to
	m.layDay("")
	if at == nil || m.grid == nil {
		return
	}
	loc := m.sh.conf.Location()
	day, err := time.ParseInLocation(data.DateLayout, m.days[m.day], loc)
	if err != nil {
		return
	}
	h, mi, _ := at.Start.In(loc).Clock()
	if i := m.grid.At(time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, loc)); i >= 0 {
		m.view.Cursor = i
		m.follow()
	}
}

// click focuses the session under a left click, and opens it when it was
// focused already.
func (m *timetableModel) click(x, y int) tea.Cmd {
	if m.grid == nil {
		return nil
	}
	i := m.grid.SessionAt(m.view, x, y-2) // under the tabs and the day's title
	if i < 0 {
		return nil
	}
	if i == m.view.Cursor {
		return push(newSessionPage(m.sh, m.ids[i].ID))
	}
	m.view.Cursor = i
	m.follow()
	return nil
}

func (m *timetableModel) View() string {
	sh := m.sh
	st := sh.styles
	w := sh.width
	if m.grid == nil {
		msg := "No sessions with a time to show."
		if !sh.query.IsZero() {
			msg = "No sessions with a time match. esc on Sessions clears the search, X the filters."
		}
		return "\n" + st.Dim.Render(trunc("  "+msg, w))
	}
	date := m.days[m.day]
	title := data.DayTitle(date)
	if l := sh.conf.DayLabel(date); l != "" {
		title += " · " + l
	}
	right := fmt.Sprintf(" day %d of %d", m.day+1, len(m.days))
	head := st.DayHeader.Render(fit(title, w-ansi.StringWidth(right))) + st.Dim.Render(right)
	v := m.view
	v.Now = sh.now().In(sh.conf.Location())
	return trunc(head, w) + "\n" + m.grid.Render(v, st.Grid)
}

func (m *timetableModel) KeyMap() keyMap {
	k := m.sh.keys
	left, right := k.PrevSpeaker, k.NextSpeaker
	left.SetHelp("←/h", "left")
	right.SetHelp("→/l", "right")
	var short, bound []key.Binding
	if m.current() != nil {
		short = append(short, k.Open, left, right, k.Star)
		bound = append(bound, k.Up, k.Down, left, right, k.Home, k.End, k.Open)
		bound = append(bound, sessionKeys(k)...)
		if g := m.grid.Geometry(m.view); g.Lines > g.BodyLines {
			bound = append(bound, k.PageUp, k.PageDown)
		}
	}
	if len(m.days) > 1 {
		short = append(short, k.NextDay, k.PrevDay)
		bound = append(bound, k.NextDay, k.PrevDay)
	}
	short = append(short, k.Help, k.Quit, k.NextTab)
	bound = append(bound, k.Conferences)
	return keyMap{short: short, bound: append(bound, k.globals()...)}
}
