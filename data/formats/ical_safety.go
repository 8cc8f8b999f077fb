package formats

import "fmt"

// icalParam is one value of a property parameter (TZID=Europe/Berlin); a
// parameter with a list of values (MEMBER="a","b") gives one each. A slice
// costs a fraction of a map per property, and properties are most of a
// calendar.
type icalParam struct {
	Name, Value string
}

// icalName shows a component name from the file in a message: as it is
// when it is a plain name (VEVENT), else cleaned and quoted.
func icalName(name string) string {
	if name == "" {
		return `""`
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return quoteInput(name)
		}
	}
	return icalClip(name, 60)
}

// icalRepeatsWarning says that repeating events were read once. lineup
// shows a conference's sessions, each at one time: an event with an RRULE
// or RDATE is kept at its DTSTART, and its other occurrences are dropped.
func icalRepeatsWarning(n int) string {
	switch {
	case n == 1:
		return "1 event repeats (RRULE/RDATE); only its first occurrence was read"
	case n > 1:
		return fmt.Sprintf("%d events repeat (RRULE/RDATE); only their first occurrence was read", n)
	}
	return ""
}
