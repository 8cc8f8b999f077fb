// Package changes computes what changed between two versions of a
// conference's schedule: sessions added, removed, cancelled, moved (day, time
// or room) and changed (title, speakers, abstract, track and the other text
// fields), each with its old and new values. It also holds the rules for
// keeping exported calendars right across versions (see calendar.go).
//
// Sessions are matched by id: the readers give each session the most stable
// key its format has, so the same talk keeps its id from one version to the
// next.
package changes

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// Kind says how a session changed.
type Kind string

// The kinds of change. A session gets exactly one entry per change set; when
// several apply the first of cancelled, moved, changed wins and the entry
// still lists every field that differs. So a talk that moved and got a new
// title is one "moved" entry with the fields start, end and title.
const (
	Added     Kind = "added"     // in the new version only
	Removed   Kind = "removed"   // in the old version only
	Cancelled Kind = "cancelled" // marked cancelled in the new version, not in the old
	Moved     Kind = "moved"     // day, start, end or room changed
	Changed   Kind = "changed"   // any other field changed (or the cancellation was lifted)
)

// Field names, the same as the keys of `lineup sessions --json` and `lineup
// show --json`.
const (
	FieldDate          = "date"
	FieldStart         = "start"
	FieldEnd           = "end"
	FieldRoom          = "room"
	FieldTitle         = "title"
	FieldSubtitle      = "subtitle"
	FieldTrack         = "track"
	FieldType          = "type"
	FieldLevel         = "level"
	FieldLanguage      = "language"
	FieldSpeakers      = "speakers"
	FieldAbstract      = "abstract"
	FieldDescription   = "description"
	FieldAudience      = "audience"
	FieldPrerequisites = "prerequisites"
	FieldOutcomes      = "outcomes"
	FieldURL           = "url"
	FieldFeedbackURL   = "feedback_url"
	FieldLinks         = "links"
	// FieldCancelled appears only on a "changed" entry whose cancellation was
	// lifted: ["true", "false"].
	FieldCancelled = "cancelled"
)

// placeFields are the fields whose change makes a session "moved".
var placeFields = map[string]bool{FieldDate: true, FieldStart: true, FieldEnd: true, FieldRoom: true}

// Field is one changed value. Times are RFC 3339 in the conference's zone and
// "" when the session has no published time; speakers are names joined by
// ", "; links are "title <url>" joined by ", "; lists (audience…) are joined
// by "; ".
type Field struct {
	Name string `json:"name"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Entry is the change of one session.
type Entry struct {
	ID string `json:"id"`
	// Title names the session: the new title (without a cancellation marker),
	// or the old one for a removed session.
	Title string `json:"title"`
	Kind  Kind   `json:"kind"`
	// Fields lists what differs, in a fixed order (place first, then text).
	// An added session lists its place with Old ""; a removed one lists its
	// old place with New "", so that it can still be shown and exported.
	Fields []Field `json:"fields,omitempty"`
	// Date and Start place the entry in programme order: the new ones, or the
	// old ones for a removed session.
	Date  string    `json:"date,omitempty"`
	Start time.Time `json:"start,omitzero"`
}

// Field returns the named field and whether it changed.
func (e *Entry) Field(name string) (Field, bool) {
	for _, f := range e.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// FieldMap returns the fields as {name: [old, new]}.
func (e *Entry) FieldMap() map[string][2]string {
	m := make(map[string][2]string, len(e.Fields))
	for _, f := range e.Fields {
		m[f.Name] = [2]string{f.Old, f.New}
	}
	return m
}

// Set is the change set of one refresh: what differs between the previous
// version and the new one, in programme order.
type Set struct {
	At      time.Time `json:"at"`
	Entries []Entry   `json:"entries"`

	byID map[string]int
}

// Empty reports whether nothing changed.
func (s *Set) Empty() bool { return s == nil || len(s.Entries) == 0 }

// Entry returns the entry of a session, or nil when it did not change. It
// uses the lookup Compute and Prepare build, and reads the entries one by one
// on a set that has none.
func (s *Set) Entry(id string) *Entry {
	if s == nil {
		return nil
	}
	if s.byID != nil {
		if i, ok := s.byID[id]; ok && i < len(s.Entries) && s.Entries[i].ID == id {
			return &s.Entries[i]
		}
		return nil
	}
	for i := range s.Entries {
		if s.Entries[i].ID == id {
			return &s.Entries[i]
		}
	}
	return nil
}

// Prepare builds the id lookup Entry uses. Compute calls it; call it after
// decoding a stored set or changing Entries, before sharing the set between
// goroutines.
func (s *Set) Prepare() {
	s.byID = make(map[string]int, len(s.Entries))
	for i := range s.Entries {
		if _, ok := s.byID[s.Entries[i].ID]; !ok {
			s.byID[s.Entries[i].ID] = i
		}
	}
}

// Count returns how many entries there are of each kind.
func (s *Set) Count() map[Kind]int {
	m := map[Kind]int{}
	if s != nil {
		for i := range s.Entries {
			m[s.Entries[i].Kind]++
		}
	}
	return m
}

// Kinds lists the kinds in the order a summary names them.
func Kinds() []Kind { return []Kind{Cancelled, Moved, Changed, Added, Removed} }

// Summary says what the set holds in one line: "2 cancelled, 1 moved, 3
// added", or "no changes".
func (s *Set) Summary() string {
	count := s.Count()
	var parts []string
	for _, k := range Kinds() {
		if n := count[k]; n > 0 {
			parts = append(parts, strconv.Itoa(n)+" "+string(k))
		}
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// Compute returns the change set from prev to next, stamped at. Either
// version may be nil (an empty schedule). Neither conference is modified. When a
// version holds the same id twice, the first session with it counts.
func Compute(prev, next *data.Conference, at time.Time) *Set {
	oldV, newV := view(prev), view(next)
	set := &Set{At: at}
	for i := range newV.sessions {
		ns := &newV.sessions[i]
		if newV.dup[i] {
			continue
		}
		j, ok := oldV.byID[ns.ID]
		if !ok {
			set.Entries = append(set.Entries, Entry{
				ID: ns.ID, Title: StripCancelled(ns.Title), Kind: Added,
				Fields: placeFieldsOf(ns, newV, false), Date: ns.Date, Start: ns.Start,
			})
			continue
		}
		if e, changed := compare(&oldV.sessions[j], ns, oldV, newV); changed {
			set.Entries = append(set.Entries, e)
		}
	}
	for i := range oldV.sessions {
		ps := &oldV.sessions[i]
		if oldV.dup[i] {
			continue
		}
		if _, ok := newV.byID[ps.ID]; ok {
			continue
		}
		set.Entries = append(set.Entries, Entry{
			ID: ps.ID, Title: StripCancelled(ps.Title), Kind: Removed,
			Fields: placeFieldsOf(ps, oldV, true), Date: ps.Date, Start: ps.Start,
		})
	}
	sortEntries(set.Entries)
	set.Prepare()
	return set
}

// version is a read-only view of one conference for comparing.
type version struct {
	sessions []data.Session
	byID     map[string]int
	dup      []bool
	speakers map[string]string // id → name
	loc      *time.Location
}

func view(c *data.Conference) *version {
	v := &version{loc: time.UTC}
	if c == nil {
		v.byID = map[string]int{}
		return v
	}
	v.sessions = c.Sessions
	v.loc = c.Location()
	v.byID = make(map[string]int, len(c.Sessions))
	v.dup = make([]bool, len(c.Sessions))
	for i := range c.Sessions {
		id := c.Sessions[i].ID
		if _, ok := v.byID[id]; ok {
			v.dup[i] = true
			continue
		}
		v.byID[id] = i
	}
	v.speakers = make(map[string]string, len(c.Speakers))
	for i := range c.Speakers {
		v.speakers[c.Speakers[i].ID] = c.Speakers[i].Name
	}
	return v
}

func (v *version) timeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.loc).Format(time.RFC3339)
}

func (v *version) speakerNames(s *data.Session) string {
	if len(s.SpeakerIDs) == 0 {
		return ""
	}
	names := make([]string, 0, len(s.SpeakerIDs))
	for _, id := range s.SpeakerIDs {
		if n, ok := v.speakers[id]; ok && n != "" {
			names = append(names, n)
		} else {
			names = append(names, id)
		}
	}
	return strings.Join(names, ", ")
}

// placeFieldsOf lists a session's place (day, time, room) as fields, on the
// old side when old is set and on the new side otherwise; empty values are
// left out.
func placeFieldsOf(s *data.Session, v *version, old bool) []Field {
	vals := [...][2]string{
		{FieldDate, s.Date},
		{FieldStart, v.timeString(s.Start)},
		{FieldEnd, v.timeString(s.End)},
		{FieldRoom, s.Room},
	}
	var out []Field
	for _, nv := range vals {
		if nv[1] == "" {
			continue
		}
		f := Field{Name: nv[0]}
		if old {
			f.Old = nv[1]
		} else {
			f.New = nv[1]
		}
		out = append(out, f)
	}
	return out
}

// compare returns the entry for a session present in both versions, and
// whether anything differs.
func compare(a, b *data.Session, av, bv *version) (Entry, bool) {
	var fields []Field
	add := func(name, before, after string) {
		if before != after {
			fields = append(fields, Field{Name: name, Old: before, New: after})
		}
	}
	add(FieldDate, a.Date, b.Date)
	if !a.Start.Equal(b.Start) {
		add(FieldStart, av.timeString(a.Start), bv.timeString(b.Start))
	}
	if !a.End.Equal(b.End) {
		add(FieldEnd, av.timeString(a.End), bv.timeString(b.End))
	}
	add(FieldRoom, a.Room, b.Room)
	moved := len(fields) > 0

	wasCancelled, isCancelled := IsCancelled(a), IsCancelled(b)
	add(FieldTitle, StripCancelled(a.Title), StripCancelled(b.Title))
	add(FieldSubtitle, a.Subtitle, b.Subtitle)
	add(FieldTrack, a.Track, b.Track)
	add(FieldType, a.Type, b.Type)
	add(FieldLevel, a.Level, b.Level)
	add(FieldLanguage, a.Language, b.Language)
	if !sameSpeakers(a, b, av, bv) {
		add(FieldSpeakers, av.speakerNames(a), bv.speakerNames(b))
	}
	add(FieldAbstract, a.Abstract, b.Abstract)
	add(FieldDescription, a.Description, b.Description)
	add(FieldAudience, joinList(a.Audience), joinList(b.Audience))
	add(FieldPrerequisites, joinList(a.Prerequisites), joinList(b.Prerequisites))
	add(FieldOutcomes, joinList(a.Outcomes), joinList(b.Outcomes))
	add(FieldURL, a.URL, b.URL)
	add(FieldFeedbackURL, a.FeedbackURL, b.FeedbackURL)
	if !sameLinks(a.Links, b.Links) {
		add(FieldLinks, joinLinks(a.Links), joinLinks(b.Links))
	}
	if wasCancelled && !isCancelled {
		add(FieldCancelled, "true", "false")
	}

	kind := Changed
	switch {
	case isCancelled && !wasCancelled:
		kind = Cancelled
	case moved:
		kind = Moved
	case len(fields) == 0:
		return Entry{}, false
	}
	return Entry{ID: b.ID, Title: StripCancelled(b.Title), Kind: kind, Fields: fields, Date: b.Date, Start: b.Start}, true
}

// sameSpeakers compares speakers by name, in order, so that a speaker whose
// record got a new id is not a change.
func sameSpeakers(a, b *data.Session, av, bv *version) bool {
	if len(a.SpeakerIDs) != len(b.SpeakerIDs) {
		return false
	}
	for i := range a.SpeakerIDs {
		x, y := a.SpeakerIDs[i], b.SpeakerIDs[i]
		nx, okx := av.speakers[x]
		ny, oky := bv.speakers[y]
		if !okx {
			nx = x
		}
		if !oky {
			ny = y
		}
		if nx != ny {
			return false
		}
	}
	return true
}

func sameLinks(a, b []data.Link) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func joinLinks(l []data.Link) string {
	parts := make([]string, 0, len(l))
	for _, k := range l {
		if k.Title != "" {
			parts = append(parts, k.Title+" <"+k.URL+">")
		} else {
			parts = append(parts, k.URL)
		}
	}
	return strings.Join(parts, ", ")
}

func joinList(l []string) string { return strings.Join(l, "; ") }

// sortEntries puts entries in programme order: day, then scheduled before
// unscheduled, start, title (case-insensitive), id.
func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool { return entryLess(&es[i], &es[j]) })
}

func entryLess(a, b *Entry) bool {
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	as, bs := !a.Start.IsZero(), !b.Start.IsZero()
	if as != bs {
		return as
	}
	if !a.Start.Equal(b.Start) {
		return a.Start.Before(b.Start)
	}
	if c := strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}
