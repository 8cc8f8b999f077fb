package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data/text"
)

// Sort names an order of sessions. Its values are stored in the TUI's saved
// view state as plain strings, so they never change.
type Sort string

// The sort orders a Query can ask for.
const (
	// SortDefault ("") means SortRelevance when the query has search text and
	// SortTime otherwise: a search lists the best matches first, a plain
	// filter keeps the programme order.
	SortDefault Sort = ""
	// SortRelevance orders by match score (best first), then programme order.
	SortRelevance Sort = "relevance"
	// SortTime is programme order: the order of Conference.Sessions after Prepare.
	SortTime Sort = "time"
	// SortRating orders by combined rating (average, then count, both
	// highest first), then programme order. Sessions without any rating come last.
	SortRating Sort = "rating"
	// SortTitle orders by folded title, then programme order.
	SortTitle Sort = "title"
)

// sorts lists the sort orders a user can pick.
func sorts() []Sort { return []Sort{SortTime, SortRating, SortTitle, SortRelevance} }

// ParseSort checks a sort name given by a user ("" is the default).
func ParseSort(name string) (Sort, error) {
	s := Sort(strings.ToLower(strings.TrimSpace(name)))
	if s == SortDefault || slices.Contains(sorts(), s) {
		return s, nil
	}
	known := make([]string, 0, len(sorts()))
	for _, k := range sorts() {
		known = append(known, string(k))
	}
	return "", fmt.Errorf("unknown sort %q (known: %s)", s, strings.Join(known, ", "))
}

// Values of Query.Rated.
const (
	RatedAny  = ""
	RatedYes  = "rated"   // sessions the person has rated
	RatedNone = "unrated" // sessions the person has not rated yet
)

// Query says which sessions to show and in which order. The zero Query shows
// every session in programme order. Several values within one facet mean OR
// (Rooms {"A", "B"}: in room A or B); the facets combine with AND. Rooms,
// tracks, types and levels compare folded ("hall a1" selects "Hall A1").
type Query struct {
	// Text is the search text: every word must match somewhere (title,
	// subtitle, speakers, companies, room, track, type, abstract, description,
	// or the person's note).
	Text   string
	Days   []string // YYYY-MM-DD
	Rooms  []string
	Tracks []string
	Types  []string
	Levels []string
	// Speakers match loosely: every word of a value must appear (folded) in
	// the name of one of the session's speakers.
	Speakers []string
	// Starred keeps only the sessions the person starred.
	Starred bool
	// Rated is RatedAny, RatedYes or RatedNone, about the person's own rating.
	Rated string
	// MinRating keeps sessions whose combined rating (published plus the
	// person's own, see CombinedRating) is at least this; 0 = off. Sessions
	// without any rating are dropped when it is set.
	MinRating float64
	// HidePast drops sessions that ended before Now (the system clock's time
	// when Now is zero; callers with a pinned clock set Now). Unscheduled sessions are kept.
	HidePast bool
	Now      time.Time
	// HiddenRooms and HiddenTracks are excluded whatever else the query says.
	HiddenRooms  []string
	HiddenTracks []string
	// Sort is SortDefault, SortRelevance, SortTime, SortRating or SortTitle.
	Sort Sort
}

// EffectiveSort resolves SortDefault: relevance when searching, else time.
// An unknown value counts as the default.
func (q Query) EffectiveSort() Sort {
	switch q.Sort {
	case SortRelevance, SortTime, SortRating, SortTitle:
		return q.Sort
	}
	if strings.TrimSpace(q.Text) != "" {
		return SortRelevance
	}
	return SortTime
}

// IsZero reports whether q shows every session in programme order: no text,
// no filter, no hidden rooms or tracks, and the time order. Now alone does
// not count.
func (q Query) IsZero() bool {
	return strings.TrimSpace(q.Text) == "" && len(q.Chips()) == 0 &&
		(q.Sort == SortDefault || q.Sort == SortTime)
}

// Chip is one active filter value, for showing and removing filters one by one.
type Chip struct {
	Facet Facet
	Value string // the value as it is in the Query
	Label string // what to show: "room: Hall A1"
}

// Facet names one kind of filter of a Query. Facet names are not stored:
// the TUI's saved view state keeps the Query's fields themselves.
type Facet string

// The facets, as chips and the TUI's filter panel name them.
const (
	FacetDay         Facet = "day"
	FacetRoom        Facet = "room"
	FacetTrack       Facet = "track"
	FacetType        Facet = "type"
	FacetLevel       Facet = "level"
	FacetSpeaker     Facet = "speaker"
	FacetStarred     Facet = "starred"
	FacetRated       Facet = "rated"
	FacetMinRating   Facet = "min-rating"
	FacetPast        Facet = "past"
	FacetHiddenRoom  Facet = "hidden-room"
	FacetHiddenTrack Facet = "hidden-track"
)

// Chips returns one chip per active filter value, in a fixed facet order.
// The search text and the sort are not chips.
func (q Query) Chips() []Chip {
	var out []Chip
	list := func(facet Facet, label string, vals []string) {
		for _, v := range vals {
			l := label + ": " + v
			if facet == FacetDay {
				l = label + ": " + dayLabel(v)
			}
			out = append(out, Chip{Facet: facet, Value: v, Label: l})
		}
	}
	list(FacetDay, "day", q.Days)
	list(FacetRoom, "room", q.Rooms)
	list(FacetTrack, "track", q.Tracks)
	list(FacetType, "type", q.Types)
	list(FacetLevel, "level", q.Levels)
	list(FacetSpeaker, "speaker", q.Speakers)
	if q.Starred {
		out = append(out, Chip{Facet: FacetStarred, Value: "true", Label: "★ starred"})
	}
	if q.Rated != RatedAny {
		out = append(out, Chip{Facet: FacetRated, Value: q.Rated, Label: q.Rated})
	}
	if q.MinRating > 0 {
		v := strconv.FormatFloat(q.MinRating, 'f', -1, 64)
		out = append(out, Chip{Facet: FacetMinRating, Value: v, Label: "rating ≥ " + v})
	}
	if q.HidePast {
		out = append(out, Chip{Facet: FacetPast, Value: "hide", Label: "hide past"})
	}
	list(FacetHiddenRoom, "hidden room", q.HiddenRooms)
	list(FacetHiddenTrack, "hidden track", q.HiddenTracks)
	return out
}

// dayLabel shows a date with its weekday ("Wed 2019-11-06").
func dayLabel(d string) string {
	t, err := time.Parse(DateLayout, d)
	if err != nil {
		return d
	}
	return t.Format("Mon ") + d
}

// Without returns q with the filter value of ch removed. The slices of q are
// not modified. A chip q does not have leaves q as it is.
func (q Query) Without(ch Chip) Query {
	drop := func(vals []string) []string {
		i := slices.Index(vals, ch.Value)
		if i < 0 {
			return vals
		}
		out := make([]string, 0, len(vals)-1)
		out = append(out, vals[:i]...)
		out = append(out, vals[i+1:]...)
		if len(out) == 0 {
			return nil
		}
		return out
	}
	switch ch.Facet {
	case FacetDay:
		q.Days = drop(q.Days)
	case FacetRoom:
		q.Rooms = drop(q.Rooms)
	case FacetTrack:
		q.Tracks = drop(q.Tracks)
	case FacetType:
		q.Types = drop(q.Types)
	case FacetLevel:
		q.Levels = drop(q.Levels)
	case FacetSpeaker:
		q.Speakers = drop(q.Speakers)
	case FacetStarred:
		q.Starred = false
	case FacetRated:
		q.Rated = RatedAny
	case FacetMinRating:
		q.MinRating = 0
	case FacetPast:
		q.HidePast = false
	case FacetHiddenRoom:
		q.HiddenRooms = drop(q.HiddenRooms)
	case FacetHiddenTrack:
		q.HiddenTracks = drop(q.HiddenTracks)
	}
	return q
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// ResolveDay turns what a user typed for a day into one of the conference's
// dates (YYYY-MM-DD). It accepts a date, an English weekday name or a prefix
// of one ("wed", "Wednesday"; case does not matter), a day number ("1" is
// the first day) or a day label ("Tutorials"). The error lists the
// conference's days.
func (c *Conference) ResolveDay(s string) (string, error) {
	dates := c.Dates()
	s = strings.TrimSpace(s)
	fail := func(why string) (string, error) {
		if len(dates) == 0 {
			return "", fmt.Errorf("%s: the conference has no days", why)
		}
		list := make([]string, len(dates))
		for i, d := range dates {
			list[i] = dayLabel(d)
			if l := c.DayLabel(d); l != "" {
				list[i] += " (" + l + ")"
			}
		}
		return "", fmt.Errorf("%s; the conference's days are %s", why, strings.Join(list, ", "))
	}
	if s == "" {
		return fail("no day given")
	}
	if _, err := time.Parse(DateLayout, s); err == nil {
		if slices.Contains(dates, s) {
			return s, nil
		}
		return fail(fmt.Sprintf("%s is not a day of the conference", s))
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(dates) {
			return dates[n-1], nil
		}
		return fail(fmt.Sprintf("there is no day %d", n))
	}
	low := strings.ToLower(s)
	var wds []time.Weekday
	if len(low) >= 2 {
		for _, wd := range weekdays {
			if strings.HasPrefix(strings.ToLower(wd.String()), low) {
				wds = append(wds, wd)
			}
		}
	}
	if len(wds) > 1 {
		names := make([]string, len(wds))
		for i, wd := range wds {
			names[i] = wd.String()
		}
		return fail(fmt.Sprintf("%q could be %s", s, strings.Join(names, " or ")))
	}
	if len(wds) == 1 {
		var found []string
		for _, d := range dates {
			if t, err := time.Parse(DateLayout, d); err == nil && t.Weekday() == wds[0] {
				found = append(found, d)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 0:
			return fail(fmt.Sprintf("the conference has no %s", wds[0]))
		default:
			return fail(fmt.Sprintf("the conference has %d %ss (%s); give the date", len(found), wds[0], strings.Join(found, ", ")))
		}
	}
	var byLabel []string
	f := text.Fold(s)
	for _, d := range c.Days {
		if d.Label != "" && text.Fold(d.Label) == f && !slices.Contains(byLabel, d.Date) {
			byLabel = append(byLabel, d.Date)
		}
	}
	if len(byLabel) == 1 {
		return byLabel[0], nil
	}
	if len(byLabel) > 1 {
		return fail(fmt.Sprintf("%q is the label of %d days (%s); give the date", s, len(byLabel), strings.Join(byLabel, ", ")))
	}
	return fail(fmt.Sprintf("unknown day %q: give a date (YYYY-MM-DD), a weekday or a day number", s))
}
