package search_test

import (
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
)

func speakerIDs(c *data.Conference, hits []search.SpeakerHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, c.Speakers[h.Index].ID)
	}
	return out
}

func TestSpeakerSearch(t *testing.T) {
	c := small(t, []data.Speaker{
		{ID: "lars", Name: "Lars Jensen", Company: "Acme"},
		{ID: "larsson", Name: "Ana Larsson", Company: "Polar Systems"},
		{ID: "muller", Name: "Jürgen Müller", Company: "Larsen & Co"},
		{ID: "arm", Name: "Neil Armstrong"},
		{ID: "wingo", Name: "Andy Wingo", Company: "Igalia"},
		{ID: "go", Name: "Go Gopher", Company: "Google"},
	},
		data.Session{ID: "rust", Title: "Ownership", Track: "Rust", Date: "2026-01-31", SpeakerIDs: []string{"lars", "wingo"}},
		data.Session{ID: "kernel", Title: "Kernel news", Track: "Kernel", Date: "2026-02-01", SpeakerIDs: []string{"muller"}},
		data.Session{ID: "algo", Title: "Algorithms", Track: "Go", Date: "2026-02-01", SpeakerIDs: []string{"go", "arm"}},
	)
	sp := search.NewSpeakers(search.New(c))
	order := []int{0, 1, 2, 3, 4, 5}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"", []string{"lars", "larsson", "muller", "arm", "wingo", "go"}},
		// Whole word, then word start (name before company), then fuzzy.
		{"lars", []string{"lars", "larsson", "muller", "arm"}},
		{"LARS", []string{"lars", "larsson", "muller", "arm"}},
		{"mueller", nil},
		{"muller", []string{"muller"}},
		{"jurgen", []string{"muller"}},
		{"igalia", []string{"wingo"}},
		{"go", []string{"go"}}, // not "Wingo", not "Neil Armstrong"
		{"ingo", []string{"wingo"}},
		{"wngo", []string{"wingo"}},
		{"lrs", nil}, // three letters: no fuzzy match
		{"speaker:acme", nil},
		{"speaker:lars", []string{"lars", "larsson", "arm"}},
		{"lars !acme", []string{"larsson", "muller", "arm"}},
		{"track:rust", []string{"lars", "wingo"}},
		{"title:kernel | track:go", []string{"muller", "arm", "go"}},
		{"day:sun lars", []string{"muller", "arm"}},
		{"^ana", []string{"larsson"}},
		{"son$", []string{"larsson"}},
	} {
		if got := speakerIDs(c, sp.Run(tc.q, order)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.q, got, tc.want)
		}
	}
	// Ties keep the given order; only the listed speakers are searched.
	if got := speakerIDs(c, sp.Run("", []int{5, 0, 99, -1})); !reflect.DeepEqual(got, []string{"go", "lars"}) {
		t.Errorf("order: %v", got)
	}
	// Highlights index runes of the name.
	hits := sp.Run("muller", order)
	if len(hits) != 1 || !reflect.DeepEqual(hits[0].Name, []int{7, 8, 9, 10, 11, 12}) {
		t.Errorf("muller highlights: %+v", hits)
	}
	hits = sp.Run("wngo", order)
	if len(hits) != 1 || !reflect.DeepEqual(hits[0].Name, []int{5, 7, 8, 9}) || hits[0].Tier != 5 {
		t.Errorf("wngo highlights: %+v", hits)
	}
	if hits = sp.Run("igalia", order); len(hits) != 1 || hits[0].Name != nil || hits[0].Tier != 1 {
		t.Errorf("a company match highlights nothing in the name: %+v", hits)
	}
}

func TestSpeakerSearchFOSDEM(t *testing.T) {
	c := corpusConference(t, "frab-xml/fosdem-2026.xml")
	sp := search.NewSpeakers(search.New(c))
	order := make([]int, len(c.Speakers))
	for i := range order {
		order[i] = i
	}
	for q, want := range map[string]string{"lars": "Lars", "wingo": "Andy Wingo", "stenberg": "Daniel Stenberg", "sebastien": "Crozet Sébastien", "stnberg": "Daniel Stenberg"} {
		hits := sp.Run(q, order)
		if len(hits) == 0 || c.Speakers[hits[0].Index].Name != want {
			var got []string
			for _, h := range hits[:min(3, len(hits))] {
				got = append(got, c.Speakers[h.Index].Name)
			}
			t.Errorf("%q: first %q, got %q", q, want, got)
		}
	}
}
