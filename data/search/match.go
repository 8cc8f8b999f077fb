package search

import (
	"strings"
)

// qterm is a Term compiled against an index.
type qterm struct {
	Term
	mask  uint64
	rare  int // offset of the term's rarest byte in the indexed text
	short bool
	fuzzy bool
	// From the word index of abstracts and descriptions: long has the
	// sessions where the term occurs (at a word start, for a short term),
	// longWord those where it is a whole word. nil: read the text.
	long, longWord []uint64
	// Facet terms: by value id, whether the value matches.
	vals []bool
}

// hl says where a term's best match is, for highlighting.
type hl struct {
	field int8 // hlNone, hlTitle, hlSpeaker
	fuzzy bool
	at    int32 // a substring's byte offset in the folded field
}

const (
	hlNone int8 = iota
	hlTitle
	hlSpeaker
)

// match ranks session i against every group of the query; all must match.
// The matched title positions (folded byte offsets) are appended to p.pos,
// the speaker positions are left in p.spos.
func (ix *Index) match(i int, sc *scan, p *part) (r Rank, ok bool) {
	start := len(p.pos)
	p.spos = p.spos[:0]
	long := longText{buf: &p.fold}
	for _, g := range sc.groups {
		var best termRank
		var bestT *qterm
		var bestH hl
		found, neutral := false, false
		for k := range g {
			t := &g[k]
			switch {
			case t.Field.filter():
				neutral = neutral || ix.facetHas(i, t) != t.Not
			case t.Not:
				if _, _, hit := ix.matchTerm(i, t, sc.notes, &long, false); !hit {
					neutral = true
				}
			default:
				if tr, h, hit := ix.matchTerm(i, t, sc.notes, &long, true); hit && (!found || tr.better(best)) {
					best, bestT, bestH, found = tr, t, h, true
				}
			}
		}
		if !found && !neutral {
			p.pos = p.pos[:start]
			return Rank{}, false
		}
		if found {
			r.add(best)
			ix.mark(i, bestT, bestH, p)
		}
	}
	return r, true
}

// mark records the highlighted positions of a term's match.
func (ix *Index) mark(i int, t *qterm, h hl, p *part) {
	var f string
	var pos *[]int32
	switch h.field {
	case hlTitle:
		f, pos = ix.title.at(i), &p.pos
	case hlSpeaker:
		f, pos = ix.speakers.at(i), &p.spos
	default:
		return
	}
	if h.fuzzy {
		fuzzy(f, t.Text, pos)
		return
	}
	for k := range int32(len(t.Text)) {
		*pos = append(*pos, h.at+k)
	}
}

// matchTerm finds the best match of a text term (not a facet) in session
// i, as rank.go orders them; withFuzzy false leaves out tier 5.
func (ix *Index) matchTerm(i int, t *qterm, notes map[int32]string, long *longText, withFuzzy bool) (best termRank, h hl, ok bool) {
	consider := func(tr termRank, hh hl) {
		if !ok || tr.better(best) {
			best, h, ok = tr, hh, true
		}
	}
	anyField := t.Field == FieldAny
	if (anyField || t.Field == FieldTitle) && ix.tmask[i]&t.mask == t.mask {
		if at, tier := shortMatch(ix.title.at(i), ix.tstart[i], t, ""); tier > 0 {
			consider(termRank{tier, rankTitle, 0}, hl{hlTitle, false, int32(at)})
			if tier == tierWord {
				return best, h, ok
			}
		}
	}
	if (anyField || t.Field == FieldSpeaker) && ix.smask[i]&t.mask == t.mask {
		if at, tier := shortMatch(ix.speakers.at(i), ix.sstart[i], t, ", "); tier > 0 {
			consider(termRank{tier, rankSpeaker, 0}, hl{hlSpeaker, false, int32(at)})
		}
	}
	if anyField && (!ok || best.tier > tierWord) && ix.mmask[i]&t.mask == t.mask {
		meta := ix.meta.at(i)
		if at, tier := shortMatch(meta, ix.mstart[i], t, "\x00"); tier > 0 {
			consider(termRank{tier, metaRank(meta, at), 0}, hl{})
		}
	}
	if anyField && !t.Prefix && !t.Suffix && (!ok || best.tier > tierLong) {
		if tier := ix.longMatch(i, t, long); tier > 0 {
			consider(termRank{tier, rankLong, 0}, hl{})
		}
		if note, has := notes[int32(i)]; has && (!ok || best.tier > tierLong) {
			if _, class := bestOccurrence(note, t.Text, allStarts); class > 0 {
				if tier := longTier(class, t.short); tier > 0 {
					consider(termRank{tier, rankNote, 0}, hl{})
				}
			}
		}
	}
	if ok || !withFuzzy || !t.fuzzy {
		return best, h, ok
	}
	if (anyField || t.Field == FieldTitle) && ix.tmask[i]&t.mask == t.mask {
		if gaps, _, hit := fuzzy(ix.title.at(i), t.Text, nil); hit {
			return termRank{tierFuzzy, rankTitle, gaps}, hl{hlTitle, true, 0}, true
		}
	}
	if (anyField || t.Field == FieldSpeaker) && ix.smask[i]&t.mask == t.mask {
		if gaps, _, hit := fuzzy(ix.speakers.at(i), t.Text, nil); hit {
			return termRank{tierFuzzy, rankSpeaker, gaps}, hl{hlSpeaker, true, 0}, true
		}
	}
	return best, h, false
}

// metaRank is the field rank of a match at byte at of the meta column:
// track and room come first in it.
func metaRank(meta string, at int) int {
	if strings.Count(meta[:at], "\x00") < 2 {
		return rankPlace
	}
	return rankMeta
}

// longMatch is the tier of the term in session i's abstract and
// description (0: none).
func (ix *Index) longMatch(i int, t *qterm, long *longText) int {
	switch {
	case t.long != nil:
		if t.longWord[i>>6]&(1<<(i&63)) != 0 {
			return tierLong
		}
		if t.long[i>>6]&(1<<(i&63)) != 0 {
			return tierInside
		}
		return 0
	case ix.lazyLong:
		return longTier(long.class(&ix.c.Sessions[i], t.Text), t.short)
	case ix.lmask[i]&t.mask == t.mask:
		f := ix.long.at(i)
		if !containsRare(f, t.Text, t.rare) {
			return 0
		}
		_, class := bestOccurrence(f, t.Text, allStarts)
		return longTier(class, t.short)
	}
	return 0
}

// facetHas reports whether session i's facet value matches a facet term.
func (ix *Index) facetHas(i int, t *qterm) bool {
	var id int32
	switch t.Field {
	case FieldTrack:
		id = ix.track[i]
	case FieldRoom:
		id = ix.room[i]
	case FieldType:
		id = ix.typ[i]
	case FieldDay:
		id = ix.day[i]
	}
	return int(id) < len(t.vals) && t.vals[id]
}

// shortMatch finds a term in a title, speaker or meta field (whose parts
// are joined by sep) and returns where and its tier (0: none).
func shortMatch(f string, starts uint64, t *qterm, sep string) (at, tier int) {
	var class int
	switch {
	case t.Prefix || t.Suffix:
		at, class = anchoredOccurrence(f, t.Text, t.Prefix, t.Suffix, sep)
	case t.short && starts&byteBit[t.Text[0]] == 0:
		return -1, 0
	default:
		at, class = bestOccurrence(f, t.Text, starts)
	}
	return at, shortTier(class, t.short)
}

// allStarts is a starts mask that rules nothing out.
const allStarts = ^uint64(0)

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// bestOccurrence finds w in f, preferring a whole word (class 3), then a
// word prefix (2), then any place (1); 0 = absent (and for an empty w). Of
// the occurrences of the best class it returns the first. starts is the
// mask of the bytes that start a word in f.
func bestOccurrence(f, w string, starts uint64) (at, class int) {
	at = strings.Index(f, w)
	if at < 0 || w == "" {
		return -1, 0
	}
	class = occurrenceClass(f, w, at)
	if class == 3 || starts&byteBit[w[0]] == 0 {
		return at, class
	}
	// Look for a better occurrence: only one at a word start can be.
	for p := at + 1; p <= len(f)-len(w); p++ {
		k := strings.Index(f[p:], w)
		if k < 0 {
			break
		}
		p += k
		if isWordByte(f[p-1]) {
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

// anchoredOccurrence finds w at the start (prefix), the end (suffix) or as
// the whole (both) of one of f's parts, which are joined by sep ("": f is
// one part). It returns the first occurrence of the best class.
func anchoredOccurrence(f, w string, prefix, suffix bool, sep string) (at, class int) {
	at = -1
	for s := 0; ; {
		e := len(f)
		if sep != "" {
			if k := strings.Index(f[s:], sep); k >= 0 {
				e = s + k
			}
		}
		part, p := f[s:e], -1
		switch {
		case prefix && suffix:
			if part == w {
				p = s
			}
		case prefix:
			if strings.HasPrefix(part, w) {
				p = s
			}
		default:
			if strings.HasSuffix(part, w) {
				p = e - len(w)
			}
		}
		if p >= 0 {
			if c := occurrenceClass(f, w, p); c > class {
				at, class = p, c
				if c == 3 {
					break
				}
			}
		}
		if e == len(f) {
			break
		}
		s = e + len(sep)
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

// fuzzy finds the runes of w in order in f, in the window that skips the
// fewest bytes (the earliest such window). It returns the bytes skipped
// and how many matched runes start a word, and appends the matched byte
// offsets to pos (unless pos is nil).
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
			if pos != nil {
				for k := range n {
					*pos = append(*pos, int32(i+k))
				}
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
