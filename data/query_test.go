package data

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestResolveDay(t *testing.T) {
	c := builtinConf(t) // Mon 2019-11-04 … Thu 2019-11-07
	ok := map[string]string{
		"2019-11-06": "2019-11-06",
		"wed":        "2019-11-06",
		"Wednesday":  "2019-11-06",
		"WED":        "2019-11-06",
		" thu ":      "2019-11-07",
		"mo":         "2019-11-04",
		"tue":        "2019-11-05",
		"1":          "2019-11-04",
		"4":          "2019-11-07",
		"tutorials":  "2019-11-05",
		"Training":   "2019-11-04",
	}
	for in, want := range ok {
		got, err := c.ResolveDay(in)
		if err != nil || got != want {
			t.Errorf("ResolveDay(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"fri":                   "no Friday",
		"t":                     "unknown day",
		"s":                     "unknown day",
		"2019-11-08":            "not a day of the conference",
		"5":                     "no day 5",
		"":                      "no day given",
		"sessions and keynotes": "label of 2 days",
		"2019-13-01":            "unknown day",
	}
	for in, want := range bad {
		_, err := c.ResolveDay(in)
		if err == nil {
			t.Errorf("ResolveDay(%q) gave no error", in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, want) || !strings.Contains(msg, "Mon 2019-11-04 (Training)") || !strings.Contains(msg, "Thu 2019-11-07") {
			t.Errorf("ResolveDay(%q) error %q; want it to say %q and list the days", in, msg, want)
		}
	}
	// "t" alone is too short for a weekday, "tu" is Tuesday, "th" Thursday,
	// and "s" could be Saturday or Sunday.
	if _, err := c.ResolveDay("su"); err == nil || !strings.Contains(err.Error(), "no Sunday") {
		t.Errorf("su: %v", err)
	}

	two := &Conference{Days: []Day{{Date: "2026-03-02"}, {Date: "2026-03-09"}}}
	if _, err := two.ResolveDay("monday"); err == nil || !strings.Contains(err.Error(), "give the date") {
		t.Errorf("two Mondays: %v", err)
	}
	empty := &Conference{}
	if _, err := empty.ResolveDay("wed"); err == nil || !strings.Contains(err.Error(), "no days") {
		t.Errorf("no days: %v", err)
	}
}

func TestChipsAndWithout(t *testing.T) {
	q := Query{
		Text:         "kube",
		Days:         []string{"2019-11-06"},
		Rooms:        []string{"Hall A1", "M1"},
		Tracks:       []string{"Monitoring"},
		Types:        []string{"Talk"},
		Levels:       []string{"Beginner"},
		Speakers:     []string{"björn"},
		Starred:      true,
		Rated:        RatedNone,
		MinRating:    3.5,
		HidePast:     true,
		HiddenRooms:  []string{"Expo Hall Sessions"},
		HiddenTracks: []string{"Sponsored"},
		Sort:         SortRating,
	}
	chips := q.Chips()
	var labels []string
	for _, ch := range chips {
		labels = append(labels, ch.Label)
	}
	want := []string{
		"day: Wed 2019-11-06", "room: Hall A1", "room: M1", "track: Monitoring", "type: Talk",
		"level: Beginner", "speaker: björn", "★ starred", "unrated", "rating ≥ 3.5", "hide past",
		"hidden room: Expo Hall Sessions", "hidden track: Sponsored",
	}
	if !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels\n%q\nwant\n%q", labels, want)
	}
	if chips[1] != (Chip{Facet: FacetRoom, Value: "Hall A1", Label: "room: Hall A1"}) {
		t.Errorf("room chip %+v", chips[1])
	}

	r := q.Without(chips[1])
	if !reflect.DeepEqual(r.Rooms, []string{"M1"}) || !reflect.DeepEqual(q.Rooms, []string{"Hall A1", "M1"}) {
		t.Errorf("without Hall A1: %v (original now %v)", r.Rooms, q.Rooms)
	}
	if len(r.Chips()) != len(chips)-1 || r.Text != "kube" || r.Sort != SortRating {
		t.Errorf("Without changed more than one chip: %+v", r)
	}
	// Removing every chip leaves only text and sort.
	all := q
	for _, ch := range chips {
		all = all.Without(ch)
	}
	if got := (Query{Text: "kube", Sort: SortRating}); !reflect.DeepEqual(all, got) {
		t.Errorf("all chips removed: %+v", all)
	}
	if all.IsZero() {
		t.Error("a query with text is not zero")
	}
	// A chip the query does not have changes nothing.
	if got := q.Without(Chip{Facet: FacetRoom, Value: "Nowhere"}); !reflect.DeepEqual(got, q) {
		t.Error("removing an absent chip changed the query")
	}
}

func TestIsZeroAndEffectiveSort(t *testing.T) {
	if !(Query{}).IsZero() || !(Query{Sort: SortTime, Now: builtinConf(t).Sessions[0].Start}).IsZero() {
		t.Error("empty queries should be zero")
	}
	for _, q := range []Query{{Text: "x"}, {Starred: true}, {HiddenRooms: []string{"A"}}, {Sort: SortTitle}, {MinRating: 1}, {Rated: RatedYes}} {
		if q.IsZero() {
			t.Errorf("%+v is not zero", q)
		}
	}
	cases := []struct {
		q    Query
		want Sort
	}{
		{Query{}, SortTime},
		{Query{Text: "  "}, SortTime},
		{Query{Text: "kube"}, SortRelevance},
		{Query{Text: "kube", Sort: SortTime}, SortTime},
		{Query{Sort: SortRating}, SortRating},
		{Query{Text: "x", Sort: "bogus"}, SortRelevance},
	}
	for _, c := range cases {
		if got := c.q.EffectiveSort(); got != c.want {
			t.Errorf("%+v: sort %q, want %q", c.q, got, c.want)
		}
	}
	if s, err := ParseSort(" Rating "); err != nil || s != SortRating {
		t.Errorf("ParseSort: %q %v", s, err)
	}
	if _, err := ParseSort("speed"); err == nil || !strings.Contains(err.Error(), "time, rating, title") {
		t.Errorf("ParseSort(speed): %v", err)
	}
}

// The TUI saves the Query as JSON (its view state); typed sort names read
// back what older versions wrote as plain strings.
func TestQueryJSONReadsSavedViewState(t *testing.T) {
	var q Query
	if err := json.Unmarshal([]byte(`{"Text":"kube","Sort":"rating","Rated":"unrated","HiddenRooms":["Hall A1"]}`), &q); err != nil {
		t.Fatal(err)
	}
	if q.Sort != SortRating || q.Rated != RatedNone || len(q.HiddenRooms) != 1 || q.Text != "kube" {
		t.Errorf("read %+v", q)
	}
	b, err := json.Marshal(Query{Sort: SortTitle})
	if err != nil || !strings.Contains(string(b), `"Sort":"title"`) {
		t.Errorf("wrote %s, %v", b, err)
	}
}
