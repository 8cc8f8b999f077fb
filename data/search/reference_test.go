package search_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/search"
	"github.com/lineup-tui/lineup/data/synth"
	"github.com/lineup-tui/lineup/data/text"
)

// This file is a plain reference matcher: the search rules of search.go
// written the slow, obvious way (fold each field when it is needed, try
// every occurrence, every fuzzy window), with none of the index's fast paths
// (byte masks, column layout, the narrowing cache, the word index of
// abstracts, lazy folding of a one-shot index, parallel chunks, radix sort).
// TestReferenceMatcher runs many random queries over a synthetic conference
// through both kinds of Index and checks that they select the same sessions
// in the same order, with the same scores and highlights.

// The tiers and field ranks of rank.go.
const (
	refTierWord, refTierPrefix, refTierLong, refTierInside, refTierFuzzy = 1, 2, 3, 4, 5
	refTitle, refSpeaker, refPlace, refMeta, refLong, refNote            = 0, 1, 2, 3, 4, 5
	refMaxGaps                                                           = 10
	refFuzzyMin                                                          = 4
)

func refWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }

// refClassAt is the class of an occurrence of w at p in f: 3 a whole word,
// 2 the start of a word, 1 inside one.
func refClassAt(f, w string, p int) int {
	if p > 0 && refWordByte(f[p-1]) {
		return 1
	}
	if e := p + len(w); e == len(f) || !refWordByte(f[e]) {
		return 3
	}
	return 2
}

// refOccurrence tries every occurrence of w in f and returns the first one
// of the best class; 0 none.
func refOccurrence(f, w string) (at, class int) {
	at = -1
	for p := 0; p+len(w) <= len(f); p++ {
		k := strings.Index(f[p:], w)
		if k < 0 {
			break
		}
		p += k
		if c := refClassAt(f, w, p); c > class {
			at, class = p, c
		}
	}
	return at, class
}

// refAnchored tries w at the start and/or end of every part of f (parts
// joined by sep; "" one part) and returns the first of the best class.
func refAnchored(f, w string, t search.Term, sep string) (at, class int) {
	at = -1
	parts := []string{f}
	if sep != "" {
		parts = strings.Split(f, sep)
	}
	s := 0
	for _, part := range parts {
		p := -1
		switch {
		case t.Prefix && t.Suffix && part == w, t.Prefix && !t.Suffix && strings.HasPrefix(part, w):
			p = s
		case t.Suffix && !t.Prefix && strings.HasSuffix(part, w):
			p = s + len(part) - len(w)
		}
		if p >= 0 {
			if c := refClassAt(f, w, p); c > class {
				at, class = p, c
			}
		}
		s += len(part) + len(sep)
	}
	return at, class
}

func refShortTerm(t search.Term) bool { return utf8.RuneCountInString(t.Text) <= 2 }

func refFuzzyOK(t search.Term) bool {
	return !t.Exact && !t.Prefix && !t.Suffix && !strings.Contains(t.Text, " ") && utf8.RuneCountInString(t.Text) >= refFuzzyMin
}

// refShort is a term's tier in a title, speaker or meta part (0: none) and
// where it is.
func refShort(f string, t search.Term, sep string) (at, tier int) {
	var class int
	if t.Prefix || t.Suffix {
		at, class = refAnchored(f, t.Text, t, sep)
	} else {
		at, class = refOccurrence(f, t.Text)
	}
	switch {
	case class == 3:
		return at, refTierWord
	case class == 2:
		return at, refTierPrefix
	case class == 1 && !refShortTerm(t):
		return at, refTierInside
	}
	return -1, 0
}

// refLongTier is a term's tier in an abstract, a description or a note.
func refLongTier(f string, t search.Term) int {
	_, class := refOccurrence(f, t.Text)
	switch {
	case class == 3:
		return refTierLong
	case class == 2, class == 1 && !refShortTerm(t):
		return refTierInside
	}
	return 0
}

// refFuzzy tries every start: from each, the runes of w matched greedily
// forward give the shortest window starting there; the shortest window of
// all (the earliest on a tie) wins if it skips at most refMaxGaps bytes. It
// returns the matched bytes and the bytes skipped.
func refFuzzy(f, w string) (pos []int, gaps int, ok bool) {
	best := -1
	var bestPos []int
	first, _ := utf8.DecodeRuneInString(w)
	for s := 0; s < len(f); s++ {
		if !strings.HasPrefix(f[s:], string(first)) {
			continue
		}
		var p []int
		i := s
		for _, r := range w {
			rs := string(r)
			// A window that already skips more than refMaxGaps bytes
			// cannot be the answer: stop looking.
			for i < len(f) && !strings.HasPrefix(f[i:], rs) && i-s-len(p) <= refMaxGaps {
				i++
			}
			if i >= len(f) || i-s-len(p) > refMaxGaps {
				p = nil
				break
			}
			for k := range len(rs) {
				p = append(p, i+k)
			}
			i += len(rs)
		}
		if p == nil || p[0] != s {
			continue
		}
		if g := i - s - len(w); best < 0 || g < best {
			best, bestPos = g, p
		}
	}
	if best < 0 || best > refMaxGaps {
		return nil, 0, false
	}
	return bestPos, best, true
}

// refFolded folds s one rune at a time and records, for every folded byte,
// the index of the rune it came from.
func refFolded(s string) (string, []int) {
	var b strings.Builder
	var runeOf []int
	ri := 0
	for _, r := range s {
		f := text.Fold(string(r))
		b.WriteString(f)
		for range len(f) {
			runeOf = append(runeOf, ri)
		}
		ri++
	}
	return b.String(), runeOf
}

func refRunes(bytePos []int, runeOf []int) []int {
	if len(bytePos) == 0 {
		return nil
	}
	var out []int
	for _, b := range bytePos {
		out = append(out, runeOf[b])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

type refHit struct {
	id              string
	score, tier     int
	title, speakers []int
	prog            int // position in programme order
}

// refEqualFold reports whether one of the values, folded, is the folded
// session value v.
func refEqualFold(vals []string, v string) bool {
	for _, x := range vals {
		if text.Fold(strings.TrimSpace(x)) == v {
			return true
		}
	}
	return false
}

// refFields is a session's text folded, once per test rather than once per
// query, so that many queries stay affordable.
type refFields struct {
	title, names          string
	titleRunes, nameRunes []int
	meta                  []string // track, room, subtitle, type, companies
	abstract, description string
	room, track, typ, lvl string   // folded
	speakerNames          []string // folded, speakers with a record
}

type refConf struct {
	*data.Conference
	fields []refFields
}

func newRefConf(c *data.Conference) *refConf {
	rc := &refConf{Conference: c, fields: make([]refFields, len(c.Sessions))}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		f := &rc.fields[i]
		f.title, f.titleRunes = refFolded(s.Title)
		f.names, f.nameRunes = refFolded(c.SpeakerNames(s))
		for _, m := range []string{s.Track, s.Room, s.Subtitle, s.Type} {
			f.meta = append(f.meta, text.Fold(m))
		}
		for _, sp := range c.SpeakersOf(s) {
			if sp.Company != "" {
				f.meta = append(f.meta, text.Fold(sp.Company))
			}
		}
		f.abstract, f.description = text.Fold(s.Abstract), text.Fold(s.Description)
		f.room, f.track, f.typ, f.lvl = text.Fold(s.Room), text.Fold(s.Track), text.Fold(s.Type), text.Fold(s.Level)
		for _, sp := range c.SpeakersOf(s) {
			f.speakerNames = append(f.speakerNames, text.Fold(sp.Name))
		}
	}
	return rc
}

// refMatch is a term's best match in a session.
type refMatch struct {
	tier, field, gaps int
	title, speakers   []int // folded byte positions to highlight
}

func (a refMatch) better(b refMatch) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	if a.field != b.field {
		return a.field < b.field
	}
	return a.gaps < b.gaps
}

// refTerm finds a text term's best match in every field it may look in.
func refTerm(f *refFields, t search.Term, note string, withFuzzy bool) (best refMatch, ok bool) {
	consider := func(m refMatch) {
		if !ok || m.better(best) {
			best, ok = m, true
		}
	}
	span := func(at int) []int {
		var p []int
		for k := range len(t.Text) {
			p = append(p, at+k)
		}
		return p
	}
	anyField := t.Field == search.FieldAny
	if anyField || t.Field == search.FieldTitle {
		if at, tier := refShort(f.title, t, ""); tier > 0 {
			consider(refMatch{tier: tier, field: refTitle, title: span(at)})
		}
	}
	if anyField || t.Field == search.FieldSpeaker {
		if at, tier := refShort(f.names, t, ", "); tier > 0 {
			consider(refMatch{tier: tier, field: refSpeaker, speakers: span(at)})
		}
	}
	if anyField {
		for k, m := range f.meta {
			if _, tier := refShort(m, t, ""); tier > 0 {
				consider(refMatch{tier: tier, field: []int{refPlace, refPlace, refMeta}[min(k, 2)]})
			}
		}
	}
	if anyField && !t.Prefix && !t.Suffix {
		for _, l := range []string{f.abstract, f.description} {
			if tier := refLongTier(l, t); tier > 0 {
				consider(refMatch{tier: tier, field: refLong})
			}
		}
		if note != "" {
			if tier := refLongTier(text.Fold(note), t); tier > 0 {
				consider(refMatch{tier: tier, field: refNote})
			}
		}
	}
	if ok || !withFuzzy || !refFuzzyOK(t) {
		return best, ok
	}
	if anyField || t.Field == search.FieldTitle {
		if p, gaps, hit := refFuzzy(f.title, t.Text); hit {
			return refMatch{tier: refTierFuzzy, field: refTitle, gaps: gaps, title: p}, true
		}
	}
	if anyField || t.Field == search.FieldSpeaker {
		if p, gaps, hit := refFuzzy(f.names, t.Text); hit {
			return refMatch{tier: refTierFuzzy, field: refSpeaker, gaps: gaps, speakers: p}, true
		}
	}
	return best, false
}

// refFacet reports whether a session's folded value v matches a facet term:
// when the conference has a value of exactly that name, only that value;
// else a value with the term at a word start (anchors respected).
func refFacet(values []string, v string, t search.Term) bool {
	if slices.Contains(values, t.Text) {
		return v == t.Text
	}
	var class int
	if t.Prefix || t.Suffix {
		_, class = refAnchored(v, t.Text, t, "")
	} else {
		_, class = refOccurrence(v, t.Text)
	}
	return class >= 2
}

// refDay reports whether a day: term names the date d.
func refDay(c *data.Conference, d, w string) bool {
	dates := c.Dates()
	if n, err := strconv.Atoi(w); err == nil && len(w) <= 2 && w[0] != '+' && w[0] != '-' {
		return n >= 1 && n <= len(dates) && dates[n-1] == d
	}
	if w[0] >= '0' && w[0] <= '9' {
		return strings.HasPrefix(d, w)
	}
	if day, err := time.Parse(data.DateLayout, d); err == nil && len(w) >= 2 && strings.HasPrefix(strings.ToLower(day.Weekday().String()), w) {
		return true
	}
	_, class := refOccurrence(strings.Join(strings.Fields(text.Fold(c.DayLabel(d))), " "), w)
	return class >= 2
}

// refScore packs a rank as rank.go documents.
func refScore(worst, tiers, fields, gaps int) int {
	if worst == 0 {
		return 0
	}
	return 1<<30 - (min(worst, 7)<<27 | min(tiers, 255)<<19 | min(fields, 255)<<11 | min(gaps, 2047))
}

// refRun is Index.Run, the plain way.
func refRun(rc *refConf, q data.Query, mine map[string]data.Personal) []refHit {
	c := rc.Conference
	parsed := search.Parse(q.Text)
	facetVals := map[search.Field][]string{}
	for i := range rc.fields {
		f := &rc.fields[i]
		facetVals[search.FieldTrack] = append(facetVals[search.FieldTrack], f.track)
		facetVals[search.FieldRoom] = append(facetVals[search.FieldRoom], f.room)
		facetVals[search.FieldType] = append(facetVals[search.FieldType], f.typ)
	}
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	var hits []refHit
	for i := range c.Sessions {
		s := &c.Sessions[i]
		f := &rc.fields[i]
		if len(q.Days) > 0 && !slices.Contains(q.Days, s.Date) ||
			len(q.Rooms) > 0 && !refEqualFold(q.Rooms, f.room) ||
			len(q.Tracks) > 0 && !refEqualFold(q.Tracks, f.track) ||
			len(q.Types) > 0 && !refEqualFold(q.Types, f.typ) ||
			len(q.Levels) > 0 && !refEqualFold(q.Levels, f.lvl) ||
			refEqualFold(q.HiddenRooms, f.room) || refEqualFold(q.HiddenTracks, f.track) {
			continue
		}
		if wanted := slices.DeleteFunc(slices.Clone(q.Speakers), func(v string) bool { return len(strings.Fields(text.Fold(v))) == 0 }); len(wanted) > 0 {
			ok := false
			for _, v := range wanted {
				for _, name := range f.speakerNames {
					all := true
					for _, w := range strings.Fields(text.Fold(v)) {
						all = all && strings.Contains(name, w)
					}
					ok = ok || all
				}
			}
			if !ok {
				continue
			}
		}
		if q.HidePast && s.Scheduled() {
			end := s.End
			if end.Before(s.Start) {
				end = s.Start
			}
			if end.Before(now) {
				continue
			}
		}
		p := mine[s.ID]
		if q.Starred && !p.Starred || q.Rated == data.RatedYes && p.Rating == 0 || q.Rated == data.RatedNone && p.Rating != 0 {
			continue
		}
		if q.MinRating > 0 {
			if avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating); n == 0 || avg < q.MinRating {
				continue
			}
		}
		h := refHit{id: s.ID, prog: i}
		var tpos, spos []int
		worst, tiers, fields, gaps := 0, 0, 0, 0
		matched := true
		for _, g := range parsed.Groups {
			var best refMatch
			found, neutral := false, false
			for _, t := range g {
				switch t.Field {
				case search.FieldTrack, search.FieldRoom, search.FieldType, search.FieldDay:
					var has bool
					switch t.Field {
					case search.FieldTrack:
						has = refFacet(facetVals[t.Field], f.track, t)
					case search.FieldRoom:
						has = refFacet(facetVals[t.Field], f.room, t)
					case search.FieldType:
						has = refFacet(facetVals[t.Field], f.typ, t)
					default:
						has = refDay(c, s.Date, t.Text)
					}
					neutral = neutral || has != t.Not
					continue
				}
				m, hit := refTerm(f, t, p.Note, !t.Not)
				switch {
				case t.Not:
					neutral = neutral || !hit
				case hit && (!found || m.better(best)):
					best, found = m, true
				}
			}
			if !found && !neutral {
				matched = false
				break
			}
			if found {
				worst = max(worst, best.tier)
				tiers += best.tier
				fields += best.field
				gaps += best.gaps
				tpos = append(tpos, best.title...)
				spos = append(spos, best.speakers...)
			}
		}
		if !matched {
			continue
		}
		h.score, h.tier = refScore(worst, tiers, fields, gaps), worst
		h.title = refRunes(tpos, f.titleRunes)
		h.speakers = refRunes(spos, f.nameRunes)
		hits = append(hits, h)
	}
	switch q.EffectiveSort() {
	case data.SortRelevance:
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	case data.SortTitle:
		sort.SliceStable(hits, func(a, b int) bool {
			return text.Fold(c.Sessions[hits[a].prog].Title) < text.Fold(c.Sessions[hits[b].prog].Title)
		})
	case data.SortRating:
		key := func(h refHit) (float64, int) {
			s := &c.Sessions[h.prog]
			avg, n := data.CombinedRating(s.Rating, s.Others, mine[s.ID].Rating)
			return math.Round(avg * 1e4), n
		}
		sort.SliceStable(hits, func(a, b int) bool {
			aa, an := key(hits[a])
			ba, bn := key(hits[b])
			if aa != ba {
				return aa > ba
			}
			return an > bn
		})
	}
	return hits
}

// refQuery makes a random query from the conference's own words, cut and
// misspelt the ways people type.
func refQuery(r *rand.Rand, c *data.Conference) data.Query {
	s := &c.Sessions[r.IntN(len(c.Sessions))]
	source := func() string {
		switch r.IntN(6) {
		case 0:
			return c.SpeakerNames(s)
		case 1:
			return s.Abstract
		case 2:
			return s.Room + " " + s.Track + " " + s.Subtitle
		}
		return s.Title
	}
	word := func() string {
		ws := strings.Fields(source())
		if len(ws) == 0 {
			return "e"
		}
		w := []rune(ws[r.IntN(len(ws))])
		switch r.IntN(5) {
		case 0: // a prefix
			w = w[:1+r.IntN(len(w))]
		case 1: // a piece from inside
			a := r.IntN(len(w))
			w = w[a : a+1+r.IntN(len(w)-a)]
		case 2: // letters dropped: a fuzzy match, or none
			var out []rune
			for _, ch := range w {
				if r.IntN(4) > 0 {
					out = append(out, ch)
				}
			}
			if len(out) > 0 {
				w = out
			}
		}
		if r.IntN(4) == 0 {
			return strings.ToUpper(string(w))
		}
		return string(w)
	}
	var q data.Query
	var ws []string
	for range r.IntN(4) {
		ws = append(ws, refSyntax(r, c, s, word()))
	}
	if r.IntN(10) == 0 {
		ws = append(ws, []string{"zzqx", "e", "ß", "mül", "–", "a-b", "tok", "東"}[r.IntN(8)])
	}
	if len(ws) > 1 && r.IntN(6) == 0 {
		k := 1 + r.IntN(len(ws)-1)
		ws = append(ws[:k], append([]string{"|"}, ws[k:]...)...)
	}
	q.Text = strings.Join(ws, " ")
	pick := func(n int, f func(i int) string) []string {
		var out []string
		for range n {
			out = append(out, f(r.IntN(len(c.Sessions))))
		}
		return out
	}
	if r.IntN(5) == 0 {
		q.Days = pick(1+r.IntN(2), func(i int) string { return c.Sessions[i].Date })
	}
	if r.IntN(5) == 0 {
		q.Rooms = pick(1+r.IntN(3), func(i int) string { return strings.ToLower(c.Sessions[i].Room) })
	}
	if r.IntN(6) == 0 {
		q.Tracks = pick(1+r.IntN(2), func(i int) string { return c.Sessions[i].Track })
	}
	if r.IntN(8) == 0 {
		q.Types = pick(1, func(i int) string { return c.Sessions[i].Type })
	}
	if r.IntN(8) == 0 {
		q.Levels = pick(1, func(i int) string { return c.Sessions[i].Level })
	}
	if r.IntN(6) == 0 {
		q.Speakers = pick(1+r.IntN(2), func(i int) string {
			name := c.SpeakerNames(&c.Sessions[i])
			if f := strings.Fields(name); len(f) > 0 {
				return f[0]
			}
			return name
		})
	}
	if r.IntN(8) == 0 {
		q.HiddenRooms = pick(1+r.IntN(3), func(i int) string { return c.Sessions[i].Room })
	}
	if r.IntN(8) == 0 {
		q.HiddenTracks = pick(1, func(i int) string { return c.Sessions[i].Track })
	}
	q.Starred = r.IntN(8) == 0
	q.Rated = []string{data.RatedAny, data.RatedAny, data.RatedAny, data.RatedYes, data.RatedNone}[r.IntN(5)]
	if r.IntN(6) == 0 {
		q.MinRating = float64(r.IntN(9)) / 2
	}
	if r.IntN(6) == 0 {
		q.HidePast = true
		q.Now = c.Sessions[r.IntN(len(c.Sessions))].Start
		if q.Now.IsZero() {
			q.Now = time.Date(2026, 9, 16, 12, 0, 0, 0, time.UTC)
		}
	}
	q.Sort = []data.Sort{data.SortDefault, data.SortDefault, data.SortRelevance, data.SortTime, data.SortRating, data.SortTitle}[r.IntN(6)]
	return q
}

// refSyntax sometimes dresses a word in the query syntax: a negation, an
// exact or anchored term, a field prefix, or a facet term naming one of the
// session's own values (whole, cut, or another session's).
func refSyntax(r *rand.Rand, c *data.Conference, s *data.Session, w string) string {
	cut := func(v string) string {
		if f := strings.Fields(v); len(f) > 0 && r.IntN(2) == 0 {
			v = f[r.IntN(len(f))]
			if n := []rune(v); len(n) > 1 && r.IntN(2) == 0 {
				v = string(n[:1+r.IntN(len(n))])
			}
		}
		return `"` + v + `"`
	}
	switch r.IntN(16) {
	case 0:
		return "!" + w
	case 1:
		return "'" + w
	case 2:
		return "^" + w
	case 3:
		return w + "$"
	case 4:
		return "title:" + w
	case 5:
		return "speaker:" + w
	case 6:
		return "track:" + cut(s.Track)
	case 7:
		return "room:" + cut(c.Sessions[r.IntN(len(c.Sessions))].Room)
	case 8:
		return "type:" + cut(s.Type)
	case 9:
		days := []string{"1", "2", "sat", "mo", "tu", "wednesday", s.Date, s.Date[:min(len(s.Date), 7)], "t"}
		return "day:" + days[r.IntN(len(days))]
	case 10:
		return "!track:" + cut(s.Track)
	case 11:
		return "^" + w + "$"
	}
	return w
}

func refMine(r *rand.Rand, c *data.Conference) map[string]data.Personal {
	mine := map[string]data.Personal{}
	notes := []string{"ask about Kubernetes latency", "Müller's demo", "bring laptop", "skip", "great speaker, east wing"}
	for range len(c.Sessions) / 5 {
		id := c.Sessions[r.IntN(len(c.Sessions))].ID
		p := data.Personal{Rating: r.IntN(data.MaxRating + 1), Starred: r.IntN(2) == 0}
		if r.IntN(3) == 0 {
			p.Note = notes[r.IntN(len(notes))]
		}
		mine[id] = p
	}
	mine["gone-from-the-schedule"] = data.Personal{Starred: true, Note: "kube"}
	return mine
}

func diffHits(got []search.Hit, want []refHit) string {
	for k := range max(len(got), len(want)) {
		switch {
		case k >= len(got):
			return fmt.Sprintf("hit %d: missing %s (score %d)", k, want[k].id, want[k].score)
		case k >= len(want):
			return fmt.Sprintf("hit %d: extra %s (score %d)", k, got[k].Session.ID, got[k].Score)
		}
		g, w := got[k], want[k]
		if g.Session.ID != w.id || g.Score != w.score || g.Tier != w.tier || !slices.Equal(g.Title, w.title) || !slices.Equal(g.Speakers, w.speakers) {
			return fmt.Sprintf("hit %d: index %s score %d title %v speakers %v; reference %s score %d title %v speakers %v",
				k, g.Session.ID, g.Score, g.Title, g.Speakers, w.id, w.score, w.title, w.speakers)
		}
	}
	return ""
}

// TestReferenceMatcher checks the index against the reference on random
// queries, typed one key at a time into a kept index (so the narrowing cache
// is used) and run whole on a one-shot index, over a synthetic conference
// large enough to scan in parallel.
func TestReferenceMatcher(t *testing.T) {
	// Many queries over a small programme; a few over one big enough
	// (above 16384 sessions) to be scanned in parallel chunks.
	// Under the race detector, fewer: the parallel scan is still checked.
	small, big := 150, 25
	if raceDetector {
		small, big = 50, 6
	}
	t.Run("2k", func(t *testing.T) { checkReference(t, 2000, small, 7) })
	t.Run("17k", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short")
		}
		checkReference(t, 17_000, big, 11)
	})
}

func checkReference(t *testing.T, n, queries int, seed int64) {
	c := synth.Generate(n, seed)
	rc := newRefConf(c)
	r := rand.New(rand.NewPCG(uint64(seed), 42))
	mine := refMine(r, c)
	kept := search.New(c)
	oneShot := search.NewOneShot(c)
	checked, nonEmpty := 0, 0
	for range queries {
		q := refQuery(r, c)
		// Type the text into the kept index one key at a time.
		typed := []rune(q.Text)
		for k := 1; k <= len(typed); k++ {
			if k < len(typed) && r.IntN(3) > 0 {
				continue // not every step: the run time stays short
			}
			step := q
			step.Text = string(typed[:k])
			want := refRun(rc, step, mine)
			if d := diffHits(kept.Run(step, mine), want); d != "" {
				t.Fatalf("kept index, query %+v:\n%s", step, d)
			}
			checked++
		}
		want := refRun(rc, q, mine)
		if len(want) > 0 {
			nonEmpty++
		}
		if d := diffHits(oneShot.Run(q, mine), want); d != "" {
			t.Fatalf("one-shot index, query %+v:\n%s", q, d)
		}
		if len(typed) == 0 {
			if d := diffHits(kept.Run(q, mine), want); d != "" {
				t.Fatalf("kept index, query %+v:\n%s", q, d)
			}
		}
		checked++
	}
	if nonEmpty < queries/3 {
		t.Errorf("only %d of %d queries found anything; the test does not exercise matching", nonEmpty, queries)
	}
	t.Logf("%d runs checked, %d queries with hits", checked, nonEmpty)
}
