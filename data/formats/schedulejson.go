package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lineup-tui/lineup/data"
)

// The schedule.json reader: frab's and pretalx's JSON export (c3voc
// "schedule.json"), with days[].rooms{"<room>": [event…]}, and the draft
// successor whose events sit in a flat schedule.events[].

func init() { register(FormatScheduleJSON, sniffScheduleJSON, readScheduleJSON) }

// sniffScheduleJSON reports whether b is a JSON object with a top-level
// "schedule" object.
func sniffScheduleJSON(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	i := 1
	for i < len(b) {
		i = skipJSONSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return false
		}
		kEnd := skipJSONString(b, i)
		if kEnd < 0 {
			return false
		}
		key := b[i+1 : kEnd-1]
		i = skipJSONSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipJSONSpace(b, i+1)
		if i >= len(b) {
			return false
		}
		if string(key) == "schedule" {
			return b[i] == '{'
		}
		i = skipJSONValue(b, i)
		if i < 0 {
			return false
		}
		i = skipJSONSpace(b, i)
		if i >= len(b) || b[i] != ',' {
			return false
		}
		i++
	}
	return false
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipJSONString returns the index after the string starting at b[i] == '"', or -1.
func skipJSONString(b []byte, i int) int {
	// The closing quote is the first one after an even number of
	// backslashes (found with IndexByte: a schedule is mostly long strings).
	for j := i + 1; j < len(b); j++ {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		n := 0
		for p := j - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
	}
	return -1
}

// skipJSONValue returns the index after the value starting at b[i], or -1.
// It only balances brackets; the real decoder validates.
func skipJSONValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			i = skipJSONString(b, i)
			if i < 0 {
				return -1
			}
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return -1
			}
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return -1
}

// sjText is a string that may arrive as a number, a boolean, null, or a
// localised object ({"en": "…", "de": "…"}) or a reference ({"name": "…"}).
type sjText string

func (t *sjText) UnmarshalJSON(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 {
			*t = sjText(b[1 : len(b)-1])
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = sjText(s)
	case 'n':
		*t = ""
	case 't', 'f':
		*t = sjText(b)
	case '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		for _, k := range []string{"name", "en", "de"} {
			if v, ok := m[k]; ok {
				return t.UnmarshalJSON(v)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		for _, k := range sortedKeySlice(keys) {
			var s sjText
			if err := s.UnmarshalJSON(m[k]); err == nil && s != "" {
				*t = s
				return nil
			}
		}
		*t = ""
	case '[':
		return errors.New("expected a string, found an array")
	default:
		if _, err := strconv.ParseFloat(string(b), 64); err != nil {
			return fmt.Errorf("expected a string, found %s", b)
		}
		*t = sjText(b)
	}
	return nil
}

func sortedKeySlice(keys []string) []string {
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = k
	}
	return sortedKeys(m)
}

type sjFile struct {
	Schedule *sjSchedule `json:"schedule"`
}

type sjSchedule struct {
	BaseURL    string        `json:"base_url"`
	Conference *sjConference `json:"conference"`
	Events     []sjEvent     `json:"events"` // schedule2 draft
}

type sjConference struct {
	Acronym      sjText    `json:"acronym"`
	Title        sjText    `json:"title"`
	Start        string    `json:"start"`
	End          string    `json:"end"`
	TimeZoneName string    `json:"time_zone_name"`
	DayChange    string    `json:"day_change"`
	URL          string    `json:"url"`
	BaseURL      string    `json:"base_url"`
	Tracks       []sjTrack `json:"tracks"`
	Rooms        []sjRoom  `json:"rooms"`
	Days         []sjDay   `json:"days"`
}

type sjTrack struct {
	Name   sjText            `json:"name"`
	Color  string            `json:"color"`
	Colors map[string]sjText `json:"colors"`
}

type sjRoom struct {
	Name sjText `json:"name"`
	GUID sjText `json:"guid"`
}

type sjDay struct {
	Date     string     `json:"date"`
	DayStart string     `json:"day_start"`
	Start    string     `json:"start"`
	Rooms    sjDayRooms `json:"rooms"`
}

type sjRoomEvents struct {
	room   string
	events []sjEvent
}

// sjDayRooms keeps days[].rooms in file order (a Go map would lose it).
type sjDayRooms []sjRoomEvents

func (r *sjDayRooms) UnmarshalJSON(b []byte) error {
	// The outer decoder has validated b; walk it by hand so that each room's
	// events are decoded straight from the input.
	i := skipJSONSpace(b, 0)
	if bytes.HasPrefix(b[i:], []byte("null")) {
		return nil
	}
	if i >= len(b) || b[i] != '{' {
		return &sjRoomsError{raw: b, valStart: i, err: errors.New(`expected "rooms" to be an object of room name to events`)}
	}
	i++
	for {
		i = skipJSONSpace(b, i)
		if i >= len(b) || b[i] == '}' {
			return nil
		}
		if b[i] == ',' {
			i++
			continue
		}
		kEnd := skipJSONString(b, i)
		if b[i] != '"' || kEnd < 0 {
			return &sjRoomsError{raw: b, valStart: i, err: errors.New("expected a room name")}
		}
		var name sjText
		if err := name.UnmarshalJSON(b[i:kEnd]); err != nil {
			return &sjRoomsError{raw: b, valStart: i, err: err}
		}
		i = skipJSONSpace(b, kEnd)
		if i < len(b) && b[i] == ':' {
			i = skipJSONSpace(b, i+1)
		}
		if i >= len(b) || (b[i] != '[' && !bytes.HasPrefix(b[i:], []byte("null"))) {
			return &sjRoomsError{raw: b, valStart: i, room: string(name), err: errors.New("expected an array of events")}
		}
		vEnd := skipJSONValue(b, i)
		if b[i] == 'n' {
			vEnd = i + 4
		}
		if vEnd < 0 {
			return &sjRoomsError{raw: b, valStart: i, room: string(name), err: errors.New("expected an array of events")}
		}
		var evs []sjEvent
		if err := json.Unmarshal(b[i:vEnd], &evs); err != nil {
			return &sjRoomsError{raw: b, valStart: i, room: string(name), err: err}
		}
		*r = append(*r, sjRoomEvents{room: string(name), events: evs})
		i = vEnd
	}
}

// sjRoomsError is an error inside one room's events; raw is the rooms
// object, a slice of the whole document, so the position can be recovered.
type sjRoomsError struct {
	raw      []byte
	valStart int
	room     string
	err      error
}

func (e *sjRoomsError) Error() string { return fmt.Sprintf("room %q: %v", e.room, e.err) }
func (e *sjRoomsError) Unwrap() error { return e.err }

// offsetIn returns the absolute offset of the error in doc, or -1.
func (e *sjRoomsError) offsetIn(doc []byte) int64 {
	var rel int64
	var te *json.UnmarshalTypeError
	if errors.As(e.err, &te) {
		rel = te.Offset
	}
	// raw is doc[base:base+len(raw)] when the decoder handed out a sub-slice.
	base := cap(doc) - cap(e.raw)
	if base < 0 || base+len(e.raw) > len(doc) || (len(e.raw) > 0 && &doc[base] != &e.raw[0]) {
		return -1
	}
	return int64(base+e.valStart) + rel
}

type sjEvent struct {
	GUID         sjText     `json:"guid"`
	ID           sjText     `json:"id"`
	Code         sjText     `json:"code"`
	Slug         sjText     `json:"slug"`
	Date         sjText     `json:"date"`
	Start        sjText     `json:"start"`
	End          sjText     `json:"end"`
	Duration     sjText     `json:"duration"`
	Room         sjText     `json:"room"`
	URL          sjText     `json:"url"`
	Title        sjText     `json:"title"`
	Subtitle     sjText     `json:"subtitle"`
	Track        sjText     `json:"track"`
	Type         sjText     `json:"type"`
	Language     sjText     `json:"language"`
	Abstract     sjText     `json:"abstract"`
	Description  sjText     `json:"description"`
	FeedbackURL  sjText     `json:"feedback_url"`
	Persons      []sjPerson `json:"persons"`
	Participants []sjPerson `json:"participants"`
	Links        []sjLink   `json:"links"`
	Attachments  []sjLink   `json:"attachments"`
	State        sjText     `json:"state"` // schedule2: CONFIRMED, CANCELED, …
}

type sjPerson struct {
	ID         sjText `json:"id"`
	Code       sjText `json:"code"`
	GUID       sjText `json:"guid"`
	PublicName sjText `json:"public_name"`
	Name       sjText `json:"name"`
	Biography  sjText `json:"biography"`
	URL        sjText `json:"url"`
}

type sjLink struct {
	URL   sjText `json:"url"`
	Href  sjText `json:"href"`
	Title sjText `json:"title"`
}

func readScheduleJSON(b []byte, opt Options) (*data.Conference, []string, error) {
	// A big file's events are read on every core (splitScheduleJSON); if
	// that gives up, the whole file is read at once.
	var f sjFile
	if !splitScheduleJSON(b, &opt, &f) {
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, nil, scheduleJSONError(b, err)
		}
	}
	if f.Schedule == nil || f.Schedule.Conference == nil {
		return nil, nil, &ParseError{Format: FormatScheduleJSON, Offset: -1, Msg: `expected an object {"schedule": {"conference": {…}}}`}
	}
	sc, conf := f.Schedule, f.Schedule.Conference
	d := &frabDoc{
		format:    FormatScheduleJSON,
		title:     string(conf.Title),
		acronym:   strings.TrimSpace(string(conf.Acronym)),
		start:     conf.Start,
		end:       conf.End,
		tzName:    strings.TrimSpace(conf.TimeZoneName),
		dayChange: strings.TrimSpace(conf.DayChange),
		baseURL:   strings.TrimSpace(sc.BaseURL),
	}
	if d.baseURL == "" {
		d.baseURL = strings.TrimSpace(conf.URL)
	}
	if d.baseURL == "" {
		d.baseURL = strings.TrimSpace(conf.BaseURL)
	}
	for _, t := range conf.Tracks {
		if name := strings.TrimSpace(string(t.Name)); name != "" {
			col := strings.TrimSpace(t.Color)
			if col == "" {
				for _, k := range []string{"primary", "light", "dark"} {
					if v := strings.TrimSpace(string(t.Colors[k])); v != "" {
						col = v
						break
					}
				}
			}
			d.tracks = append(d.tracks, data.Track{Name: name, Color: col})
		}
	}
	seenRoom := map[string]bool{}
	addRoom := func(name, guid string) {
		name = strings.TrimSpace(name)
		if name != "" && !seenRoom[name] {
			seenRoom[name] = true
			d.rooms = append(d.rooms, data.Room{Name: name, ID: strings.TrimSpace(guid)})
		}
	}
	for _, r := range conf.Rooms {
		addRoom(string(r.Name), string(r.GUID))
	}
	n := len(sc.Events)
	for _, dy := range conf.Days {
		for _, r := range dy.Rooms {
			n += len(r.events)
		}
	}
	d.events = make([]frabEvent, 0, n)
	for i := range conf.Days {
		dy := &conf.Days[i]
		start := dy.DayStart
		if start == "" {
			start = dy.Start
		}
		date := strings.TrimSpace(dy.Date)
		if date == "" {
			date = dayPart(start)
		}
		d.days = append(d.days, frabDay{date: date, start: start})
		for k := range dy.Rooms {
			r := &dy.Rooms[k]
			addRoom(r.room, "")
			for j := range r.events {
				d.events = append(d.events, sjToEvent(&r.events[j], i, r.room))
			}
			// The events now share their text with d.events: let the
			// decoded ones go, so that they, d.events and the sessions
			// build makes are not all held at once.
			r.events = nil
		}
	}
	for j := range sc.Events {
		d.events = append(d.events, sjToEvent(&sc.Events[j], -1, ""))
	}
	sc.Events = nil
	return d.build(opt)
}

func sjToEvent(e *sjEvent, day int, room string) frabEvent {
	ev := frabEvent{
		day:         day,
		parentRoom:  room,
		guid:        strings.TrimSpace(string(e.GUID)),
		id:          strings.TrimSpace(string(e.ID)),
		code:        strings.TrimSpace(string(e.Code)),
		slug:        strings.TrimSpace(string(e.Slug)),
		date:        strings.TrimSpace(string(e.Date)),
		start:       strings.TrimSpace(string(e.Start)),
		endDate:     strings.TrimSpace(string(e.End)),
		duration:    strings.TrimSpace(string(e.Duration)),
		room:        string(e.Room),
		url:         strings.TrimSpace(string(e.URL)),
		title:       string(e.Title),
		subtitle:    string(e.Subtitle),
		track:       string(e.Track),
		typ:         string(e.Type),
		language:    string(e.Language),
		abstract:    string(e.Abstract),
		description: string(e.Description),
		feedbackURL: strings.TrimSpace(string(e.FeedbackURL)),
		cancelled:   cancelledState(string(e.State)),
	}
	if ev.date == "" && strings.Contains(ev.start, "T") {
		// schedule2: start is a date-time.
		ev.date, ev.start = ev.start, ""
	}
	persons := e.Persons
	if len(persons) == 0 {
		persons = e.Participants
	}
	if len(persons) > 0 {
		ev.persons = make([]frabPerson, 0, len(persons))
		for _, p := range persons {
			name := string(p.PublicName)
			if name == "" {
				name = string(p.Name)
			}
			ev.persons = append(ev.persons, frabPerson{
				id:   strings.TrimSpace(string(p.ID)),
				code: strings.TrimSpace(string(p.Code)),
				guid: strings.TrimSpace(string(p.GUID)),
				name: name,
				bio:  string(p.Biography),
				url:  strings.TrimSpace(string(p.URL)),
			})
		}
	}
	for _, l := range e.Links {
		if u := linkURL(l); u != "" {
			ev.links = append(ev.links, data.Link{Title: strings.TrimSpace(string(l.Title)), URL: u})
		}
	}
	for _, l := range e.Attachments {
		if u := linkURL(l); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			ev.links = append(ev.links, data.Link{Title: strings.TrimSpace(string(l.Title)), URL: u})
		}
	}
	return ev
}

// UnmarshalJSON accepts a link object or a bare URL string.
func (l *sjLink) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return l.URL.UnmarshalJSON(b)
	}
	if len(b) > 0 && b[0] == 'n' {
		return nil
	}
	var raw struct {
		URL   sjText `json:"url"`
		Href  sjText `json:"href"`
		Title sjText `json:"title"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = sjLink(raw)
	return nil
}

func linkURL(l sjLink) string {
	if u := strings.TrimSpace(string(l.URL)); u != "" {
		return u
	}
	return strings.TrimSpace(string(l.Href))
}

// scheduleJSONError turns a decoding error into a ParseError with a position
// where the decoder knows one.
func scheduleJSONError(b []byte, err error) error {
	var re *sjRoomsError
	if errors.As(err, &re) {
		msg := strings.TrimPrefix(re.Error(), "json: ")
		msg = strings.ReplaceAll(msg, "json: ", "")
		if off := re.offsetIn(b); off >= 0 {
			line, col := lineCol(b, off)
			return &ParseError{Format: FormatScheduleJSON, Line: line, Column: col, Offset: off, Msg: safeMessage(msg)}
		}
		return &ParseError{Format: FormatScheduleJSON, Offset: -1, Msg: safeMessage(msg)}
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) || errors.As(err, &te) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if pe, ok := jsonError(FormatScheduleJSON, b, err).(*ParseError); ok {
			if te != nil {
				pe.Msg = strings.TrimSpace(err.Error())
				pe.Msg = strings.TrimPrefix(pe.Msg, "json: ")
			}
			if se != nil && se.Offset >= int64(len(b)) {
				pe.Msg = "unexpected end of file: " + se.Error()
			}
			pe.Msg = safeMessage(pe.Msg)
			return pe
		}
	}
	return &ParseError{Format: FormatScheduleJSON, Offset: -1, Msg: safeMessage(strings.TrimPrefix(err.Error(), "json: "))}
}

// cancelledState reports whether a schedule2 event state says the event
// will not take place.
func cancelledState(state string) bool {
	switch strings.ToUpper(strings.TrimSpace(state)) {
	case "CANCELED", "CANCELLED", "WITHDRAWN", "DELETED", "REJECTED":
		return true
	}
	return false
}
