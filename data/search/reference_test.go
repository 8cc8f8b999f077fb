package search_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
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

// Scores as documented in search.go.
type refScores struct {
	word, prefix, inside, start int
	fuzzy, gap, boundary        int
	fuzzMin, fuzzMax            int
}

var (
	refTitle   = refScores{word: 1000, prefix: 900, inside: 700, start: 20, fuzzy: 650, gap: 15, boundary: 10, fuzzMin: 500, fuzzMax: 690}
	refSpeaker = refScores{word: 520, prefix: 500, inside: 450, start: 0, fuzzy: 420, gap: 10, boundary: 5, fuzzMin: 320, fuzzMax: 440}
)

const (
	refMetaWord, refMetaPrefix, refMetaInside = 220, 200, 160
	refLong, refNote                          = 100, 60
	refMaxGaps                                = 10
)

func refWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }

// refOccurrence tries every occurrence of w in f and returns the first one
// of the best class: 3 a whole word, 2 a word prefix, 1 inside a word; 0 none.
func refOccurrence(f, w string) (at, class int) {
	at = -1
	for p := 0; p+len(w) <= len(f); p++ {
		if f[p:p+len(w)] != w {
			continue
		}
		c := 1
		if p == 0 || !refWordByte(f[p-1]) {
			c = 2
			if e := p + len(w); e == len(f) || !refWordByte(f[e]) {
				c = 3
			}
		}
		if c > class {
			at, class = p, c
		}
	}
	return at, class
}

// refFuzzy tries every start: from each, the runes of w matched greedily
// forward give the shortest window starting there; the shortest window of
// all (the earliest on a tie) wins if it skips at most refMaxGaps bytes. It
// returns the matched bytes, the bytes skipped, and how many matched runes
// start a word.
func refFuzzy(f, w string) (pos []int, gaps, bounds int, ok bool) {
	best := -1
	var bestPos, bestStarts []int
	first, _ := utf8.DecodeRuneInString(w)
	for s := 0; s < len(f); s++ {
		if !strings.HasPrefix(f[s:], string(first)) {
			continue
		}
		var p, starts []int
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
			starts = append(starts, i)
			for k := range len(rs) {
				p = append(p, i+k)
			}
			i += len(rs)
		}
		if p == nil || p[0] != s {
			continue
		}
		if g := i - s - len(w); best < 0 || g < best {
			best, bestPos, bestStarts = g, p, starts
		}
	}
	if best < 0 || best > refMaxGaps {
		return nil, 0, 0, false
	}
	for _, b := range bestStarts {
		if b == 0 || !refWordByte(f[b-1]) {
			bounds++
		}
	}
	return bestPos, best, bounds, true
}

// refShort matches w in a title or speaker field: a substring, else a fuzzy
// subsequence of at least two bytes.
func refShort(f, w string, sc refScores) (score int, pos []int) {
	if at, class := refOccurrence(f, w); class > 0 {
		for k := range len(w) {
			pos = append(pos, at+k)
		}
		score = []int{0, sc.inside, sc.prefix, sc.word}[class]
		if at == 0 {
			score += sc.start
		}
		return score, pos
	}
	if len(w) < 2 {
		return 0, nil
	}
	p, gaps, bounds, ok := refFuzzy(f, w)
	if !ok {
		return 0, nil
	}
	return max(sc.fuzzMin, min(sc.fuzzMax, sc.fuzzy-sc.gap*gaps+sc.boundary*bounds)), p
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
	score           int
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
	meta                  string
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
		var meta []string
		for _, m := range []string{s.Subtitle, s.Track, s.Room, s.Type} {
			meta = append(meta, text.Fold(m))
		}
		for _, sp := range c.SpeakersOf(s) {
			if sp.Company != "" {
				meta = append(meta, text.Fold(sp.Company))
			}
		}
		// The meta fields are joined with a 0 byte, so a word never spans
		// two of them but a field's edges are word edges.
		f.meta = strings.Join(meta, "\x00")
		f.abstract, f.description = text.Fold(s.Abstract), text.Fold(s.Description)
		f.room, f.track, f.typ, f.lvl = text.Fold(s.Room), text.Fold(s.Track), text.Fold(s.Type), text.Fold(s.Level)
		for _, sp := range c.SpeakersOf(s) {
			f.speakerNames = append(f.speakerNames, text.Fold(sp.Name))
		}
	}
	return rc
}

// refRun is Index.Run, the plain way.
func refRun(rc *refConf, q data.Query, mine map[string]data.Personal) []refHit {
	c := rc.Conference
	words := strings.Fields(text.Fold(q.Text))
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
			if avg, n := data.CombinedRating(s.Rating, p.Rating); n == 0 || avg < q.MinRating {
				continue
			}
		}
		h := refHit{id: s.ID, prog: i}
		var tpos, spos []int
		matched := true
		for _, w := range words {
			if sc, pos := refShort(f.title, w, refTitle); sc > 0 {
				h.score += sc
				tpos = append(tpos, pos...)
				continue
			}
			if sc, pos := refShort(f.names, w, refSpeaker); sc > 0 {
				h.score += sc
				spos = append(spos, pos...)
				continue
			}
			if _, class := refOccurrence(f.meta, w); class > 0 {
				h.score += []int{0, refMetaInside, refMetaPrefix, refMetaWord}[class]
				continue
			}
			if strings.Contains(f.abstract, w) || strings.Contains(f.description, w) {
				h.score += refLong
				continue
			}
			if p.Note != "" && strings.Contains(text.Fold(p.Note), w) {
				h.score += refNote
				continue
			}
			matched = false
			break
		}
		if !matched {
			continue
		}
		h.score = min(h.score, math.MaxInt32)
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
			avg, n := data.CombinedRating(s.Rating, mine[s.ID].Rating)
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
		ws = append(ws, word())
	}
	if r.IntN(10) == 0 {
		ws = append(ws, []string{"zzqx", "e", "ß", "mül", "–", "a-b", "tok", "東"}[r.IntN(8)])
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
		if g.Session.ID != w.id || g.Score != w.score || !slices.Equal(g.Title, w.title) || !slices.Equal(g.Speakers, w.speakers) {
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
	t.Run("2k", func(t *testing.T) { checkReference(t, 2000, 150, 7) })
	t.Run("17k", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short")
		}
		checkReference(t, 17_000, 25, 11)
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
