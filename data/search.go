package data

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Search scores. Every word of a query takes the score of the best field it
// matches (fields are tried in this order, best first); a session's score is
// the sum over its words.
//
//	title, whole word        1000    speaker, whole word        520
//	title, word prefix        900    speaker, word prefix       500
//	title, inside a word      700    speaker, inside a word     450
//	title, fuzzy        500 – 690    speaker, fuzzy       320 – 440
//	subtitle, track, room, type or company: word 220, prefix 200, inside 160
//	abstract or description (substring)                           100
//	the person's note (substring)                                  60
//
// Fuzzy means the letters of the word appear in order (fzf-like) with at
// most fuzzyMaxGaps bytes skipped: 650 (title) or 420 (speaker), minus 15
// (10) per skipped byte, plus 10 (5) per matched letter that starts a word,
// so contiguous beats scattered. Long fields match substrings only, which
// keeps noise out. A title match at the very start gets 20 more.
const (
	scoreTitleWord    = 1000
	scoreTitlePrefix  = 900
	scoreTitleInside  = 700
	scoreTitleFuzzy   = 650
	scoreTitleFuzzMax = 690
	scoreTitleFuzzMin = 500
	scoreTitleStart   = 20

	scoreSpeakerWord    = 520
	scoreSpeakerPrefix  = 500
	scoreSpeakerInside  = 450
	scoreSpeakerFuzzy   = 420
	scoreSpeakerFuzzMax = 440
	scoreSpeakerFuzzMin = 320

	scoreMetaWord   = 220
	scoreMetaPrefix = 200
	scoreMetaInside = 160
	scoreLong       = 100
	scoreNote       = 60
)

// Hit is one session a query selected. Each search word is highlighted in
// the field where it scored: a word found in the title marks the title, one
// found in a speaker's name marks the speaker names, one found elsewhere
// marks nothing.
type Hit struct {
	Session *Session
	// Score is the search score (0 without search text); higher is better.
	Score int
	// Title holds the rune indexes of the matched characters in
	// Session.Title, ascending; nil without search text or title match.
	Title []int
	// Speakers holds the rune indexes of the matched characters in
	// Conference.SpeakerNames(Session), ascending.
	Speakers []int
}

// column holds one folded field of every session, end to end, so that a
// scan over titles reads memory in order: field i is text[off[i]:off[i+1]].
type column struct {
	text string
	off  []uint32
	b    strings.Builder // while building
}

func (c *column) at(i int) string { return c.text[c.off[i]:c.off[i+1]] }

func (c *column) done() {
	c.text = c.b.String()
	c.b = strings.Builder{}
}

// Index holds the folded text of a conference's sessions for searching, and
// what the facets need. Build it once per conference with NewIndex (after any
// change to the conference, build a new one). Run may be called from several
// goroutines.
type Index struct {
	c *Conference

	// Folded text: title; speaker names as SpeakerNames joins them;
	// subtitle, track, room, type and companies; abstract and description.
	title, speakers, meta, long column
	// Rune maps for titles and speaker names that are not plain ASCII:
	// runeMap[mapOff[i]+k] is the rune index of folded byte k; -1 = identity.
	titleMapOff, speakerMapOff []int32
	runeMap                    []int32

	tmask, smask, mmask, lmask []uint64
	tstart, sstart, mstart     []uint64 // masks of the bytes that start a word
	// The long fields (long, lmask, their share of freq) and the index of
	// their words (tok) are built in the background; ready is closed when
	// they are there. Searches with text wait for it, filters do not.
	tok   atomic.Pointer[tokenIndex]
	ready chan struct{}
	// lazyLong: the long fields were not folded (NewQueryIndex); match
	// searches the sessions' own text instead.
	lazyLong bool

	// Facet values, interned after folding; days as they are.
	vals                         []string
	valID                        map[string]int32
	day, room, track, typ, level []int32
	spkStart                     []int32 // session i's speakers are spkIdx[spkStart[i]:spkStart[i+1]]
	spkIdx                       []int32
	spkFold                      []string // folded speaker names, by index in c.Speakers
	titleRank                    []int32  // position in folded-title order (rankTitles)
	titleOnce                    sync.Once
	freq                         [256]int // how often each byte occurs in text

	mu   sync.Mutex
	last narrowCache
}

// narrowCache remembers which sessions the last search matched, so that a
// query that only extends it (the next key press) scans just those.
type narrowCache struct {
	sig     string
	words   []string
	matched []int32
}

var byteBit [256]uint64

func init() {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			byteBit[c] = 1 << (c - 'a')
		case c >= '0' && c <= '9':
			byteBit[c] = 1 << (26 + c - '0')
		default:
			byteBit[c] = 1 << (36 + c%28)
		}
	}
}

// masksOf returns the mask of the bytes of s and of those that start a word.
func masksOf(s string) (all, starts uint64) {
	for i := 0; i < len(s); i++ {
		all |= byteBit[s[i]]
		if i == 0 || !isWordByte(s[i-1]) {
			starts |= byteBit[s[i]]
		}
	}
	return all, starts
}

func maskOf(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= byteBit[s[i]]
	}
	return m
}

// NewIndex folds the text of every session of c once. c must be indexed
// (Finish or Conference.Index); the hits follow the order of c.Sessions.
func NewIndex(c *Conference) *Index { return newIndex(c, true) }

// NewQueryIndex is NewIndex for a single query, as a command-line search
// makes: it skips the word index of abstracts and descriptions, which costs
// more to build than one scan of them saves. Results are the same.
func NewQueryIndex(c *Conference) *Index { return newIndex(c, false) }

func newIndex(c *Conference, words bool) *Index {
	if c.sessionByID == nil || c.speakerByID == nil {
		c.Index()
	}
	n := len(c.Sessions)
	ix := &Index{
		c:           c,
		titleMapOff: make([]int32, n), speakerMapOff: make([]int32, n),
		tmask: make([]uint64, n), smask: make([]uint64, n), mmask: make([]uint64, n), lmask: make([]uint64, n),
		tstart: make([]uint64, n), sstart: make([]uint64, n), mstart: make([]uint64, n),
		valID: map[string]int32{},
		day:   make([]int32, n), room: make([]int32, n), track: make([]int32, n), typ: make([]int32, n), level: make([]int32, n),
		spkStart: make([]int32, n+1),
	}
	ix.spkFold = make([]string, len(c.Speakers))
	for i := range c.Speakers {
		ix.spkFold[i] = Fold(c.Speakers[i].Name)
	}
	var tsize, msize, lsize int
	for i := range c.Sessions {
		s := &c.Sessions[i]
		tsize += len(s.Title)
		msize += len(s.Subtitle) + len(s.Room) + len(s.Track) + len(s.Type) + 4
		lsize += len(s.Abstract) + len(s.Description) + 1
	}
	for _, col := range []*column{&ix.title, &ix.speakers, &ix.meta, &ix.long} {
		col.off = make([]uint32, 1, n+1)
	}
	ix.title.b.Grow(tsize + tsize/16)
	ix.speakers.b.Grow(n * 24)
	ix.meta.b.Grow(msize + n*16)
	// Three independent parts run side by side: the facet values, the meta
	// column, and the title and speaker columns (which share the rune map).
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		ix.internFacets()
	}()
	go func() {
		defer wg.Done()
		var buf []byte
		var companies []string
		for i := range c.Sessions {
			s := &c.Sessions[i]
			companies = companies[:0]
			for _, id := range s.SpeakerIDs {
				if k, ok := c.speakerByID[id]; ok && c.Speakers[k].Company != "" {
					companies = append(companies, c.Speakers[k].Company)
				}
			}
			buf = buf[:0]
			for k, part := range [4]string{s.Subtitle, s.Track, s.Room, s.Type} {
				if k > 0 {
					buf = append(buf, 0)
				}
				buf = foldAppend(buf, part, nil)
			}
			for _, co := range companies {
				buf = append(buf, 0)
				buf = foldAppend(buf, co, nil)
			}
			ix.meta.b.Write(buf)
			ix.meta.off = append(ix.meta.off, uint32(ix.meta.b.Len()))
		}
	}()
	var buf, names []byte
	addMapped := func(col *column, s string) int32 {
		off := int32(-1)
		if isASCII(s) {
			buf = foldAppend(buf[:0], s, nil)
		} else {
			off = int32(len(ix.runeMap))
			buf = foldAppend(buf[:0], s, &ix.runeMap)
		}
		col.b.Write(buf)
		col.off = append(col.off, uint32(col.b.Len()))
		return off
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		names = names[:0]
		for _, id := range s.SpeakerIDs {
			k, ok := c.speakerByID[id]
			if !ok {
				continue
			}
			ix.spkIdx = append(ix.spkIdx, int32(k))
			if len(names) > 0 {
				names = append(names, ", "...)
			}
			names = append(names, c.Speakers[k].Name...)
		}
		ix.spkStart[i+1] = int32(len(ix.spkIdx))
		ix.titleMapOff[i] = addMapped(&ix.title, s.Title)
		ix.speakerMapOff[i] = addMapped(&ix.speakers, string(names))
	}
	wg.Wait()
	for _, col := range []*column{&ix.title, &ix.speakers, &ix.meta} {
		col.done()
		for k := 0; k < len(col.text); k++ {
			ix.freq[col.text[k]]++
		}
	}
	parallel(n, func(i int) {
		ix.tmask[i], ix.tstart[i] = masksOf(ix.title.at(i))
		ix.smask[i], ix.sstart[i] = masksOf(ix.speakers.at(i))
		ix.mmask[i], ix.mstart[i] = masksOf(ix.meta.at(i))
	})
	ix.ready = make(chan struct{})
	if !words {
		// One query: abstracts and descriptions are searched as they are,
		// folding only what is not plain ASCII (see longContains).
		ix.lazyLong = true
		close(ix.ready)
	}
	go func() {
		if !words {
			return
		}
		defer close(ix.ready)
		ix.long.b.Grow(lsize + lsize/32)
		var buf []byte
		for i := range c.Sessions {
			s := &c.Sessions[i]
			buf = foldAppend(buf[:0], s.Abstract, nil)
			if s.Description != "" {
				buf = append(buf, 0)
				buf = foldAppend(buf, s.Description, nil)
			}
			ix.long.b.Write(buf)
			ix.long.off = append(ix.long.off, uint32(ix.long.b.Len()))
		}
		ix.long.done()
		for i := range n {
			ix.lmask[i] = maskOf(ix.long.at(i))
		}
		for k := 0; k < len(ix.long.text); k++ {
			ix.freq[ix.long.text[k]]++
		}
		ix.tok.Store(buildTokens(&ix.long, n))
	}()
	if words {
		// An index kept for many queries ranks titles now; a one-query
		// index only when its query sorts by title.
		ix.rankTitles()
	}
	return ix
}

// internFacets gives every session the ids of its folded day, room, track,
// type and level, folding each distinct value once.
func (ix *Index) internFacets() {
	raw := map[string]int32{}
	intern := func(v string, fold bool) int32 {
		if id, ok := raw[v]; ok && fold {
			return id
		}
		f := v
		if fold {
			f = Fold(v)
		}
		id, ok := ix.valID[f]
		if !ok {
			id = int32(len(ix.vals))
			ix.vals = append(ix.vals, f)
			ix.valID[f] = id
		}
		if fold {
			raw[v] = id
		}
		return id
	}
	for i := range ix.c.Sessions {
		s := &ix.c.Sessions[i]
		ix.day[i] = intern(s.Date, false)
		ix.room[i] = intern(s.Room, true)
		ix.track[i] = intern(s.Track, true)
		ix.typ[i] = intern(s.Type, true)
		ix.level[i] = intern(s.Level, true)
	}
}

// rankTitles computes each session's position in folded-title order, once.
func (ix *Index) rankTitles() {
	ix.titleOnce.Do(func() {
		n := len(ix.c.Sessions)
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			if c := strings.Compare(ix.title.at(int(a)), ix.title.at(int(b))); c != 0 {
				return c
			}
			return int(a - b)
		})
		ix.titleRank = make([]int32, n)
		for r, i := range order {
			ix.titleRank[i] = int32(r)
		}
	})
}

func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s[i:i+8])&hiBits != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Conference returns the conference the index was built from.
func (ix *Index) Conference() *Conference { return ix.c }

// qword is one folded word of the search text.
type qword struct {
	s    string
	mask uint64
	rare int      // offset of the word's rarest byte in the indexed text
	long []uint64 // bit i: session i's long fields hold the word; nil: scan them
}

func (ix *Index) splitWords(text string) []qword {
	fs := strings.Fields(Fold(text))
	out := make([]qword, 0, len(fs))
	for _, f := range fs {
		w := qword{s: f, mask: maskOf(f)}
		for k := 1; k < len(f); k++ {
			if ix.freq[f[k]] < ix.freq[f[w.rare]] {
				w.rare = k
			}
		}
		out = append(out, w)
	}
	return out
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
	q                                  *Query
	now                                time.Time
}

func (ix *Index) ids(vals []string, fold bool) (ids []int32, none bool) {
	if len(vals) == 0 {
		return nil, false
	}
	for _, v := range vals {
		if fold {
			v = Fold(strings.TrimSpace(v))
		}
		if id, ok := ix.valID[v]; ok {
			ids = append(ids, id)
		}
	}
	return ids, len(ids) == 0
}

func (ix *Index) compile(q *Query) *filter {
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
		if ws := strings.Fields(Fold(v)); len(ws) > 0 {
			f.speakers = append(f.speakers, ws)
		}
	}
	f.needMine = q.Starred || q.Rated != RatedAny || q.MinRating > 0
	if q.HidePast {
		f.now = q.Now
		if f.now.IsZero() {
			f.now = time.Now()
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

func hasID(l []int32, id int32) bool {
	for _, x := range l {
		if x == id {
			return true
		}
	}
	return false
}

// static checks the facets that depend only on the session.
func (ix *Index) static(f *filter, i int) bool {
	if len(f.days) > 0 && !hasID(f.days, ix.day[i]) ||
		len(f.rooms) > 0 && !hasID(f.rooms, ix.room[i]) ||
		len(f.tracks) > 0 && !hasID(f.tracks, ix.track[i]) ||
		len(f.types) > 0 && !hasID(f.types, ix.typ[i]) ||
		len(f.levels) > 0 && !hasID(f.levels, ix.level[i]) ||
		len(f.hiddenRooms) > 0 && hasID(f.hiddenRooms, ix.room[i]) ||
		len(f.hiddenTracks) > 0 && hasID(f.hiddenTracks, ix.track[i]) {
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
func (ix *Index) dynamic(f *filter, s *Session, mine map[string]Personal) bool {
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
	case RatedYes:
		if p.Rating == 0 {
			return false
		}
	case RatedNone:
		if p.Rating != 0 {
			return false
		}
	}
	if f.q.MinRating > 0 {
		avg, n := CombinedRating(s.Rating, p.Rating)
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
	tOff, tLen int32
	sOff, sLen int32
}

// Run returns the sessions q selects, in the order q asks for. mine maps a
// session id to what the person recorded for it (stars, ratings, notes); it
// may be nil. The same query on the same data always gives the same hits.
func (ix *Index) Run(q Query, mine map[string]Personal) []Hit {
	f := ix.compile(&q)
	if f.none {
		return []Hit{}
	}
	if strings.TrimSpace(q.Text) != "" {
		<-ix.ready
	}
	sc := &scan{ix: ix, f: f, words: ix.splitWords(q.Text), mine: mine}
	c := ix.c
	n := len(c.Sessions)
	if tok := ix.tok.Load(); tok != nil {
		for k := range sc.words {
			sc.words[k].long = tok.sessionsWith(sc.words[k].s, n)
		}
	}

	if len(sc.words) > 0 {
		for id, p := range mine {
			if p.Note == "" {
				continue
			}
			if k, ok := c.sessionByID[id]; ok {
				if sc.notes == nil {
					sc.notes = map[int32]string{}
				}
				sc.notes[int32(k)] = Fold(p.Note)
			}
		}
	}

	var cand []int32 // nil: every session
	sig := ""
	if len(sc.words) > 0 {
		sig = f.signature()
		cand = ix.narrowed(sig, sc.words, sc.notes)
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
	if len(sc.words) > 0 {
		ix.remember(sig, sc.words, all.matched)
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
	ix    *Index
	f     *filter
	words []qword
	mine  map[string]Personal
	notes map[int32]string // folded notes by session index
}

// part is what one goroutine found.
type part struct {
	recs    []hitRec
	pos     []int32
	matched []int32 // sessions that passed the static facets and the text
	spos    []int32 // scratch for speaker positions
	fold    []byte  // scratch for folding long fields (NewQueryIndex)
}

func (sc *scan) visit(p *part, i int32) {
	ix := sc.ix
	if !ix.static(sc.f, int(i)) {
		return
	}
	r := hitRec{idx: i}
	if len(sc.words) > 0 {
		r.tOff = int32(len(p.pos))
		score, ok := ix.match(int(i), sc.words, sc.notes, p)
		if !ok {
			return
		}
		p.matched = append(p.matched, i)
		r.score = int32(min(score, math.MaxInt32))
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
	nm := 0
	for _, p := range parts {
		nm += len(p.matched)
	}
	all.matched = make([]int32, 0, nm)
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

// narrowed returns the sessions worth scanning when the new words only
// extend the last search's (every old word is inside some new word), else nil.
// Sessions with a note are always scanned, since notes may have changed.
func (ix *Index) narrowed(sig string, words []qword, notes map[int32]string) []int32 {
	ix.mu.Lock()
	last := ix.last
	ix.mu.Unlock()
	if last.words == nil || last.sig != sig {
		return nil
	}
	for _, old := range last.words {
		found := false
		for _, w := range words {
			if strings.Contains(w.s, old) {
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

func (ix *Index) remember(sig string, words []qword, matched []int32) {
	ws := make([]string, len(words))
	for k, w := range words {
		ws[k] = w.s
	}
	if matched == nil {
		matched = []int32{}
	}
	ix.mu.Lock()
	ix.last = narrowCache{sig: sig, words: ws, matched: matched}
	ix.mu.Unlock()
}

// match scores session i against every word; all must match. Matched
// title positions (folded byte offsets) are appended to p.pos, speaker
// positions are left in p.spos.
func (ix *Index) match(i int, words []qword, notes map[int32]string, p *part) (score int, ok bool) {
	start := len(p.pos)
	p.spos = p.spos[:0]
	title := ix.title.at(i)
	long := longText{buf: &p.fold}
	for _, w := range words {
		if ix.tmask[i]&w.mask == w.mask {
			if s := matchShort(title, w.s, ix.tstart[i], titleScores, &p.pos); s > 0 {
				score += s
				continue
			}
		}
		if ix.smask[i]&w.mask == w.mask {
			if s := matchShort(ix.speakers.at(i), w.s, ix.sstart[i], speakerScores, &p.spos); s > 0 {
				score += s
				continue
			}
		}
		if ix.mmask[i]&w.mask == w.mask {
			if _, class := bestOccurrence(ix.meta.at(i), w.s, ix.mstart[i]); class > 0 {
				score += [4]int{0, scoreMetaInside, scoreMetaPrefix, scoreMetaWord}[class]
				continue
			}
		}
		if w.long != nil {
			if w.long[i>>6]&(1<<(i&63)) != 0 {
				score += scoreLong
				continue
			}
		} else if ix.lazyLong {
			if long.contains(&ix.c.Sessions[i], w.s) {
				score += scoreLong
				continue
			}
		} else if ix.lmask[i]&w.mask == w.mask && containsRare(ix.long.at(i), w.s, w.rare) {
			score += scoreLong
			continue
		}
		if note, has := notes[int32(i)]; has && strings.Contains(note, w.s) {
			score += scoreNote
			continue
		}
		p.pos = p.pos[:start]
		return 0, false
	}
	return score, true
}

type fieldScores struct {
	inside, prefix, word, start int
	fuzzy, fuzzMax, fuzzMin     int
	gap, boundary               int
}

var (
	titleScores   = fieldScores{scoreTitleInside, scoreTitlePrefix, scoreTitleWord, scoreTitleStart, scoreTitleFuzzy, scoreTitleFuzzMax, scoreTitleFuzzMin, 15, 10}
	speakerScores = fieldScores{scoreSpeakerInside, scoreSpeakerPrefix, scoreSpeakerWord, 0, scoreSpeakerFuzzy, scoreSpeakerFuzzMax, scoreSpeakerFuzzMin, 10, 5}
)

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// bestOccurrence finds w in f, preferring a whole word (class 3), then a
// word prefix (2), then any place (1); 0 = absent. starts is the mask of
// the bytes that start a word in f.
func bestOccurrence(f, w string, starts uint64) (at, class int) {
	at = strings.Index(f, w)
	if at < 0 {
		return -1, 0
	}
	class = occurrenceClass(f, w, at)
	if class == 3 || starts&byteBit[w[0]] == 0 {
		return at, class
	}
	// Look for a better occurrence at the later word starts only.
	c0 := w[0]
	for p := at + 1; p <= len(f)-len(w); p++ {
		if f[p] != c0 || isWordByte(f[p-1]) || f[p:p+len(w)] != w {
			continue
		}
		if c := occurrenceClass(f, w, p); c > class {
			at, class = p, c
			if c == 3 {
				break
			}
		}
	}
	return at, class
}

func occurrenceClass(f, w string, p int) int {
	if p > 0 && isWordByte(f[p-1]) {
		return 1
	}
	if e := p + len(w); e == len(f) || !isWordByte(f[e]) {
		return 3
	}
	return 2
}

// matchShort matches w in a title or speaker field: as a substring, else as
// a subsequence. It returns the score (0 = no match) and appends the matched
// byte offsets to pos.
func matchShort(f, w string, starts uint64, sc fieldScores, pos *[]int32) int {
	if at, class := bestOccurrence(f, w, starts); class > 0 {
		for k := range len(w) {
			*pos = append(*pos, int32(at+k))
		}
		s := [4]int{0, sc.inside, sc.prefix, sc.word}[class]
		if at == 0 {
			s += sc.start
		}
		return s
	}
	if len(w) < 2 {
		return 0
	}
	start := len(*pos)
	gaps, bounds, ok := fuzzy(f, w, pos)
	if !ok {
		*pos = (*pos)[:start]
		return 0
	}
	s := sc.fuzzy - sc.gap*gaps + sc.boundary*bounds
	return max(sc.fuzzMin, min(sc.fuzzMax, s))
}

// runeLen is the length of the UTF-8 sequence that starts with b.
func runeLen(b byte) int {
	switch {
	case b < 0xc0:
		return 1
	case b < 0xe0:
		return 2
	case b < 0xf0:
		return 3
	}
	return 4
}

// fuzzyMaxGaps is how many characters a fuzzy match may skip in all. More
// scattered subsequences ("hard" in "Hybrid topologies with Kubernetes And
// EnvoY: seRvice Discovery") are noise, not matches. It is the same for
// every word length, so a longer word never matches where its prefix did not
// (narrowing relies on that).
const fuzzyMaxGaps = 10

// fuzzy finds the runes of w in order in f, in the window that skips the
// fewest bytes (the earliest such window). It returns the bytes skipped
// and how many matched runes start a word, and appends the matched byte
// offsets to pos.
func fuzzy(f, w string, pos *[]int32) (gaps, bounds int, ok bool) {
	best, bestStart := -1, 0
	for from := 0; from < len(f); {
		end := fuzzyEnd(f, w, from)
		if end < 0 {
			break
		}
		start := fuzzyStart(f, w, end)
		if g := end - start - len(w); best < 0 || g < best {
			best, bestStart = g, start
		}
		from = start + 1
	}
	if best < 0 || best > fuzzyMaxGaps {
		return 0, 0, false
	}
	// Forward inside the window, recording positions.
	i := bestStart
	for j := 0; j < len(w); {
		n := runeLen(w[j])
		if strings.HasPrefix(f[i:], w[j:j+n]) {
			for k := range n {
				*pos = append(*pos, int32(i+k))
			}
			if i == 0 || !isWordByte(f[i-1]) {
				bounds++
			}
			i += n
			j += n
		} else {
			i++
		}
	}
	return best, bounds, true
}

// fuzzyEnd returns where the earliest subsequence match of w in f[from:]
// ends, or -1.
func fuzzyEnd(f, w string, from int) int {
	i := from
	for j := 0; j < len(w); {
		k := strings.IndexByte(f[i:], w[j])
		if k < 0 {
			return -1
		}
		i += k
		n := runeLen(w[j])
		if strings.HasPrefix(f[i:], w[j:j+n]) {
			i += n
			j += n
		} else {
			i++
		}
	}
	return i
}

// fuzzyStart returns the latest start of a subsequence match of w that ends
// by end (there is one).
func fuzzyStart(f, w string, end int) int {
	i := end
	for j := len(w); j > 0; {
		n := 1
		for n < j && w[j-n]&0xc0 == 0x80 {
			n++
		}
		i = strings.LastIndex(f[:i], w[j-n:j])
		j -= n
	}
	return i
}

// sortRecs orders the hits; they arrive in programme order, and the sort
// is stable, so ties keep programme order.
func (ix *Index) sortRecs(recs []hitRec, by string, mine map[string]Personal) {
	if by == SortTime || len(recs) < 2 {
		return
	}
	if by == SortTitle {
		ix.rankTitles()
	}
	sb := sortPool.Get().(*sortBuf)
	defer sortPool.Put(sb)
	keys := grow(sb.keys, len(recs))
	for p, r := range recs {
		var k uint32
		switch by {
		case SortRelevance:
			k = uint32(math.MaxInt32 - r.score)
		case SortTitle:
			k = uint32(ix.titleRank[r.idx])
		case SortRating:
			k = ix.ratingKey(r.idx, mine)
		}
		keys[p] = uint64(k)<<32 | uint64(p)
	}
	sb.tmp = grow(sb.tmp, len(recs))
	radixSortHigh(keys, sb.tmp)
	sorted := grow(sb.recs, len(recs))
	for p, k := range keys {
		sorted[p] = recs[uint32(k)]
	}
	copy(recs, sorted)
	sb.keys, sb.recs = keys, sorted
}

type sortBuf struct {
	keys, tmp []uint64
	recs      []hitRec
}

var sortPool = sync.Pool{New: func() any { return new(sortBuf) }}

// grow returns s resized to n, reusing its array when it is big enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// ratingKey packs the combined rating so that smaller is better: 18 bits
// of average (in 1e-4, highest first) and 14 bits of count (highest first).
func (ix *Index) ratingKey(i int32, mine map[string]Personal) uint32 {
	s := &ix.c.Sessions[i]
	var my int
	if mine != nil {
		my = mine[s.ID].Rating
	}
	avg, n := CombinedRating(s.Rating, my)
	a := uint32(0)
	if avg > 0 {
		a = uint32(min(math.Round(avg*1e4), 1<<18-1))
	}
	cnt := uint32(min(n, 1<<14-1))
	return (1<<18-1-a)<<14 | (1<<14 - 1 - cnt)
}

// radixSortHigh sorts keys by their upper 32 bits, stably, 16 bits a pass,
// skipping passes where every key has the same digit.
func radixSortHigh(keys, tmp []uint64) {
	src, dst := keys, tmp
	var count [1 << 16]int
	for shift := uint(32); shift < 64; shift += 16 {
		clear(count[:])
		for _, k := range src {
			count[(k>>shift)&0xffff]++
		}
		if count[(src[0]>>shift)&0xffff] == len(src) {
			continue
		}
		sum := 0
		for d := range count {
			c := count[d]
			count[d] = sum
			sum += c
		}
		for _, k := range src {
			d := (k >> shift) & 0xffff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// hits turns the records into Hits, mapping folded byte offsets to rune
// indexes of the displayed strings.
func (ix *Index) hits(recs []hitRec, pos []int32) []Hit {
	out := make([]Hit, len(recs))
	sessions := ix.c.Sessions
	// Every position list fits in arena (rune positions are at most as many
	// as byte positions), so it is never reallocated and the slices taken
	// from it stay valid.
	arena := make([]int, 0, len(pos))
	for p, r := range recs {
		h := &out[p]
		h.Session = &sessions[r.idx]
		h.Score = int(r.score)
		if r.tLen > 0 {
			t0 := len(arena)
			arena = ix.runePositions(arena, pos[r.tOff:r.tOff+r.tLen], ix.titleMapOff[r.idx])
			h.Title = arena[t0:len(arena):len(arena)]
		}
		if r.sLen > 0 {
			s0 := len(arena)
			arena = ix.runePositions(arena, pos[r.sOff:r.sOff+r.sLen], ix.speakerMapOff[r.idx])
			h.Speakers = arena[s0:len(arena):len(arena)]
		}
	}
	return out
}

// runePositions appends the sorted, distinct rune indexes of the folded
// byte offsets bs (mapOff -1: the field is ASCII and offsets are indexes).
func (ix *Index) runePositions(dst []int, bs []int32, mapOff int32) []int {
	start := len(dst)
	if mapOff < 0 {
		ascending := true
		for k := 1; k < len(bs); k++ {
			if bs[k] <= bs[k-1] {
				ascending = false
				break
			}
		}
		if ascending {
			for _, b := range bs {
				dst = append(dst, int(b))
			}
			return dst
		}
	}
	for _, b := range bs {
		r := int(b)
		if mapOff >= 0 {
			r = int(ix.runeMap[mapOff+b])
		}
		// insertion into the sorted tail, dropping repeats
		k := len(dst)
		for k > start && dst[k-1] > r {
			k--
		}
		if k > start && dst[k-1] == r {
			continue
		}
		dst = append(dst, 0)
		copy(dst[k+1:], dst[k:])
		dst[k] = r
	}
	return dst
}

// Facets lists the values a filter panel offers, each with its number of
// sessions.
type Facets struct {
	Days, Rooms, Tracks, Types, Levels []FacetValue
}

// FacetValue is one value of a facet and how many sessions have it.
type FacetValue struct {
	Value string
	Count int
}

// FacetValues returns the distinct values of each facet: every conference
// day in date order (a declared day without sessions has count 0), and the
// rooms, tracks, types and levels that sessions use, sorted by their folded
// form. Values that fold alike are one value, shown as first met.
func FacetValues(c *Conference) Facets {
	var f Facets
	days := map[string]int{}
	for i := range c.Sessions {
		days[c.Sessions[i].Date]++
	}
	for _, d := range c.Dates() {
		f.Days = append(f.Days, FacetValue{Value: d, Count: days[d]})
	}
	collect := func(get func(*Session) string) []FacetValue {
		idx := map[string]int{}
		var out []FacetValue
		var folded []string
		for i := range c.Sessions {
			v := get(&c.Sessions[i])
			if v == "" {
				continue
			}
			k := Fold(v)
			if p, ok := idx[k]; ok {
				out[p].Count++
				continue
			}
			idx[k] = len(out)
			out = append(out, FacetValue{Value: v, Count: 1})
			folded = append(folded, k)
		}
		order := make([]int, len(out))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := strings.Compare(folded[a], folded[b]); c != 0 {
				return c
			}
			return strings.Compare(out[a].Value, out[b].Value)
		})
		sorted := make([]FacetValue, len(out))
		for p, k := range order {
			sorted[p] = out[k]
		}
		return sorted
	}
	f.Rooms = collect(func(s *Session) string { return s.Room })
	f.Tracks = collect(func(s *Session) string { return s.Track })
	f.Types = collect(func(s *Session) string { return s.Type })
	f.Levels = collect(func(s *Session) string { return s.Level })
	return f
}

// Forget drops what the index remembers of the last search, so that the
// next Run scans every session (results are the same either way).
func (ix *Index) Forget() {
	ix.mu.Lock()
	ix.last = narrowCache{}
	ix.mu.Unlock()
}

// tokenIndex lists the words (maximal runs of letters, digits and non-ASCII
// bytes) of every session's long fields, and for each word the sessions
// that use it. A query word made only of such bytes can only occur inside
// one of them, so the sessions whose abstract contains it are found from the
// vocabulary without reading the abstracts.
type tokenIndex struct {
	vocab  string  // every distinct word followed by a 0 byte
	start  []int32 // where each word starts in vocab
	pstart []int32 // the sessions of word t are post[pstart[t]:pstart[t+1]], ascending
	post   []int32
}

// Wait blocks until the index's background work is done: the abstracts
// folded and their words indexed. Runs with search text wait for it
// themselves; a program can call Wait to do that work before the first key.
func (ix *Index) Wait() { <-ix.ready }

func buildTokens(long *column, n int) *tokenIndex {
	t := &tokenIndex{}
	ids := map[string]int32{}
	var vocab strings.Builder
	var last []int32  // per word: the last session that used it, plus one
	var count []int32 // per word: how many sessions use it
	var pairs []int32 // per session, its distinct words
	ends := make([]int32, n)
	for i := range n {
		l := long.at(i)
		for k := 0; k < len(l); {
			for k < len(l) && !isWordByte(l[k]) {
				k++
			}
			e := k
			for e < len(l) && isWordByte(l[e]) {
				e++
			}
			if e == k {
				break
			}
			word := l[k:e]
			k = e
			id, ok := ids[word]
			if !ok {
				id = int32(len(t.start))
				ids[word] = id
				t.start = append(t.start, int32(vocab.Len()))
				vocab.WriteString(word)
				vocab.WriteByte(0)
				last = append(last, 0)
				count = append(count, 0)
			}
			if last[id] != int32(i+1) {
				last[id] = int32(i + 1)
				count[id]++
				pairs = append(pairs, id)
			}
		}
		ends[i] = int32(len(pairs))
	}
	t.vocab = vocab.String()
	t.pstart = make([]int32, len(t.start)+1)
	for id, c := range count {
		t.pstart[id+1] = t.pstart[id] + c
	}
	t.post = make([]int32, len(pairs))
	fill := slices.Clone(t.pstart[:len(t.start)])
	from := int32(0)
	for i := range n {
		for _, id := range pairs[from:ends[i]] {
			t.post[fill[id]] = int32(i)
			fill[id]++
		}
		from = ends[i]
	}
	return t
}

// sessionsWith returns a bitset of the sessions whose long fields contain
// w, or nil when w is not made of word bytes or is so common that scanning
// is cheaper (the scan then finds it in the first few bytes).
func (t *tokenIndex) sessionsWith(w string, n int) []uint64 {
	if len(t.start) == 0 {
		return nil
	}
	for k := 0; k < len(w); k++ {
		if !isWordByte(w[k]) {
			return nil
		}
	}
	budget := 2*n + 1024
	var words []int32
	sum := 0
	for off := 0; off < len(t.vocab); {
		j := strings.Index(t.vocab[off:], w)
		if j < 0 {
			break
		}
		p := int32(off + j)
		// the word holding p: the last start at or before p
		id, found := slices.BinarySearch(t.start, p)
		if !found {
			id--
		}
		words = append(words, int32(id))
		sum += int(t.pstart[id+1] - t.pstart[id])
		if sum > budget {
			return nil
		}
		if id+1 < len(t.start) {
			off = int(t.start[id+1])
		} else {
			off = len(t.vocab)
		}
	}
	set := make([]uint64, (n+63)/64)
	for _, id := range words {
		for _, i := range t.post[t.pstart[id]:t.pstart[id+1]] {
			set[i>>6] |= 1 << (i & 63)
		}
	}
	return set
}

// longText searches a session's abstract and description as NewQueryIndex
// leaves them: plain ASCII text is searched as it is, other text is folded
// once, on the first word that needs it.
type longText struct {
	done, ascii bool
	buf         *[]byte // the folded text, in a buffer the scan reuses
}

func (l *longText) contains(s *Session, w string) bool {
	if !l.done {
		l.done = true
		l.ascii = isASCII(s.Abstract) && isASCII(s.Description)
		if !l.ascii {
			b := foldAppend((*l.buf)[:0], s.Abstract, nil)
			b = append(b, 0)
			*l.buf = foldAppend(b, s.Description, nil)
		}
	}
	if l.ascii {
		return asciiContainsFold(s.Abstract, w) || asciiContainsFold(s.Description, w)
	}
	return bytes.Contains(*l.buf, []byte(w))
}

// longContains reports whether Fold(text) contains the folded word w,
// without folding plain ASCII text.
func longContains(text, w string) bool {
	if !isASCII(text) {
		return strings.Contains(Fold(text), w)
	}
	return asciiContainsFold(text, w)
}

// asciiContainsFold reports whether ASCII text, lower-cased, contains w.
func asciiContainsFold(text, w string) bool {
	if w == "" {
		return true
	}
	if !isASCII(w) || len(w) > len(text) {
		return false
	}
	// Look for the first byte in either case, then compare the rest folded.
	lo := w[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	last := len(text) - len(w)
	nl, nu := -2, -2 // next position of lo / up at or after i; -1 = none
	for i := 0; i <= last; {
		if nl != -1 && nl < i {
			nl = indexFrom(text[:last+1], lo, i)
		}
		if up != lo && nu != -1 && nu < i {
			nu = indexFrom(text[:last+1], up, i)
		}
		j := nl
		if up != lo && nu >= 0 && (j < 0 || nu < j) {
			j = nu
		}
		if j < 0 {
			return false
		}
		if equalFoldASCII(text[j+1:j+len(w)], w[1:]) {
			return true
		}
		i = j + 1
	}
	return false
}

func indexFrom(s string, c byte, from int) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return -1
}

// equalFoldASCII compares ASCII text with a lower-case ASCII word.
func equalFoldASCII(text, w string) bool {
	for k := 0; k < len(w); k++ {
		c := text[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}
