package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
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

// The programme order made by sorting keys is the one sessionLess gives,
// stable, whatever order the sessions come in: on a synthetic programme
// and on sessions built to tie at each step of the comparison, with titles
// in other cases and scripts and bytes that are not UTF-8.
func TestSortSessionsIsSessionLessStable(t *testing.T) {
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	var tricky []Session
	titles := []string{"alpha", "Alpha", "ALPHA", "álpha", "Álpha", "alphA", "alph", "beta", "\xffbad", "\xfebad", "İstanbul", "istanbul", "ǅemal", "džemal", "Ωmega", "ωmega", "", "ß", "SS"}
	for k, title := range titles {
		for _, room := range []string{"A", "a", "B"} {
			for d := range 3 {
				s := Session{ID: fmt.Sprintf("s%02d%s%d", k%5, room, d), Title: title, Room: room, Date: fmt.Sprintf("2026-02-0%d", 1+d%2)}
				if d != 2 {
					s.Start, s.End = at.Add(time.Duration(k%3)*time.Hour+time.Duration(d)), at.Add(5*time.Hour)
				}
				tricky = append(tricky, s, s) // twins: only stability tells them apart
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, base := range [][]Session{tricky, synthLike(r, 5000)} {
		for round := range 6 {
			ss := slices.Clone(base)
			for i := range ss {
				ss[i].Subtitle = fmt.Sprint(i) // where it came from
			}
			r.Shuffle(len(ss), func(i, j int) { ss[i], ss[j] = ss[j], ss[i] })
			want := slices.Clone(ss)
			sort.SliceStable(want, func(i, j int) bool { return sessionLess(&want[i], &want[j]) })
			sortSessions(ss)
			for i := range ss {
				if ss[i].ID != want[i].ID || ss[i].Subtitle != want[i].Subtitle || ss[i].Title != want[i].Title {
					t.Fatalf("round %d, place %d: %q %q %q, want %q %q %q", round, i, ss[i].ID, ss[i].Title, ss[i].Subtitle, want[i].ID, want[i].Title, want[i].Subtitle)
				}
			}
		}
	}
}

// synthLike is n sessions over a few days, rooms and times, many tying.
func synthLike(r *rand.Rand, n int) []Session {
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	ss := make([]Session, n)
	for i := range ss {
		ss[i] = Session{ID: fmt.Sprint(r.IntN(n)), Title: []string{"Kube", "kube", "Rust", "Go", "go"}[r.IntN(5)],
			Room: fmt.Sprint("R", r.IntN(4)), Date: fmt.Sprint("2026-02-0", 1+r.IntN(3))}
		if r.IntN(10) > 0 {
			ss[i].Start = at.Add(time.Duration(r.IntN(20)) * 30 * time.Minute)
			ss[i].End = ss[i].Start.Add(time.Hour)
		}
	}
	return ss
}
