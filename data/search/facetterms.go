package search

import (
	"strconv"
	"strings"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// Facet terms (track:, room:, type:, day:) select sessions by a facet
// value: the term is turned into the set of values it names once per
// search, and each session's value is looked up in it.

// facetValues returns, by value id, which of the index's values a facet
// term names.
func (ix *Index) facetValues(t Term) []bool {
	out := make([]bool, len(ix.vals))
	if t.Field == FieldDay {
		for _, d := range ix.c.Dates() {
			if id, ok := ix.valID[d]; ok && dayMatches(ix.c, d, t.Text) {
				out[id] = true
			}
		}
		return out
	}
	var ids []int32
	switch t.Field {
	case FieldTrack:
		ids = ix.distinct(ix.track)
	case FieldRoom:
		ids = ix.distinct(ix.room)
	case FieldType:
		ids = ix.distinct(ix.typ)
	}
	// A value of exactly that name wins: track:rust is the Rust track.
	for _, id := range ids {
		if ix.vals[id] == t.Text {
			out[id] = true
			return out
		}
	}
	for _, id := range ids {
		out[id] = valueMatches(ix.vals[id], &t)
	}
	return out
}

// valueMatches reports whether a folded facet value has the term at the
// start of a word (at its start with ^, at its end with $).
func valueMatches(v string, t *Term) bool {
	var class int
	if t.Prefix || t.Suffix {
		_, class = anchoredOccurrence(v, t.Text, t.Prefix, t.Suffix, "")
	} else {
		_, class = bestOccurrence(v, t.Text, allStarts)
	}
	return class >= 2
}

// distinct lists the value ids a facet column uses, in order of first use.
func (ix *Index) distinct(col []int32) []int32 {
	seen := make([]bool, len(ix.vals))
	var out []int32
	for _, id := range col {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// dayMatches reports whether a day: term (folded) names date d: a day number
// ("1" is the first day), a date or its start ("2026-02"), a weekday or its
// first two letters or more ("sat", "saturday"), or a word of the day's
// label, at a word start.
func dayMatches(c *data.Conference, d, w string) bool {
	if w == "" {
		return false
	}
	if len(w) <= 2 && isDigits(w) {
		n, _ := strconv.Atoi(w)
		dates := c.Dates()
		return n >= 1 && n <= len(dates) && dates[n-1] == d
	}
	if w[0] >= '0' && w[0] <= '9' {
		return strings.HasPrefix(d, w)
	}
	if day, err := time.Parse(data.DateLayout, d); err == nil && len(w) >= 2 &&
		strings.HasPrefix(strings.ToLower(day.Weekday().String()), w) {
		return true
	}
	if l := c.DayLabel(d); l != "" {
		_, class := bestOccurrence(normalize(l), w, allStarts)
		return class >= 2
	}
	return false
}

func isDigits(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}
