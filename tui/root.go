// Package tui is lineup's terminal interface: a root model that owns the
// screen and one component per screen (sessions, agenda, speakers, info, now),
// with pages (a session, a speaker, the note editor, the filter panel, the
// conference switcher, the help) pushed over them.
//
// Every screen and page implements component (component.go) with pointer
// receivers, and gets the program's shared context (shared.go): store,
// writer, clock, styles, keys, size and the open conference. Screens never
// write into the root: they return commands that yield messages (open a
// page, close this page, show a status line or an error, the person's data
// changed), and the root handles those. Keys go to the focused screen; the
// root handles quit, help, the tab keys and (on a tab) the conference
// switcher only for a screen whose key map binds them. When the data
// changes the root sends every screen a refreshMsg. Disk reads and index
// builds run as commands (load.go), and writes go through the writer
// goroutine (writer.go), so Update never waits for the disk; View only reads.
//
// To add a screen: write one file with its type, a constructor taking
// *shared, and the four component methods (its KeyMap built from the
// program's KeyMap, see keys.go; refreshMsg handled in Update), then add one
// line to screens below. A page is the same file without the line: a screen
// opens it by returning push(newPage(...)) and it closes itself by
// returning closePage(nil). The help honesty test (help_test.go) wants a
// state of the new screen in helpStates.
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
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/text"
	"github.com/lineup-tui/lineup/tui/theme"
)

// screens lists the tabs in the order tab cycles through them.
func screens(sh *shared) []tab {
	return []tab{
		{"Sessions", newSessions(sh)},
		{"Agenda", needsFull(sh, false, func() component { return newAgenda(sh) })},
		{"Speakers", needsFull(sh, false, func() component { return newSpeakers(sh) })},
		{"Timetable", needsFull(sh, false, func() component { return newTimetable(sh) })},
		{"Info", needsFull(sh, false, func() component { return newInfo(sh) })},
		{"Now", needsFull(sh, false, func() component { return newNow(sh) })},
	}
}

// tab is one screen with its name on the tab line.
type tab struct {
	name string
	c    component
}

// Minimum usable terminal size.
const minWidth, minHeight = 20, 6

// Model is the root model.
type Model struct {
	sh    *shared
	tabs  []tab
	tab   int
	stack []component
	help  help.Model
	stamp fileStamp
	// What the footer shows instead of the help line until the next key.
	status, err string
	// opening is the conference being read, "" when none.
	opening string
	// quitting is set once quit was asked for: the program ends as soon as
	// the writer is done, and takes no more keys meanwhile.
	quitting bool
	// banner is the reminder shown above the help line, nil when none;
	// fired holds the keys of the reminders already shown (remind.go).
	banner *data.Reminder
	fired  map[string]bool
	// reloading is set while a read of changes made elsewhere is on its
	// way; again asks for one more when it is back.
	reloading, again bool
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

// WithNoColor turns colours off (true) or on for this program, whatever
// NO_COLOR says in this process's environment: a server decides it per
// client, from the environment the client sent.
func WithNoColor(off bool) Option { return func(sh *shared) { sh.noColor = &off } }

// WithWriteGate has the program ask allow before each change of a rating,
// star or note; when it says no, nothing changes and the footer says to slow
// down. A server passes each client's share of its write rate.
func WithWriteGate(allow func() bool) Option { return func(sh *shared) { sh.allowWrite = allow } }

// WithChangeNotices says that changes made elsewhere arrive as
// StoreChangedMsg (a server sends one after others rate), so the program
// stops looking at the store file each second for them.
func WithChangeNotices() Option { return func(sh *shared) { sh.notices = true } }

// New loads the conference slug and the person's data from st. It reads the
// disk before the program starts, never on the UI goroutine.
func New(st Store, slug string, opts ...Option) (*Model, error) {
	sh := &shared{
		width: 80, height: 24,
		keys:   DefaultKeyMap(),
		now:    clock.System().Now,
		remind: data.DefaultReminderLead,
		st:     st,
		log:    log.New(io.Discard, "", 0),

		quitWait: 10 * time.Second,
	}
	for _, o := range opts {
		o(sh)
	}
	off := noColor()
	if sh.noColor != nil {
		off = *sh.noColor
	}
	sh.styles = newStyles(sh.dark(theme.Unknown), off)
	p, err := loadProgramme(st, slug, sh.now(), sh.zone, sh.log)
	if err != nil {
		return nil, err
	}
	sh.w = newWriter(st, sh.log)
	sh.open(p)
	m := &Model{sh: sh, help: help.New(), stamp: stampOf(st.Path())}
	m.rebuildTabs()
	return m, nil
}

// Flush waits until every change made in the TUI is in the store.
func (m *Model) Flush() { m.sh.w.flush() }

// finish waits (at most quitWait) for the changes not yet in the store and
// stops the writer; the error says how many were not saved.
func (m *Model) finish() error {
	if n := m.sh.w.finish(m.sh.quitWait); n > 0 {
		return notSaved(n)
	}
	return nil
}

// Close waits (at most quitWait) until every change made in the TUI is in
// the store and stops its writer goroutine: a server calls it when the
// session has ended. Nothing is written after it.
func (m *Model) Close() {
	m.sh.w.finish(m.sh.quitWait)
}

// rebuildTabs makes the screens anew for the open conference.
func (m *Model) rebuildTabs() {
	m.tabs = screens(m.sh)
	m.tab = min(m.tab, len(m.tabs)-1)
	m.help.Styles = m.sh.styles.Help
}

// noColor reports whether the person asked for no colours (NO_COLOR).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.wantsFull(), tea.RequestBackgroundColor, tick(m.sh.st.Path()), m.sh.w.listen(), autoRefresh(m.sh), clockTick(), m.remind())
}

// focused is the page on top, or the active tab.
func (m *Model) focused() component {
	if n := len(m.stack); n > 0 {
		return m.stack[n-1]
	}
	return m.tabs[m.tab].c
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := m.update(msg)
	want := m.wantsFull()
	if w, ok := m.focused().(wanter); ok {
		want = batch(want, w.want())
	}
	if want != nil {
		cmd = batch(cmd, want)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	sh := m.sh
	switch msg := msg.(type) {
	case fullMsg:
		return m, m.fullLoaded(msg)
	case detailMsg:
		var cmds []tea.Cmd
		for _, p := range m.stack {
			cmds = append(cmds, p.Update(msg))
		}
		return m, tea.Batch(cmds...)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		sh.styles = newStyles(sh.dark(theme.FromColor(msg.Color)), sh.styles.noColor)
		m.help.Styles = sh.styles.Help
		return m, tea.Batch(m.toAll(msg), m.refreshAll())
	case tickMsg:
		return m, m.ticked(msg)
	case refreshedMsg:
		return m, m.refreshed(msg)
	case refreshTickMsg:
		return m, m.refreshTicked(msg)
	case clockMsg:
		return m, m.clockTicked()
	case zoneLoadedMsg:
		return m, m.zoneLoaded(msg)
	case reloadedMsg:
		m.reloading = false
		cmd := m.reloaded(msg)
		if m.again {
			m.again = false
			cmd = tea.Batch(cmd, m.reload(fileStamp{}))
		}
		return m, cmd
	case StoreChangedMsg:
		return m, m.reload(fileStamp{})
	case confLoadedMsg:
		return m, m.opened(msg)
	case writeErrMsg:
		sh.log.Printf("write failed: %v", msg.err)
		m.err = "could not save: " + msg.err.Error()
		// The screen shows the change that was dropped: the next tick reads
		// the store again once the writer is done.
		m.stamp = fileStamp{}
		return m, sh.w.listen()
	case flushedMsg:
		return m, tea.Quit
	case quitMsg:
		return m, m.quit()
	case pushMsg:
		msg.page.SetSize(sh.width, sh.height) // the size may have changed since it was made
		m.stack = append(m.stack, msg.page)
		return m, nil
	case closeMsg:
		return m, tea.Batch(m.pop(), msg.then)
	case statusMsg:
		m.status = string(msg)
		return m, nil
	case errMsg:
		m.err = msg.err.Error()
		return m, nil
	case changedMsg:
		if msg.status != "" {
			m.status = msg.status
		}
		return m, m.refreshAll()
	case switchConfMsg:
		m.opening = msg.slug
		return m, loadConference(sh, msg.slug)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, m.focused().Update(msg)
}

// resize tells every screen and page the new size.
func (m *Model) resize(w, h int) {
	m.sh.width, m.sh.height = w, h
	m.help.SetWidth(w)
	for _, t := range m.tabs {
		t.c.SetSize(w, h)
	}
	for _, p := range m.stack {
		p.SetSize(w, h)
	}
}

// ticked handles the one-second check: sessions that ended drop out of a
// "hide past" list, and a store file changed by another process is read again.
func (m *Model) ticked(msg tickMsg) tea.Cmd {
	sh := m.sh
	cmds := []tea.Cmd{tick(sh.st.Path())}
	if sh.query.HidePast {
		// Sessions end as the clock moves: drop them as they do.
		n := len(sh.hits)
		sh.run()
		if len(sh.hits) != n {
			cmds = append(cmds, m.refreshAll())
		}
	}
	if !sh.notices && msg.stamp != m.stamp && !sh.w.busy() {
		cmds = append(cmds, m.reload(msg.stamp))
	}
	return tea.Batch(cmds...)
}

// reload reads what changed elsewhere, one read at a time: asked for while
// one is on its way, it runs again when that one is back.
func (m *Model) reload(stamp fileStamp) tea.Cmd {
	if m.reloading {
		m.again = true
		return nil
	}
	m.reloading = true
	return reload(m.sh, stamp)
}

func (m *Model) reloaded(msg reloadedMsg) tea.Cmd {
	sh := m.sh
	if msg.slug != sh.conf.Slug {
		return nil // read for the conference open before this one
	}
	if msg.err != nil {
		m.err = msg.err.Error()
		m.stamp = msg.stamp // say it once, not every second
		return nil
	}
	sh.log.Printf("store changed elsewhere: schedule reloaded %v, %d personal records", msg.prog != nil, len(msg.mine))
	if msg.edits != sh.edits || sh.w.busy() {
		// A change made here is newer: the next tick reads again, or, when
		// changes are noticed rather than looked for, a retry shortly.
		if sh.notices {
			return tea.Tick(retryReload, func(time.Time) tea.Msg { return StoreChangedMsg{} })
		}
		return nil
	}
	m.stamp = msg.stamp
	if msg.prog != nil {
		sh.open(msg.prog)
		m.rebuildTabs()
		m.stack = nil
		m.status = "schedule updated"
		m.resize(sh.width, sh.height)
		return nil
	}
	sh.mine = msg.mine
	data.SetOthers(sh.conf, msg.others)
	sh.run()
	return m.refreshAll()
}

// opened makes a conference read by loadConference the open one.
func (m *Model) opened(msg confLoadedMsg) tea.Cmd {
	sh := m.sh
	if msg.slug != m.opening {
		return nil // another one was asked for since
	}
	m.opening = ""
	if msg.err != nil {
		m.err = msg.err.Error()
		return nil
	}
	slug := msg.slug
	sh.w.do(func(st Store) error { return st.SetCurrent(slug) })
	sh.open(msg.prog)
	m.tab = 0
	m.rebuildTabs()
	m.stack = nil
	m.status = "opened " + sh.conf.Name
	m.resize(sh.width, sh.height)
	sh.opens++
	sh.failed = ""
	return autoRefresh(sh)
}

// key routes a key press: the global keys of the focused screen here, the
// rest to that screen.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	if m.quitting {
		return nil
	}
	m.status, m.err = "", ""
	if msg.String() == "ctrl+c" {
		if d, ok := m.focused().(drafter); ok && d.hasDraft() {
			return m.focused().Update(msg)
		}
		return m.quit()
	}
	km := m.focused().KeyMap()
	on := func(b key.Binding) bool { return km.binds(b) && key.Matches(msg, b) }
	switch {
	case on(k.Quit):
		return m.quit()
	case on(k.Help):
		m.stack = append(m.stack, newHelpPage(m.sh))
		return nil
	case on(k.NextTab):
		return m.switchTab(1)
	case on(k.PrevTab):
		return m.switchTab(len(m.tabs) - 1)
	case len(m.stack) == 0 && on(k.Refresh):
		return m.refreshNow()
	case len(m.stack) == 0 && on(k.Changes):
		m.stack = append(m.stack, newChangesPage(m.sh))
		return nil
	case len(m.stack) == 0 && on(k.Conferences):
		p := newConfSwitcher(m.sh)
		m.stack = append(m.stack, p)
		return p.load()
	case len(m.stack) == 0 && on(k.Zone):
		return m.toggleZone()
	}
	return m.focused().Update(msg)
}

func (m *Model) switchTab(d int) tea.Cmd {
	m.stack = nil
	m.tab = (m.tab + d) % len(m.tabs)
	return m.refreshAll()
}

// quit waits for the queued writes off the UI goroutine, then ends the program.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	if m.sh.w.busy() {
		m.status = "saving…"
	}
	return m.sh.w.flushed(m.sh.quitWait)
}

func (m *Model) pop() tea.Cmd {
	if len(m.stack) > 0 {
		m.stack = m.stack[:len(m.stack)-1]
	}
	return m.refreshAll()
}

// toAll sends msg to every screen and page.
func (m *Model) toAll(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		cmds = append(cmds, t.c.Update(msg))
	}
	for _, p := range m.stack {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

// refreshAll re-lays every screen after the person's data or the query changed.
func (m *Model) refreshAll() tea.Cmd { return m.toAll(refreshMsg{}) }

func (m *Model) View() tea.View {
	v := tea.NewView(safeFrame(m.render()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "lineup · " + text.OneLine(text.Clean(m.sh.conf.Name))
	return v
}

// render draws the whole screen: tabs, the focused screen, the help line.
func (m *Model) render() string {
	sh := m.sh
	w, h := sh.width, sh.height
	if w < minWidth || h < minHeight {
		lines := wrap(fmt.Sprintf("Terminal too small (%d×%d): lineup needs %d×%d.", w, h, minWidth, minHeight), max(1, w))
		if len(lines) > max(1, h) {
			lines = lines[:max(1, h)]
		}
		return strings.Join(lines, "\n")
	}
	focused := m.focused()
	lines := strings.Split(focused.View(), "\n")
	bodyH := h - 2
	banner := m.bannerLine()
	if banner != "" {
		bodyH--
	}
	if len(lines) > bodyH {
		lines = lines[:bodyH]
	}
	for len(lines) < bodyH {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = trunc(l, w)
	}
	if banner != "" {
		lines = append(lines, sh.styles.Banner.Render(fit("▶ "+banner, w)))
	}
	return m.header() + "\n" + strings.Join(lines, "\n") + "\n" + trunc(m.footer(focused.KeyMap()), w)
}

// footer is the help line with the scroll position, or the news that
// replaces it until the next key.
func (m *Model) footer(km keyMap) string {
	st := m.sh.styles
	w := m.sh.width
	if n := m.sh.w.waiting(); n > 0 && m.err == "" {
		// Not news that the next key clears: it stays until written.
		note := pendingNote(n)
		if m.status != "" {
			note = m.status + " · " + note
		}
		return st.Status.Render(trunc(note, w))
	}
	switch {
	case m.err != "":
		return st.Error.Render(trunc(m.err, w))
	case m.status != "":
		return st.Status.Render(trunc(m.status, w))
	case m.opening != "":
		return st.Status.Render(trunc("opening "+m.opening+"…", w))
	}
	room := w
	if km.pos != "" {
		room = max(0, w-ansi.StringWidth(km.pos)-1)
	}
	footer := helpLine(m.help, m.sh.keys, km.ShortHelp(), room)
	if km.pos != "" {
		footer = fit(footer, w-ansi.StringWidth(km.pos)) + st.Dim.Render(km.pos)
	}
	return footer
}

func (m *Model) header() string {
	sh := m.sh
	st := sh.styles
	var tabs []string
	for i, t := range m.tabs {
		name := t.name
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
	fits := func(a, b string) bool { return ansi.StringWidth(a)+3+ansi.StringWidth(b) <= room }
	right := name
	if live := sh.liveStatus(); live != "" {
		switch {
		case fits(live, right):
			right = live + " · " + right
		case sh.failed != "":
			right = live // being offline matters more than the name
		}
	}
	// The zone times are shown in, when it is not the viewer's, matters
	// more than the rest: without it every time on screen misleads.
	if l := sh.disp.Label(); l != "" {
		switch {
		case fits(l, right):
			right = l + " · " + right
		case sh.failed == "" && fits(l, name):
			right = l + " · " + name
		default:
			right = l
		}
	}
	return left + " " + st.ConfName.Render(fitLeft(right, room))
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
