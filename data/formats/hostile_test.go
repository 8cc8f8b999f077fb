package formats

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Payloads that do harm when a terminal receives them: OSC 0 sets the
// window title, OSC 52 writes the clipboard, CSI 6n makes the terminal type
// its cursor position into the shell.
var terminalPayloads = map[string]string{
	"osc0":  "\x1b]0;pwned\x07",
	"osc52": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
	"csi6n": "\x1b[6n",
	"c1csi": "\u009b6n",
	"bidi":  "\u202eevil\u2066x\u2069",
}

// unsafeRune reports a rune that must never reach a terminal from a file:
// C0 controls other than tab and newline, DEL, C1 controls, bidi controls.
func unsafeRune(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r) {
			return r, true
		}
	}
	return 0, false
}

// isBidi reports a bidi override, embedding, isolate or mark.
func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// checkSafeError fails when an error's text holds a control or bidi character.
func checkSafeError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if r, bad := unsafeRune(err.Error()); bad {
		t.Fatalf("error text holds %U: %q", r, err.Error())
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("error text is not one line: %q", err.Error())
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func xmlAttrText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '<' || r == '&' {
			fmt.Fprintf(&b, "&#%d;", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wantRefusedAt checks that err refuses the file at the given line, with a
// column, in one clean line.
func wantRefusedAt(t *testing.T, err error, f Format, line int) *ParseError {
	t.Helper()
	if err == nil {
		t.Fatal("the file was read; want it refused")
	}
	checkSafeError(t, err)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	// iCalendar errors name a content line, which starts at column 1.
	if pe.Format != f || pe.Line != line || (pe.Column < 1 && f != FormatICal) {
		t.Fatalf("error %q: want %s at line %d with a column", err, f, line)
	}
	return pe
}

func TestHostileDatesRefused(t *testing.T) {
	dates := map[string]string{"impossible": "2020-02-30", "words": "tomorrow"}
	for k, v := range terminalPayloads {
		dates[k] = "2020-01-01" + v
	}
	for name, date := range dates {
		t.Run(name, func(t *testing.T) {
			t.Run("frab-xml day", func(t *testing.T) {
				doc := "<schedule>\n<conference><title>x</title><time_zone_name>UTC</time_zone_name></conference>\n" +
					`  <day index="1" date="` + xmlAttrText(date) + `"><room name="A"><event id="1"><title>t</title><start>10:00</start><duration>00:30</duration></event></room></day>` + "\n</schedule>"
				_, err := Parse([]byte(doc), FormatAuto, Options{})
				if pe := wantRefusedAt(t, err, FormatFrabXML, 3); pe.Column != 3 {
					t.Errorf("column %d, want 3 (the <day> tag)", pe.Column)
				}
			})
			t.Run("schedule.json day", func(t *testing.T) {
				doc := `{"schedule": {"conference": {"title": "x", "time_zone_name": "UTC", "days": [` + "\n" +
					`{"date": ` + jsonString(date) + `, "rooms": {"A": [{"id": 1, "title": "t", "start": "10:00", "duration": "00:30"}]}}]}}}`
				_, err := Parse([]byte(doc), FormatAuto, Options{})
				if pe := wantRefusedAt(t, err, FormatScheduleJSON, 2); pe.Column != 10 {
					t.Errorf("column %d, want 10 (the date's value)", pe.Column)
				}
			})
			t.Run("lineup session", func(t *testing.T) {
				doc := `{"lineup": 1, "conference": {"slug": "x", "name": "x", "timezone": "UTC", "sessions": [` + "\n" +
					`{"id": "1", "title": "t", "date": ` + jsonString(date) + `}]}}`
				_, err := Parse([]byte(doc), FormatAuto, Options{})
				wantRefusedAt(t, err, FormatLineup, 2)
			})
			t.Run("lineup day", func(t *testing.T) {
				doc := `{"lineup": 1, "conference": {"slug": "x", "name": "x", "timezone": "UTC",` + "\n" +
					`"days": [{"date": ` + jsonString(date) + `, "label": "Day 1"}], "sessions": []}}`
				_, err := Parse([]byte(doc), FormatAuto, Options{})
				wantRefusedAt(t, err, FormatLineup, 2)
			})
			t.Run("lineup conference start", func(t *testing.T) {
				doc := `{"lineup": 1, "conference": {"slug": "x", "name": "x", "timezone": "UTC",` + "\n\n" +
					`"start": ` + jsonString(date) + `, "sessions": []}}`
				_, err := Parse([]byte(doc), FormatAuto, Options{})
				wantRefusedAt(t, err, FormatLineup, 3)
			})
		})
	}
}

func TestImpossibleDateSaysSo(t *testing.T) {
	doc := `<schedule><conference><title>x</title></conference><day date="2021-02-30"></day></schedule>`
	_, err := Parse([]byte(doc), FormatFrabXML, Options{})
	if err == nil || !strings.Contains(err.Error(), "no such day") || !strings.Contains(err.Error(), "line 1, column 52") {
		t.Errorf("error %v", err)
	}
}

func TestHostileDateSaysItWasCleaned(t *testing.T) {
	doc := `<schedule><conference><title>x</title></conference><day date="2021-02-03&#27;]0;x&#7;"></day></schedule>`
	_, err := Parse([]byte(doc), FormatFrabXML, Options{})
	if err == nil || !strings.Contains(err.Error(), `"2021-02-03" (shown without its control characters) is not a date`) {
		t.Errorf("error %v", err)
	}
}

func TestGoodDatesStillRead(t *testing.T) {
	// A <day> date given as a date-time keeps its day.
	doc := `<schedule><conference><title>x</title><time_zone_name>Europe/Berlin</time_zone_name></conference><day date="2024-03-01T00:00:00+01:00"><room name="A"><event id="1"><title>t</title><start>10:00</start><duration>00:30</duration></event></room></day></schedule>`
	r, err := Parse([]byte(doc), FormatFrabXML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Conference.Dates(); len(got) != 1 || got[0] != "2024-03-01" {
		t.Errorf("dates %q", got)
	}
}

// hostileInputs are files whose error messages would quote a payload.
func hostileInputs() []struct {
	name string
	f    Format
	b    string
} {
	type in = struct {
		name string
		f    Format
		b    string
	}
	var out []in
	for k, p := range terminalPayloads {
		out = append(out,
			in{"ical begin " + k, FormatAuto, "BEGIN:VCALENDAR\nBEGIN:" + p + "\nEND:" + p + "\nEND:VCALENDAR\n"},
			in{"ical end " + k, FormatAuto, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:V" + p + "\nEND:VCALENDAR\n"},
			in{"ical first begin " + k, FormatICal, "BEGIN:" + p + "\nEND:VCALENDAR\n"},
			in{"ical unclosed " + k, FormatICal, "BEGIN:VCALENDAR\nBEGIN:X" + p + "\n"},
			in{"ical property " + k, FormatICal, "BEGIN:VCALENDAR\n" + p + ":x\nEND:VCALENDAR\n"},
			in{"ical date " + k, FormatICal, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2020" + p + "\nEND:VEVENT\nEND:VCALENDAR\n"},
			in{"ical duration " + k, FormatICal, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20200101T100000Z\nDURATION:" + p + "\nEND:VEVENT\nEND:VCALENDAR\n"},
			in{"sessionize id " + k, FormatAuto, `{"sessions": [{"id": {` + jsonString(p) + `: 1}}], "speakers": [], "rooms": []}`},
			in{"sessionize id array " + k, FormatSessionize, `{"sessions": [{"id": [` + jsonString(p) + `]}], "speakers": [], "rooms": []}`},
			in{"sessionize time " + k, FormatSessionize, `{"sessions": [{"id": 1, "startsAt": ` + jsonString(p) + `}], "speakers": [], "rooms": []}`},
			in{"schedule.json room " + k, FormatScheduleJSON, `{"schedule": {"conference": {"days": [{"rooms": {` + jsonString(p) + `: 5}}]}}}`},
			in{"schedule.json text " + k, FormatScheduleJSON, `{"schedule": {"conference": {"title": [` + jsonString(p) + `]}}}`},
			in{"frab root " + k, FormatFrabXML, "<" + p + "/>"},
			in{"frab end tag " + k, FormatFrabXML, "<schedule></" + p + ">"},
			in{"frab entity " + k, FormatFrabXML, "<schedule><conference><title>&" + p + ";</title></conference></schedule>"},
			in{"frab attribute " + k, FormatFrabXML, "<schedule " + p + "=1></schedule>"},
			in{"lineup version " + k, FormatLineup, `{"lineup": 1, "conference": {"sessions": [{"id": 1}]}, "x": ` + jsonString(p) + `}`},
			in{"lineup type " + k, FormatLineup, `{"lineup": 1, "conference": {"name": {` + jsonString(p) + `: 1}}}`},
		)
	}
	return out
}

func TestReaderErrorsAreClean(t *testing.T) {
	tried, refused := 0, 0
	for _, in := range hostileInputs() {
		t.Run(in.name, func(t *testing.T) {
			tried++
			r, err := Parse([]byte(in.b), in.f, Options{TimeZone: "UTC"})
			checkSafeError(t, err)
			if err != nil {
				refused++
				return
			}
			for _, w := range r.Warnings {
				if rn, bad := unsafeRune(w); bad {
					t.Errorf("warning holds %U: %q", rn, w)
				}
			}
		})
	}
	t.Logf("%d hostile inputs, %d refused", tried, refused)
}

func TestICalBeginNameQuoted(t *testing.T) {
	_, err := Parse([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:X\x1b]0;t\x07Y\nEND:VCALENDAR\n"), FormatICal, Options{})
	if err == nil || !strings.Contains(err.Error(), `END:"XY" does not close BEGIN:VEVENT`) {
		t.Errorf("error %v", err)
	}
}

func TestJSONWithByteOrderMark(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Format
		doc  string
	}{
		{"lineup", FormatLineup, `{"lineup": 1, "conference": {"slug": "x", "name": "X", "timezone": "UTC", "sessions": [{"id": "1", "title": "t", "date": "2020-01-01"}]}}`},
		{"schedule.json", FormatScheduleJSON, `{"schedule": {"conference": {"title": "X", "time_zone_name": "UTC", "days": [{"date": "2020-01-01", "rooms": {"A": [{"id": 1, "title": "t", "start": "10:00", "duration": "00:30"}]}}]}}}`},
		{"sessionize", FormatSessionize, `{"sessions": [{"id": "1", "title": "t", "startsAt": "2020-01-01T10:00:00", "endsAt": "2020-01-01T10:30:00"}], "speakers": [], "categories": [], "rooms": []}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, err := Parse([]byte(tc.doc), FormatAuto, Options{TimeZone: "UTC"})
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse([]byte("\xef\xbb\xbf"+tc.doc), FormatAuto, Options{TimeZone: "UTC"})
			if err != nil {
				t.Fatalf("with a byte-order mark: %v", err)
			}
			if r.Format != tc.f || len(r.Conference.Sessions) != 1 || r.Conference.Sessions[0].Title != plain.Conference.Sessions[0].Title {
				t.Errorf("read as %s: %+v", r.Format, r.Conference.Sessions)
			}
		})
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestUTF16XML(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<schedule><conference><title>Café</title><time_zone_name>UTC</time_zone_name></conference><day date=\"2020-01-01\"><room name=\"A\"><event id=\"1\"><title>Über</title><start>10:00</start><duration>00:30</duration></event></room></day></schedule>"
	for _, tc := range []struct {
		name     string
		big, bom bool
	}{{"le bom", false, true}, {"be bom", true, true}, {"le", false, false}, {"be", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(utf16Bytes(doc, tc.big, tc.bom), FormatAuto, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Conference.Name != "Café" || r.Conference.Sessions[0].Title != "Über" {
				t.Errorf("read %q / %q", r.Conference.Name, r.Conference.Sessions[0].Title)
			}
		})
	}
	t.Run("broken", func(t *testing.T) {
		b := utf16Bytes(doc, false, true)
		_, err := Parse(b[:len(b)-1], FormatAuto, Options{})
		if err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("error %v", err)
		}
	})
}

func TestFrabXMLDTDEntitiesNotExpanded(t *testing.T) {
	var dtd strings.Builder
	dtd.WriteString(`<!DOCTYPE schedule [` + "\n" + `<!ENTITY lol "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&dtd, "\n<!ENTITY lol%d \"%s\">", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	dtd.WriteString("\n]>\n")
	bomb := `<?xml version="1.0"?>` + "\n" + strings.ReplaceAll(dtd.String(), "&lol0;", "&lol;") +
		"<schedule><conference><title>&lol9;</title></conference></schedule>"
	_, err := Parse([]byte(bomb), FormatAuto, Options{})
	pe := wantRefusedAt(t, err, FormatFrabXML, 14)
	if !strings.Contains(pe.Msg, "does not expand") {
		t.Errorf("error %v does not say why", err)
	}
	// The same DTD with no entity used: the file is read.
	ok := `<?xml version="1.0"?>` + "\n" + dtd.String() + "<schedule><conference><title>Fine</title></conference></schedule>"
	r, err := Parse([]byte(ok), FormatAuto, Options{})
	if err != nil || r.Conference.Name != "Fine" {
		t.Errorf("%v", err)
	}
}

func TestTruncatedSessionizeSaysWhere(t *testing.T) {
	doc := `{"sessions": [` + "\n" + `{"id": "1", "title": "t", "startsAt": "2020-01-01T10:00:00"},` + "\n" + `{"id": "2", "title": "cut sh`
	_, err := Parse([]byte(doc), FormatAuto, Options{TimeZone: "UTC"})
	wantRefusedAt(t, err, FormatSessionize, 3)
}

func TestICalRepeatsWarned(t *testing.T) {
	doc := "BEGIN:VCALENDAR\nX-WR-TIMEZONE:UTC\nBEGIN:VEVENT\nUID:a\nSUMMARY:Daily standup\nDTSTART:20200101T090000Z\nDURATION:PT15M\nRRULE:FREQ=DAILY;COUNT=1000000\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nSUMMARY:Talk\nDTSTART:20200101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"
	r, err := Parse([]byte(doc), FormatICal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Conference.Sessions) != 2 {
		t.Errorf("%d sessions, want 2", len(r.Conference.Sessions))
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "1 event repeats (RRULE/RDATE); only its first occurrence was read") {
		t.Errorf("no warning about the repeats: %q", r.Warnings)
	}
}

func TestTooManySessionsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of 200,001 sessions")
	}
	n := MaxSessions + 1
	var ics bytes.Buffer
	ics.WriteString("BEGIN:VCALENDAR\n")
	for range n {
		ics.WriteString("BEGIN:VEVENT\nEND:VEVENT\n")
	}
	ics.WriteString("END:VCALENDAR\n")
	var xml bytes.Buffer
	xml.WriteString(`<schedule><conference/><day date="2020-01-01"><room name="A">` + "\n")
	for range n {
		xml.WriteString("<event/>\n")
	}
	xml.WriteString("</room></day></schedule>")
	list := func(prefix, item, suffix string) []byte {
		var b bytes.Buffer
		b.WriteString(prefix)
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(item)
		}
		b.WriteString(suffix)
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		f    Format
		b    []byte
		line int
	}{
		{"ical", FormatICal, ics.Bytes(), 2*MaxSessions + 2},
		{"frab-xml", FormatFrabXML, xml.Bytes(), MaxSessions + 2},
		{"sessionize", FormatSessionize, list(`{"speakers": [], "rooms": [], "sessions": [`+"\n", "{}", "]}"), MaxSessions + 2},
		{"lineup", FormatLineup, list(`{"lineup": 1, "conference": {"sessions": [`+"\n", "{}", "]}}"), MaxSessions + 2},
		{"schedule.json", FormatScheduleJSON, list(`{"schedule": {"conference": {"days": [{"rooms": {"A": [`+"\n", "{}", "]}}]}}}"), MaxSessions + 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.b, FormatAuto, Options{TimeZone: "UTC"})
			if pe := wantRefusedAt(t, err, tc.f, tc.line); !strings.Contains(pe.Msg, "at most 200,000 sessions") {
				t.Errorf("error %v", err)
			}
		})
	}
}

func TestTooManyRecordsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of a million records")
	}
	var b bytes.Buffer
	b.WriteString(`{"lineup": 1, "conference": {"sessions": [], "sponsors": [`)
	for i := range maxItems + 1 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`""`)
	}
	b.WriteString("]}}")
	_, err := Parse(b.Bytes(), FormatAuto, Options{})
	if pe := wantRefusedAt(t, err, FormatLineup, 1); !strings.Contains(pe.Msg, "at most that many") {
		t.Errorf("error %v", err)
	}
	b.Reset()
	b.WriteString(`{"sessions": [], "rooms": [], "speakers": [`)
	for i := range MaxSessions + 1 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{}`)
	}
	b.WriteString("]}")
	_, err = Parse(b.Bytes(), FormatAuto, Options{TimeZone: "UTC"})
	if pe := wantRefusedAt(t, err, FormatSessionize, 1); !strings.Contains(pe.Msg, "200,000 speakers") {
		t.Errorf("error %v", err)
	}
}

func TestTooManyICalPropertiesRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a calendar of two million properties")
	}
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\nBEGIN:VEVENT\n")
	for range maxICalProps + 1 {
		b.WriteString("X:y\n")
	}
	b.WriteString("END:VEVENT\nEND:VCALENDAR\n")
	_, err := Parse(b.Bytes(), FormatAuto, Options{TimeZone: "UTC"})
	if pe := wantRefusedAt(t, err, FormatICal, maxICalProps+3); !strings.Contains(pe.Msg, "properties") {
		t.Errorf("error %v", err)
	}
}
