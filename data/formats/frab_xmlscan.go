package formats

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data/text"
	"golang.org/x/text/encoding/htmlindex"
)

// xmlScanner is a small, fast XML tokenizer for schedule files. encoding/xml
// spends most of a large schedule's import time on allocation; this scanner
// hands out sub-slices of the input and decodes entities only where the
// reader asks for text. It checks what matters for a schedule: tags nest and
// close, attributes are quoted, entities are known, the file is complete.
type xmlScanner struct {
	b     []byte
	pos   int
	stack []string
	names map[string]string // interned element names
	attrs []xmlAttr
	err   error
	errAt int

	pendingEnd bool // the last start tag was self-closing
	tagStart   int  // offset of the last start tag

	dtdEntities bool // the document type declaration defines entities
}

type xmlAttr struct {
	name  string
	value []byte // raw, entities not yet decoded
}

type xmlTokKind int

const (
	xmlEOF xmlTokKind = iota
	xmlStart
	xmlEnd
	xmlText  // raw text, entities not decoded
	xmlCDATA // raw text, taken literally
)

func newXMLScanner(b []byte) (*xmlScanner, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if enc := xmlDeclEncoding(b); enc != "" {
		switch strings.ToLower(enc) {
		case "utf-8", "utf8", "us-ascii", "ascii":
		case "utf-16", "utf-16le", "utf-16be", "ucs-2":
			// Parse has decoded the file from UTF-16 already: a UTF-16
			// file cannot be read as far as its declaration.
		default:
			e, err := htmlindex.Get(enc)
			if err != nil {
				return nil, &ParseError{Format: FormatFrabXML, Line: 1, Column: 1, Offset: 0, Msg: fmt.Sprintf("unsupported encoding %q", enc)}
			}
			out, err := io.ReadAll(e.NewDecoder().Reader(bytes.NewReader(b)))
			if err != nil {
				return nil, &ParseError{Format: FormatFrabXML, Offset: -1, Msg: fmt.Sprintf("cannot decode %s: %v", enc, err)}
			}
			b = out
		}
	}
	return &xmlScanner{b: b, names: map[string]string{}}, nil
}

// xmlDeclEncoding returns the encoding named in an <?xml …?> declaration.
func xmlDeclEncoding(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) < 2 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	j := bytes.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return ""
	}
	return string(rest[1 : 1+j])
}

func (s *xmlScanner) fail(at int, format string, args ...any) {
	if s.err == nil {
		s.err, s.errAt = fmt.Errorf(format, args...), at
	}
}

// parseError returns the scanner's error with its position.
func (s *xmlScanner) parseError() error {
	if s.err == nil {
		return nil
	}
	line, col := lineCol(s.b, int64(s.errAt))
	return &ParseError{Format: FormatFrabXML, Line: line, Column: col, Offset: int64(s.errAt), Msg: safeMessage(s.err.Error())}
}

// safeMessage keeps an error message that quotes the file printable and short.
func safeMessage(msg string) string {
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return text.OneLine(text.Clean(msg))
}

func (s *xmlScanner) intern(b []byte) string {
	if n, ok := s.names[string(b)]; ok {
		return n
	}
	n := string(b)
	s.names[n] = n
	return n
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isNameEnd(c byte) bool {
	return isXMLSpace(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\''
}

// next returns the next token. For xmlStart and xmlEnd name is the element's
// local name and s.attrs holds the start tag's attributes; for text, raw is
// the text. A self-closing tag yields a start and then an end.
func (s *xmlScanner) next() (kind xmlTokKind, name string, raw []byte) {
	if s.err != nil {
		return xmlEOF, "", nil
	}
	if s.pendingEnd {
		s.pendingEnd = false
		top := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		return xmlEnd, top, nil
	}
	b := s.b
	if s.pos >= len(b) {
		if len(s.stack) > 0 {
			s.fail(len(b), "unexpected end of file: <%s> is not closed", s.stack[len(s.stack)-1])
		}
		return xmlEOF, "", nil
	}
	if b[s.pos] != '<' {
		i := bytes.IndexByte(b[s.pos:], '<')
		start := s.pos
		if i < 0 {
			s.pos = len(b)
		} else {
			s.pos += i
		}
		return xmlText, "", b[start:s.pos]
	}
	at := s.pos
	rest := b[at:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			s.fail(at, "unexpected end of file in a comment")
			return xmlEOF, "", nil
		}
		s.pos = at + 4 + end + 3
		return s.next()
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			s.fail(at, "unexpected end of file in CDATA")
			return xmlEOF, "", nil
		}
		s.pos = at + 9 + end + 3
		return xmlCDATA, "", rest[9 : 9+end]
	case bytes.HasPrefix(rest, []byte("<?")):
		end := bytes.Index(rest[2:], []byte("?>"))
		if end < 0 {
			s.fail(at, "unexpected end of file in a processing instruction")
			return xmlEOF, "", nil
		}
		s.pos = at + 2 + end + 2
		return s.next()
	case bytes.HasPrefix(rest, []byte("<!")):
		// DOCTYPE, possibly with an internal subset.
		depth := 0
		for i := 2; i < len(rest); i++ {
			switch rest[i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					s.dtdEntities = s.dtdEntities || bytes.Contains(rest[:i], []byte("<!ENTITY"))
					s.pos = at + i + 1
					return s.next()
				}
			}
		}
		s.fail(at, "unexpected end of file in a declaration")
		return xmlEOF, "", nil
	case len(rest) > 1 && rest[1] == '/':
		i := 2
		for i < len(rest) && !isNameEnd(rest[i]) {
			i++
		}
		nm := rest[2:i]
		for i < len(rest) && isXMLSpace(rest[i]) {
			i++
		}
		if i >= len(rest) {
			s.fail(at, "unexpected end of file in an end tag")
			return xmlEOF, "", nil
		}
		if rest[i] != '>' || len(nm) == 0 {
			s.fail(at, "malformed end tag")
			return xmlEOF, "", nil
		}
		if len(s.stack) == 0 {
			s.fail(at, "unexpected end tag </%s>", nm)
			return xmlEOF, "", nil
		}
		top := s.stack[len(s.stack)-1]
		local := localName(nm)
		if string(local) != top {
			s.fail(at, "expected </%s>, found </%s>", top, nm)
			return xmlEOF, "", nil
		}
		s.stack = s.stack[:len(s.stack)-1]
		s.pos = at + i + 1
		return xmlEnd, top, nil
	}
	// Start tag.
	s.tagStart = at
	i := 1
	for i < len(rest) && !isNameEnd(rest[i]) {
		i++
	}
	if i == 1 {
		s.fail(at, "expected an element name after <")
		return xmlEOF, "", nil
	}
	name = s.intern(localName(rest[1:i]))
	s.attrs = s.attrs[:0]
	for {
		for i < len(rest) && isXMLSpace(rest[i]) {
			i++
		}
		if i >= len(rest) {
			s.fail(at, "unexpected end of file in <%s>", name)
			return xmlEOF, "", nil
		}
		switch rest[i] {
		case '>':
			s.stack = append(s.stack, name)
			s.pos = at + i + 1
			return xmlStart, name, nil
		case '/':
			if i+1 < len(rest) && rest[i+1] == '>' {
				s.pos = at + i + 2
				// Report the start now and the end on the next call.
				s.stack = append(s.stack, name)
				s.selfClose()
				return xmlStart, name, nil
			}
			s.fail(at+i, "malformed tag <%s>", name)
			return xmlEOF, "", nil
		}
		j := i
		for j < len(rest) && !isNameEnd(rest[j]) {
			j++
		}
		if j == i {
			s.fail(at+i, "malformed attribute in <%s>", name)
			return xmlEOF, "", nil
		}
		an := localName(rest[i:j])
		for j < len(rest) && isXMLSpace(rest[j]) {
			j++
		}
		if j >= len(rest) {
			s.fail(at, "unexpected end of file in <%s>", name)
			return xmlEOF, "", nil
		}
		if rest[j] != '=' {
			s.fail(at+j, "attribute %s in <%s> has no value", an, name)
			return xmlEOF, "", nil
		}
		j++
		for j < len(rest) && isXMLSpace(rest[j]) {
			j++
		}
		if j >= len(rest) {
			s.fail(at, "unexpected end of file in <%s>", name)
			return xmlEOF, "", nil
		}
		if rest[j] != '"' && rest[j] != '\'' {
			s.fail(at+j, "attribute %s in <%s> is not quoted", an, name)
			return xmlEOF, "", nil
		}
		q := rest[j]
		k := bytes.IndexByte(rest[j+1:], q)
		if k < 0 {
			s.fail(at+j, "unexpected end of file in attribute %s", an)
			return xmlEOF, "", nil
		}
		val := rest[j+1 : j+1+k]
		if bytes.IndexByte(val, '<') >= 0 {
			s.fail(at+j, "unescaped < in attribute %s", an)
			return xmlEOF, "", nil
		}
		s.attrs = append(s.attrs, xmlAttr{name: s.intern(an), value: val})
		i = j + 1 + k + 1
		if i < len(rest) && !isXMLSpace(rest[i]) && rest[i] != '>' && rest[i] != '/' {
			s.fail(at+i, "expected a space between attributes in <%s>", name)
			return xmlEOF, "", nil
		}
	}
}

// selfClose marks that the element just opened is already closed: the next
// call to next returns its end.
func (s *xmlScanner) selfClose() { s.pendingEnd = true }

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the decoded value of an attribute of the current start tag.
func (s *xmlScanner) attr(name string) string {
	for _, a := range s.attrs {
		if a.name == name {
			v, err := decodeEntities(a.value, nil)
			if err != nil {
				s.fail(s.pos, "%v", s.entityError(err))
				return ""
			}
			return string(v)
		}
	}
	return ""
}

// decodeEntities appends raw with its character and entity references
// resolved to dst.
func decodeEntities(raw, dst []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 40 {
			return dst, fmt.Errorf("invalid character entity %s", truncateBytes(raw, 12))
		}
		ent := raw[1:end]
		raw = raw[end+1:]
		if len(ent) > 1 && ent[0] == '#' {
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || n == 0 || n > utf8.MaxRune {
				return dst, fmt.Errorf("invalid character entity &%s;", ent)
			}
			dst = utf8.AppendRune(dst, rune(n))
			continue
		}
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			v, ok := xml.HTMLEntity[string(ent)]
			if !ok {
				return dst, fmt.Errorf("invalid character entity &%s;", ent)
			}
			dst = append(dst, v...)
		}
	}
}

func truncateBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
