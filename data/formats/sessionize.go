package formats

// The Sessionize API reader, "All" view: {sessions, speakers, questions,
// categories, rooms}.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lineup-tui/lineup/data"
)

func init() { register(FormatSessionize, sniffSessionize, readSessionize) }

// sniffSessionize looks at the top-level keys of a JSON object: "sessions"
// and "speakers" arrays plus "categories" or "rooms". lineup's own JSON
// ("lineup") and schedule.json ("schedule") are not Sessionize.
func sniffSessionize(b []byte) bool {
	keys, ok := jsonTopKeys(b)
	if !ok {
		return false
	}
	if _, ok := keys["lineup"]; ok {
		return false
	}
	if _, ok := keys["schedule"]; ok {
		return false
	}
	if keys["sessions"] != '[' || keys["speakers"] != '[' {
		return false
	}
	return keys["categories"] == '[' || keys["rooms"] == '['
}

// jsonTopKeys maps each key of a top-level JSON object to the first byte of
// its value, skipping the values byte by byte without decoding them.
func jsonTopKeys(b []byte) (map[string]byte, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\xef\xbb\xbf")
	if len(b) == 0 || b[0] != '{' {
		return nil, false
	}
	keys := map[string]byte{}
	i := 1
	for {
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == '}' {
			return keys, true
		}
		if i >= len(b) || b[i] != '"' {
			return nil, false
		}
		kEnd := skipJSONString(b, i)
		if kEnd < 0 {
			return nil, false
		}
		key := string(b[i+1 : kEnd-1])
		i = skipJSONSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipJSONSpace(b, i+1)
		if i >= len(b) {
			return nil, false
		}
		keys[key] = b[i]
		if i = skipJSONValue(b, i); i < 0 {
			return nil, false
		}
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
}

// szID is an id that Sessionize writes as a string or a number.
type szID string

func (id *szID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = szID(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("id %s is neither a string nor a number", quoteInput(string(b)))
		}
		*id = szID(n.String())
	}
	return nil
}

type szAll struct {
	Sessions   []szSession  `json:"sessions"`
	Speakers   []szSpeaker  `json:"speakers"`
	Categories []szCategory `json:"categories"`
	Rooms      []szRoom     `json:"rooms"`
}

type szSession struct {
	ID               szID    `json:"id"`
	Title            string  `json:"title"`
	Description      *string `json:"description"`
	StartsAt         *string `json:"startsAt"`
	EndsAt           *string `json:"endsAt"`
	IsServiceSession bool    `json:"isServiceSession"`
	IsPlenumSession  bool    `json:"isPlenumSession"`
	Speakers         []szID  `json:"speakers"`
	CategoryItems    []szID  `json:"categoryItems"`
	RoomID           szID    `json:"roomId"`
	LiveURL          *string `json:"liveUrl"`
	RecordingURL     *string `json:"recordingUrl"`
}

type szSpeaker struct {
	ID        szID     `json:"id"`
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	FullName  string   `json:"fullName"`
	Bio       *string  `json:"bio"`
	TagLine   *string  `json:"tagLine"`
	Links     []szLink `json:"links"`
}

type szLink struct {
	Title    string `json:"title"`
	URL      string `json:"url"`
	LinkType string `json:"linkType"`
}

type szCategory struct {
	ID    szID     `json:"id"`
	Title string   `json:"title"`
	Type  string   `json:"type"`
	Items []szItem `json:"items"`
}

type szItem struct {
	ID   szID   `json:"id"`
	Name string `json:"name"`
}

type szRoom struct {
	ID   szID   `json:"id"`
	Name string `json:"name"`
}

// szField says which session field a category fills, from its title.
func szField(title string) string {
	t := strings.ToLower(title)
	switch {
	case strings.Contains(t, "track") || strings.Contains(t, "topic"):
		return "track"
	case strings.Contains(t, "level"):
		return "level"
	case strings.Contains(t, "format") || strings.Contains(t, "type"):
		return "type"
	}
	return ""
}

const szLocalLayout = "2006-01-02T15:04:05"

func readSessionize(b []byte, opt Options) (*data.Conference, []string, error) {
	// A big file's sessions and speakers are read on every core
	// (decodeSplit); if that gives up, the whole file is read at once.
	var all szAll
	if !decodeSplit(b, &opt, &all, nil,
		splitArray{"sessions", splitInto(&all.Sessions)},
		splitArray{"speakers", splitInto(&all.Speakers)}) {
		all = szAll{}
		if opt.sessions > 0 {
			// Only when the file has sessions: a missing list must stay nil.
			all.Sessions = make([]szSession, 0, opt.sessions)
		}
		if opt.speakers > 0 {
			all.Speakers = make([]szSpeaker, 0, opt.speakers)
		}
		if err := json.Unmarshal(b, &all); err != nil {
			return nil, nil, jsonError(FormatSessionize, b, err)
		}
	}
	if all.Sessions == nil || all.Speakers == nil {
		return nil, nil, &ParseError{Format: FormatSessionize, Offset: -1, Msg: `expected an object with "sessions" and "speakers" arrays (the Sessionize "All" view)`}
	}
	var loc *time.Location
	if opt.TimeZone != "" {
		l, err := optionZone(opt.TimeZone)
		if err != nil {
			return nil, nil, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/London", opt.TimeZone)
		}
		loc = l
	}
	var warns []string
	c := &data.Conference{TimeZone: opt.TimeZone}
	if len(all.Sessions) > 0 {
		c.Sessions = make([]data.Session, 0, len(all.Sessions))
	}
	if len(all.Speakers) > 0 {
		c.Speakers = make([]data.Speaker, 0, len(all.Speakers))
	}
	c.Name, c.Slug = szName(opt.Source)
	if opt.Name == "" {
		warns = append(warns, "Sessionize files carry no conference name; pass --name to set one")
	}

	roomName := map[szID]string{}
	for _, r := range all.Rooms {
		name := strings.TrimSpace(r.Name)
		roomName[r.ID] = name
		c.Rooms = append(c.Rooms, data.Room{Name: name, ID: string(r.ID)})
	}
	type itemInfo struct{ field, name string }
	items := map[szID]itemInfo{}
	for _, cat := range all.Categories {
		if cat.Type != "" && !strings.EqualFold(cat.Type, "session") {
			continue
		}
		f := szField(cat.Title)
		if f == "" {
			continue
		}
		for _, it := range cat.Items {
			items[it.ID] = itemInfo{f, strings.TrimSpace(it.Name)}
		}
	}
	for _, sp := range all.Speakers {
		name := strings.TrimSpace(sp.FullName)
		if name == "" {
			name = strings.TrimSpace(sp.FirstName + " " + sp.LastName)
		}
		s := data.Speaker{ID: string(sp.ID), Name: name, Bio: szDeref(sp.Bio), URL: szSpeakerURL(sp.Links)}
		s.JobTitle, s.Company = splitTagLine(szDeref(sp.TagLine))
		c.Speakers = append(c.Speakers, s)
	}

	unknownRooms := map[szID]bool{}
	for i, ss := range all.Sessions {
		s := data.Session{
			ID:       string(ss.ID),
			Title:    ss.Title,
			Abstract: szDeref(ss.Description),
			Room:     roomName[ss.RoomID],
		}
		if ss.RoomID != "" && s.Room == "" && !unknownRooms[ss.RoomID] {
			unknownRooms[ss.RoomID] = true
			warns = append(warns, fmt.Sprintf("room id %s is not in the rooms list", ss.RoomID))
		}
		for _, id := range ss.Speakers {
			if id != "" {
				s.SpeakerIDs = append(s.SpeakerIDs, string(id))
			}
		}
		var track, level, typ []string
		for _, id := range ss.CategoryItems {
			it, ok := items[id]
			if !ok {
				continue
			}
			switch it.field {
			case "track":
				track = append(track, it.name)
			case "level":
				level = append(level, it.name)
			case "type":
				typ = append(typ, it.name)
			}
		}
		s.Track = strings.Join(track, ", ")
		s.Level = strings.Join(level, ", ")
		s.Type = strings.Join(typ, ", ")
		if ss.IsServiceSession {
			s.Type = "break"
		}
		if u := szDeref(ss.RecordingURL); u != "" {
			s.Links = append(s.Links, data.Link{Title: "Recording", URL: u})
		}
		if u := szDeref(ss.LiveURL); u != "" {
			s.Links = append(s.Links, data.Link{Title: "Live stream", URL: u})
		}
		start, end := szDeref(ss.StartsAt), szDeref(ss.EndsAt)
		if start != "" {
			st, err := szTime(start, loc)
			if err != nil {
				return nil, warns, szTimeErr(b, i, "startsAt", start, err)
			}
			s.Start, s.End = st, st
			if end != "" {
				et, err := szTime(end, loc)
				if err != nil {
					return nil, warns, szTimeErr(b, i, "endsAt", end, err)
				}
				if et.Before(st) {
					warns = append(warns, fmt.Sprintf("session %s ends before it starts; its end was set to its start", ss.ID))
				} else {
					s.End = et
				}
			}
		}
		c.Sessions = append(c.Sessions, s)
	}
	return c, warns, nil
}

// szTime reads a Sessionize time: local with no offset (needs loc), or, in
// some exports, RFC 3339 with an offset.
func szTime(v string, loc *time.Location) (time.Time, error) {
	// A local time is exactly as long as its layout, shorter than any time
	// with an offset: it is not tried as RFC 3339 (a failed Parse makes an
	// error, which at 100,000 sessions was a tenth of the reading).
	if len(v) != len(szLocalLayout) {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t, nil
		}
	}
	if loc == nil {
		if _, err := time.Parse(szLocalLayout, v); err == nil {
			return time.Time{}, ErrNoTimeZone
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation(szLocalLayout, v, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a time such as 2026-10-02T09:00:00", v)
	}
	return t, nil
}

func szTimeErr(b []byte, i int, field, v string, err error) error {
	if errors.Is(err, ErrNoTimeZone) {
		return fmt.Errorf("%s: %w; pass --tz ZONE with the conference's IANA time zone (e.g. --tz Europe/London)", FormatSessionize, ErrNoTimeZone)
	}
	pe := &ParseError{Format: FormatSessionize, Offset: -1, Msg: fmt.Sprintf("session %d: %s: %v", i+1, field, err)}
	// Point at the value in the file when it can be found.
	if off := bytes.Index(b, []byte(strconv.Quote(v))); off >= 0 {
		pe.Offset = int64(off)
		pe.Line, pe.Column = lineCol(b, int64(off))
	}
	return pe
}

// szAPIPath is compiled on first use, not when every command starts.
var szAPIPath = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/api/v2/([A-Za-z0-9]+)/`) })

// szName derives a conference name and slug from where the file came from:
// "scottish-summit-2026.all.json" or a sessionize.com/api/v2/<code>/… URL.
func szName(source string) (name, slug string) {
	if source != "" {
		if u, err := url.Parse(source); err == nil && u.Host != "" {
			if m := szAPIPath().FindStringSubmatch(u.Path); m != nil {
				return "Sessionize " + m[1], "sessionize-" + strings.ToLower(m[1])
			}
			source = path.Base(u.Path)
		}
		base := filepath.Base(source)
		for _, ext := range []string{".json", ".all", ".sessionize"} {
			base = strings.TrimSuffix(strings.ToLower(base), ext)
		}
		switch base {
		case "", ".", "/", "all", "view", "sessions", "schedule":
		default:
			if sl := data.Slugify(base); sl != "" {
				return strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' }), " "), sl
			}
		}
	}
	return "Sessionize schedule", "sessionize"
}

// szSpeakerURL picks the speaker's own site over social profiles.
func szSpeakerURL(links []szLink) string {
	rank := func(t string) int {
		switch strings.ToLower(t) {
		case "blog":
			return 0
		case "company_website":
			return 1
		case "other":
			return 2
		case "linkedin":
			return 3
		}
		return 4
	}
	ls := append([]szLink(nil), links...)
	sort.SliceStable(ls, func(i, j int) bool { return rank(ls[i].LinkType) < rank(ls[j].LinkType) })
	for _, l := range ls {
		if u := strings.TrimSpace(l.URL); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			return u
		}
	}
	return ""
}

func szDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// szRoleWords are words that name a role or a title, not an employer.
var szRoleWords = map[string]bool{
	"architect": true, "engineer": true, "developer": true, "consultant": true, "manager": true,
	"director": true, "advocate": true, "lead": true, "leader": true, "officer": true, "head": true,
	"ceo": true, "cto": true, "cio": true, "coo": true, "cfo": true, "ciso": true, "vp": true,
	"founder": true, "co-founder": true, "cofounder": true, "designer": true, "specialist": true,
	"tester": true, "trainer": true, "analyst": true, "scientist": true, "researcher": true,
	"president": true, "evangelist": true, "maintainer": true, "owner": true, "partner": true,
	"principal": true, "technologist": true, "expert": true, "programmer": true, "administrator": true,
	"mvp": true, "mct": true, "speaker": true, "blogger": true, "author": true, "student": true,
	"professor": true, "coach": true, "mentor": true, "intern": true, "chief": true, "freelancer": true,
	"freelance": true, "contractor": true, "product": true, "senior": true, "junior": true,
	"podcaster": true, "host": true, "co-host": true, "writer": true, "editor": true,
}

func szHasRoleWord(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '&' || r == '/' || r == '(' || r == ')' || r == '.'
	}) {
		if szRoleWords[w] {
			return true
		}
	}
	return false
}

// splitTagLine splits a speaker's tag line such as "Role at Company",
// "Role @ Company" or "Role, Company" into a job title and a company when
// that is clear; otherwise the whole line is the job title. Lines with
// several parts ("MVP | MCT", "A, B, C") stay whole.
func splitTagLine(tag string) (jobTitle, company string) {
	tag = strings.Join(strings.Fields(tag), " ")
	if tag == "" {
		return "", ""
	}
	if strings.ContainsAny(tag, "|;") || strings.Contains(tag, " / ") {
		return tag, ""
	}
	type sep struct {
		s     string
		comma bool
	}
	var which sep
	n := 0
	for _, sp := range []sep{{" at ", false}, {"@", false}, {",", true}} {
		if c := strings.Count(tag, sp.s); c > 0 {
			n += c
			which = sp
		}
	}
	if n != 1 {
		return tag, ""
	}
	i := strings.Index(tag, which.s)
	role := strings.TrimSpace(tag[:i])
	comp := strings.TrimSpace(tag[i+len(which.s):])
	if role == "" || comp == "" || len(strings.Fields(comp)) > 5 || szHasRoleWord(comp) {
		return tag, ""
	}
	if which.comma && !szHasRoleWord(role) {
		return tag, ""
	}
	return role, comp
}
