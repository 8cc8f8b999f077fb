package search_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/synth"
)

// loadSnapshot encodes c's snapshot and reads it back.
func loadSnapshot(t testing.TB, c *data.Conference) *search.Snapshot {
	t.Helper()
	b, err := search.EncodeSnapshot(c)
	if err != nil {
		t.Fatal(err)
	}
	sn, err := search.LoadSnapshot(b)
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

// snapshotDiff compares hits from a snapshot with hits from the full
// conference: the same sessions in the same order with the same scores,
// tiers and highlights.
func snapshotDiff(got, want []search.Hit) string {
	for k := range max(len(got), len(want)) {
		switch {
		case k >= len(got):
			return "missing " + want[k].Session.ID
		case k >= len(want):
			return "extra " + got[k].Session.ID
		}
		g, w := got[k], want[k]
		if g.Session.ID != w.Session.ID || g.Score != w.Score || g.Tier != w.Tier ||
			!slices.Equal(g.Title, w.Title) || !slices.Equal(g.Speakers, w.Speakers) ||
			g.Session.Title != w.Session.Title || g.Session.Date != w.Session.Date ||
			!g.Session.Start.Equal(w.Session.Start) || !g.Session.End.Equal(w.Session.End) ||
			g.Session.Start.Location().String() != w.Session.Start.Location().String() {
			return "hit " + g.Session.ID + " differs from " + w.Session.ID
		}
	}
	return ""
}

// checkSnapshot runs random queries (the reference test's) on the snapshot
// and on a full index of c, and wants the same hits for every query the
// snapshot covers.
func checkSnapshot(t *testing.T, c *data.Conference, queries int, seed uint64) {
	sn := loadSnapshot(t, c)
	full := search.NewOneShot(c)
	r := rand.New(rand.NewPCG(seed, 3))
	mine := refMine(r, c)
	covered := 0
	for range queries {
		q := refQuery(r, c)
		if !sn.Covers(q) {
			continue
		}
		covered++
		if d := snapshotDiff(sn.Index().Run(q, mine), full.Run(q, mine)); d != "" {
			t.Fatalf("query %+v: %s", q, d)
		}
		for _, h := range sn.Index().Run(q, mine)[:min(3, len(sn.Index().Run(q, mine)))] {
			s := c.Session(h.Session.ID)
			day, when, spk, room := sn.Cells(h.Session)
			if day != data.DayShort(s.Date) || when != data.TimeRange(s) || spk != c.SpeakerNames(s) || room != s.Room {
				t.Fatalf("cells of %s: %q %q %q %q", s.ID, day, when, spk, room)
			}
		}
	}
	if covered < queries*2/3 {
		t.Errorf("the snapshot covered only %d of %d queries", covered, queries)
	}
	t.Logf("%d of %d queries covered and equal", covered, queries)
}

func TestSnapshotSameHits(t *testing.T) {
	checkSnapshot(t, synth.Generate(2000, 5), 300, 5)
	if !testing.Short() && !raceDetector {
		checkSnapshot(t, synth.Generate(17_000, 9), 40, 9)
	}
}

func TestSnapshotSameHitsCorpus(t *testing.T) {
	for _, f := range []string{"frab-xml/fosdem-2026.xml", "frab-xml/36c3-merged.giggity.xml"} {
		t.Run(f, func(t *testing.T) { checkSnapshot(t, corpusConference(t, f), 300, 1) })
	}
}

// A term with a character that is not a letter or digit may need the text
// of abstracts, which a snapshot does not keep.
func TestSnapshotCovers(t *testing.T) {
	sn := loadSnapshot(t, synth.Generate(10, 1))
	for q, want := range map[string]bool{
		"kube lat": true, "": true, "track:c++ müller": true, "!go | rust": true,
		"c++": false, `"open source"`: false, "node.js": false,
	} {
		if got := sn.Covers(data.Query{Text: q}); got != want {
			t.Errorf("Covers(%q) = %v, want %v", q, got, want)
		}
	}
}

// A damaged snapshot is an error, never a panic: cut short anywhere, or
// with any byte changed.
func TestSnapshotDamage(t *testing.T) {
	c := synth.Generate(40, 2)
	b, err := search.EncodeSnapshot(c)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(b); n += 1 + n/50 {
		if _, err := search.LoadSnapshot(slices.Clone(b[:n])); err == nil {
			t.Fatalf("a snapshot cut to %d of %d bytes loaded", n, len(b))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 / (1 + 9*b2i(raceDetector)) {
		d := slices.Clone(b)
		for range 1 + r.IntN(4) {
			d[r.IntN(len(d))] ^= byte(1 + r.IntN(255))
		}
		sn, err := search.LoadSnapshot(d)
		if err != nil {
			continue
		}
		// Whatever loaded must search without failing.
		for _, q := range []string{"kube lat", "data", "track:a day:1", "zzz !x"} {
			for _, h := range sn.Index().Run(data.Query{Text: q, Sort: data.SortTitle}, nil) {
				sn.Cells(h.Session)
			}
		}
	}
	v := slices.Clone(b)
	v[7]++
	if _, err := search.LoadSnapshot(v); !errors.Is(err, search.ErrSnapshotVersion) {
		t.Errorf("another version: %v", err)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A snapshot gives its sessions the tracks and levels of the conference, as
// written; one written without them says so and changes nothing.
func TestSnapshotFillLooks(t *testing.T) {
	c := synth.Generate(300, 4)
	c.Sessions[0].Track, c.Sessions[1].Level = "Ünïcode Track", "ADVANCED"
	sn := loadSnapshot(t, c)
	if !sn.FillLooks() {
		t.Fatal("FillLooks: false for a snapshot written with tracks and levels")
	}
	for i, s := range sn.Conference().Sessions {
		if s.ID != c.Sessions[i].ID || s.Track != c.Sessions[i].Track || s.Level != c.Sessions[i].Level {
			t.Fatalf("session %d: %q %q %q, want %q %q %q", i, s.ID, s.Track, s.Level, c.Sessions[i].ID, c.Sessions[i].Track, c.Sessions[i].Level)
		}
	}
	empty := loadSnapshot(t, &data.Conference{Slug: "x", Name: "X"})
	if !empty.FillLooks() {
		t.Error("FillLooks: false for a conference without sessions")
	}
}

// BenchmarkEncodeSnapshot100k is the search snapshot of a 100,000-session
// conference, which every import and refresh writes.
func BenchmarkEncodeSnapshot100k(b *testing.B) {
	c := synth.Generate(100_000, 1)
	c.Prepare()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := search.EncodeSnapshot(c); err != nil {
			b.Fatal(err)
		}
	}
}
