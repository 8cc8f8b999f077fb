package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/text"
)

// Every day a reader stores (a frab <day date>, a schedule.json day, a
// lineup session's date, a conference's first and last day) is parsed as a
// calendar date at import: a file with anything else there is refused with
// the place it is in, so that no date field can carry text to a terminal.

// parseDay reads a calendar day: "2019-11-06", or the day of a date-time
// such as "2019-11-06T09:00:00+01:00". It returns the day as YYYY-MM-DD.
func parseDay(s string) (string, error) {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(data.DateLayout, s); err == nil {
		return s, nil
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		if _, _, err := parseZoned(s, time.UTC); err == nil {
			return s[:10], nil
		}
	}
	return "", notADate(s)
}

// notADate is the error for a day that is not a calendar date.
func notADate(s string) error {
	q := quoteInput(s)
	if text.Clean(s) != strings.TrimSpace(s) {
		q += " (shown without its control characters)"
	}
	return fmt.Errorf("%s is not a date (YYYY-MM-DD)%s", q, dateHint(s))
}

// dateHint explains why a well-formed date is still not a day, such as 30
// February.
func dateHint(s string) string {
	if len(s) < 10 {
		return ""
	}
	_, err := time.Parse(data.DateLayout, s[:10])
	if err != nil && strings.Contains(err.Error(), "out of range") {
		return ": there is no such day"
	}
	return ""
}

// quoteInput quotes text taken from a file for an error message or a
// warning: cleaned of escape sequences and controls, cut to 60 bytes, and
// quoted so that what is left is visible.
func quoteInput(s string) string {
	s = text.Clean(s)
	if len(s) > 60 {
		n := 60
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return strconv.Quote(s)
}

// dateField is a date field of a conference that failed to parse.
type dateField struct {
	key   string // its JSON key ("date", "start", "end")
	value string
	err   error
}

// badDate finds the first date field of c that is not a calendar day.
// Unscheduled sessions and days may have an empty date.
func badDate(c *data.Conference) *dateField {
	check := func(key, v string) *dateField {
		if v == "" {
			return nil
		}
		if _, err := time.Parse(data.DateLayout, v); err != nil {
			return &dateField{key: key, value: v, err: notADate(v)}
		}
		return nil
	}
	for _, f := range []struct{ key, v string }{{"start", c.Start}, {"end", c.End}} {
		if d := check(f.key, f.v); d != nil {
			return d
		}
	}
	for i := range c.Days {
		if d := check("date", c.Days[i].Date); d != nil {
			return d
		}
	}
	for i := range c.Sessions {
		if d := check("date", c.Sessions[i].Date); d != nil {
			return d
		}
	}
	return nil
}

// checkDates refuses a conference with a date field that is not a calendar
// day. For a JSON file it finds the field's value in b to give its line
// and column.
func checkDates(b []byte, f Format, c *data.Conference) error {
	d := badDate(c)
	if d == nil {
		return nil
	}
	pe := &ParseError{Format: f, Offset: -1, Msg: fmt.Sprintf("%q: %v", d.key, d.err)}
	if usesJSON(f) {
		if off := jsonValueOffset(b, d.key, d.value); off >= 0 {
			pe.Offset = off
			pe.Line, pe.Column = lineCol(b, off)
		}
	}
	return pe
}

// jsonValueOffset returns the offset in b of the first string value of a
// member named key that decodes to want, or -1.
func jsonValueOffset(b []byte, key, want string) int64 {
	pat := []byte(strconv.Quote(key))
	from := 0
	for {
		i := bytes.Index(b[from:], pat)
		if i < 0 {
			return -1
		}
		i += from
		from = i + len(pat)
		j := skipJSONSpace(b, from)
		if j >= len(b) || b[j] != ':' {
			continue
		}
		j = skipJSONSpace(b, j+1)
		if j >= len(b) || b[j] != '"' {
			continue
		}
		end := skipJSONString(b, j)
		if end < 0 {
			return -1
		}
		var s string
		if json.Unmarshal(b[j:end], &s) == nil && s == want {
			return int64(j)
		}
	}
}
