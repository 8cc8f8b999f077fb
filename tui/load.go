package tui

import (
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// Everything here reads the disk or builds an index, so it runs as a command
// off the UI goroutine and comes back as a message; the screen shows a
// loading state meanwhile and keeps answering keys.

// refreshEvery is how often the TUI looks for changes other processes made.
const refreshEvery = time.Second

// retryReload is how soon a read of changes made elsewhere is tried again
// when it was dropped for a change made here meanwhile.
const retryReload = 200 * time.Millisecond

// fileStamp is what the change check compares to notice another process's writes.
type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.ModTime(), fi.Size()}
}

// tickMsg is the one-second change check's answer: the store file's stamp then.
type tickMsg struct {
	at    time.Time
	stamp fileStamp
}

// tick waits a second, then looks at the store file.
func tick(path string) tea.Cmd {
	return tea.Tick(refreshEvery, func(t time.Time) tea.Msg { return tickMsg{at: t, stamp: stampOf(path)} })
}

// reloadedMsg carries what another process changed in the store.
type reloadedMsg struct {
	slug   string
	edits  int // sh.edits when the read started
	stamp  fileStamp
	prog   *programme // nil when the schedule did not change
	mine   map[string]data.Personal
	others map[string]data.Tally
	err    error
}

// StoreChangedMsg tells a program that the store changed elsewhere, for
// example that someone on another connection to the same server rated a
// session: it reads the person's data and everyone's ratings again at once
// rather than at its next one-second check.
type StoreChangedMsg struct{}

// reload reads the person's data and everyone's ratings (and the schedule,
// when it was replaced). A zero stamp is taken when the read starts.
func reload(sh *shared, stamp fileStamp) tea.Cmd {
	st, slug, edits, imported, now, lg := sh.st, sh.conf.Slug, sh.edits, sh.conf.ImportedAt, sh.now(), sh.log
	z := sh.zone.forced(sh.disp.Local) // a new version of the schedule keeps the zone shown
	return func() tea.Msg {
		if stamp == (fileStamp{}) {
			stamp = stampOf(st.Path())
		}
		msg := reloadedMsg{slug: slug, edits: edits, stamp: stamp}
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
				msg.prog, msg.err = loadProgramme(st, slug, now, z, lg)
			}
		}
		if !found {
			msg.err = fmt.Errorf("this conference was removed by another lineup; press c to open another")
		}
		if msg.err == nil && msg.prog == nil {
			msg.mine, msg.err = st.Personal(slug)
		}
		if msg.err == nil && msg.prog == nil {
			msg.others, msg.err = st.Others(slug)
		}
		return msg
	}
}

// confLoadedMsg is another conference, read and indexed, ready to open.
type confLoadedMsg struct {
	slug string
	prog *programme
	err  error
}

// loadConference reads and indexes the conference slug.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func loadConference(sh *shared, slug string) tea.Cmd {
	st, now, lg, z := sh.st, sh.now(), sh.log, zoneChoice{local: sh.zone.local}
	return func() tea.Msg {
		p, err := loadProgramme(st, slug, now, z, lg)
		return confLoadedMsg{slug: slug, prog: p, err: err}
	}
}

// confsMsg is the list of conferences in the store, for the switcher, with
// the store file's stamp from just before it was read.
type confsMsg struct {
	confs []store.ConferenceInfo
	err   error
	stamp fileStamp
}

// listConferences reads the list of conferences.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func listConferences(st Store) tea.Cmd {
	return func() tea.Msg {
		stamp := stampOf(st.Path())
		confs, err := st.Conferences()
		return confsMsg{confs, err, stamp}
	}
}
