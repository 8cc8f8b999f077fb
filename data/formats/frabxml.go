package formats

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/lineup-tui/lineup/data"
)

// The frab / Pentabarf / pretalx schedule.xml reader.
//
// The tree is schedule > conference, (tracks), (persons), day > room > event.
// The reader walks the tokens once and keeps only the fields lineup shows.

func init() { register(FormatFrabXML, sniffFrabXML, readFrabXML) }

// sniffFrabXML reports whether b is an XML document whose root is <schedule>.
func sniffFrabXML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for range 64 {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return false
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return false
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := declarationEnd(b)
			if i < 0 {
				return false
			}
			b = b[i+1:]
		default:
			if !bytes.HasPrefix(b, []byte("<schedule")) || len(b) < 10 {
				return false
			}
			switch b[9] {
			case ' ', '\t', '\r', '\n', '>', '/':
				return true
			}
			return false
		}
	}
	return false
}

// xmlField says which text field an element fills.
type xmlField int

const (
	fNone xmlField = iota
	// conference
	fConfTitle
	fConfAcronym
	fConfStart
	fConfEnd
	fConfZone
	fConfDayChange
	fConfBaseURL
	fConfCity
	fConfVenue
	fConfTrack
	fTopTrack
	// top-level person
	fPersonName
	fPersonBio
	fPersonURL
	// event
	fEvDate
	fEvStart
	fEvDuration
	fEvRoom
	fEvSlug
	fEvURL
	fEvTitle
	fEvSubtitle
	fEvTrack
	fEvType
	fEvLanguage
	fEvAbstract
	fEvDescription
	fEvFeedback
	fEvGUID
	fEvPerson
	fEvLink
	fEvAttachment
)

var conferenceFields = map[string]xmlField{
	"title": fConfTitle, "acronym": fConfAcronym, "start": fConfStart, "end": fConfEnd,
	"time_zone_name": fConfZone, "day_change": fConfDayChange, "base_url": fConfBaseURL,
	"city": fConfCity, "venue": fConfVenue, "track": fConfTrack,
}

var eventFields = map[string]xmlField{
	"date": fEvDate, "start": fEvStart, "duration": fEvDuration, "room": fEvRoom, "slug": fEvSlug,
	"url": fEvURL, "title": fEvTitle, "subtitle": fEvSubtitle, "track": fEvTrack, "type": fEvType,
	"language": fEvLanguage, "abstract": fEvAbstract, "description": fEvDescription,
	"feedback_url": fEvFeedback, "guid": fEvGUID,
}

var personFields = map[string]xmlField{
	"name": fPersonName, "public_name": fPersonName, "full_public_name": fPersonName,
	"biography": fPersonBio, "abstract": fPersonBio, "url": fPersonURL,
}

type frabXMLReader struct {
	sc   *xmlScanner
	rel  *releaser // lets go of what sc has read, or nil
	doc  frabDoc
	path []string // local names of the open elements

	capture   xmlField
	capDepth  int
	text      []byte
	extBio    string // extended_biography of the current top-level person
	attrs     map[string]string
	ev        *frabEvent
	person    *frabPerson // current top-level person
	day       int
	room      string
	confSeen  bool
	rootSeen  bool
	rootEnded bool
	rootPos   int
	items     int // elements that may become a record
	roomSeen  map[string]bool
	texts     map[string]string // see shared
}

func (r *frabXMLReader) errAt(msg string) error {
	r.sc.fail(r.sc.pos, "%s", msg)
	return r.sc.parseError()
}

func readFrabXML(b []byte, opt Options) (*data.Conference, []string, error) {
	sc, err := newXMLScanner(b)
	if err != nil {
		return nil, nil, err
	}
	r := &frabXMLReader{sc: sc, day: -1}
	r.doc.format = FormatFrabXML
	// The events' list made about as long as it will be at once: grown a
	// step at a time, the last step held the list twice over (60 MB at
	// 100,000 events). "<event" also starts a few other names, and the
	// count is only a capacity, so it is capped at the most sessions read
	// and at one event in 32 bytes, so that a small file of "<event" does
	// not make a big list (a list too short only grows).
	r.doc.events = make([]frabEvent, 0, min(bytes.Count(b, []byte("<event")), MaxSessions, len(b)/32))
	// The count read all of the file; the scanner reads it again (and
	// lets go of it) in order.
	if in := bytes.TrimPrefix(b, utf8BOM); len(sc.b) > 0 && len(in) == len(sc.b) && &sc.b[0] == &in[0] {
		opt.release(in)
		r.rel = &releaser{opt: &opt, b: in}
	}
	if err := r.run(); err != nil {
		return nil, nil, err
	}
	if r.rel != nil {
		r.rel.all(len(r.rel.b))
	}
	// The scanner holds the whole file, which build no longer needs: let
	// it go, so that the file, the events read from it and the conference
	// they become are not all held at once (Parse lets go of its copy).
	r.sc = nil
	return r.doc.build(opt)
}

func (r *frabXMLReader) run() error {
	sc := r.sc
	for !r.rootEnded {
		if r.rel != nil {
			r.rel.upTo(sc.pos)
		}
		kind, name, raw := sc.next()
		switch kind {
		case xmlEOF:
			if err := sc.parseError(); err != nil {
				return err
			}
			if !r.rootSeen {
				return r.errAt("expected a <schedule> element, found an empty document")
			}
			return r.errAt("unexpected end of file: <schedule> is not closed")
		case xmlStart:
			if err := r.start(name); err != nil {
				return err
			}
		case xmlEnd:
			r.end(name)
		case xmlText, xmlCDATA:
			if r.capture != fNone {
				if kind == xmlCDATA {
					r.text = append(r.text, raw...)
				} else {
					var err error
					if r.text, err = decodeEntities(raw, r.text); err != nil {
						sc.fail(sc.pos-len(raw), "%v", sc.entityError(err))
						return sc.parseError()
					}
				}
			} else if len(r.path) == 0 && len(bytes.TrimSpace(raw)) > 0 {
				return r.errAt("expected a <schedule> element, found text")
			}
		}
		if err := sc.parseError(); err != nil {
			return err
		}
	}
	if !r.confSeen {
		line, col := lineCol(sc.b, int64(r.rootPos))
		return &ParseError{Format: FormatFrabXML, Line: line, Column: col, Offset: int64(r.rootPos), Msg: "expected a <conference> element inside <schedule>"}
	}
	return nil
}

func (r *frabXMLReader) parent(n int) string {
	if len(r.path) < n {
		return ""
	}
	return r.path[len(r.path)-n]
}

func (r *frabXMLReader) start(name string) error {
	sc := r.sc
	if len(r.path) == 0 {
		if name != "schedule" {
			return r.errAt(fmt.Sprintf("expected a <schedule> root element, found <%s>", name))
		}
		r.rootSeen = true
		r.rootPos = sc.tagStart
	}
	if r.capture != fNone {
		// Markup inside a text field: keep its text only.
		r.path = append(r.path, name)
		return nil
	}
	parent := r.parent(1)
	depth := len(r.path)
	r.path = append(r.path, name)
	switch name {
	case "day", "room", "event", "person", "link", "attachment", "track":
		// The elements that become records count against the cap.
		if r.items++; r.items > maxItems {
			return r.errAt(errTooManyItems)
		}
	}
	begin := func(f xmlField) {
		r.capture, r.capDepth, r.text = f, depth+1, r.text[:0]
	}
	switch {
	case depth == 1 && name == "conference":
		r.confSeen = true
	case depth == 2 && parent == "conference":
		if f, ok := conferenceFields[name]; ok {
			if f == fConfTrack {
				r.saveAttrs()
			}
			begin(f)
		}
	case depth == 2 && parent == "tracks" && name == "track":
		r.saveAttrs()
		begin(fTopTrack)
	case depth == 2 && parent == "persons" && name == "person":
		r.doc.persons = append(r.doc.persons, frabPerson{id: sc.attr("id"), code: sc.attr("code"), guid: sc.attr("guid")})
		r.person = &r.doc.persons[len(r.doc.persons)-1]
		r.extBio = ""
	case depth == 3 && r.person != nil && parent == "person":
		if name == "extended_biography" {
			begin(fPersonBio)
			r.capDepth = -(depth + 1) // marks the extended biography
		} else if f, ok := personFields[name]; ok {
			begin(f)
		}
	case depth == 1 && name == "day":
		date := strings.TrimSpace(sc.attr("date"))
		if date != "" {
			d, err := parseDay(date)
			if err != nil {
				r.sc.fail(sc.tagStart, "<day> date: %v", err)
				return r.sc.parseError()
			}
			date = d
		}
		r.doc.days = append(r.doc.days, frabDay{date: date, start: sc.attr("start")})
		r.day = len(r.doc.days) - 1
	case depth == 2 && parent == "day" && name == "room":
		r.room = sc.attr("name")
		r.addRoom(r.room, sc.attr("guid"))
	case name == "event" && parent == "room":
		if len(r.doc.events) >= MaxSessions {
			return r.errAt(errTooManySessions)
		}
		r.doc.events = append(r.doc.events, frabEvent{day: r.day, parentRoom: r.room, id: sc.attr("id"), guid: sc.attr("guid"), code: sc.attr("code")})
		r.ev = &r.doc.events[len(r.doc.events)-1]
	case r.ev != nil && parent == "event":
		if f, ok := eventFields[name]; ok {
			begin(f)
		}
	case r.ev != nil && parent == "persons" && name == "person" && r.parent(3) == "event":
		r.saveAttrs()
		begin(fEvPerson)
	case r.ev != nil && parent == "links" && name == "link" && r.parent(3) == "event":
		r.saveAttrs()
		begin(fEvLink)
	case r.ev != nil && parent == "attachments" && name == "attachment" && r.parent(3) == "event":
		r.saveAttrs()
		begin(fEvAttachment)
	}
	return nil
}

func (r *frabXMLReader) saveAttrs() {
	if r.attrs == nil {
		r.attrs = map[string]string{}
	}
	clear(r.attrs)
	for _, a := range r.sc.attrs {
		r.attrs[a.name] = r.sc.attr(a.name)
	}
}

func (r *frabXMLReader) addRoom(name, guid string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	if r.roomSeen[name] {
		return
	}
	if r.roomSeen == nil {
		r.roomSeen = map[string]bool{}
	}
	r.roomSeen[name] = true
	r.doc.rooms = append(r.doc.rooms, data.Room{Name: name, ID: guid})
}

func (r *frabXMLReader) end(name string) {
	depth := len(r.path)
	if depth == 0 {
		return
	}
	r.path = r.path[:depth-1]
	if r.capture != fNone {
		cd := r.capDepth
		if cd < 0 {
			cd = -cd
		}
		if depth != cd {
			return
		}
		r.finishField(r.capDepth < 0)
		r.capture = fNone
		return
	}
	switch {
	case depth == 1:
		r.rootEnded = true
	case name == "event" && r.ev != nil && r.parent(1) == "room":
		r.ev = nil
	case name == "person" && depth == 3 && r.person != nil:
		if r.person != nil && r.person.bio == "" {
			r.person.bio = r.extBio
		} else if r.person != nil && r.extBio != "" {
			r.person.bio += "\n\n" + r.extBio
		}
		r.person = nil
	case name == "room" && depth == 3:
		r.room = ""
	case name == "day" && depth == 2:
		r.day = -1
	}
}

// What shared keeps: texts of at most maxSharedLen bytes, at most
// maxSharedTexts of them.
const (
	maxSharedLen   = 64
	maxSharedTexts = 1 << 16
)

// shared returns the captured text, the same string as an earlier field
// with the same text: rooms, tracks, types, times and speakers' names
// repeat over thousands of events, and a big schedule otherwise held a
// copy of each.
func (r *frabXMLReader) shared() string {
	if len(r.text) > maxSharedLen {
		return string(r.text)
	}
	if s, ok := r.texts[string(r.text)]; ok {
		return s
	}
	s := string(r.text)
	if r.texts == nil {
		r.texts = map[string]string{}
	}
	if len(r.texts) < maxSharedTexts {
		r.texts[s] = s
	}
	return s
}

func (r *frabXMLReader) finishField(extended bool) {
	var s string
	switch r.capture {
	case fEvDate, fEvStart, fEvDuration, fEvRoom, fEvTrack, fEvType, fEvLanguage, fEvPerson:
		s = r.shared()
	default:
		s = string(r.text)
	}
	d := &r.doc
	switch r.capture {
	case fConfTitle:
		d.title = s
	case fConfAcronym:
		d.acronym = strings.TrimSpace(s)
	case fConfStart:
		d.start = s
	case fConfEnd:
		d.end = s
	case fConfZone:
		d.tzName = strings.TrimSpace(s)
	case fConfDayChange:
		d.dayChange = strings.TrimSpace(s)
	case fConfBaseURL:
		d.baseURL = strings.TrimSpace(s)
	case fConfCity:
		d.city = s
	case fConfVenue:
		d.venue = s
	case fConfTrack, fTopTrack:
		name := strings.TrimSpace(r.attrs["name"])
		if name == "" {
			name = strings.TrimSpace(s)
		}
		if name != "" {
			d.tracks = append(d.tracks, data.Track{Name: name, Color: strings.TrimSpace(r.attrs["color"])})
		}
	case fPersonName:
		if r.person != nil {
			r.person.name = s
		}
	case fPersonBio:
		if r.person != nil {
			if extended {
				r.extBio = s
			} else {
				r.person.bio = s
			}
		}
	case fPersonURL:
		if r.person != nil {
			r.person.url = strings.TrimSpace(s)
		}
	}
	ev := r.ev
	if ev == nil {
		return
	}
	switch r.capture {
	case fEvDate:
		ev.date = strings.TrimSpace(s)
	case fEvStart:
		ev.start = strings.TrimSpace(s)
	case fEvDuration:
		ev.duration = strings.TrimSpace(s)
	case fEvRoom:
		ev.room = s
	case fEvSlug:
		ev.slug = strings.TrimSpace(s)
	case fEvURL:
		ev.url = strings.TrimSpace(s)
	case fEvTitle:
		ev.title = s
	case fEvSubtitle:
		ev.subtitle = s
	case fEvTrack:
		ev.track = s
	case fEvType:
		ev.typ = s
	case fEvLanguage:
		ev.language = s
	case fEvAbstract:
		ev.abstract = s
	case fEvDescription:
		ev.description = s
	case fEvFeedback:
		ev.feedbackURL = strings.TrimSpace(s)
	case fEvGUID:
		if ev.guid == "" {
			ev.guid = strings.TrimSpace(s)
		}
	case fEvPerson:
		ev.persons = append(ev.persons, frabPerson{id: r.attrs["id"], code: r.attrs["code"], guid: r.attrs["guid"], name: s})
	case fEvLink, fEvAttachment:
		href := strings.TrimSpace(r.attrs["href"])
		if href == "" {
			return
		}
		if r.capture == fEvAttachment && !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") {
			return
		}
		ev.links = append(ev.links, data.Link{Title: strings.TrimSpace(s), URL: href})
	}
}
