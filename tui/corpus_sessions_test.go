package tui

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
)

// The Sessions list of FOSDEM 2026 at the four sizes. The golden file holds
// only a SHA-256 of each screen (the schedule's text is not ours to store);
// the structure is checked here: every line exactly as wide as the
// terminal, the day on the first line of the list however deep it scrolls,
// and at 200 columns every room in full.
func TestCorpusSessionsFOSDEM(t *testing.T) {
	r, err := formats.Parse(corpusFile(t, "frab-xml/fosdem-2026.xml"), formats.FormatAuto, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := newMemStore()
	st.c = r.Conference
	var sums strings.Builder
	for _, size := range [][2]int{{40, 12}, {80, 24}, {120, 40}, {200, 50}} {
		w, h := size[0], size[1]
		m, err := New(st, st.c.Slug, WithClock(func() time.Time { return testNow }), WithLocalZone(st.c.Location()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(m.Flush)
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		fmt.Fprintf(&sums, "%dx%d %x\n", w, h, sha256.Sum256([]byte(screen(m))))
		for i, l := range strings.Split(m.render(), "\n") {
			if got := ansi.StringWidth(l); got > w {
				t.Fatalf("%dx%d: line %d is %d cells", w, h, i, got)
			}
		}
		sm := sessions(m)
		for range 20 {
			press(m, "pgdown")
			first := sm.rows[sm.nav.offset]
			if got := listLine(m, 0); !strings.HasPrefix(got, data.DayTitle(first.date)) {
				t.Fatalf("%dx%d: the first line of the list is not the day:\n%s", w, h, plain(m))
			}
		}
		if w == 200 {
			for y := range h - 2 {
				i := sm.rowAt(y)
				if !sm.selectable(i) {
					continue
				}
				if room := sm.rows[i].s.Room; !strings.Contains(listLine(m, y), room) {
					t.Errorf("200 columns: room %q not in full on %q", room, listLine(m, y))
				}
			}
		}
	}
	golden.RequireEqual(t, sums.String())
}
