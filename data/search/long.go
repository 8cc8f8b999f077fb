package search

import (
	"bytes"
	"strings"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// longText searches a session's abstract and description as NewOneShot
// leaves them: plain ASCII text is searched as it is, other text is folded
// once, on the first word that needs it.
type longText struct {
	done, ascii bool
	buf         *[]byte // the folded text, in a buffer the scan reuses
}

func (l *longText) contains(s *data.Session, w string) bool {
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
		return asciiContainsFold(s.Abstract, w) || asciiContainsFold(s.Description, w)
	}
	return bytes.Contains(*l.buf, []byte(w))
}

// asciiContainsFold reports whether ASCII text hay, lower-cased, contains w.
func asciiContainsFold(hay, w string) bool {
	if w == "" {
		return true
	}
	if !text.IsASCII(w) || len(w) > len(hay) {
		return false
	}
	// Look for the first byte in either case, then compare the rest folded.
	lo := w[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	last := len(hay) - len(w)
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
			return false
		}
		if text.HasPrefixFoldASCII(hay[j+1:], w[1:]) {
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
