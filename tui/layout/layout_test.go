package layout

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/tui/termcells"
)

// fosdemLike has FOSDEM-style rooms and long speaker lists, a track, no
// level and no rating.
func fosdemLike() []Row {
	rooms := []string{"UB2.252A (Lameere)", "Janson", "K.3.201", "H.1301 (Cornil)", "UD2.218A", "AW1.120"}
	var rows []Row
	for i := range 60 {
		rows = append(rows, Row{
			Time:     fmt.Sprintf("%02d:%02d–%02d:%02d", 9+i/6, i%6*10, 9+i/6, i%6*10+9),
			Title:    fmt.Sprintf("Talk number %d about a rather long subject that goes on", i),
			Speakers: strings.Repeat("Ada Lovelace, ", 1+i%4) + "Grace Hopper",
			Room:     rooms[i%len(rooms)],
			Track:    []string{"Go", "Rust", "Software Defined Networking", "Legal and Policy"}[i%4],
		})
	}
	return rows
}

// summitLike has rooms that differ only at the end, levels and ratings.
func summitLike() []Row {
	var rows []Row
	for i := range 30 {
		rows = append(rows, Row{
			Mark:     map[bool]string{true: "★"}[i%7 == 0],
			Time:     "10:00–10:45",
			Title:    "Building things on the platform of the day",
			Speakers: "Some Speaker",
			Room:     fmt.Sprintf("Moncreiff %d", 1+i%3),
			Level:    []string{"Beginner", "Intermediate", "Advanced"}[i%3],
			Rating:   "★★★★☆",
		})
	}
	return rows
}

var plainStyles = Styles{Cursor: Highlight{Bold: true}}

func renderAll(l *Layout, rows []Row) [][]string {
	var out [][]string
	for i := range rows {
		out = append(out, l.Render(&rows[i], &plainStyles, false))
	}
	return out
}

func TestEmptyColumnsTakeNoSpace(t *testing.T) {
	rows := fosdemLike()
	c := Measure(rows)
	for _, w := range []int{60, 80, 120, 200} {
		l := Plan(&c, w)
		for _, col := range []Column{Mark, Level, Rating} {
			if l.Shows(col) {
				t.Errorf("width %d: %v shown though every session's is empty", w, col)
			}
		}
	}
}

func TestLongRoomsInFullWhenWide(t *testing.T) {
	rows := fosdemLike()
	c := Measure(rows)
	l := Plan(&c, 200)
	if got := l.ColumnWidth(Room); got != len("UB2.252A (Lameere)") {
		t.Fatalf("room column %d wide at 200, want %d", got, len("UB2.252A (Lameere)"))
	}
	if !l.Shows(Track) || l.Shows(TrackMarker) {
		t.Fatal("at 200 the track has a column of its own")
	}
	if l.ColumnWidth(Title) < l.ColumnWidth(Speakers) {
		t.Errorf("title %d narrower than speakers %d", l.ColumnWidth(Title), l.ColumnWidth(Speakers))
	}
	found := false
	for _, lines := range renderAll(&l, rows) {
		if strings.Contains(lines[0], "UB2.252A (Lameere)") {
			found = true
		}
	}
	if !found {
		t.Fatal("no row shows UB2.252A (Lameere) in full")
	}
}

func TestRoomsStayDistinguishable(t *testing.T) {
	rows := summitLike()
	c := Measure(rows)
	for _, w := range []int{40, 60, 70, 80} {
		l := Plan(&c, w)
		if !l.Shows(Room) {
			t.Fatalf("width %d: room dropped", w)
		}
		seen := map[string]bool{}
		for i, lines := range renderAll(&l, rows[:3]) {
			joined := strings.Join(lines, "\n")
			want := fmt.Sprintf(" %d", i+1)
			if !strings.Contains(joined, want) {
				t.Errorf("width %d: %q lost the room number:\n%s", w, rows[i].Room, joined)
			}
			seen[joined] = true
		}
		if len(seen) != 3 {
			t.Errorf("width %d: the three Moncreiff rooms draw alike", w)
		}
	}
}

func TestTrackColumnOrMarker(t *testing.T) {
	rows := fosdemLike()
	c := Measure(rows)
	for _, w := range []int{100, 140, 200} {
		if l := Plan(&c, w); !l.Shows(Track) {
			t.Errorf("width %d: no track column", w)
		}
	}
	for _, w := range []int{40, 60, 80, 99} {
		l := Plan(&c, w)
		if l.Shows(Track) || l.ColumnWidth(TrackMarker) != 1 {
			t.Errorf("width %d: want a one-cell marker, got track %d marker %d", w, l.ColumnWidth(Track), l.ColumnWidth(TrackMarker))
		}
		if got := l.Render(&rows[0], &plainStyles, false)[0]; !strings.Contains(got, MarkerGlyph) {
			t.Errorf("width %d: no marker in %q", w, got)
		}
	}
}

func TestTwoLinesWhenNarrow(t *testing.T) {
	rows := summitLike()
	rows[0].Time = "Sat 10:00–10:45" // out of programme order the day is in the time
	c := Measure(rows)
	for _, w := range []int{30, 40, 59} {
		l := Plan(&c, w)
		if l.Lines() != 2 {
			t.Fatalf("width %d: %d lines", w, l.Lines())
		}
		lines := l.Render(&rows[0], &plainStyles, false)
		if !strings.Contains(lines[0], "Sat 10:00–10:45") {
			t.Errorf("width %d: day and time lost: %q", w, lines[0])
		}
		if !strings.Contains(lines[1], "Moncreiff 1") && !strings.Contains(lines[1], "1") {
			t.Errorf("width %d: room lost: %q", w, lines[1])
		}
	}
	if l := Plan(&c, 60); l.Lines() != 1 {
		t.Fatalf("60 columns should be one line")
	}
	// Nothing for a second line: one line however narrow.
	only := []Row{{Time: "10:00", Title: "Keynote"}}
	oc := Measure(only)
	if l := Plan(&oc, 30); l.Lines() != 1 {
		t.Fatal("a second line with nothing on it")
	}
}

// Whatever the width, every line is exactly that wide, and columns give way
// only in the order of Drop.
func TestWidthsAndDropOrder(t *testing.T) {
	for name, rows := range map[string][]Row{"fosdem": fosdemLike(), "summit": summitLike()} {
		c := Measure(rows)
		var prev []Column
		for w := 220; w >= 1; w-- {
			l := Plan(&c, w)
			for i := range rows {
				for _, line := range l.Render(&rows[i], &plainStyles, i == 0) {
					if got := ansi.StringWidth(line); got != w {
						t.Fatalf("%s width %d: line is %d wide: %q", name, w, got, line)
					}
				}
			}
			if w < TwoLinesBelow {
				continue
			}
			dropped := l.Dropped()
			if !isPrefixInDropOrder(dropped) {
				t.Fatalf("%s width %d: dropped %v out of order", name, w, dropped)
			}
			if len(dropped) < len(prev) {
				t.Fatalf("%s width %d: %v came back after %v went", name, w, dropped, prev)
			}
			prev = dropped
			if !l.Shows(Room) {
				t.Fatalf("%s width %d: room dropped", name, w)
			}
		}
	}
}

func isPrefixInDropOrder(cols []Column) bool {
	last := -1
	for _, c := range cols {
		i := slices.Index(Drop, c)
		if i <= last {
			return false
		}
		last = i
	}
	return true
}

func TestMatchesHighlighted(t *testing.T) {
	r := Row{Time: "10:00", Title: "Kubernetes the very hard way", TitleMatches: []int{0, 1, 2, 3}}
	c := Measure([]Row{r})
	l := Plan(&c, 60)
	st := Styles{Match: lipgloss.NewStyle().Underline(true)}
	line := l.Render(&r, &st, false)[0]
	cs := termcells.Line(line)
	for i, c := range cs {
		if want := i >= 6 && i < 10; c.Underline != want {
			t.Fatalf("cell %d %q: underline %v, want %v (%q)", i, c.Text, c.Underline, want, line)
		}
	}
	if ansi.Strip(line) != fmt.Sprintf("%-5s %-54s", "10:00", "Kubernetes the very hard way") {
		t.Fatalf("text changed: %q", ansi.Strip(line))
	}
}

// Measuring and drawing cost what the width costs, not what the value costs.
func TestHugeValuesAreCheap(t *testing.T) {
	huge := strings.Repeat("a very long title ", 600_000)
	rows := []Row{{Time: "10:00", Title: huge, Speakers: huge, Room: huge, Track: huge}}
	start := time.Now()
	var l Layout
	for range 100 {
		c := Measure(rows)
		l = Plan(&c, 200)
		l.Render(&rows[0], &plainStyles, true)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("100 layouts of 10 MB values took %v", d)
	}
	if l.ColumnWidth(Room) > MeasureCap {
		t.Fatalf("room column %d wider than the measuring cap", l.ColumnWidth(Room))
	}
}

// The cursor row is one continuous highlight: every cell from the first to
// the last, gaps and padding included, in reverse video (NO_COLOR) or on the
// cursor background.
func TestCursorRowIsOneContinuousHighlight(t *testing.T) {
	st := Styles{
		Text:   lipgloss.NewStyle().Foreground(lipgloss.Color("#E8E8E8")),
		Dim:    lipgloss.NewStyle().Foreground(lipgloss.Color("#8A8A8A")),
		Mark:   lipgloss.NewStyle().Bold(true),
		Rating: lipgloss.NewStyle().Foreground(lipgloss.Color("#FFC94D")),
		Match:  lipgloss.NewStyle().Underline(true),
	}
	for _, noColor := range []bool{true, false} {
		st.Cursor = Highlight{Bold: true}
		if !noColor {
			st.Cursor.Background = lipgloss.Color("#3A3270")
		}
		for name, rows := range map[string][]Row{"fosdem": fosdemLike(), "summit": summitLike()} {
			rows[0].TitleMatches = []int{2, 3, 4}
			rows[0].SpeakerMatches = []int{0}
			c := Measure(rows)
			for _, w := range []int{30, 45, 60, 80, 120, 200} {
				l := Plan(&c, w)
				for i, line := range l.Render(&rows[0], &st, true) {
					if noColor {
						line = asciiProfile(line) // what a NO_COLOR terminal receives
					}
					cs := termcells.Line(line)
					if len(cs) != w {
						t.Fatalf("%s %d line %d: %d cells", name, w, i, len(cs))
					}
					for x, cl := range cs {
						on := cl.Bg
						if noColor {
							on = cl.Reverse
						}
						if !on {
							t.Fatalf("%s width %d noColor=%v line %d: cell %d (%q) not highlighted:\n%q", name, w, noColor, i, x, cl.Text, line)
						}
					}
				}
				// And a row off the cursor has no highlight at all.
				for _, line := range l.Render(&rows[1], &st, false) {
					for x, cl := range termcells.Line(line) {
						if cl.Reverse || cl.Bg {
							t.Fatalf("%s width %d: cell %d highlighted off the cursor", name, w, x)
						}
					}
				}
			}
		}
	}
}

// asciiProfile passes s through the colour profile NO_COLOR selects: colours
// dropped, attributes such as reverse video kept.
func asciiProfile(s string) string {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	w.WriteString(s)
	return buf.String()
}

// Rows measured once (MeasureRow) and added as Widths, rooms added one by
// one apart, lay out exactly as the rows measured by Add.
func TestAddWidthsSameAsAdd(t *testing.T) {
	for _, rows := range [][]Row{fosdemLike(), summitLike()} {
		want := Measure(rows)
		var got Content
		rooms := map[string]bool{}
		for i := range rows {
			w := MeasureRow(&rows[i])
			w.Room = ""
			got.AddWidths(&w)
			rooms[rows[i].Room] = true
		}
		for r := range rooms {
			got.Add(&Row{Room: r})
		}
		for _, width := range []int{40, 80, 120, 200} {
			lw, lg := Plan(&want, width), Plan(&got, width)
			if a, b := renderAll(&lw, rows), renderAll(&lg, rows); !slices.EqualFunc(a, b, slices.Equal) {
				t.Fatalf("width %d: rows differ:\n%q\n%q", width, a[0], b[0])
			}
		}
	}
}
