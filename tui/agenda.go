package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
)

type agendaKind uint8

const (
	agHeader agendaKind = iota // a day or section title
	agGap                      // "45 min free"
	agItem                     // a starred session
	agOrphan                   // a session that left the schedule
	agBlank
)

type agendaRow struct {
	kind agendaKind
	text string
	item data.AgendaItem
	id   string
}

// agendaModel is the person's own schedule: starred sessions by day and time
// with the free time between them, clashes marked, unscheduled ones apart,
// and what has left the schedule.
type agendaModel struct {
	sh   *shared
	rows []agendaRow
	nav  listNav
}

func newAgenda(sh *shared) *agendaModel {
	m := &agendaModel{sh: sh}
	m.reload()
	return m
}

func (m *agendaModel) selectable(i int) bool {
	return i >= 0 && i < len(m.rows) && (m.rows[i].kind == agItem || m.rows[i].kind == agOrphan)
}

func (m *agendaModel) reload() {
	keep := ""
	if m.selectable(m.nav.cursor) {
		keep = m.rows[m.nav.cursor].id
	}
	a := data.BuildAgenda(m.sh.conf, m.sh.mine)
	m.rows = m.rows[:0]
	add := func(r agendaRow) { m.rows = append(m.rows, r) }
	for _, d := range a.Days {
		title := data.DayTitle(d.Date) + " · " + data.Minutes(d.Booked) + " booked"
		if len(m.rows) > 0 {
			add(agendaRow{kind: agBlank})
		}
		add(agendaRow{kind: agHeader, text: title})
		for i, it := range d.Items {
			if i > 0 && it.FreeBefore > 0 {
				add(agendaRow{kind: agGap, text: data.Minutes(it.FreeBefore) + " free"})
			}
			add(agendaRow{kind: agItem, item: it, id: it.Session.ID})
		}
	}
	if len(a.Unscheduled) > 0 {
		if len(m.rows) > 0 {
			add(agendaRow{kind: agBlank})
		}
		add(agendaRow{kind: agHeader, text: "Starred, " + data.NotAnnounced})
		for _, it := range a.Unscheduled {
			add(agendaRow{kind: agItem, item: it, id: it.Session.ID})
		}
	}
	if len(a.Orphans) > 0 {
		if len(m.rows) > 0 {
			add(agendaRow{kind: agBlank})
		}
		add(agendaRow{kind: agHeader, text: "No longer in the schedule"})
		for _, id := range a.Orphans {
			add(agendaRow{kind: agOrphan, id: id})
		}
	}
	m.nav.first(len(m.rows), m.selectable)
	for i := range m.rows {
		if keep != "" && m.selectable(i) && m.rows[i].id == keep {
			m.nav.cursor = i
		}
	}
	m.nav.keep(m.height(), len(m.rows), m.selectable)
}

func (m *agendaModel) height() int { return max(1, m.sh.height-2) }

// current returns the session under the cursor; for an orphan a stand-in
// carrying only its id, so it can still be unstarred, re-rated or noted.
func (m *agendaModel) current() *data.Session {
	if !m.selectable(m.nav.cursor) {
		return nil
	}
	r := m.rows[m.nav.cursor]
	if r.kind == agOrphan {
		return &data.Session{ID: r.id, Title: r.id}
	}
	return r.item.Session
}

func (m *agendaModel) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(refreshMsg); ok {
		m.reload()
		return nil
	}
	if m.nav.handle(m.sh.keys, msg, len(m.rows), m.height(), m.selectable) {
		return nil
	}
	msg0, ok := msg.(tea.KeyPressMsg)
	s := m.current()
	if !ok || s == nil {
		return nil
	}
	if key.Matches(msg0, m.sh.keys.Open) {
		return push(newSessionPage(m.sh, s.ID))
	}
	done, cmd := sessionKey(m.sh, s, msg0)
	if done {
		m.reload()
	}
	return cmd
}

// SetSize does nothing: the agenda reads the height as it draws.
func (m *agendaModel) SetSize(int, int) {}

func (m *agendaModel) View() string {
	sh := m.sh
	st := sh.styles
	w := sh.width
	if len(m.rows) == 0 {
		return strings.Join([]string{
			"",
			st.Dim.Render(trunc("  Your agenda is empty.", w)),
			st.Dim.Render(trunc("  Press space or * on a session to add it.", w)),
		}, "\n")
	}
	var lines []string
	end := min(len(m.rows), m.nav.offset+m.height())
	for i := m.nav.offset; i < end; i++ {
		r := m.rows[i]
		cursor := i == m.nav.cursor
		switch r.kind {
		case agBlank:
			lines = append(lines, "")
		case agHeader:
			lines = append(lines, st.DayHeader.Render(trunc(r.text, w)))
		case agGap:
			lines = append(lines, st.Gap.Render(trunc("      · "+r.text, w)))
		case agOrphan:
			base := st.Orphan
			if cursor {
				base = st.cursor(base)
			}
			name := r.id
			if t := sh.personal(r.id).Title; t != "" {
				name = t + " (" + r.id + ")"
			}
			lines = append(lines, base.Render(fit("  ✗ "+name, w)))
			if note := sh.personal(r.id).Note; note != "" {
				lines = append(lines, st.Note.Render(trunc("      ✎ "+oneLine(note), w)))
			}
		case agItem:
			lines = append(lines, m.itemLine(r.item, w, cursor))
			if note := r.item.Personal.Note; note != "" {
				lines = append(lines, st.Note.Render(trunc("      ✎ "+oneLine(note), w)))
			}
		}
	}
	return strings.Join(lines, "\n")
}

func (m *agendaModel) itemLine(it data.AgendaItem, w int, cursor bool) string {
	sh := m.sh
	st := sh.styles
	s := it.Session
	base, dim, clash := st.Row, st.Dim, st.Clash
	if cursor {
		base, dim, clash = st.RowCursor, st.cursor(dim), st.cursor(clash)
	}
	tm := "           "
	if s.Scheduled() {
		tm = data.TimeRange(s)
	}
	if w < 60 && s.Scheduled() {
		tm = s.Start.Format("15:04")
	} else if w < 60 {
		tm = "     "
	}
	right := base.Render("        ") // the clash column, kept so the rooms line up
	if len(it.Clashes) > 0 {
		right = clash.Render(" ⚠ clash")
	}
	room := ""
	if w >= 70 && s.Room != "" {
		room = dim.Render(" " + fit(s.Room, 12))
	}
	titleW := max(4, w-2-ansi.StringWidth(tm)-1-ansi.StringWidth(room)-ansi.StringWidth(right))
	line := base.Render(" "+sh.changeMark(s)) + dim.Render(tm) + base.Render(" ") + base.Render(fit(s.Title, titleW)) + room + right
	if pad := w - ansi.StringWidth(line); pad > 0 {
		line += base.Render(strings.Repeat(" ", pad))
	}
	return trunc(line, w)
}

func (m *agendaModel) KeyMap() keyMap {
	k := m.sh.keys
	if len(m.rows) == 0 {
		return keyMap{
			short: []key.Binding{k.NextTab, k.Help, k.Quit},
			bound: append(append(m.sh.tabKeys(), k.Refresh, k.Changes), k.globals()...),
		}
	}
	unstar := key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "unstar"))
	bound := append(moveKeys(k), k.Open)
	bound = append(bound, sessionKeys(k)...)
	bound = append(bound, m.sh.tabKeys()...)
	bound = append(bound, k.Refresh, k.Changes)
	return keyMap{
		short: []key.Binding{k.Open, unstar, k.Rate, k.Note, k.NextTab, k.Help, k.Quit},
		bound: append(bound, k.globals()...),
	}
}

// oneLine folds a multi-line note into one line for lists.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
