package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/internal/parallel"
	"github.com/lineup-tui/lineup/data/text"
)

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
// what the facets need. Build it once per conference with New (after any
// change to the conference, build a new one). Run may be called from several
// goroutines.
type Index struct {
	c *data.Conference

	// Folded text: title; speaker names as SpeakerNames joins them;
	// track, room, subtitle, type and companies (joined by 0 bytes, in that
	// order: metaRank relies on it); abstract and description.
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
	// lazyLong: the long fields were not folded (NewOneShot); match
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
	terms   []Term
	plain   bool // positive terms only, one a group
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

// New builds the index a program keeps for many queries, such as the TUI's
// search as you type: it folds the text of every session of c once, and
// indexes the words of abstracts and descriptions in the background (see
// Wait). c must be prepared (formats.Finish or Conference.Prepare); the hits
// follow the order of c.Sessions.
func New(c *data.Conference) *Index { return newIndex(c, true) }

// NewOneShot is New for a single query, as a command-line search
// makes: it skips the word index of abstracts and descriptions, which costs
// more to build than one scan of them saves. Results are the same.
func NewOneShot(c *data.Conference) *Index { return newIndex(c, false) }

func newIndex(c *data.Conference, words bool) *Index {
	// Build the conference's id lookups now if it has none, before the
	// goroutines below read them.
	c.SpeakerIndex("")
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
		ix.spkFold[i] = text.Fold(c.Speakers[i].Name)
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
				if k, ok := c.SpeakerIndex(id); ok && c.Speakers[k].Company != "" {
					companies = append(companies, c.Speakers[k].Company)
				}
			}
			buf = buf[:0]
			for k, part := range [4]string{s.Track, s.Room, s.Subtitle, s.Type} {
				if k > 0 {
					buf = append(buf, 0)
				}
				buf = text.AppendFold(buf, part, nil)
			}
			for _, co := range companies {
				buf = append(buf, 0)
				buf = text.AppendFold(buf, co, nil)
			}
			ix.meta.b.Write(buf)
			ix.meta.off = append(ix.meta.off, uint32(ix.meta.b.Len()))
		}
	}()
	var buf, names []byte
	addMapped := func(col *column, s string) int32 {
		off := int32(-1)
		if text.IsASCII(s) {
			buf = text.AppendFold(buf[:0], s, nil)
		} else {
			off = int32(len(ix.runeMap))
			buf = text.AppendFold(buf[:0], s, &ix.runeMap)
		}
		col.b.Write(buf)
		col.off = append(col.off, uint32(col.b.Len()))
		return off
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		names = names[:0]
		for _, id := range s.SpeakerIDs {
			k, ok := c.SpeakerIndex(id)
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
	parallel.For(n, func(i int) {
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
			buf = appendLong(buf[:0], &c.Sessions[i])
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
		// The folded text is read, never written, from here on.
		ix.tok.Store(buildTokensOn(n, runtime.GOMAXPROCS(0), func(int) func(i int) string { return ix.long.at }))
	}()
	if words {
		// An index kept for many queries ranks titles now; a one-query
		// index only when its query sorts by title.
		ix.rankTitles()
	}
	return ix
}

// appendLong appends the folded text of a session's long fields: the
// abstract, then a 0 byte and the description when there is one.
func appendLong(dst []byte, s *data.Session) []byte {
	dst = text.AppendFold(dst, s.Abstract, nil)
	if s.Description != "" {
		dst = append(dst, 0)
		dst = text.AppendFold(dst, s.Description, nil)
	}
	return dst
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
			f = text.Fold(v)
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

// Conference returns the conference the index was built from.
func (ix *Index) Conference() *data.Conference { return ix.c }

// Wait blocks until the index's background work is done: the abstracts
// folded and their words indexed. Runs with search text wait for it
// themselves; a program can call Wait to do that work before the first key.
func (ix *Index) Wait() { <-ix.ready }
