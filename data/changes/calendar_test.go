package changes

import (
	"testing"
	"time"
)

func TestCalendarRules(t *testing.T) {
	base := time.Date(2026, 1, 20, 12, 0, 0, 0, time.UTC)
	t1, t2, t3, t4 := base.Add(24*time.Hour), base.Add(48*time.Hour), base.Add(72*time.Hour), base.Add(96*time.Hour)

	v0 := conf(talk("mv", "Move me", day1, "H1"), talk("tx", "Text", day1, "H1"), talk("cx", "Cancel me", day1, "H1"),
		talk("rm", "Remove me", day1.Add(time.Hour), "H2"), talk("still", "Still", day1, "H3"))
	v1 := conf(talk("mv", "Move me", day1.Add(time.Hour), "H1"), talk("tx", "Text", day1, "H1"), talk("cx", "Cancel me", day1, "H1"),
		talk("rm", "Remove me", day1.Add(time.Hour), "H2"), talk("still", "Still", day1, "H3"))
	v2 := conf(talk("mv", "Move me", day1.Add(time.Hour), "H1"), talk("tx", "Text, new words", day1, "H1"),
		talk("cx", "[CANCELLED] Cancel me", day1, "H1"), talk("still", "Still", day1, "H3"))
	v3 := conf(talk("mv", "Move me", day1.Add(2*time.Hour), "H4"), talk("tx", "Text, new words", day1, "H1"),
		talk("cx", "[CANCELLED] Cancel me", day1, "H1"), talk("still", "Still", day1, "H3"))
	// The history, given newest first: the rules must not depend on its order.
	history := []*Set{Compute(v2, v3, t3), Compute(v1, v2, t2), Compute(v0, v1, t1)}

	check := func(id string, seq int, stamp time.Time, cancelled bool) {
		t.Helper()
		got := EventStateOf(id, history, base)
		if got.Sequence != seq || !got.Stamp.Equal(stamp) || got.Cancelled != cancelled {
			t.Errorf("%s: %+v, want sequence %d, stamp %v, cancelled %v", id, got, seq, stamp, cancelled)
		}
	}
	check("mv", 2, t3, false) // moved twice
	check("tx", 0, t2, false) // a text change: same sequence, newer stamp
	check("cx", 1, t2, true)  // cancelled
	check("rm", 1, t2, true)  // removed
	check("still", 0, base, false)
	check("unknown", 0, base, false)

	// Each export after a move has a higher SEQUENCE than the one before it.
	prev := -1
	for i := 1; i <= len(history); i++ {
		got := EventStateOf("mv", history[len(history)-i:], base)
		if got.Sequence < prev {
			t.Errorf("sequence went down: %d after %d", got.Sequence, prev)
		}
		prev = got.Sequence
	}

	starred := []string{"mv", "cx", "rm", "still", "never-known"}
	evs := CalendarEvents(v3, starred, history, base)
	if len(evs) != 4 {
		t.Fatalf("%d events, want 4 (the unknown orphan has no time): %+v", len(evs), evs)
	}
	byID := map[string]CalendarEvent{}
	for _, ev := range evs {
		byID[ev.Session.ID] = ev
	}
	if ev := byID["mv"]; ev.Sequence != 2 || ev.Cancelled || ev.Session.Room != "H4" {
		t.Errorf("moved: %+v %+v", ev.EventState, ev.Session)
	}
	if ev := byID["cx"]; !ev.Cancelled || ev.Sequence != 1 {
		t.Errorf("cancelled: %+v", ev.EventState)
	}
	rm := byID["rm"]
	if !rm.Cancelled || rm.Session.Title != "Remove me" || rm.Session.Room != "H2" ||
		!rm.Session.Start.Equal(day1.Add(time.Hour)) || !rm.Session.End.Equal(day1.Add(90*time.Minute)) || rm.Session.Date != "2026-01-31" {
		t.Errorf("removed, rebuilt from history: %+v %+v", rm.EventState, rm.Session)
	}
	if ev := byID["still"]; ev.Cancelled || ev.Sequence != 0 || !ev.Stamp.Equal(base) {
		t.Errorf("unchanged: %+v", ev.EventState)
	}
	if evs[0].Session.ID != "mv" || evs[3].Session.ID != "still" {
		t.Error("events are not in the order of the ids given")
	}

	// The removed session comes back, then its cancellation (by title) is lifted.
	v4 := conf(talk("mv", "Move me", day1.Add(2*time.Hour), "H4"), talk("cx", "Cancel me", day1, "H1"),
		talk("rm", "Remove me", day1.Add(time.Hour), "H2"), talk("still", "Still", day1, "H3"))
	history = append(history, Compute(v3, v4, t4))
	check("rm", 2, t4, false)
	check("cx", 2, t4, false)
	evs = CalendarEvents(v4, []string{"rm", "cx"}, history, base)
	if len(evs) != 2 || evs[0].Cancelled || evs[1].Cancelled || evs[0].Sequence != 2 {
		t.Errorf("back again: %+v", evs)
	}

	// A session cancelled by a state field from its first import on is
	// exported cancelled although no change set mentions it.
	v5 := conf(talk("st", "Stateful", day1, "H1"))
	v5.Sessions[0].Cancelled = true
	evs = CalendarEvents(v5, []string{"st"}, nil, base)
	if len(evs) != 1 || !evs[0].Cancelled || evs[0].Sequence != 0 {
		t.Errorf("cancelled by state: %+v", evs)
	}
	if evs := CalendarEvents(nil, []string{"rm"}, history[:3], base); len(evs) != 1 || !evs[0].Cancelled {
		t.Errorf("no conference: %+v", evs)
	}
}
