package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"slices"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data/synth"
)

// wholeStore is a store seen without its search snapshots: the TUI reads
// every conference whole, as it did before it used them.
type wholeStore struct{ Store }

// The programme made from the search snapshot shows what the programme
// read whole shows: the same screens for the same keys, searches (those the
// snapshot answers and those that need the abstracts' text), the pages and
// the screens that wait for the whole conference.
func TestSnapshotProgrammeSameScreens(t *testing.T) {
	st := openStore(t)
	c := synth.Generate(1500, 3)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	clock := WithClock(func() time.Time { return testNow })
	open := func(s Store, w, h int) *Model {
		m, err := New(s, c.Slug, clock, WithOpener(noBrowser), WithLocalZone(berlin))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(m.Flush)
		settle(m, m.Init())
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		return m
	}
	for _, size := range [][2]int{{40, 12}, {80, 24}, {200, 50}} {
		snap, whole := open(st, size[0], size[1]), open(wholeStore{st}, size[0], size[1])
		if snap.sh.sn == nil || snap.sh.full {
			t.Fatal("the model did not start from the snapshot")
		}
		if whole.sh.sn != nil {
			t.Fatal("the model of a store without snapshots used one")
		}
		same := func(what string) {
			t.Helper()
			if a, b := plain(snap), plain(whole); a != b {
				t.Fatalf("%dx%d, %s: from the snapshot\n%s\nread whole\n%s", size[0], size[1], what, a, b)
			}
			if a, b := snap.Listed(), whole.Listed(); !slices.Equal(a, b) {
				t.Fatalf("%dx%d, %s: %d sessions listed from the snapshot, %d read whole", size[0], size[1], what, len(a), len(b))
			}
		}
		same("first screen")
		for _, keys := range [][]string{
			{"j", "j", "j"}, {"pgdown"}, {"s"}, {"s"}, {"s"}, {"/", "k", "u", "b", "e", "space", "l", "a", "t"},
			{"down", "down"}, {"enter"}, {"/", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "esc"},
			{"3"}, {"space"}, {"j", "enter"}, {"j", "j", "j"}, {"esc"},
		} {
			press(snap, keys...)
			press(whole, keys...)
			same("after " + strings.Join(keys, " "))
		}
		if snap.sh.full {
			t.Fatal("the whole conference was read for the list and a page")
		}
		// A word with punctuation needs the abstracts' text.
		for _, k := range [][]string{{"/"}, {"n", "o", "d", "e", "."}, {"j", "s"}, {"enter"}} {
			press(snap, k...)
			press(whole, k...)
			same("searching node.js")
		}
		if !snap.sh.full {
			t.Fatal("a search the snapshot does not answer did not read the whole conference")
		}
		press(snap, "/", "esc")
		press(whole, "/", "esc")
		for range 6 {
			press(snap, "tab")
			press(whole, "tab")
			same("tab")
		}
	}
}

// A screen that needs the whole conference says that it is being read
// until it is, then shows it; the list keeps working meanwhile.
func TestSnapshotProgrammeLoadingState(t *testing.T) {
	st := openStore(t)
	c := synth.Generate(300, 2)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	m, err := New(st, c.Slug, WithClock(func() time.Time { return testNow }), WithOpener(noBrowser), WithLocalZone(berlin))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	// Keys straight to Update: the read it asks for is not run yet.
	_, cmd := m.Update(keyMsg("tab"))
	if cmd == nil {
		t.Fatal("the Agenda did not ask for the whole conference")
	}
	if !strings.Contains(plain(m), "Reading the whole programme (300 sessions)") {
		t.Fatalf("no loading state:\n%s", plain(m))
	}
	m.Update(tea.WindowSizeMsg{Width: 30, Height: 12})
	if s := plain(m); !strings.Contains(s, "Reading the whole") || !strings.Contains(s, "(300 sessions)…") {
		t.Fatalf("the loading state does not fit 30 columns:\n%s", s)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(keyMsg("shift+tab"))
	m.Update(keyMsg("j"))
	if !strings.Contains(plain(m), c.Sessions[1].Title[:10]) {
		t.Fatalf("the list does not answer while the programme is read:\n%s", plain(m))
	}
	settle(m, cmd)
	if !m.sh.full {
		t.Fatal("the whole conference was not read")
	}
	press(m, "tab")
	if strings.Contains(plain(m), "Reading the whole programme") {
		t.Fatalf("still loading:\n%s", plain(m))
	}
}
