package data

import (
	"sort"
	"time"
)

// Where the clock stands against a conference's programme. Sessions are
// half-open intervals: one running from 10:00 to 10:30 is running at 10:00
// and over at 10:30.

// NowState is where an instant falls in a conference's programme.
type NowState int

const (
	// NoProgramme: no session has a published time.
	NoProgramme NowState = iota
	// Before: the first session has not started yet.
	Before
	// During: sessions are running, or it is a break within a day.
	During
	// BetweenDays: a day's programme is over and another day follows.
	BetweenDays
	// After: the last session has ended.
	After
)

func (s NowState) String() string {
	switch s {
	case Before:
		return "before"
	case During:
		return "during"
	case BetweenDays:
		return "between days"
	case After:
		return "after"
	}
	return "no programme"
}

// RoomNow is one room on the Now screen: what runs there now and what
// comes next.
type RoomNow struct {
	Room string
	// Mine is set when the room holds a session the person starred or rated
	// on the programme day shown (NowNext.Day).
	Mine bool
	// Running is the session running now, or nil when the room is free.
	// When entries overlap, it is the person's own (starred or rated) one,
	// else the one that started last (the more specific), else the one
	// that ends first.
	Running *Session
	// Progress is how much of Running has passed, 0..1.
	Progress float64
	// Left is the time until Running ends.
	Left time.Duration
	// AlsoRunning holds the room's other sessions running at the same
	// time, in programme order.
	AlsoRunning []*Session
	// Next is the next session to start in the room (not started yet; it
	// may be on a later day when the room has one running), or nil.
	Next *Session
	// NextIn is the time until Next starts.
	NextIn time.Duration
}

// NowNext is what is on now and next at one instant.
type NowNext struct {
	// At is the instant, in the shown zone.
	At    time.Time
	State NowState
	// Day is the programme day in view (YYYY-MM-DD, grouped in the shown
	// zone): the day running now, the one coming next before the
	// conference and between days, the last one after it.
	Day string
	// Next is the next session to start anywhere; it is the countdown
	// before the conference and between days.
	Next   *Session
	NextIn time.Duration
	// ForYou is the person's next starred session that has not started.
	ForYou   *Session
	ForYouIn time.Duration
	// LastDate is the conference's last day (YYYY-MM-DD, shown zone).
	LastDate string
	// Rooms lists every room with a session running, or with its next
	// session on Day: the person's rooms (Mine) first, then in the conference's room
	// order, then rooms the conference does not list, by name.
	Rooms []RoomNow
}

// roomAcc gathers one room's sessions during the scan.
type roomAcc struct {
	RoomNow
	order    int
	mineDays []string // days (shown zone) with a starred or rated session here
}

// NowAndNext works out what is on at now. sessions are the sessions to
// consider (nil: all of c's); mine is the person's data by session id;
// disp is the zone times and days are shown in. Unscheduled sessions are
// ignored. It scans the sessions once, without sorting them, so it is
// cheap enough to run on every tick of a screen.
func NowAndNext(c *Conference, sessions []Session, mine map[string]Personal, now time.Time, disp Display) NowNext {
	if sessions == nil {
		sessions = c.Sessions
	}
	out := NowNext{At: disp.In(now), State: NoProgramme}
	roomOrder := make(map[string]int, len(c.Rooms))
	for i, r := range c.Rooms {
		if _, dup := roomOrder[r.Name]; !dup {
			roomOrder[r.Name] = i
		}
	}
	rooms := make(map[string]*roomAcc, len(c.Rooms))
	var (
		first, lastEnded, latestEnd, latestRunning *Session
		scheduled                                  bool
	)
	for i := range sessions {
		s := &sessions[i]
		if !s.Scheduled() {
			continue
		}
		scheduled = true
		end := sessionEnd(s)
		if first == nil || s.Start.Before(first.Start) {
			first = s
		}
		if latestEnd == nil || end.After(sessionEnd(latestEnd)) {
			latestEnd = s
		}
		p := mine[s.ID]
		acc := rooms[s.Room]
		if acc == nil {
			order, listed := roomOrder[s.Room]
			if !listed {
				order = len(c.Rooms)
			}
			acc = &roomAcc{RoomNow: RoomNow{Room: s.Room}, order: order}
			rooms[s.Room] = acc
		}
		if p.Starred || p.Rating > 0 {
			acc.addMineDay(disp.Day(s))
		}
		switch {
		case now.Before(s.Start): // still to come
			if earlier(s, acc.Next) {
				acc.Next = s
			}
			if earlier(s, out.Next) {
				out.Next = s
			}
			if p.Starred && earlier(s, out.ForYou) {
				out.ForYou = s
			}
		case now.Before(end): // running
			acc.addRunning(s, mine)
			if latestRunning == nil || s.Start.After(latestRunning.Start) {
				latestRunning = s
			}
		default: // over
			if lastEnded == nil || end.After(sessionEnd(lastEnded)) {
				lastEnded = s
			}
		}
	}
	if !scheduled {
		return out
	}
	out.LastDate = disp.Day(latestEnd)
	if out.Next != nil {
		out.NextIn = out.Next.Start.Sub(now)
	}
	if out.ForYou != nil {
		out.ForYouIn = out.ForYou.Start.Sub(now)
	}
	switch {
	case now.Before(first.Start):
		out.State, out.Day = Before, disp.Day(first)
	case latestRunning != nil:
		out.State, out.Day = During, disp.Day(latestRunning)
	case out.Next == nil:
		out.State, out.Day = After, out.LastDate
		return out // no room has anything running or to come
	case disp.Day(out.Next) != disp.Day(lastEnded):
		out.State, out.Day = BetweenDays, disp.Day(out.Next)
	default:
		out.State, out.Day = During, disp.Day(lastEnded)
	}

	list := make([]*roomAcc, 0, len(rooms))
	for _, acc := range rooms {
		// A free room shows only when its next session is on the day in
		// view: on Saturday a Sunday-only room is noise.
		if acc.Running == nil && (acc.Next == nil || disp.Day(acc.Next) != out.Day) {
			continue
		}
		acc.finish(now, out.Day)
		list = append(list, acc)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Mine != b.Mine {
			return a.Mine
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if (a.Room == "") != (b.Room == "") {
			return b.Room == ""
		}
		return a.Room < b.Room
	})
	out.Rooms = make([]RoomNow, len(list))
	for i, acc := range list {
		out.Rooms[i] = acc.RoomNow
	}
	return out
}

func (acc *roomAcc) addMineDay(day string) {
	for _, d := range acc.mineDays {
		if d == day {
			return
		}
	}
	acc.mineDays = append(acc.mineDays, day)
}

// addRunning records a running session, keeping the preferred one in
// Running and the others in AlsoRunning.
func (acc *roomAcc) addRunning(s *Session, mine map[string]Personal) {
	if acc.Running == nil {
		acc.Running = s
		return
	}
	if runsBefore(s, acc.Running, mine) {
		s, acc.Running = acc.Running, s
	}
	acc.AlsoRunning = append(acc.AlsoRunning, s)
}

// runsBefore says whether a is the better session to show as running than b.
func runsBefore(a, b *Session, mine map[string]Personal) bool {
	pa, pb := mine[a.ID], mine[b.ID]
	ma, mb := pa.Starred || pa.Rating > 0, pb.Starred || pb.Rating > 0
	if ma != mb {
		return ma
	}
	if !a.Start.Equal(b.Start) {
		return a.Start.After(b.Start)
	}
	if ea, eb := sessionEnd(a), sessionEnd(b); !ea.Equal(eb) {
		return ea.Before(eb)
	}
	return sessionLess(a, b)
}

func (acc *roomAcc) finish(now time.Time, day string) {
	for _, d := range acc.mineDays {
		if d == day {
			acc.Mine = true
		}
	}
	if s := acc.Running; s != nil {
		end := sessionEnd(s)
		acc.Left = end.Sub(now)
		if total := end.Sub(s.Start); total > 0 {
			acc.Progress = min(1, max(0, float64(now.Sub(s.Start))/float64(total)))
		}
		if len(acc.AlsoRunning) > 1 {
			sort.Slice(acc.AlsoRunning, func(i, j int) bool { return sessionLess(acc.AlsoRunning[i], acc.AlsoRunning[j]) })
		}
	}
	if acc.Next != nil {
		acc.NextIn = acc.Next.Start.Sub(now)
	}
}

// sessionEnd is a scheduled session's end; an end before the start (a
// broken file) counts as the start.
func sessionEnd(s *Session) time.Time {
	if s.End.Before(s.Start) {
		return s.Start
	}
	return s.End
}

// Running reports whether s is running at now: scheduled, started, not
// ended. A session with no length never runs.
func Running(s *Session, now time.Time) bool {
	return s.Scheduled() && !now.Before(s.Start) && now.Before(sessionEnd(s))
}

// Ended reports whether s is over at now: scheduled and its end is not
// after now. Unscheduled sessions never end.
func Ended(s *Session, now time.Time) bool {
	return s.Scheduled() && !now.Before(sessionEnd(s))
}

// Upcoming reports whether s has not ended at now (`sessions --upcoming`):
// running and future sessions, and unscheduled ones, whose time nobody
// knows, as the "hide past" filter keeps them.
func Upcoming(s *Session, now time.Time) bool { return !Ended(s, now) }

// NextUp is the answer of `lineup next`: the session and how long until it
// starts.
type NextUp struct {
	Session *Session
	In      time.Duration
	// Starred is set when Session is one of the person's starred sessions
	// (else it is simply the next session anywhere).
	Starred bool
}

// Within reports whether the session starts within d of now
// (`lineup next --within D`).
func (n NextUp) Within(d time.Duration) bool { return n.Session != nil && n.In <= d }

// NextStart finds what `lineup next` talks about: the person's next starred
// session that has not started, else the next session anywhere; ok is false
// when nothing is still to start. Ties on the start go to programme order.
func NextStart(sessions []Session, mine map[string]Personal, now time.Time) (n NextUp, ok bool) {
	var next, starred *Session
	for i := range sessions {
		s := &sessions[i]
		if !s.Scheduled() || !now.Before(s.Start) {
			continue
		}
		if earlier(s, next) {
			next = s
		}
		if mine[s.ID].Starred && earlier(s, starred) {
			starred = s
		}
	}
	switch {
	case starred != nil:
		return NextUp{Session: starred, In: starred.Start.Sub(now), Starred: true}, true
	case next != nil:
		return NextUp{Session: next, In: next.Start.Sub(now)}, true
	}
	return NextUp{}, false
}

func earlier(s, than *Session) bool {
	if than == nil {
		return true
	}
	if !s.Start.Equal(than.Start) {
		return s.Start.Before(than.Start)
	}
	return sessionLess(s, than)
}
