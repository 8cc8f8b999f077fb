package timetable

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/tui/theme"
)

// FOSDEM 2026's busiest day, 30 rooms, as the Timetable screen would give
// it (skipped when the corpus is absent). Nothing of it is kept in goldens.
func TestCorpusFOSDEMDay(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "frab-xml", "fosdem-2026.xml"))
	if err != nil {
		t.Skipf("corpus file absent: %v", err)
	}
	res, err := formats.Parse(b, formats.FormatAuto, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	colors := map[string]string{}
	for _, tr := range c.Tracks {
		colors[tr.Name] = tr.Color
	}
	count := map[string]int{}
	for i := range c.Sessions {
		count[c.Sessions[i].Date]++
	}
	day := ""
	for d, n := range count {
		if day == "" || n > count[day] {
			day = d
		}
	}
	var ss []Session
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if s.Date == day && s.Scheduled() {
			ss = append(ss, Session{ID: s.ID, Start: s.Start, End: s.End, Room: s.Room, Title: s.Title,
				Speakers: c.SpeakerNames(s), Color: theme.TrackColor(s.Track, colors[s.Track], true)})
		}
	}
	var rooms []string
	for _, r := range c.Rooms {
		rooms = append(rooms, r.Name)
	}
	d := NewDay(ss, rooms)
	if len(d.Rooms()) < 25 {
		t.Fatalf("only %d rooms on %s", len(d.Rooms()), day)
	}

	// Every session is reached with the arrow keys from the first.
	seen := map[int]bool{d.First(): true}
	queue := []int{d.First()}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range []int{d.Left(i), d.Right(i), d.Up(i), d.Down(i)} {
			if j >= 0 && !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	if len(seen) != d.Len() {
		t.Errorf("arrows reach %d of %d sessions", len(seen), d.Len())
	}

	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		v := View{Width: size[0], Height: size[1], Cursor: d.First()}
		// Walk to the far right: every room comes on screen, its name
		// distinct from the others shown.
		names := map[string]string{}
		for range len(d.Rooms()) + 5 {
			v = d.Follow(v)
			out := d.Render(v, testStyles)
			lines := strings.Split(out, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%v: %d lines", size, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != size[0] {
					t.Fatalf("%v: line %d is %d wide", size, i, w)
				}
			}
			g := d.Geometry(v)
			header := ansi.Strip(lines[0])
			for k := range g.Columns {
				x := GutterWidth + k*g.ColumnWidth
				name := strings.TrimSpace(ansi.Cut(header, x, x+g.ColumnWidth-1))
				room := d.Rooms()[g.FirstRoom+k]
				if g.HiddenRight > 0 && k == g.Columns-1 {
					continue // the count of rooms to the right sits on its end
				}
				if prev, ok := names[name]; ok && prev != room {
					t.Errorf("%v: rooms %q and %q both headed %q", size, prev, room, name)
				}
				names[name] = room
			}
			if j := d.Right(v.Cursor); j >= 0 {
				v.Cursor = j
			}
		}
		if g := d.Geometry(v); g.HiddenRight != 0 {
			t.Errorf("%v: walking right never reached the last room (%d hidden)", size, g.HiddenRight)
		}
	}
}
