package data

import (
	"container/heap"
	"sort"
	"time"
)

// Agenda is one person's starred sessions of a conference, laid out by day
// with clashes and free time.
type Agenda struct {
	Days        []AgendaDay  // days with starred scheduled sessions, in order
	Unscheduled []AgendaItem // starred sessions with no published time, apart
	Orphans     []string     // ids of starred/rated/noted sessions no longer in the schedule, sorted
}

// AgendaDay is one day of an Agenda.
type AgendaDay struct {
	Date  string       // YYYY-MM-DD
	Items []AgendaItem // by start time, then room
	// Booked is the total time covered by the day's starred sessions: the
	// union of their intervals, so overlaps are not counted twice.
	Booked time.Duration
}

// AgendaItem is one starred session in an Agenda.
type AgendaItem struct {
	Session  *Session
	Personal Personal
	// Clashes holds the ids of the other starred sessions overlapping this
	// one, in agenda order. Back-to-back sessions do not clash.
	Clashes []string
	// FreeBefore is the free time since the latest end of the day's earlier
	// items: 0 for the first item and for one that overlaps an earlier one.
	FreeBefore time.Duration
}

// BuildAgenda lays out the starred sessions of c. mine maps session id to
// what the person recorded for this conference. Clash detection sorts and
// sweeps, so it costs O(n log n) plus the number of clashing pairs.
func BuildAgenda(c *Conference, mine map[string]Personal) Agenda {
	var ag Agenda
	var sched []AgendaItem
	for id, p := range mine {
		s := c.Session(id)
		if s == nil {
			if !p.Empty() {
				ag.Orphans = append(ag.Orphans, id)
			}
			continue
		}
		if !p.Starred {
			continue
		}
		it := AgendaItem{Session: s, Personal: p}
		if s.Scheduled() {
			sched = append(sched, it)
		} else {
			ag.Unscheduled = append(ag.Unscheduled, it)
		}
	}
	sort.Strings(ag.Orphans)
	sort.Slice(ag.Unscheduled, func(i, j int) bool {
		return sessionLess(ag.Unscheduled[i].Session, ag.Unscheduled[j].Session)
	})
	sort.Slice(sched, func(i, j int) bool { return agendaLess(sched[i].Session, sched[j].Session) })
	markClashes(sched)

	for i := 0; i < len(sched); {
		date := sched[i].Session.Date
		j := i
		for j < len(sched) && sched[j].Session.Date == date {
			j++
		}
		day := AgendaDay{Date: date, Items: sched[i:j:j]}
		var maxEnd time.Time // latest end so far this day
		for k := range day.Items {
			s := day.Items[k].Session
			end := s.End
			if end.Before(s.Start) {
				end = s.Start
			}
			switch {
			case k == 0:
				day.Booked += end.Sub(s.Start)
				maxEnd = end
			case s.Start.After(maxEnd):
				day.Items[k].FreeBefore = s.Start.Sub(maxEnd)
				day.Booked += end.Sub(s.Start)
				maxEnd = end
			case end.After(maxEnd):
				day.Booked += end.Sub(maxEnd)
				maxEnd = end
			}
		}
		ag.Days = append(ag.Days, day)
		i = j
	}
	return ag
}

// agendaLess orders scheduled sessions by day, start, room, title, id.
func agendaLess(a, b *Session) bool {
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	if !a.Start.Equal(b.Start) {
		return a.Start.Before(b.Start)
	}
	if a.Room != b.Room {
		return a.Room < b.Room
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.ID < b.ID
}

// clashEnd is the end used for overlap tests: a session with no length
// still occupies its start instant.
func clashEnd(s *Session) time.Time {
	if !s.End.After(s.Start) {
		return s.Start.Add(time.Nanosecond)
	}
	return s.End
}

// endHeap is a min-heap of item indices ordered by clash end.
type endHeap struct {
	idx   []int
	items []AgendaItem
}

func (h *endHeap) Len() int { return len(h.idx) }
func (h *endHeap) Less(i, j int) bool {
	return clashEnd(h.items[h.idx[i]].Session).Before(clashEnd(h.items[h.idx[j]].Session))
}
func (h *endHeap) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *endHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *endHeap) Pop() any {
	n := len(h.idx) - 1
	x := h.idx[n]
	h.idx = h.idx[:n]
	return x
}

// markClashes fills Clashes for items sorted by start: sweep in start order,
// keeping the sessions still running in a heap by end. Everything left in the
// heap after dropping what ended by the current start overlaps it.
func markClashes(items []AgendaItem) {
	// Order by start only for the sweep (items may be grouped by local date,
	// and a session can run past midnight into the next day).
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return items[order[a]].Session.Start.Before(items[order[b]].Session.Start)
	})
	pairs := make([][]int, len(items))
	h := &endHeap{items: items}
	for _, i := range order {
		start := items[i].Session.Start
		for h.Len() > 0 && !clashEnd(items[h.idx[0]].Session).After(start) {
			heap.Pop(h)
		}
		for _, j := range h.idx {
			pairs[i] = append(pairs[i], j)
			pairs[j] = append(pairs[j], i)
		}
		heap.Push(h, i)
	}
	for i, ps := range pairs {
		if len(ps) == 0 {
			continue
		}
		sort.Ints(ps) // items are in agenda order already
		ids := make([]string, len(ps))
		for k, j := range ps {
			ids[k] = items[j].Session.ID
		}
		items[i].Clashes = ids
	}
}
