// Package tui is lineup's terminal interface: a root model that owns the
// screen and one child per screen (sessions, agenda, speakers, info), with
// pages (a session, a speaker, the note editor, the filter panel, the
// conference switcher, the help) pushed over them.
package tui

import (
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
)

const (
	tabSessions = iota
	tabAgenda
	tabSpeakers
	tabInfo
	tabCount
)

var tabNames = [tabCount]string{"Sessions", "Agenda", "Speakers", "Info"}

// Minimum usable terminal size.
const minWidth, minHeight = 20, 6

// refreshEvery is how often the TUI looks for changes other processes made.
const refreshEvery = time.Second

// Model is the root model.
type Model struct {
	sh       *shared
	tab      int
	sessions sessionsModel
	agenda   agendaModel
	speakers speakersModel
	info     infoModel
	stack    []page
	help     help.Model
	stamp    fileStamp
	gen      int // bumped on every personal change made here
}

// Option changes how New builds the model.
type Option func(*shared)

// WithClock sets the clock used for "hide past sessions" (tests use a fixed one).
func WithClock(now func() time.Time) Option { return func(sh *shared) { sh.now = now } }

// WithLog writes what the TUI does (loads, searches, writes, refreshes, and
// how long they take) to w. Without it nothing is logged.
func WithLog(w io.Writer) Option {
	return func(sh *shared) { sh.log = log.New(w, "lineup ", log.LstdFlags|log.Lmicroseconds) }
}

// WithSize sets the initial size (tests; a program gets it from the terminal).
func WithSize(w, h int) Option { return func(sh *shared) { sh.width, sh.height = w, h } }

// New loads the conference slug and the person's data from st.
func New(st Store, slug string, opts ...Option) (*Model, error) {
	sh := &shared{
		width: 80, height: 24,
		styles: newStyles(true, noColor()),
		keys:   DefaultKeyMap(),
		now:    time.Now,
		st:     st,
		log:    log.New(io.Discard, "", 0),
	}
	for _, o := range opts {
		o(sh)
	}
	start := time.Now()
	c, err := st.Conference(slug)
	if err != nil {
		return nil, err
	}
	mine, err := st.Personal(slug)
	if err != nil {
		return nil, err
	}
	sh.log.Printf("loaded %s: %d sessions, %d personal records in %v", slug, len(c.Sessions), len(mine), time.Since(start))
	sh.w = newWriter(st, sh.log)
	sh.setConference(c, mine)
	m := &Model{sh: sh, help: help.New()}
	m.stamp = stampOf(st.Path())
	m.rebuildChildren()
	return m, nil
}

// Flush waits until every change made in the TUI is in the store.
func (m *Model) Flush() { m.sh.w.flush() }

func (m *Model) rebuildChildren() {
	m.sessions = newSessions(m.sh)
	m.agenda = newAgenda(m.sh)
	m.speakers = newSpeakers(m.sh)
	m.info = newInfo(m.sh)
	m.help.Styles = m.sh.styles.Help
}

// noColor reports whether the person asked for no colours (NO_COLOR).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

type tickMsg time.Time

// reloadedMsg carries what another process changed in the store.
type reloadedMsg struct {
	gen   int
	stamp fileStamp
	conf  *data.Conference // nil when the schedule did not change
	mine  map[string]data.Personal
	err   error
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(refreshEvery, func(t time.Time) tea.Msg { return tickMsg(t) })
}

func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.tick(), m.sh.w.listen())
}

// reload reads the person's data (and the schedule, when it was replaced)
// off the UI goroutine.
func (m *Model) reload(stamp fileStamp) tea.Cmd {
	st, slug, gen, imported := m.sh.st, m.sh.conf.Slug, m.gen, m.sh.conf.ImportedAt
	return func() tea.Msg {
		msg := reloadedMsg{gen: gen, stamp: stamp}
		confs, err := st.Conferences()
		if err != nil {
			msg.err = err
			return msg
		}
		found := false
		for _, ci := range confs {
			if ci.Slug != slug {
				continue
			}
			found = true
			if !ci.ImportedAt.Equal(imported) {
				msg.conf, msg.err = st.Conference(slug)
			}
		}
		if !found {
			msg.err = fmt.Errorf("this conference was removed by another lineup; press c to open another")
		}
		if msg.err == nil {
			msg.mine, msg.err = st.Personal(slug)
		}
		return msg
	}
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	sh := m.sh
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		sh.width, sh.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		return m, m.toAll(msg)
	case tea.BackgroundColorMsg:
		sh.styles = newStyles(msg.IsDark(), sh.styles.noColor)
		m.help.Styles = sh.styles.Help
		m.sessions.restyle()
		m.refreshAll()
		return m, nil
	case tickMsg:
		cmd := m.tick()
		if sh.query.HidePast {
			// Sessions end as the clock moves: drop them as they do.
			n := len(sh.hits)
			sh.run()
			if len(sh.hits) != n {
				m.sessions.rebuild(m.sessions.currentID())
			}
		}
		if s := stampOf(sh.st.Path()); s != m.stamp && !sh.w.busy() {
			return m, tea.Batch(cmd, m.reload(s))
		}
		return m, cmd
	case reloadedMsg:
		if msg.err != nil {
			sh.err = msg.err.Error()
			m.stamp = msg.stamp // say it once, not every second
			return m, nil
		}
		sh.log.Printf("store changed elsewhere: schedule reloaded %v, %d personal records", msg.conf != nil, len(msg.mine))
		if msg.gen != m.gen || sh.w.busy() {
			return m, nil // a change made here is newer; the next tick reads again
		}
		m.stamp = msg.stamp
		if msg.conf != nil {
			sh.setConference(msg.conf, msg.mine)
			m.rebuildChildren()
			m.stack = nil
			sh.status = "schedule updated"
			return m, m.toAll(tea.WindowSizeMsg{Width: sh.width, Height: sh.height})
		}
		sh.mine = msg.mine
		sh.run()
		m.refreshAll()
		return m, nil
	case writeErrMsg:
		sh.log.Printf("write failed: %v", msg.err)
		sh.err = "could not save: " + msg.err.Error()
		return m, sh.w.listen()
	case switchConfMsg:
		return m, m.switchConference(msg.slug)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseWheelMsg:
		return m, m.toFocused(msg)
	}
	return m, m.toFocused(msg)
}

func (m *Model) switchConference(slug string) tea.Cmd {
	sh := m.sh
	c, err := sh.st.Conference(slug)
	if err != nil {
		sh.err = err.Error()
		return nil
	}
	mine, err := sh.st.Personal(slug)
	if err != nil {
		sh.err = err.Error()
		return nil
	}
	sh.w.do(func(st Store) error { return st.SetCurrent(slug) })
	sh.setConference(c, mine)
	m.rebuildChildren()
	m.stack = nil
	m.tab = tabSessions
	sh.status = "opened " + c.Name
	return m.toAll(tea.WindowSizeMsg{Width: sh.width, Height: sh.height})
}

// key routes a key press: global keys here, the rest to the focused screen.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	sh := m.sh
	k := sh.keys
	sh.status, sh.err = "", ""
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	typing := (len(m.stack) > 0 && m.stack[len(m.stack)-1].editing()) ||
		(len(m.stack) == 0 && m.tab == tabSessions && m.sessions.searching)
	if !typing {
		switch {
		case m.helpOpen():
			// The help takes every key, q included: it scrolls or closes.
			return m.toFocused(msg)
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Help) && !m.helpOpen():
			m.stack = append(m.stack, newHelpPage(sh))
			return nil
		case key.Matches(msg, k.NextTab), key.Matches(msg, k.PrevTab):
			d := 1
			if key.Matches(msg, k.PrevTab) {
				d = tabCount - 1
			}
			m.stack = nil
			m.tab = (m.tab + d) % tabCount
			m.refreshAll()
			return nil
		case key.Matches(msg, k.Conferences) && len(m.stack) == 0:
			m.stack = append(m.stack, newConfSwitcher(sh))
			return nil
		case key.Matches(msg, k.Back) && len(m.stack) > 0 && !m.pageHandlesBack():
			m.pop()
			return nil
		}
	}
	return m.toFocused(msg)
}

func (m *Model) helpOpen() bool {
	if len(m.stack) == 0 {
		return false
	}
	_, ok := m.stack[len(m.stack)-1].(*helpPage)
	return ok
}

// pageHandlesBack reports whether the top page uses esc itself (panels close
// with their own bookkeeping).
func (m *Model) pageHandlesBack() bool {
	switch m.stack[len(m.stack)-1].(type) {
	case *filterPanel, *confSwitcher, *noteEditor, *helpPage:
		return true
	}
	return false
}

func (m *Model) quit() tea.Cmd {
	m.sh.w.flush()
	return tea.Quit
}

func (m *Model) pop() {
	if len(m.stack) > 0 {
		m.stack = m.stack[:len(m.stack)-1]
	}
	m.refreshAll()
}

// toFocused sends msg to the top page, or to the active tab.
func (m *Model) toFocused(msg tea.Msg) tea.Cmd {
	sh := m.sh
	sh.pushes = sh.pushes[:0]
	var cmd tea.Cmd
	if n := len(m.stack); n > 0 {
		var p page
		p, cmd = m.stack[n-1].update(msg)
		if p == nil {
			m.pop()
		} else {
			m.stack[n-1] = p
		}
	} else {
		switch m.tab {
		case tabSessions:
			m.sessions, cmd = m.sessions.Update(msg)
		case tabAgenda:
			m.agenda, cmd = m.agenda.Update(msg)
		case tabSpeakers:
			m.speakers, cmd = m.speakers.Update(msg)
		case tabInfo:
			m.info, cmd = m.info.Update(msg)
		}
	}
	if sh.changed {
		sh.changed = false
		m.gen++
		m.refreshAll()
	}
	m.stack = append(m.stack, sh.pushes...)
	sh.pushes = sh.pushes[:0]
	return cmd
}

// toAll sends msg (a size) to every screen and page.
func (m *Model) toAll(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.sessions, cmd = m.sessions.Update(msg)
	cmds = append(cmds, cmd)
	m.agenda, cmd = m.agenda.Update(msg)
	cmds = append(cmds, cmd)
	m.speakers, cmd = m.speakers.Update(msg)
	cmds = append(cmds, cmd)
	m.info, cmd = m.info.Update(msg)
	cmds = append(cmds, cmd)
	for i, p := range m.stack {
		np, cmd := p.update(msg)
		if np != nil {
			m.stack[i] = np
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// refreshAll re-lays every screen after the person's data or the query changed.
func (m *Model) refreshAll() {
	m.sessions.rebuild(m.sessions.currentID())
	m.agenda.reload()
	for _, p := range m.stack {
		if r, ok := p.(interface{ refresh() }); ok {
			r.refresh()
		}
	}
}

func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "lineup · " + m.sh.conf.Name
	return v
}

// render draws the whole screen: tabs, the focused screen, the help line.
func (m *Model) render() string {
	sh := m.sh
	st := sh.styles
	w, h := sh.width, sh.height
	if w < minWidth || h < minHeight {
		lines := wrap(fmt.Sprintf("Terminal too small (%d×%d): lineup needs %d×%d.", w, h, minWidth, minHeight), max(1, w))
		if len(lines) > max(1, h) {
			lines = lines[:max(1, h)]
		}
		return strings.Join(lines, "\n")
	}
	var body string
	var bindings []key.Binding
	if n := len(m.stack); n > 0 {
		body = m.stack[n-1].view()
		bindings = m.stack[n-1].shortHelp()
	} else {
		switch m.tab {
		case tabSessions:
			body, bindings = m.sessions.View(), m.sessions.shortHelp()
		case tabAgenda:
			body, bindings = m.agenda.View(), m.agenda.shortHelp()
		case tabSpeakers:
			body, bindings = m.speakers.View(), m.speakers.shortHelp()
		case tabInfo:
			body, bindings = m.info.View(), m.info.shortHelp()
		}
	}
	lines := strings.Split(body, "\n")
	bodyH := h - 2
	if len(lines) > bodyH {
		lines = lines[:bodyH]
	}
	for len(lines) < bodyH {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = trunc(l, w)
	}
	pos := ""
	if n := len(m.stack); n > 0 {
		if p, ok := m.stack[n-1].(interface{ position() string }); ok {
			pos = p.position()
		}
	} else if m.tab == tabInfo {
		pos = m.info.position()
	}
	if pos != "" {
		m.help.SetWidth(max(0, w-ansi.StringWidth(pos)-1))
	} else {
		m.help.SetWidth(w)
	}
	footer := m.help.ShortHelpView(bindings)
	if pos != "" {
		footer = fit(footer, w-ansi.StringWidth(pos)) + st.Dim.Render(pos)
	}
	switch {
	case sh.err != "":
		footer = st.Error.Render(trunc(sh.err, w))
	case sh.status != "":
		footer = st.Status.Render(trunc(sh.status, w))
	}
	return m.header() + "\n" + strings.Join(lines, "\n") + "\n" + trunc(footer, w)
}

func (m *Model) header() string {
	sh := m.sh
	st := sh.styles
	var tabs []string
	for i, name := range tabNames {
		if sh.width < 50 {
			name = name[:2]
		}
		if i == m.tab && len(m.stack) == 0 {
			tabs = append(tabs, st.TabActive.Render(name))
		} else if i == m.tab {
			tabs = append(tabs, st.Tab.Bold(true).Render(name))
		} else {
			tabs = append(tabs, st.Tab.Render(name))
		}
	}
	left := strings.Join(tabs, "")
	name := sh.conf.Edition
	if name == "" {
		name = sh.conf.Name
	}
	room := sh.width - ansi.StringWidth(left) - 1
	if room < 6 {
		return trunc(left, sh.width)
	}
	return left + " " + st.ConfName.Render(fitLeft(name, room))
}

// Listed returns the ids of the sessions on the Sessions screen, in the
// order they are listed (after the search, filters and sort).
func (m *Model) Listed() []string {
	ids := make([]string, len(m.sh.hits))
	for i, h := range m.sh.hits {
		ids[i] = h.Session.ID
	}
	return ids
}
