package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
)

// A programme made from the search snapshot (glance) has what the session
// list shows. The rest is read when it is needed: a session's page reads
// that session (detailMsg); a screen that needs every session whole (the
// timetable, the agenda, the speakers, the filters…) is a whenFull, which
// shows that it is loading while the whole conference is read in the
// background (loadFull), then is made.

// fullMsg is the whole conference, read for a programme made from its
// snapshot.
type fullMsg struct {
	slug string
	c    *data.Conference
	err  error
}

// loadFull reads the whole open conference.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func loadFull(sh *shared) tea.Cmd {
	st, slug, lg := sh.st, sh.conf.Slug, sh.log
	return func() tea.Msg {
		c, err := st.Conference(slug)
		if err == nil {
			lg.Printf("read the whole of %s: %d sessions", slug, len(c.Sessions))
		}
		return fullMsg{slug: slug, c: c, err: err}
	}
}

// wantsFull starts reading the whole conference when the focused screen or
// the search needs it and it is not read yet.
func (m *Model) wantsFull() tea.Cmd {
	sh := m.sh
	if sh.sn == nil || sh.full || sh.loadingFull || sh.fullErr != "" {
		return nil
	}
	_, waiting := m.focused().(*whenFull)
	if !waiting && !sh.searchPending() {
		return nil
	}
	sh.loadingFull = true
	return loadFull(sh)
}

// fullLoaded puts the whole conference into the programme and tells every
// screen, so the ones waiting for it are made.
func (m *Model) fullLoaded(msg fullMsg) tea.Cmd {
	sh := m.sh
	if sh.sn == nil || sh.full || msg.slug != sh.conf.Slug {
		return nil // read for a programme replaced since
	}
	sh.loadingFull = false
	if msg.err != nil {
		sh.fullErr = msg.err.Error()
		m.err = sh.fullErr
		return m.refreshAll()
	}
	if !sh.merge(msg.c) {
		// Imported again meanwhile: read the new version.
		return m.reload(fileStamp{})
	}
	sh.fullIx = nil
	if !sh.sn.Covers(sh.query) {
		sh.run()
	}
	cmd := m.refreshAll()
	// The screens and pages that waited are made now: they take their
	// wrappers' places.
	for i := range m.tabs {
		if w, ok := m.tabs[i].c.(*whenFull); ok && w.c != nil {
			m.tabs[i].c = w.c
		}
	}
	for i := range m.stack {
		if w, ok := m.stack[i].(*whenFull); ok && w.c != nil {
			m.stack[i] = w.c
		}
	}
	return cmd
}

// whenFull is a screen or a page that needs the whole conference: until it
// is read it says so, then it is made and is that screen.
type whenFull struct {
	sh   *shared
	make func() component
	c    component
	page bool // a page: esc closes it while it waits
	w, h int
}

// needsFull returns the component make makes, made now when the whole
// conference is read, else when it is.
func needsFull(sh *shared, page bool, make func() component) component {
	if sh.sn == nil || sh.full {
		return make()
	}
	return &whenFull{sh: sh, make: make, page: page, w: sh.width, h: sh.height}
}

// ready makes the component once the whole conference is read.
func (p *whenFull) ready() bool {
	if p.c == nil && p.sh.full {
		p.c = p.make()
		p.c.SetSize(p.w, p.h)
	}
	return p.c != nil
}

func (p *whenFull) Update(msg tea.Msg) tea.Cmd {
	if p.c == nil {
		if p.ready() {
			if _, ok := msg.(refreshMsg); ok {
				return nil // just made
			}
			return p.c.Update(msg)
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && p.page && key.Matches(k, p.sh.keys.Back) {
			return closePage(nil)
		}
		return nil
	}
	return p.c.Update(msg)
}

func (p *whenFull) View() string {
	if p.c != nil {
		return p.c.View()
	}
	st, w := p.sh.styles, max(1, p.sh.width-2)
	msg, style := fmt.Sprintf("Reading the whole programme (%d sessions)…", len(p.sh.conf.Sessions)), st.Dim
	if p.sh.fullErr != "" {
		msg, style = "Could not read the programme: "+p.sh.fullErr, st.Error
	}
	lines := []string{""}
	for _, l := range wrap(msg, w) {
		lines = append(lines, "  "+style.Render(l))
	}
	return strings.Join(lines, "\n")
}

func (p *whenFull) KeyMap() keyMap {
	if p.c != nil {
		return p.c.KeyMap()
	}
	k := p.sh.keys
	if p.page {
		return keyMap{short: []key.Binding{k.Back, k.Help, k.Quit}, bound: []key.Binding{k.Back, k.Help, k.Quit}}
	}
	return keyMap{
		short: []key.Binding{k.NextTab, k.Help, k.Quit},
		bound: append(append([]key.Binding{}, k.globals()...), k.Conferences),
	}
}

func (p *whenFull) SetSize(w, h int) {
	p.w, p.h = w, h
	if p.c != nil {
		p.c.SetSize(w, h)
	}
}

// detailMsg is one session read whole, with its speakers, for its page.
type detailMsg struct {
	slug, id string
	c        *data.Conference
	err      error
}

// loadDetail reads the session id whole, with its speakers, from a
// programme made from the snapshot.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func loadDetail(sh *shared, id string) tea.Cmd {
	g, ok := sh.st.(glancer)
	sn, slug, at := sh.sn, sh.conf.Slug, sh.conf.ImportedAt
	return func() tea.Msg {
		if !ok || sn == nil {
			return detailMsg{slug: slug, id: id, err: fmt.Errorf("no snapshot")}
		}
		ss, sps := sn.Positions([]string{id})
		c, err := g.SessionsAt(slug, ss, sps)
		if err == nil && (!c.ImportedAt.Equal(at) || len(c.Sessions) != len(ss) || len(ss) == 1 && c.Sessions[0].ID != id) {
			err = fmt.Errorf("the schedule changed meanwhile")
		}
		return detailMsg{slug: slug, id: id, c: c, err: err}
	}
}

// wanter is a page that needs something read before it can show it all.
type wanter interface{ want() tea.Cmd }
