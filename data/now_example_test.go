package data_test

import (
	"fmt"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/clock"
)

// The built-in conference on Wednesday at 11:50 in Berlin, with one talk
// starred for later.
func ExampleNowAndNext() {
	c := builtin.Conference()
	clk := clock.Fixed(time.Date(2019, 11, 6, 10, 50, 0, 0, time.UTC))
	mine := map[string]data.Personal{}
	for _, s := range c.Sessions {
		if s.Title == "Configuration is riskier than code" {
			mine[s.ID] = data.Personal{Starred: true}
		}
	}
	disp := data.NewDisplay(c, false, c.Location())
	n := data.NowAndNext(c, nil, mine, clk.Now(), disp)
	fmt.Println(n.State, n.Day)
	fmt.Println(n.ForYouText(disp))
	for _, r := range n.Rooms {
		switch {
		case r.Running != nil:
			fmt.Printf("%s: %s · %s\n", r.Room, r.Running.Title, data.LeftText(r.Left))
		case r.Next != nil:
			fmt.Printf("%s: free, next %s\n", r.Room, data.UpNextText(r.Next, n.At, disp))
		}
	}
	// Output:
	// during 2019-11-06
	// next for you: 15:50 Hall A3 · Configuration is riskier than code · in 4 h
	// Hall A3: free, next 15:50 Hall A3 · Configuration is riskier than code · in 4 h
	// Hall A6: Creating a scalable monitoring system that everyone will love · 25 min left
	// Hall A1: Kubernetes the very hard way · 25 min left
	// M1: free, next 13:25 M1 · The observability graph: Knowledge graphs for automated infrastructure observability · in 1 h 35 min
	// Expo Hall Sessions: free, next 15:50 Expo Hall Sessions · Deploying hybrid topologies with Kubernetes and Envoy: A look at service discovery · in 4 h
}
