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
