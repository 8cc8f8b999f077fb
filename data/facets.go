package data

import (
	"slices"
	"strings"

	"github.com/lineup-tui/lineup/data/text"
)

// Facets lists the values a filter panel offers, each with its number of
// sessions.
type Facets struct {
	Days, Rooms, Tracks, Types, Levels []FacetValue
}

// FacetValue is one value of a facet and how many sessions have it.
type FacetValue struct {
	Value string
	Count int
}

// FacetValues returns the distinct values of each facet: every conference
// day in date order (a declared day without sessions has count 0), and the
// rooms, tracks, types and levels that sessions use, sorted by their folded
// form. Values that fold alike are one value, shown as first met.
func FacetValues(c *Conference) Facets {
	var f Facets
	days := map[string]int{}
	for i := range c.Sessions {
		days[c.Sessions[i].Date]++
	}
	for _, d := range c.Dates() {
		f.Days = append(f.Days, FacetValue{Value: d, Count: days[d]})
	}
	collect := func(get func(*Session) string) []FacetValue {
		idx := map[string]int{}
		var out []FacetValue
		var folded []string
		for i := range c.Sessions {
			v := get(&c.Sessions[i])
			if v == "" {
				continue
			}
			k := text.Fold(v)
			if p, ok := idx[k]; ok {
				out[p].Count++
				continue
			}
			idx[k] = len(out)
			out = append(out, FacetValue{Value: v, Count: 1})
			folded = append(folded, k)
		}
		order := make([]int, len(out))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := strings.Compare(folded[a], folded[b]); c != 0 {
				return c
			}
			return strings.Compare(out[a].Value, out[b].Value)
		})
		sorted := make([]FacetValue, len(out))
		for p, k := range order {
			sorted[p] = out[k]
		}
		return sorted
	}
	f.Rooms = collect(func(s *Session) string { return s.Room })
	f.Tracks = collect(func(s *Session) string { return s.Track })
	f.Types = collect(func(s *Session) string { return s.Type })
	f.Levels = collect(func(s *Session) string { return s.Level })
	return f
}
