package formats

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

func TestScheduleJSONCorpus36C3(t *testing.T) {
	r := parseCorpus(t, "c3voc-json/36c3-everything.pyfahrplan.json", FormatScheduleJSON, Options{})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 1351 || rooms != 92 {
		t.Errorf("%d sessions in %d rooms, want 1351 in 92", n, rooms)
	}
	if c.TimeZone != "+01:00" || c.Slug != "36c3" || c.URL != "https://fahrplan.events.ccc.de/congress/2019/Fahrplan/" {
		t.Errorf("zone %q slug %q url %q", c.TimeZone, c.Slug, c.URL)
	}
	checkTimes(t, c, []wantTime{
		// "guid": "6a32cb72…", "date": "2019-12-27T11:00:00+01:00", "duration": "00:30".
		{id: "6a32cb72-a69d-423c-91b5-60d88eb8e6c7", title: "Opening Ceremony", start: "2019-12-27T10:00:00Z", end: "2019-12-27T10:30:00Z", date: "2019-12-27", room: "Ada"},
		// "guid": "d1b8ed3f…", in day 1's "Ada" list, "date": "2019-12-28T00:50:00+01:00",
		// "duration": "02:00": after midnight, local day the 28th.
		{id: "d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8", title: "Hacker Jeopardy", start: "2019-12-27T23:50:00Z", end: "2019-12-28T01:50:00Z", date: "2019-12-27", room: "Ada"}, // the night belongs to day 1
		// "guid": "894cdfb2…", "date": "2019-12-28T02:00:00+01:00", "duration": "02:00".
		{id: "894cdfb2-9cfe-563c-82d7-789675d53b4a", title: "Petrosilius spacetrip to Alpha-Centauri", start: "2019-12-28T01:00:00Z", end: "2019-12-28T03:00:00Z", date: "2019-12-27", room: "Chaos-West Bühne"},
	})
	// Links are {url, title} objects; some generators write bare strings.
	s := c.Session("b854982f-d696-40be-a2d2-15dc64a1f421")
	if s == nil || len(s.Links) != 1 || s.Links[0].Title != "Slides" || s.Links[0].URL != "https://wills.co.tt/bitbucket/36c3/messaging.pdf" {
		t.Errorf("links: %+v", s)
	}
}

// The 36C3 XML and JSON exports are the same schedule.
func TestScheduleJSONMatches36C3XML(t *testing.T) {
	x := parseCorpus(t, "frab-xml/36c3-merged.giggity.xml", FormatFrabXML, Options{}).Conference
	j := parseCorpus(t, "c3voc-json/36c3-everything.pyfahrplan.json", FormatScheduleJSON, Options{}).Conference
	if len(x.Sessions) != len(j.Sessions) {
		t.Fatalf("%d sessions from XML, %d from JSON", len(x.Sessions), len(j.Sessions))
	}
	diffs := 0
	for i := range x.Sessions {
		a := &x.Sessions[i]
		b := j.Session(a.ID)
		if b == nil {
			t.Errorf("JSON has no session %s (%q)", a.ID, a.Title)
			diffs++
			continue
		}
		if a.Title != b.Title || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.Room != b.Room || a.Date != b.Date ||
			x.SpeakerNames(a) != j.SpeakerNames(b) {
			t.Errorf("session %s differs:\nxml  %q %s %s %q %q\njson %q %s %s %q %q", a.ID,
				a.Title, a.Start.UTC(), a.End.UTC(), a.Room, x.SpeakerNames(a),
				b.Title, b.Start.UTC(), b.End.UTC(), b.Room, j.SpeakerNames(b))
			diffs++
		}
		if diffs > 10 {
			t.Fatal("too many differences")
		}
	}
}

func TestScheduleJSONCorpusCamp2019(t *testing.T) {
	r := parseCorpus(t, "c3voc-json/frab-camp2019.json", FormatScheduleJSON, Options{})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 79 || rooms != 2 {
		t.Errorf("%d sessions in %d rooms, want 79 in 2", n, rooms)
	}
	if c.TimeZone != "Europe/Berlin" || c.Name != "Chaos Communication Camp 2019" || c.Slug != "camp2019" || len(c.Days) != 5 {
		t.Errorf("conference %q %q %q days %v", c.Name, c.Slug, c.TimeZone, c.Days)
	}
	checkTimes(t, c, []wantTime{
		// "guid": "a0a0fcfe…", "date": "2019-08-21T11:00:00+02:00" (CEST), "duration": "00:30".
		{id: "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4", title: "Opening Ceremony", start: "2019-08-21T09:00:00Z", end: "2019-08-21T09:30:00Z", date: "2019-08-21", room: "Curie"},
		// "guid": "06bcc268…", "date": "2019-08-23T20:00:00+02:00", "duration": "00:45".
		{id: "06bcc268-f0db-48dc-963d-d3d54c6769a8", title: "Taking Bluetooth lockpicking to the next level", start: "2019-08-23T18:00:00Z", end: "2019-08-23T18:45:00Z", date: "2019-08-23", room: "Curie"},
		// "guid": "9f38e10d…", "date": "2019-08-25T16:00:00+02:00", "duration": "00:45".
		{id: "9f38e10d-39e2-4380-83bf-26626396e476", title: "Visualization of networks using physics", start: "2019-08-25T14:00:00Z", end: "2019-08-25T14:45:00Z", date: "2019-08-25", room: "Meitner"},
	})
	if got := c.SpeakerNames(c.Session("06bcc268-f0db-48dc-963d-d3d54c6769a8")); got != "Ray, mh" {
		t.Errorf("speakers %q", got)
	}
}

func TestScheduleJSONCorpusDemocon(t *testing.T) {
	r := parseCorpus(t, "c3voc-json/pretalx-democon.json", FormatScheduleJSON, Options{})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 36 || rooms != 2 {
		t.Errorf("%d sessions in %d rooms, want 36 in 2", n, rooms)
	}
	// time_zone_name says UTC but every date carries +01:00: the offsets win,
	// and the display zone is the fixed offset.
	if c.TimeZone != "+01:00" {
		t.Errorf("zone %q, want +01:00", c.TimeZone)
	}
	checkTimes(t, c, []wantTime{
		// "guid": "8079583e…", "date": "2020-12-14T09:00:00+01:00", "duration": "00:30".
		{id: "8079583e-8321-506c-95af-fd2903a5f075", title: "Focused 5thgeneration hardware", start: "2020-12-14T08:00:00Z", end: "2020-12-14T08:30:00Z", date: "2020-12-14", room: "Gray Room"},
		// "guid": "0ff98fb7…", "date": "2020-12-15T15:00:00+01:00", "duration": "00:30".
		{id: "0ff98fb7-513a-59f6-9722-ff818ec4c3a5", title: "Expanded client-server moderator", start: "2020-12-15T14:00:00Z", end: "2020-12-15T14:30:00Z", date: "2020-12-15", room: "Gray Room"},
		// "guid": "2b2f1972…", "date": "2020-12-16T14:00:00+01:00", "duration": "01:30".
		{id: "2b2f1972-ee1f-536d-a364-f36561b3ecce", title: "Proactive leadingedge Graphical User Interface", start: "2020-12-16T13:00:00Z", end: "2020-12-16T14:30:00Z", date: "2020-12-16", room: "Tan Room"},
	})
	// Persons carry code and biography; the biography is kept with its paragraphs.
	sp := c.Speaker("26")
	if sp == nil || sp.Name != "Brian Robinson" || !strings.HasPrefix(sp.Bio, "Break through direction.") || !strings.Contains(sp.Bio, "\n\nPhone front role") {
		t.Errorf("speaker 26: %+v", sp)
	}
	r2 := parseCorpus(t, "c3voc-json/pretalx-democon.json", FormatScheduleJSON, Options{TimeZone: "Europe/Vienna"})
	if r2.Conference.TimeZone != "Europe/Vienna" {
		t.Errorf("with --tz the zone is %q", r2.Conference.TimeZone)
	}
}

const scheduleJSONInline = `{
  "$schema": "https://c3voc.de/schedule/schema.json",
  "schedule": {
    "version": "1",
    "base_url": "https://example.org/",
    "conference": {
      "acronym": "democon", "title": "Demo <b>Con</b>",
      "start": "2021-05-01", "end": "2021-05-02", "daysCount": 2,
      "time_zone_name": "Europe/Berlin", "day_change": "05:00",
      "tracks": [{"name": "Science", "color": "#123456"}, {"name": "Art", "colors": {"primary": "#abcdef"}}],
      "rooms": [{"name": "Hall", "guid": "room-1"}],
      "days": [
        {"index": 1, "date": "2021-05-01", "day_start": "2021-05-01T05:00:00+02:00", "rooms": {
          "Hall": [
            {"guid": "ev-1", "id": 1, "date": "2021-05-01T10:00:00+02:00", "start": "10:00", "duration": "01:00",
             "room": "Hall", "title": "First", "track": "Science", "type": "Talk", "language": "en",
             "abstract": "<p>One</p><ul><li>a</li><li>b</li></ul>", "description": null,
             "persons": [{"code": "ABC123", "name": "Ana", "biography": "<p>Bio one.</p><p>Bio two.</p>", "avatar": "x.png"}],
             "links": [{"url": "https://example.org/slides", "title": "Slides"}, "https://example.org/bare"],
             "feedback_url": "https://example.org/feedback"},
            {"id": 2, "start": "02:00", "duration": "0:30", "title": "Night owl", "persons": [{"id": 9, "public_name": "Owl"}]},
            {"id": 3, "start": "nope", "duration": "0:30", "title": "Broken start"},
            {"slug": "only-slug", "date": "2021-05-01T12:00:00+02:00", "duration": "1h", "title": "Broken duration"}
          ],
          "Side": [
            {"guid": "ev-4", "date": "2021-05-01T11:00:00+02:00", "duration": "25:30:00", "title": "Very long"}
          ]
        }},
        {"index": 2, "date": "2021-05-02", "rooms": {}}
      ]
    }
  }
}`

func TestScheduleJSONInline(t *testing.T) {
	r, err := Parse([]byte(scheduleJSONInline), FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != FormatScheduleJSON {
		t.Fatalf("format %s", r.Format)
	}
	c := r.Conference
	if c.Name != "Demo <b>Con</b>" || c.Slug != "democon" || c.TimeZone != "Europe/Berlin" || c.URL != "https://example.org/" {
		t.Errorf("conference %q %q %q %q", c.Name, c.Slug, c.TimeZone, c.URL)
	}
	checkTimes(t, c, []wantTime{
		{id: "ev-1", title: "First", start: "2021-05-01T08:00:00Z", end: "2021-05-01T09:00:00Z", date: "2021-05-01", room: "Hall"},
		// No date: day 2021-05-01 + 02:00, before day_change 05:00, so 2021-05-02 02:00 CEST,
		// listed under its conference day 2021-05-01.
		{id: "2", title: "Night owl", start: "2021-05-02T00:00:00Z", end: "2021-05-02T00:30:00Z", date: "2021-05-01", room: "Hall"},
		// A duration over 24 hours.
		{id: "ev-4", title: "Very long", start: "2021-05-01T09:00:00Z", end: "2021-05-02T10:30:00Z", date: "2021-05-01", room: "Side"},
	})
	s := c.Session("ev-1")
	if s.Abstract != "One\n\n• a\n• b" || s.Description != "" || s.FeedbackURL != "https://example.org/feedback" {
		t.Errorf("ev-1 text: %q %q %q", s.Abstract, s.Description, s.FeedbackURL)
	}
	if len(s.Links) != 2 || s.Links[1].URL != "https://example.org/bare" {
		t.Errorf("links %+v", s.Links)
	}
	if sp := c.Speaker("ABC123"); sp == nil || sp.Name != "Ana" || sp.Bio != "Bio one.\n\nBio two." {
		t.Errorf("speaker ABC123: %+v", sp)
	}
	if sp := c.Speaker("9"); sp == nil || sp.Name != "Owl" {
		t.Errorf("speaker 9: %+v", sp)
	}
	colors := map[string]string{}
	for _, tr := range c.Tracks {
		colors[tr.Name] = tr.Color
	}
	if colors["Science"] != "#123456" || colors["Art"] != "#abcdef" {
		t.Errorf("tracks %+v", c.Tracks)
	}
	if len(c.Rooms) < 2 || c.Rooms[0] != (data.Room{Name: "Hall", ID: "room-1"}) || c.Rooms[1].Name != "Side" {
		t.Errorf("rooms %+v", c.Rooms)
	}
	if s := c.Session("3"); s == nil || s.Scheduled() {
		t.Errorf("broken start: %+v", s)
	}
	if s := c.Session("only-slug"); s == nil || !s.Scheduled() || s.Duration() != 0 {
		t.Errorf("broken duration: %+v", s)
	}
	joined := strings.Join(r.Warnings, "\n")
	for _, want := range []string{`event 3 ("Broken start"): bad start "nope"`, `event only-slug ("Broken duration"): bad duration "1h"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("no warning %q in\n%s", want, joined)
		}
	}
}

func TestScheduleJSONDraftFlatEvents(t *testing.T) {
	in := `{"schedule": {"version": "alpha", "conference": {"acronym": "flat", "title": "Flat", "start": "2022-01-01T00:00:00+01:00",
	  "end": "2022-01-02T00:00:00+01:00", "time_zone_name": "Europe/Amsterdam",
	  "days": [{"index": 1, "date": "2022-01-01", "start": "2022-01-01T08:00:00+01:00", "end": "2022-01-01T20:00:00+01:00"}]},
	  "events": [
	    {"guid": "f-1", "start": "2022-01-01T10:00:00+01:00", "end": "2022-01-01T10:45:00+01:00", "title": "Flat one",
	     "room": {"name": "Main", "guid": "r"}, "track": {"name": "T"}, "abstract": {"en": "English", "de": "Deutsch"},
	     "participants": [{"guid": "p-1", "name": "Pat"}]}
	  ]}}`
	r, err := Parse([]byte(in), FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Conference
	checkTimes(t, c, []wantTime{
		{id: "f-1", title: "Flat one", start: "2022-01-01T09:00:00Z", end: "2022-01-01T09:45:00Z", date: "2022-01-01", room: "Main"},
	})
	s := c.Session("f-1")
	if s.Track != "T" || s.Abstract != "English" || c.SpeakerNames(s) != "Pat" || c.Start != "2022-01-01" {
		t.Errorf("session %+v, speakers %q, start %q", s, c.SpeakerNames(s), c.Start)
	}
}

func TestScheduleJSONErrors(t *testing.T) {
	valid := []byte(scheduleJSONInline)
	tests := []struct {
		name string
		in   string
		want string
		line int
	}{
		{"truncated", string(valid[:len(valid)/2]), "unexpected end", 0},
		{"syntax", "{\"schedule\": {\n  \"conference\": {\"title\": \"x\",,}}}", "invalid character ','", 2},
		{"wrong type", "{\"schedule\": {\"conference\": {\"days\": \"monday\"}}}", "days", 1},
		{"wrong type in room", "{\"schedule\": {\"conference\": {\"days\": [{\"rooms\": {\"A\": [\n{\"persons\": 5}]}}]}}}", "persons", 2},
		{"no conference", `{"schedule": {"version": "1"}}`, `"conference"`, 0},
		{"not an object", `[1, 2]`, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), FormatScheduleJSON, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%v is %T, not *ParseError", err, err)
			}
			if tt.line > 0 {
				pe = parseErrorAt(t, err, FormatScheduleJSON)
				if pe.Line != tt.line {
					t.Errorf("line %d, want %d (%v)", pe.Line, tt.line, pe)
				}
			}
			if tt.name == "truncated" && pe.Offset < 0 {
				t.Errorf("truncated file without a position: %v", pe)
			}
			if !strings.Contains(pe.Msg, tt.want) {
				t.Errorf("message %q, want it to contain %q", pe.Msg, tt.want)
			}
		})
	}
	// Local times with no zone anywhere ask for --tz.
	noZone := `{"schedule": {"conference": {"title": "x", "days": [{"date": "2021-01-01", "rooms": {"A": [{"id": 1, "start": "10:00", "duration": "1:00", "title": "t"}]}}]}}}`
	if _, err := Parse([]byte(noZone), FormatScheduleJSON, Options{}); err == nil || !strings.Contains(err.Error(), "--tz") || !errors.Is(err, ErrNoTimeZone) {
		t.Errorf("want an error mentioning --tz and wrapping ErrNoTimeZone, got %v", err)
	}
	if r, err := Parse([]byte(noZone), FormatScheduleJSON, Options{TimeZone: "Asia/Tokyo"}); err != nil || r.Conference.Sessions[0].Start.UTC().Hour() != 1 {
		t.Errorf("with --tz: %v", err)
	}
}

func TestScheduleJSONSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`{"schedule": {"conference": {}}}`:                                true,
		` {"$schema": "x", "generator": {"a": [1, "}"]}, "schedule": {}}`: true,
		"\xef\xbb\xbf{\"schedule\":{}}":                                   true,
		`{"schedule": []}`:                                                false,
		`{"lineup": 1, "conference": {}}`:                                 false,
		`{"sessions": [], "speakers": [], "rooms": []}`:                   false,
		`{"a": {"schedule": {}}}`:                                         false,
		`<schedule>`:                                                      false,
		`{"schedule"`:                                                     false,
	} {
		if got := sniffScheduleJSON([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestScheduleJSONGolden(t *testing.T) {
	checkGolden(t, FormatScheduleJSON, []corpusGolden{
		{"36c3", "c3voc-json/36c3-everything.pyfahrplan.json", Options{}, []string{"6a32cb72-a69d-423c-91b5-60d88eb8e6c7", "d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8", "b854982f-d696-40be-a2d2-15dc64a1f421"}},
		{"camp2019", "c3voc-json/frab-camp2019.json", Options{}, []string{"a0a0fcfe-b7fb-46e3-84b6-97a5406016b4", "06bcc268-f0db-48dc-963d-d3d54c6769a8", "9f38e10d-39e2-4380-83bf-26626396e476"}},
		{"democon", "c3voc-json/pretalx-democon.json", Options{}, []string{"8079583e-8321-506c-95af-fd2903a5f075", "0ff98fb7-513a-59f6-9722-ff818ec4c3a5", "2b2f1972-ee1f-536d-a364-f36561b3ecce"}},
	}, scheduleJSONInline, "ev-1", "2", "ev-4")
}

func FuzzScheduleJSON(f *testing.F) {
	f.Add([]byte(scheduleJSONInline))
	f.Add([]byte(`{"schedule": {"conference": {"time_zone_name": "UTC", "days": [{"date": "2020-01-01", "rooms": {"A": [{"id": 1, "start": "10:00"}]}}]}}}`))
	f.Add([]byte(`{"schedule": {"version": "x", "conference": {}, "events": [{"start": "2020-01-01T10:00:00Z", "end": "2020-01-01T09:00:00Z"}]}}`))
	for _, b := range datatest.CorpusSeeds(0, "c3voc-json/pretalx-democon.json") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzParse(t, b, FormatScheduleJSON, Options{TimeZone: "Europe/Berlin"})
	})
}

// syntheticScheduleJSON builds a schedule.json with n sessions of realistic
// size: ~60-character titles, ~600-character abstracts, one to three persons.
func syntheticScheduleJSON(n int) []byte {
	var b strings.Builder
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua kernel network schedule terminal graphics compiler")
	text := func(seed, length int) string {
		var s strings.Builder
		for i := 0; s.Len() < length; i++ {
			if i > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(words[(seed*7+i*13)%len(words)])
		}
		return s.String()
	}
	// At most 28 half-hour slots a room a day (08:00–22:00): bigger
	// programmes get more rooms, as real ones do.
	const days = 4
	rooms := max(25, (n+days*28-1)/(days*28))
	perRoom := (n + days*rooms - 1) / (days * rooms)
	b.WriteString(`{"$schema": "https://c3voc.de/schedule/schema.json", "schedule": {"version": "synthetic", "base_url": "https://example.org/", "conference": {"acronym": "synth", "title": "Synthetic Conference", "start": "2030-06-01", "end": "2030-06-04", "daysCount": 4, "time_zone_name": "Europe/Berlin", "timeslot_duration": "00:05", "days": [`)
	id := 0
	for d := 0; d < days; d++ {
		if d > 0 {
			b.WriteString(",")
		}
		date := time.Date(2030, 6, 1+d, 0, 0, 0, 0, time.UTC).Format(data.DateLayout)
		fmt.Fprintf(&b, `{"index": %d, "date": %q, "day_start": "%sT08:00:00+02:00", "day_end": "%sT23:59:00+02:00", "rooms": {`, d+1, date, date, date)
		for r := 0; r < rooms; r++ {
			if r > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"Room %d": [`, r+1)
			for k := 0; k < perRoom && id < n; k++ {
				if k > 0 {
					b.WriteString(",")
				}
				id++
				h, m := 8+k*30/60, k*30%60
				fmt.Fprintf(&b, `{"id": %d, "guid": "00000000-0000-4000-8000-%012d", "date": "%sT%02d:%02d:00+02:00", "start": "%02d:%02d", "duration": "00:25", "room": "Room %d", "slug": "synth-%d", "url": "https://example.org/talk/%d", "title": %q, "subtitle": "", "track": "Track %d", "type": "Talk", "language": "en", "abstract": %q, "description": "", "persons": [`,
					id, id, date, h, m, h, m, r+1, id, id, text(id, 60), id%12, "<p>"+text(id+1, 600)+"</p>")
				for p := 0; p <= id%3; p++ {
					if p > 0 {
						b.WriteString(",")
					}
					pid := (id*3 + p) % (n/2 + 1)
					fmt.Fprintf(&b, `{"id": %d, "code": "P%05d", "public_name": "Speaker %d", "biography": %q}`, pid, pid, pid, text(pid, 200))
				}
				b.WriteString(`], "links": [{"url": "https://example.org/slides", "title": "Slides"}], "attachments": []}`)
			}
			b.WriteString("]")
		}
		b.WriteString("}}")
	}
	b.WriteString("]}}}")
	return []byte(b.String())
}

func TestSyntheticScheduleJSON(t *testing.T) {
	b := syntheticScheduleJSON(1000)
	r, err := Parse(b, FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n, rooms := scheduledCounts(r.Conference); n != 1000 || rooms != 25 {
		t.Errorf("%d sessions in %d rooms", n, rooms)
	}
}

func BenchmarkReadScheduleJSON10k(b *testing.B) {
	raw := syntheticScheduleJSON(10000)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		// The format is given: this measures the reader and Finish, not the
		// other formats' sniffers.
		r, err := Parse(raw, FormatScheduleJSON, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Conference.Sessions) != 10000 {
			b.Fatalf("%d sessions", len(r.Conference.Sessions))
		}
	}
}
