package formats

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

func TestSessionizeCorpus(t *testing.T) {
	b := datatest.ReadCorpus(t, "sessionize/scottish-summit-2026.all.json")
	if f, err := Detect(b); err != nil || f != FormatSessionize {
		t.Fatalf("Detect = %v, %v", f, err)
	}
	res, err := Parse(b, FormatAuto, Options{TimeZone: "Europe/London", Source: "/tmp/scottish-summit-2026.all.json"})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	if n, r := scheduledCounts(c); n != 61 || r != 7 {
		t.Errorf("sessions/rooms = %d/%d, want 61/7", n, r)
	}
	if c.Slug != "scottish-summit-2026" || c.Start != "2026-10-02" || c.End != "2026-10-03" || c.TimeZone != "Europe/London" {
		t.Errorf("conference %q %s–%s %s", c.Slug, c.Start, c.End, c.TimeZone)
	}
	if len(c.Speakers) != 76 {
		t.Errorf("%d speakers, want 76", len(c.Speakers))
	}
	checks := []struct {
		id, title, start, end, room, track, level, typ string
		speakers                                       int
	}{
		// startsAt 2026-10-02T09:00:00, endsAt …T17:00:00, no offset. London is
		// on BST (UTC+1) in October, so 08:00–16:00 UTC. The title has a
		// leading space in the file.
		{"1252943", "Design and Build a Gamified Onboarding Agent with M365, Copilot and Power Platform Workshop",
			"2026-10-02T08:00:00Z", "2026-10-02T16:00:00Z", "Presidents Suite 1 (150)", "Dynamics & Power Platform", "100 - Beginner", "", 3},
		// 2026-10-03T12:15:00–13:00:00 local → 11:15–12:00 UTC; items 450223
		// (Security), 450340 (200 - Intermediate), 452078 (45 min theatre session).
		{"1215640", "Privileged Access is Broken (Even When You Think It Isn’t)",
			"2026-10-03T11:15:00Z", "2026-10-03T12:00:00Z", "Moncreiff 2 (33)", "Security", "200 - Intermediate", "45 min theatre session", 1},
		// 2026-10-03T17:00:00–17:45:00 local → 16:00–16:45 UTC, two speakers on
		// the session before it in the same room come from "speakers": […].
		{"1221436", "I Vibe coded an XrmToolBox tool and all I got was this lousy t-shirt",
			"2026-10-03T16:00:00Z", "2026-10-03T16:45:00Z", "Centenary Club (100)", "Copilot + Agents", "300 - Advanced", "45 min theatre session", 1},
		// 12:15–13:00 local, Cap & Thistle, two speakers.
		{"1183611", "Agent 365: If It’s Not Built with Copilot Studio...Does It Still Work?",
			"2026-10-03T11:15:00Z", "2026-10-03T12:00:00Z", "Cap & Thistle (100)", "Copilot + Agents", "200 - Intermediate", "45 min theatre session", 2},
	}
	for _, w := range checks {
		s := c.Session(w.id)
		if s == nil {
			t.Errorf("no session %s", w.id)
			continue
		}
		if s.Title != w.title || s.Room != w.room || s.Track != w.track || s.Level != w.level || s.Type != w.typ {
			t.Errorf("%s = %q room %q track %q level %q type %q", w.id, s.Title, s.Room, s.Track, s.Level, s.Type)
		}
		if got := s.Start.UTC().Format(time.RFC3339); got != w.start {
			t.Errorf("%s start = %s, want %s", w.id, got, w.start)
		}
		if got := s.End.UTC().Format(time.RFC3339); got != w.end {
			t.Errorf("%s end = %s, want %s", w.id, got, w.end)
		}
		if len(c.SpeakersOf(s)) != w.speakers {
			t.Errorf("%s has %d speakers, want %d", w.id, len(c.SpeakersOf(s)), w.speakers)
		}
	}
	// "Chief Technologist at Data8".
	found := false
	for _, sp := range c.Speakers {
		if sp.JobTitle == "Chief Technologist" && sp.Company == "Data8" {
			found = true
		}
		if sp.Name == "" {
			t.Errorf("speaker %s has no name", sp.ID)
		}
	}
	if !found {
		t.Error("tag line \"Chief Technologist at Data8\" was not split")
	}
}

func TestSessionizeNeedsZone(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(b, FormatAuto, Options{})
	if !errors.Is(err, ErrNoTimeZone) {
		t.Fatalf("error = %v, want ErrNoTimeZone", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "--tz") || !strings.Contains(msg, "no time zone") || !strings.Contains(msg, "Europe/London") {
		t.Errorf("message %q does not say what to do", msg)
	}
	// Offsets in the file need no zone.
	withOffset := strings.ReplaceAll(string(b), `:00",`, `:00Z",`)
	res, err := Parse([]byte(withOffset), FormatSessionize, Options{})
	if err != nil {
		t.Fatalf("times with offsets: %v", err)
	}
	if s := res.Conference.Session("900001"); s.Start.UTC().Hour() != 9 {
		t.Errorf("start %v", s.Start)
	}
}

func TestSessionizeSmall(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(b, FormatAuto, Options{TimeZone: "Europe/London", Name: "Cloud Day"})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	if c.Name != "Cloud Day" || c.Slug != "sessionize" {
		t.Errorf("name %q slug %q", c.Name, c.Slug)
	}
	s := c.Session("900001")
	if s.Track != "Security" || s.Level != "300 - Advanced" || s.Type != "45 min talk" || s.Room != "Main Hall" {
		t.Errorf("categories: %+v", s)
	}
	// Multiple items of one category are joined.
	if s := c.Session("900002"); s.Track != "Automation, Low code" || s.Type != "20 min lightning talk" {
		t.Errorf("track %q type %q", s.Track, s.Type)
	}
	// 2026-03-29 is the day the UK moves to BST: 14:00 local is 13:00 UTC,
	// while on the 28th 09:30 local is 09:30 UTC.
	if got := c.Session("900002").Start.UTC().Format(time.RFC3339); got != "2026-03-29T13:00:00Z" {
		t.Errorf("start after the change = %s", got)
	}
	if got := s.Start.UTC().Format(time.RFC3339); got != "2026-03-28T09:30:00Z" {
		t.Errorf("start before the change = %s", got)
	}
	br := c.Session("7d1e2f30-aaaa-4bbb-8ccc-000000000099")
	if br == nil || br.Type != "break" || br.Room != "" || !br.Scheduled() {
		t.Errorf("service session = %+v", br)
	}
	iain := c.Speaker("3f1c9a52-0000-4000-8000-000000000002")
	if iain.Name != "Iain Ross" || iain.JobTitle != "Microsoft MVP | MCT | Speaker" || iain.Company != "" {
		t.Errorf("speaker = %+v", iain)
	}
	if m := c.Speaker("3f1c9a52-0000-4000-8000-000000000001"); m.URL != "https://morag.example.org" || m.Bio != "Morag builds identity systems." {
		t.Errorf("speaker = %+v", m)
	}
}

func TestSplitTagLine(t *testing.T) {
	for in, want := range map[string][2]string{
		"Automated Tester at CGI":                 {"Automated Tester", "CGI"},
		"Chief Technologist at Data8":             {"Chief Technologist", "Data8"},
		"Power Platform Consultant @ Kerv":        {"Power Platform Consultant", "Kerv"},
		"MVP & Partner @CRMK Deutschland":         {"MVP & Partner", "CRMK Deutschland"},
		"Principal Cloud Advocate, Microsoft":     {"Principal Cloud Advocate", "Microsoft"},
		"Business Lead & Architect, Meltlake":     {"Business Lead & Architect", "Meltlake"},
		"Microsoft Architect, MVP":                {"Microsoft Architect, MVP", ""},
		"Software Architect, Microsoft MVP":       {"Software Architect, Microsoft MVP", ""},
		"Node4, Technology & Innovation Director": {"Node4, Technology & Innovation Director", ""},
		"MVP | MCT": {"MVP | MCT", ""},
		"Principal Architect, Podcast Cohost, Blogger":                                             {"Principal Architect, Podcast Cohost, Blogger", ""},
		"CEO at proMX UK Limited / Business Applications MVP":                                      {"CEO at proMX UK Limited / Business Applications MVP", ""},
		"Microsoft Business Applications MVP, Copilot Studio and Power Platform Expert at Wortell": {"Microsoft Business Applications MVP, Copilot Studio and Power Platform Expert at Wortell", ""},
		"DamoBird365":              {"DamoBird365", ""},
		"  Solutions   Architect ": {"Solutions Architect", ""},
		"":                         {"", ""},
	} {
		if j, c := splitTagLine(in); j != want[0] || c != want[1] {
			t.Errorf("splitTagLine(%q) = %q, %q; want %q, %q", in, j, c, want[0], want[1])
		}
	}
}

func TestSessionizeSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`{"sessions": [], "speakers": [], "questions": [], "categories": [], "rooms": []}`: true,
		"\xef\xbb\xbf {\"sessions\":[{\"id\":\"1\"}],\"speakers\":[],\"rooms\":[]}":        true,
		`{"sessions": [], "speakers": []}`:                                                 false,
		`{"lineup": 1, "conference": {"sessions": [], "speakers": [], "rooms": []}}`:       false,
		`{"lineup": 1, "sessions": [], "speakers": [], "rooms": []}`:                       false,
		`{"schedule": {"conference": {}}, "sessions": [], "speakers": [], "rooms": []}`:    false,
		`[{"sessions": [], "speakers": [], "rooms": []}]`:                                  false,
		`{"sessions": {}, "speakers": [], "rooms": []}`:                                    false,
		`{"sessions": [], "speakers": [], "rooms": [`:                                      false,
		"BEGIN:VCALENDAR": false,
	} {
		if got := sniffSessionize([]byte(in)); got != want {
			t.Errorf("sniffSessionize(%q) = %v", in, got)
		}
	}
	for _, rel := range []string{"c3voc-json/pretalx-democon.json", "c3voc-json/frab-camp2019.json"} {
		if p := datatest.CorpusPath(rel); p != "" {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if sniffSessionize(b) {
				t.Errorf("%s taken for Sessionize", rel)
			}
		}
	}
}

func TestSessionizeErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		line, col int
		msg       string
	}{
		{"syntax", "{\n  \"sessions\": [\n    {\"id\": \"1\",,}\n  ]\n}", 3, 0, "invalid character"},
		{"wrong type", "{\n  \"sessions\": [{\"id\": \"1\", \"title\": 5}],\n  \"speakers\": []\n}", 2, 0, "title"},
		{"truncated", `{"sessions": [`, 0, 0, "unexpected end"},
		{"not the All view", `{"sessions": [], "rooms": []}`, 0, 0, `"speakers"`},
		{"bad time", "{\"sessions\": [\n{\"id\": \"1\", \"startsAt\": \"tomorrow\"}], \"speakers\": []}", 2, 25, "startsAt"},
		{"bad id", `{"sessions": [{"id": {}}], "speakers": []}`, 0, 0, "neither a string nor a number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc), FormatSessionize, Options{TimeZone: "UTC"})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Format != FormatSessionize || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %q, want %q", err, tc.msg)
			}
			if tc.line > 0 && pe.Line != tc.line {
				t.Errorf("line = %d, want %d (%v)", pe.Line, tc.line, err)
			}
			if tc.col > 0 && pe.Column != tc.col {
				t.Errorf("column = %d, want %d (%v)", pe.Column, tc.col, err)
			}
		})
	}
}

func TestSessionizeName(t *testing.T) {
	for src, want := range map[string][2]string{
		"":                                    {"Sessionize schedule", "sessionize"},
		"/data/scottish-summit-2026.all.json": {"scottish summit 2026", "scottish-summit-2026"},
		"https://sessionize.com/api/v2/abc123xy/view/All": {"Sessionize abc123xy", "sessionize-abc123xy"},
		"all.json": {"Sessionize schedule", "sessionize"},
	} {
		if n, s := szName(src); n != want[0] || s != want[1] {
			t.Errorf("szName(%q) = %q, %q", src, n, s)
		}
	}
}

func TestSessionizeGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(b, FormatAuto, Options{TimeZone: "Europe/London", Name: "Cloud Day", Slug: "cloud-day-2026"})
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, impDump(res.Conference, 3))
}

func FuzzSessionize(f *testing.F) {
	for _, b := range datatest.CorpusSeeds(0, "sessionize/scottish-summit-2026.all.json") {
		f.Add(b)
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "sessionize-small.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"sessions":[{"id":1,"startsAt":"2026-01-01T10:00:00","endsAt":"2026-01-01T09:00:00","roomId":"x","categoryItems":[1]}],"speakers":[{"id":null}],"categories":[{"title":"Track","items":[{"id":1,"name":"A"}]}],"rooms":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzParse(t, b, FormatSessionize, Options{TimeZone: "Europe/London"})
	})
}

func BenchmarkReadSessionize(b *testing.B) {
	data := datatest.ReadCorpus(b, "sessionize/scottish-summit-2026.all.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, FormatAuto, Options{TimeZone: "Europe/London"}); err != nil {
			b.Fatal(err)
		}
	}
}
