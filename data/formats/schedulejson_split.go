package formats

import "encoding/json"

// splitScheduleJSON is decodeSplit for schedule.json, whose events are in
// an array for each room of each day (schedule.conference.days[].rooms):
// every room's events are read item by item on every core, the rest of the
// file with one json.Unmarshal. It reports false, having read nothing into
// f, when the file is not laid out plainly or anything in it fails to
// decode; the caller then reads the whole file as before.
func splitScheduleJSON(b []byte, opt *Options, f *sjFile) bool {
	if len(b) < splitMin {
		return false
	}
	days := []found{{lo: -1}}
	if _, ok := findArrays(b, skipJSONSpace(b, 0), []string{"schedule", "conference"}, []string{"days"}, days); !ok || days[0].lo < 0 {
		return false
	}
	// Each day's rooms, in file order.
	rooms := make([][]found, len(days[0].items))
	for d, day := range days[0].items {
		var ok bool
		if rooms[d], ok = dayRoomArrays(b, day.lo); !ok {
			return false
		}
	}
	n := 0
	rest := make([]byte, 0, 4096)
	at := 0
	for _, rs := range rooms {
		for _, r := range rs {
			rest = append(rest, b[at:r.lo]...)
			rest = append(rest, "[]"...)
			at = r.hi
			n += len(r.items)
		}
	}
	rest = append(rest, b[at:]...)
	// All of the file was read to find the events; they are read again a
	// part at a time.
	opt.release(b)
	var head sjFile
	if json.Unmarshal(rest, &head) != nil || !sameRooms(&head, rooms) {
		opt.reread()
		return false
	}
	rest = nil
	// One list of every room's events, in file order.
	items := make([]itemSpan, 0, n)
	room := make([]int32, 0, n) // items[i] is in dest[room[i]]
	first := make([]int, 0, n)  // dest[k]'s first item in items
	var dest []*[]sjEvent
	for d, rs := range rooms {
		for r, fr := range rs {
			first = append(first, len(items))
			for range fr.items {
				room = append(room, int32(len(dest)))
			}
			items = append(items, fr.items...)
			ev := &head.Schedule.Conference.Days[d].Rooms[r].events
			if len(fr.items) > 0 {
				*ev = make([]sjEvent, len(fr.items))
			}
			dest = append(dest, ev)
		}
	}
	if decodeItems(b, items, opt, func(i int, item []byte) error {
		k := room[i]
		e := &(*dest[k])[i-first[k]]
		if decodeFastEvent(item, e) {
			return nil
		}
		*e = sjEvent{}
		return json.Unmarshal(item, e)
	}) != nil {
		opt.reread()
		return false
	}
	*f = head
	return true
}

// sameRooms reports whether the days and rooms decoded from the rest of
// the file are the ones found in it.
func sameRooms(f *sjFile, rooms [][]found) bool {
	if f.Schedule == nil || f.Schedule.Conference == nil || len(f.Schedule.Conference.Days) != len(rooms) {
		return false
	}
	for d, dy := range f.Schedule.Conference.Days {
		if len(dy.Rooms) != len(rooms[d]) {
			return false
		}
		for _, r := range dy.Rooms {
			if len(r.events) != 0 {
				return false
			}
		}
	}
	return true
}

// dayRoomArrays returns the arrays of events of the day object at b[i]:
// the values of its member "rooms", an object of room name to events. The
// day is plain only when it names "rooms" once, in that case, and names
// its other members in ASCII without escapes (as findArrays), and every
// room's value is an array.
func dayRoomArrays(b []byte, i int) ([]found, bool) {
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	var rooms []found
	seen := false
	i++
	for {
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == '}' {
			return rooms, true
		}
		if i >= len(b) || b[i] != '"' {
			return nil, false
		}
		end := skipJSONString(b, i)
		if end < 0 {
			return nil, false
		}
		key := b[i+1 : end-1]
		for _, c := range key {
			if c == '\\' || c >= 0x80 {
				return nil, false
			}
		}
		i = skipJSONSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipJSONSpace(b, i+1)
		var ok bool
		switch matchName(key, nil, []string{"rooms"}) {
		case -2:
			return nil, false
		case -1:
			_, i, ok = skipItem(b, i)
		default:
			if seen {
				return nil, false
			}
			seen = true
			rooms, i, ok = roomArrays(b, i)
		}
		if !ok {
			return nil, false
		}
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i >= len(b) || b[i] != '}' {
			return nil, false
		}
	}
}

// roomArrays reads the object at b[i] of room name to array of events, and
// returns the arrays and where the object ends.
func roomArrays(b []byte, i int) ([]found, int, bool) {
	if i >= len(b) || b[i] != '{' {
		return nil, 0, false
	}
	var rooms []found
	i++
	for {
		i = skipJSONSpace(b, i)
		if i < len(b) && b[i] == '}' {
			return rooms, i + 1, true
		}
		if i >= len(b) || b[i] != '"' {
			return nil, 0, false
		}
		end := skipJSONString(b, i)
		if end < 0 {
			return nil, 0, false
		}
		i = skipJSONSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, 0, false
		}
		i = skipJSONSpace(b, i+1)
		if i >= len(b) || b[i] != '[' {
			return nil, 0, false
		}
		lo := i
		items, hi, ok := splitItems(b, i)
		if !ok {
			return nil, 0, false
		}
		rooms = append(rooms, found{lo: lo, hi: hi, items: items})
		i = skipJSONSpace(b, hi)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i >= len(b) || b[i] != '}' {
			return nil, 0, false
		}
	}
}
