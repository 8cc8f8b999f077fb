package data_test

import (
	"reflect"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
)

func TestFacetValues(t *testing.T) {
	f := data.FacetValues(builtin.Conference())
	days := []data.FacetValue{{"2019-11-04", 0}, {"2019-11-05", 4}, {"2019-11-06", 16}, {"2019-11-07", 13}}
	if !reflect.DeepEqual(f.Days, days) {
		t.Errorf("days %v", f.Days)
	}
	rooms := []data.FacetValue{{"Expo Hall Sessions", 1}, {"Hall A1", 2}, {"Hall A3", 1}, {"Hall A6", 3}, {"M1", 1}}
	if !reflect.DeepEqual(f.Rooms, rooms) {
		t.Errorf("rooms %v", f.Rooms)
	}
	types := []data.FacetValue{{"keynote", 11}, {"session", 18}, {"tutorial", 4}}
	if !reflect.DeepEqual(f.Types, types) {
		t.Errorf("types %v", f.Types)
	}
	if !reflect.DeepEqual(f.Levels, []data.FacetValue{{"Beginner", 2}, {"Intermediate", 3}}) {
		t.Errorf("levels %v", f.Levels)
	}
	c := &data.Conference{Name: "Rooms", TimeZone: "UTC", Sessions: []data.Session{
		{ID: "a", Title: "A", Date: "2026-03-02", Room: "Ölsaal"},
		{ID: "b", Title: "B", Date: "2026-03-02", Room: "zebra"},
		{ID: "c", Title: "C", Date: "2026-03-02", Room: "olsaal"},
		{ID: "d", Title: "D", Date: "2026-03-02", Room: "Atrium"},
	}}
	c.Prepare()
	if got := data.FacetValues(c).Rooms; !reflect.DeepEqual(got, []data.FacetValue{{"Atrium", 1}, {"olsaal", 2}, {"zebra", 1}}) {
		t.Errorf("folded room order %v", got)
	}
}

func TestFacetValuesOfNothing(t *testing.T) {
	c := &data.Conference{Name: "Empty"}
	c.Prepare()
	if f := data.FacetValues(c); len(f.Days)+len(f.Rooms)+len(f.Tracks)+len(f.Types)+len(f.Levels) != 0 {
		t.Errorf("facets of nothing: %+v", f)
	}
}
