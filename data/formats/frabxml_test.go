package formats

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data/internal/datatest"
)

func TestFrabXMLCorpusFOSDEM2024(t *testing.T) {
	r := parseCorpus(t, "frab-xml/fosdem-2024.xml", FormatFrabXML, Options{TimeZone: "Europe/Brussels"})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 674 || rooms != 26 {
		t.Errorf("%d sessions in %d rooms, want 674 in 26", n, rooms)
	}
	if c.Name != "FOSDEM 2024" || c.TimeZone != "Europe/Brussels" || c.Start != "2024-02-03" || c.End != "2024-02-04" {
		t.Errorf("conference %q zone %q %s..%s", c.Name, c.TimeZone, c.Start, c.End)
	}
	if c.City != "Brussels" {
		t.Errorf("city %q", c.City)
	}
	checkTimes(t, c, []wantTime{
		// <event id="10566">: no guid, no <date>; day 1 is 2024-02-03, <start>11:40,
		// <duration>01:00. 11:40 is after day_change 09:00, so it stays on 2024-02-03;
		// Brussels is at +01:00 in February: 10:40Z to 11:40Z.
		{id: "10566", title: "MicroBlocks", start: "2024-02-03T10:40:00Z", end: "2024-02-03T11:40:00Z", date: "2024-02-03", room: "J.1.106"},
		// <event id="10893"> on day 2 (2024-02-04), <start>09:00 (exactly day_change,
		// so not moved), <duration>01:00: 08:00Z to 09:00Z.
		{id: "10893", title: "MicroBlocks Workshop", start: "2024-02-04T08:00:00Z", end: "2024-02-04T09:00:00Z", date: "2024-02-04", room: "J.1.106"},
	})
	s := c.Session("10566")
	if s == nil {
		t.Fatal("10566 missing")
	}
	// The abstract is escaped HTML in the file: it must arrive as text.
	if strings.Contains(s.Abstract, "<p>") || !strings.HasPrefix(s.Abstract, "MicroBlocks (https://microblocks.fun) is a blocks programming language") {
		t.Errorf("abstract %q", s.Abstract[:min(len(s.Abstract), 120)])
	}
	if got := c.SpeakerNames(s); got != "Bernat Romagosa, Kathy Giori, John Maloney, Turgut Guneysu" {
		t.Errorf("speakers %q", got)
	}
	if sp := c.Speaker("1342"); sp == nil || sp.Name != "Kathy Giori" || len(c.SessionsOf("1342")) < 2 {
		t.Errorf("speaker 1342: %+v", sp)
	}
}

func TestFrabXMLFOSDEM2024NeedsZone(t *testing.T) {
	b := datatest.ReadCorpus(t, "frab-xml/fosdem-2024.xml")
	_, err := Parse(b, FormatAuto, Options{})
	if err == nil || !strings.Contains(err.Error(), "--tz") || !errors.Is(err, ErrNoTimeZone) {
		t.Fatalf("want an error asking for --tz and wrapping ErrNoTimeZone, got %v", err)
	}
}

func TestFrabXMLCorpusFOSDEM2026(t *testing.T) {
	r := parseCorpus(t, "frab-xml/fosdem-2026.xml", FormatFrabXML, Options{})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 883 || rooms != 30 {
		t.Errorf("%d sessions in %d rooms, want 883 in 30", n, rooms)
	}
	if c.Slug != "fosdem-2026" || c.Name != "FOSDEM 2026" || c.TimeZone != "Europe/Brussels" || c.URL != "https://fosdem.org/2026/schedule/" {
		t.Errorf("conference %q %q zone %q url %q", c.Slug, c.Name, c.TimeZone, c.URL)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings: %v", r.Warnings)
	}
	checkTimes(t, c, []wantTime{
		// guid 9c3ebb8c…: <date>2026-01-31T09:30:00+01:00</date>, <duration>00:20.
		{id: "9c3ebb8c-7716-5130-b9fe-ff8544f5636d", title: "Welcome to FOSDEM 2026", start: "2026-01-31T08:30:00Z", end: "2026-01-31T08:50:00Z", date: "2026-01-31", room: "Janson"},
		// guid 09fa1fb2…: <date>2026-02-01T12:00:00+01:00</date>, <duration>00:50.
		{id: "09fa1fb2-eed5-573d-93b0-271f6afd3cc6", title: "Building the next generation of open source contributors – Lessons from 30 years of Postgres", start: "2026-02-01T11:00:00Z", end: "2026-02-01T11:50:00Z", date: "2026-02-01", room: "Janson"},
		// guid abcff329…: <date>2026-01-31T10:30:00+01:00</date>, <duration>08:00, an all-day stand.
		{id: "abcff329-9d4a-58cc-814b-f9f10c4f761c", title: c.Session("abcff329-9d4a-58cc-814b-f9f10c4f761c").Title, start: "2026-01-31T09:30:00Z", end: "2026-01-31T17:30:00Z", date: "2026-01-31", room: c.Session("abcff329-9d4a-58cc-814b-f9f10c4f761c").Room},
	})
	s := c.Session("9c3ebb8c-7716-5130-b9fe-ff8544f5636d")
	if s.FeedbackURL != "https://pretalx.fosdem.org/fosdem-2026/talk/SFKNTZ/feedback/" {
		t.Errorf("feedback url %q", s.FeedbackURL)
	}
	if len(s.Links) != 3 || s.Links[0].Title != "Chat room(web)" || s.Links[0].URL != "https://chat.fosdem.org/#/room/#2026-main:fosdem.org" {
		t.Errorf("links %+v", s.Links)
	}
	if s.Track != "Main Track" || s.Type != "maintrack" || s.Language != "en" || s.URL == "" {
		t.Errorf("fields %+v", s)
	}
	// Top-level <persons>: 927 people, HTML biographies as paragraphs of text.
	if len(c.Speakers) != 927 {
		t.Errorf("%d speakers, want 927", len(c.Speakers))
	}
	sp := c.Speaker("1343")
	if sp == nil || sp.Name != "Stephane Graber" {
		t.Fatalf("speaker 1343: %+v", sp)
	}
	if !strings.HasPrefix(sp.Bio, "Stéphane Graber is the project leader for Linux Containers (https://linuxcontainers.org) and") ||
		!strings.Contains(sp.Bio, ".\n\nIn his spare time") || !strings.Contains(sp.Bio, "\n\nStéphane is the Owner of Zabbly") || strings.ContainsAny(sp.Bio, "<>") {
		t.Errorf("bio %q", sp.Bio)
	}
	if len(c.Tracks) < 60 || c.Tracks[0].Name != "AI Plumbers" {
		t.Errorf("tracks %v", c.Tracks[:min(3, len(c.Tracks))])
	}
}

func TestFrabXMLCorpus36C3(t *testing.T) {
	r := parseCorpus(t, "frab-xml/36c3-merged.giggity.xml", FormatFrabXML, Options{})
	c := r.Conference
	if n, rooms := scheduledCounts(c); n != 1351 || rooms != 92 {
		t.Errorf("%d sessions in %d rooms, want 1351 in 92", n, rooms)
	}
	// No time_zone_name: the display zone is the dates' fixed offset.
	if c.TimeZone != "+01:00" || c.Slug != "36c3" {
		t.Errorf("zone %q slug %q", c.TimeZone, c.Slug)
	}
	dups := 0
	for _, w := range r.Warnings {
		if strings.HasPrefix(w, "duplicate id") {
			dups++
		}
	}
	if dups != 3 {
		t.Errorf("%d duplicate-id warnings, want 3 (the repeated GUIDs): %v", dups, r.Warnings)
	}
	checkTimes(t, c, []wantTime{
		// guid 6a32cb72…: <date>2019-12-27T11:00:00+01:00</date>, <duration>00:30.
		{id: "6a32cb72-a69d-423c-91b5-60d88eb8e6c7", title: "Opening Ceremony", start: "2019-12-27T10:00:00Z", end: "2019-12-27T10:30:00Z", date: "2019-12-27", room: "Ada"},
		// guid d1b8ed3f…: listed under day 1 but <date>2019-12-28T00:50:00+01:00</date>,
		// <duration>02:00: after midnight, so 23:50Z on the 27th and local day the 28th.
		{id: "d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8", title: "Hacker Jeopardy", start: "2019-12-27T23:50:00Z", end: "2019-12-28T01:50:00Z", date: "2019-12-27", room: "Ada"}, // the night belongs to day 1
		// guid 894cdfb2…: <date>2019-12-28T02:00:00+01:00</date>, <duration>02:00.
		{id: "894cdfb2-9cfe-563c-82d7-789675d53b4a", title: "Petrosilius spacetrip to Alpha-Centauri", start: "2019-12-28T01:00:00Z", end: "2019-12-28T03:00:00Z", date: "2019-12-27", room: "Chaos-West Bühne"},
	})
	if got := c.SpeakerNames(c.Session("6a32cb72-a69d-423c-91b5-60d88eb8e6c7")); got != "bleeptrack, blinry" {
		t.Errorf("speakers %q", got)
	}
	r2 := parseCorpus(t, "frab-xml/36c3-merged.giggity.xml", FormatFrabXML, Options{TimeZone: "Europe/Berlin"})
	if r2.Conference.TimeZone != "Europe/Berlin" {
		t.Errorf("with --tz the zone is %q", r2.Conference.TimeZone)
	}
}

// Inline documents exercise what the corpus does not: day_change, colours,
// pretalx person codes, bad fields.
const frabDayChangeXML = `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <acronym>nightcon</acronym>
    <title>Night &amp; Day Con</title>
    <start>2025-03-01</start><end>2025-03-02</end>
    <day_change>06:00</day_change>
    <time_zone_name>Europe/Berlin</time_zone_name>
    <track name="Talks" color="#aa0000"/>
  </conference>
  <tracks>
    <track color="#00ff00" slug="music">Music</track>
  </tracks>
  <persons>
    <person id="7" code="ABCDEF"><name>Ada Example</name>
      <biography>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second &lt;em&gt;para&lt;/em&gt;.&lt;/p&gt;</biography>
    </person>
  </persons>
  <day index="1" date="2025-03-01">
    <room name="Stage" guid="r-1">
      <event id="1">
        <start>23:30</start><duration>1:15</duration><room>Stage</room>
        <slug>late</slug><title>Late show</title><track>Music</track>
        <abstract><![CDATA[<p>CDATA <b>abstract</b></p>]]></abstract>
        <persons><person id="7">Ada Example</person><person id="8">Bob</person></persons>
        <links><link href="https://example.org/a">Slides</link></links>
        <feedback_url>https://example.org/fb</feedback_url>
      </event>
      <event id="2">
        <start>01:30</start><duration>00:45:30</duration>
        <title>After midnight</title>
      </event>
      <event guid="g-3">
        <start>25:00</start><duration>1:00</duration><title>Bad start</title>
      </event>
      <event>
        <start>12:00</start><duration>soon</duration><slug>bad-dur</slug><title>Bad duration</title>
      </event>
      <event id="5">
        <date>not a date</date><title>Bad date</title>
      </event>
    </room>
  </day>
</schedule>`

func TestFrabXMLDayChange(t *testing.T) {
	r, err := Parse([]byte(frabDayChangeXML), FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != FormatFrabXML {
		t.Fatalf("format %s", r.Format)
	}
	c := r.Conference
	if c.Name != "Night & Day Con" || c.Slug != "nightcon" || c.TimeZone != "Europe/Berlin" {
		t.Errorf("conference %q %q %q", c.Name, c.Slug, c.TimeZone)
	}
	checkTimes(t, c, []wantTime{
		// 23:30 is after day_change 06:00: 2025-03-01 23:30 CET = 22:30Z, +1:15.
		{id: "1", title: "Late show", start: "2025-03-01T22:30:00Z", end: "2025-03-01T23:45:00Z", date: "2025-03-01", room: "Stage"},
		// 01:30 is before day_change 06:00, so it is 2025-03-02 01:30 CET = 00:30Z,
		// still listed under the conference day 2025-03-01;
		// the duration 00:45:30 has seconds. The room comes from <room name>.
		{id: "2", title: "After midnight", start: "2025-03-02T00:30:00Z", end: "2025-03-02T01:15:30Z", date: "2025-03-01", room: "Stage"},
	})
	if s := c.Session("bad-dur"); s == nil || !s.Scheduled() || s.Duration() != 0 {
		t.Errorf("bad duration: %+v", s)
	}
	if s := c.Session("g-3"); s == nil || s.Scheduled() || s.Date != "2025-03-01" {
		t.Errorf("bad start: %+v", s)
	}
	for _, want := range []string{`g-3 ("Bad start"): bad start "25:00"`, `bad-dur ("Bad duration"): bad duration "soon"`, `5 ("Bad date"): bad date "not a date"`} {
		found := false
		for _, w := range r.Warnings {
			found = found || strings.Contains(w, want)
		}
		if !found {
			t.Errorf("no warning %q in %q", want, r.Warnings)
		}
	}
	s := c.Session("1")
	if s.Abstract != "CDATA abstract" || s.FeedbackURL != "https://example.org/fb" || len(s.Links) != 1 || s.Links[0].URL != "https://example.org/a" {
		t.Errorf("session 1: %+v", s)
	}
	if got := c.SpeakerNames(s); got != "Ada Example, Bob" {
		t.Errorf("speakers %q", got)
	}
	if sp := c.Speaker("7"); sp == nil || sp.Bio != "First para.\n\nSecond para." {
		t.Errorf("speaker 7: %+v", sp)
	}
	colors := map[string]string{}
	for _, tr := range c.Tracks {
		colors[tr.Name] = tr.Color
	}
	if colors["Talks"] != "#aa0000" || colors["Music"] != "#00ff00" {
		t.Errorf("tracks %+v", c.Tracks)
	}
	if len(c.Rooms) == 0 || c.Rooms[0].Name != "Stage" || c.Rooms[0].ID != "r-1" {
		t.Errorf("rooms %+v", c.Rooms)
	}
	r, err = Parse([]byte(frabDayChangeXML), FormatFrabXML, Options{Slug: "mine"})
	if err != nil || r.Conference.Slug != "mine" {
		t.Errorf("slug override: %v %v", err, r)
	}
}

func TestFrabXMLZones(t *testing.T) {
	doc := func(zone, date string) []byte {
		return []byte(`<schedule><conference><title>Z</title>` + zone + `</conference>
<day index="1" date="2020-12-14"><room name="A"><event guid="e1"><date>` + date + `</date><start>09:00</start><duration>00:30</duration><title>T</title></event></room></day></schedule>`)
	}
	tests := []struct {
		name, zone, date string
		opt              Options
		wantZone         string
		wantErr          string
	}{
		{"name agrees", "<time_zone_name>Europe/Berlin</time_zone_name>", "2020-12-14T09:00:00+01:00", Options{}, "Europe/Berlin", ""},
		{"name disagrees", "<time_zone_name>UTC</time_zone_name>", "2020-12-14T09:00:00+01:00", Options{}, "+01:00", ""},
		{"name disagrees, tz given", "<time_zone_name>UTC</time_zone_name>", "2020-12-14T09:00:00+01:00", Options{TimeZone: "Europe/Paris"}, "Europe/Paris", ""},
		{"no name", "", "2020-12-14T09:00:00+01:00", Options{}, "+01:00", ""},
		{"no name, tz given", "", "2020-12-14T09:00:00+01:00", Options{TimeZone: "Europe/Berlin"}, "Europe/Berlin", ""},
		{"unknown name, local times", "<time_zone_name>Mars/Olympus</time_zone_name>", "", Options{}, "", "--tz"},
		{"unknown name, tz given", "<time_zone_name>Mars/Olympus</time_zone_name>", "", Options{TimeZone: "Europe/Berlin"}, "Europe/Berlin", ""},
		{"no zone at all", "", "", Options{}, "", "--tz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(doc(tt.zone, tt.date), FormatFrabXML, tt.opt)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrNoTimeZone) {
					t.Fatalf("error %v, want one mentioning %s and wrapping ErrNoTimeZone", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c := r.Conference
			if c.TimeZone != tt.wantZone {
				t.Errorf("zone %q, want %q", c.TimeZone, tt.wantZone)
			}
			// 09:00 at +01:00 is 08:00Z whichever zone is shown.
			if s := c.Session("e1"); s == nil || s.Start.UTC().Hour() != 8 || s.Date != "2020-12-14" {
				t.Errorf("session %+v", s)
			}
		})
	}
}

func TestFrabXMLErrors(t *testing.T) {
	valid := []byte(frabDayChangeXML)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"truncated", valid[:len(valid)/2], "unexpected end of file"},
		{"truncated in tag", valid[:strings.Index(frabDayChangeXML, "<day index")+7], "unexpected end of file"},
		{"wrong root", []byte(`<?xml version="1.0"?><calendar><conference/></calendar>`), "expected a <schedule> root element, found <calendar>"},
		{"mismatched", []byte(`<schedule><conference><title>x</conference></schedule>`), "expected </title>, found </conference>"},
		{"bad entity", []byte(`<schedule><conference><title>a &bogus; b</title></conference></schedule>`), "&bogus;"},
		{"unquoted attribute", []byte(`<schedule><conference/><day date=2020-01-01></day></schedule>`), "not quoted"},
		{"empty", []byte(""), "empty document"},
		{"no conference", []byte(`<schedule><day date="2020-01-01"/></schedule>`), "<conference>"},
		{"text before root", []byte(`hello <schedule/>`), "found text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in, FormatFrabXML, Options{TimeZone: "Europe/Berlin"})
			if err == nil {
				t.Fatal("no error")
			}
			pe := parseErrorAt(t, err, FormatFrabXML)
			if !strings.Contains(pe.Msg, tt.want) {
				t.Errorf("message %q, want it to contain %q", pe.Msg, tt.want)
			}
		})
	}
	// Names quoted from the file cannot smuggle escape sequences into the message.
	_, err := Parse([]byte("<schedule><conference><ti\x1b]0;pwned\x07tle>x</other>"), FormatFrabXML, Options{})
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("unsafe error message %q", err)
	}
	// The position points at the problem.
	_, err = Parse([]byte("<schedule>\n  <conference>\n    <title>x</titel>\n"), FormatFrabXML, Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Column != 13 {
		t.Errorf("position of mismatched tag: %v", err)
	}
}

func TestFrabXMLSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`<?xml version="1.0"?>` + "\n<!-- c -->\n<!DOCTYPE schedule>\n<schedule>": true,
		"\xef\xbb\xbf<schedule version=\"1\">":                                    true,
		"<schedule/>":                                                             true,
		"<schedules>":                                                             false,
		"<calendar><schedule>":                                                    false,
		`{"schedule": {}}`:                                                        false,
		"BEGIN:VCALENDAR":                                                         false,
	} {
		if got := sniffFrabXML([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestFrabXMLEncoding(t *testing.T) {
	in := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><schedule><conference><title>K\xf6ln</title><time_zone_name>Europe/Berlin</time_zone_name></conference></schedule>")
	r, err := Parse(in, FormatFrabXML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Conference.Name != "Köln" {
		t.Errorf("name %q", r.Conference.Name)
	}
}

func TestFrabXMLGolden(t *testing.T) {
	checkGolden(t, FormatFrabXML, []corpusGolden{
		{"fosdem-2024", "frab-xml/fosdem-2024.xml", Options{TimeZone: "Europe/Brussels"}, []string{"10566", "10610", "10893"}},
		{"fosdem-2026", "frab-xml/fosdem-2026.xml", Options{}, []string{"9c3ebb8c-7716-5130-b9fe-ff8544f5636d", "8ce3ffa3-2053-5f4d-8fc4-f223e5859a53", "abcff329-9d4a-58cc-814b-f9f10c4f761c"}},
		{"36c3", "frab-xml/36c3-merged.giggity.xml", Options{}, []string{"6a32cb72-a69d-423c-91b5-60d88eb8e6c7", "d1b8ed3f-2c22-47d2-9aca-0f9d3cf48eb8", "81f5f0c4-3d35-522c-8f1c-c8825b92f00a-2"}},
	}, frabDayChangeXML, "1", "2", "bad-dur")
}

func FuzzFrabXML(f *testing.F) {
	f.Add([]byte(frabDayChangeXML))
	f.Add([]byte(`<schedule><conference/><day date="2020-01-01"><room name="a"><event id="1"><start>10:00</start></event></room></day></schedule>`))
	f.Add([]byte(`<?xml version="1.0" encoding="latin1"?><schedule><conference><title>&#xe9;&nbsp;</title></conference></schedule>`))
	// A prefix keeps each run fast; the fuzzer finds the rest.
	for _, b := range datatest.CorpusSeeds(16<<10, "frab-xml/fosdem-2024.xml", "frab-xml/fosdem-2026.xml", "frab-xml/36c3-merged.giggity.xml") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, opt := range []Options{{}, {TimeZone: "Europe/Brussels"}} {
			fuzzParse(t, b, FormatFrabXML, opt)
		}
	})
}

func BenchmarkReadFrabXMLFOSDEM2026(b *testing.B) {
	raw := datatest.ReadCorpus(b, "frab-xml/fosdem-2026.xml")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw, FormatAuto, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFrabXMLClockChangeGap(t *testing.T) {
	doc := `<schedule><conference><title>Spring</title><acronym>spring</acronym><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day index="1" date="2024-03-31"><room name="A"><event id="1"><title>In the gap</title><start>02:30</start><duration>00:30</duration></event></room></day></schedule>`
	r, err := Parse([]byte(doc), FormatFrabXML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "does not exist in Europe/Berlin") {
		t.Errorf("no warning about the skipped hour: %q", r.Warnings)
	}
	if s := r.Conference.Session("1"); s == nil || s.Start.UTC().Format(time.RFC3339) != "2024-03-31T01:30:00Z" {
		t.Errorf("session %+v", s)
	}
}
