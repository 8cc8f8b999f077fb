package timetable

import "time"

// Moving between sessions in space. Each function takes the index of the
// focused session and returns the index of the one to focus, or -1 when
// there is none that way (the caller stays where it is).

// Left returns the session to the left of session i: in the nearest room to
// the left with a session overlapping i in time (the one overlapping most;
// on a tie the one starting closest to i), else in the nearest room to the
// left that has sessions, the one nearest in time.
func (d *Day) Left(i int) int { return d.sideways(i, -1) }

// Right is Left to the right.
func (d *Day) Right(i int) int { return d.sideways(i, 1) }

// Up returns the session before i in the same room, else the one starting
// last before i in any room (on a tie, the nearest room).
func (d *Day) Up(i int) int { return d.vertical(i, -1) }

// Down returns the session after i in the same room, else the one starting
// first after i in any room (on a tie, the nearest room).
func (d *Day) Down(i int) int { return d.vertical(i, 1) }

func (d *Day) valid(i int) bool { return i >= 0 && i < len(d.col) && d.col[i] >= 0 }

func (d *Day) sideways(i, dir int) int {
	if !d.valid(i) {
		return d.First()
	}
	c := d.col[i]
	start, end := d.sessions[i].Start, d.endOf(i)
	fallback := -1
	for col := c + dir; col >= 0 && col < len(d.byCol); col += dir {
		best, bestOverlap := -1, time.Duration(-1)
		for _, j := range d.byCol[col] {
			ov := overlap(start, end, d.sessions[j].Start, d.endOf(j))
			if ov < 0 {
				continue
			}
			if ov > bestOverlap || ov == bestOverlap && absDur(d.sessions[j].Start.Sub(start)) < absDur(d.sessions[best].Start.Sub(start)) {
				best, bestOverlap = j, ov
			}
		}
		if best >= 0 {
			return best
		}
		if fallback < 0 && len(d.byCol[col]) > 0 {
			fallback = d.nearestIn(col, start, end)
		}
	}
	return fallback
}

// overlap is how long [a1, a2) and [b1, b2) share; -1 when they do not
// meet. Two sessions of no length at the same instant overlap by 0.
func overlap(a1, a2, b1, b2 time.Time) time.Duration {
	lo, hi := a1, a2
	if b1.After(lo) {
		lo = b1
	}
	if b2.Before(hi) {
		hi = b2
	}
	switch {
	case hi.After(lo):
		return hi.Sub(lo)
	case hi.Equal(lo) && (a1.Equal(a2) || b1.Equal(b2)) && !lo.Before(a1) && !lo.Before(b1):
		return 0
	}
	return -1
}

// nearestIn returns the session of column col nearest in time to [start, end).
func (d *Day) nearestIn(col int, start, end time.Time) int {
	best, bestGap := -1, time.Duration(0)
	for _, j := range d.byCol[col] {
		gap := d.sessions[j].Start.Sub(end)
		if g := start.Sub(d.endOf(j)); g > gap {
			gap = g
		}
		gap = max(gap, 0)
		if best < 0 || gap < bestGap {
			best, bestGap = j, gap
		}
	}
	return best
}

func (d *Day) vertical(i, dir int) int {
	if !d.valid(i) {
		return d.First()
	}
	c := d.col[i]
	ids := d.byCol[c]
	for k, j := range ids {
		if j != i {
			continue
		}
		if k+dir >= 0 && k+dir < len(ids) {
			return ids[k+dir]
		}
		break
	}
	// Nothing more in this room: the nearest in time in any other room.
	start := d.sessions[i].Start
	best := -1
	for col := range d.byCol {
		if col == c {
			continue
		}
		for _, j := range d.byCol[col] {
			t := d.sessions[j].Start
			if dir > 0 && !t.After(start) || dir < 0 && !t.Before(start) {
				continue
			}
			if best < 0 {
				best = j
				continue
			}
			bt := d.sessions[best].Start
			closer := dir > 0 && t.Before(bt) || dir < 0 && t.After(bt)
			if closer || t.Equal(bt) && absInt(col-c) < absInt(d.col[best]-c) {
				best = j
			}
		}
	}
	return best
}

func absDur(x time.Duration) time.Duration {
	if x < 0 {
		return -x
	}
	return x
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
