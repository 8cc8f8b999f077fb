package timetable

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/tui/termcells"
)

// Every size, scroll position and cursor gives exactly Height lines of
// exactly Width cells, even with wide characters and odd sessions.
func TestRenderAlwaysFits(t *testing.T) {
	d, _ := fosdemDay(30)
	base := time.Date(2026, 2, 1, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	odd := append([]Session(nil), d.sessions[:40]...)
	odd = append(odd,
		Session{ID: "cjk", Room: "会议室 一", Start: base.Add(time.Hour), End: base.Add(2 * time.Hour), Title: "日本語のタイトルがとても長いセッション", Speakers: "山田 太郎"},
		Session{ID: "zero", Room: "", Start: base.Add(3 * time.Hour), Title: "No end, no room"},
		Session{ID: "dup", Room: odd[0].Room, Start: odd[0].Start, End: odd[0].End, Title: "Same slot twice"},
		Session{ID: "huge", Room: "Janson", Start: base, End: base.Add(8 * time.Hour), Title: strings.Repeat("word ", 2_000_000)},
	)
	days := map[string]*Day{"fosdem": d, "odd": NewDay(odd, nil), "empty": NewDay(nil, []string{"A"}), "none": NewDay(nil, nil)}
	for name, day := range days {
		for _, size := range [][2]int{{1, 1}, {10, 3}, {20, 6}, {40, 12}, {80, 24}, {120, 40}, {200, 50}} {
			for _, cursor := range []int{-1, 0, day.Len() - 1} {
				v := View{Width: size[0], Height: size[1], Cursor: cursor, Now: base.Add(150 * time.Minute)}
				v = day.Follow(v)
				out := day.Render(v, testStyles)
				lines := strings.Split(out, "\n")
				if len(lines) != size[1] {
					t.Fatalf("%s %v: %d lines", name, size, len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w != size[0] {
						t.Fatalf("%s %v cursor %d: line %d is %d wide: %q", name, size, cursor, i, w, l)
					}
				}
			}
		}
	}
	// The room not listed and the session with no room get columns of their own.
	od := days["odd"]
	if od.Column(od.Index("zero")) < 0 || od.Column(od.Index("cjk")) < 0 {
		t.Fatal("sessions in rooms not listed were left out")
	}
}

// Sessions too short for a line, or sharing a slot, each keep a line of
// their own, in order.
func TestBlocksNeverShareALine(t *testing.T) {
	base := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	m := func(x int) time.Time { return base.Add(time.Duration(x) * time.Minute) }
	d := NewDay([]Session{
		{ID: "a", Room: "R", Start: m(0), End: m(5)},
		{ID: "b", Room: "R", Start: m(5), End: m(10)},
		{ID: "c", Room: "R", Start: m(5), End: m(10)},
		{ID: "d", Room: "R", Start: m(10), End: m(60)},
	}, nil)
	d.place(15 * time.Minute)
	prev := -1
	for _, id := range []string{"a", "b", "c", "d"} {
		sp := d.placed[d.Index(id)]
		if sp.bot <= sp.top || sp.top < prev {
			t.Fatalf("%s at %v overlaps the block before (ending %d)", id, sp, prev)
		}
		prev = sp.bot
	}
}

func TestScaleAdaptsToHeight(t *testing.T) {
	d, _ := fosdemDay(30) // 09:00–19:00, typical talk 25 minutes
	if got := d.Scale(24); got != 10*time.Minute {
		t.Errorf("at 24 lines: %v, want 10m (a typical talk keeps two lines)", got)
	}
	if got := d.Scale(130); got != 5*time.Minute {
		t.Errorf("at 130 lines: %v, want 5m (the whole day fits)", got)
	}
}

func TestStarredAndNowLine(t *testing.T) {
	d, c := builtinDay(t)
	v := d.Follow(View{Width: 200, Height: 50, Cursor: -1, Now: at(c, "13:00")})
	out := ansi.Strip(d.Render(v, testStyles))
	if !strings.Contains(out, "★ Kubernetes the very hard way") {
		t.Error("starred session not marked")
	}
	if !strings.Contains(out, "13:00▶───") {
		t.Error("no current time line at 13:00")
	}
	v.Now = at(c, "23:00") // after the day: no line
	if strings.Contains(ansi.Strip(d.Render(v, testStyles)), "▶") {
		t.Error("a current time line after the day's end")
	}
}

// The focused session's block is one continuous highlight (reverse video
// here, as with NO_COLOR): every cell of its rectangle, bar and padding
// included; and nothing else in the body is highlighted.
func TestCursorBlockIsOneContinuousHighlight(t *testing.T) {
	d, _ := fosdemDay(30)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		for _, cursor := range []int{d.First(), d.Len() / 2, d.Len() - 1} {
			v := d.Follow(View{Width: size[0], Height: size[1], Cursor: cursor})
			g := d.Geometry(v)
			lines := strings.Split(ascii(d.Render(v, testStyles)), "\n")
			sp := d.placed[cursor]
			x0 := GutterWidth + (d.Column(cursor)-g.FirstRoom)*g.ColumnWidth
			for y := 1; y < len(lines); y++ {
				line := g.TopLine + y - headerLines
				for x, c := range termcells.Line(lines[y]) {
					inBlock := line >= sp.top && line < sp.bot && x >= x0 && x < x0+g.ColumnWidth-1
					if c.Reverse != inBlock {
						t.Fatalf("%v cursor %d: cell (%d,%d) %q reverse=%v, in the block=%v", size, cursor, x, y, c.Text, c.Reverse, inBlock)
					}
				}
			}
		}
	}
}
