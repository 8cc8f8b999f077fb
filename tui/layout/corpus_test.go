package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
)

// corpusRows reads a schedule of the shared corpus (skipping the test when
// it is absent) and makes a row of each session as the Sessions list would.
func corpusRows(t *testing.T, rel, zone string) []Row {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", rel))
	if err != nil {
		t.Skipf("corpus file absent: %v", err)
	}
	res, err := formats.Parse(b, formats.FormatAuto, formats.Options{TimeZone: zone})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	rows := make([]Row, 0, len(c.Sessions))
	for i := range c.Sessions {
		s := &c.Sessions[i]
		r := Row{Title: s.Title, Speakers: c.SpeakerNames(s), Room: s.Room, Track: s.Track, Level: s.Level}
		if s.Scheduled() {
			r.Time = data.TimeRange(s)
		}
		if s.Rating != nil {
			r.Rating = data.Stars(s.Rating.Average)
		}
		rows = append(rows, r)
	}
	return rows
}

// Every room of a real schedule is told apart from every other at the
// widths the issue names, and shown in full at 200 columns.
func TestCorpusRooms(t *testing.T) {
	files := map[string]string{
		"frab-xml/fosdem-2026.xml":                 "",
		"sessionize/scottish-summit-2026.all.json": "Europe/London",
		"ical/linux-conf-au-2020.ics":              "",
	}
	for rel, zone := range files {
		t.Run(filepath.Base(rel), func(t *testing.T) {
			rows := corpusRows(t, rel, zone)
			c := Measure(rows)
			for _, w := range []int{40, 60, 80, 120, 200} {
				l := Plan(&c, w)
				if !l.Shows(Room) {
					t.Fatalf("width %d: no room column", w)
				}
				shown := map[string]string{} // what is drawn → the room
				for i := range rows {
					lines := l.Render(&rows[i], &plainStyles, false)
					if len(lines) != l.Lines() {
						t.Fatalf("width %d: %d lines", w, len(lines))
					}
					room := rows[i].Room
					cell := roomCell(&l, lines)
					if prev, ok := shown[cell]; ok && prev != room {
						t.Errorf("width %d: rooms %q and %q both drawn as %q", w, prev, room, cell)
					}
					shown[cell] = room
					if w == 200 && strings.TrimSpace(cell) != room {
						t.Errorf("at 200 columns room %q drawn as %q", room, cell)
					}
				}
			}
		})
	}
}

// roomCell cuts the room column out of a drawn session (plain styles).
func roomCell(l *Layout, lines []string) string {
	line, order, x := lines[0], lineOne[:], 0
	if l.OnSecondLine(Room) {
		line, order, x = lines[1], lineTwo[:], l.indent
	}
	for _, col := range order {
		w := l.ColumnWidth(col)
		if w == 0 || l.OnSecondLine(col) != l.OnSecondLine(Room) {
			continue
		}
		if col == Room {
			return ansi.Cut(line, x, x+w)
		}
		x += w + 1
	}
	return ""
}
