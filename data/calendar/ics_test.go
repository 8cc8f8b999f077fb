package calendar

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/formats"
)

func icsConference(t testing.TB) *data.Conference {
	t.Helper()
	loc := data.LoadZone("Europe/Berlin")
	at := func(h, m int) time.Time { return time.Date(2025, 6, 10, h, m, 0, 0, loc) }
	c := &data.Conference{
		Slug: "demo-conf-2025", Name: "Demo, Conf; 2025 \\ Ünïcode", TimeZone: "Europe/Berlin",
		Speakers: []data.Speaker{{ID: "ada", Name: "Ada Lovelace"}, {ID: "li", Name: "李雷"}},
		Sessions: []data.Session{
			{
				ID: "s1", Title: "Commas, semicolons; and \\ backslashes", Start: at(10, 0), End: at(10, 45),
				Room: "Saal 1", Track: "Web, Mobile", SpeakerIDs: []string{"ada", "li"},
				Abstract: "First paragraph.\n\nSecond line with emoji 🎉 and tab\there.",
				URL:      "https://example.org/talks/s1?a=1&b=2",
			},
			{
				ID: "s2", Title: strings.Repeat("Überlänge für Fußgänger — ", 8) + "终", Start: at(11, 0), End: at(12, 0),
				Room:     "Hörsaal Ä",
				Abstract: strings.Repeat("日本語のテキスト。", 30) + strings.Repeat("🎉", 40),
			},
			{ID: "tba", Title: "Not scheduled yet", Date: "2025-06-11"},
			{ID: "s3", Title: "No end given", Start: at(13, 0), End: at(13, 0)},
		},
	}
	c.Prepare()
	return c
}

func icsExport(t testing.TB, c *data.Conference, mine map[string]data.Personal) []byte {
	t.Helper()
	var ss []*data.Session
	for i := range c.Sessions {
		ss = append(ss, &c.Sessions[i])
	}
	var buf bytes.Buffer
	now := time.Date(2025, 5, 1, 8, 30, 0, 0, time.FixedZone("X", 3600))
	if err := WriteICS(&buf, c, ss, mine, now); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// icsUnfold joins folded lines of CRLF text.
func icsUnfold(b []byte) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n ", ""), "\r\n"), "\r\n")
}

func TestWriteICSFormat(t *testing.T) {
	c := icsConference(t)
	out := icsExport(t, c, map[string]data.Personal{"s1": {Starred: true, Note: "Sit near the door, leave early; ask about X\\Y"}})
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("does not end with END:VCALENDAR CRLF")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 5 {
		t.Errorf("only %d continuation lines; the long texts were not folded", folded)
	}
	lines := icsUnfold(out)
	for _, want := range []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//lineup//lineup//EN", "CALSCALE:GREGORIAN",
		`X-WR-CALNAME:Demo\, Conf\; 2025 \\ Ünïcode`,
		"UID:s1@demo-conf-2025.lineup",
		"DTSTAMP:20250501T073000Z",
		"DTSTART:20250610T080000Z", "DTEND:20250610T084500Z",
		`SUMMARY:Commas\, semicolons\; and \\ backslashes`,
		"LOCATION:Saal 1",
		`DESCRIPTION:Speakers: Ada Lovelace\, 李雷\n\nFirst paragraph.\n\nSecond line with emoji 🎉 and tab` + "\there." + `\n\nMy note: Sit near the door\, leave early\; ask about X\\Y`,
		"URL:https://example.org/talks/s1?a=1&b=2",
		`CATEGORIES:Web\, Mobile`,
		"UID:s3@demo-conf-2025.lineup", "DTSTART:20250610T110000Z",
	} {
		found := false
		for _, l := range lines {
			if l == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no line %q", want)
		}
	}
	s := string(out)
	if strings.Contains(s, "tba@") || strings.Contains(s, "Not scheduled") {
		t.Error("the unscheduled session was written")
	}
	if n := strings.Count(s, "BEGIN:VEVENT"); n != 3 {
		t.Errorf("%d events, want 3", n)
	}
	// s3 has no length: no DTEND (a DTEND must be later than DTSTART).
	i := strings.Index(s, "UID:s3@")
	if j := strings.Index(s[i:], "END:VEVENT"); strings.Contains(s[i:i+j], "DTEND") {
		t.Error("zero-length session has a DTEND")
	}
}

func TestICSFold(t *testing.T) {
	var buf bytes.Buffer
	iw := &icsWriter{w: bufio.NewWriter(&buf)}
	// 2-, 3- and 4-byte sequences lined up so that octet 75 falls inside them.
	for _, v := range []string{strings.Repeat("é", 100), "x" + strings.Repeat("終", 60), "xy" + strings.Repeat("🎉", 50), strings.Repeat("a", 74), strings.Repeat("a", 75)} {
		buf.Reset()
		iw.text("SUMMARY", v)
		iw.w.Flush()
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Errorf("bad line (%d octets): %q", len(line), line)
			}
		}
		if got := icsUnfold(buf.Bytes()); len(got) != 1 || got[0] != "SUMMARY:"+v {
			t.Errorf("unfolds to %q", got)
		}
	}
	// "SUMMARY:" + 67 octets is exactly 75: no fold.
	buf.Reset()
	iw.text("SUMMARY", strings.Repeat("a", 67))
	iw.w.Flush()
	if strings.Count(buf.String(), "\r\n") != 1 {
		t.Errorf("75-octet line was folded: %q", buf.String())
	}
}

func TestICSEscape(t *testing.T) {
	for in, want := range map[string]string{
		`a,b;c\d`:       `a\,b\;c\\d`,
		"x\ny\r\nz\rw":  `x\ny\nz\nw`,
		"bell\x07tab\t": "belltab\t",
		"":              "",
	} {
		if got := icsEscape(in); got != want {
			t.Errorf("icsEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteICSRoundTripLibrary(t *testing.T) {
	c := icsConference(t)
	mine := map[string]data.Personal{"s2": {Starred: true, Note: "Bring; a, charger"}}
	out := icsExport(t, c, mine)
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 3 {
		t.Fatalf("%d events, want 3", len(evs))
	}
	for _, ev := range evs {
		id := strings.TrimSuffix(ev.Id(), "@demo-conf-2025.lineup")
		s := c.Session(id)
		if s == nil {
			t.Errorf("UID %q names no session", ev.Id())
			continue
		}
		st, err := ev.GetStartAt()
		if err != nil || !st.Equal(s.Start) {
			t.Errorf("%s start %v (%v), want %v", id, st, err, s.Start)
		}
		if s.End.After(s.Start) {
			en, err := ev.GetEndAt()
			if err != nil || !en.Equal(s.End) {
				t.Errorf("%s end %v (%v), want %v", id, en, err, s.End)
			}
		}
		if p := ev.GetProperty(ics.ComponentPropertySummary); p == nil || p.Value != s.Title {
			t.Errorf("%s summary %v, want %q", id, p, s.Title)
		}
		if s.Room != "" {
			if p := ev.GetProperty(ics.ComponentPropertyLocation); p == nil || p.Value != s.Room {
				t.Errorf("%s location %v, want %q", id, p, s.Room)
			}
		}
		if d := icsDescription(c, s, mine[id]); d != "" {
			if p := ev.GetProperty(ics.ComponentPropertyDescription); p == nil || p.Value != d {
				t.Errorf("%s description %v, want %q", id, p, d)
			}
		}
	}
	if p := cal.CalendarProperties; len(p) == 0 {
		t.Error("no calendar properties")
	}
}

func TestWriteICSRoundTripReader(t *testing.T) {
	c := icsConference(t)
	formats.Finish(c)
	out := icsExport(t, c, map[string]data.Personal{"s1": {Note: "note"}})
	res, err := formats.Parse(out, formats.FormatAuto, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != formats.FormatICal {
		t.Fatalf("detected as %s", res.Format)
	}
	back := res.Conference
	if back.Name != c.Name || back.TimeZone != "Europe/Berlin" {
		t.Errorf("name %q zone %q", back.Name, back.TimeZone)
	}
	for _, id := range []string{"s1", "s2", "s3"} {
		s, r := c.Session(id), back.Session(id+"@demo-conf-2025.lineup")
		if r == nil {
			t.Errorf("%s missing", id)
			continue
		}
		if r.Title != s.Title || !r.Start.Equal(s.Start) || !r.End.Equal(s.End) || r.Room != s.Room || r.Track != s.Track || r.URL != s.URL {
			t.Errorf("%s came back as %+v", id, r)
		}
		if got, want := back.SpeakerNames(r), c.SpeakerNames(s); got != want {
			t.Errorf("%s speakers %q, want %q", id, got, want)
		}
		if !strings.HasPrefix(r.Abstract, s.Abstract) {
			t.Errorf("%s abstract %q, want %q", id, r.Abstract, s.Abstract)
		}
	}
	if r := back.Session("s1@demo-conf-2025.lineup"); !strings.HasSuffix(r.Abstract, "My note: note") {
		t.Errorf("note missing: %q", r.Abstract)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteICSError(t *testing.T) {
	c := icsConference(t)
	var ss []*data.Session
	for i := range c.Sessions {
		ss = append(ss, &c.Sessions[i])
	}
	for _, n := range []int{0, 100, 1000} {
		if err := WriteICS(&failWriter{n: n}, c, ss, nil, time.Now()); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: error %v", n, err)
		}
	}
}
