package layout

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Whatever the values and the width, a row is drawn without panicking, in
// lines of exactly the width.
func FuzzRow(f *testing.F) {
	f.Add("11:35–12:15", "Kubernetes the very hard way", "Laurent Bernaille", "UB2.252A (Lameere)", "Go", "Intermediate", 80, true)
	f.Add("", "日本語のタイトル", "山田 太郎, e\u0301", "Moncreiff 1 (33)", "", "", 41, false)
	f.Add("Sat 10:00", "", "", "", "Track", "B", 3, true)
	f.Fuzz(func(t *testing.T, tm, title, speakers, room, track, level string, width int, cursor bool) {
		width = width % 400
		if width < 0 {
			width = -width
		}
		rows := []Row{
			{Mark: "★", Time: tm, Title: title, Speakers: speakers, Room: room, Track: track, Level: level, Rating: "★★★☆☆", TitleMatches: []int{0, 2, 3}},
			{Time: tm, Title: room, Room: title},
		}
		c := Measure(rows)
		l := Plan(&c, width)
		st := Styles{Cursor: Highlight{Bold: true}}
		for i := range rows {
			lines := l.Render(&rows[i], &st, cursor)
			if len(lines) != l.Lines() {
				t.Fatalf("%d lines, want %d", len(lines), l.Lines())
			}
			for _, line := range lines {
				if got := ansi.StringWidth(line); got != width {
					t.Fatalf("line %q is %d wide, want %d", line, got, width)
				}
			}
		}
	})
}
