package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The zone times are shown in: the conference's, or the viewer's (z). The
// choice is remembered per conference in the view state. Showing another
// zone means another copy of the schedule (times and day grouping in that
// zone) and another index, so it is built in a command, like a load.

// WithLocalZone sets the viewer's zone (default time.Local).
func WithLocalZone(loc *time.Location) Option { return func(sh *shared) { sh.zone.local = loc } }

// WithLocal starts in the local zone, whatever was remembered for the
// conference (--local).
func WithLocal() Option { return func(sh *shared) { sh.zone = sh.zone.forced(true) } }

// zoneLoadedMsg is the open conference, built again in another zone.
type zoneLoadedMsg struct {
	slug string
	prog *programme
	err  error
}

// showZone builds the open conference again with local as the shown zone.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func showZone(sh *shared, local bool) tea.Cmd {
	st, slug, now, lg, z := sh.st, sh.conf.Slug, sh.now(), sh.log, sh.zone.forced(local)
	return func() tea.Msg {
		p, err := loadProgramme(st, slug, now, z, lg)
		return zoneLoadedMsg{slug: slug, prog: p, err: err}
	}
}

// toggleZone switches between the conference's zone and the local one.
func (m *Model) toggleZone() tea.Cmd {
	m.status = "switching the time zone…"
	return showZone(m.sh, !m.sh.disp.Local)
}

// zoneLoaded makes the conference built in another zone the open one. The
// person's data and the query are the ones in memory (changes made while it
// was built are not lost); the screens are made anew on the same tab.
func (m *Model) zoneLoaded(msg zoneLoadedMsg) tea.Cmd {
	sh := m.sh
	if msg.slug != sh.conf.Slug {
		return nil
	}
	if msg.err != nil {
		m.status, m.err = "", msg.err.Error()
		return nil
	}
	p := msg.prog
	p.mine, p.query = sh.mine, sh.query
	sh.open(p)
	sh.run()
	sh.saveView()
	m.rebuildTabs()
	m.stack = nil
	m.resize(sh.width, sh.height)
	m.status = "times in " + sh.disp.Name()
	if sh.disp.Local {
		m.status += " (" + sh.localZone().String() + ")"
	} else {
		m.status += ", the conference's zone"
	}
	return m.refreshAll()
}

// localZone is the viewer's zone.
func (sh *shared) localZone() *time.Location {
	if sh.zone.local != nil {
		return sh.zone.local
	}
	return time.Local
}
