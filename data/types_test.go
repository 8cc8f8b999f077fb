package data

import (
	"slices"
	"testing"
	"time"
)

func TestLoadZone(t *testing.T) {
	at := time.Date(2019, 12, 27, 11, 0, 0, 0, time.UTC)
	for name, off := range map[string]int{"+01:00": 3600, "-05:30": -19800, "Europe/Berlin": 3600, "": 0, "Nowhere/Else": 0} {
		if _, got := at.In(LoadZone(name)).Zone(); got != off {
			t.Errorf("LoadZone(%q) offset %d, want %d", name, got, off)
		}
	}
}

func TestSlugifyUsesFold(t *testing.T) {
	for in, want := range map[string]string{
		"Björn Rabenstein":       "bjorn-rabenstein",
		"Straße – „Kubernetes“":  "strasse-kubernetes",
		"O'Reilly Velocity 2019": "o-reilly-velocity-2019",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// PrepareInOrder prepares a conference already in programme order as
// Prepare does, and refuses one that is not.
func TestPrepareInOrder(t *testing.T) {
	mk := func() *Conference {
		c := &Conference{TimeZone: "Europe/Berlin", Speakers: []Speaker{{ID: "sp", Name: "Ada"}}}
		at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
		for i, title := range []string{"b", "a", "c", "a"} {
			c.Sessions = append(c.Sessions, Session{ID: string(rune('p' + i)), Title: title,
				Start: at.Add(time.Duration(i%2) * time.Hour), End: at.Add(2 * time.Hour), Room: "R"})
		}
		c.Sessions = append(c.Sessions, Session{ID: "u", Title: "unscheduled"})
		return c
	}
	want := mk()
	want.Prepare()
	sorted := &Conference{TimeZone: want.TimeZone, Speakers: want.Speakers, Sessions: slices.Clone(want.Sessions)}
	for i := range sorted.Sessions {
		sorted.Sessions[i].Start = sorted.Sessions[i].Start.UTC() // not yet in the zone
		sorted.Sessions[i].End = sorted.Sessions[i].End.UTC()
	}
	if !sorted.PrepareInOrder() {
		t.Fatal("a conference in programme order was refused")
	}
	for i := range want.Sessions {
		g, w := &sorted.Sessions[i], &want.Sessions[i]
		if g.ID != w.ID || g.Date != w.Date || g.Start.Location().String() != w.Start.Location().String() || !g.Start.Equal(w.Start) {
			t.Fatalf("session %d: %+v, Prepare gives %+v", i, g, w)
		}
		if s := sorted.Session(w.ID); s != g {
			t.Fatalf("the lookup of %s gives %v", w.ID, s)
		}
	}
	if sorted.Speaker("sp") == nil {
		t.Fatal("the speaker lookup is missing")
	}
	if mk().PrepareInOrder() {
		t.Fatal("a conference out of programme order was taken as in order")
	}
}
