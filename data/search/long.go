package search

import (
	"strings"
	"unsafe"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// longText searches a session's abstract and description as NewOneShot
// leaves them: plain ASCII text is searched as it is, other text is folded
// once, on the first term that needs it.
type longText struct {
	done, ascii bool
	buf         *[]byte // the folded text, in a buffer the scan reuses
}

// class is the best class of w's occurrences in the session's abstract
// and description: 3 a whole word, 2 the start of a word, 1 inside one, 0
// none (see bestOccurrence).
func (l *longText) class(s *data.Session, w string) int {
	if !l.done {
		l.done = true
		l.ascii = text.IsASCII(s.Abstract) && text.IsASCII(s.Description)
		if !l.ascii {
			b := text.AppendFold((*l.buf)[:0], s.Abstract, nil)
			b = append(b, 0)
			*l.buf = text.AppendFold(b, s.Description, nil)
		}
	}
	if l.ascii {
		c := asciiClassFold(s.Abstract, w)
		if c < 3 {
			c = max(c, asciiClassFold(s.Description, w))
		}
		return c
	}
	if len(*l.buf) == 0 {
		return 0
	}
	// The buffer is not written while the string is in use.
	_, c := bestOccurrence(unsafe.String(&(*l.buf)[0], len(*l.buf)), w, allStarts)
	return c
}

// asciiClassFold is bestOccurrence's class of w in ASCII text hay
// lower-cased, without lower-casing it.
func asciiClassFold(hay, w string) int {
	if w == "" || !text.IsASCII(w) || len(w) > len(hay) {
		return 0
	}
	// Look for the first byte in either case, then compare the rest folded.
	lo := w[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	last := len(hay) - len(w)
	class := 0
	nl, nu := -2, -2 // next position of lo / up at or after i; -1 = none
	for i := 0; i <= last; {
		if nl != -1 && nl < i {
			nl = indexFrom(hay[:last+1], lo, i)
		}
		if up != lo && nu != -1 && nu < i {
			nu = indexFrom(hay[:last+1], up, i)
		}
		j := nl
		if up != lo && nu >= 0 && (j < 0 || nu < j) {
			j = nu
		}
		if j < 0 {
			break
		}
		if text.HasPrefixFoldASCII(hay[j+1:], w[1:]) {
			c := 3
			if j > 0 && asciiWordByte(hay[j-1]) {
				c = 1
			} else if e := j + len(w); e < len(hay) && asciiWordByte(hay[e]) {
				c = 2
			}
			if c == 3 {
				return 3
			}
			class = max(class, c)
		}
		i = j + 1
	}
	return class
}

// asciiWordByte is isWordByte for ASCII text before lower-casing.
func asciiWordByte(b byte) bool {
	return isWordByte(b) || b >= 'A' && b <= 'Z'
}

func indexFrom(s string, c byte, from int) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return -1
}
