package fetch

import (
	"errors"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data/text"
)

// The kinds of failure; test with errors.Is(err, fetch.ErrStalled).
var (
	ErrURL       = errors.New("bad address")
	ErrConnect   = errors.New("could not connect")
	ErrStalled   = errors.New("stalled")
	ErrCutShort  = errors.New("the download was cut short")
	ErrTooLarge  = errors.New("too large")
	ErrStatus    = errors.New("HTTP error status")
	ErrRedirect  = errors.New("bad redirect")
	ErrCancelled = errors.New("cancelled")
)

// Error is a failed download. Its message is one line: "fetching URL: why",
// with the URL's credentials removed and nothing a terminal would act on.
type Error struct {
	URL    string // the address asked for, without credentials
	Kind   error  // one of the Err… values
	Status int    // the HTTP status, for ErrStatus
	Msg    string // why, one line: "stalled: no data for 20s"
	err    error  // a wrapped cause (the context's error for ErrCancelled)
}

func (e *Error) Error() string { return "fetching " + e.URL + ": " + e.Msg }

// Is reports whether target is the error's kind.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Unwrap returns the wrapped cause, if any.
func (e *Error) Unwrap() error { return e.err }

// newError builds an Error for the address shown (already redacted); raw is
// the address as given, whose credentials are scrubbed from msg too.
func newError(shown, raw string, kind error, status int, msg string) *Error {
	msg = clean(msg, 300)
	if raw != "" {
		msg = scrub(msg, raw)
	}
	return &Error{URL: shown, Kind: kind, Status: status, Msg: msg}
}

// scrub removes the raw URL and its credentials from a message.
func scrub(msg, raw string) string {
	if strings.Contains(msg, raw) {
		msg = strings.ReplaceAll(msg, raw, Redact(raw))
	}
	if info := userinfo(raw); info != "" {
		msg = strings.ReplaceAll(msg, info, "")
		if u, err := url.Parse(raw); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok && p != "" {
				msg = strings.ReplaceAll(msg, p, "***")
			}
		}
	}
	return msg
}

// userinfo returns the "user:password@" part of an address as written, or "".
func userinfo(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		return rest[:at+1]
	}
	return ""
}

// Redact returns the address without its credentials ("user:password@"), fit
// to store and print. An address that does not parse has everything between
// "://" and the last "@" of its host part dropped all the same, and control,
// escape and bidi characters removed.
func Redact(raw string) string {
	raw = clean(raw, 2000)
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		u.User = nil
		raw = u.String()
	}
	// What the parser did not take for credentials (an address that does not
	// parse, or an odd one) loses anything that looks like them all the same.
	for range 8 {
		info := userinfo(raw)
		if info == "" {
			break
		}
		raw = strings.Replace(raw, info, "", 1)
	}
	return raw
}

// clean makes a string from a server or the network safe for one line of a
// terminal (text.Clean, then text.OneLine) and cuts it at max runes ("…").
func clean(s string, max int) string {
	s = text.OneLine(text.Clean(s))
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}
