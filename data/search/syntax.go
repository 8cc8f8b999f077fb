package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data/text"
)

// The search text is read with fzf's extended syntax, which terminal users
// already know, plus field prefixes:
//
//	kube lat          every word must match (AND)
//	rust | go         either (OR binds the words on each side of the bar)
//	!java             no session where java matches (without fuzzy)
//	'kube             kube as typed: no fuzzy match
//	^kube  lat$       a field (title, a speaker's name, track, room, type,
//	                  subtitle or company) starts with kube / ends with lat
//	speaker:lars      only in that field; likewise title:
//	track:rust        the track named Rust; with no track of exactly that
//	                  name, the tracks with a word starting with it (also room:,
//	                  type:)
//	day:sat           the days --day accepts: a date (or its start, 2026-02),
//	                  a day number, a weekday or its first letters, or a
//	                  word of a day label; several matching days all count
//	"open source"     double quotes (or a backslash before a space) keep
//	                  words together; a backslash makes the next character
//	                  plain text
//
// Markers go in the order ![field:]['][^]text[$]. An unknown field name
// ("http:") is plain text. A term left empty ("title:" while typing) is
// ignored.

// Field is the part of a session a term looks in.
type Field uint8

// The fields a term can name.
const (
	FieldAny Field = iota
	FieldTitle
	FieldSpeaker
	FieldTrack
	FieldRoom
	FieldType
	FieldDay
)

var fieldNames = [...]string{FieldAny: "", FieldTitle: "title", FieldSpeaker: "speaker", FieldTrack: "track", FieldRoom: "room", FieldType: "type", FieldDay: "day"}

func (f Field) String() string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return "?"
}

// fieldByName maps a prefix to its field; "speakers" is accepted too.
func fieldByName(name string) (Field, bool) {
	name = strings.ToLower(name)
	if name == "speakers" {
		return FieldSpeaker, true
	}
	for f, n := range fieldNames {
		if n != "" && n == name {
			return Field(f), true
		}
	}
	return FieldAny, false
}

// filter reports whether the field selects sessions by a facet value
// instead of matching text (it does not rank).
func (f Field) filter() bool { return f >= FieldTrack }

// Term is one word (or quoted phrase) of the search text.
type Term struct {
	Field Field
	// Text is folded (text.Fold), with runs of spaces made one; never empty.
	Text   string
	Not    bool // !: the session must not match
	Exact  bool // ': no fuzzy match
	Prefix bool // ^: at the start of a field
	Suffix bool // $: at the end of a field
}

// Parsed is search text read into terms: every group must match, and a
// group matches when one of its terms does.
type Parsed struct {
	Groups [][]Term
}

// Empty reports whether the text held no term.
func (p Parsed) Empty() bool { return len(p.Groups) == 0 }

// Parse reads search text. It never fails: what is not syntax is text.
func Parse(s string) Parsed {
	var p Parsed
	or := false
	for _, tok := range tokenize(s) {
		if tok.isBar() {
			or = true
			continue
		}
		t, ok := tok.term()
		if !ok {
			continue
		}
		if or && len(p.Groups) > 0 {
			last := len(p.Groups) - 1
			p.Groups[last] = append(p.Groups[last], t)
		} else {
			p.Groups = append(p.Groups, []Term{t})
		}
		or = false
	}
	return p
}

// token is one space-separated piece of the text; lit marks the bytes that
// were quoted or escaped, which are never syntax.
type token struct {
	s   []byte
	lit []bool
}

func tokenize(s string) []token {
	var out []token
	var cur token
	open, quoted := false, false
	flush := func() {
		if len(cur.s) > 0 || open {
			out = append(out, cur)
		}
		cur, open = token{}, false
	}
	add := func(b []byte, lit bool) {
		for _, c := range b {
			cur.s = append(cur.s, c)
			cur.lit = append(cur.lit, lit)
		}
		open = true
	}
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\\' && i < len(s):
			r2, n2 := utf8.DecodeRuneInString(s[i:])
			i += n2
			add(buf[:utf8.EncodeRune(buf[:], r2)], true)
		case r == '"':
			quoted = !quoted
			open = true
		case !quoted && unicode.IsSpace(r):
			flush()
		default:
			add([]byte(s[i-n:i]), quoted)
		}
	}
	flush()
	return out
}

func (t token) isBar() bool { return len(t.s) == 1 && t.s[0] == '|' && !t.lit[0] }

// marker reports whether byte k is the syntax character c.
func (t token) marker(k int, c byte) bool { return k < len(t.s) && t.s[k] == c && !t.lit[k] }

func (t token) term() (Term, bool) {
	var out Term
	k, end := 0, len(t.s)
	if t.marker(k, '!') {
		out.Not = true
		k++
	}
	for c := k; c < end && !t.lit[c]; c++ {
		if t.s[c] == ':' {
			if f, ok := fieldByName(string(t.s[k:c])); ok {
				out.Field = f
				k = c + 1
			}
			break
		}
	}
	if t.marker(k, '\'') {
		out.Exact = true
		k++
		// fzf's 'word' (word boundaries) is read as 'word.
		if end > k && t.marker(end-1, '\'') {
			end--
		}
	}
	if t.marker(k, '^') {
		out.Prefix = true
		k++
	}
	if end > k && t.marker(end-1, '$') {
		out.Suffix = true
		end--
	}
	out.Text = normalize(string(t.s[k:end]))
	return out, out.Text != ""
}

// normalize folds term text and makes its runs of spaces (and control
// characters) one space.
func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(text.Fold(s), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}

// String writes p back as search text that Parse reads as p (up to
// folding the text again).
func (p Parsed) String() string {
	var b strings.Builder
	for g, group := range p.Groups {
		if g > 0 {
			b.WriteByte(' ')
		}
		for k, t := range group {
			if k > 0 {
				b.WriteString(" | ")
			}
			if t.Not {
				b.WriteByte('!')
			}
			if t.Field != FieldAny {
				b.WriteString(t.Field.String())
				b.WriteByte(':')
			}
			if t.Exact {
				b.WriteByte('\'')
			}
			if t.Prefix {
				b.WriteByte('^')
			}
			for _, r := range t.Text {
				if r == '\\' || r == '"' || unicode.IsSpace(r) || strings.ContainsRune("!'^$|:", r) {
					b.WriteByte('\\')
				}
				b.WriteRune(r)
			}
			if t.Suffix {
				b.WriteByte('$')
			}
		}
	}
	return b.String()
}

// short reports whether a term is one or two letters: such words match
// only at the start of a word.
func (t *Term) short() bool { return utf8.RuneCountInString(t.Text) <= 2 }

// fuzzyOK reports whether a term may match fuzzily: four letters or more,
// one word, not exact and not anchored.
func (t *Term) fuzzyOK() bool {
	return !t.Exact && !t.Prefix && !t.Suffix && utf8.RuneCountInString(t.Text) >= fuzzyMinRunes &&
		!strings.Contains(t.Text, " ")
}
