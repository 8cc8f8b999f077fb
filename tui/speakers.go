package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/text"
)

// speakersModel lists every speaker alphabetically with company and number
// of sessions; / searches them by name and company (search.Speakers: the
// sessions' rules and syntax), best match first.
type speakersModel struct {
	sh        *shared
	all       []int // indexes into conf.Speakers, alphabetical
	count     map[string]int
	rows      []search.SpeakerHit // what the list shows: all, or the search's hits
	nav       listNav
	search    textinput.Model
	searching bool
	finder    *search.Speakers // built on the first search
}

func newSpeakers(sh *shared) *speakersModel {
	m := &speakersModel{sh: sh, search: newField(sh, "/ ", "search names and companies…", 200)}
	m.reload()
	return m
}

func (m *speakersModel) reload() {
	c := m.sh.conf
	m.count = map[string]int{}
	for i := range c.Sessions {
		for _, id := range c.Sessions[i].SpeakerIDs {
			m.count[id]++
		}
	}
	m.all = m.all[:0]
	keys := make([]string, len(c.Speakers))
	for i := range c.Speakers {
		m.all = append(m.all, i)
		keys[i] = text.Fold(c.Speakers[i].Name)
	}
	sort.SliceStable(m.all, func(a, b int) bool { return keys[m.all[a]] < keys[m.all[b]] })
	m.find()
}

// find lays the list out for the search text: every speaker without one.
func (m *speakersModel) find() {
	m.rows = m.rows[:0]
	if q := m.search.Value(); strings.TrimSpace(q) != "" {
		if m.finder == nil {
			m.finder = search.NewSpeakers(m.sh.ix)
		}
		m.rows = m.finder.Run(q, m.all)
	} else {
		for _, i := range m.all {
			m.rows = append(m.rows, search.SpeakerHit{Index: i})
		}
	}
	m.nav.cursor = clamp(m.nav.cursor, 0, max(0, len(m.rows)-1))
	m.nav.keep(m.height(), len(m.rows), all)
}

// hasText reports whether the search line shows.
func (m *speakersModel) hasText() bool { return m.searching || m.search.Value() != "" }

func (m *speakersModel) height() int {
	h := m.sh.height - 2
	if m.hasText() {
		h--
	}
	return max(1, h)
}

func all(int) bool { return true }

func (m *speakersModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case refreshMsg:
		m.reload()
		return nil
	case tea.BackgroundColorMsg:
		styleField(m.sh, &m.search)
		return nil
	case tea.PasteMsg:
		// A bracketed paste arrives as one message, not as keys.
		if m.searching {
			var cmd tea.Cmd
			before := m.search.Value()
			m.search, cmd = m.search.Update(msg)
			if m.search.Value() != before {
				m.nav.cursor = 0
				m.find()
			}
			return cmd
		}
	case tea.KeyPressMsg:
		if m.searching {
			return m.updateSearch(msg)
		}
	}
	n := len(m.rows)
	if m.nav.handle(m.sh.keys, msg, n, m.height(), all) {
		return nil
	}
	msg0, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := m.sh.keys
	switch {
	case key.Matches(msg0, k.Open) && n > 0:
		return push(newSpeakerPage(m.sh, m.sh.conf.Speakers[m.rows[m.nav.cursor].Index].ID))
	case key.Matches(msg0, k.Search) && len(m.all) > 0:
		m.searching = true
		m.search.CursorEnd()
		m.nav.keep(m.height(), len(m.rows), all)
		return m.search.Focus()
	case key.Matches(msg0, k.Back) && m.search.Value() != "":
		m.search.SetValue("")
		m.nav.cursor = 0
		m.find()
	}
	return nil
}

// updateSearch handles a key while the search field has the focus.
func (m *speakersModel) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	what, changed, cmd := typeKey(&m.search, m.sh.keys, msg)
	switch what {
	case fieldAccept:
		m.searching = false
	case fieldCancel:
		m.searching = false
		m.search.SetValue("")
		changed = true
	case fieldMove:
		m.nav.handle(m.sh.keys, msg, len(m.rows), m.height(), all)
	}
	if changed {
		m.nav.cursor = 0
		m.find()
	}
	return cmd
}

// SetSize fits the search field to the width.
func (m *speakersModel) SetSize(w, _ int) {
	m.search.SetWidth(max(10, w-24))
	m.nav.keep(m.height(), len(m.rows), all)
}

func (m *speakersModel) View() string {
	sh := m.sh
	st := sh.styles
	w := sh.width
	if len(m.all) == 0 {
		return st.Dim.Render("  This schedule names no speakers.")
	}
	var lines []string
	if m.hasText() {
		count := st.Count.Render(fmt.Sprintf(" %d of %d", len(m.rows), len(m.all)))
		field := m.search.View()
		if !m.searching {
			field = st.Prompt.Render("/ ") + m.search.Value()
		}
		lines = append(lines, fit(field, w-ansi.StringWidth(count))+count)
		if len(m.rows) == 0 {
			lines = append(lines, "", st.Dim.Render(trunc("  No speakers match. esc clears the search.", w)))
		}
	}
	end := min(len(m.rows), m.nav.offset+m.height())
	countW := 12
	if w < 50 {
		countW = 4
	}
	nameW := max(8, min(32, (w-countW-4)/2))
	for i := m.nav.offset; i < end; i++ {
		hit := &m.rows[i]
		sp := &sh.conf.Speakers[hit.Index]
		n := m.count[sp.ID]
		cnt := fmt.Sprintf("%d sessions", n)
		if n == 1 {
			cnt = "1 session"
		}
		if countW == 4 {
			cnt = fmt.Sprint(n)
		}
		base, dim, hl := st.Row, st.Dim, st.Match
		if i == m.nav.cursor {
			base, dim, hl = st.RowCursor, st.cursor(dim), st.cursor(hl)
		}
		compW := max(0, w-2-nameW-1-countW-1)
		name := fit(highlight(sp.Name, hit.Name, base, hl), nameW)
		line := base.Render("  ") + name + base.Render(" ") + dim.Render(fit(speakerRole(sp), compW)+" "+fitLeft(cnt, countW))
		lines = append(lines, trunc(line, w))
	}
	return strings.Join(lines, "\n")
}

func (m *speakersModel) KeyMap() keyMap {
	k := m.sh.keys
	if m.searching {
		return typingKeys(k, k.Accept)
	}
	var bound, short []key.Binding
	if len(m.rows) > 0 {
		bound = append(moveKeys(k), k.Open)
		short = []key.Binding{k.Open, k.Up, k.Down}
	}
	if len(m.all) > 0 {
		bound = append(bound, k.Search)
		short = append(short, k.Search)
	}
	if m.search.Value() != "" {
		bound = append(bound, k.Back)
		short = append(short, k.Back)
	}
	bound = append(bound, m.sh.tabKeys()...)
	short = append(short, k.NextTab, k.Help, k.Quit)
	return keyMap{
		short: short,
		bound: append(bound, k.globals()...),
	}
}
