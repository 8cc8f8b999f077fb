package layout_test

import (
	"fmt"

	"github.com/lineup-tui/lineup/tui/layout"
)

// Measure once per set of sessions, plan once per width, render each
// visible row.
func Example() {
	rows := []layout.Row{
		{Mark: "★", Time: "11:35–12:15", Title: "Kubernetes the very hard way", Speakers: "Laurent Bernaille", Room: "Moncreiff 1 (33)", Level: "Intermediate"},
		{Time: "11:35–12:15", Title: "Creating a scalable monitoring system that everyone will love", Speakers: "Molly Struve", Room: "Moncreiff 2 (33)"},
	}
	content := layout.Measure(rows)
	var st layout.Styles // the screen's styles; zero styles draw plain text
	for _, width := range []int{72, 44} {
		l := layout.Plan(&content, width)
		for i := range rows {
			for _, line := range l.Render(&rows[i], &st, false) {
				fmt.Printf("|%s|\n", line)
			}
		}
	}
	// Output:
	// |★ 11:35–12:15 Kubernetes the very hard … Laurent Bern… Moncre…1 (33) Int|
	// |  11:35–12:15 Creating a scalable monit… Molly Struve  Moncre…2 (33)    |
	// |★ 11:35–12:15 Kubernetes the very hard way  |
	// |  Moncreiff 1 (33) Laurent Bernaille     Int|
	// |  11:35–12:15 Creating a scalable monitorin…|
	// |  Moncreiff 2 (33) Molly Struve             |
}
