package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// MaxSessions is the most sessions lineup reads into one conference. The
// largest real programmes have a few thousand; the cap keeps a hostile file
// from making an import take minutes and gigabytes.
const MaxSessions = 200_000

// maxItems bounds everything else a reader keeps a record of (speakers,
// persons, links, days, rooms, JSON list items, iCalendar components), so
// that a file of millions of tiny records is refused before it is held in
// memory. A real schedule has a few records a session.
const maxItems = 1_000_000

// maxICalProps bounds the properties of an iCalendar file: a real event
// has ten or so.
const maxICalProps = 2_000_000

// errTooManySessions and errTooManyItems are the messages of the caps.
var (
	errTooManySessions = fmt.Sprintf("more than %s sessions; lineup reads at most %s sessions a conference", thousands(MaxSessions), thousands(MaxSessions))
	errTooManyItems    = fmt.Sprintf("more than %s records (sessions, speakers, links…); lineup reads at most that many from one file", thousands(maxItems))
	errTooManyProps    = fmt.Sprintf("more than %s properties; lineup reads at most that many from one calendar", thousands(maxICalProps))
)

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// cleanError is an error whose text was cleaned for a terminal; it still
// unwraps to the original.
type cleanError struct {
	msg string
	err error
}

func (e *cleanError) Error() string { return e.msg }
func (e *cleanError) Unwrap() error { return e.err }

// safeError makes sure an error from a reader prints as one clean line:
// whatever text from the file it quotes loses its escape sequences,
// controls and bidi characters.
func safeError(err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.Msg = safeMessage(pe.Msg)
	}
	if msg := err.Error(); safeMessage(msg) != msg {
		return &cleanError{msg: safeMessage(msg), err: err}
	}
	return err
}

var utf8BOM = []byte("\xef\xbb\xbf")

// decodeInput takes a UTF-8 byte-order mark off b, and turns UTF-16 (with a
// byte-order mark, or XML or JSON without one) into UTF-8. Line numbers in
// errors are the same in both; columns count UTF-8 bytes.
func decodeInput(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		return b[len(utf8BOM):], nil
	case bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}):
		return nil, &ParseError{Format: "input", Line: 1, Column: 1, Offset: 0, Msg: "the file is UTF-32, which lineup does not read; save it as UTF-8"}
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return decodeUTF16(b, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	case len(b) >= 2 && b[0] != 0 && b[1] == 0 && (b[0] == '<' || b[0] == '{'):
		return decodeUTF16(b, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM))
	case len(b) >= 2 && b[0] == 0 && b[1] != 0 && (b[1] == '<' || b[1] == '{'):
		return decodeUTF16(b, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM))
	}
	return b, nil
}

func decodeUTF16(b []byte, enc encoding.Encoding) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, &ParseError{Format: "input", Offset: int64(len(b)), Msg: "the file looks like UTF-16 but has an odd number of bytes (is it cut short?)"}
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(b)))
	if err != nil {
		return nil, &ParseError{Format: "input", Offset: -1, Msg: "the file looks like UTF-16 but cannot be decoded: " + safeMessage(err.Error())}
	}
	return bytes.TrimPrefix(out, utf8BOM), nil
}

// checkSize refuses a JSON file with more sessions than MaxSessions, or
// more list items than maxItems, before it is decoded: encoding/json would
// otherwise build every record first. The XML and iCalendar readers count
// as they go. It returns how many sessions and speakers it counted.
func checkSize(b []byte, f Format) (sessions, speakers int, err error) {
	var isSession func(path [][]byte) bool
	isSpeaker := func([][]byte) bool { return false }
	switch f {
	case FormatLineup:
		isSession = func(p [][]byte) bool { return pathIs(p, "conference", "sessions", "[]") }
		isSpeaker = func(p [][]byte) bool { return pathIs(p, "conference", "speakers", "[]") }
	case FormatSessionize:
		isSession = func(p [][]byte) bool { return pathIs(p, "sessions", "[]") }
		isSpeaker = func(p [][]byte) bool { return pathIs(p, "speakers", "[]") }
	case FormatScheduleJSON:
		isSession = func(p [][]byte) bool {
			return pathIs(p, "schedule", "events", "[]") ||
				len(p) == 7 && pathIs(p[:5], "schedule", "conference", "days", "[]", "rooms") && string(p[6]) == "[]"
		}
	default:
		return 0, 0, nil
	}
	items := 0
	off := walkJSON(b, func(path [][]byte) bool {
		items++
		switch {
		case isSession(path):
			sessions++
		case isSpeaker(path):
			speakers++
		}
		return items <= maxItems && sessions <= MaxSessions && speakers <= MaxSessions
	})
	if off < 0 {
		return sessions, speakers, nil
	}
	line, col := lineCol(b, int64(off))
	msg := errTooManyItems
	switch {
	case sessions > MaxSessions:
		msg = errTooManySessions
	case speakers > MaxSessions:
		msg = fmt.Sprintf("more than %s speakers; lineup reads at most that many a conference", thousands(MaxSessions))
	}
	return 0, 0, &ParseError{Format: f, Line: line, Column: col, Offset: int64(off), Msg: msg}
}

func pathIs(p [][]byte, want ...string) bool {
	if len(p) != len(want) {
		return false
	}
	for i := range p {
		if string(p[i]) != want[i] {
			return false
		}
	}
	return true
}

// walkJSON calls fn for every value inside an array, with the path to it:
// object member names (raw, as written between the quotes) and "[]" for
// each array. It stops at the offset of the value for which fn returns
// false and returns that offset, else -1. It does not validate: the real
// decoder does that afterwards.
func walkJSON(b []byte, fn func(path [][]byte) bool) int {
	arr := []byte("[]")
	var path [][]byte
	var inArray []bool // per open container
	expectKey := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case ' ', '\t', '\r', '\n', ':':
			continue
		case ',':
			if n := len(inArray); n > 0 && !inArray[n-1] {
				expectKey = true
			}
			continue
		case '}', ']':
			if n := len(inArray); n > 0 {
				inArray = inArray[:n-1]
				path = path[:len(path)-1]
			}
			expectKey = false
			continue
		}
		if c == '"' && expectKey {
			end := skipJSONString(b, i)
			if end < 0 {
				return -1
			}
			path[len(path)-1] = b[i+1 : end-1]
			expectKey = false
			i = end - 1
			continue
		}
		// The start of a value.
		if n := len(inArray); n > 0 && inArray[n-1] {
			if !fn(path) {
				return i
			}
		}
		switch c {
		case '{':
			inArray = append(inArray, false)
			path = append(path, nil)
			expectKey = true
		case '[':
			inArray = append(inArray, true)
			path = append(path, arr)
		case '"':
			end := skipJSONString(b, i)
			if end < 0 {
				return -1
			}
			i = end - 1
		default: // a number, true, false or null
			for i+1 < len(b) && !bytes.ContainsRune([]byte(" \t\r\n,]}:"), rune(b[i+1])) {
				i++
			}
		}
	}
	return -1
}
