package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// The help line shows as many keys as the width holds, in the screen's
// order, always ending with the ways to more keys and out.
func TestHelpLineUsesTheWidth(t *testing.T) {
	k := DefaultKeyMap()
	short := []key.Binding{k.Open, k.Star, k.Rate, k.Search, k.Filter, k.Sort, k.HideRoom, k.HideTrack, k.NextDay, k.NextTab, k.Help, k.Quit}
	h := help.New()
	count := func(s string) int { return strings.Count(s, " • ") + 1 }
	prev := 0
	for _, w := range []int{30, 50, 80, 120, 200} {
		line := ansi.Strip(helpLine(h, k, short, w))
		if got := ansi.StringWidth(line); got > w {
			t.Errorf("width %d: help line is %d wide: %q", w, got, line)
		}
		if !strings.HasSuffix(line, "? help • q quit") {
			t.Errorf("width %d: %q does not end with help and quit", w, line)
		}
		if strings.Contains(line, "…") {
			t.Errorf("width %d: a key cut short: %q", w, line)
		}
		if n := count(line); n < prev {
			t.Errorf("width %d: %d keys, fewer than a narrower line's %d", w, n, prev)
		} else {
			prev = n
		}
		if w == 200 && count(line) != len(short) {
			t.Errorf("at 200 columns not every key shows: %q", line)
		}
	}
	// A key too long for the room left is skipped; a shorter one after it
	// still comes.
	line := ansi.Strip(helpLine(h, k, []key.Binding{k.Open, k.ClearFilters, k.Sort, k.Help, k.Quit}, 42))
	if line != "enter open • o sort • ? help • q quit" {
		t.Errorf("got %q", line)
	}
}

// The Sessions screen shows more keys at 200 columns than at 80.
func TestSessionsHelpLineWiderShowsMore(t *testing.T) {
	keys := func(w int) int {
		m := newModel(t, newMemStore(), w, 24)
		lines := strings.Split(plain(m), "\n")
		return strings.Count(lines[len(lines)-1], " • ") + 1
	}
	if narrow, wide := keys(80), keys(200); wide <= narrow {
		t.Errorf("%d keys at 200 columns, %d at 80", wide, narrow)
	}
}

// The ? page says which keys close it, and they do: any key when it fits
// the screen; any but the scrolling keys when it scrolls.
func TestHelpPageSaysWhatClosesIt(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		scroll bool
	}{{200, 50, false}, {40, 12, true}} {
		m := newModel(t, newMemStore(), tc.w, tc.h)
		press(m, "?")
		hp := top(m).(*helpPage)
		text := ansi.Strip(strings.Join(hp.pg.lines, " "))
		text = strings.Join(strings.Fields(text), " ")
		if hp.pg.more(m.sh) != tc.scroll {
			t.Fatalf("%d×%d: scrolls %v", tc.w, tc.h, hp.pg.more(m.sh))
		}
		says := "Any key closes this help; ctrl+c quits lineup."
		if tc.scroll {
			says = "scroll; any other key closes this help; ctrl+c quits lineup."
		}
		if !strings.Contains(text, says) {
			t.Errorf("%d×%d: the page does not say %q:\n%s", tc.w, tc.h, says, text)
		}
		// What it says is what happens: j scrolls or closes, q closes.
		press(m, "j")
		if helpOpen(m) != tc.scroll {
			t.Errorf("%d×%d: after j the help is open: %v", tc.w, tc.h, helpOpen(m))
		}
		if !helpOpen(m) {
			press(m, "?")
		}
		if quit := press(m, "q"); quit || helpOpen(m) {
			t.Errorf("%d×%d: q quit (%v) or left the help open", tc.w, tc.h, quit)
		}
	}
}
