// Package formats reads the schedule formats conferences publish: frab /
// pretalx schedule.xml (frabxml.go with its own XML scanner, frab_xmlscan.go),
// schedule.json (schedulejson.go; both frab formats share frab_common.go),
// iCalendar (ical.go), Sessionize's "All" view (sessionize.go) and lineup's
// own JSON, which it also writes (lineup.go). formats.go detects the format,
// applies the size cap and the import options, and Finish makes what a reader
// returns consistent: text cleaned with data/text, ids unique, unknown speaker
// ids dropped, each problem reported as a warning. A file whose times carry no
// zone fails with an error wrapping ErrNoTimeZone.
package formats

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/parallel"
	"github.com/lineup-tui/lineup/data/text"
)

// Format names a schedule format lineup can read.
type Format string

// The formats lineup reads.
const (
	FormatAuto         Format = "auto"
	FormatFrabXML      Format = "frab-xml"
	FormatScheduleJSON Format = "schedule-json"
	FormatICal         Format = "ical"
	FormatSessionize   Format = "sessionize"
	FormatLineup       Format = "lineup"
)

// MaxImportSize is the largest schedule file lineup reads (256 MiB).
const MaxImportSize = 256 << 20

// Options steer a reader.
type Options struct {
	// TimeZone is the IANA zone to use when the file names none (required for
	// Sessionize, whose times carry no zone).
	TimeZone string
	// Slug and Name override what the file says.
	Slug string
	Name string
	// Source is recorded on the conference (a path or URL).
	Source string
	// Release, when set, is told of parts of the input that the reader has
	// read and will not need again, in file order, so that the caller can
	// let go of them (the pages of a file mapped into memory). A part may
	// still be read again to find where an error is.
	Release func(part []byte)
	// Reread, when set, is told that the reader is about to read all of
	// the input again, parts it released included.
	Reread func()

	// How many sessions and speakers checkSize counted in a JSON file, so
	// that a reader can make its lists that long at once.
	sessions, speakers int
}

// release passes part to Options.Release, if set.
func (o *Options) release(part []byte) {
	if o.Release != nil && len(part) > 0 {
		o.Release(part)
	}
}

// reread passes on to Options.Reread, if set.
func (o *Options) reread() {
	if o.Reread != nil {
		o.Reread()
	}
}

// releaser tells Options.Release of a file read from the start, about
// every releaseStep bytes.
type releaser struct {
	opt  *Options
	b    []byte
	done int // b[:done] was released
}

// releaseStep is about how many bytes a reader reads before it lets go of them.
const releaseStep = 4 << 20

// upTo releases b[:off] (what was not released already) once it is at
// least releaseStep bytes.
func (r *releaser) upTo(off int) {
	if off-r.done >= releaseStep {
		r.all(off)
	}
}

// all releases b[:off] (what was not released already).
func (r *releaser) all(off int) {
	if off > r.done && off <= len(r.b) {
		r.opt.release(r.b[r.done:off])
		r.done = off
	}
}

// Result is what a reader made of a file.
type Result struct {
	Conference *data.Conference
	Format     Format
	Warnings   []string
}

// ErrNoTimeZone says a file's times carry no zone and the caller must name
// one (Options.TimeZone, the --tz flag). It is the one way a reader says so:
// the error Parse returns wraps it (errors.Is), whatever the format.
var ErrNoTimeZone = errors.New("the times in this file carry no time zone")

// ParseError says where and why a file could not be read.
type ParseError struct {
	Format Format
	Line   int   // 1-based, 0 when unknown
	Column int   // 1-based, 0 when unknown
	Offset int64 // byte offset, -1 when unknown
	Msg    string
	Err    error // what the error wraps (ErrNoTimeZone), or nil
}

// Unwrap returns the error e wraps, so errors.Is(err, ErrNoTimeZone) works.
func (e *ParseError) Unwrap() error { return e.Err }

func (e *ParseError) Error() string {
	where := ""
	switch {
	case e.Line > 0 && e.Column > 0:
		where = fmt.Sprintf(" at line %d, column %d", e.Line, e.Column)
	case e.Line > 0:
		where = fmt.Sprintf(" at line %d", e.Line)
	case e.Offset >= 0:
		where = fmt.Sprintf(" at byte %d", e.Offset)
	}
	return fmt.Sprintf("%s%s: %s", e.Format, where, e.Msg)
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(b []byte, off int64) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// errUnknownFormat is returned (wrapped) when no reader recognises a file.
var errUnknownFormat = errors.New("unknown schedule format")

type reader struct {
	format Format
	sniff  func(b []byte) bool
	read   func(b []byte, opt Options) (*data.Conference, []string, error)
}

var readers []reader

// register adds a reader; the readers' files call it from init.
func register(f Format, sniff func([]byte) bool, read func([]byte, Options) (*data.Conference, []string, error)) {
	readers = append(readers, reader{f, sniff, read})
	sort.SliceStable(readers, func(i, j int) bool { return formatOrder(readers[i].format) < formatOrder(readers[j].format) })
}

func formatOrder(f Format) int {
	for i, g := range Formats() {
		if g == f {
			return i
		}
	}
	return 99
}

// Formats lists the formats in the order detection tries them.
func Formats() []Format {
	return []Format{FormatLineup, FormatSessionize, FormatScheduleJSON, FormatFrabXML, FormatICal}
}

// Detect names the format of b from its content.
func Detect(b []byte) (Format, error) {
	for _, r := range readers {
		if r.sniff(b) {
			return r.format, nil
		}
	}
	if sniffTruncatedSessionize(b) {
		return FormatSessionize, nil
	}
	var tried []string
	for _, r := range readers {
		tried = append(tried, string(r.format))
	}
	return "", fmt.Errorf("%w: tried %s", errUnknownFormat, strings.Join(tried, ", "))
}

// Parse reads a schedule in the given format (or FormatAuto to detect it).
// Every text field is cleaned, ids are made unique, and the conference is indexed.
func Parse(b []byte, f Format, opt Options) (*Result, error) {
	if len(b) > MaxImportSize {
		return nil, fmt.Errorf("file is %d MiB; lineup reads schedules of at most %d MiB", len(b)>>20, MaxImportSize>>20)
	}
	b, err := decodeInput(b)
	if err != nil {
		return nil, err
	}
	if f == "" || f == FormatAuto {
		if f, err = Detect(b); err != nil {
			return nil, err
		}
	}
	var rd *reader
	for i := range readers {
		if readers[i].format == f {
			rd = &readers[i]
		}
	}
	if rd == nil {
		return nil, fmt.Errorf("unknown format %q (known: %s)", f, joinFormats())
	}
	if opt.TimeZone != "" {
		if _, err := optionZone(opt.TimeZone); err != nil {
			return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Berlin", opt.TimeZone)
		}
	}
	if opt.sessions, opt.speakers, err = checkSize(b, f); err != nil {
		return nil, err
	}
	// Only a JSON file is read again, for the place of a bad date; the
	// others are let go as soon as their reader is done with them, so that
	// a big file and all it became are not held at once.
	var again []byte
	if usesJSON(f) {
		again = b
	}
	c, warns, err := rd.read(b, opt)
	if err == nil {
		err = checkDates(again, f, c)
	}
	if err != nil {
		return nil, safeError(err)
	}
	if opt.Slug != "" {
		c.Slug = opt.Slug
	}
	if opt.Name != "" {
		c.Name = opt.Name
	}
	if opt.Source != "" {
		c.Source = opt.Source
	}
	warns = append(warns, Finish(c)...)
	for i := range warns {
		warns[i] = safeMessage(warns[i])
	}
	return &Result{Conference: c, Format: f, Warnings: warns}, nil
}

// usesJSON reports whether the format is JSON.
func usesJSON(f Format) bool { return f != FormatFrabXML && f != FormatICal }

func joinFormats() string {
	var s []string
	for _, f := range Formats() {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

// Finish makes a freshly read conference consistent: text cleaned, a slug,
// unique session ids (a repeated id gets "-2", "-3"… in file order, with a
// warning), rooms, tracks and dates filled in from the sessions, and the
// index built. It returns the warnings.
func Finish(c *data.Conference) []string {
	var warns []string
	cleanConference(c)
	if slug := data.Slugify(c.Slug); slug != c.Slug && c.Slug != "" {
		warns = append(warns, fmt.Sprintf("slug %q is not lower-case letters, digits and dashes; using %q", c.Slug, slug))
		c.Slug = slug
	}
	if c.Slug == "" {
		c.Slug = data.Slugify(c.Name)
	}
	if c.Slug == "" {
		c.Slug = "conference"
	}
	if c.TimeZone != "" && data.LoadZone(c.TimeZone) == time.UTC && c.TimeZone != "UTC" && c.TimeZone != "Etc/UTC" {
		warns = append(warns, fmt.Sprintf("unknown time zone %q: times are shown in UTC", c.TimeZone))
	}
	warns = append(warns, dropUnknownSpeakers(c)...)
	seen := make(map[string]int, len(c.Sessions))
	unscheduled := 0
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if s.ID == "" {
			s.ID = deriveID(s)
		}
		if n := seen[s.ID]; n > 0 {
			orig := s.ID
			for {
				n++
				cand := fmt.Sprintf("%s-%d", orig, n)
				if seen[cand] == 0 {
					seen[orig] = n
					s.ID = cand
					break
				}
			}
			warns = append(warns, fmt.Sprintf("duplicate id %q: %q kept as %q", orig, s.Title, s.ID))
		}
		seen[s.ID]++
		if s.Scheduled() && (!plausible(s.Start) || !plausible(s.End)) {
			warns = append(warns, fmt.Sprintf("%q has an impossible time (%s); it is kept without a time", s.Title, s.Start.Format(time.RFC3339)))
			s.Start, s.End = time.Time{}, time.Time{}
		}
		if !s.Scheduled() {
			unscheduled++
			s.End = time.Time{} // an end without a start is no time either
		} else if s.End.Before(s.Start) {
			warns = append(warns, fmt.Sprintf("%q ends before it starts; its end is set to its start", s.Title))
			s.End = s.Start
		}
	}
	switch {
	case unscheduled == 1:
		warns = append(warns, "1 session has no time")
	case unscheduled > 1:
		warns = append(warns, fmt.Sprintf("%d sessions have no time", unscheduled))
	}
	c.Prepare()
	fillFromSessions(c)
	return warns
}

// dropUnknownSpeakers removes from every session the speaker ids that have
// no speaker record, with a warning naming each: the session is kept, and
// whatever shows its speakers never meets an id it cannot resolve.
func dropUnknownSpeakers(c *data.Conference) []string {
	known := make(map[string]bool, len(c.Speakers))
	for i := range c.Speakers {
		known[c.Speakers[i].ID] = true
	}
	var warns []string
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if !slices.ContainsFunc(s.SpeakerIDs, func(id string) bool { return !known[id] }) {
			continue
		}
		var kept []string
		for _, id := range s.SpeakerIDs {
			if known[id] {
				kept = append(kept, id)
				continue
			}
			warns = append(warns, fmt.Sprintf("%q names speaker %q, who has no speaker record; the session is kept without them", s.Title, id))
		}
		s.SpeakerIDs = kept
	}
	return warns
}

// optionZone resolves a zone given with --tz: an IANA name or a fixed
// "+hh:mm" offset.
func optionZone(name string) (*time.Location, error) {
	if isFixedOffset(name) {
		return data.LoadZone(name), nil
	}
	return time.LoadLocation(name)
}

// isFixedOffset reports whether name is a fixed "+hh:mm"/"-hh:mm" offset.
func isFixedOffset(name string) bool {
	return data.LoadZone(name) != time.UTC && len(name) == 6 && (name[0] == '+' || name[0] == '-')
}

// plausible reports whether t could be a session's time (years 1900–2200;
// the zero time counts, an end may be missing).
func plausible(t time.Time) bool {
	return t.IsZero() || t.Year() >= 1900 && t.Year() <= 2200
}

// deriveID builds a stable id from the fields least likely to change.
func deriveID(s *data.Session) string {
	base := data.Slugify(s.Title)
	if len(base) > 48 {
		base = strings.TrimRight(base[:48], "-")
	}
	return base + "-" + strings.ReplaceAll(s.Date, "-", "")
}

func fillFromSessions(c *data.Conference) {
	rooms := map[string]bool{}
	for _, r := range c.Rooms {
		rooms[r.Name] = true
	}
	tracks := map[string]bool{}
	for _, t := range c.Tracks {
		tracks[t.Name] = true
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if s.Room != "" && !rooms[s.Room] {
			rooms[s.Room] = true
			c.Rooms = append(c.Rooms, data.Room{Name: s.Room})
		}
		if s.Track != "" && !tracks[s.Track] {
			tracks[s.Track] = true
			c.Tracks = append(c.Tracks, data.Track{Name: s.Track})
		}
	}
	dates := c.Dates()
	if len(dates) > 0 {
		if c.Start == "" {
			c.Start = dates[0]
		}
		if c.End == "" {
			c.End = dates[len(dates)-1]
		}
	}
}

func cleanConference(c *data.Conference) {
	for _, p := range []*string{&c.Slug, &c.Name, &c.Edition, &c.Start, &c.End, &c.City, &c.Venue, &c.URL, &c.TimeZone, &c.Source} {
		*p = text.OneLine(text.Clean(*p))
	}
	c.Notes = text.Clean(c.Notes)
	cleanList(c.Sponsors)
	for i := range c.Contacts {
		c.Contacts[i].Email = text.OneLine(text.Clean(c.Contacts[i].Email))
		c.Contacts[i].Purpose = text.OneLine(text.Clean(c.Contacts[i].Purpose))
	}
	for i := range c.Days {
		c.Days[i].Date = text.OneLine(text.Clean(c.Days[i].Date))
		c.Days[i].Label = text.OneLine(text.Clean(c.Days[i].Label))
	}
	for i := range c.Rooms {
		c.Rooms[i].Name = text.OneLine(text.Clean(c.Rooms[i].Name))
		c.Rooms[i].ID = text.OneLine(text.Clean(c.Rooms[i].ID))
	}
	for i := range c.Tracks {
		c.Tracks[i].Name = text.OneLine(text.Clean(c.Tracks[i].Name))
		c.Tracks[i].Color = text.OneLine(text.Clean(c.Tracks[i].Color))
	}
	parallel.For(len(c.Speakers), func(i int) {
		sp := &c.Speakers[i]
		for _, p := range []*string{&sp.ID, &sp.Name, &sp.Company, &sp.JobTitle, &sp.URL} {
			*p = text.OneLine(text.Clean(*p))
		}
		sp.Bio = text.HTML(sp.Bio)
	})
	parallel.For(len(c.Sessions), func(i int) {
		s := &c.Sessions[i]
		for _, p := range []*string{&s.ID, &s.Title, &s.Subtitle, &s.Date, &s.Room, &s.Track, &s.Type, &s.Level, &s.Language, &s.URL, &s.FeedbackURL} {
			*p = text.OneLine(text.Clean(*p))
		}
		s.Abstract = text.HTML(s.Abstract)
		s.Description = text.HTML(s.Description)
		cleanList(s.SpeakerIDs)
		cleanList(s.Audience)
		cleanList(s.Prerequisites)
		cleanList(s.Outcomes)
		for j := range s.Links {
			s.Links[j].Title = text.OneLine(text.Clean(s.Links[j].Title))
			s.Links[j].URL = text.OneLine(text.Clean(s.Links[j].URL))
		}
	})
}

func cleanList(l []string) {
	for i := range l {
		l[i] = text.OneLine(text.Clean(l[i]))
	}
}
