package layout

import (
	"fmt"
	"strings"
	"testing"
)

func tenThousand() []Row {
	rows := make([]Row, 10_000)
	for i := range rows {
		rows[i] = Row{
			Time:     "11:35–12:15",
			Title:    fmt.Sprintf("Session %d: %s", i, strings.Repeat("observability ", 1+i%9)),
			Speakers: strings.Repeat("Jürgen Groß, 山田 太郎, ", 1+i%3),
			Room:     fmt.Sprintf("UB2.%03d (Lameere)", i%30),
			Track:    fmt.Sprintf("Track %d", i%40),
			Level:    "Intermediate",
			Rating:   "★★★★☆",
		}
	}
	return rows
}

// Measuring 10k sessions and planning a width: what a list does when its
// sessions change.
func BenchmarkMeasurePlan10k(b *testing.B) {
	rows := tenThousand()
	reportCPU(b, func() {
		c := Measure(rows)
		Plan(&c, 200)
	})
}

// Planning alone: what a resize costs.
func BenchmarkPlan(b *testing.B) {
	c := Measure(tenThousand())
	reportCPU(b, func() { Plan(&c, 137) })
}

// Drawing a screenful (50 rows) at 200 columns.
func BenchmarkRender50Rows(b *testing.B) {
	rows := tenThousand()
	c := Measure(rows)
	l := Plan(&c, 200)
	st := Styles{Cursor: Highlight{Bold: true}}
	reportCPU(b, func() {
		for i := range 50 {
			l.Render(&rows[i], &st, i == 3)
		}
	})
}
