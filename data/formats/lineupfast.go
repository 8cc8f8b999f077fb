package formats

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/lineup-tui/lineup/data"
)

// A session or speaker in lineup's own JSON, as lineup writes it, is an
// object of known members each named once, mostly strings. decodeFastObject
// reads such an item by hand: each string member directly, every other
// member with json.Unmarshal of its value alone (which is what
// json.Unmarshal of the whole item does with it). Anything else (a name it
// does not know, in another case, with an escape or repeated, a string
// with a \u escape, invalid UTF-8 or a control character) makes it give up
// at once, and the item is read with json.Unmarshal, so that the result is
// always what json.Unmarshal gives (FuzzSplitDecode compares the two).

// splitFast is splitInto for items that decodeFastObject reads with field.
func splitFast[T any](dst *[]T, field func(*T, []byte) (*string, any)) func(b []byte, items []itemSpan, opt *Options) error {
	return func(b []byte, items []itemSpan, opt *Options) error {
		s := make([]T, len(items))
		if err := decodeItems(b, items, opt, func(i int, item []byte) error {
			if decodeFastObject(item, &s[i], field) {
				return nil
			}
			var zero T
			s[i] = zero
			return json.Unmarshal(item, &s[i])
		}); err != nil {
			return err
		}
		*dst = s
		return nil
	}
}

// sessionField maps a member name to where a session keeps it: a string,
// or (str nil) any value for json.Unmarshal.
func sessionField(s *data.Session, name []byte) (str *string, v any) {
	switch string(name) {
	case "id":
		return &s.ID, nil
	case "title":
		return &s.Title, nil
	case "subtitle":
		return &s.Subtitle, nil
	case "date":
		return &s.Date, nil
	case "start":
		return nil, &s.Start
	case "end":
		return nil, &s.End
	case "room":
		return &s.Room, nil
	case "track":
		return &s.Track, nil
	case "type":
		return &s.Type, nil
	case "level":
		return &s.Level, nil
	case "language":
		return &s.Language, nil
	case "speakers":
		return nil, &s.SpeakerIDs
	case "abstract":
		return &s.Abstract, nil
	case "description":
		return &s.Description, nil
	case "audience":
		return nil, &s.Audience
	case "prerequisites":
		return nil, &s.Prerequisites
	case "outcomes":
		return nil, &s.Outcomes
	case "url":
		return &s.URL, nil
	case "feedback_url":
		return &s.FeedbackURL, nil
	case "links":
		return nil, &s.Links
	case "rating":
		return nil, &s.Rating
	case "cancelled":
		return nil, &s.Cancelled
	}
	return nil, nil
}

func speakerField(sp *data.Speaker, name []byte) (str *string, v any) {
	switch string(name) {
	case "id":
		return &sp.ID, nil
	case "name":
		return &sp.Name, nil
	case "company":
		return &sp.Company, nil
	case "job_title":
		return &sp.JobTitle, nil
	case "bio":
		return &sp.Bio, nil
	case "url":
		return &sp.URL, nil
	}
	return nil, nil
}

// decodeFastObject reads the object item with field, which names where
// each member goes, and reports whether it did; on false the caller reads
// the item with json.Unmarshal into a zero value.
func decodeFastObject[T any](item []byte, dst *T, field func(*T, []byte) (*string, any)) bool {
	i, more, ok := objectStart(item)
	var seen uint32 // members read, by their bit in names
	for ok && more {
		var name []byte
		if name, i, ok = memberName(item, i); !ok {
			return false
		}
		str, v := field(dst, name)
		if str == nil && v == nil {
			return false
		}
		bit := memberBit(name)
		if bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		if str != nil && i < len(item) && item[i] == '"' {
			if *str, i, ok = plainString(item, i); !ok {
				return false
			}
		} else {
			start, vend, ok := skipItem(item, i)
			if !ok {
				return false
			}
			var target any = v
			if str != nil {
				target = str
			}
			if json.Unmarshal(item[start:vend], target) != nil {
				return false
			}
			i = vend
		}
		i, more, ok = memberEnd(item, i)
	}
	return ok
}

// objectStart reads the "{" that starts the object item and reports
// whether a member follows (more) or the object is "{}" and all of item
// (ok, !more). i is where the first member's name starts.
func objectStart(item []byte) (i int, more, ok bool) {
	i = skipJSONSpace(item, 0)
	if i >= len(item) || item[i] != '{' {
		return 0, false, false
	}
	i = skipJSONSpace(item, i+1)
	if i < len(item) && item[i] == '}' {
		return i, false, skipJSONSpace(item, i+1) == len(item)
	}
	return i, true, true
}

// memberName reads a member's name at item[i], which must be plain ASCII
// (no escape, no control character), and the colon after it; value is
// where the member's value starts.
func memberName(item []byte, i int) (name []byte, value int, ok bool) {
	if i >= len(item) || item[i] != '"' {
		return nil, 0, false
	}
	end := i + 1
	for end < len(item) && item[end] != '"' {
		if c := item[end]; c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, 0, false
		}
		end++
	}
	if end >= len(item) {
		return nil, 0, false
	}
	value = skipJSONSpace(item, end+1)
	if value >= len(item) || item[value] != ':' {
		return nil, 0, false
	}
	return item[i+1 : end], skipJSONSpace(item, value+1), true
}

// memberEnd reads what follows a member's value at item[i]: a comma and
// the next member (more), or the "}" that ends item (ok, !more).
func memberEnd(item []byte, i int) (next int, more, ok bool) {
	i = skipJSONSpace(item, i)
	if i >= len(item) {
		return 0, false, false
	}
	switch item[i] {
	case ',':
		return skipJSONSpace(item, i+1), true, true
	case '}':
		return i, false, skipJSONSpace(item, i+1) == len(item)
	}
	return 0, false, false
}

// memberBit gives each member name of a session or speaker its own bit,
// to find one named twice; 0 for a name it does not know.
func memberBit(name []byte) uint32 {
	switch string(name) {
	case "id":
		return 1 << 0
	case "title", "name":
		return 1 << 1
	case "subtitle", "company":
		return 1 << 2
	case "date", "job_title":
		return 1 << 3
	case "start", "bio":
		return 1 << 4
	case "end":
		return 1 << 5
	case "room":
		return 1 << 6
	case "track":
		return 1 << 7
	case "type":
		return 1 << 8
	case "level":
		return 1 << 9
	case "language":
		return 1 << 10
	case "speakers":
		return 1 << 11
	case "abstract":
		return 1 << 12
	case "description":
		return 1 << 13
	case "audience":
		return 1 << 14
	case "prerequisites":
		return 1 << 15
	case "outcomes":
		return 1 << 16
	case "url":
		return 1 << 17
	case "feedback_url":
		return 1 << 18
	case "links":
		return 1 << 19
	case "rating":
		return 1 << 20
	case "cancelled":
		return 1 << 21
	}
	return 0
}

// plainString reads the string at b[i] == '"' when it has no \u escape,
// no control character and only valid UTF-8, and returns it and the
// offset after it; else ok is false.
func plainString(b []byte, i int) (s string, end int, ok bool) {
	j := i + 1
	// The common case: nothing to unescape.
	for j < len(b) {
		c := b[j]
		if c == '"' {
			raw := b[i+1 : j]
			if !utf8.Valid(raw) {
				return "", 0, false
			}
			return string(raw), j + 1, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		j++
	}
	out := make([]byte, 0, j-i+64)
	out = append(out, b[i+1:j]...)
	for j < len(b) {
		c := b[j]
		switch {
		case c == '"':
			if !utf8.Valid(out) {
				return "", 0, false
			}
			return string(out), j + 1, true
		case c < 0x20:
			return "", 0, false
		case c == '\\':
			if j+1 >= len(b) {
				return "", 0, false
			}
			switch b[j+1] {
			case '"', '\\', '/':
				out = append(out, b[j+1])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			default: // \u, or not an escape
				return "", 0, false
			}
			j += 2
		default:
			out = append(out, c)
			j++
		}
	}
	return "", 0, false
}
