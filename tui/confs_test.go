package tui

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
)

// countingStore counts the reads of the list of conferences.
type countingStore struct {
	Store
	lists atomic.Int32
}

func (c *countingStore) Conferences() ([]store.ConferenceInfo, error) {
	c.lists.Add(1)
	return c.Store.Conferences()
}

// A conference another lineup imports while the switcher is open shows up
// at the next change check, read off the UI goroutine; the cursor stays
// where it was.
func TestSwitcherSeesAnotherProcessImport(t *testing.T) {
	st := openStore(t)
	cs := &countingStore{Store: st}
	m := newModel(t, cs, 80, 24)
	press(m, "c")
	sw := top(m).(*confSwitcher)
	if len(sw.confs) != 1 || sw.loading {
		t.Fatalf("switcher lists %d conferences, loading %v", len(sw.confs), sw.loading)
	}

	// No change: the check reads nothing and goes on.
	lists := cs.lists.Load()
	_, cmd := m.Update(confsCheckMsg{sw, sw.watching, stampOf(st.Path())})
	if cmd == nil || cs.lists.Load() != lists {
		t.Fatalf("an unchanged store was listed again, or the check stopped (%v)", cmd)
	}

	// Another process imports a conference into the same file.
	other, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	c := builtin.Conference()
	c.Slug, c.Name, c.Edition = "later-conf", "Later Conference", "Later 2026"
	c.Sessions = c.Sessions[:2]
	formats.Finish(c)
	if _, err := other.ImportConference(c); err != nil {
		t.Fatal(err)
	}

	msg := confsCheckMsg{sw, sw.watching, stampOf(st.Path())}
	_, cmd = m.Update(msg)
	if cs.lists.Load() != lists {
		t.Fatal("the store was read on the UI goroutine")
	}
	settle(m, cmd)
	if len(sw.confs) != 2 || !strings.Contains(plain(m), "Later 2026") {
		t.Fatalf("the new conference is not listed:\n%s", plain(m))
	}
	if sw.confs[sw.nav.cursor].Slug != m.sh.conf.Slug {
		t.Errorf("the cursor moved to %s", sw.confs[sw.nav.cursor].Slug)
	}
	// An older check, or one for a switcher closed since, does nothing.
	if _, cmd := m.Update(confsCheckMsg{sw, sw.watching - 1, fileStamp{}}); cmd != nil {
		t.Error("an old check went on")
	}
	press(m, "esc")
	if _, cmd := m.Update(msg); cmd != nil || len(m.stack) != 0 {
		t.Error("a closed switcher's check did something")
	}
}
