package data

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// agendaConf builds a conference in Europe/Berlin from "id day hh:mm-hh:mm room"
// specs; a spec with an empty time is unscheduled.
func agendaConf(t testing.TB, specs ...[4]string) *Conference {
	t.Helper()
	c := &Conference{Slug: "test", Name: "Test", TimeZone: "Europe/Berlin"}
	loc := c.Location()
	for _, sp := range specs {
		s := Session{ID: sp[0], Title: "Talk " + sp[0], Date: sp[1], Room: sp[3]}
		if sp[2] != "" {
			var h1, m1, h2, m2 int
			if _, err := fmt.Sscanf(sp[2], "%d:%d-%d:%d", &h1, &m1, &h2, &m2); err != nil {
				t.Fatalf("bad spec %q: %v", sp[2], err)
			}
			day, err := time.ParseInLocation(DateLayout, sp[1], loc)
			if err != nil {
				t.Fatal(err)
			}
			s.Start = day.Add(time.Duration(h1)*time.Hour + time.Duration(m1)*time.Minute)
			s.End = day.Add(time.Duration(h2)*time.Hour + time.Duration(m2)*time.Minute)
			if s.End.Before(s.Start) {
				s.End = s.End.Add(24 * time.Hour) // runs past midnight
			}
		}
		c.Sessions = append(c.Sessions, s)
	}
	c.Prepare()
	return c
}

func starred(ids ...string) map[string]Personal {
	m := map[string]Personal{}
	for _, id := range ids {
		m[id] = Personal{Starred: true}
	}
	return m
}

type agendaItemWant struct {
	id      string
	clashes []string
	free    time.Duration
}

func agendaItems(d AgendaDay) []agendaItemWant {
	var out []agendaItemWant
	for _, it := range d.Items {
		out = append(out, agendaItemWant{it.Session.ID, it.Clashes, it.FreeBefore})
	}
	return out
}

func TestBuildAgenda(t *testing.T) {
	const d1, d2 = "2025-06-10", "2025-06-11"
	cases := []struct {
		name   string
		specs  [][4]string
		mine   map[string]Personal
		days   map[string][]agendaItemWant
		booked map[string]time.Duration
	}{
		{
			name:   "clash",
			specs:  [][4]string{{"a", d1, "10:00-11:00", "A"}, {"b", d1, "10:30-11:30", "B"}},
			mine:   starred("a", "b"),
			days:   map[string][]agendaItemWant{d1: {{"a", []string{"b"}, 0}, {"b", []string{"a"}, 0}}},
			booked: map[string]time.Duration{d1: 90 * time.Minute},
		},
		{
			name:   "back-to-back is not a clash",
			specs:  [][4]string{{"a", d1, "10:00-11:00", "A"}, {"b", d1, "11:00-12:00", "B"}},
			mine:   starred("a", "b"),
			days:   map[string][]agendaItemWant{d1: {{"a", nil, 0}, {"b", nil, 0}}},
			booked: map[string]time.Duration{d1: 2 * time.Hour},
		},
		{
			name: "gaps",
			specs: [][4]string{
				{"a", d1, "09:00-10:00", "A"}, {"b", d1, "10:30-11:00", "A"}, {"c", d1, "14:00-15:00", "B"},
				{"x", d1, "12:00-13:00", "A"}, // not starred
			},
			mine:   starred("a", "b", "c"),
			days:   map[string][]agendaItemWant{d1: {{"a", nil, 0}, {"b", nil, 30 * time.Minute}, {"c", nil, 3 * time.Hour}}},
			booked: map[string]time.Duration{d1: 150 * time.Minute},
		},
		{
			name: "booked counts overlaps once; free time after the latest end",
			specs: [][4]string{
				{"long", d1, "09:00-12:00", "A"}, {"in", d1, "10:00-10:30", "B"}, {"edge", d1, "11:30-12:30", "C"},
				{"after", d1, "13:00-14:00", "A"},
			},
			mine: starred("long", "in", "edge", "after"),
			days: map[string][]agendaItemWant{d1: {
				{"long", []string{"in", "edge"}, 0},
				{"in", []string{"long"}, 0},
				{"edge", []string{"long"}, 0},
				{"after", nil, 30 * time.Minute},
			}},
			booked: map[string]time.Duration{d1: 4*time.Hour + 30*time.Minute},
		},
		{
			name: "same start clashes, ordered by room; zero-length sessions too",
			specs: [][4]string{
				{"z", d1, "10:00-11:00", "Z"}, {"a", d1, "10:00-11:00", "A"}, {"pt", d1, "10:00-10:00", "M"},
				{"pt2", d1, "11:00-11:00", "M"},
			},
			mine: starred("z", "a", "pt", "pt2"),
			days: map[string][]agendaItemWant{d1: {
				{"a", []string{"pt", "z"}, 0},
				{"pt", []string{"a", "z"}, 0},
				{"z", []string{"a", "pt"}, 0},
				{"pt2", nil, 0},
			}},
			booked: map[string]time.Duration{d1: time.Hour},
		},
		{
			name: "days apart; a session past midnight clashes with the next day",
			specs: [][4]string{
				{"late", d1, "23:00-01:00", "A"}, {"early", d2, "00:30-02:00", "B"}, {"noon", d2, "12:00-13:00", "B"},
			},
			mine: starred("late", "early", "noon"),
			days: map[string][]agendaItemWant{
				d1: {{"late", []string{"early"}, 0}},
				d2: {{"early", []string{"late"}, 0}, {"noon", nil, 10 * time.Hour}},
			},
			booked: map[string]time.Duration{d1: 2 * time.Hour, d2: 150 * time.Minute},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := agendaConf(t, tc.specs...)
			ag := BuildAgenda(c, tc.mine)
			if len(ag.Days) != len(tc.days) {
				t.Fatalf("%d days, want %d", len(ag.Days), len(tc.days))
			}
			for i, d := range ag.Days {
				if i > 0 && ag.Days[i-1].Date >= d.Date {
					t.Errorf("days out of order: %s then %s", ag.Days[i-1].Date, d.Date)
				}
				if got := agendaItems(d); !reflect.DeepEqual(got, tc.days[d.Date]) {
					t.Errorf("%s items:\n got %+v\nwant %+v", d.Date, got, tc.days[d.Date])
				}
				if d.Booked != tc.booked[d.Date] {
					t.Errorf("%s booked = %v, want %v", d.Date, d.Booked, tc.booked[d.Date])
				}
			}
			if len(ag.Unscheduled) != 0 || len(ag.Orphans) != 0 {
				t.Errorf("unscheduled %v orphans %v", ag.Unscheduled, ag.Orphans)
			}
		})
	}
}

func TestAgendaUnscheduledAndOrphans(t *testing.T) {
	c := agendaConf(t,
		[4]string{"a", "2025-06-10", "10:00-11:00", "A"},
		[4]string{"tba1", "2025-06-11", "", ""},
		[4]string{"tba0", "2025-06-10", "", ""},
		[4]string{"rated", "2025-06-10", "12:00-13:00", "A"},
	)
	mine := map[string]Personal{
		"a":          {Starred: true, Note: "go early"},
		"tba1":       {Starred: true},
		"tba0":       {Starred: true, Rating: 4},
		"rated":      {Rating: 5}, // rated, not starred: not on the agenda
		"gone-star":  {Starred: true},
		"gone-rate":  {Rating: 2},
		"gone-note":  {Note: "was good"},
		"gone-empty": {},
	}
	ag := BuildAgenda(c, mine)
	if len(ag.Days) != 1 || len(ag.Days[0].Items) != 1 || ag.Days[0].Items[0].Session.ID != "a" {
		t.Fatalf("days = %+v", ag.Days)
	}
	if it := ag.Days[0].Items[0]; it.Personal.Note != "go early" || !it.Personal.Starred {
		t.Errorf("personal = %+v", it.Personal)
	}
	var un []string
	for _, it := range ag.Unscheduled {
		un = append(un, it.Session.ID)
		if it.Clashes != nil || it.FreeBefore != 0 {
			t.Errorf("unscheduled item with clashes or free time: %+v", it)
		}
	}
	if !reflect.DeepEqual(un, []string{"tba0", "tba1"}) {
		t.Errorf("unscheduled = %v", un)
	}
	if ag.Unscheduled[0].Personal.Rating != 4 {
		t.Errorf("personal of tba0 = %+v", ag.Unscheduled[0].Personal)
	}
	if want := []string{"gone-note", "gone-rate", "gone-star"}; !reflect.DeepEqual(ag.Orphans, want) {
		t.Errorf("orphans = %v, want %v", ag.Orphans, want)
	}
	if ag := BuildAgenda(c, nil); len(ag.Days)+len(ag.Unscheduled)+len(ag.Orphans) != 0 {
		t.Errorf("empty agenda = %+v", ag)
	}
}

// TestAgendaClashesMatchPairwise checks the sweep against the obvious
// all-pairs test on a dense day.
func TestAgendaClashesMatchPairwise(t *testing.T) {
	var specs [][4]string
	mine := map[string]Personal{}
	for i := 0; i < 300; i++ {
		h := 8 + (i*7)%12
		m := (i * 13) % 60
		dur := 5 + (i*37)%120
		eh, em := h+(m+dur)/60, (m+dur)%60
		id := fmt.Sprintf("s%03d", i)
		specs = append(specs, [4]string{id, "2025-06-10", fmt.Sprintf("%d:%02d-%d:%02d", h, m, eh, em), fmt.Sprintf("R%d", i%9)})
		mine[id] = Personal{Starred: true}
	}
	c := agendaConf(t, specs...)
	ag := BuildAgenda(c, mine)
	items := ag.Days[0].Items
	pos := map[string]int{}
	for i, it := range items {
		pos[it.Session.ID] = i
	}
	for i, a := range items {
		var want []string
		for j, b := range items {
			if i != j && a.Session.Start.Before(clashEnd(b.Session)) && b.Session.Start.Before(clashEnd(a.Session)) {
				want = append(want, b.Session.ID)
			}
		}
		if !reflect.DeepEqual(a.Clashes, want) {
			t.Fatalf("%s clashes:\n got %v\nwant %v", a.Session.ID, a.Clashes, want)
		}
	}
}

// BenchmarkBuildAgenda measures a chain of n starred sessions where each
// overlaps only its neighbours (the sweep stays O(n log n) where testing all
// pairs would be O(n²)), and a dense day where every session clashes with
// dozens of others (the cost then follows the number of clashing pairs).
func BenchmarkBuildAgenda(b *testing.B) {
	loc := LoadZone("Europe/Berlin")
	base := time.Date(2025, 6, 10, 8, 0, 0, 0, loc)
	build := func(n int, step, length time.Duration) (*Conference, map[string]Personal) {
		c := &Conference{Slug: "bench", TimeZone: "Europe/Berlin"}
		mine := make(map[string]Personal, n)
		for i := 0; i < n; i++ {
			st := base.Add(time.Duration(i) * step)
			id := fmt.Sprintf("s%05d", i)
			c.Sessions = append(c.Sessions, Session{ID: id, Title: id, Start: st, End: st.Add(length), Room: fmt.Sprintf("R%d", i%30)})
			mine[id] = Personal{Starred: true}
		}
		c.Prepare()
		return c, mine
	}
	for _, bc := range []struct {
		name         string
		n            int
		step, length time.Duration
	}{
		{"chain-100", 100, 20 * time.Minute, 30 * time.Minute},
		{"chain-10000", 10000, 20 * time.Minute, 30 * time.Minute},
		{"dense-500", 500, time.Minute, time.Hour}, // 60 sessions running at once
	} {
		c, mine := build(bc.n, bc.step, bc.length)
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				BuildAgenda(c, mine)
			}
		})
	}
}
