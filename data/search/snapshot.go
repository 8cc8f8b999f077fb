package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/bigmem"
	"github.com/lineup-tui/lineup/data/internal/parallel"
)

// A Snapshot is a conference's search index in the form the store keeps it,
// written once at import (EncodeSnapshot) and read in place at every search
// (LoadSnapshot): the folded title, speaker and meta columns with their byte
// masks, the facet values, the word index of abstracts and descriptions,
// and for each session what a hit needs (id, title, day, times, published
// rating) plus the cells of the CLI's `sessions` line. Loading one
// allocates a few slices and no string per session, and a search on it
// gives the hits the full conference gives (see Covers).
//
// Its sessions carry only ID, Title, Date, Start, End, Room and Rating; its
// conference has the fields of the schedule but no speakers.
type Snapshot struct {
	ix    *Index
	cells column // four per session: day, time, speakers, room
	// What the sessions are made of, on first use (Index, Conference).
	ids, titles    column
	flags          string
	times, ratings []uint64
	once           sync.Once
	// looks, when the snapshot has them, are each session's track and
	// level as written (two per session, into lookVals): the facets above
	// are folded, and a list row shows them as they are.
	looks    []int32
	lookVals []string
}

// snapshotMagic starts every snapshot; its last byte is the layout version.
// A snapshot of another version is refused (ErrSnapshotVersion), and the
// caller searches the full conference instead.
const snapshotMagic = "lnsnap\x00\x01"

// ErrSnapshotVersion says a snapshot was written in a layout this lineup
// does not read.
var ErrSnapshotVersion = errors.New("search snapshot of another version")

// Session flags in a snapshot.
const (
	snapScheduled = 1 << 0
	snapRated     = 1 << 1
	// snapLooks, on every session, says the tracks and levels section
	// follows the ratings (snapshots written before it have no such
	// section, and readers before it ignore the flag).
	snapLooks = 1 << 2
)

// EncodeSnapshot builds the search snapshot of c, which must be prepared
// (formats.Finish, Conference.Prepare or loaded from the store).
func EncodeSnapshot(c *data.Conference) ([]byte, error) {
	head := *c
	head.Sessions, head.Speakers = nil, nil
	conf, err := json.Marshal(&head)
	if err != nil {
		return nil, fmt.Errorf("search snapshot: %w", err)
	}
	// A one-query index, and the word index of the long fields folded one
	// session at a time: the folded abstracts are never held together.
	ix := NewOneShot(c)
	ix.rankTitles()
	n := len(c.Sessions)
	// Each core folds its run of sessions into its own buffer and counts
	// its own bytes.
	workers := runtime.GOMAXPROCS(0)
	freqs := make([][256]uint64, workers)
	tok := buildTokensOn(n, workers, func(w int) func(i int) string {
		var long []byte
		return func(i int) string {
			long = appendLong(long[:0], &c.Sessions[i])
			for _, b := range long {
				freqs[w][b]++
			}
			// buildTokensOn copies the words it keeps: long is reused.
			return unsafe.String(unsafe.SliceData(long), len(long))
		}
	})
	var freq [256]uint64
	for b := range freq {
		freq[b] = uint64(ix.freq[b])
		for w := range freqs {
			freq[b] += freqs[w][b]
		}
	}
	ids, titles := make([]string, n), make([]string, n)
	cells := make([]string, 0, 4*n)
	flags := make([]byte, n)
	times := make([]uint64, 4*n)
	ratings := make([]uint64, 2*n)
	for i := range c.Sessions {
		s := &c.Sessions[i]
		flags[i] = snapLooks
		ids[i], titles[i] = s.ID, s.Title
		cells = append(cells, data.DayShort(s.Date), data.TimeRange(s), c.SpeakerNames(s), s.Room)
		if s.Scheduled() {
			flags[i] |= snapScheduled
			times[4*i], times[4*i+1] = uint64(s.Start.Unix()), uint64(s.Start.Nanosecond())
			times[4*i+2], times[4*i+3] = uint64(s.End.Unix()), uint64(s.End.Nanosecond())
		}
		if s.Rating != nil {
			flags[i] |= snapRated
			ratings[2*i], ratings[2*i+1] = math.Float64bits(s.Rating.Average), uint64(s.Rating.Count)
		}
	}

	// The tracks and levels as they are written (not folded), last, so
	// that a reader that stops before them still reads the rest.
	lookID := map[string]int32{}
	var lookVals []string
	looks := make([]int32, 0, 2*n)
	for i := range c.Sessions {
		for _, v := range []string{c.Sessions[i].Track, c.Sessions[i].Level} {
			id, ok := lookID[v]
			if !ok {
				id = int32(len(lookVals))
				lookID[v] = id
				lookVals = append(lookVals, v)
			}
			looks = append(looks, id)
		}
	}

	// Two passes over the same writes: the first only counts the bytes, so
	// that the second writes into one buffer of the exact size.
	write := func(w *snapWriter) {
		w.raw(snapshotMagic)
		w.u64(uint64(n))
		w.str(string(conf))
		w.col(&ix.title)
		w.col(&ix.speakers)
		w.col(&ix.meta)
		w.i32s(ix.runeMap)
		w.i32s(ix.titleMapOff)
		w.i32s(ix.speakerMapOff)
		for _, m := range [][]uint64{ix.tmask, ix.smask, ix.mmask, ix.tstart, ix.sstart, ix.mstart} {
			w.u64s(m)
		}
		w.u64s(freq[:])
		w.strs(ix.vals)
		for _, l := range [][]int32{ix.day, ix.room, ix.track, ix.typ, ix.level, ix.spkStart, ix.spkIdx, ix.titleRank} {
			w.i32s(l)
		}
		w.strs(ix.spkFold)
		w.str(tok.vocab)
		w.i32s(tok.start)
		w.i32s(tok.pstart)
		w.i32s(tok.post)
		w.strs(ids)
		w.strs(titles)
		w.strs(cells)
		w.str(unsafe.String(unsafe.SliceData(flags), len(flags)))
		w.u64s(times)
		w.u64s(ratings)
		w.strs(lookVals)
		w.i32s(looks)
	}
	size := snapWriter{count: true}
	write(&size)
	w := snapWriter{b: make([]byte, 0, size.n)}
	write(&w)
	return w.b, nil
}

// littleEndian: the snapshot's arrays are used in place only on such hosts.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// LoadSnapshot reads a snapshot written by EncodeSnapshot. The snapshot
// points into b (unless b is not 8-byte aligned: then into a copy), so b
// must stay unchanged while the snapshot and its hits are used; it may be
// read-only memory such as a store value inside its transaction. Damage is
// an error, never a panic: every offset and id is checked against what it
// indexes.
func LoadSnapshot(b []byte) (*Snapshot, error) {
	if len(b) < len(snapshotMagic) || string(b[:len(snapshotMagic)-1]) != snapshotMagic[:len(snapshotMagic)-1] {
		return nil, errors.New("not a search snapshot")
	}
	if b[len(snapshotMagic)-1] != snapshotMagic[len(snapshotMagic)-1] || !littleEndian {
		return nil, ErrSnapshotVersion
	}
	if uintptr(unsafe.Pointer(&b[0]))%8 != 0 {
		words := make([]uint64, (len(b)+7)/8)
		aligned := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(b))
		copy(aligned, b)
		b = aligned
	}
	r := &snapReader{b: b, off: len(snapshotMagic)}
	n64 := r.u64()
	if r.err == nil && n64 > uint64(len(b)) {
		return nil, errSnapShort
	}
	n := int(n64)
	c := &data.Conference{}
	if conf := r.str(); r.err == nil {
		if err := json.Unmarshal([]byte(conf), c); err != nil {
			return nil, fmt.Errorf("search snapshot: the conference: %w", err)
		}
	}
	c.Sessions, c.Speakers = nil, nil
	ix := &Index{c: c, ready: make(chan struct{})}
	close(ix.ready)
	ix.title = r.col(n, "titles")
	ix.speakers = r.col(n, "speakers")
	ix.meta = r.col(n, "meta")
	ix.runeMap = r.i32s()
	ix.titleMapOff, ix.speakerMapOff = r.i32s(), r.i32s()
	r.length(len(ix.titleMapOff), n, "title rune maps")
	r.length(len(ix.speakerMapOff), n, "speaker rune maps")
	if r.err == nil {
		for i := range n {
			r.runeMapFits(ix.titleMapOff[i], len(ix.title.at(i)), len(ix.runeMap))
			r.runeMapFits(ix.speakerMapOff[i], len(ix.speakers.at(i)), len(ix.runeMap))
		}
	}
	for _, m := range []*[]uint64{&ix.tmask, &ix.smask, &ix.mmask, &ix.tstart, &ix.sstart, &ix.mstart} {
		*m = r.u64s()
		r.length(len(*m), n, "masks")
	}
	freq := r.u64s()
	r.length(len(freq), 256, "byte counts")
	if r.err == nil {
		for b, f := range freq {
			ix.freq[b] = int(min(f, math.MaxInt32))
		}
	}
	ix.vals = r.strs(-1, "facet values")
	for _, l := range []*[]int32{&ix.day, &ix.room, &ix.track, &ix.typ, &ix.level} {
		*l = r.i32s()
		r.length(len(*l), n, "facets")
		r.ids(*l, 0, len(ix.vals), "facets")
	}
	ix.spkStart, ix.spkIdx = r.i32s(), r.i32s()
	r.length(len(ix.spkStart), n+1, "speaker lists")
	ix.titleRank = r.i32s()
	r.length(len(ix.titleRank), n, "title order")
	ix.spkFold = r.strs(-1, "speaker names")
	r.ids(ix.spkIdx, 0, len(ix.spkFold), "speakers")
	if r.err == nil {
		r.ids(ix.spkStart[:1], 0, 1, "speaker lists")
		for i := range n {
			if ix.spkStart[i+1] < ix.spkStart[i] {
				r.fail(errors.New("search snapshot: speaker lists out of order"))
				break
			}
		}
		r.ids(ix.spkStart[n:], 0, len(ix.spkIdx)+1, "speaker lists")
	}
	tok := &tokenIndex{complete: true}
	tok.vocab = r.str()
	tok.start, tok.pstart, tok.post = r.i32s(), r.i32s(), r.i32s()
	r.checkTokens(tok, n)

	ids := r.col(n, "ids")
	titles := r.col(n, "titles")
	cells := r.col(4*n, "cells")
	flags := r.str()
	r.length(len(flags), n, "flags")
	times, ratings := r.u64s(), r.u64s()
	r.length(len(times), 4*n, "times")
	r.length(len(ratings), 2*n, "ratings")
	var looks []int32
	var lookVals []string
	if r.err == nil && (n > 0 && flags[0]&snapLooks != 0 || n == 0 && r.off < len(r.b)) {
		lookVals = r.strs(-1, "tracks and levels")
		looks = r.i32s()
		r.length(len(looks), 2*n, "tracks and levels")
		r.ids(looks, 0, len(lookVals), "tracks and levels")
	}
	if n == 0 {
		looks = []int32{}
	}
	if r.err != nil {
		return nil, r.err
	}
	for i := range n {
		if times[4*i+1] >= 1e9 || times[4*i+3] >= 1e9 {
			return nil, errors.New("search snapshot: bad nanoseconds")
		}
	}
	ix.titleOnce.Do(func() {})
	ix.valID = make(map[string]int32, len(ix.vals))
	for id, v := range ix.vals {
		if _, ok := ix.valID[v]; !ok {
			ix.valID[v] = int32(id)
		}
	}
	ix.tok.Store(tok)
	// No long column: the word index answers every term Covers allows.
	ix.lmask = make([]uint64, n)
	ix.long.off = make([]uint32, n+1)

	return &Snapshot{ix: ix, cells: cells, ids: ids, titles: titles, flags: flags, times: times, ratings: ratings, looks: looks, lookVals: lookVals}, nil
}

// sessions makes the snapshot's sessions, once.
func (sn *Snapshot) sessions() {
	sn.once.Do(func() {
		ix, c := sn.ix, sn.ix.c
		n := len(ix.day)
		loc := c.Location()
		c.Sessions = make([]data.Session, n)
		bigmem.Hint(c.Sessions) // 40 MB at 100,000 sessions, filled at once
		rs := make([]data.Rating, n)
		parallel.For(n, func(i int) {
			s := &c.Sessions[i]
			s.ID, s.Title, s.Date, s.Room = sn.ids.at(i), sn.titles.at(i), ix.vals[ix.day[i]], sn.cells.at(4*i+3)
			if sn.flags[i]&snapScheduled != 0 {
				t := sn.times[4*i : 4*i+4]
				s.Start = time.Unix(int64(t[0]), int64(t[1])).In(loc)
				s.End = time.Unix(int64(t[2]), int64(t[3])).In(loc)
			}
			if sn.flags[i]&snapRated != 0 {
				rs[i] = data.Rating{Average: math.Float64frombits(sn.ratings[2*i]), Count: int(min(sn.ratings[2*i+1], math.MaxInt32))}
				s.Rating = &rs[i]
			}
		})
	})
}

func (r *snapReader) runeMapFits(off int32, size, total int) {
	if r.err == nil && off != -1 && (off < 0 || int(off)+size > total) {
		r.fail(errors.New("search snapshot: a rune map is out of range"))
	}
}

// checkTokens checks the shape of the word index: the vocabulary ends
// with a 0 byte and starts at 0, and the posting lists cover the postings.
// What costs in proportion to its size (words in order, postings in range:
// 7 million numbers at 100,000 sessions) is checked on first use instead
// (checkTokenOrder), or ahead of it by CheckWordIndex.
func (r *snapReader) checkTokens(t *tokenIndex, n int) {
	if r.err != nil {
		return
	}
	if len(t.vocab) > 0 && t.vocab[len(t.vocab)-1] != 0 || len(t.start) > 0 && t.start[0] != 0 {
		r.fail(errors.New("search snapshot: the word index's vocabulary is damaged"))
		return
	}
	r.length(len(t.pstart), len(t.start)+1, "word index")
	if r.err != nil {
		return
	}
	if t.pstart[0] != 0 || int(t.pstart[len(t.start)]) != len(t.post) {
		r.fail(errors.New("search snapshot: the word index's postings are damaged"))
		return
	}
	t.verify = sync.OnceValue(func() bool { return checkTokenOrder(t, n) == nil })
}

// checkTokenOrder checks the rest of a snapshot's word index: words in
// order inside the vocabulary, posting lists in order, postings naming
// sessions. An index that fails is not used (usable): a search then
// finds no words in abstracts from it, and Covers sends searches with
// words to the whole conference.
func checkTokenOrder(t *tokenIndex, n int) error {
	for k := 1; k < len(t.start); k++ {
		if t.start[k] <= t.start[k-1] || int(t.start[k]) >= len(t.vocab) {
			return errors.New("search snapshot: the word index's words are out of order")
		}
	}
	for k := 1; k < len(t.pstart); k++ {
		if t.pstart[k] < t.pstart[k-1] {
			return errors.New("search snapshot: the word index's postings are out of order")
		}
	}
	r := &snapReader{}
	r.ids(t.post, 0, n, "word index")
	return r.err
}

// Index returns the snapshot's index: Run on it gives the hits a full
// index of the conference gives, for a query Covers.
func (sn *Snapshot) Index() *Index {
	sn.sessions()
	return sn.ix
}

// Conference returns the snapshot's conference (see Snapshot for what it
// holds).
func (sn *Snapshot) Conference() *data.Conference {
	sn.sessions()
	return sn.ix.c
}

// Covers reports whether the snapshot answers q exactly. It holds no text
// of abstracts and descriptions, only their words, so a search term with a
// character that is not a letter or digit ("c++", "open source") needs the
// full conference.
func (sn *Snapshot) Covers(q data.Query) bool {
	for _, g := range Parse(q.Text).Groups {
		for _, t := range g {
			if t.Field.filter() {
				continue
			}
			if !sn.CheckWordIndex() {
				return false
			}
			for k := 0; k < len(t.Text); k++ {
				if !isWordByte(t.Text[k]) {
					return false
				}
			}
		}
	}
	return true
}

// CheckWordIndex checks the word index of abstracts now rather than at
// the first search with words, and reports whether it is usable. A
// program that owns the snapshot's bytes (a copy out of the store) may run
// it on another core while it does other things; one that reads the
// snapshot in place must call it inside the transaction, as everything
// else.
func (sn *Snapshot) CheckWordIndex() bool { return sn.ix.tok.Load().usable() }

// HasLooks reports whether the snapshot holds each session's track and
// level (FillLooks): snapshots written before them do not.
func (sn *Snapshot) HasLooks() bool { return sn.looks != nil }

// FillLooks gives the snapshot's sessions (Conference) their track and
// level as written, which a list row shows. It reports false, and changes
// nothing, for a snapshot written before it held them.
func (sn *Snapshot) FillLooks() bool {
	if sn.looks == nil {
		return false
	}
	sn.sessions()
	ss := sn.ix.c.Sessions
	for i := range ss {
		ss[i].Track, ss[i].Level = sn.lookVals[sn.looks[2*i]], sn.lookVals[sn.looks[2*i+1]]
	}
	return true
}

// Cells returns the CLI's cells for one of the snapshot's sessions: its
// short day, time range, speaker names and room.
func (sn *Snapshot) Cells(s *data.Session) (day, when, speakers, room string) {
	ss := sn.ix.c.Sessions
	if len(ss) == 0 || s == nil {
		return "", "", "", ""
	}
	d := uintptr(unsafe.Pointer(s)) - uintptr(unsafe.Pointer(&ss[0]))
	size := unsafe.Sizeof(ss[0])
	i := int(d / size)
	if d%size != 0 || d/size >= uintptr(len(ss)) {
		return "", "", "", ""
	}
	return sn.cells.at(4 * i), sn.cells.at(4*i + 1), sn.cells.at(4*i + 2), sn.cells.at(4*i + 3)
}

// Positions returns, for the sessions of ids that the snapshot has, their
// places in programme order (the store's key order), and the places in
// schedule order of their speakers, each list ascending and without
// repeats. Unknown ids are skipped.
func (sn *Snapshot) Positions(ids []string) (sessions, speakers []int) {
	if len(ids) == 0 {
		return nil, nil
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	ix := sn.ix
	seen := map[int32]bool{}
	for i := range len(ix.day) {
		if !want[sn.ids.at(i)] {
			continue
		}
		sessions = append(sessions, i)
		for _, k := range ix.spkIdx[ix.spkStart[i]:ix.spkStart[i+1]] {
			if !seen[k] {
				seen[k] = true
				speakers = append(speakers, int(k))
			}
		}
	}
	slices.Sort(speakers)
	return sessions, speakers
}
