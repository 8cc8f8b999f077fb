package synth

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/text"
)

func encode(t *testing.T, c *data.Conference) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := formats.EncodeLineup(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	a, b := encode(t, Generate(400, 7)), encode(t, Generate(400, 7))
	if !bytes.Equal(a, b) {
		t.Fatal("the same seed gave different conferences")
	}
	if bytes.Equal(a, encode(t, Generate(400, 8))) {
		t.Fatal("different seeds gave the same conference")
	}
}

func TestCounts(t *testing.T) {
	for _, n := range []int{0, 1, 10, 1000, 4000} {
		c := Generate(n, 1)
		if len(c.Sessions) != n {
			t.Errorf("n=%d: %d sessions", n, len(c.Sessions))
		}
		if want := max(3, n/2); len(c.Speakers) != want {
			t.Errorf("n=%d: %d speakers, want %d", n, len(c.Speakers), want)
		}
		if want := max(5, n/40); len(c.Rooms) != want {
			t.Errorf("n=%d: %d rooms, want %d", n, len(c.Rooms), want)
		}
		if d := len(c.Dates()); d < 3 || d > 5 {
			t.Errorf("n=%d: %d days", n, d)
		}
		if len(c.Tracks) != 20 || c.TimeZone != "Europe/Berlin" || c.Slug == "" {
			t.Errorf("n=%d: %d tracks, zone %q, slug %q", n, len(c.Tracks), c.TimeZone, c.Slug)
		}
	}
}

func TestRealisticText(t *testing.T) {
	c := Generate(2000, 3)
	var unscheduled, rated, subtitles, accented, cjk, kubeLat int
	types, levels := map[string]bool{}, map[string]bool{}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if n := utf8.RuneCountInString(s.Title); n < 30 || n > 90 {
			t.Errorf("title of %d runes: %q", n, s.Title)
		}
		if n := len(s.Abstract); n < 300 || n > 1200 {
			t.Errorf("abstract of %d bytes", n)
		}
		if !utf8.ValidString(s.Abstract) || !utf8.ValidString(s.Title) {
			t.Errorf("invalid UTF-8 in %s", s.ID)
		}
		if k := len(s.SpeakerIDs); k < 1 || k > 3 {
			t.Errorf("%s has %d speakers", s.ID, k)
		}
		for _, id := range s.SpeakerIDs {
			if c.Speaker(id) == nil {
				t.Errorf("%s: unknown speaker %s", s.ID, id)
			}
		}
		if !s.Scheduled() {
			unscheduled++
		} else if !s.End.After(s.Start) || s.Start.Format(data.DateLayout) != s.Date {
			t.Errorf("%s: %v–%v on %s", s.ID, s.Start, s.End, s.Date)
		}
		if s.Rating != nil {
			rated++
			if s.Rating.Average < 1 || s.Rating.Average > 5 || s.Rating.Count < 1 {
				t.Errorf("rating %+v", s.Rating)
			}
		}
		if s.Subtitle != "" {
			subtitles++
		}
		l := strings.ToLower(s.Title)
		if strings.Contains(l, "kubernetes") && strings.Contains(l, "latency") {
			kubeLat++
		}
		types[s.Type], levels[s.Level] = true, true
	}
	for _, sp := range c.Speakers {
		if sp.Company == "" && sp.JobTitle == "" || sp.Bio == "" {
			t.Errorf("thin speaker %+v", sp)
		}
		if text.Fold(sp.Name) != strings.ToLower(sp.Name) {
			accented++
		}
		for _, r := range sp.Name {
			if r >= 0x3000 {
				cjk++
				break
			}
		}
	}
	n := len(c.Sessions)
	if unscheduled == 0 || unscheduled > n/10 {
		t.Errorf("%d unscheduled", unscheduled)
	}
	if rated < n/5 || rated > n/2 {
		t.Errorf("%d rated", rated)
	}
	if subtitles == 0 || subtitles > n/2 {
		t.Errorf("%d subtitles", subtitles)
	}
	if accented == 0 || cjk == 0 {
		t.Errorf("%d accented and %d CJK speaker names", accented, cjk)
	}
	if kubeLat == 0 || kubeLat > n/10 {
		t.Errorf("%d titles with Kubernetes and latency", kubeLat)
	}
	if len(types) < 4 || len(levels) != 3 {
		t.Errorf("types %v levels %v", types, levels)
	}
	if hits := search.New(c).Run(data.Query{Text: "kube lat"}, nil); len(hits) < kubeLat {
		t.Errorf("kube lat: %d hits, %d titles", len(hits), kubeLat)
	}
}

// Rooms must not double-book: sessions in one room on one day do not overlap.
func TestNoOverlapsInRooms(t *testing.T) {
	c := Generate(3000, 9)
	type key struct{ room, day string }
	last := map[key]*data.Session{}
	for i := range c.Sessions { // programme order: by day, then start
		s := &c.Sessions[i]
		if !s.Scheduled() || s.Room == "" {
			continue
		}
		k := key{s.Room, s.Date}
		if p := last[k]; p != nil && p.End.After(s.Start) {
			t.Errorf("%s and %s overlap in %s", p.ID, s.ID, s.Room)
		}
		last[k] = s
	}
}

func TestFinishAndReimport(t *testing.T) {
	c := Generate(1500, 11)
	for _, w := range formats.Finish(c) {
		if strings.Contains(w, "duplicate") {
			t.Errorf("Finish warned: %s", w)
		}
	}
	b := encode(t, c)
	r, err := formats.Parse(b, formats.FormatAuto, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != formats.FormatLineup || len(r.Conference.Sessions) != 1500 {
		t.Fatalf("reimport: %s, %d sessions", r.Format, len(r.Conference.Sessions))
	}
	for _, w := range r.Warnings {
		if strings.Contains(w, "duplicate") {
			t.Errorf("reimport warned: %s", w)
		}
	}
	if !bytes.Equal(encode(t, r.Conference), b) {
		t.Error("a generated conference changes when read back")
	}
}

// Each format Write makes reads back with the same sessions: all of them
// in lineup's own format and Sessionize, the scheduled ones in the others.
func TestWriteEveryFormat(t *testing.T) {
	c := Generate(400, 9)
	scheduled := 0
	for i := range c.Sessions {
		if c.Sessions[i].Scheduled() {
			scheduled++
		}
	}
	for _, f := range formats.Formats() {
		var b bytes.Buffer
		if err := Write(&b, c, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		res, err := formats.Parse(b.Bytes(), formats.FormatAuto, formats.Options{TimeZone: Zone})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if res.Format != f {
			t.Errorf("%s: detected as %s", f, res.Format)
		}
		want := scheduled
		if f == formats.FormatLineup || f == formats.FormatSessionize {
			want = len(c.Sessions)
		}
		got := res.Conference
		if len(got.Sessions) != want {
			t.Errorf("%s: %d sessions, want %d", f, len(got.Sessions), want)
			continue
		}
		byID := map[string]*data.Session{}
		for i := range c.Sessions {
			byID[c.Sessions[i].ID] = &c.Sessions[i]
		}
		for i := range got.Sessions {
			s := &got.Sessions[i]
			if f == formats.FormatICal {
				continue // ids are the calendar's UIDs
			}
			o := byID[s.ID]
			if o == nil || o.Title != s.Title || !o.Start.Equal(s.Start) || o.Room != s.Room {
				t.Errorf("%s: session %q (%q, %v, %q) is not the one written", f, s.ID, s.Title, s.Start, s.Room)
				break
			}
		}
	}
}
