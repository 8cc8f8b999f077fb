package formats

// The iCalendar (RFC 5545) reader.
//
// It has its own content-line parser (RFC 5545 §3.1) rather than a library.
// github.com/emersion/go-ical and github.com/arran4/golang-ical both read the
// real files in the test corpus without losing data, but neither says on
// which line a broken file breaks, and emersion/go-ical panics on some
// malformed parameter lists (`SUMMARY;X=a` with no colon, `X="a"b:c`).
// Real files also need leniency those libraries do not give: invalid UTF-8,
// bare LF line ends, TZID names with no VTIMEZONE block. The tests check this
// reader against arran4/golang-ical on the corpus files.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

func init() { register(FormatICal, sniffICal, readICal) }

func sniffICal(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\xef\xbb\xbf")
	const begin = "BEGIN:VCALENDAR"
	return len(b) >= len(begin) && strings.EqualFold(string(b[:len(begin)]), begin)
}

// icalProp is one unfolded content line: NAME;PARAM=VALUE,VALUE:VALUE.
type icalProp struct {
	Name   string      // upper case
	Params []icalParam // in file order; names upper case, values unquoted
	Value  string      // raw, still escaped
	Line   int         // 1-based line where the property starts
}

// Param returns the first value of a parameter, or "".
func (p *icalProp) Param(name string) string {
	for _, q := range p.Params {
		if q.Name == name {
			return q.Value
		}
	}
	return ""
}

// icalComponent is a BEGIN:X … END:X block.
type icalComponent struct {
	Name     string
	Line     int
	Props    []icalProp
	Children []*icalComponent
}

// Prop returns the first property with the given name, or nil.
func (c *icalComponent) Prop(name string) *icalProp {
	for i := range c.Props {
		if c.Props[i].Name == name {
			return &c.Props[i]
		}
	}
	return nil
}

// Text returns the unescaped text value of the first property with that name.
func (c *icalComponent) Text(name string) string {
	if p := c.Prop(name); p != nil {
		return icalUnescape(p.Value)
	}
	return ""
}

func icalErr(line int, format string, args ...any) error {
	return &ParseError{Format: FormatICal, Line: line, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// parseICal splits b into content lines, unfolds them and builds the
// component tree. It returns the top-level components (normally one
// VCALENDAR).
func parseICal(b []byte, opt *Options) ([]*icalComponent, []string, error) {
	var warns []string
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	// utf8.Valid reads all of the file first, then the lines are read
	// (and let go of) in order.
	var rel *releaser
	if !utf8.Valid(b) {
		// Replacing bytes never touches '\n', so line numbers stay right.
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		warns = append(warns, "the file is not valid UTF-8; bad bytes were replaced with \uFFFD")
	} else if opt != nil {
		opt.release(b)
		rel = &releaser{opt: opt, b: b}
	}
	// Every logical line is copied out of text before anything keeps a
	// part of it, so text can be b itself rather than a second copy of the
	// whole file; b is not changed while it is read.
	text := unsafe.String(unsafe.SliceData(b), len(b))
	sep := "\n"
	if !strings.Contains(text, "\n") && strings.Contains(text, "\r") {
		sep = "\r" // classic Mac line ends
	}

	var (
		top   []*icalComponent
		stack []*icalComponent
		cur   []byte // the logical line being unfolded; reused
		start int    // line of the logical line in cur

		records, events, props int // components, VEVENTs and properties kept
	)
	flush := func() error {
		if start == 0 {
			return nil
		}
		// A copy of exactly its length: the properties keep parts of it.
		line := string(cur)
		ln := start
		cur = cur[:0]
		start = 0
		p, err := parseContentLine(line, ln)
		if err != nil {
			return err
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if name == "" {
				return icalErr(ln, "BEGIN with no component name")
			}
			if len(stack) == 0 && name != "VCALENDAR" {
				return icalErr(ln, "expected BEGIN:VCALENDAR, found BEGIN:%s", icalName(name))
			}
			if len(stack) >= 32 {
				return icalErr(ln, "components nested too deeply")
			}
			if records++; records > maxItems {
				return icalErr(ln, "%s", errTooManyItems)
			}
			if name == "VEVENT" {
				if events++; events > MaxSessions {
					return icalErr(ln, "%s", errTooManySessions)
				}
			}
			comp := &icalComponent{Name: name, Line: ln}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, comp)
			} else {
				top = append(top, comp)
			}
			stack = append(stack, comp)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if len(stack) == 0 {
				return icalErr(ln, "END:%s with no matching BEGIN", icalName(name))
			}
			open := stack[len(stack)-1]
			if open.Name != name {
				return icalErr(ln, "END:%s does not close BEGIN:%s from line %d", icalName(name), icalName(open.Name), open.Line)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return icalErr(ln, "property %s outside BEGIN:VCALENDAR … END:VCALENDAR", p.Name)
			}
			if props++; props > maxICalProps {
				return icalErr(ln, "%s", errTooManyProps)
			}
			c := stack[len(stack)-1]
			c.Props = append(c.Props, p)
		}
		return nil
	}

	lineNo := 0
	for len(text) > 0 {
		if rel != nil {
			rel.upTo(len(b) - len(text))
		}
		lineNo++
		var raw string
		if i := strings.Index(text, sep); i >= 0 {
			raw, text = text[:i], text[i+1:]
		} else {
			raw, text = text, ""
		}
		raw = strings.TrimSuffix(raw, "\r")
		if raw == "" {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if start == 0 {
				// Before the first property: indentation, not a fold.
				if raw = strings.TrimLeft(raw, " \t"); raw == "" {
					continue
				}
			} else {
				cur = append(cur, raw[1:]...)
				continue
			}
		}
		if err := flush(); err != nil {
			return nil, warns, err
		}
		start = lineNo
		cur = append(cur, raw...)
	}
	if rel != nil {
		rel.all(len(b)) // the last line is in cur, a copy
	}
	if err := flush(); err != nil {
		return nil, warns, err
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1]
		return nil, warns, icalErr(open.Line, "BEGIN:%s is never closed (is the file cut short?)", icalName(open.Name))
	}
	if len(top) == 0 {
		return nil, warns, icalErr(1, "no BEGIN:VCALENDAR found")
	}
	return top, warns, nil
}

// parseContentLine parses NAME *(";" param) ":" value (RFC 5545 §3.1).
func parseContentLine(s string, line int) (icalProp, error) {
	p := icalProp{Line: line}
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == 0 {
		return p, icalErr(line, "expected a property name, found %q", icalClip(s, 20))
	}
	p.Name = strings.ToUpper(s[:i])
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return p, icalErr(line, "malformed parameter in %s: expected NAME=VALUE", p.Name)
		}
		name := strings.ToUpper(s[i:j])
		i = j + 1
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				k := strings.IndexByte(s[i+1:], '"')
				if k < 0 {
					return p, icalErr(line, "unterminated quoted value of parameter %s", name)
				}
				v = s[i+1 : i+1+k]
				i += k + 2
			} else {
				k := i
				for k < len(s) && s[k] != ';' && s[k] != ':' && s[k] != ',' {
					if s[k] == '"' {
						return p, icalErr(line, "stray '\"' in parameter %s", name)
					}
					k++
				}
				v = s[i:k]
				i = k
			}
			p.Params = append(p.Params, icalParam{Name: name, Value: v})
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
		if i < len(s) && s[i] != ';' && s[i] != ':' {
			return p, icalErr(line, "unexpected %q after parameter %s", s[i], name)
		}
	}
	if i >= len(s) || s[i] != ':' {
		return p, icalErr(line, "missing ':' after property %s", p.Name)
	}
	p.Value = s[i+1:]
	return p, nil
}

func isNameByte(c byte) bool {
	return c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
}

func icalClip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// icalUnescape decodes a TEXT value: \\ \; \, \n \N. Other backslashes are kept.
func icalUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; n {
		case 'n', 'N':
			b.WriteByte('\n')
			i++
		case '\\', ';', ',', ':', '"':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// icalSplitList splits a TEXT list (CATEGORIES) on unescaped commas and
// unescapes each item.
func icalSplitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, icalUnescape(s[start:i]))
			start = i + 1
		}
	}
	out = append(out, icalUnescape(s[start:]))
	return out
}

// icalZones resolves TZID parameters to locations: an IANA name directly
// (with or without a VTIMEZONE block), else the X-LIC-LOCATION of a
// VTIMEZONE with that TZID.
type icalZones struct {
	lic   map[string]string
	cache map[string]*time.Location
}

func (z *icalZones) load(tzid string) (*time.Location, bool) {
	if loc, ok := z.cache[tzid]; ok {
		return loc, loc != nil
	}
	name := strings.TrimPrefix(strings.TrimSpace(tzid), "/")
	loc, err := time.LoadLocation(name)
	if (err != nil || name == "") && z.lic[tzid] != "" {
		loc, err = time.LoadLocation(z.lic[tzid])
	}
	if name == "" || err != nil || strings.EqualFold(name, "local") {
		loc = nil
	}
	if z.cache == nil {
		z.cache = map[string]*time.Location{}
	}
	z.cache[tzid] = loc
	return loc, loc != nil
}

// icalTime is a parsed DTSTART/DTEND value.
type icalTime struct {
	t        time.Time
	dateOnly bool
}

// icalDuration is compiled on first use, not when every command starts.
var icalDuration = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)
})

// parseICalDuration reads an RFC 5545 DURATION such as PT1H30M or P1DT2H.
func parseICalDuration(s string) (time.Duration, bool) {
	m := icalDuration().FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil || s == "P" || strings.HasSuffix(strings.ToUpper(s), "T") {
		return 0, false
	}
	var d time.Duration
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second}
	found := false
	for i, u := range units {
		if m[i+2] == "" {
			continue
		}
		n, err := strconv.Atoi(m[i+2])
		if err != nil || n > 1000000 {
			return 0, false
		}
		found = true
		d += time.Duration(n) * u
	}
	if !found {
		return 0, false
	}
	if m[1] == "-" {
		d = -d
	}
	return d, true
}

type icalReader struct {
	zones    icalZones
	loc      *time.Location // the calendar's zone, for floating times
	warns    []string
	badZones map[string]bool
}

// parseTime reads a DATE or DATE-TIME property value.
func (r *icalReader) parseTime(p *icalProp) (icalTime, error) {
	v := strings.TrimSpace(p.Value)
	if strings.EqualFold(p.Param("VALUE"), "DATE") || (len(v) == 8 && !strings.Contains(v, "T")) {
		t, err := time.ParseInLocation("20060102", v, time.UTC)
		if err != nil {
			return icalTime{}, icalErr(p.Line, "%s: %q is not a date (YYYYMMDD)", p.Name, icalClip(v, 40))
		}
		return icalTime{t: t, dateOnly: true}, nil
	}
	utc := strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z")
	body := strings.TrimRight(v, "Zz")
	var layout string
	switch len(body) {
	case 15:
		layout = "20060102T150405"
	case 13:
		layout = "20060102T1504"
	default:
		return icalTime{}, icalErr(p.Line, "%s: %q is not a date-time (YYYYMMDDTHHMMSS)", p.Name, icalClip(v, 40))
	}
	loc := r.loc
	if utc {
		loc = time.UTC
	} else if tzid := p.Param("TZID"); tzid != "" {
		if l, ok := r.zones.load(tzid); ok {
			loc = l
		} else if !r.badZones[tzid] {
			if r.badZones == nil {
				r.badZones = map[string]bool{}
			}
			r.badZones[tzid] = true
			r.warns = append(r.warns, fmt.Sprintf("unknown time zone %q (line %d): its times were read in %s", icalClip(tzid, 60), p.Line, r.loc))
		}
	}
	t, err := time.ParseInLocation(layout, strings.ToUpper(body), loc)
	if err != nil {
		return icalTime{}, icalErr(p.Line, "%s: %q is not a date-time (YYYYMMDDTHHMMSS)", p.Name, icalClip(v, 40))
	}
	return icalTime{t: t}, nil
}

func readICal(b []byte, opt Options) (*data.Conference, []string, error) {
	cals, warns, err := parseICal(b, &opt)
	if err != nil {
		return nil, warns, err
	}
	r := &icalReader{}
	r.warns = warns
	c := &data.Conference{}

	var events []*icalComponent
	r.zones.lic = map[string]string{}
	var calZone string
	for _, cal := range cals {
		if cal.Name != "VCALENDAR" {
			continue
		}
		if c.Name == "" {
			c.Name = cal.Text("X-WR-CALNAME")
		}
		if c.Name == "" {
			if d := cal.Text("X-WR-CALDESC"); d != "" && len(d) <= 80 && !strings.Contains(d, "\n") {
				c.Name = d
			}
		}
		if c.Name == "" {
			c.Name = prodIDName(cal.Text("PRODID"))
		}
		if calZone == "" {
			if z := strings.TrimSpace(cal.Text("X-WR-TIMEZONE")); z != "" {
				if _, err := time.LoadLocation(z); err == nil {
					calZone = z
				} else {
					r.warns = append(r.warns, fmt.Sprintf("unknown X-WR-TIMEZONE %q ignored", icalClip(z, 60)))
				}
			}
		}
		for _, ch := range cal.Children {
			switch ch.Name {
			case "VEVENT":
				events = append(events, ch)
			case "VTIMEZONE":
				if id := ch.Text("TZID"); id != "" {
					if lic := ch.Text("X-LIC-LOCATION"); lic != "" {
						r.zones.lic[id] = lic
					}
				}
			}
		}
	}
	// The zone: X-WR-TIMEZONE, else the first TZID the events use, else the
	// caller's zone, else UTC.
	if calZone == "" {
	find:
		for _, ev := range events {
			for _, name := range []string{"DTSTART", "DTEND"} {
				if p := ev.Prop(name); p != nil {
					if tzid := p.Param("TZID"); tzid != "" {
						if loc, ok := r.zones.load(tzid); ok {
							calZone = loc.String()
							break find
						}
					}
				}
			}
		}
	}
	if calZone == "" {
		calZone = opt.TimeZone
	}
	if calZone == "" {
		calZone = "UTC"
		if len(events) > 0 {
			r.warns = append(r.warns, "the calendar names no time zone, so times are shown in UTC; pass --tz ZONE (e.g. --tz Europe/Berlin) to show the conference's local times")
		}
	}
	c.TimeZone = calZone
	r.loc = data.LoadZone(calZone)

	speakerIdx := map[string]int{}
	addSpeaker := func(name string) string {
		name = strings.TrimSpace(name)
		if name == "" {
			return ""
		}
		id := data.Slugify(name)
		if id == "" {
			sum := sha256.Sum256([]byte(name))
			id = "speaker-" + hex.EncodeToString(sum[:4])
		}
		if _, ok := speakerIdx[id]; !ok {
			speakerIdx[id] = len(c.Speakers)
			c.Speakers = append(c.Speakers, data.Speaker{ID: id, Name: name})
		}
		return id
	}

	// Each event is let go once it is a session, so that the component
	// tree shrinks while the sessions grow.
	for _, cal := range cals {
		cal.Children = nil
	}
	c.Sessions = make([]data.Session, 0, len(events))
	repeats := 0
	for i, ev := range events {
		s, err := r.session(ev, addSpeaker)
		if err != nil {
			return nil, r.warns, err
		}
		if ev.Prop("RRULE") != nil || ev.Prop("RDATE") != nil {
			repeats++
		}
		c.Sessions = append(c.Sessions, s)
		events[i] = nil
	}
	if w := icalRepeatsWarning(repeats); w != "" {
		r.warns = append(r.warns, w)
	}
	if len(events) == 0 {
		r.warns = append(r.warns, "the calendar has no events")
	}
	return c, r.warns, nil
}

// prodIDName makes a name of a PRODID such as "-//Kielux//ical-file//DE".
func prodIDName(p string) string {
	parts := strings.Split(p, "//")
	if len(parts) >= 2 {
		if n := strings.TrimSpace(parts[1]); n != "" {
			return n
		}
	}
	return strings.Trim(strings.TrimSpace(p), "-/")
}

// pretalxUID matches the UIDs pretalx writes: pretalx-<event>-<code>@<host>.
var pretalxUID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^pretalx-[^@]+-[A-Za-z0-9]+@`) })

func (r *icalReader) session(ev *icalComponent, addSpeaker func(string) string) (data.Session, error) {
	s := data.Session{
		ID:       strings.TrimSpace(ev.Text("UID")),
		Title:    ev.Text("SUMMARY"),
		Room:     ev.Text("LOCATION"),
		Abstract: ev.Text("DESCRIPTION"),
		URL:      strings.TrimSpace(ev.Text("URL")),
		// RFC 5545 §3.8.1.11: an event that will not take place.
		Cancelled: strings.EqualFold(strings.TrimSpace(ev.Text("STATUS")), "CANCELLED"),
	}
	var cats []string
	for i := range ev.Props {
		if ev.Props[i].Name == "CATEGORIES" {
			for _, it := range icalSplitList(ev.Props[i].Value) {
				if it = strings.TrimSpace(it); it != "" {
					cats = append(cats, it)
				}
			}
		}
	}
	s.Track = strings.Join(cats, ", ")

	var names []string
	for i := range ev.Props {
		if ev.Props[i].Name == "ATTENDEE" {
			if cn := strings.TrimSpace(icalUnescape(ev.Props[i].Param("CN"))); cn != "" {
				names = append(names, cn)
			}
		}
	}
	if len(names) == 0 {
		names, s.Abstract = speakerLine(s.Abstract)
	}
	s.Abstract = keepLineBreaks(s.Abstract)
	// pretalx: SUMMARY is "Title - Speaker, Speaker".
	if i := strings.LastIndex(s.Title, " - "); i > 0 {
		suffix := strings.TrimSpace(s.Title[i+3:])
		switch {
		case len(names) > 0 && suffix == strings.Join(names, ", "):
			s.Title = strings.TrimSpace(s.Title[:i])
		case len(names) == 0 && pretalxUID().MatchString(s.ID):
			s.Title = strings.TrimSpace(s.Title[:i])
			if suffix != "" {
				names = strings.Split(suffix, ", ")
			}
		}
	} else if strings.HasSuffix(s.Title, " -") && pretalxUID().MatchString(s.ID) {
		s.Title = strings.TrimSuffix(s.Title, " -")
	}
	for _, n := range names {
		if id := addSpeaker(n); id != "" && !slices.Contains(s.SpeakerIDs, id) {
			s.SpeakerIDs = append(s.SpeakerIDs, id)
		}
	}

	sp := ev.Prop("DTSTART")
	if sp == nil {
		return s, nil // unscheduled
	}
	start, err := r.parseTime(sp)
	if err != nil {
		return s, err
	}
	if start.dateOnly {
		s.Date = start.t.Format(data.DateLayout)
		return s, nil
	}
	s.Start = start.t
	s.End = start.t
	if ep := ev.Prop("DTEND"); ep != nil {
		end, err := r.parseTime(ep)
		if err != nil {
			return s, err
		}
		if end.dateOnly {
			r.warns = append(r.warns, fmt.Sprintf("line %d: DTEND is a date while DTSTART is a date-time; ignored", ep.Line))
		} else {
			s.End = end.t
		}
	} else if dp := ev.Prop("DURATION"); dp != nil {
		d, ok := parseICalDuration(dp.Value)
		if !ok {
			return s, icalErr(dp.Line, "DURATION: %q is not a duration such as PT1H30M", icalClip(dp.Value, 40))
		}
		s.End = s.Start.Add(d)
	}
	if s.End.Before(s.Start) {
		r.warns = append(r.warns, fmt.Sprintf("line %d: %q ends before it starts; its end was set to its start", ev.Line, icalClip(s.Title, 60)))
		s.End = s.Start
	}
	return s, nil
}

// speakerLine takes a leading "Speaker: A" or "Speakers: A, B" line (as
// Symposion writes into DESCRIPTION) off a description and returns the names.
func speakerLine(desc string) ([]string, string) {
	first, rest, _ := strings.Cut(desc, "\n")
	var names string
	switch {
	case strings.HasPrefix(first, "Speaker: "):
		names = first[len("Speaker: "):]
	case strings.HasPrefix(first, "Speakers: "):
		names = first[len("Speakers: "):]
	default:
		return nil, desc
	}
	var out []string
	for _, n := range strings.Split(names, ", ") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, desc
	}
	return out, strings.TrimLeft(rest, "\n")
}

// keepLineBreaks protects the line breaks of plain text that holds a little
// inline HTML ("Xen was <i>the</i> platform…\n\nToday…"): HTML rendering
// would fold them into spaces, so paragraphs become <p> and lines <br>.
// Text with block-level markup of its own is left alone.
func keepLineBreaks(s string) string {
	if !strings.Contains(s, "\n") || !text.LooksLikeHTML(s) {
		return s
	}
	l := strings.ToLower(s)
	for _, tag := range []string{"<p", "<br", "<div", "<li", "<ul", "<ol", "<h1", "<h2", "<h3", "<h4", "<pre", "<blockquote", "<table"} {
		if strings.Contains(l, tag) {
			return s
		}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, para := range strings.Split(s, "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(strings.Trim(para, "\n"), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}
