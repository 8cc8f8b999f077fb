package formats

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// frabDoc is what the frab XML and schedule.json readers extract from a file
// before it becomes a Conference; both formats share its rules for time
// zones, times, identity and speakers.
type frabDoc struct {
	format    Format
	title     string
	acronym   string
	start     string
	end       string
	tzName    string
	dayChange string
	baseURL   string
	city      string
	venue     string
	tracks    []data.Track
	rooms     []data.Room
	days      []frabDay
	persons   []frabPerson // a top-level persons block (pretalx)
	events    []frabEvent
}

type frabDay struct {
	date  string // YYYY-MM-DD
	start string // zoned start of the day, if given
}

type frabPerson struct {
	id, code, guid string
	name           string
	bio            string
	url            string
}

type frabEvent struct {
	day         int // index into frabDoc.days, -1 when none
	guid        string
	id          string
	slug        string
	code        string
	date        string // zoned start (ISO 8601)
	endDate     string // zoned end (schedule2 draft)
	start       string // HH:MM local
	duration    string
	room        string // <room> of the event
	parentRoom  string // the room the event is listed under
	title       string
	subtitle    string
	track       string
	typ         string
	language    string
	abstract    string
	description string
	url         string
	feedbackURL string
	persons     []frabPerson
	links       []data.Link
	cancelled   bool // the schedule's state field says so
}

func (e *frabEvent) ident() string {
	switch {
	case e.guid != "":
		return e.guid
	case e.id != "":
		return e.id
	case e.slug != "":
		return e.slug
	case e.code != "":
		return e.code
	}
	return ""
}

// label names an event in a warning.
func (e *frabEvent) label() string {
	id := e.ident()
	if id == "" {
		id = "?"
	}
	if e.title != "" {
		return fmt.Sprintf("event %s (%q)", id, text.OneLine(text.Clean(truncate(e.title, 60))))
	}
	return "event " + id
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func (p *frabPerson) ident() string {
	switch {
	case p.id != "":
		return p.id
	case p.code != "":
		return p.code
	case p.guid != "":
		return p.guid
	}
	return data.Slugify(p.name)
}

// parseZoned parses an ISO 8601 date-time. It reports hasZone=false for a
// time without an offset (which is then read in loc).
func parseZoned(s string, loc *time.Location) (t time.Time, hasZone bool, err error) {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err = time.Parse(l, s); err == nil {
			return t, true, nil
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, l := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err = time.ParseInLocation(l, s, loc); err == nil {
			return t, false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("bad date %q", s)
}

// parseClock reads "HH:MM" or "HH:MM:SS" as an offset from midnight.
func parseClock(s string) (time.Duration, bool) {
	d, ok := parseHMS(s)
	if !ok || d >= 24*time.Hour {
		return 0, false
	}
	return d, true
}

// parseHMS reads "H:MM", "H:MM:SS" (hours may exceed 24) or "D:HH:MM:SS".
func parseHMS(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 4 {
		return 0, false
	}
	var n [4]int64
	for i, p := range parts {
		if p == "" || len(p) > 6 {
			return 0, false
		}
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil || v < 0 {
			return 0, false
		}
		if i > 0 && v >= 60 {
			return 0, false
		}
		n[i] = v
	}
	var d time.Duration
	switch len(parts) {
	case 2:
		d = time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute
	case 3:
		d = time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second
	case 4:
		if n[1] >= 24 {
			return 0, false
		}
		d = time.Duration(n[0])*24*time.Hour + time.Duration(n[1])*time.Hour + time.Duration(n[2])*time.Minute + time.Duration(n[3])*time.Second
	}
	if d > 31*24*time.Hour {
		return 0, false
	}
	return d, true
}

// fixedOffset formats a UTC offset in seconds as "+hh:mm" ("UTC" for zero).
func fixedOffset(off int) string {
	if off == 0 {
		return "UTC"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}

// zonePlan is how a file's times are read and shown.
type zonePlan struct {
	display string         // Conference.TimeZone
	loc     *time.Location // the zone local times are read in; nil when none is known
}

// planZone picks the conference's zone. The offsets the zoned dates carry
// are trusted for instants; the file's zone name is used for display only
// when it agrees with them, else the zone the user gave, else the dates'
// fixed offset.
func (d *frabDoc) planZone(opt Options) (zonePlan, []string) {
	var warns []string
	counts := map[int]int{}
	var samples []time.Time
	for i := range d.events {
		for _, s := range []string{d.events[i].date, d.events[i].endDate} {
			if s == "" {
				continue
			}
			if t, zoned, err := parseZoned(s, nil); err == nil && zoned {
				_, off := t.Zone()
				counts[off]++
				samples = append(samples, t)
			}
		}
	}
	for _, dy := range d.days {
		if t, zoned, err := parseZoned(dy.start, nil); dy.start != "" && err == nil && zoned {
			_, off := t.Zone()
			counts[off]++
			samples = append(samples, t)
		}
	}
	var named *time.Location
	name := strings.TrimSpace(d.tzName)
	if name != "" {
		if l, err := time.LoadLocation(name); err == nil {
			named = l
		} else {
			warns = append(warns, fmt.Sprintf("unknown time zone %q in the file", name))
		}
	}
	agrees := named != nil
	if named != nil {
		for _, t := range samples {
			_, a := t.Zone()
			_, b := t.In(named).Zone()
			if a != b {
				agrees = false
				break
			}
		}
	}
	var given *time.Location
	if opt.TimeZone != "" {
		if l, err := optionZone(opt.TimeZone); err == nil {
			given = l
		}
	}
	switch {
	case agrees:
		return zonePlan{display: name, loc: named}, warns
	case given != nil:
		if named != nil {
			warns = append(warns, fmt.Sprintf("the file's time zone %s disagrees with the offsets of its dates; showing times in %s", name, opt.TimeZone))
		}
		return zonePlan{display: opt.TimeZone, loc: given}, warns
	case len(counts) > 0:
		best, n := 0, -1
		for off, c := range counts {
			if c > n || (c == n && off < best) {
				best, n = off, c
			}
		}
		disp := fixedOffset(best)
		if named != nil {
			warns = append(warns, fmt.Sprintf("the file's time zone %s disagrees with the offsets of its dates; showing times at %s (use --tz to choose a zone)", name, disp))
		}
		return zonePlan{display: disp, loc: data.LoadZone(disp)}, warns
	}
	return zonePlan{}, warns
}

// build turns the extracted document into a Conference.
func (d *frabDoc) build(opt Options) (*data.Conference, []string, error) {
	plan, warns := d.planZone(opt)
	var dayChange time.Duration
	if d.dayChange != "" {
		if dc, ok := parseClock(d.dayChange); ok {
			dayChange = dc
		} else {
			warns = append(warns, fmt.Sprintf("bad day_change %q ignored", d.dayChange))
		}
	}
	c := &data.Conference{
		Name:     d.title,
		Slug:     d.acronym,
		Start:    dayPart(d.start),
		End:      dayPart(d.end),
		TimeZone: plan.display,
		City:     d.city,
		Venue:    d.venue,
		URL:      d.baseURL,
		Tracks:   d.tracks,
		Rooms:    d.rooms,
	}
	seenDay := map[string]bool{}
	for _, dy := range d.days {
		if dy.date != "" && !seenDay[dy.date] {
			seenDay[dy.date] = true
			c.Days = append(c.Days, data.Day{Date: dy.date})
		}
	}

	speakerIdx := map[string]int{}
	addSpeaker := func(p *frabPerson) string {
		id := p.ident()
		if id == "" {
			return ""
		}
		if i, ok := speakerIdx[id]; ok {
			sp := &c.Speakers[i]
			if sp.Name == "" {
				sp.Name = p.name
			}
			if sp.Bio == "" {
				sp.Bio = p.bio
			}
			if sp.URL == "" {
				sp.URL = p.url
			}
			return id
		}
		speakerIdx[id] = len(c.Speakers)
		c.Speakers = append(c.Speakers, data.Speaker{ID: id, Name: p.name, Bio: p.bio, URL: p.url})
		return id
	}
	for i := range d.persons {
		addSpeaker(&d.persons[i])
	}

	needLocal := false
	c.Sessions = make([]data.Session, 0, len(d.events))
	for i := range d.events {
		e := &d.events[i]
		s := data.Session{
			ID:          e.ident(),
			Cancelled:   e.cancelled,
			Title:       e.title,
			Subtitle:    e.subtitle,
			Room:        e.room,
			Track:       e.track,
			Type:        e.typ,
			Language:    e.language,
			Abstract:    e.abstract,
			Description: e.description,
			URL:         e.url,
			FeedbackURL: e.feedbackURL,
			Links:       e.links,
		}
		if s.Room == "" {
			s.Room = e.parentRoom
		}
		if len(e.persons) > 0 {
			s.SpeakerIDs = make([]string, 0, len(e.persons))
			for j := range e.persons {
				if id := addSpeaker(&e.persons[j]); id != "" {
					s.SpeakerIDs = append(s.SpeakerIDs, id)
				}
			}
		}
		dayDate := ""
		if e.day >= 0 && e.day < len(d.days) {
			dayDate = d.days[e.day].date
		}
		start, ok, w, err := d.eventStart(e, dayDate, dayChange, plan.loc)
		if errors.Is(err, ErrNoTimeZone) {
			needLocal = true
		} else if w != "" {
			warns = append(warns, w)
		}
		if ok {
			s.Start = start
			switch {
			case e.endDate != "":
				if end, _, err := parseZoned(e.endDate, plan.loc); err == nil && !end.Before(start) {
					s.End = end
				} else {
					warns = append(warns, fmt.Sprintf("%s: bad end %q", e.label(), e.endDate))
					s.End = start
				}
			case e.duration != "":
				if dur, ok := parseHMS(e.duration); ok {
					s.End = start.Add(dur)
				} else {
					warns = append(warns, fmt.Sprintf("%s: bad duration %q", e.label(), e.duration))
					s.End = start
				}
			default:
				s.End = start
			}
			local := start
			if plan.loc != nil {
				local = start.In(plan.loc)
			}
			s.Date = conferenceDay(local, dayDate)
		} else {
			s.Date = dayDate
		}
		c.Sessions = append(c.Sessions, s)
	}
	if needLocal {
		return nil, warns, &ParseError{Format: d.format, Offset: -1, Msg: "the file gives local times but no time zone; pass the conference's zone with --tz (for example --tz Europe/Brussels)", Err: ErrNoTimeZone}
	}
	return c, warns, nil
}

// conferenceDay is the day a session belongs to: the <day> it is listed
// under when it starts on that date or in the small hours after it (CCC's
// days run from 11:00 to 04:00), else the calendar date of its start.
func conferenceDay(local time.Time, dayDate string) string {
	date := local.Format(data.DateLayout)
	if dayDate == "" || date == dayDate {
		return date
	}
	day, err := time.Parse(data.DateLayout, dayDate)
	if err == nil && date == day.AddDate(0, 0, 1).Format(data.DateLayout) && local.Hour() < 12 {
		return dayDate
	}
	return date
}

// eventStart works out an event's start: the zoned date wins, else the day's
// date plus the local start in the conference zone, where a start earlier than
// day_change belongs to the next calendar day. It returns the start and
// whether there is one, a warning about the event, and ErrNoTimeZone for a
// local time that cannot be placed without a zone.
func (d *frabDoc) eventStart(e *frabEvent, dayDate string, dayChange time.Duration, loc *time.Location) (time.Time, bool, string, error) {
	if e.date != "" {
		t, zoned, err := parseZoned(e.date, loc)
		if err == nil && (zoned || loc != nil) {
			return t, true, "", nil
		}
		if err == nil && !zoned && loc == nil {
			return time.Time{}, false, "", ErrNoTimeZone
		}
		if _, derr := time.Parse(data.DateLayout, e.date); derr == nil && e.start == "" {
			// A bare day: unscheduled on that day.
			return time.Time{}, false, "", nil
		}
		if e.start == "" {
			return time.Time{}, false, fmt.Sprintf("%s: bad date %q", e.label(), e.date), nil
		}
	}
	if strings.TrimSpace(e.start) == "" {
		return time.Time{}, false, "", nil
	}
	if strings.Contains(e.start, "T") {
		// schedule2-style start as a date-time.
		t, zoned, err := parseZoned(e.start, loc)
		switch {
		case err != nil:
			return time.Time{}, false, fmt.Sprintf("%s: bad start %q", e.label(), e.start), nil
		case !zoned && loc == nil:
			return time.Time{}, false, "", ErrNoTimeZone
		}
		return t, true, "", nil
	}
	clock, ok := parseClock(e.start)
	if !ok {
		return time.Time{}, false, fmt.Sprintf("%s: bad start %q", e.label(), e.start), nil
	}
	if dayDate == "" {
		return time.Time{}, false, fmt.Sprintf("%s: start %s on an unknown day", e.label(), e.start), nil
	}
	day, err := time.Parse(data.DateLayout, dayDate)
	if err != nil {
		return time.Time{}, false, fmt.Sprintf("%s: unknown day %q", e.label(), dayDate), nil
	}
	if loc == nil {
		return time.Time{}, false, "", ErrNoTimeZone
	}
	if dayChange > 0 && clock < dayChange {
		day = day.AddDate(0, 0, 1)
	}
	h, m := int(clock/time.Hour), int(clock%time.Hour/time.Minute)
	sec := int(clock % time.Minute / time.Second)
	t := time.Date(day.Year(), day.Month(), day.Day(), h, m, sec, 0, loc)
	if t.Hour() != h%24 || t.Minute() != m {
		// The clocks skip that hour (daylight saving starts): Go moves the
		// time on, and the file's author should hear about it.
		return t, true, fmt.Sprintf("%s: %s %s does not exist in %s (the clocks change); read as %s", e.label(), day.Format(data.DateLayout), e.start, loc, t.Format("15:04 MST")), nil
	}
	return t, true, "", nil
}

// dayPart keeps the YYYY-MM-DD of a date or date-time.
func dayPart(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if _, err := time.Parse(data.DateLayout, s[:10]); err == nil {
			return s[:10]
		}
	}
	return ""
}

// sortedKeys is used where a map must be walked in a fixed order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
