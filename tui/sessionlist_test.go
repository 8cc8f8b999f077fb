package tui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/tui/termcells"
	"github.com/lineup-tui/lineup/tui/theme"
)

func TestGoldenSessions120x40(t *testing.T) {
	golden.RequireEqual(t, screen(newModel(t, newMemStore(k8sID), 120, 40)))
}

func TestGoldenSessions200x50(t *testing.T) {
	golden.RequireEqual(t, screen(newModel(t, newMemStore(k8sID), 200, 50)))
}

// listLine is line i of the list on screen (0 is the line under the tabs).
func listLine(m *Model, i int) string {
	lines := strings.Split(plain(m), "\n")
	if i+1 >= len(lines) {
		return ""
	}
	return lines[i+1]
}

// dayTitle is the header of a session's day.
func dayTitle(m *Model, s *data.Session) string {
	title := data.DayTitle(s.Date)
	if l := m.sh.conf.DayLabel(s.Date); l != "" {
		title += " · " + l
	}
	return title
}

// Wherever the cursor goes, down and back up, the first line of the list
// names the day of the first session on screen, and the focused session is
// on screen; at 40 columns (two lines a session) too.
func TestDayHeaderSticks(t *testing.T) {
	for _, size := range [][2]int{{80, 8}, {40, 9}} {
		m := newModel(t, newMemStore(), size[0], size[1])
		sm := sessions(m)
		check := func(step string) {
			t.Helper()
			first := sm.rows[sm.nav.offset]
			want := data.DayTitle(first.date)
			if got := listLine(m, 0); !strings.HasPrefix(got, want) {
				t.Fatalf("%dx%d, %s: first line %q, want the day %q\n%s", size[0], size[1], step, got, want, plain(m))
			}
			cur := sm.current()
			if cur == nil || !strings.Contains(plain(m), string([]rune(cur.Title)[:min(10, len([]rune(cur.Title)))])) {
				t.Fatalf("%dx%d, %s: the focused session is not on screen\n%s", size[0], size[1], step, plain(m))
			}
		}
		for i := range len(sm.rows) {
			press(m, "down")
			check("down " + string(rune('0'+i%10)))
		}
		for range len(sm.rows) {
			press(m, "up")
			check("up")
		}
		press(m, "end")
		check("end")
		press(m, "[")
		check("[")
	}
}

// Deep in a day, the header on top is the cursor's day, not the first day.
func TestDayHeaderSticksDeepInADay(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 8)
	press(m, "]")
	for range 8 {
		press(m, "down")
	}
	cur := sessions(m).current()
	if got, want := listLine(m, 0), dayTitle(m, cur); got != want+strings.Repeat(" ", max(0, 80-len([]rune(want)))) && !strings.HasPrefix(got, want) {
		t.Fatalf("first line %q, want %q\n%s", got, want, plain(m))
	}
	if sessions(m).rows[sessions(m).nav.offset].kind == rowDay {
		t.Fatalf("the list was not scrolled past its header:\n%s", plain(m))
	}
}

// R hides the focused session's room and keeps the cursor on the nearest
// session still listed, not on the first one.
func TestHideRoomKeepsNearestSession(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	gotoSession(t, m, k8s) // Hall A1; the next one is in Hall A6
	press(m, "R")
	if got := sessions(m).current(); got == nil || got.Title != "Creating a scalable monitoring system that everyone will love" {
		t.Fatalf("cursor on %v after R", got)
	}
	if !strings.Contains(m.status, "hiding room Hall A1") {
		t.Errorf("status %q", m.status)
	}
	// The last session of the list: the nearest is the one above.
	press(m, "end")
	last := sessions(m).current()
	prevTitle := ""
	sm := sessions(m)
	for i := sm.nav.cursor - 1; i >= 0; i-- {
		if sm.selectable(i) {
			prevTitle = sm.rows[i].s.Title
			break
		}
	}
	if last.Room == "" {
		press(m, "R")
		if !strings.Contains(m.status, "no room") {
			t.Errorf("R on a session without a room: status %q", m.status)
		}
		return
	}
	press(m, "R")
	if got := sessions(m).current(); got == nil || got.Title != prevTitle {
		t.Fatalf("after hiding the last session's room the cursor is on %v, want %q", got, prevTitle)
	}
}

// trackStore is the built-in conference with tracks on a few sessions.
func trackStore(tracks map[string]string) *memStore {
	st := newMemStore()
	st.c = builtin.Conference() // changed below, so not the shared one
	for i := range st.c.Sessions {
		if tr, ok := tracks[st.c.Sessions[i].ID]; ok {
			st.c.Sessions[i].Track = tr
		}
	}
	return st
}

// T hides the focused session's track and keeps the cursor near; on a
// session without a track it says so and changes nothing.
func TestHideTrackKeepsCursor(t *testing.T) {
	st := trackStore(map[string]string{k8sID: "Kubernetes", "vlb19-struve-monitoring": "Kubernetes"})
	m := newModel(t, st, 80, 24)
	gotoSession(t, m, "Creating a scalable monitoring system that everyone will love")
	before := sessions(m).nav.cursor
	press(m, "T")
	got := sessions(m).current()
	if got == nil || got.Track == "Kubernetes" || got.Title != "The observability graph: Know your system" && sessions(m).nav.cursor > before+1 {
		t.Fatalf("cursor on %v after T", got)
	}
	if got.Date != "2019-11-06" {
		t.Fatalf("cursor left the day: %+v", got)
	}
	q := m.sh.query
	press(m, "T")
	if !strings.Contains(m.status, "no track") {
		t.Errorf("T on a session without a track: status %q", m.status)
	}
	if len(m.sh.query.HiddenTracks) != len(q.HiddenTracks) {
		t.Errorf("T on a session without a track hid %v", m.sh.query.HiddenTracks)
	}
}

// The cursor row, as the terminal shows it, carries the highlight in every
// cell from the first column to the last, gaps and padding included; with
// colours and with NO_COLOR, on one line and on two.
func TestCursorRowIsOneHighlightOnScreen(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		for _, w := range []int{40, 80, 200} {
			if noColor {
				t.Setenv("NO_COLOR", "1")
			}
			m := newModel(t, trackStore(map[string]string{k8sID: "Kubernetes"}), w, 24)
			gotoSession(t, m, k8s)
			lines := strings.Split(m.render(), "\n")
			rows := 0
			for _, l := range lines {
				cells := termcells.Line(l)
				marked := 0
				for _, c := range cells {
					if c.Bg || c.Reverse {
						marked++
					}
				}
				if marked == 0 || !strings.Contains(l, "11:35") && rows == 0 {
					continue
				}
				rows++
				if len(cells) != w {
					t.Fatalf("width %d: cursor line is %d cells", w, len(cells))
				}
				for x, c := range cells {
					if noColor && !c.Reverse || !noColor && !c.Bg {
						t.Fatalf("NO_COLOR %v, width %d: cell %d (%q) of the cursor line is not highlighted:\n%q", noColor, w, x, c.Text, l)
					}
				}
			}
			want := 1
			if w < 60 {
				want = 2
			}
			if rows != want {
				t.Fatalf("NO_COLOR %v, width %d: %d highlighted lines, want %d\n%s", noColor, w, rows, want, plain(m))
			}
			t.Setenv("NO_COLOR", "")
		}
	}
}

// The track has a column of its own from 100 columns, a marker below.
func TestTrackColumnAndMarker(t *testing.T) {
	st := trackStore(map[string]string{k8sID: "Kubernetes"})
	wide := newModel(t, st, 120, 24)
	if !strings.Contains(plain(wide), "Kubernetes the very hard way") || !strings.Contains(plain(wide), " Kubernetes ") {
		t.Errorf("no track column at 120:\n%s", plain(wide))
	}
	narrow := newModel(t, st, 80, 24)
	if !strings.Contains(plain(narrow), "▍ Kubernetes the") {
		t.Errorf("no track marker at 80:\n%s", plain(narrow))
	}
}

// COLORFGBG decides light or dark when the terminal does not answer; the
// terminal's answer beats it; --theme beats both.
func TestThemeChoice(t *testing.T) {
	white := tea.BackgroundColorMsg{Color: color.White}
	for _, tc := range []struct {
		name      string
		choice    theme.Choice
		colorFGBG string
		answer    tea.Msg
		dark      bool
	}{
		{"nothing known", theme.Auto, "", nil, true},
		{"COLORFGBG light", theme.Auto, "0;15", nil, false},
		{"COLORFGBG dark", theme.Auto, "15;0", nil, true},
		{"terminal answers light", theme.Auto, "15;0", white, false},
		{"--theme dark over a light terminal", theme.Dark, "0;15", white, true},
		{"--theme light", theme.Light, "15;0", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("COLORFGBG", tc.colorFGBG)
			m, err := New(newMemStore(), data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithTheme(tc.choice))
			if err != nil {
				t.Fatal(err)
			}
			if tc.answer != nil {
				send(m, tc.answer)
			}
			if m.sh.styles.isDark != tc.dark {
				t.Fatalf("dark %v, want %v", m.sh.styles.isDark, tc.dark)
			}
		})
	}
}
