package data

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
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
			i := bytes.IndexByte(b, '>')
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

func attr(se *xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

type frabXMLReader struct {
	dec  *xml.Decoder
	b    []byte
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
}

func (r *frabXMLReader) errAt(msg string) error {
	line, col := r.dec.InputPos()
	return &ParseError{Format: FormatFrabXML, Line: line, Column: col, Offset: r.dec.InputOffset(), Msg: msg}
}

func readFrabXML(b []byte, opt Options) (*Conference, []string, error) {
	r := &frabXMLReader{b: b, day: -1}
	r.doc.format = FormatFrabXML
	r.dec = xml.NewDecoder(bytes.NewReader(b))
	r.dec.Entity = xml.HTMLEntity
	r.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unsupported encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	if err := r.run(); err != nil {
		return nil, nil, err
	}
	return r.doc.build(opt)
}

func (r *frabXMLReader) run() error {
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			if !r.rootSeen {
				return r.errAt("expected a <schedule> element, found an empty document")
			}
			if !r.rootEnded {
				return r.errAt("unexpected end of file: <schedule> is not closed")
			}
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			line, col := r.dec.InputPos()
			msg := err.Error()
			if errors.As(err, &se) {
				msg = strings.TrimPrefix(se.Msg, "xml: ")
				if se.Line > 0 && se.Line != line {
					line, col = se.Line, 0
				}
			}
			return &ParseError{Format: FormatFrabXML, Line: line, Column: col, Offset: r.dec.InputOffset(), Msg: msg}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := r.start(&t); err != nil {
				return err
			}
		case xml.EndElement:
			r.end(t.Name.Local)
		case xml.CharData:
			if r.capture != fNone {
				r.text = append(r.text, t...)
			} else if len(r.path) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return r.errAt("expected a <schedule> element, found text")
			}
		}
		if r.rootEnded {
			break
		}
	}
	if !r.confSeen {
		return &ParseError{Format: FormatFrabXML, Offset: -1, Msg: "expected a <conference> element inside <schedule>"}
	}
	return nil
}

func (r *frabXMLReader) parent(n int) string {
	if len(r.path) < n {
		return ""
	}
	return r.path[len(r.path)-n]
}

func (r *frabXMLReader) start(se *xml.StartElement) error {
	name := se.Name.Local
	if len(r.path) == 0 {
		if name != "schedule" {
			return r.errAt(fmt.Sprintf("expected a <schedule> root element, found <%s>", name))
		}
		r.rootSeen = true
	}
	if r.capture != fNone {
		// Markup inside a text field: keep its text only.
		r.path = append(r.path, name)
		return nil
	}
	parent := r.parent(1)
	depth := len(r.path)
	r.path = append(r.path, name)
	begin := func(f xmlField) {
		r.capture, r.capDepth, r.text = f, depth+1, r.text[:0]
	}
	switch {
	case depth == 1 && name == "conference":
		r.confSeen = true
	case depth == 2 && parent == "conference":
		if f, ok := conferenceFields[name]; ok {
			if f == fConfTrack {
				r.saveAttrs(se)
			}
			begin(f)
		}
	case depth == 2 && parent == "tracks" && name == "track":
		r.saveAttrs(se)
		begin(fTopTrack)
	case depth == 2 && parent == "persons" && name == "person":
		r.doc.persons = append(r.doc.persons, frabPerson{id: attr(se, "id"), code: attr(se, "code"), guid: attr(se, "guid")})
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
		r.doc.days = append(r.doc.days, frabDay{date: strings.TrimSpace(attr(se, "date")), start: attr(se, "start")})
		r.day = len(r.doc.days) - 1
	case depth == 2 && parent == "day" && name == "room":
		r.room = attr(se, "name")
		r.addRoom(r.room, attr(se, "guid"))
	case name == "event" && parent == "room":
		r.doc.events = append(r.doc.events, frabEvent{day: r.day, parentRoom: r.room, id: attr(se, "id"), guid: attr(se, "guid"), code: attr(se, "code")})
		r.ev = &r.doc.events[len(r.doc.events)-1]
	case r.ev != nil && parent == "event":
		if f, ok := eventFields[name]; ok {
			begin(f)
		}
	case r.ev != nil && parent == "persons" && name == "person" && r.parent(3) == "event":
		r.saveAttrs(se)
		begin(fEvPerson)
	case r.ev != nil && parent == "links" && name == "link" && r.parent(3) == "event":
		r.saveAttrs(se)
		begin(fEvLink)
	case r.ev != nil && parent == "attachments" && name == "attachment" && r.parent(3) == "event":
		r.saveAttrs(se)
		begin(fEvAttachment)
	}
	return nil
}

func (r *frabXMLReader) saveAttrs(se *xml.StartElement) {
	if r.attrs == nil {
		r.attrs = map[string]string{}
	}
	clear(r.attrs)
	for _, a := range se.Attr {
		r.attrs[a.Name.Local] = a.Value
	}
}

func (r *frabXMLReader) addRoom(name, guid string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	for _, rm := range r.doc.rooms {
		if rm.Name == name {
			return
		}
	}
	r.doc.rooms = append(r.doc.rooms, Room{Name: name, ID: guid})
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

func (r *frabXMLReader) finishField(extended bool) {
	s := string(r.text)
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
			d.tracks = append(d.tracks, Track{Name: name, Color: strings.TrimSpace(r.attrs["color"])})
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
		ev.links = append(ev.links, Link{Title: strings.TrimSpace(s), URL: href})
	}
}
