package text

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes what people do not type: accents ("Müller" →
// "muller"), "ß" → "ss", ligatures and compatibility forms ("ﬁ" → "fi",
// full-width "Ａ" → "a"), and curly quotes and dashes turn straight. Chinese,
// Japanese and Korean text is left as it is.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	return string(AppendFold(make([]byte, 0, len(s)), s, nil))
}

// AppendFold appends the folded form of s to dst. When runes is not nil, it
// also appends, for every byte written, the index of the rune of s it came
// from, so that a match in folded text can be shown on the original.
func AppendFold(dst []byte, s string, runes *[]int32) []byte {
	ri := int32(0)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// A run of ASCII: copy it lower-cased, eight bytes at a time.
			j := i + 1
			for j+8 <= len(s) && load64(s[j:j+8])&hiBits == 0 {
				j += 8
			}
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			start := len(dst)
			dst = slices.Grow(dst, j-i)[:start+j-i]
			lowerASCII(dst[start:], s[i:j])
			if runes != nil {
				for range j - i {
					*runes = append(*runes, ri)
					ri++
				}
			} else {
				ri += int32(j - i)
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f := foldRune(r)
		dst = append(dst, f...)
		if runes != nil {
			for range len(f) {
				*runes = append(*runes, ri)
			}
		}
		i += size
		ri++
	}
	return dst
}

var foldCache sync.Map // rune → string, beyond foldTable

// foldTable holds the folds of Latin-1, Latin Extended-A and -B and general
// punctuation, the runes schedules are full of. It is built on first use,
// not at start-up: a command that folds only ASCII never pays for it.
var foldTable = sync.OnceValue(func() *[2][0x250 - 0x80]string {
	var t [2][0x250 - 0x80]string
	for k := range t[0] {
		t[0][k] = foldRuneSlow(rune(0x80 + k))
	}
	for k := range 0x70 {
		t[1][k] = foldRuneSlow(rune(0x2000 + k))
	}
	return &t
})

// foldRune folds one non-ASCII rune.
func foldRune(r rune) string {
	switch {
	case r < 0x250:
		return foldTable()[0][r-0x80]
	case r >= 0x2000 && r < 0x2070:
		return foldTable()[1][r-0x2000]
	}
	if v, ok := foldCache.Load(r); ok {
		return v.(string)
	}
	f := foldRuneSlow(r)
	foldCache.Store(r, f)
	return f
}

func foldRuneSlow(r rune) string {
	if rep, ok := foldSpecial[r]; ok {
		return rep
	}
	if r == utf8.RuneError || isCJK(r) {
		return string(r)
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if isDiacritic(d) {
			continue
		}
		if rep, ok := foldSpecial[d]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
	return b.String()
}

// isDiacritic reports the combining marks that accents decompose into. Marks
// of other scripts (Devanagari vowel signs, kana voicing marks) carry meaning
// and stay.
func isDiacritic(r rune) bool {
	return (r >= 0x0300 && r <= 0x036f) || (r >= 0x1ab0 && r <= 0x1aff) ||
		(r >= 0x1dc0 && r <= 0x1dff) || (r >= 0x20d0 && r <= 0x20ff) || (r >= 0xfe20 && r <= 0xfe2f)
}

// isCJK reports Han, kana, Hangul and their compatibility blocks, which fold
// to themselves (decomposing Hangul syllables or kana would change them).
func isCJK(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x11ff, // Hangul jamo
		r >= 0x2e80 && r <= 0x2fdf,                // radicals
		r >= 0x3000 && r <= 0x303f && r != 0x3000, // CJK punctuation (ideographic space folds)
		r >= 0x3040 && r <= 0x31ff,                // kana, bopomofo, compatibility jamo
		r >= 0x3200 && r <= 0x9fff,                // enclosed, compatibility, Han
		r >= 0xa960 && r <= 0xa97f,
		r >= 0xac00 && r <= 0xd7ff, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // compatibility ideographs
		r >= 0xff61 && r <= 0xffdc, // half-width kana and Hangul
		r >= 0x20000 && r <= 0x3ffff:
		return true
	}
	return false
}

var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
	'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŋ': "ng", 'Ŋ': "ng", 'ĸ': "k", 'ſ': "s", 'ς': "σ",
	'‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '´': "'",
	'“': "\"", '”': "\"", '„': "\"", '‟': "\"", '″': "\"",
	'«': "\"", '»': "\"", '‹': "'", '›': "'",
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-", '﹘': "-",
	'\u00a0': " ", '\u2007': " ", '\u202f': " ", '\u3000': " ",
	'\u00ad': "", '\u200b': "", '\u200c': "", '\u200d': "", '\u2060': "", '\ufeff': "",
}

const (
	ones   = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// load64 reads eight bytes of s, little-endian (the compiler makes this one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lowerASCII copies ASCII src into out (as long) with A–Z lower-cased.
func lowerASCII(out []byte, src string) {
	k := 0
	for ; k+8 <= len(src); k += 8 {
		x := load64(src[k : k+8])
		// For bytes below 0x80: the high bit of a is set where the byte is
		// >= 'A', that of z where it is > 'Z'; upper marks A–Z.
		a := x + ones*(0x80-'A')
		z := x + ones*(0x80-'Z'-1)
		upper := a &^ z & hiBits
		binary.LittleEndian.PutUint64(out[k:k+8], x|upper>>2)
	}
	for ; k < len(src); k++ {
		c := src[k]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		out[k] = c
	}
}

// IsASCII reports whether s is plain ASCII, eight bytes at a time.
func IsASCII(s string) bool {
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

// HasPrefixFoldASCII reports whether s starts with the lower-case ASCII
// prefix p, ignoring the ASCII case of s.
func HasPrefixFoldASCII(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}
