package data

import (
	"sort"
	"time"
)

// DefaultReminderLead is how long before a starred session starts its
// reminder is due, unless the person sets another lead.
const DefaultReminderLead = 5 * time.Minute

// Reminder is a nudge that a starred session is about to start.
type Reminder struct {
	// Key names this reminder for the set of fired ones: the session id
	// and its start, so a session moved by a refresh is reminded of again
	// at its new time.
	Key     string
	Session *Session
	// In is the time until the session starts (never negative).
	In time.Duration
}

// Text is the banner's words: "starts in 4 min · Hall A1 · Kubernetes the
// very hard way".
func (r Reminder) Text() string { return StartsInText(r.Session, r.In) }

// ReminderKey is the key a session's reminder is recorded under once it
// fired: "<id>@<start in UTC, RFC 3339>".
func ReminderKey(s *Session) string {
	return s.ID + "@" + s.Start.UTC().Format(time.RFC3339)
}

// DueReminders returns the reminders due at now, soonest first: starred
// sessions that start within lead (not started yet, or starting right now)
// whose key is not in fired. lead 0 or less means DefaultReminderLead.
// Unscheduled sessions have no reminder. The caller shows the reminders and
// adds their keys to fired; nothing here changes fired.
func DueReminders(starred []*Session, lead time.Duration, now time.Time, fired map[string]bool) []Reminder {
	if lead <= 0 {
		lead = DefaultReminderLead
	}
	var due []Reminder
	for _, s := range starred {
		if s == nil || !s.Scheduled() {
			continue
		}
		in := s.Start.Sub(now)
		if in < 0 || in > lead {
			continue
		}
		key := ReminderKey(s)
		if fired[key] {
			continue
		}
		due = append(due, Reminder{Key: key, Session: s, In: in})
	}
	sort.SliceStable(due, func(i, j int) bool { return earlier(due[i].Session, due[j].Session) })
	return due
}

// StarredSessions picks the starred sessions out of sessions, in order.
func StarredSessions(sessions []Session, mine map[string]Personal) []*Session {
	var out []*Session
	for i := range sessions {
		if mine[sessions[i].ID].Starred {
			out = append(out, &sessions[i])
		}
	}
	return out
}
