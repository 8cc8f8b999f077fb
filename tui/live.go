package tui

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
)

// A conference imported from a URL is live: r fetches it again in the
// background, it refreshes itself on start and every so often (WithRefresh),
// the header says when it was last checked, changed sessions carry a marker
// in every list and the "What changed" page (u) lists the change sets.

// Refresher fetches the conference slug again and stores the new version
// (refresh.Run with the store and a downloader). It runs off the UI
// goroutine; the downloader's own timeouts bound it.
type Refresher func(ctx context.Context, slug string) (*refresh.Outcome, error)

// WithRefresh lets the TUI refresh URL-imported conferences with r: on r,
// and on start and every every while one is open (0: only on r).
func WithRefresh(r Refresher, every time.Duration) Option {
	return func(sh *shared) { sh.refresher, sh.refreshEvery = r, every }
}

// liveInfo is what the store says of the open conference's source and its
// change sets.
type liveInfo struct {
	src    *store.Source  // nil when the schedule was not fetched from a URL
	sets   []*changes.Set // oldest first
	latest *changes.Set   // the last set, nil when none
}

// historyStore is what a store offers for live conferences; *store.Store
// does, a store without it shows no source and no changes.
type historyStore interface {
	Source(slug string) (*store.Source, error)
	ChangeHistory(slug string) (store.History, error)
}

// loadLive reads the source and change sets of a conference. Failing reads
// leave them out: the schedule itself was read.
func loadLive(st Store, slug string) liveInfo {
	hs, ok := st.(historyStore)
	if !ok {
		return liveInfo{}
	}
	var li liveInfo
	li.src, _ = hs.Source(slug)
	if h, err := hs.ChangeHistory(slug); err == nil {
		li.sets = h.Sets
		if n := len(h.Sets); n > 0 {
			li.latest = h.Sets[n-1]
		}
	}
	return li
}

// canRefresh reports whether the open conference can be fetched again.
func (sh *shared) canRefresh() bool { return sh.refresher != nil && sh.live.src != nil }

// Messages of the refresh.
type (
	// refreshedMsg is the end of a refresh: its outcome, and for a changed
	// schedule the new programme, read and indexed.
	refreshedMsg struct {
		slug   string
		manual bool
		out    *refresh.Outcome
		prog   *programme
		err    error
	}
	// refreshTickMsg is the time for the periodic refresh of the
	// conference opened as open number gen.
	refreshTickMsg struct{ gen int }
)

// startRefresh fetches the open conference again off the UI goroutine.
// Out of line, so every command it makes is one function (see tell).
//
//go:noinline
func startRefresh(sh *shared, manual bool) tea.Cmd {
	r, slug, st, now, lg := sh.refresher, sh.conf.Slug, sh.st, sh.now(), sh.log
	z := sh.zone.forced(sh.disp.Local) // the new version shows in the same zone
	sh.refreshing = true
	return func() tea.Msg {
		out, err := r(context.Background(), slug)
		msg := refreshedMsg{slug: slug, manual: manual, out: out, err: err}
		if err == nil && !out.Unchanged {
			msg.prog, msg.err = loadProgramme(st, slug, now, z, lg)
		}
		return msg
	}
}

// refreshTimer waits for the next periodic refresh.
func refreshTimer(sh *shared) tea.Cmd {
	if sh.refreshEvery <= 0 || !sh.canRefresh() {
		return nil
	}
	gen := sh.opens
	return tea.Tick(sh.refreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{gen} })
}

// autoRefresh is what a newly opened conference starts: a refresh now and
// the timer for the next, when periodic refreshes are on.
func autoRefresh(sh *shared) tea.Cmd {
	if sh.refreshEvery <= 0 || !sh.canRefresh() {
		return nil
	}
	return tea.Batch(startRefresh(sh, false), refreshTimer(sh))
}

// refreshNow is the r key.
func (m *Model) refreshNow() tea.Cmd {
	sh := m.sh
	switch {
	case !sh.canRefresh():
		m.status = "this schedule was not imported from a URL; nothing to refresh"
		return nil
	case sh.refreshing:
		m.status = "already refreshing…"
		return nil
	}
	m.status = "refreshing " + sh.conf.Slug + "…"
	return startRefresh(sh, true)
}

// refreshTicked starts the periodic refresh, unless one runs already or
// another conference was opened since.
func (m *Model) refreshTicked(msg refreshTickMsg) tea.Cmd {
	sh := m.sh
	if msg.gen != sh.opens {
		return nil
	}
	if sh.refreshing {
		return refreshTimer(sh)
	}
	return tea.Batch(startRefresh(sh, false), refreshTimer(sh))
}

// refreshed applies a refresh's outcome: the new schedule when it changed,
// the time of the check, or the failure the header then shows.
func (m *Model) refreshed(msg refreshedMsg) tea.Cmd {
	sh := m.sh
	sh.refreshing = false
	if msg.slug != sh.conf.Slug {
		return nil
	}
	if msg.err != nil {
		sh.failed = oneLine(msg.err.Error())
		var re *refresh.Error
		if errors.As(msg.err, &re) {
			sh.failed = "refresh failed: " + oneLine(re.Short())
		}
		sh.log.Printf("refresh of %s failed: %s", msg.slug, sh.failed)
		if msg.manual {
			m.err = sh.failed
		}
		return nil
	}
	sh.failed = ""
	out := msg.out
	sh.log.Printf("refreshed %s: %s in %v", msg.slug, out.Summary(), out.Elapsed)
	if msg.prog == nil {
		src := *sh.live.src
		src.CheckedAt = sh.now()
		sh.live.src = &src
		if msg.manual {
			m.status = "schedule unchanged"
		}
		return nil
	}
	// The person's data in memory is at least as new as what was read.
	msg.prog.mine = sh.mine
	sh.open(msg.prog)
	sh.run()
	m.rebuildTabs()
	m.stack = nil
	m.resize(sh.width, sh.height)
	m.stamp = stampOf(sh.st.Path())
	m.status = refreshNotice(out)
	return nil
}

// refreshNotice is the one line a changed schedule gets: the first of the
// person's starred sessions that moved, was cancelled or removed, else the
// summary.
func refreshNotice(out *refresh.Outcome) string {
	moved := out.StarredMoved()
	if len(moved) == 0 {
		return "schedule updated: " + out.Summary()
	}
	it := moved[0]
	s := "★ " + string(it.Kind) + ": " + it.Title + refresh.FieldText(&it.Entry, true)
	if len(moved) > 1 {
		s += " (+" + strconv.Itoa(len(moved)-1) + " more, u lists them)"
	}
	return s
}

// liveStatus is what the header says of a live conference: "updated 4 min
// ago", "refreshing…", "offline · schedule from 09:12"; "" for others.
func (sh *shared) liveStatus() string {
	src := sh.live.src
	switch {
	case src == nil:
		return ""
	case sh.failed != "":
		return "offline · schedule from " + src.FetchedAt.In(time.Local).Format("15:04")
	case sh.refreshing:
		return "refreshing…"
	}
	at := src.CheckedAt
	if at.IsZero() {
		at = src.FetchedAt
	}
	return "updated " + refresh.Ago(sh.now().Sub(at))
}

// changeMark is the one-cell marker of a session that changed in the last
// refresh: > moved, + new, x cancelled, ~ changed; " " otherwise. A session
// the schedule marks as cancelled carries x whenever it was.
func (sh *shared) changeMark(s *data.Session) string {
	if changes.IsCancelled(s) {
		return markCancelled
	}
	if e := sh.live.latest.Entry(s.ID); e != nil {
		switch e.Kind {
		case changes.Moved:
			return markMoved
		case changes.Added:
			return markAdded
		case changes.Changed:
			return markChanged
		}
	}
	return " "
}

// The change markers, explained on the ? page.
const (
	markMoved     = ">"
	markAdded     = "+"
	markCancelled = "x"
	markChanged   = "~"
)

// mineFunc answers changes.MineFunc from the person's data in memory.
func (sh *shared) mineFunc() changes.MineFunc { return refresh.MineOf(sh.mine) }

// markersHelp explains the list markers on the ? page.
const markersHelp = "★ starred; last refresh: " + markMoved + " moved " + markAdded + " new " +
	markCancelled + " cancelled " + markChanged + " changed"
