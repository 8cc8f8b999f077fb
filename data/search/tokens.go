package search

import (
	"slices"
	"strings"
	"sync"
)

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
	// complete: there is no text to scan instead (a snapshot), so every
	// word made of word bytes is answered from the index, however common.
	complete bool
	// verify, for a snapshot's index, checks it once (checkTokenOrder);
	// nil for an index built here.
	verify func() bool
}

// usable reports whether the index may be read: one built here always, a
// snapshot's once it has passed its check.
func (t *tokenIndex) usable() bool { return t != nil && (t.verify == nil || t.verify()) }

// tokenMinPart is the fewest sessions worth a core of their own when the
// word index is built.
const tokenMinPart = 4096

// buildTokensOn indexes the words of sessions 0 … n-1 on up to workers
// cores, each reading its run of sessions with its own reader (newAt(w)
// for worker w; a reader's text is only read until its next call). The
// index is the one a single pass gives, to the byte: each run lists its
// words in the order they first appear, and the runs are joined in
// session order.
func buildTokensOn(n, workers int, newAt func(w int) func(i int) string) *tokenIndex {
	workers = max(1, min(workers, n/tokenMinPart))
	runs := make([]tokenRun, workers)
	var wg sync.WaitGroup
	for w := range runs {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { runs[w].scan(lo, hi, newAt(w)) })
	}
	wg.Wait()

	// The first run's words keep their numbers; each later run's new
	// words come after, in the order it met them.
	t := &tokenIndex{}
	first := &runs[0]
	t.vocab, t.start = first.vocab.String(), first.start
	ids := first.ids
	var vocab strings.Builder
	vocab.WriteString(t.vocab)
	for k := 1; k < len(runs); k++ {
		r := &runs[k]
		r.global = make([]int32, len(r.start))
		words := r.vocab.String()
		for local, from := range r.start {
			word := words[from : int(from)+strings.IndexByte(words[from:], 0)]
			id, ok := ids[word]
			if !ok {
				id = int32(len(t.start))
				t.start = append(t.start, int32(vocab.Len()))
				vocab.WriteString(word)
				vocab.WriteByte(0)
				ids[word] = id
			}
			r.global[local] = id
		}
	}
	if len(runs) > 1 {
		t.vocab = vocab.String()
	}

	count := make([]int32, len(t.start))
	for k := range runs {
		runs[k].each(func(_ int, id int32) { count[id]++ })
	}
	t.pstart = make([]int32, len(t.start)+1)
	for id, c := range count {
		t.pstart[id+1] = t.pstart[id] + c
	}
	t.post = make([]int32, t.pstart[len(t.start)])
	fill := slices.Clone(t.pstart[:len(t.start)])
	for k := range runs {
		runs[k].each(func(i int, id int32) {
			t.post[fill[id]] = int32(i)
			fill[id]++
		})
	}
	return t
}

// A tokenRun is the words of one run of sessions, numbered in the order
// the run first met them.
type tokenRun struct {
	lo     int
	ids    map[string]int32
	vocab  strings.Builder // every word followed by a 0 byte
	start  []int32         // where each word starts in vocab
	global []int32         // per word: its number in the whole index (runs after the first)
	// pairs: per session, its distinct words, in blocks of at most
	// pairBlock (tens of millions at 100,000 sessions: one list grown a
	// step at a time was copied over and over and held twice at the end).
	pairs pairList
	ends  []int32 // per session of the run: where its words end in pairs
}

// scan reads the words of sessions lo … hi-1.
func (r *tokenRun) scan(lo, hi int, at func(i int) string) {
	r.lo, r.ids, r.ends = lo, map[string]int32{}, make([]int32, hi-lo)
	var last []int32 // per word: the last session that used it, plus one
	for i := lo; i < hi; i++ {
		l := at(i)
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
			id, ok := r.ids[word]
			if !ok {
				id = int32(len(r.start))
				from := r.vocab.Len()
				r.start = append(r.start, int32(from))
				r.vocab.WriteString(word)
				r.vocab.WriteByte(0)
				// The key is the vocabulary's copy: at's text is reused.
				r.ids[r.vocab.String()[from:from+len(word)]] = id
				last = append(last, 0)
			}
			if last[id] != int32(i+1) {
				last[id] = int32(i + 1)
				r.pairs.add(id)
			}
		}
		r.ends[i-lo] = int32(r.pairs.len())
	}
}

// each calls fn with each session of the run and the number in the whole
// index of each of its words, in session order.
func (r *tokenRun) each(fn func(i int, id int32)) {
	s := 0        // the session, from the run's first
	k := int32(0) // the index of the pair
	for _, b := range append(r.pairs.full, r.pairs.cur) {
		for _, id := range b {
			for k >= r.ends[s] {
				s++
			}
			if r.global != nil {
				id = r.global[id]
			}
			fn(r.lo+s, id)
			k++
		}
	}
}

// pairBlock is the length of a full block of a pairList.
const pairBlock = 1 << 20

// A pairList is a list of int32 kept in blocks, never copied as it grows
// past pairBlock.
type pairList struct {
	full [][]int32 // blocks of pairBlock each
	cur  []int32
}

func (p *pairList) add(v int32) {
	if len(p.cur) == pairBlock {
		p.full = append(p.full, p.cur)
		p.cur = make([]int32, 0, pairBlock)
	}
	p.cur = append(p.cur, v)
}

func (p *pairList) len() int { return len(p.full)*pairBlock + len(p.cur) }

// sessionsWith returns bitsets of the sessions whose long fields contain
// w (only at the start of a word when startsOnly) and of those where w is a
// whole word, or nils when w is not made of word bytes or is so common that
// scanning is cheaper. (Ranking wants the best occurrence, whole word
// first, so a scan often reads a whole abstract: the budget is generous.)
func (t *tokenIndex) sessionsWith(w string, n int, startsOnly bool) (has, word []uint64) {
	for k := 0; k < len(w); k++ {
		if !isWordByte(w[k]) {
			return nil, nil
		}
	}
	if len(t.start) == 0 || w == "" {
		if t.complete {
			return make([]uint64, (n+63)/64), make([]uint64, (n+63)/64)
		}
		return nil, nil
	}
	budget := 8*n + 1024
	var words []int32
	whole := int32(-1)
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
		// The first occurrence in a word is at its start if any is.
		if !startsOnly || found {
			words = append(words, int32(id))
			sum += int(t.pstart[id+1] - t.pstart[id])
			if sum > budget && !t.complete {
				return nil, nil
			}
			if found && t.vocab[int(p)+len(w)] == 0 {
				whole = int32(id)
			}
		}
		if id+1 < len(t.start) {
			off = int(t.start[id+1])
		} else {
			off = len(t.vocab)
		}
	}
	has = make([]uint64, (n+63)/64)
	word = make([]uint64, (n+63)/64)
	for _, id := range words {
		for _, i := range t.post[t.pstart[id]:t.pstart[id+1]] {
			has[i>>6] |= 1 << (i & 63)
			if id == whole {
				word[i>>6] |= 1 << (i & 63)
			}
		}
	}
	return has, word
}
