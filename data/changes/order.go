package changes

import (
	"sort"
	"time"
)

// MineFunc tells whether the person starred, rated or noted a session. The
// store answers it from personal data, which is keyed by session id and
// outlives the schedule.
type MineFunc func(id string) (starred, rated, noted bool)

// Item is an entry placed for showing: with the time of its change set and
// what the person has on the session.
type Item struct {
	Entry
	At      time.Time
	Starred bool
	Rated   bool
	Noted   bool
}

// Mine reports whether the session is one of the person's own (starred,
// rated or noted).
func (it *Item) Mine() bool { return it.Starred || it.Rated || it.Noted }

// Order lists the entries of one or more change sets for showing: starred
// sessions first, then the other sessions the person rated or noted, then the
// rest; within each group the most recent change set first, and within a set
// programme order (day, time, title). mine may be nil (nobody's sessions).
// The sets are not modified.
func Order(sets []*Set, mine MineFunc) []Item {
	n := 0
	for _, s := range sets {
		if s != nil {
			n += len(s.Entries)
		}
	}
	items := make([]Item, 0, n)
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, e := range s.Entries {
			it := Item{Entry: e, At: s.At}
			if mine != nil {
				it.Starred, it.Rated, it.Noted = mine(e.ID)
			}
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := &items[i], &items[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if !a.At.Equal(b.At) {
			return a.At.After(b.At)
		}
		return entryLess(&a.Entry, &b.Entry)
	})
	return items
}

// Ordered is Order for this set alone.
func (s *Set) Ordered(mine MineFunc) []Item { return Order([]*Set{s}, mine) }

func group(it *Item) int {
	switch {
	case it.Starred:
		return 0
	case it.Rated || it.Noted:
		return 1
	}
	return 2
}

// JSONEntry is the shape `lineup changes --json` prints for one change:
// {id, title, kind, starred, rated, noted, fields: {name: [old, new]}, at}.
type JSONEntry struct {
	ID      string               `json:"id"`
	Title   string               `json:"title"`
	Kind    Kind                 `json:"kind"`
	Starred bool                 `json:"starred"`
	Rated   bool                 `json:"rated"`
	Noted   bool                 `json:"noted"`
	Fields  map[string][2]string `json:"fields"`
	At      string               `json:"at"` // RFC 3339, UTC
}

// JSON returns the item in the shape of `lineup changes --json`.
func (it *Item) JSON() JSONEntry {
	return JSONEntry{
		ID: it.ID, Title: it.Title, Kind: it.Kind,
		Starred: it.Starred, Rated: it.Rated, Noted: it.Noted,
		Fields: it.FieldMap(),
		At:     it.At.UTC().Format(time.RFC3339),
	}
}

// JSONList turns ordered items into the array `lineup changes --json` prints
// (never nil, so that it encodes as [] when empty).
func JSONList(items []Item) []JSONEntry {
	out := make([]JSONEntry, 0, len(items))
	for i := range items {
		out = append(out, items[i].JSON())
	}
	return out
}
