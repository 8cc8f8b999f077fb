package data

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestBuiltin(t *testing.T) {
	c := Builtin()
	if c.Slug != BuiltinSlug || c.TimeZone != "Europe/Berlin" {
		t.Fatalf("slug %q zone %q", c.Slug, c.TimeZone)
	}
	if len(c.Sessions) != 33 || len(c.Speakers) != 34 {
		t.Fatalf("%d sessions, %d speakers; want 33, 34", len(c.Sessions), len(c.Speakers))
	}
	scheduled := 0
	for i := range c.Sessions {
		if c.Sessions[i].Scheduled() {
			scheduled++
		}
	}
	if scheduled != 8 {
		t.Errorf("%d scheduled sessions, want 8 (the rest have no published time)", scheduled)
	}
	k := c.Session("vlb19-k8s-very-hard-way")
	if k == nil {
		t.Fatal("Kubernetes the very hard way is missing")
	}
	want := time.Date(2019, 11, 6, 10, 35, 0, 0, time.UTC)
	if !k.Start.Equal(want) || k.Duration() != 40*time.Minute {
		t.Errorf("start %v duration %v; want %v and 40m", k.Start, k.Duration(), want)
	}
	if k.Room != "Hall A1" || k.Level != "Intermediate" || k.Rating == nil || k.Rating.Average != 4 || k.Rating.Count != 4 {
		t.Errorf("fields: %+v", k)
	}
	if len(k.Outcomes) != 3 || len(k.Audience) != 1 || len(k.Prerequisites) != 1 || k.Description == "" {
		t.Errorf("page fields missing: %+v", k)
	}
	if got := c.SpeakerNames(k); got != "Laurent Bernaille" {
		t.Errorf("speakers %q", got)
	}
	if u := c.Session("vlb19-gitops-101"); u == nil || u.Scheduled() || u.Date != "2019-11-05" {
		t.Errorf("GitOps 101 should be unscheduled on 2019-11-05: %+v", u)
	}
	if d := c.Dates(); len(d) != 4 || d[0] != "2019-11-04" || d[3] != "2019-11-07" {
		t.Errorf("dates %v", d)
	}
}

func TestLineupRoundTrip(t *testing.T) {
	c := Builtin()
	c.Venue = "CityCube Berlin"
	c.ImportedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c.Sessions[0].Links = []Link{{Title: "Slides", URL: "https://example.com/s"}}
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

func TestCombinedRating(t *testing.T) {
	for _, tc := range []struct {
		pub   *Rating
		mine  int
		avg   float64
		count int
	}{
		{&Rating{4, 4}, 5, 4.2, 5},
		{&Rating{4, 4}, 0, 4, 4},
		{nil, 3, 3, 1},
		{nil, 0, 0, 0},
		{&Rating{0, 0}, 2, 2, 1},
	} {
		avg, n := CombinedRating(tc.pub, tc.mine)
		if n != tc.count || avg < tc.avg-1e-9 || avg > tc.avg+1e-9 {
			t.Errorf("CombinedRating(%v, %d) = %v, %d; want %v, %d", tc.pub, tc.mine, avg, n, tc.avg, tc.count)
		}
	}
}

func TestLoadZone(t *testing.T) {
	at := time.Date(2019, 12, 27, 11, 0, 0, 0, time.UTC)
	for name, off := range map[string]int{"+01:00": 3600, "-05:30": -19800, "Europe/Berlin": 3600, "": 0, "Nowhere/Else": 0} {
		if _, got := at.In(LoadZone(name)).Zone(); got != off {
			t.Errorf("LoadZone(%q) offset %d, want %d", name, got, off)
		}
	}
}

func TestFinishChecks(t *testing.T) {
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	c := &Conference{
		Slug: "Evil Slug/../", Name: "X", TimeZone: "Mars/Olympus",
		Sessions: []Session{
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
	if err := EncodeLineup(&buf, Builtin()); err != nil {
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
