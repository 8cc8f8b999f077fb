package timetable

import (
	"strings"
	"testing"
	"time"
)

// A small day drawn by hand (rooms A B C, times in minutes after 10:00):
//
//	A: a1 0–30   a2 30–60  a3 90–120
//	B: b1 10–50            b2 100–130
//	C:                              c1 200–230
func handDay() *Day {
	base := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	m := func(x int) time.Time { return base.Add(time.Duration(x) * time.Minute) }
	ss := []Session{
		{ID: "a2", Room: "A", Start: m(30), End: m(60)},
		{ID: "a1", Room: "A", Start: m(0), End: m(30)},
		{ID: "b1", Room: "B", Start: m(10), End: m(50)},
		{ID: "a3", Room: "A", Start: m(90), End: m(120)},
		{ID: "b2", Room: "B", Start: m(100), End: m(130)},
		{ID: "c1", Room: "C", Start: m(200), End: m(230)},
		{ID: "x", Room: "A"}, // no time: not drawn
	}
	return NewDay(ss, []string{"A", "B", "C"})
}

func TestNavigation(t *testing.T) {
	d := handDay()
	id := func(i int) string {
		if i < 0 {
			return "-"
		}
		return d.Session(i).ID
	}
	cases := []struct {
		from string
		move func(int) int
		name string
		want string
	}{
		{"a1", d.Right, "right", "b1"}, // overlapping
		{"a2", d.Right, "right", "b1"}, // overlapping (20 minutes)
		{"a3", d.Right, "right", "b2"},
		{"b1", d.Left, "left", "a1"}, // overlaps a1 by 20, a2 by 20: the one starting closer
		{"b2", d.Left, "left", "a3"},
		{"b2", d.Right, "right", "c1"}, // nothing overlapping: nearest in time in the next room
		{"c1", d.Left, "left", "b2"},   // nothing overlapping anywhere: nearest room, nearest in time
		{"a1", d.Left, "left", "-"},
		{"c1", d.Right, "right", "-"},
		{"a1", d.Down, "down", "a2"},
		{"a2", d.Down, "down", "a3"},
		{"a3", d.Down, "down", "b2"}, // last in its room: the next to start anywhere
		{"b2", d.Down, "down", "c1"},
		{"c1", d.Down, "down", "-"},
		{"a2", d.Up, "up", "a1"},
		{"b1", d.Up, "up", "a1"}, // first in its room: the last to start before it
		{"a1", d.Up, "up", "-"},
		{"c1", d.Up, "up", "b2"},
	}
	for _, c := range cases {
		if got := id(c.move(d.Index(c.from))); got != c.want {
			t.Errorf("%s from %s = %s, want %s", c.name, c.from, got, c.want)
		}
	}
	if got := id(d.First()); got != "a1" {
		t.Errorf("First = %s", got)
	}
	if got := id(d.Right(d.Index("x"))); got != "a1" {
		t.Errorf("moving from a session not drawn should go to the first, got %s", got)
	}
	base := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	for clock, want := range map[int]string{15: "a1", 70: "a3", 125: "b2", 500: "c1", -30: "a1"} {
		if got := id(d.At(base.Add(time.Duration(clock) * time.Minute))); got != want {
			t.Errorf("At(+%d min) = %s, want %s", clock, got, want)
		}
	}
}

// Every session can be reached from the first by the arrow keys, and moving
// right then left (or down then up) on a full grid comes back.
func TestNavigationReachesEverything(t *testing.T) {
	d, _ := fosdemDay(30)
	seen := map[int]bool{}
	queue := []int{d.First()}
	seen[queue[0]] = true
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
		t.Fatalf("reached %d of %d sessions", len(seen), d.Len())
	}
	for i := range d.Len() {
		if j := d.Down(i); j >= 0 && d.Column(j) == d.Column(i) && d.Up(j) != i {
			t.Fatalf("down then up from %s lands on %s", d.Session(i).ID, d.Session(d.Up(j)).ID)
		}
	}
}

func TestFollowAndScroll(t *testing.T) {
	d, names := fosdemDay(30)
	v := View{Width: 80, Height: 24, Cursor: d.First()}
	v = d.Follow(v)
	g := d.Geometry(v)
	if g.Columns != 4 || g.ColumnWidth != 18 {
		t.Fatalf("80 columns: %d rooms of %d, want 4 of 18", g.Columns, g.ColumnWidth)
	}
	if g.HiddenRight != 26 || g.HiddenLeft != 0 {
		t.Fatalf("hidden %d left %d right", g.HiddenLeft, g.HiddenRight)
	}
	// Walk right to the last room: the view follows.
	for range 40 {
		if j := d.Right(v.Cursor); j >= 0 {
			v.Cursor = j
		}
		v = d.Follow(v)
		g = d.Geometry(v)
		c := d.Column(v.Cursor)
		if c < g.FirstRoom || c >= g.FirstRoom+g.Columns {
			t.Fatalf("cursor in room %d, view shows %d–%d", c, g.FirstRoom, g.FirstRoom+g.Columns-1)
		}
	}
	if d.Column(v.Cursor) != 29 || g.HiddenRight != 0 || g.HiddenLeft != 26 {
		t.Fatalf("after walking right: room %d, hidden %d/%d", d.Column(v.Cursor), g.HiddenLeft, g.HiddenRight)
	}
	out := d.Render(v, testStyles)
	if !containsLine(out, "‹26") || !containsLine(out, names[29][:6]) {
		t.Fatalf("header does not say what is hidden:\n%s", ascii(out))
	}
	// Walk down to the end of the day: the view follows.
	for range 60 {
		if j := d.Down(v.Cursor); j >= 0 && d.Column(j) == 29 {
			v.Cursor = j
		}
		v = d.Follow(v)
		g = d.Geometry(v)
		sp := d.placed[v.Cursor]
		if sp.top < g.TopLine || sp.top >= g.TopLine+g.BodyLines {
			t.Fatalf("cursor block at line %d, view shows %d+%d", sp.top, g.TopLine, g.BodyLines)
		}
	}
	// A click on the cursor's block finds it.
	sp := d.placed[v.Cursor]
	x := GutterWidth + (d.Column(v.Cursor)-g.FirstRoom)*g.ColumnWidth + 2
	y := headerLines + sp.top - g.TopLine
	if got := d.SessionAt(v, x, y); got != v.Cursor {
		t.Fatalf("SessionAt(%d, %d) = %d, want %d", x, y, got, v.Cursor)
	}
	if got := d.SessionAt(v, 2, y); got != -1 {
		t.Fatalf("a click on the gutter found %d", got)
	}
}

func containsLine(out, s string) bool {
	for _, l := range strings.Split(ascii(out), "\n") {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func TestScroll(t *testing.T) {
	d, _ := fosdemDay(30)
	v := View{Width: 80, Height: 24, Cursor: d.First()}
	g := d.Geometry(v)
	v = d.Scroll(v, 5)
	if got := d.Geometry(v).TopLine; got != 5 {
		t.Fatalf("scrolled to line %d, want 5", got)
	}
	v = d.Scroll(v, 10_000)
	if got := d.Geometry(v).TopLine; got != g.Lines-g.BodyLines {
		t.Fatalf("scrolled past the end: line %d of %d", got, g.Lines)
	}
	v = d.Scroll(v, -10_000)
	if got := d.Geometry(v).TopLine; got != 0 {
		t.Fatalf("scrolled before the start: line %d", got)
	}
}
