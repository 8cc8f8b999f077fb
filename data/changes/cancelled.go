package changes

import (
	"strings"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
)

// cancelWords are the markers schedules put on a cancelled session's title.
var cancelWords = []string{"cancelled", "canceled"}

// brackets pairs the characters a marker may be wrapped in.
var brackets = map[byte]byte{'[': ']', '(': ')', '{': '}', '<': '>', '*': '*'}

// IsCancelled reports whether a session is cancelled: its Cancelled field is
// set (the schedule says so in a state field), or its title carries a
// marker, in any case, as a prefix or suffix: "[CANCELLED] Foo", "(cancelled)
// Foo", "Canceled: Foo", "CANCELLED - Foo", "Foo [Cancelled]", "Foo –
// CANCELED", or the title "CANCELLED" alone. A title that merely begins with
// the word ("Cancelled flights and how to cope") is not a marker.
func IsCancelled(s *data.Session) bool {
	if s == nil {
		return false
	}
	if s.Cancelled {
		return true
	}
	_, ok := cutMarker(s.Title)
	return ok
}

// StripCancelled returns the title without its cancellation marker, or the
// title unchanged when it has none (or when the marker is all there is).
func StripCancelled(title string) string {
	if rest, ok := cutMarker(title); ok && rest != "" {
		return rest
	}
	return title
}

// cutMarker removes a cancellation marker from the start or the end of a
// title and reports whether there was one.
func cutMarker(title string) (string, bool) {
	t := strings.TrimSpace(title)
	if t == "" {
		return title, false
	}
	if rest, ok := cutPrefix(t); ok {
		return rest, true
	}
	if rest, ok := cutSuffix(t); ok {
		return rest, true
	}
	return title, false
}

func isCancelWord(s string) bool {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "!:."))
	for _, w := range cancelWords {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// isSeparator reports whether r may stand between a marker and the title.
func isSeparator(r rune) bool {
	switch r {
	case ':', '-', '–', '—', '|', '/', '!':
		return true
	}
	return false
}

func trimSeparators(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || isSeparator(r) })
}

func cutPrefix(t string) (string, bool) {
	if closer, ok := brackets[t[0]]; ok {
		if end := strings.IndexByte(t[1:], closer); end >= 0 && isCancelWord(t[1:1+end]) {
			return trimSeparators(t[2+end:]), true
		}
		return "", false
	}
	for _, w := range cancelWords {
		if len(t) < len(w) || !strings.EqualFold(t[:len(w)], w) {
			continue
		}
		rest := t[len(w):]
		if rest == "" {
			return "", true
		}
		r := strings.TrimLeft(rest, " \t")
		if first, _ := utf8.DecodeRuneInString(r); isSeparator(first) {
			return trimSeparators(r), true
		}
	}
	return "", false
}

func cutSuffix(t string) (string, bool) {
	last := t[len(t)-1]
	for open, closer := range brackets {
		if last != closer {
			continue
		}
		if start := strings.LastIndexByte(t[:len(t)-1], open); start >= 0 && isCancelWord(t[start+1:len(t)-1]) {
			return trimSeparators(t[:start]), true
		}
	}
	body := strings.TrimRight(t, "!.")
	for _, w := range cancelWords {
		if len(body) < len(w) || !strings.EqualFold(body[len(body)-len(w):], w) {
			continue
		}
		before := strings.TrimRight(body[:len(body)-len(w)], " \t")
		if before == "" {
			return "", true
		}
		// The marker must be set off by a separator: "Foo - CANCELLED".
		if lastRune, _ := utf8.DecodeLastRuneInString(before); isSeparator(lastRune) {
			return trimSeparators(before), true
		}
	}
	return "", false
}
