package search

import (
	"github.com/lineup-tui/lineup/data/clock"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// compileText parses the search text and compiles its terms against the
// index. plain reports whether it holds only positive terms, one a group,
// which the narrowing cache can compare.
func (ix *Index) compileText(query string) (groups [][]qterm, terms []Term, plain bool) {
	parsed := Parse(query)
	plain = true
	for _, g := range parsed.Groups {
		qg := make([]qterm, len(g))
		for k, t := range g {
			qg[k] = ix.compileTerm(t)
			if t.Not || len(g) > 1 {
				plain = false
			}
			terms = append(terms, t)
		}
		groups = append(groups, qg)
	}
	return groups, terms, plain
}

// newTerm is a term with what every matcher needs: its byte mask and
// whether it is short or may match fuzzily.
func newTerm(t Term) qterm {
	return qterm{Term: t, mask: maskOf(t.Text), short: t.short(), fuzzy: t.fuzzyOK()}
}

// compileTerm is newTerm with what a scan of the sessions needs: the rarest
// byte (which reads the byte counts of the long fields: after ix.ready)
// and, for a facet term, the values it names.
func (ix *Index) compileTerm(t Term) qterm {
	q := newTerm(t)
	for k := 1; k < len(t.Text); k++ {
		if ix.freq[t.Text[k]] < ix.freq[t.Text[q.rare]] {
			q.rare = k
		}
	}
	if t.Field.filter() {
		q.vals = ix.facetValues(t)
	}
	return q
}

// containsRare reports whether w is in f, looking first for the byte of w
// least common in the indexed text (at offset k of w): far fewer false
// starts than scanning for the first byte.
func containsRare(f, w string, k int) bool {
	if len(w) > len(f) {
		return false
	}
	c := w[k]
	last := len(f) - len(w) + k // the last place the rare byte can be
	for off := k; off <= last; {
		j := strings.IndexByte(f[off:last+1], c)
		if j < 0 {
			return false
		}
		p := off + j - k
		if f[p:p+len(w)] == w {
			return true
		}
		off += j + 1
	}
	return false
}

// filter is a Query compiled against an index.
type filter struct {
	days, rooms, tracks, types, levels []int32
	none                               bool // a facet asks for a value no session has
	hiddenRooms, hiddenTracks          []int32
	speakers                           [][]string // folded words per value
	needMine                           bool
	q                                  *data.Query
	now                                time.Time
}

// all reports whether the filter lets every session through.
func (f *filter) all() bool {
	return len(f.days)+len(f.rooms)+len(f.tracks)+len(f.types)+len(f.levels)+
		len(f.hiddenRooms)+len(f.hiddenTracks)+len(f.speakers) == 0 && !f.none && !f.needMine && !f.q.HidePast
}

func (ix *Index) ids(vals []string, fold bool) (ids []int32, none bool) {
	if len(vals) == 0 {
		return nil, false
	}
	for _, v := range vals {
		if fold {
			v = text.Fold(strings.TrimSpace(v))
		}
		if id, ok := ix.valID[v]; ok {
			ids = append(ids, id)
		}
	}
	return ids, len(ids) == 0
}

func (ix *Index) compile(q *data.Query) *filter {
	f := &filter{q: q}
	var n [5]bool
	f.days, n[0] = ix.ids(q.Days, false)
	f.rooms, n[1] = ix.ids(q.Rooms, true)
	f.tracks, n[2] = ix.ids(q.Tracks, true)
	f.types, n[3] = ix.ids(q.Types, true)
	f.levels, n[4] = ix.ids(q.Levels, true)
	f.none = n[0] || n[1] || n[2] || n[3] || n[4]
	f.hiddenRooms, _ = ix.ids(q.HiddenRooms, true)
	f.hiddenTracks, _ = ix.ids(q.HiddenTracks, true)
	for _, v := range q.Speakers {
		if ws := strings.Fields(text.Fold(v)); len(ws) > 0 {
			f.speakers = append(f.speakers, ws)
		}
	}
	f.needMine = q.Starred || q.Rated != data.RatedAny || q.MinRating > 0
	if q.HidePast {
		f.now = q.Now
		if f.now.IsZero() {
			f.now = clock.System().Now()
		}
	}
	return f
}

// signature identifies the filters that do not depend on the person or the
// clock, for the narrowing cache.
func (f *filter) signature() string {
	var b strings.Builder
	for _, l := range [][]int32{f.days, f.rooms, f.tracks, f.types, f.levels, f.hiddenRooms, f.hiddenTracks} {
		for _, id := range l {
			b.WriteString(string(rune(id + 1)))
		}
		b.WriteByte('|')
	}
	for _, ws := range f.speakers {
		b.WriteString(strings.Join(ws, " "))
		b.WriteByte('|')
	}
	return b.String()
}

// static checks the facets that depend only on the session.
func (ix *Index) static(f *filter, i int) bool {
	if len(f.days) > 0 && !slices.Contains(f.days, ix.day[i]) ||
		len(f.rooms) > 0 && !slices.Contains(f.rooms, ix.room[i]) ||
		len(f.tracks) > 0 && !slices.Contains(f.tracks, ix.track[i]) ||
		len(f.types) > 0 && !slices.Contains(f.types, ix.typ[i]) ||
		len(f.levels) > 0 && !slices.Contains(f.levels, ix.level[i]) ||
		len(f.hiddenRooms) > 0 && slices.Contains(f.hiddenRooms, ix.room[i]) ||
		len(f.hiddenTracks) > 0 && slices.Contains(f.hiddenTracks, ix.track[i]) {
		return false
	}
	if len(f.speakers) > 0 {
		ok := false
		for _, ws := range f.speakers {
			for _, k := range ix.spkIdx[ix.spkStart[i]:ix.spkStart[i+1]] {
				if containsAll(ix.spkFold[k], ws) {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func containsAll(s string, ws []string) bool {
	for _, w := range ws {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// dynamic checks the facets that depend on the person's data or the clock.
func (ix *Index) dynamic(f *filter, s *data.Session, mine map[string]data.Personal) bool {
	if f.q.HidePast && s.Scheduled() {
		end := s.End
		if end.Before(s.Start) {
			end = s.Start
		}
		if end.Before(f.now) {
			return false
		}
	}
	if !f.needMine {
		return true
	}
	p := mine[s.ID]
	if f.q.Starred && !p.Starred {
		return false
	}
	switch f.q.Rated {
	case data.RatedYes:
		if p.Rating == 0 {
			return false
		}
	case data.RatedNone:
		if p.Rating != 0 {
			return false
		}
	}
	if f.q.MinRating > 0 {
		avg, n := data.CombinedRating(s.Rating, s.Others, p.Rating)
		if n == 0 || avg < f.q.MinRating {
			return false
		}
	}
	return true
}

// hitRec is a hit while the search runs; positions are folded byte offsets
// in pos.
type hitRec struct {
	idx, score int32
	tier       int32
	tOff, tLen int32
	sOff, sLen int32
}

// Run returns the sessions q selects, in the order q asks for. mine maps a
// session id to what the person recorded for it (stars, ratings, notes); it
// may be nil. The same query on the same data always gives the same hits.
func (ix *Index) Run(q data.Query, mine map[string]data.Personal) []Hit {
	f := ix.compile(&q)
	if f.none {
		return []Hit{}
	}
	if strings.TrimSpace(q.Text) != "" {
		<-ix.ready
	}
	sc := &scan{ix: ix, f: f, mine: mine}
	var terms []Term
	var plain bool
	sc.groups, terms, plain = ix.compileText(q.Text)
	c := ix.c
	n := len(c.Sessions)
	if tok := ix.tok.Load(); tok.usable() {
		for _, g := range sc.groups {
			for k := range g {
				if t := &g[k]; !t.Field.filter() {
					t.long, t.longWord = tok.sessionsWith(t.Text, n, t.short)
				}
			}
		}
	}

	if len(sc.groups) > 0 {
		for id, p := range mine {
			if p.Note == "" {
				continue
			}
			if k, ok := c.SessionIndex(id); ok {
				if sc.notes == nil {
					sc.notes = map[int32]string{}
				}
				sc.notes[int32(k)] = text.Fold(p.Note)
			}
		}
	}

	if len(sc.groups) == 0 && f.all() && q.EffectiveSort() == data.SortTime {
		// Every session, in programme order: the list before any search
		// or filter, made without scanning.
		out := make([]Hit, n)
		for i := range out {
			out[i].Session = &c.Sessions[i]
		}
		return out
	}

	var cand []int32 // nil: every session
	sig := ""
	if len(sc.groups) > 0 {
		sig = f.signature()
		if plain {
			cand = ix.narrowed(sig, terms, sc.notes)
		}
	}
	total := n
	if cand != nil {
		total = len(cand)
	}

	// Big programmes are scanned in contiguous chunks in parallel; the
	// chunks are joined in order, so the result does not depend on it.
	workers := 1
	if total >= parallelMin {
		workers = min(runtime.GOMAXPROCS(0), maxWorkers, total/(parallelMin/2))
	}
	parts := make([]*part, workers)
	for w := range parts {
		parts[w] = getPart()
		defer partPool.Put(parts[w])
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := total*w/workers, total*(w+1)/workers
		run := func() {
			p := parts[w]
			if cand == nil {
				for i := lo; i < hi; i++ {
					sc.visit(p, int32(i))
				}
			} else {
				for _, i := range cand[lo:hi] {
					sc.visit(p, i)
				}
			}
		}
		if w == workers-1 {
			run()
		} else {
			wg.Add(1)
			go func() { defer wg.Done(); run() }()
		}
	}
	wg.Wait()
	all := parts[0]
	if workers > 1 {
		all = joinParts(parts)
		defer partPool.Put(all)
	}
	if len(sc.groups) > 0 {
		ix.remember(sig, terms, plain, all.matched)
	}
	ix.sortRecs(all.recs, q.EffectiveSort(), mine)
	return ix.hits(all.recs, all.pos)
}

const (
	parallelMin = 16384 // sessions to scan before using more than one goroutine
	maxWorkers  = 8
)

// scan is one Run's compiled query.
type scan struct {
	ix     *Index
	f      *filter
	groups [][]qterm
	mine   map[string]data.Personal
	notes  map[int32]string // folded notes by session index
}

// part is what one goroutine found.
type part struct {
	recs    []hitRec
	pos     []int32
	matched []int32 // sessions that passed the static facets and the text
	spos    []int32 // scratch for speaker positions
	fold    []byte  // scratch for folding long fields (NewOneShot)
}

func (sc *scan) visit(p *part, i int32) {
	ix := sc.ix
	if !ix.static(sc.f, int(i)) {
		return
	}
	r := hitRec{idx: i}
	if len(sc.groups) > 0 {
		r.tOff = int32(len(p.pos))
		rank, ok := ix.match(int(i), sc, p)
		if !ok {
			return
		}
		p.matched = append(p.matched, i)
		r.score, r.tier = int32(rank.Score()), int32(rank.Tier)
		r.tLen = int32(len(p.pos)) - r.tOff
		r.sOff = int32(len(p.pos))
		p.pos = append(p.pos, p.spos...)
		r.sLen = int32(len(p.spos))
	}
	if !ix.dynamic(sc.f, &ix.c.Sessions[i], sc.mine) {
		p.pos = p.pos[:r.tOff]
		return
	}
	p.recs = append(p.recs, r)
}

var partPool = sync.Pool{New: func() any { return new(part) }}

// getPart returns an empty part, reusing the buffers of an earlier search.
// matched is always new: the narrowing cache keeps it.
func getPart() *part {
	p := partPool.Get().(*part)
	p.recs, p.pos, p.spos, p.matched = p.recs[:0], p.pos[:0], p.spos[:0], nil
	return p
}

func joinParts(parts []*part) *part {
	all := getPart()
	nm, nr, np := 0, 0, 0
	for _, p := range parts {
		nm, nr, np = nm+len(p.matched), nr+len(p.recs), np+len(p.pos)
	}
	all.matched = make([]int32, 0, nm)
	all.recs = slices.Grow(all.recs, nr) // at once: an empty search joins every session
	all.pos = slices.Grow(all.pos, np)
	for _, p := range parts {
		base := int32(len(all.pos))
		for _, r := range p.recs {
			r.tOff += base
			r.sOff += base
			all.recs = append(all.recs, r)
		}
		all.pos = append(all.pos, p.pos...)
		all.matched = append(all.matched, p.matched...)
	}
	return all
}

// narrowed returns the sessions worth scanning when the new terms can
// only match where the last search's did (each old term is implied by a
// new one, see implies), else nil. Sessions with a note are always scanned,
// since notes may have changed.
func (ix *Index) narrowed(sig string, terms []Term, notes map[int32]string) []int32 {
	ix.mu.Lock()
	last := ix.last
	ix.mu.Unlock()
	if last.terms == nil || !last.plain || last.sig != sig {
		return nil
	}
	for _, old := range last.terms {
		found := false
		for _, t := range terms {
			if implies(t, old) {
				found = true
				break
			}
		}
		if !found {
			return nil
		}
	}
	if len(notes) == 0 {
		return last.matched
	}
	extra := make([]int32, 0, len(notes))
	for k := range notes {
		extra = append(extra, k)
	}
	slices.Sort(extra)
	out := make([]int32, 0, len(last.matched)+len(extra))
	a, b := last.matched, extra
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

// implies reports whether every session positive term t matches, old
// matches too (t is old typed further).
func implies(t, old Term) bool {
	if t.Field != old.Field || t.Exact != old.Exact || t.Prefix != old.Prefix || t.Suffix != old.Suffix || t.Not || old.Not {
		return false
	}
	if t.Text == old.Text {
		return true
	}
	if old.Field.filter() {
		return false // a facet's values are chosen by the whole text
	}
	switch {
	case old.Prefix && old.Suffix:
		return false
	case old.Suffix:
		if !strings.HasSuffix(t.Text, old.Text) {
			return false
		}
	case !strings.Contains(t.Text, old.Text):
		return false
	case old.Prefix && !strings.HasPrefix(t.Text, old.Text):
		return false
	}
	if old.short() && !old.Prefix {
		// old matched word starts only; so does t when it is short too and
		// extends old at its end. (A field's start is a word start.)
		return t.short() && !old.Suffix && strings.HasPrefix(t.Text, old.Text)
	}
	// A fuzzy t can match where a substring-only old cannot.
	return old.fuzzyOK() || !t.fuzzyOK()
}

func (ix *Index) remember(sig string, terms []Term, plain bool, matched []int32) {
	if matched == nil {
		matched = []int32{}
	}
	if terms == nil {
		terms = []Term{}
	}
	ix.mu.Lock()
	ix.last = narrowCache{sig: sig, terms: terms, plain: plain, matched: matched}
	ix.mu.Unlock()
}
