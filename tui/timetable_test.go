package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/tui/termcells"
)

// toTab presses tab until the screen at index i of screens is on.
func toTab(m *Model, i int) {
	for range len(m.tabs) {
		if m.tab == i && len(m.stack) == 0 {
			return
		}
		press(m, "tab")
	}
}

// timetableOf opens the Timetable screen of a model.
func timetableOf(t *testing.T, m *Model) *timetableModel {
	t.Helper()
	toTab(m, tabTimetable)
	tt, ok := m.focused().(*timetableModel)
	if !ok {
		t.Fatalf("tab %d is %T, not the timetable", tabTimetable, m.focused())
	}
	return tt
}

// The test clock is Wednesday 6 November, 13:00 in Berlin: the timetable
// opens on that day, on the session running then, with the time line.
func TestGoldenTimetable80x24(t *testing.T) {
	m := newModel(t, newMemStore(k8sID), 80, 24)
	timetableOf(t, m)
	golden.RequireEqual(t, screen(m))
}

func TestGoldenTimetable200x50(t *testing.T) {
	m := newModel(t, newMemStore(k8sID), 200, 50)
	timetableOf(t, m)
	golden.RequireEqual(t, screen(m))
}

func TestTimetableOpensOnToday(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	tt := timetableOf(t, m)
	if got := tt.days[tt.day]; got != "2019-11-06" {
		t.Fatalf("opens on %s, want the clock's day 2019-11-06", got)
	}
	if !strings.Contains(plain(m), "Wednesday 6 November") {
		t.Errorf("no day title:\n%s", plain(m))
	}
	if !strings.Contains(plain(m), "13:00▶") {
		t.Errorf("no line at the current time:\n%s", plain(m))
	}
}

// Arrows and h/j/k/l move between sessions in space; enter opens the
// focused one.
func TestTimetableNavigation(t *testing.T) {
	m := newModel(t, newMemStore(), 200, 50)
	tt := timetableOf(t, m)
	title := func() string {
		if s := tt.current(); s != nil {
			return s.Title
		}
		return ""
	}
	press(m, "home")
	first := tt.current()
	if first == nil || first.Start.Format("15:04") != "11:35" {
		t.Fatalf("home: on %v, want the first session of the day", first)
	}
	press(m, "l")
	right := tt.current()
	if right == first || right.Room == first.Room || !right.Start.Equal(first.Start) {
		t.Fatalf("l from %q (%s): %q (%s), want the session beside it", first.Title, first.Room, right.Title, right.Room)
	}
	press(m, "h")
	if tt.current() != first {
		t.Fatalf("h did not come back: %q", title())
	}
	press(m, "j")
	down := tt.current()
	if !down.Start.After(first.Start) {
		t.Fatalf("j: %q starts %v, not after %v", down.Title, down.Start, first.Start)
	}
	press(m, "k") // the nearest room's session at the first time
	if s := tt.current(); s == down || !s.Start.Equal(first.Start) {
		t.Fatalf("k from %q: %q, want one starting at %v", down.Title, title(), first.Start)
	}
	press(m, "home", "right", "left")
	if tt.current() != first {
		t.Fatalf("the arrows did not come back: %q", title())
	}
	press(m, "down")
	if tt.current() != down {
		t.Fatalf("↓ is not j: %q", title())
	}
	press(m, "end")
	last := tt.current()
	if !last.Start.After(first.Start) {
		t.Fatalf("end: on %q", last.Title)
	}
	press(m, "enter")
	p, ok := top(m).(*sessionPage)
	if !ok || !strings.Contains(plain(m), last.Title) {
		t.Fatalf("enter did not open %q: %T\n%s", last.Title, p, plain(m))
	}
}

// ] and [ change day; the focus goes to the same time of day, and the day
// title follows.
func TestTimetableDayChange(t *testing.T) {
	m := newModel(t, newMemStore(), 120, 30)
	tt := timetableOf(t, m)
	if len(tt.days) < 2 {
		t.Fatalf("days %v: the built-in conference has sessions with times on two days", tt.days)
	}
	day := tt.day
	press(m, "[")
	if tt.day != day-1 || !strings.Contains(plain(m), "Tuesday 5 November") {
		t.Fatalf("[: day %d\n%s", tt.day, plain(m))
	}
	if s := tt.current(); s == nil || s.Date != tt.days[tt.day] {
		t.Fatalf("[: focus on %v, not on the new day", s)
	}
	press(m, "[") // no day before: stays
	if tt.day != day-1 {
		t.Fatalf("[ on the first day moved to %d", tt.day)
	}
	press(m, "]")
	if tt.day != day || !strings.Contains(plain(m), "Wednesday 6 November") {
		t.Fatalf("]: day %d\n%s", tt.day, plain(m))
	}
}

// Hidden rooms, filters and the search apply; a star shows on its block.
func TestTimetableFollowsTheQuery(t *testing.T) {
	m := newModel(t, newMemStore(), 200, 50)
	gotoSession(t, m, k8s)
	press(m, "space", "R") // star it, hide Hall A1
	tt := timetableOf(t, m)
	for _, r := range tt.grid.Rooms() {
		if r == "Hall A1" {
			t.Fatalf("the hidden room has a column: %v", tt.grid.Rooms())
		}
	}
	if strings.Contains(plain(m), "Kubernetes the very") {
		t.Fatalf("a session of the hidden room is drawn:\n%s", plain(m))
	}
	toTab(m, tabSessions)
	press(m, "f")
	q := m.sh.query
	q.HiddenRooms = nil
	settle(m, m.sh.setQuery(q, ""))
	press(m, "esc")
	tt = timetableOf(t, m)
	if !strings.Contains(plain(m), "★ Kubernetes") {
		t.Fatalf("the starred session has no star:\n%s", plain(m))
	}
	// Search: only the matching sessions are drawn.
	toTab(m, tabSessions)
	press(m, "/")
	typeText(m, "autoscaling")
	press(m, "enter")
	tt = timetableOf(t, m)
	if tt.grid.Len() != 1 || !strings.Contains(plain(m), "Autoscaling") {
		t.Fatalf("with a search the grid has %d sessions:\n%s", tt.grid.Len(), plain(m))
	}
}

// The focused block is one highlight on screen, from its left edge to the
// gap before the next column, on each of its lines.
func TestTimetableCursorBlockOnScreen(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		if noColor {
			t.Setenv("NO_COLOR", "1")
		}
		m := newModel(t, newMemStore(), 120, 30)
		timetableOf(t, m)
		lit := 0
		for _, l := range strings.Split(m.render(), "\n")[3:] {
			cells := termcells.Line(l)
			run, runs := 0, 0
			for x, c := range cells {
				on := c.Bg || c.Reverse
				if on && (x == 0 || !(cells[x-1].Bg || cells[x-1].Reverse)) {
					runs++
				}
				if on {
					run++
				}
			}
			if run > 0 {
				lit++
				if runs != 1 {
					t.Fatalf("NO_COLOR %v: the focused block is %d pieces on a line: %q", noColor, runs, l)
				}
			}
		}
		if lit == 0 {
			t.Fatalf("NO_COLOR %v: no focused block on screen:\n%s", noColor, plain(m))
		}
		t.Setenv("NO_COLOR", "")
	}
}
