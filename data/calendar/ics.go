// Package calendar writes iCalendar (RFC 5545) files: a person's agenda
// exported for calendar applications (lineup agenda --ics).
package calendar

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
)

// icsMaxLine is the longest content line RFC 5545 allows, in octets,
// without the CRLF.
const icsMaxLine = 75

// WriteICS writes sessions of c as an RFC 5545 calendar: CRLF line ends,
// lines folded at 75 octets, one VEVENT per scheduled session with times in
// UTC and a UID that stays the same across exports
// ("<session-id>@<conference-slug>.lineup"). DESCRIPTION holds the speakers,
// the abstract and the person's note from mine, if any. Unscheduled sessions
// are skipped. now is the DTSTAMP.
func WriteICS(w io.Writer, c *data.Conference, sessions []*data.Session, mine map[string]data.Personal, now time.Time) error {
	return writeICS(w, c, sessions, mine, now, nil)
}

// writeICS is WriteICS; alarm, when not nil, gives the VALARM lines of
// each event.
func writeICS(w io.Writer, c *data.Conference, sessions []*data.Session, mine map[string]data.Personal, now time.Time, alarm func(*data.Session) []string) error {
	events := make([]Event, len(sessions))
	for i, s := range sessions {
		events[i] = Event{Session: s, Stamp: now}
	}
	return WriteEvents(w, c, events, mine, alarm)
}

// Event is one session to export with its revision: SEQUENCE (written when
// above 0), DTSTAMP, and STATUS:CANCELLED when Cancelled.
type Event struct {
	Session   *data.Session
	Sequence  int
	Stamp     time.Time
	Cancelled bool
}

// WriteEvents is WriteICS with each session's revision given (see
// changes.CalendarEvents for the rules that keep calendars right across
// versions of a schedule); alarm, when not nil, gives the VALARM lines of
// each event (AlarmLines).
func WriteEvents(w io.Writer, c *data.Conference, events []Event, mine map[string]data.Personal, alarm func(*data.Session) []string) error {
	bw := bufio.NewWriter(w)
	iw := &icsWriter{w: bw}
	slug := c.Slug
	if slug == "" {
		slug = data.Slugify(c.Name)
	}
	if slug == "" {
		slug = "conference"
	}

	iw.raw("BEGIN:VCALENDAR")
	iw.raw("VERSION:2.0")
	iw.raw("PRODID:-//lineup//lineup//EN")
	iw.raw("CALSCALE:GREGORIAN")
	iw.raw("METHOD:PUBLISH")
	name := c.Name
	if name == "" {
		name = slug
	}
	iw.text("X-WR-CALNAME", name)
	if tz := c.TimeZone; tz != "" && !strings.HasPrefix(tz, "+") && !strings.HasPrefix(tz, "-") {
		iw.text("X-WR-TIMEZONE", tz)
	}
	for _, ev := range events {
		s := ev.Session
		if s == nil || !s.Scheduled() {
			continue
		}
		iw.raw("BEGIN:VEVENT")
		iw.text("UID", s.ID+"@"+slug+".lineup")
		iw.raw("DTSTAMP:" + icsTime(ev.Stamp))
		if ev.Sequence > 0 {
			iw.raw("SEQUENCE:" + strconv.Itoa(ev.Sequence))
		}
		if ev.Cancelled {
			iw.raw("STATUS:CANCELLED")
		}
		iw.raw("DTSTART:" + icsTime(s.Start))
		if s.End.After(s.Start) {
			iw.raw("DTEND:" + icsTime(s.End))
		}
		iw.text("SUMMARY", s.Title)
		if s.Room != "" {
			iw.text("LOCATION", s.Room)
		}
		if d := icsDescription(c, s, mine[s.ID]); d != "" {
			iw.text("DESCRIPTION", d)
		}
		if s.URL != "" {
			iw.raw("URL:" + icsURI(s.URL))
		}
		if s.Track != "" {
			iw.text("CATEGORIES", s.Track)
		}
		if alarm != nil {
			for _, l := range alarm(s) {
				iw.raw(l)
			}
		}
		iw.raw("END:VEVENT")
	}
	iw.raw("END:VCALENDAR")
	if iw.err != nil {
		return iw.err
	}
	return bw.Flush()
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icsDescription joins the speakers, the abstract (or description) and the
// person's note.
func icsDescription(c *data.Conference, s *data.Session, p data.Personal) string {
	var parts []string
	if sp := c.SpeakersOf(s); len(sp) > 0 {
		label := "Speaker: "
		if len(sp) > 1 {
			label = "Speakers: "
		}
		parts = append(parts, label+c.SpeakerNames(s))
	}
	if s.Subtitle != "" {
		parts = append(parts, s.Subtitle)
	}
	if s.Abstract != "" {
		parts = append(parts, s.Abstract)
	} else if s.Description != "" {
		parts = append(parts, s.Description)
	}
	if note := strings.TrimSpace(p.Note); note != "" {
		parts = append(parts, "My note: "+note)
	}
	return strings.Join(parts, "\n\n")
}

// icsEscape escapes a TEXT value (RFC 5545 §3.3.11) and drops control
// characters other than tab, which content lines may not hold.
func icsEscape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsURI drops what a URI value may not hold (controls and spaces).
func icsURI(u string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, u)
}

// icsWriter writes folded CRLF content lines and keeps the first error.
type icsWriter struct {
	w   *bufio.Writer
	err error
}

func (iw *icsWriter) text(name, value string) { iw.raw(name + ":" + icsEscape(value)) }

// raw writes one content line, folded so that no physical line exceeds 75
// octets; a fold never splits a UTF-8 sequence.
func (iw *icsWriter) raw(line string) {
	if iw.err != nil {
		return
	}
	line = strings.ToValidUTF8(line, "\uFFFD")
	limit := icsMaxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		iw.write(line[:cut])
		iw.write("\r\n ")
		line = line[cut:]
		limit = icsMaxLine - 1 // the leading space counts
	}
	iw.write(line)
	iw.write("\r\n")
}

func (iw *icsWriter) write(s string) {
	if iw.err == nil {
		_, iw.err = iw.w.WriteString(s)
	}
}
