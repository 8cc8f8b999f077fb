package formats

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/datatest"
)

type giggityMeta struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	TimeZone string `json:"timezone"`
}

func TestICalCorpus(t *testing.T) {
	cases := []struct {
		file             string
		sessions, rooms  int
		zoneFromFile     bool // the file names its zone itself
		name             string
		checks           []wantTime
		speakersOfFirstN int
	}{
		{
			file: "kielux-2020", sessions: 24, rooms: 4, name: "18. Kieler Open Source und Linux Tage",
			checks: []wantTime{
				// DTSTART:20200918T110000Z DTEND:20200918T120000Z: UTC already (13:00 CEST).
				{id: "460@KOLT20", title: "OpenCelium - Der generische OpenSoure API-Hub", start: "2020-09-18T11:00:00Z", end: "2020-09-18T12:00:00Z"},
				// DTSTART:20200918T120000Z DTEND:20200918T130000Z.
				{id: "467@KOLT20", title: "Xen - ist das nicht tot?", start: "2020-09-18T12:00:00Z", end: "2020-09-18T13:00:00Z"},
				// DTSTART:20200919T120000Z DTEND:20200919T140000Z, the second day.
				{id: "468@KOLT20", title: "LibreOffice Writer - Kurs für Ein- und Umsteiger", start: "2020-09-19T12:00:00Z", end: "2020-09-19T14:00:00Z"},
			},
		},
		{
			file: "linux-conf-au-2020", sessions: 262, rooms: 7, zoneFromFile: true, name: "linux.conf.au 2020",
			checks: []wantTime{
				// TZID=Australia/Brisbane 20200114T070000–090000; Brisbane is
				// UTC+10 all year (no daylight saving), so 21:00–23:00 UTC the day before.
				{id: "201@lca2020.linux.org.au", title: "Main Conference: plenary", start: "2020-01-13T21:00:00Z", end: "2020-01-13T23:00:00Z"},
				// 20200113T080000–090000 Brisbane → 22:00–23:00 UTC on the 12th.
				{id: "235@lca2020.linux.org.au", title: "Main Conference: plenary", start: "2020-01-12T22:00:00Z", end: "2020-01-12T23:00:00Z"},
				// 20200116T091000–101000 Brisbane → 23:10 UTC on the 15th to 00:10 UTC.
				{id: "85@lca2020.linux.org.au", title: "Keynote: Who cares about Democracy?", start: "2020-01-15T23:10:00Z", end: "2020-01-16T00:10:00Z"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			b := datatest.ReadCorpus(t, "ical/"+tc.file+".ics")
			var meta giggityMeta
			if err := json.Unmarshal(datatest.ReadCorpus(t, "ical/"+tc.file+".giggity-meta.json"), &meta); err != nil {
				t.Fatal(err)
			}
			if f, err := Detect(b); err != nil || f != FormatICal {
				t.Fatalf("Detect = %v, %v", f, err)
			}
			res, err := Parse(b, FormatAuto, Options{TimeZone: meta.TimeZone})
			if err != nil {
				t.Fatal(err)
			}
			c := res.Conference
			if n, r := scheduledCounts(c); n != tc.sessions || r != tc.rooms {
				t.Errorf("sessions/rooms = %d/%d, want %d/%d", n, r, tc.sessions, tc.rooms)
			}
			if c.Name != tc.name {
				t.Errorf("name = %q, want %q", c.Name, tc.name)
			}
			if c.TimeZone != meta.TimeZone {
				t.Errorf("zone = %q, want %q", c.TimeZone, meta.TimeZone)
			}
			// Every session falls within the event's dates (LCA's newcomers'
			// session is the evening before its first day).
			first, _ := time.Parse(data.DateLayout, meta.Start)
			for _, s := range c.Sessions {
				if s.Date < first.AddDate(0, 0, -1).Format(data.DateLayout) || s.Date > meta.End {
					t.Errorf("%s on %s is outside %s–%s", s.ID, s.Date, meta.Start, meta.End)
				}
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
			checkTimes(t, c, tc.checks)
		})
	}
}

func TestICalCorpusDetails(t *testing.T) {
	b := datatest.ReadCorpus(t, "ical/kielux-2020.ics")
	res, err := Parse(b, FormatICal, Options{TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Conference
	s := c.Session("467@KOLT20")
	// ATTENDEE;CN="Jürgen Groß";… folded across two lines.
	if got := c.SpeakerNames(s); got != "Jürgen Groß" {
		t.Errorf("speakers = %q", got)
	}
	if sp := c.Speaker("jurgen-gross"); sp == nil || sp.Name != "Jürgen Groß" {
		t.Errorf("speaker jurgen-gross = %+v", sp)
	}
	// "\," unescaped; "<i>die</i>" turned to text by Finish.
	if !strings.Contains(s.Abstract, "Xen war lange Zeit die Plattform zur Virtualisierung in der Open-Source Welt, da es") {
		t.Errorf("abstract = %q", s.Abstract)
	}
	if s.Room != "Ravensberg" || s.URL != "https://kielux.de/programm/KOLT20#467" {
		t.Errorf("room/url = %q %q", s.Room, s.URL)
	}
	if s.Date != "2020-09-18" || s.Start.Location().String() != "Europe/Berlin" || s.Start.Hour() != 14 {
		t.Errorf("local start = %s on %s", s.Start, s.Date)
	}

	b = datatest.ReadCorpus(t, "ical/linux-conf-au-2020.ics")
	res, err = Parse(b, FormatICal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c = res.Conference
	s = c.Session("85@lca2020.linux.org.au")
	// "Speaker: A/Prof Vanessa Teague" leads the description.
	if got := c.SpeakerNames(s); got != "A/Prof Vanessa Teague" {
		t.Errorf("speakers = %q", got)
	}
	if strings.HasPrefix(s.Abstract, "Speaker:") || !strings.HasPrefix(s.Abstract, "I'll begin with analysis") {
		t.Errorf("abstract = %.80q", s.Abstract)
	}
	// HTML description: the link's text stays, tags go.
	s = c.Session("201@lca2020.linux.org.au")
	if strings.Contains(s.Abstract, "<p>") || !strings.Contains(s.Abstract, "Women of Open Technology Breakfast, Presented by ThoughtWorks") {
		t.Errorf("abstract = %q", s.Abstract)
	}
}

// TestICalAgainstLibrary reads the corpus with arran4/golang-ical too and
// checks that both agree on every event's UID, times and text.
func TestICalAgainstLibrary(t *testing.T) {
	for _, f := range []string{"kielux-2020", "linux-conf-au-2020"} {
		t.Run(f, func(t *testing.T) {
			b := datatest.ReadCorpus(t, "ical/"+f+".ics")
			c, _, err := readICal(b, Options{})
			if err != nil {
				t.Fatal(err)
			}
			lib, err := ics.ParseCalendar(strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			evs := lib.Events()
			if len(evs) != len(c.Sessions) {
				t.Fatalf("library reads %d events, we read %d", len(evs), len(c.Sessions))
			}
			for i, ev := range evs {
				s := c.Sessions[i]
				if got := ev.Id(); got != s.ID {
					t.Errorf("event %d: UID %q vs %q", i, got, s.ID)
				}
				st, err := ev.GetStartAt()
				if err != nil || !st.Equal(s.Start) {
					t.Errorf("%s: start %v (%v) vs %v", s.ID, st, err, s.Start)
				}
				en, err := ev.GetEndAt()
				if err != nil || !en.Equal(s.End) {
					t.Errorf("%s: end %v (%v) vs %v", s.ID, en, err, s.End)
				}
				if p := ev.GetProperty(ics.ComponentPropertySummary); p == nil || p.Value != s.Title {
					t.Errorf("%s: summary %v vs %q", s.ID, p, s.Title)
				}
				if p := ev.GetProperty(ics.ComponentPropertyLocation); p != nil && p.Value != s.Room {
					t.Errorf("%s: location %q vs %q", s.ID, p.Value, s.Room)
				}
				p := ev.GetProperty(ics.ComponentPropertyDescription)
				desc := ""
				if p != nil {
					desc = p.Value
				}
				if len(ev.Attendees()) == 0 {
					_, desc = speakerLine(desc)
				}
				if keepLineBreaks(desc) != s.Abstract {
					t.Errorf("%s: description differs:\n%.200q\n%.200q", s.ID, p.Value, s.Abstract)
				}
			}
		})
	}
}

func TestICalSniff(t *testing.T) {
	for in, want := range map[string]bool{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n": true,
		"\xef\xbb\xbf\n  BEGIN:VCALENDAR\n":  true,
		"begin:vcalendar\n":                  true,
		"BEGIN:VEVENT\n":                     false,
		`{"sessions": []}`:                   false,
		"<?xml version=\"1.0\"?><schedule/>": false,
		"":                                   false,
	} {
		if got := sniffICal([]byte(in)); got != want {
			t.Errorf("sniffICal(%q) = %v", in, got)
		}
	}
}

// icalDoc wraps events in a calendar.
func icalDoc(head string, events ...string) string {
	s := "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test Org//Test//EN\n" + head
	for _, e := range events {
		s += "BEGIN:VEVENT\n" + e + "END:VEVENT\n"
	}
	return s + "END:VCALENDAR\n"
}

func parseICalString(t *testing.T, s string, opt Options) *Result {
	t.Helper()
	res, err := Parse([]byte(s), FormatICal, opt)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, s)
	}
	return res
}

func TestICalFeatures(t *testing.T) {
	t.Run("folded lines and escapes", func(t *testing.T) {
		doc := icalDoc("",
			"UID:a\nSUMMARY:One\\, two\\; three \\\\ four\nDTSTART:20250101T100000Z\n"+
				"DESCRIPTION:first line\\nsecond li\n ne\\Nthird\n\tline\nCATEGORIES:Web\\, Mobile,Cloud\n")
		c := parseICalString(t, doc, Options{}).Conference
		s := c.Session("a")
		if s.Title != `One, two; three \ four` {
			t.Errorf("title = %q", s.Title)
		}
		if s.Abstract != "first line\nsecond line\nthirdline" {
			t.Errorf("abstract = %q", s.Abstract)
		}
		if s.Track != "Web, Mobile, Cloud" {
			t.Errorf("track = %q", s.Track)
		}
		if !s.End.Equal(s.Start) {
			t.Errorf("no DTEND or DURATION: end %v, want the start", s.End)
		}
	})
	t.Run("CRLF and LF read the same", func(t *testing.T) {
		doc := icalDoc("X-WR-CALNAME:Same\n",
			"UID:a\nSUMMARY:Long title that is\n  folded\nDTSTART:20250101T100000Z\nDTEND:20250101T110000Z\nLOCATION:Hall\n")
		lf := parseICalString(t, doc, Options{}).Conference
		crlf := parseICalString(t, strings.ReplaceAll(doc, "\n", "\r\n"), Options{}).Conference
		cr := parseICalString(t, strings.ReplaceAll(doc, "\n", "\r"), Options{}).Conference
		for _, c := range []*data.Conference{crlf, cr} {
			a, b := lf.Sessions[0], c.Sessions[0]
			if a.Title != b.Title || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.Room != b.Room || c.Name != "Same" {
				t.Errorf("differs: %+v vs %+v", a, b)
			}
		}
		if lf.Sessions[0].Title != "Long title that is folded" {
			t.Errorf("title = %q", lf.Sessions[0].Title)
		}
	})
	t.Run("TZID without VTIMEZONE", func(t *testing.T) {
		doc := icalDoc("", "UID:a\nSUMMARY:x\nDTSTART;TZID=Europe/Paris:20250701T100000\nDTEND;TZID=\"Europe/Paris\":20250701T113000\n")
		c := parseICalString(t, doc, Options{}).Conference
		s := c.Sessions[0]
		// Paris is UTC+2 in July.
		if got := s.Start.UTC().Format(time.RFC3339); got != "2025-07-01T08:00:00Z" {
			t.Errorf("start = %s", got)
		}
		if s.Duration() != 90*time.Minute {
			t.Errorf("duration = %v", s.Duration())
		}
		if c.TimeZone != "Europe/Paris" {
			t.Errorf("zone = %q (from the TZID)", c.TimeZone)
		}
	})
	t.Run("VTIMEZONE with a custom TZID and X-LIC-LOCATION", func(t *testing.T) {
		head := "BEGIN:VTIMEZONE\nTZID:My Zone\nX-LIC-LOCATION:America/New_York\nBEGIN:STANDARD\nDTSTART:19701101T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\nEND:VTIMEZONE\n"
		c := parseICalString(t, icalDoc(head, "UID:a\nSUMMARY:x\nDTSTART;TZID=My Zone:20250115T090000\nDURATION:PT45M\n"), Options{}).Conference
		s := c.Sessions[0]
		if got := s.Start.UTC().Format(time.RFC3339); got != "2025-01-15T14:00:00Z" {
			t.Errorf("start = %s", got)
		}
		if s.Duration() != 45*time.Minute || c.TimeZone != "America/New_York" {
			t.Errorf("duration %v zone %q", s.Duration(), c.TimeZone)
		}
	})
	t.Run("X-WR-TIMEZONE for floating times", func(t *testing.T) {
		doc := icalDoc("X-WR-TIMEZONE:Asia/Tokyo\n", "UID:a\nSUMMARY:x\nDTSTART:20250101T100000\nDURATION:P1DT2H\n")
		c := parseICalString(t, doc, Options{TimeZone: "Europe/Berlin"}).Conference
		s := c.Sessions[0]
		if got := s.Start.UTC().Format(time.RFC3339); got != "2025-01-01T01:00:00Z" || c.TimeZone != "Asia/Tokyo" {
			t.Errorf("start = %s zone %s", got, c.TimeZone)
		}
		if s.Duration() != 26*time.Hour {
			t.Errorf("duration = %v", s.Duration())
		}
	})
	t.Run("zone from options, else UTC", func(t *testing.T) {
		doc := icalDoc("", "UID:a\nSUMMARY:x\nDTSTART:20250101T100000\n")
		if c := parseICalString(t, doc, Options{TimeZone: "America/Chicago"}).Conference; c.TimeZone != "America/Chicago" || c.Sessions[0].Start.UTC().Hour() != 16 {
			t.Errorf("zone %s start %v", c.TimeZone, c.Sessions[0].Start.UTC())
		}
		res := parseICalString(t, doc, Options{})
		if c := res.Conference; c.TimeZone != "UTC" || c.Sessions[0].Start.UTC().Hour() != 10 {
			t.Errorf("zone %s start %v", c.TimeZone, c.Sessions[0].Start.UTC())
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "--tz") {
			t.Errorf("warnings = %q", res.Warnings)
		}
	})
	t.Run("DATE-only is unscheduled on that day", func(t *testing.T) {
		res := parseICalString(t, icalDoc("", "UID:a\nSUMMARY:All day\nDTSTART;VALUE=DATE:20250102\nDTEND;VALUE=DATE:20250103\n"), Options{})
		s := res.Conference.Sessions[0]
		if s.Scheduled() || s.Date != "2025-01-02" {
			t.Errorf("scheduled %v date %q", s.Scheduled(), s.Date)
		}
	})
	t.Run("attendees, organizer, parameters", func(t *testing.T) {
		doc := icalDoc("",
			"UID:a\nSUMMARY:Talk - Jane Doe, 李雷\nDTSTART:20250101T100000Z\n"+
				"ORGANIZER;CN=Boss:mailto:boss@example.org\n"+
				"ATTENDEE;CN=\"Jane Doe\";X-CUSTOM=\"a;b:c\";ROLE=REQ-PARTICIPANT:mailto:jane@example.org\n"+
				"ATTENDEE;CHARSET=UTF-8;CN=李雷:mailto:li@example.org\n"+
				"SUMMARY;LANGUAGE=en;CHARSET=UTF-8:ignored second summary\n")
		c := parseICalString(t, doc, Options{}).Conference
		s := c.Sessions[0]
		if s.Title != "Talk" {
			t.Errorf("title = %q (the speaker suffix equals the attendees)", s.Title)
		}
		if len(c.Speakers) != 2 || c.Speakers[0].ID != "jane-doe" || c.Speakers[1].Name != "李雷" || c.Speakers[1].ID == "" {
			t.Errorf("speakers = %+v", c.Speakers)
		}
		if c.SpeakerNames(&s) != "Jane Doe, 李雷" {
			t.Errorf("names = %q", c.SpeakerNames(&s))
		}
	})
	t.Run("a dash in a title that is not the speakers stays", func(t *testing.T) {
		doc := icalDoc("", "UID:a\nSUMMARY:Rust - the good parts\nDTSTART:20250101T100000Z\nATTENDEE;CN=Jane Doe:x\n")
		if s := parseICalString(t, doc, Options{}).Conference.Sessions[0]; s.Title != "Rust - the good parts" {
			t.Errorf("title = %q", s.Title)
		}
	})
	t.Run("invalid UTF-8 is replaced", func(t *testing.T) {
		doc := icalDoc("", "UID:a\nSUMMARY:caf\xe9 \xff\xfe ok\nDTSTART:20250101T100000Z\n")
		res := parseICalString(t, doc, Options{})
		if s := res.Conference.Sessions[0]; s.Title != "caf\uFFFD \uFFFD ok" {
			t.Errorf("title = %q", s.Title)
		}
		if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "UTF-8") {
			t.Errorf("warnings = %q", res.Warnings)
		}
	})
	t.Run("leading whitespace and BOM", func(t *testing.T) {
		doc := "\xef\xbb\xbf\n  \t\n  " + icalDoc("", "UID:a\nSUMMARY:x\nDTSTART:20250101T100000Z\n")
		if f, err := Detect([]byte(doc)); err != nil || f != FormatICal {
			t.Fatalf("Detect = %v, %v", f, err)
		}
		if c := parseICalString(t, doc, Options{}).Conference; len(c.Sessions) != 1 {
			t.Errorf("%d sessions", len(c.Sessions))
		}
	})
	t.Run("name falls back to PRODID", func(t *testing.T) {
		c := parseICalString(t, icalDoc("", "UID:a\nSUMMARY:x\nDTSTART:20250101T100000Z\n"), Options{}).Conference
		if c.Name != "Test Org" || c.Slug != "test-org" {
			t.Errorf("name %q slug %q", c.Name, c.Slug)
		}
	})
	t.Run("unknown TZID warns and uses the calendar zone", func(t *testing.T) {
		res := parseICalString(t, icalDoc("X-WR-TIMEZONE:Europe/Berlin\n", "UID:a\nSUMMARY:x\nDTSTART;TZID=Mars/Olympus:20250101T100000\n"), Options{})
		if got := res.Conference.Sessions[0].Start.UTC().Hour(); got != 9 {
			t.Errorf("start hour UTC = %d", got)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Mars/Olympus") {
			t.Errorf("warnings = %q", res.Warnings)
		}
	})
	t.Run("duplicate UIDs are kept apart", func(t *testing.T) {
		ev := "UID:same\nSUMMARY:x\nDTSTART:20250101T100000Z\n"
		res := parseICalString(t, icalDoc("", ev, ev), Options{})
		if res.Conference.Session("same") == nil || res.Conference.Session("same-2") == nil {
			t.Errorf("ids = %q, %q", res.Conference.Sessions[0].ID, res.Conference.Sessions[1].ID)
		}
	})
}

func TestICalDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"PT1H30M": 90 * time.Minute, "P1W": 7 * 24 * time.Hour, "P1DT2H": 26 * time.Hour,
		"PT45S": 45 * time.Second, "-PT5M": -5 * time.Minute, "+PT15M": 15 * time.Minute, "pt1h": time.Hour,
	} {
		if got, ok := parseICalDuration(in); !ok || got != want {
			t.Errorf("%s = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "P", "PT", "1H", "PT1H30", "P1Y", "PT99999999999H"} {
		if _, ok := parseICalDuration(in); ok {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestICalErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		line      int
		msg       string
	}{
		{"missing colon", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY x\nEND:VEVENT\nEND:VCALENDAR\n", 3, "missing ':'"},
		{"param without colon", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY;X=a\nEND:VEVENT\nEND:VCALENDAR\n", 3, "missing ':'"},
		{"junk after quoted param", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY;X=\"a\"b:c\nEND:VEVENT\nEND:VCALENDAR\n", 3, "after parameter X"},
		{"unterminated quote", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE;CN=\"Jane:x\nEND:VEVENT\nEND:VCALENDAR\n", 3, "unterminated"},
		{"bad param", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID:20200101T100000\nEND:VEVENT\nEND:VCALENDAR\n", 3, "malformed parameter"},
		{"mismatched END", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n", 4, "does not close BEGIN:VEVENT from line 2"},
		{"truncated", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:x\n", 3, "never closed"},
		{"bad date-time", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:2020-01-01 10:00\nEND:VEVENT\nEND:VCALENDAR\n", 4, "not a date-time"},
		{"bad date", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20201345\nEND:VEVENT\nEND:VCALENDAR\n", 4, "not a date"},
		{"bad duration", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20200101T100000Z\nDURATION:1 hour\nEND:VEVENT\nEND:VCALENDAR\n", 5, "DURATION"},
		{"line numbers count folded lines", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:a\n b\n c\nSUMMARY\nEND:VEVENT\nEND:VCALENDAR\n", 6, "missing ':'"},
		{"CRLF line numbers", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\r\nSUMMARY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 4, "missing ':'"},
		{"property outside", "BEGIN:VCALENDAR\nEND:VCALENDAR\nSUMMARY:x\n", 3, "outside"},
		{"wrong top component", "BEGIN:VEVENT\nEND:VEVENT\n", 1, "expected BEGIN:VCALENDAR"},
		{"no calendar", "\n\n", 1, "no BEGIN:VCALENDAR"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc), FormatICal, Options{})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) || pe.Format != FormatICal {
				t.Errorf("got %q (line %d), want line %d with %q", err, pe.Line, tc.line, tc.msg)
			}
		})
	}
}

func TestICalGolden(t *testing.T) {
	for _, name := range []string{"ical-pretalx", "ical-attendees"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", name+".ics"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(b, FormatAuto, Options{Source: name + ".ics"})
			if err != nil {
				t.Fatal(err)
			}
			out := impDump(res.Conference, 3)
			if len(res.Warnings) > 0 {
				out += "\nwarnings:\n" + strings.Join(res.Warnings, "\n") + "\n"
			}
			golden.RequireEqual(t, out)
		})
	}
}

func FuzzICal(f *testing.F) {
	for _, b := range datatest.CorpusSeeds(0, "ical/kielux-2020.ics", "ical/linux-conf-au-2020.ics") {
		f.Add(b)
	}
	for _, name := range []string{"ical-pretalx.ics", "ical-attendees.ics"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY;X=\"a\"b:c\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=/Europe/Paris:20200101T1000\nDURATION:-P1W\nEND:VEVENT\nEND:VCALENDAR"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, pe := fuzzParse(t, b, FormatICal, Options{TimeZone: "Europe/Berlin"}); pe != nil && pe.Line < 1 {
			t.Fatalf("error without a line: %v", pe)
		}
	})
}

func BenchmarkReadICalLCA(b *testing.B) {
	data := datatest.ReadCorpus(b, "ical/linux-conf-au-2020.ics")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, FormatICal, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
