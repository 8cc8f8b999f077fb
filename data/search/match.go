package search

import (
	"strings"
)

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
