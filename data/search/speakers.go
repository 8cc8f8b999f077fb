package search

import (
	"slices"

	"github.com/lineup-tui/lineup/data/text"
)

// Speakers searches a conference's speakers by name and company with the
// rules of rank.go: a whole word in the name (tier 1, field: name) or the
// company (tier 1, field: company), the start of a word (2), inside a word
// (4), fuzzy in the name or the company (5). The syntax is the sessions'
// (syntax.go): speaker: looks in the name only; title:, track:, room:,
// type: and day: select the speakers of the sessions they select.
type Speakers struct {
	ix        *Index
	names     []string // folded
	companies []string // folded
	nameMap   [][]int32
	starts    [][2]uint64 // masks of the bytes that start a word: name, company
	masks     [][2]uint64 // masks of the bytes: name, company
}

// SpeakerHit is one speaker a search found.
type SpeakerHit struct {
	// Index is the speaker's index in Conference.Speakers.
	Index int
	// Score and Tier are as in Hit.
	Score, Tier int
	// Name holds the rune indexes of the matched characters in the
	// speaker's name, ascending.
	Name []int
}

// NewSpeakers prepares the speakers of ix's conference for searching.
func NewSpeakers(ix *Index) *Speakers {
	c := ix.c
	n := len(c.Speakers)
	s := &Speakers{ix: ix, names: make([]string, n), companies: make([]string, n), nameMap: make([][]int32, n),
		starts: make([][2]uint64, n), masks: make([][2]uint64, n)}
	for i := range c.Speakers {
		var runes []int32
		s.names[i] = string(text.AppendFold(nil, c.Speakers[i].Name, &runes))
		s.nameMap[i] = runes
		s.companies[i] = text.Fold(c.Speakers[i].Company)
		for k, f := range [2]string{s.names[i], s.companies[i]} {
			s.masks[i][k], s.starts[i][k] = masksOf(f)
		}
	}
	return s
}

// Run returns the speakers the text selects, best first; order lists
// indexes into Conference.Speakers in the order ties keep (the screen's
// order), and only those are searched. Blank text selects them all.
func (s *Speakers) Run(query string, order []int) []SpeakerHit {
	parsed := Parse(query)
	groups := make([][]qterm, len(parsed.Groups))
	for g, terms := range parsed.Groups {
		for _, t := range terms {
			q := newTerm(t)
			if t.Field.filter() {
				q.vals = s.ix.facetValues(t)
			}
			if t.Field != FieldAny && t.Field != FieldSpeaker {
				q.vals = s.ix.speakersOfSessions(&q)
			}
			groups[g] = append(groups[g], q)
		}
	}
	var hits []SpeakerHit
	var pos []int32
	for _, i := range order {
		if i < 0 || i >= len(s.names) {
			continue
		}
		var r Rank
		ok := true
		pos = pos[:0]
		for _, g := range groups {
			var best termRank
			var bestPos []int32
			found, neutral := false, false
			for k := range g {
				t := &g[k]
				if t.vals != nil || t.Field.filter() {
					neutral = neutral || (i < len(t.vals) && t.vals[i]) != t.Not
					continue
				}
				tr, p, hit := s.matchTerm(i, t, !t.Not)
				switch {
				case t.Not:
					neutral = neutral || !hit
				case hit && (!found || tr.better(best)):
					best, bestPos, found = tr, p, true
				}
			}
			if !found && !neutral {
				ok = false
				break
			}
			if found {
				r.add(best)
				pos = append(pos, bestPos...)
			}
		}
		if !ok {
			continue
		}
		h := SpeakerHit{Index: i, Score: r.Score(), Tier: r.Tier}
		for _, b := range pos {
			h.Name = append(h.Name, int(s.nameMap[i][b]))
		}
		slices.Sort(h.Name)
		h.Name = slices.Compact(h.Name)
		hits = append(hits, h)
	}
	slices.SortStableFunc(hits, func(a, b SpeakerHit) int { return b.Score - a.Score })
	return hits
}

// matchTerm finds a term's best match in speaker i's name or company and
// returns the matched bytes of the name.
func (s *Speakers) matchTerm(i int, t *qterm, withFuzzy bool) (termRank, []int32, bool) {
	fields := [2]string{s.names[i], s.companies[i]}
	nf := 2
	if t.Field == FieldSpeaker {
		nf = 1
	}
	var best termRank
	at, in, ok := 0, 0, false
	for k := range nf {
		if s.masks[i][k]&t.mask != t.mask {
			continue
		}
		if p, tier := shortMatch(fields[k], s.starts[i][k], t, ""); tier > 0 {
			if tr := (termRank{tier, k, 0}); !ok || tr.better(best) {
				best, at, in, ok = tr, p, k, true
			}
		}
	}
	if ok {
		if in != 0 {
			return best, nil, true
		}
		pos := make([]int32, len(t.Text))
		for k := range pos {
			pos[k] = int32(at + k)
		}
		return best, pos, true
	}
	if !withFuzzy || !t.fuzzy {
		return best, nil, false
	}
	for k := range nf {
		if s.masks[i][k]&t.mask != t.mask {
			continue
		}
		var pos []int32
		if gaps, _, hit := fuzzy(fields[k], t.Text, &pos); hit {
			if k != 0 {
				pos = nil
			}
			return termRank{tierFuzzy, k, gaps}, pos, true
		}
	}
	return best, nil, false
}

// speakersOfSessions marks, by speaker index, the speakers of the sessions
// a term that names a session field (title:, track:, room:, type:, day:)
// selects.
func (ix *Index) speakersOfSessions(t *qterm) []bool {
	out := make([]bool, len(ix.c.Speakers))
	q := *t
	q.Not = false
	for i := range ix.c.Sessions {
		var hit bool
		if q.Field.filter() {
			hit = ix.facetHas(i, &q)
		} else {
			// A title: term reads only the title.
			_, _, hit = ix.matchTerm(i, &q, nil, nil, true)
		}
		if hit {
			for _, k := range ix.spkIdx[ix.spkStart[i]:ix.spkStart[i+1]] {
				out[k] = true
			}
		}
	}
	return out
}
