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
	i, more, ok := objectStart(item)
	var seen uint32
	for ok && more {
		var name []byte
		if name, i, ok = memberName(item, i); !ok {
			return false
		}
		txt, v := sjEventMember(e, name)
		if txt != nil || v != nil {
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
		if i, ok = eventValue(item, i, txt, v); !ok {
			return false
		}
		i, more, ok = memberEnd(item, i)
	}
	return ok
}

// eventValue reads the value at item[i] of an event's member into txt (a
// text member), v (another known one) or nowhere (a member the event does
// not know, only checked), and returns where it ends.
func eventValue(item []byte, i int, txt *sjText, v any) (int, bool) {
	if txt != nil && i < len(item) && item[i] == '"' {
		j := i + 1
		for j < len(item) && item[j] != '"' && item[j] != '\\' && item[j] >= 0x20 {
			j++
		}
		if j < len(item) && item[j] == '"' {
			// What sjText.UnmarshalJSON keeps of a string without escapes.
			*txt = sjText(item[i+1 : j])
			return j + 1, true
		}
	}
	start, vend, ok := skipItem(item, i)
	if !ok {
		return 0, false
	}
	switch {
	case txt != nil:
		ok = json.Unmarshal(item[start:vend], txt) == nil
	case v != nil:
		ok = json.Unmarshal(item[start:vend], v) == nil
	default:
		ok = json.Valid(item[start:vend])
	}
	return vend, ok
}
