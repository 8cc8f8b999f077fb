package timetable

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/tui/layout"
	"github.com/lineup-tui/lineup/tui/theme"
)

var testStyles = Styles{
	Header:  lipgloss.NewStyle().Bold(true),
	Gutter:  lipgloss.NewStyle().Foreground(lipgloss.Color("#8A8A8A")),
	Title:   lipgloss.NewStyle(),
	Speaker: lipgloss.NewStyle().Foreground(lipgloss.Color("#8A8A8A")),
	Starred: lipgloss.NewStyle().Bold(true),
	Now:     lipgloss.NewStyle().Foreground(lipgloss.Color("#FF6B72")),
	More:    lipgloss.NewStyle().Faint(true),
	Cursor:  layout.Highlight{Bold: true}, // reverse video, as with NO_COLOR, so goldens show it
}

// ascii renders s as the ASCII colour profile shows it: no colours, but
// bold, reverse and the like kept.
func ascii(s string) string {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	w.WriteString(s)
	return buf.String()
}

// builtinDay is the built-in conference's busiest day as the Timetable
// screen would give it.
func builtinDay(t *testing.T) (*Day, *data.Conference) {
	t.Helper()
	c := builtin.Conference()
	const date = "2019-11-06"
	colors := map[string]string{}
	for _, tr := range c.Tracks {
		colors[tr.Name] = tr.Color
	}
	var ss []Session
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if s.Date != date {
			continue
		}
		ss = append(ss, Session{
			ID: s.ID, Start: s.Start, End: s.End, Room: s.Room, Title: s.Title,
			Speakers: c.SpeakerNames(s), Color: theme.TrackColor(s.Track, colors[s.Track], true),
			Starred: strings.HasPrefix(s.Title, "Kubernetes"),
		})
	}
	var rooms []string
	for _, r := range c.Rooms {
		rooms = append(rooms, r.Name)
	}
	return NewDay(ss, rooms), c
}

func at(c *data.Conference, clock string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", "2019-11-06 "+clock, c.Location())
	if err != nil {
		panic(err)
	}
	return t
}

func indexOf(t *testing.T, d *Day, prefix string) int {
	t.Helper()
	for i := range d.Len() {
		if strings.HasPrefix(d.Session(i).Title, prefix) {
			return i
		}
	}
	t.Fatalf("no session %q", prefix)
	return -1
}

func goldenGrid(t *testing.T, w, h int) {
	d, c := builtinDay(t)
	v := View{Width: w, Height: h, Cursor: indexOf(t, d, "Autoscaling"), Now: at(c, "14:40")}
	v = d.Follow(v)
	out := d.Render(v, testStyles)
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("line %d is %d wide, want %d: %q", i, got, w, l)
		}
	}
	golden.RequireEqual(t, ascii(out))
}

func TestGoldenTimetable80x24(t *testing.T)  { goldenGrid(t, 80, 24) }
func TestGoldenTimetable200x50(t *testing.T) { goldenGrid(t, 200, 50) }

// fosdemDay is a synthetic FOSDEM-sized day: 30 rooms from 09:00 to 19:00,
// talks of 5 to 50 minutes end to end, every third room with a track colour.
func fosdemDay(rooms int) (*Day, []string) {
	loc := time.FixedZone("CET", 3600)
	var names []string
	var ss []Session
	lengths := []int{25, 30, 50, 5, 15, 25, 40}
	for r := range rooms {
		names = append(names, fmt.Sprintf("UB2.%03dA (Room %d)", 200+r, r))
		t := time.Date(2026, 2, 1, 9, 0, 0, 0, loc)
		end := time.Date(2026, 2, 1, 19, 0, 0, 0, loc)
		for k := 0; t.Before(end); k++ {
			l := time.Duration(lengths[(r+k)%len(lengths)]) * time.Minute
			s := Session{
				ID: fmt.Sprintf("r%d-%d", r, k), Start: t, End: t.Add(l), Room: names[r],
				Title:    fmt.Sprintf("Talk %d in room %d about something that takes a while to say", k, r),
				Speakers: "Ada Lovelace, Grace Hopper",
				Starred:  k%9 == 0,
			}
			if r%3 == 0 {
				s.Color = theme.TrackColor(fmt.Sprintf("Track %d", r), "", true)
			}
			ss = append(ss, s)
			t = t.Add(l)
		}
	}
	return NewDay(ss, names), names
}
