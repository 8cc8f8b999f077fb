package formats

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// builtinConf reads the built-in conference from its file (data/builtin
// imports this package, so its tests cannot import it).
func builtinConf(tb testing.TB) *data.Conference {
	tb.Helper()
	b, err := os.ReadFile("../builtin/velocity-berlin-2019.json")
	if err != nil {
		tb.Fatal(err)
	}
	c, err := DecodeLineup(b)
	if err != nil {
		tb.Fatal(err)
	}
	Finish(c)
	return c
}

func TestLineupRoundTrip(t *testing.T) {
	c := builtinConf(t)
	c.Venue = "CityCube Berlin"
	c.ImportedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c.Sessions[0].Links = []data.Link{{Title: "Slides", URL: "https://example.com/s"}}
	c.Sessions[0].Subtitle, c.Sessions[0].Language, c.Sessions[0].FeedbackURL = "sub", "en", "https://example.com/f"
	c.Speakers[0].Bio, c.Speakers[0].URL = "Bio line\n\nSecond paragraph", "https://example.com/p"
	var buf bytes.Buffer
	if err := EncodeLineup(&buf, c); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeLineup(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip changed the conference")
		for i := range c.Sessions {
			if !reflect.DeepEqual(got.Sessions[i], c.Sessions[i]) {
				t.Errorf("session %d:\n got %+v\nwant %+v", i, got.Sessions[i], c.Sessions[i])
			}
		}
	}
}

func TestFinishChecks(t *testing.T) {
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	c := &data.Conference{
		Slug: "Evil Slug/../", Name: "X", TimeZone: "Mars/Olympus",
		Sessions: []data.Session{
			{ID: "a", Title: "Backwards", Start: at, End: at.Add(-time.Hour)},
			{ID: "b", Title: "Unscheduled", Date: "2024-05-01"},
		},
	}
	warns := Finish(c)
	joined := strings.Join(warns, "\n")
	for _, want := range []string{`slug "Evil Slug/../"`, `unknown time zone "Mars/Olympus"`, `"Backwards" ends before it starts`, "1 session has no time"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no warning %q in:\n%s", want, joined)
		}
	}
	if c.Slug != "evil-slug" {
		t.Errorf("slug %q", c.Slug)
	}
	if s := c.Session("a"); !s.End.Equal(s.Start) {
		t.Errorf("end %v before start %v kept", s.End, s.Start)
	}
}

func FuzzLineupJSON(f *testing.F) {
	var buf bytes.Buffer
	if err := EncodeLineup(&buf, builtinConf(f)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"lineup": 1, "conference": {"slug": "x", "timezone": "+01:00", "sessions": [{"id": "1", "title": "t", "start": "2020-01-01T10:00:00+01:00", "end": "2020-01-01T09:00:00+01:00"}]}}`))
	f.Add([]byte(`{"lineup": 2, "conference": {}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, _ := fuzzParse(t, b, FormatLineup, Options{})
		if r == nil {
			return
		}
		// What was read writes out and reads back the same.
		var out bytes.Buffer
		if err := EncodeLineup(&out, r.Conference); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeLineup(out.Bytes()); err != nil {
			t.Fatalf("re-reading what was written: %v", err)
		}
	})
}

// A session naming a speaker id with no speaker record is kept; the id is
// dropped with a warning that names it, so nothing that lists the session's
// speakers meets an id it cannot resolve.
func TestLineupMissingSpeaker(t *testing.T) {
	b, err := os.ReadFile("testdata/missing-speaker.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(b, FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	if len(c.Sessions) != 2 {
		t.Fatalf("%d sessions, want both kept", len(c.Sessions))
	}
	s1, s2 := c.Session("s1"), c.Session("s2")
	if s1 == nil || s2 == nil {
		t.Fatalf("sessions missing: %v %v", s1, s2)
	}
	if !reflect.DeepEqual(s1.SpeakerIDs, []string{"ada"}) || len(s2.SpeakerIDs) != 0 {
		t.Errorf("speaker ids %q and %q, want [ada] and none", s1.SpeakerIDs, s2.SpeakerIDs)
	}
	for _, s := range []*data.Session{s1, s2} {
		if got, shown := len(s.SpeakerIDs), len(c.SpeakersOf(s)); got != shown {
			t.Errorf("%s: %d speaker ids but %d speakers to show", s.ID, got, shown)
		}
	}
	var named int
	for _, w := range res.Warnings {
		if strings.Contains(w, `"ghost-42"`) {
			named++
		}
	}
	if named != 2 {
		t.Errorf("want one warning naming \"ghost-42\" per session, got:\n%s", strings.Join(res.Warnings, "\n"))
	}
}
