package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/tui"
)

// For the same query the CLI and the TUI list the same sessions in the same
// order. The TUI gets its filters the way it restores them at start-up and
// its search text typed key by key; the CLI gets flags.
func TestCLIAndTUIAgree(t *testing.T) {
	c := newCLI(t)
	c.ok("star", "vlb19-k8s-very-hard-way")
	c.ok("star", "vlb19-knative")
	c.ok("rate", "vlb19-config-riskier-than-code", "5")

	// A synthetic conference of 1,000 sessions too.
	big := synth.Generate(1000, 7)
	f, err := os.Create(filepath.Join(t.TempDir(), "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := formats.EncodeLineup(f, big); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c.ok("import", f.Name())

	type tc struct {
		slug  string
		flags []string
		query data.Query // the same filters, as the TUI keeps them
		text  string     // typed into the TUI's search field
	}
	berlin := data.BuiltinSlug
	cases := []tc{
		{slug: berlin},
		{slug: berlin, flags: []string{"--search", "kube"}, text: "kube"},
		{slug: berlin, flags: []string{"--search", "observability", "--sort", "rating"}, query: data.Query{Sort: data.SortRating}, text: "observability"},
		{slug: berlin, flags: []string{"--room", "Hall A1", "--room", "Hall A6"}, query: data.Query{Rooms: []string{"Hall A1", "Hall A6"}}},
		{slug: berlin, flags: []string{"--day", "wed", "--level", "Intermediate"}, query: data.Query{Days: []string{"2019-11-06"}, Levels: []string{"Intermediate"}}},
		{slug: berlin, flags: []string{"--starred"}, query: data.Query{Starred: true}},
		{slug: berlin, flags: []string{"--min-rating", "4", "--sort", "title"}, query: data.Query{MinRating: 4, Sort: data.SortTitle}},
		{slug: berlin, flags: []string{"--search", "bjorn"}, text: "bjorn"},
		{slug: berlin, flags: []string{"--search", "kube !hard | speaker:liz"}, text: "kube !hard | speaker:liz"},
		{slug: berlin, flags: []string{"--search", "type:keynote day:thu", "--sort", "title"}, query: data.Query{Sort: data.SortTitle}, text: "type:keynote day:thu"},
		{slug: big.Slug, flags: []string{"--search", "kube lat"}, text: "kube lat"},
		{slug: big.Slug, flags: []string{"--search", "data", "--sort", "rating"}, query: data.Query{Sort: data.SortRating}, text: "data"},
		{slug: big.Slug, flags: []string{"--track", big.Tracks[0].Name, "--sort", "title"}, query: data.Query{Tracks: []string{big.Tracks[0].Name}, Sort: data.SortTitle}},
	}
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cases {
		var cliIDs []string
		for _, s := range c.sessions(append([]string{"--conf", k.slug}, k.flags...)...) {
			cliIDs = append(cliIDs, s["id"].(string))
		}
		b, _ := json.Marshal(map[string]data.Query{"query": k.query})
		if err := st.SetViewState(k.slug, b); err != nil {
			t.Fatal(err)
		}
		m, err := tui.New(st, k.slug, tui.WithClock(time.Now))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		if k.text != "" {
			m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
			for _, r := range k.text {
				if r == ' ' {
					m.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
					continue
				}
				m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		}
		tuiIDs := m.Listed()
		m.Flush()
		if len(cliIDs) == 0 && k.flags != nil && k.slug == berlin && !slices.Contains(k.flags, "--starred") {
			// every case above is chosen to match something
			t.Errorf("%v: no sessions", k.flags)
		}
		if !slices.Equal(cliIDs, tuiIDs) {
			t.Errorf("%s %v: CLI and TUI differ\n cli %d %v\n tui %d %v", k.slug, k.flags, len(cliIDs), head(cliIDs), len(tuiIDs), head(tuiIDs))
		}
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 6)] }
