package timetable

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Whatever the names and sizes, the grid is drawn without panicking, in
// exactly the lines and cells asked for, and no control character gets
// through.
func FuzzGrid(f *testing.F) {
	f.Add("Kubernetes the very hard way", "Laurent Bernaille", "UB2.252A (Lameere)", 80, 24, 35, 40)
	f.Add("日本語のタイトル\x1b[2J", "e\u0301\x9d", "", 17, 5, 0, 0)
	f.Add("", "", "Moncreiff 1 (33)", 200, 50, 600, 5)
	f.Fuzz(func(t *testing.T, title, speakers, room string, w, h, startMin, lenMin int) {
		w, h = abs(w)%300, abs(h)%80
		base := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(abs(startMin)%2000) * time.Minute)
		ss := []Session{
			{ID: "a", Room: room, Start: start, End: start.Add(time.Duration(lenMin%600) * time.Minute), Title: title, Speakers: speakers, Starred: true},
			{ID: "b", Room: title, Start: base, End: base.Add(time.Hour), Title: speakers},
			{ID: "c", Room: room, Start: start, End: start, Title: room},
		}
		d := NewDay(ss, []string{room, speakers})
		for cursor := -1; cursor < len(ss); cursor++ {
			v := d.Follow(View{Width: w, Height: h, Cursor: cursor, Now: start.Add(time.Minute)})
			out := d.Render(v, testStyles)
			if w == 0 || h == 0 {
				if out != "" {
					t.Fatalf("empty size drew %q", out)
				}
				continue
			}
			lines := strings.Split(out, "\n")
			if len(lines) != h {
				t.Fatalf("%d lines, want %d", len(lines), h)
			}
			for _, l := range lines {
				if got := ansi.StringWidth(l); got != w {
					t.Fatalf("line %q is %d wide, want %d", l, got, w)
				}
				for _, r := range ansi.Strip(l) {
					if r < 0x20 || r >= 0x7f && r <= 0x9f {
						t.Fatalf("control %U in %q", r, l)
					}
				}
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
