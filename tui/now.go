package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
)

// The Now screen: at the venue, what runs in every room now (with a
// progress bar and the time left) and what comes next there, the rooms
// where the person starred or rated something first, and their next
// starred session on top. Before the conference it counts down to the
// first session, between days to the next day, and after it says the
// conference is over. It follows the clock's beat (clockMsg, every 30 s).

type nowKind uint8

const (
	nowRoom     nowKind = iota // a room's name, on its own line (narrow)
	nowRunning                 // the session running in a room
	nowProgress                // its progress bar (narrow)
	nowNext                    // the next session in a room
)

// nowRow is one line of the rooms list.
type nowRow struct {
	kind nowKind
	room int // index into nowModel.nn.Rooms
}

// nowModel is the Now screen.
type nowModel struct {
	sh   *shared
	nn   data.NowNext
	head []string // the headline and "next for you", wrapped to the width
	rows []nowRow
	nav  listNav
}

func newNow(sh *shared) *nowModel {
	m := &nowModel{sh: sh}
	m.recompute()
	return m
}

// wide reports whether a room takes two lines (room, session, bar and time
// left on one) rather than four.
func (m *nowModel) wide() bool { return m.sh.width >= 60 }

// headLines is how many lines the headline, the "next for you" line and
// the blank line under them take.
func (m *nowModel) headLines() int { return len(m.head) + 1 }

// wrapHead wraps the headline and the "next for you" line to the width,
// two lines each at most.
func (m *nowModel) wrapHead() {
	st, w := m.sh.styles, max(1, m.sh.width)
	m.head = m.head[:0]
	add := func(s string, style func(...string) string) {
		lines := wrap(s, w)
		if len(lines) > 2 {
			lines[1] = trunc(strings.Join(lines[1:], " "), w)
			lines = lines[:2]
		}
		for _, l := range lines {
			m.head = append(m.head, style(l))
		}
	}
	add(m.headline(), st.DayHeader.Render)
	if f := m.nn.ForYouText(m.sh.disp); f != "" {
		add(f, st.Star.Render)
	}
}

func (m *nowModel) listHeight() int { return max(1, m.sh.height-2-m.headLines()) }

// recompute works out what is on at the clock's time and lays the rooms
// out, keeping the cursor on the same session.
func (m *nowModel) recompute() {
	keepID, keepKind := "", nowRunning
	if s := m.current(); s != nil {
		keepID, keepKind = s.ID, m.rows[m.nav.cursor].kind
	}
	sh := m.sh
	m.nn = data.NowAndNext(sh.conf, nil, sh.mine, sh.now(), sh.disp)
	m.wrapHead()
	m.rows = m.rows[:0]
	target := -1
	for i, r := range m.nn.Rooms {
		if !m.wide() {
			m.rows = append(m.rows, nowRow{kind: nowRoom, room: i})
		}
		if r.Running != nil {
			if r.Running.ID == keepID && keepKind == nowRunning {
				target = len(m.rows)
			}
			m.rows = append(m.rows, nowRow{kind: nowRunning, room: i})
			if !m.wide() {
				m.rows = append(m.rows, nowRow{kind: nowProgress, room: i})
			}
		}
		if r.Next != nil {
			if r.Next.ID == keepID && keepKind == nowNext {
				target = len(m.rows)
			}
			m.rows = append(m.rows, nowRow{kind: nowNext, room: i})
		}
	}
	if target >= 0 {
		m.nav.cursor = target
	} else {
		m.nav.first(len(m.rows), m.selectable)
	}
	m.nav.keep(m.listHeight(), len(m.rows), m.selectable)
}

func (m *nowModel) selectable(i int) bool {
	return i >= 0 && i < len(m.rows) && (m.rows[i].kind == nowRunning || m.rows[i].kind == nowNext)
}

// current is the session under the cursor, or nil.
func (m *nowModel) current() *data.Session {
	if !m.selectable(m.nav.cursor) {
		return nil
	}
	r := m.rows[m.nav.cursor]
	if r.room >= len(m.nn.Rooms) {
		return nil
	}
	if r.kind == nowRunning {
		return m.nn.Rooms[r.room].Running
	}
	return m.nn.Rooms[r.room].Next
}

func (m *nowModel) SetSize(int, int) { m.recompute() }

func (m *nowModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case refreshMsg, clockMsg:
		m.recompute()
	case tea.MouseWheelMsg:
		m.nav.handle(m.sh.keys, msg, len(m.rows), m.listHeight(), m.selectable)
	case tea.KeyPressMsg:
		k := m.sh.keys
		if m.nav.handle(k, msg, len(m.rows), m.listHeight(), m.selectable) {
			return nil
		}
		s := m.current()
		if s == nil {
			return nil
		}
		if key.Matches(msg, k.Open) {
			return push(newSessionPage(m.sh, s.ID))
		}
		if ok, cmd := sessionKey(m.sh, s, msg); ok {
			return cmd
		}
	}
	return nil
}

// headline is the screen's first line: the countdown, "this conference is
// over", or the day and the time while it runs.
func (m *nowModel) headline() string {
	if h := m.nn.Headline(m.sh.disp); h != "" {
		return h
	}
	return data.DayTitle(m.nn.Day) + " · " + m.sh.disp.Clock(m.nn.At)
}

func (m *nowModel) View() string {
	lines := append(append([]string(nil), m.head...), "")
	end := min(len(m.rows), m.nav.offset+m.listHeight())
	for i := m.nav.offset; i < end; i++ {
		lines = append(lines, m.renderRow(m.rows[i], i == m.nav.cursor))
	}
	return strings.Join(lines, "\n")
}

// roomName is a room's name with ★ when the person has something there
// today.
func roomName(r data.RoomNow) string {
	name := r.Room
	if name == "" {
		name = "(no room)"
	}
	if r.Mine {
		return "★ " + name
	}
	return "  " + name
}

// progressBar draws p (0..1) in w cells.
func progressBar(p float64, w int) string {
	n := min(w, max(0, int(p*float64(w)+0.5)))
	return strings.Repeat("█", n) + strings.Repeat("░", w-n)
}

func (m *nowModel) renderRow(r nowRow, cursor bool) string {
	sh := m.sh
	st, w := sh.styles, sh.width
	room := m.nn.Rooms[r.room]
	base, dim, accent := st.Row, st.Dim, st.Rating
	if cursor {
		base, dim, accent = st.RowCursor, st.cursor(dim), st.cursor(accent)
	}
	const roomW = 16
	var left, right string
	var s *data.Session
	switch r.kind {
	case nowRoom:
		return st.Section.Render(trunc(roomName(room), w))
	case nowProgress:
		return "  " + accent.Render(progressBar(room.Progress, 10)) + " " + dim.Render(data.LeftText(room.Left))
	case nowRunning:
		s = room.Running
		left = "  "
		if m.wide() {
			left = fit(roomName(room), roomW) + " "
			right = " " + accent.Render(progressBar(room.Progress, 10)) + dim.Render(" "+fitLeft(data.LeftText(room.Left), 12))
		}
		left = dim.Render(left+"now  ") + dim.Render(sh.disp.Clock(s.Start)+" ")
	case nowNext:
		s = room.Next
		left = "  "
		if m.wide() {
			left = strings.Repeat(" ", roomW+1)
			if room.Running == nil {
				left = fit(roomName(room), roomW) + " "
			}
		}
		when := sh.disp.Clock(s.Start)
		if d := sh.disp.Day(s); d != m.nn.Day {
			when = data.DayShort(d) + " " + when
		}
		left = dim.Render(left+"next ") + dim.Render(when+" ")
		right = dim.Render(" " + fitLeft(data.InText(room.NextIn), 14))
		if !m.wide() {
			right = ""
		}
	}
	titleW := max(1, w-ansi.StringWidth(left)-ansi.StringWidth(right))
	line := left + base.Render(fit(s.Title, titleW)) + right
	if r.kind == nowRunning && !m.wide() {
		line = left + base.Render(fit(s.Title, titleW))
	}
	return trunc(line, w)
}

func (m *nowModel) KeyMap() keyMap {
	k := m.sh.keys
	var short, bound []key.Binding
	if m.current() != nil {
		short = append(short, k.Open, k.Star)
		bound = append(moveKeys(k), k.Open)
		bound = append(bound, sessionKeys(k)...)
	}
	tabs := m.sh.tabKeys()
	if m.sh.disp.Differs() {
		short = append(short, k.Zone)
	}
	short = append(short, k.PrevTab, k.Help, k.Quit)
	return keyMap{short: short, bound: append(append(bound, tabs...), k.globals()...)}
}
