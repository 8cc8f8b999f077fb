package search

import (
	"math"
	"slices"
	"sync"

	"github.com/lineup-tui/lineup/data"
)

// sortRecs orders the hits; they arrive in programme order, and the sort
// is stable, so ties keep programme order.
func (ix *Index) sortRecs(recs []hitRec, by data.Sort, mine map[string]data.Personal) {
	if by == data.SortTime || len(recs) < 2 {
		return
	}
	if by == data.SortTitle {
		ix.rankTitles()
	}
	sb := sortPool.Get().(*sortBuf)
	defer sortPool.Put(sb)
	keys := grow(sb.keys, len(recs))
	for p, r := range recs {
		var k uint32
		switch by {
		case data.SortRelevance:
			k = uint32(math.MaxInt32 - r.score)
		case data.SortTitle:
			k = uint32(ix.titleRank[r.idx])
		case data.SortRating:
			k = ix.ratingKey(r.idx, mine)
		}
		keys[p] = uint64(k)<<32 | uint64(p)
	}
	if len(keys) < 1<<12 {
		// The low half is the position, so every key differs and a plain
		// sort is the stable one; it spares a few hits the radix sort's
		// 512 KiB of counters.
		slices.Sort(keys)
	} else {
		sb.tmp = grow(sb.tmp, len(recs))
		radixSortHigh(keys, sb.tmp)
	}
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
func (ix *Index) ratingKey(i int32, mine map[string]data.Personal) uint32 {
	s := &ix.c.Sessions[i]
	var my int
	if mine != nil {
		my = mine[s.ID].Rating
	}
	avg, n := data.CombinedRating(s.Rating, s.Others, my)
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
		h.Tier = int(r.tier)
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
