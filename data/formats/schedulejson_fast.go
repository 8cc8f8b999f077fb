package formats

import "encoding/json"

// sjEventMember says where an event keeps the member name: a text
// (sjText), or (txt nil) any value for json.Unmarshal; both nil for a name
// the event does not know.
func sjEventMember(e *sjEvent, name []byte) (txt *sjText, v any) {
	switch string(name) {
	case "guid":
		return &e.GUID, nil
	case "id":
		return &e.ID, nil
	case "code":
		return &e.Code, nil
	case "slug":
		return &e.Slug, nil
	case "date":
		return &e.Date, nil
	case "start":
		return &e.Start, nil
	case "end":
		return &e.End, nil
	case "duration":
		return &e.Duration, nil
	case "room":
		return &e.Room, nil
	case "url":
		return &e.URL, nil
	case "title":
		return &e.Title, nil
	case "subtitle":
		return &e.Subtitle, nil
	case "track":
		return &e.Track, nil
	case "type":
		return &e.Type, nil
	case "language":
		return &e.Language, nil
	case "abstract":
		return &e.Abstract, nil
	case "description":
		return &e.Description, nil
	case "feedback_url":
		return &e.FeedbackURL, nil
	case "persons":
		return nil, &e.Persons
	case "participants":
		return nil, &e.Participants
	case "links":
		return nil, &e.Links
	case "attachments":
		return nil, &e.Attachments
	case "state":
		return &e.State, nil
	}
	return nil, nil
}

// sjEventNames are the members an event knows, in sjEventMember's order:
// a member named like one of them in another case is one encoding/json
// would read into it.
var sjEventNames = []string{"guid", "id", "code", "slug", "date", "start", "end", "duration", "room", "url",
	"title", "subtitle", "track", "type", "language", "abstract", "description", "feedback_url",
	"persons", "participants", "links", "attachments", "state"}

// decodeFastEvent reads an event of a schedule.json by hand, as
// decodeFastObject does a session: each text member without an escape
// directly (as sjText.UnmarshalJSON takes it), every other known member
// with json.Unmarshal of its value alone, and a member the event does not
// know checked (json.Valid) and passed over, as json.Unmarshal passes over
// it. It gives up (false) on anything else: a name with an escape or
// outside ASCII, a known name in another case or repeated, a control
// character in a string; the caller then reads the item with
// json.Unmarshal into a zero event.
func decodeFastEvent(item []byte, e *sjEvent) bool {
	i := skipJSONSpace(item, 0)
	if i >= len(item) || item[i] != '{' {
		return false
	}
	var seen uint32
	i = skipJSONSpace(item, i+1)
	if i < len(item) && item[i] == '}' {
		return skipJSONSpace(item, i+1) == len(item)
	}
	for {
		if i >= len(item) || item[i] != '"' {
			return false
		}
		end := i + 1
		for end < len(item) && item[end] != '"' {
			if c := item[end]; c == '\\' || c < 0x20 || c >= 0x80 {
				return false
			}
			end++
		}
		if end >= len(item) {
			return false
		}
		name := item[i+1 : end]
		txt, v := sjEventMember(e, name)
		known := txt != nil || v != nil
		if known {
			bit := uint32(0)
			for k, n := range sjEventNames {
				if string(name) == n {
					bit = 1 << k
				}
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
		} else {
			for _, n := range sjEventNames {
				if asciiEqualFold(name, n) {
					return false
				}
			}
		}
		i = skipJSONSpace(item, end+1)
		if i >= len(item) || item[i] != ':' {
			return false
		}
		i = skipJSONSpace(item, i+1)
		if txt != nil && i < len(item) && item[i] == '"' {
			j := i + 1
			for j < len(item) && item[j] != '"' && item[j] != '\\' && item[j] >= 0x20 {
				j++
			}
			if j < len(item) && item[j] == '"' {
				// What sjText.UnmarshalJSON keeps of a string without escapes.
				*txt = sjText(item[i+1 : j])
				i = j + 1
				goto next
			}
		}
		{
			start, vend, ok := skipItem(item, i)
			if !ok {
				return false
			}
			switch {
			case txt != nil:
				if json.Unmarshal(item[start:vend], txt) != nil {
					return false
				}
			case v != nil:
				if json.Unmarshal(item[start:vend], v) != nil {
					return false
				}
			default:
				if !json.Valid(item[start:vend]) {
					return false
				}
			}
			i = vend
		}
	next:
		i = skipJSONSpace(item, i)
		if i >= len(item) {
			return false
		}
		switch item[i] {
		case ',':
			i = skipJSONSpace(item, i+1)
		case '}':
			return skipJSONSpace(item, i+1) == len(item)
		default:
			return false
		}
	}
}
