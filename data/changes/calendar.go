package changes

import (
	"sort"
	"time"

	"github.com/lineup-tui/lineup/data"
)

// Calendar rules. A calendar application that imported an earlier export
// matches events by UID and takes an update only when it looks newer: a
// higher SEQUENCE (RFC 5545 §3.8.7.4: raised on a significant revision such as
// a new time or status) or, at the same SEQUENCE, a newer DTSTAMP. So that
// exports stay right across versions of a schedule:
//
//   - SEQUENCE counts the change sets in which the session was moved,
//     cancelled, removed, brought back after a removal, or had its
//     cancellation lifted. A text-only change ("changed") does not raise it.
//   - DTSTAMP is the time of the latest change set that touched the session in
//     any way, or base (the conference's first import) when none did. The same
//     schedule therefore always exports the same DTSTAMP.
//   - A session that is cancelled now, or was removed from the schedule, is
//     exported with STATUS:CANCELLED, so that calendar applications drop it.

// EventState is how one session is written into an exported calendar.
type EventState struct {
	Sequence  int       // SEQUENCE
	Stamp     time.Time // DTSTAMP
	Cancelled bool      // STATUS:CANCELLED
}

// EventStateOf applies the calendar rules to one session's history. history
// holds the conference's change sets in any order; base is when the
// conference was first imported. Cancelled reflects the history alone (the
// last of cancelled/removed versus added/lifted); CalendarEvents also looks at
// the current session.
func EventStateOf(id string, history []*Set, base time.Time) EventState {
	st := EventState{Stamp: base}
	removedBefore := false
	for _, s := range byTime(history) {
		e := s.Entry(id)
		if e == nil {
			continue
		}
		if s.At.After(st.Stamp) {
			st.Stamp = s.At
		}
		switch e.Kind {
		case Moved:
			st.Sequence++
		case Cancelled, Removed:
			st.Sequence++
			st.Cancelled = true
			removedBefore = removedBefore || e.Kind == Removed
		case Added:
			if removedBefore {
				st.Sequence++
			}
			st.Cancelled = false
		case Changed:
			if _, lifted := e.Field(FieldCancelled); lifted {
				st.Sequence++
				st.Cancelled = false
			}
		}
	}
	return st
}

// byTime returns the non-nil sets oldest first, leaving history as it is.
func byTime(history []*Set) []*Set {
	out := make([]*Set, 0, len(history))
	for _, s := range history {
		if s != nil {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// CalendarEvent is one session to write into an exported calendar.
type CalendarEvent struct {
	// Session is the current session, or for one that left the schedule a
	// session rebuilt from its last "removed" entry (id, title, day, time,
	// room).
	Session *data.Session
	EventState
}

// CalendarEvents applies the calendar rules to the sessions ids (the starred
// ones, in the order to write them) of conference c. A session in c is
// cancelled when IsCancelled says so. A session no longer in c is exported as
// cancelled when the history says where it was; without such a record it is
// left out (there is no time to write). Unscheduled sessions are returned too;
// the writer skips them as it does today. c should be prepared
// (data.Conference.Prepare), as the readers and the store leave it.
func CalendarEvents(c *data.Conference, ids []string, history []*Set, base time.Time) []CalendarEvent {
	var out []CalendarEvent
	for _, id := range ids {
		st := EventStateOf(id, history, base)
		var s *data.Session
		if c != nil {
			s = c.Session(id)
		}
		if s != nil {
			st.Cancelled = IsCancelled(s)
		} else {
			s = lastKnown(id, history)
			if s == nil {
				continue
			}
			st.Cancelled = true
		}
		out = append(out, CalendarEvent{Session: s, EventState: st})
	}
	return out
}

// lastKnown rebuilds a removed session from its latest "removed" entry.
func lastKnown(id string, history []*Set) *data.Session {
	sets := byTime(history)
	for i := len(sets) - 1; i >= 0; i-- {
		e := sets[i].Entry(id)
		if e == nil || e.Kind != Removed {
			continue
		}
		s := &data.Session{ID: id, Title: e.Title, Cancelled: true}
		for _, f := range e.Fields {
			switch f.Name {
			case FieldDate:
				s.Date = f.Old
			case FieldRoom:
				s.Room = f.Old
			case FieldStart:
				s.Start, _ = time.Parse(time.RFC3339, f.Old)
			case FieldEnd:
				s.End, _ = time.Parse(time.RFC3339, f.Old)
			}
		}
		if s.Start.IsZero() {
			s.End = time.Time{}
		}
		return s
	}
	return nil
}
