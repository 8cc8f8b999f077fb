package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data"
)

// The number next to each value in the filter panel is what picking that
// value alone would show, with the search and the other facets' filters as
// they are: "16 of 883 sessions" never sits next to "Saturday 484".
func TestFilterCountsFollowOtherFilters(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 40)
	press(m, "/")
	typeText(m, "kubernetes")
	press(m, "enter", "f")
	p := top(m).(*filterPanel)
	pick := func(facet data.Facet, value string) {
		t.Helper()
		for i, it := range p.items {
			if it.facet == facet && it.value == value {
				p.nav.cursor = i
				press(m, "space")
				return
			}
		}
		t.Fatalf("no %s %s in the panel", facet, value)
	}
	// want is the count by brute force: the query with the facet's values
	// replaced by this one.
	want := func(it filterItem) int {
		q := m.sh.query
		*valueList(&q, it.facet) = []string{it.value}
		q.Now = m.sh.now()
		return len(m.sh.ix.Run(q, m.sh.mine))
	}
	check := func(state string) {
		t.Helper()
		days := 0
		for _, it := range p.items {
			if it.header || it.count < 0 {
				continue
			}
			if got, w := it.count, want(it); got != w {
				t.Errorf("%s: %s %q shows %d, picking it shows %d", state, it.facet, it.value, got, w)
			}
			if it.facet == data.FacetDay {
				days += it.count
			}
		}
		if len(m.sh.query.Days) == 0 && days != len(m.sh.hits) {
			t.Errorf("%s: the days count %d sessions, the list has %d", state, days, len(m.sh.hits))
		}
	}
	if n, all := len(m.sh.hits), len(m.sh.conf.Sessions); n == 0 || n >= all {
		t.Fatalf("the search should narrow the list: %d of %d", n, all)
	}
	check("searched")
	pick(data.FacetRoom, "Hall A1")
	check("searched, one room")
	pick(data.FacetDay, "2019-11-06")
	check("searched, one room, one day")
	press(m, "X") // clear the filters: the search stays
	check("filters cleared")

	// And as a person reads it: the panel's header against a day's line.
	out := plain(m)
	header := fmt.Sprintf("%d of %d sessions", len(m.sh.hits), len(m.sh.conf.Sessions))
	if !strings.Contains(out, header) {
		t.Fatalf("no %q in the panel:\n%s", header, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Wednesday 6 November") && !strings.HasSuffix(strings.TrimSpace(l), fmt.Sprint(want(filterItem{facet: data.FacetDay, value: "2019-11-06"}))) {
			t.Errorf("the Wednesday line does not show the sessions it would: %q", l)
		}
	}
}
