package tui

import (
	"strings"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// countedFacets are the facets whose values the filter panel lists with a
// number of sessions, and what of a session each one looks at.
var countedFacets = []struct {
	facet data.Facet
	of    func(*data.Session) string
}{
	{data.FacetDay, func(s *data.Session) string { return s.Date }},
	{data.FacetRoom, func(s *data.Session) string { return s.Room }},
	{data.FacetTrack, func(s *data.Session) string { return s.Track }},
	{data.FacetType, func(s *data.Session) string { return s.Type }},
	{data.FacetLevel, func(s *data.Session) string { return s.Level }},
}

// facetKey is how a facet's value is compared, as the search compares it:
// days as they are, the others folded (case, accents, spaces around).
func facetKey(f data.Facet, v string) string {
	if f == data.FacetDay {
		return v
	}
	return text.Fold(strings.TrimSpace(v))
}

// facetCounts counts, for each facet the panel lists, how many sessions
// each of its values would show with the filters as they are: the search,
// the other facets and the rest of the query apply, the facet's own values
// do not (values of one facet add to each other, so the number next to a
// value is what picking it alone would show). A facet with no value picked
// is counted on the listed sessions; only one with values picked needs a
// run of the query without them.
func facetCounts(sh *shared) map[data.Facet]map[string]int {
	out := make(map[data.Facet]map[string]int, len(countedFacets))
	for _, cf := range countedFacets {
		hits := sh.hits
		q := sh.query
		if l := valueList(&q, cf.facet); l != nil && len(*l) > 0 {
			*l = nil
			q.Now = sh.now()
			hits = sh.ix.Run(q, sh.mine)
		}
		counts := map[string]int{}
		for _, h := range hits {
			counts[facetKey(cf.facet, cf.of(h.Session))]++
		}
		out[cf.facet] = counts
	}
	return out
}
