package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/tui/layout"
)

type rowKind uint8

const (
	rowDay rowKind = iota
	rowNotAnnounced
	rowSession
)

// row is one line of the session list: a day header, the "time not announced"
// header, or a session (an index into the hits the rows were laid out from).
type row struct {
	kind rowKind
	date string        // the day the row is under
	hit  int           // index into sessionsModel.hits
	s    *data.Session // the session of a session row
}

// sessionsModel is the programme: every session by day and time, with the
// search field and the chips of the active filters above it.
type sessionsModel struct {
	sh    *shared
	rows  []row
	hits  []search.Hit // the sh.hits the rows were laid out from
	built int          // the sh.gen of hits
	nav   listNav
	// content is the hits measured (once per set of hits), lay the
	// columns planned from it for the width.
	content   layout.Content
	lay       layout.Layout
	search    textinput.Model
	searching bool
}

func newSessions(sh *shared) *sessionsModel {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "search titles, speakers, rooms, tracks, abstracts…"
	ti.CharLimit = 200
	m := &sessionsModel{sh: sh, search: ti}
	m.search.SetValue(sh.query.Text)
	m.restyle()
	m.rebuild("")
	return m
}

func (m *sessionsModel) restyle() {
	s := textinput.DefaultStyles(m.sh.styles.isDark)
	s.Focused.Prompt = m.sh.styles.Prompt
	s.Blurred.Prompt = m.sh.styles.Prompt
	m.search.SetStyles(s)
}

// grouped reports whether the list is in programme order with day headers.
func (m *sessionsModel) grouped() bool {
	return m.sh.query.EffectiveSort() == data.SortTime
}

// rebuild lays out the rows from sh.hits, keeping the cursor on the first
// of the sessions with ids keep that is still there (else on the first
// result).
func (m *sessionsModel) rebuild(keep ...string) {
	rank := make(map[string]int, len(keep))
	for i, id := range keep {
		if _, ok := rank[id]; !ok && id != "" {
			rank[id] = i
		}
	}
	best := len(keep)
	hits := m.sh.hits
	m.hits = hits
	m.rows = m.rows[:0]
	if cap(m.rows) < len(hits) {
		// A row a hit, and a few for the days: made once, not grown a
		// doubling at a time over 100,000 sessions.
		m.rows = make([]row, 0, len(hits)+len(hits)/32+16)
	}
	grouped := m.grouped()
	day := ""
	notAnnounced := false
	target := -1
	for i := range hits {
		s := hits[i].Session
		if grouped {
			if s.Date != day || i == 0 {
				day = s.Date
				notAnnounced = false
				m.rows = append(m.rows, row{kind: rowDay, date: day})
			}
			if !s.Scheduled() && !notAnnounced {
				notAnnounced = true
				m.rows = append(m.rows, row{kind: rowNotAnnounced, date: day})
			}
		}
		if len(rank) > 0 {
			if r, ok := rank[s.ID]; ok && r < best {
				target, best = len(m.rows), r
			}
		}
		m.rows = append(m.rows, row{kind: rowSession, date: s.Date, hit: i, s: s})
	}
	m.built = m.sh.gen
	m.content = m.sh.measureHits(hits, grouped)
	m.lay = layout.Plan(&m.content, m.sh.width)
	if target >= 0 {
		m.nav.cursor = target
	} else {
		m.nav.first(len(m.rows), m.selectable)
	}
	m.follow()
}

// sync lays the rows out again when the hits changed under them (a filter,
// a change from another process, the clock), keeping the focused session.
func (m *sessionsModel) sync() {
	if m.built != m.sh.gen {
		m.rebuild(m.currentID())
	}
}

func (m *sessionsModel) selectable(i int) bool {
	return i >= 0 && i < len(m.rows) && m.rows[i].kind == rowSession
}

// current returns the session under the cursor, or nil.
func (m *sessionsModel) current() *data.Session {
	if !m.selectable(m.nav.cursor) {
		return nil
	}
	return m.rows[m.nav.cursor].s
}

func (m *sessionsModel) currentID() string {
	if s := m.current(); s != nil {
		return s.ID
	}
	return ""
}

// headerLines is how many lines the search field and the chips take.
func (m *sessionsModel) headerLines() int {
	n := 0
	if m.searching || m.sh.query.Text != "" {
		n++
	}
	if len(m.sh.query.Chips()) > 0 || m.sh.query.Sort != "" {
		n++
	}
	return n
}

func (m *sessionsModel) listHeight() int { return max(1, m.sh.height-2-m.headerLines()) }

// setQuery applies a new query, lays the list out again and remembers it;
// status is the news to show.
func (m *sessionsModel) setQuery(q data.Query, status string) tea.Cmd {
	keep := m.currentID()
	cmd := m.sh.setQuery(q, status)
	m.rebuild(keep)
	return cmd
}

// SetSize fits the search field to the width and keeps the cursor on screen.
func (m *sessionsModel) SetSize(w, _ int) {
	m.search.SetWidth(max(10, w-24))
	if w != m.lay.Width {
		m.lay = layout.Plan(&m.content, w)
	}
	m.follow()
}

func (m *sessionsModel) Update(msg tea.Msg) tea.Cmd {
	m.sync()
	switch msg := msg.(type) {
	case refreshMsg:
		m.rebuild(m.currentID())
	case tea.BackgroundColorMsg:
		m.restyle()
	case tea.MouseWheelMsg:
		m.nav.handle(m.sh.keys, msg, len(m.rows), m.pageRows(), m.selectable)
		m.follow()
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			return m.click(msg.X, msg.Y)
		}
	case tea.PasteMsg:
		// A bracketed paste arrives as one message, not as keys.
		if m.searching {
			return m.typeSearch(msg)
		}
	case tea.KeyPressMsg:
		if m.searching {
			return m.updateSearch(msg)
		}
		if ok, cmd := m.navigate(msg); ok {
			return cmd
		}
		return m.command(msg)
	}
	return nil
}

// command handles the keys that change the query or act on the focused session.
func (m *sessionsModel) command(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	q := m.sh.query
	switch {
	case key.Matches(msg, k.Search):
		m.searching = true
		m.search.CursorEnd()
		return m.search.Focus()
	case key.Matches(msg, k.Filter):
		sh := m.sh
		return push(needsFull(sh, true, func() component { return newFilterPanel(sh) }))
	case key.Matches(msg, k.Sort):
		q.Sort = nextSort(q.Sort)
		return m.setQuery(q, "sorted by "+sortName(q))
	case key.Matches(msg, k.RemoveChip):
		if chips := q.Chips(); len(chips) > 0 {
			return m.setQuery(q.Without(chips[len(chips)-1]), "")
		}
	case key.Matches(msg, k.ClearFilters):
		return m.setQuery(clearedFilters(q), "")
	case key.Matches(msg, k.HideRoom):
		switch s := m.current(); {
		case s == nil:
		case s.Room == "":
			return tell(statusMsg("this session has no room to hide"))
		default:
			q.HiddenRooms = appendOnce(q.HiddenRooms, s.Room)
			return m.hide(q, "hiding room "+s.Room+" (f to show it again)")
		}
	case key.Matches(msg, k.HideTrack):
		switch s := m.current(); {
		case s == nil:
		case s.Track == "":
			return tell(statusMsg("this session has no track to hide"))
		default:
			q.HiddenTracks = appendOnce(q.HiddenTracks, s.Track)
			return m.hide(q, "hiding track "+s.Track+" (f to show it again)")
		}
	case key.Matches(msg, k.Back):
		if q.Text != "" {
			m.search.SetValue("")
			q.Text = ""
			return m.setQuery(q, "")
		}
	default:
		if s := m.current(); s != nil {
			if ok, cmd := sessionKey(m.sh, s, msg); ok {
				m.rebuild(s.ID)
				return cmd
			}
		}
	}
	return nil
}

// navigate handles the movement keys; it reports whether msg was one.
func (m *sessionsModel) navigate(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := m.sh.keys
	n := len(m.rows)
	if m.nav.handle(k, msg, n, m.pageRows(), m.selectable) {
		m.follow()
		return true, nil
	}
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.NextDay):
		m.jumpDay(1)
	case key.Matches(msg, k.PrevDay):
		m.jumpDay(-1)
	case key.Matches(msg, k.JumpNow) && m.current() != nil:
		cmd = m.jumpNow()
	case key.Matches(msg, k.Open):
		if s := m.current(); s != nil {
			cmd = push(newSessionPage(m.sh, s.ID))
		}
	default:
		return false, nil
	}
	m.follow()
	return true, cmd
}

// jumpNow moves to the first session listed that runs now, else to the one
// listed that starts soonest.
func (m *sessionsModel) jumpNow() tea.Cmd {
	now := m.sh.now()
	target := -1
	for i, r := range m.rows {
		if r.kind != rowSession || !r.s.Scheduled() {
			continue
		}
		if data.Running(r.s, now) {
			target = i
			break
		}
		if now.Before(r.s.Start) && (target < 0 || r.s.Start.Before(m.rows[target].s.Start)) {
			target = i
		}
	}
	if target < 0 {
		return tell(statusMsg("nothing listed runs now or later"))
	}
	m.nav.cursor = target
	m.nav.offset = target // show it at the top, under its day
	for m.nav.offset > 0 && !m.selectable(m.nav.offset-1) {
		m.nav.offset--
	}
	return nil
}

// jumpDay moves to the first session of the next (dir 1) or previous (dir -1) day.
func (m *sessionsModel) jumpDay(dir int) {
	cur := m.current()
	if cur == nil {
		return
	}
	day := cur.Date
	if dir > 0 {
		for i := m.nav.cursor + 1; i < len(m.rows); i++ {
			if m.selectable(i) && m.rows[i].s.Date > day {
				m.nav.cursor = i
				m.nav.offset = i // show the new day from the top
				for m.nav.offset > 0 && !m.selectable(m.nav.offset-1) {
					m.nav.offset--
				}
				return
			}
		}
		return
	}
	// Previous: the first session of the day before this one, or of this day
	// when the cursor is not on its first session.
	first := -1
	for i := range m.rows {
		if !m.selectable(i) {
			continue
		}
		d := m.rows[i].s.Date
		if d == day {
			first = i
			break
		}
	}
	if first >= 0 && first < m.nav.cursor {
		m.nav.cursor = first
	} else {
		prevDay := ""
		for i := m.nav.cursor - 1; i >= 0; i-- {
			if m.selectable(i) {
				prevDay = m.rows[i].s.Date
				break
			}
		}
		for i := range m.rows {
			if m.selectable(i) && m.rows[i].s.Date == prevDay {
				m.nav.cursor = i
				break
			}
		}
	}
	m.nav.offset = m.nav.cursor
	for m.nav.offset > 0 && !m.selectable(m.nav.offset-1) {
		m.nav.offset--
	}
}

func (m *sessionsModel) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	switch {
	case key.Matches(msg, k.Accept):
		m.searching = false
		m.search.Blur()
		m.sh.saveView()
		return nil
	case key.Matches(msg, k.Cancel):
		m.searching = false
		m.search.Blur()
		m.search.SetValue("")
		if m.sh.query.Text != "" {
			keep := m.currentID()
			m.sh.query.Text = ""
			m.sh.run()
			m.rebuild(keep)
		}
		m.sh.saveView()
		return nil
	case key.Matches(msg, k.ArrowUp), key.Matches(msg, k.ArrowDown), key.Matches(msg, k.TypingPageUp), key.Matches(msg, k.TypingPageDown):
		m.navigate(msg)
		return nil
	}
	return m.typeSearch(msg)
}

// typeSearch gives a key or a paste to the search field and runs the search
// when the text changed.
func (m *sessionsModel) typeSearch(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if v := m.search.Value(); v != m.sh.query.Text {
		m.sh.query.Text = v
		m.sh.run()
		m.rebuild("")
	}
	return cmd
}

func (m *sessionsModel) View() string {
	sh := m.sh
	st := sh.styles
	w := sh.width
	var lines []string
	if m.searching || sh.query.Text != "" {
		n := fmt.Sprintf(" %d of %d", len(sh.hits), len(sh.conf.Sessions))
		if sh.searchPending() {
			n = " searching abstracts…" + n
		}
		count := st.Count.Render(n)
		field := m.search.View()
		if !m.searching {
			field = st.Prompt.Render("/ ") + sh.query.Text
		}
		lines = append(lines, fit(field, w-ansi.StringWidth(count))+count)
	}
	if chips := sh.query.Chips(); len(chips) > 0 || sh.query.Sort != "" {
		var parts []string
		for _, c := range chips {
			parts = append(parts, m.chip(c))
		}
		if sh.query.Sort != "" {
			parts = append(parts, st.Dim.Render("sort: "+sortName(sh.query)))
		}
		lines = append(lines, trunc(strings.Join(parts, " "), w))
	}
	h := m.listHeight()
	if len(m.rows) == 0 {
		msg := "No sessions match."
		if !sh.query.IsZero() {
			msg += " esc clears the search, X the filters."
		}
		lines = append(lines, "", st.Dim.Render(trunc("  "+msg, w)))
	}
	lines = append(lines, m.listLines(h)...)
	return strings.Join(lines, "\n")
}

func (m *sessionsModel) chip(c data.Chip) string {
	return m.sh.styles.Chip.Render(c.Label + " ×")
}

// click handles a left click at screen cell (x, y): on a filter chip it
// removes that filter; on a session it moves the cursor there, and on the
// session under the cursor it opens it.
func (m *sessionsModel) click(x, y int) tea.Cmd {
	top := 1 // the tabs line
	if m.searching || m.sh.query.Text != "" {
		top++
	}
	if chips := m.sh.query.Chips(); y == top && len(chips) > 0 {
		at := 0
		for _, c := range chips {
			w := ansi.StringWidth(m.chip(c))
			if x >= at && x < at+w {
				return m.setQuery(m.sh.query.Without(c), "")
			}
			at += w + 1
		}
		return nil
	}
	i := m.rowAt(y - (1 + m.headerLines()))
	if !m.selectable(i) {
		return nil
	}
	if i == m.nav.cursor {
		return push(newSessionPage(m.sh, m.rows[i].s.ID))
	}
	m.nav.cursor = i
	return nil
}

// sessionKey handles the keys that act on one session (rate, star, note)
// wherever a session is focused; it reports whether it did something.
func sessionKey(sh *shared, s *data.Session, msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := sh.keys
	switch {
	case key.Matches(msg, k.Rate):
		return true, sh.rate(s.ID, int(msg.String()[0]-'0'))
	case key.Matches(msg, k.ClearRating):
		return true, sh.rate(s.ID, 0)
	case key.Matches(msg, k.Star):
		return true, sh.toggleStar(s.ID)
	case key.Matches(msg, k.Note):
		return true, push(newNoteEditor(sh, s))
	}
	return false, nil
}

// sessionKeys are the bindings sessionKey answers to.
func sessionKeys(k KeyMap) []key.Binding {
	return []key.Binding{k.Rate, k.ClearRating, k.Star, k.Note}
}

// moveKeys are the bindings listNav and pager answer to.
func moveKeys(k KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

func (m *sessionsModel) KeyMap() keyMap {
	k := m.sh.keys
	if m.searching {
		return keyMap{
			short: []key.Binding{k.Accept, k.Cancel, k.ArrowUp, k.ArrowDown},
			bound: []key.Binding{k.Accept, k.Cancel, k.ArrowUp, k.ArrowDown, k.TypingPageUp, k.TypingPageDown},
		}
	}
	q := m.sh.query
	chips := len(q.Chips()) > 0
	cur := m.current()
	var short, bound []key.Binding
	if cur != nil {
		short = append(short, k.Open, k.Star, k.Rate, k.JumpNow)
		bound = append(moveKeys(k), k.NextDay, k.PrevDay, k.Open, k.JumpNow)
		bound = append(bound, sessionKeys(k)...)
		bound = append(bound, k.HideRoom, k.HideTrack)
	}
	short = append(short, k.Search, k.Filter)
	bound = append(bound, k.Search, k.Filter, k.Sort, k.ClearFilters)
	if chips {
		short = append(short, k.RemoveChip)
		bound = append(bound, k.RemoveChip)
	}
	if q.Text != "" {
		bound = append(bound, k.Back)
	}
	short = append(short, k.Help, k.Quit)
	if cur != nil {
		short = append(short, k.NextDay)
	}
	short = append(short, k.NextTab)
	short = append(short, k.Changes)
	bound = append(bound, m.sh.tabKeys()...)
	bound = append(bound, k.Refresh, k.Changes)
	return keyMap{short: short, bound: append(bound, k.globals()...)}
}

// clearedFilters drops every filter but keeps the search text and the
// hidden rooms and tracks (those are shown again one by one from the panel).
func clearedFilters(q data.Query) data.Query {
	return data.Query{Text: q.Text, HiddenRooms: q.HiddenRooms, HiddenTracks: q.HiddenTracks}
}

func appendOnce(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// nextSort cycles the sort: time (or relevance while searching), rating, title.
func nextSort(cur data.Sort) data.Sort {
	sorts := []data.Sort{data.SortDefault, data.SortRating, data.SortTitle}
	for i, s := range sorts {
		if s == cur {
			return sorts[(i+1)%len(sorts)]
		}
	}
	return data.SortDefault
}

func sortName(q data.Query) string { return string(q.EffectiveSort()) }
