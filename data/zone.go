package data

import "time"

// Display is the zone lineup shows times in: the conference's own zone by
// default, or the viewer's local zone when they toggle it (`z` in the TUI,
// --local in the CLI). Every shown clock time, every day heading and the
// JSON offsets go through one Display, so a list, a page and the Now screen
// always agree. The zero Display shows each time in the zone it carries,
// which for indexed sessions is the conference's zone.
type Display struct {
	// Loc is the zone times are shown in; nil means each time's own zone.
	Loc *time.Location
	// Local is true when Loc is the viewer's zone rather than the
	// conference's.
	Local bool

	confName string // how the conference's zone is named in labels
	differs  bool   // the conference's zone and the viewer's disagree on some conference day
}

// NewDisplay returns the Display for c: the conference's zone, or local
// when useLocal is set. local is the viewer's zone (time.Local in
// production; nil means time.Local).
func NewDisplay(c *Conference, useLocal bool, local *time.Location) Display {
	if local == nil {
		local = time.Local
	}
	conf := c.Location()
	d := Display{Loc: conf, confName: zoneName(c.TimeZone), differs: zonesDiffer(c, conf, local)}
	if useLocal {
		d.Loc, d.Local = local, true
	}
	return d
}

// zoneName names a conference zone for a label: the IANA name, "UTC+01:00"
// for a fixed offset, "UTC" when none is known.
func zoneName(tz string) string {
	switch {
	case tz == "":
		return "UTC"
	case tz[0] == '+' || tz[0] == '-':
		return "UTC" + tz
	}
	return LoadZone(tz).String()
}

// zonesDiffer reports whether a and b give a different UTC offset at noon
// (in a) on any of the conference's days, or now-ish when it has none. Two
// zone names that agree throughout the conference (Europe/Paris seen from
// Europe/Berlin) do not differ.
func zonesDiffer(c *Conference, a, b *time.Location) bool {
	dates := c.Dates()
	if len(dates) == 0 && c.Start != "" {
		dates = []string{c.Start}
	}
	for _, d := range dates {
		t, err := time.ParseInLocation(DateLayout, d, a)
		if err != nil {
			continue
		}
		t = t.Add(12 * time.Hour)
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return true
		}
	}
	if len(dates) == 0 {
		return a.String() != b.String()
	}
	return false
}

// In returns t in the shown zone.
func (d Display) In(t time.Time) time.Time {
	if d.Loc == nil || t.IsZero() {
		return t
	}
	return t.In(d.Loc)
}

// Clock formats t as "15:04" in the shown zone.
func (d Display) Clock(t time.Time) string { return d.In(t).Format("15:04") }

// TimeRange is TimeRange in the shown zone: "04:00–04:40", or NotAnnounced.
func (d Display) TimeRange(s *Session) string { return TimeRangeIn(s, d.Loc) }

// Day is the day a session is grouped under in the shown zone (YYYY-MM-DD).
// In the conference's own zone it is the session's Date, so a night session
// that a schedule files under the day before (36C3's 00:50 Hacker Jeopardy
// belongs to day 1) stays there, exactly as without a Display. In a local
// zone that differs from the conference's it is the date the session starts
// on there. Unscheduled sessions keep their Date.
func (d Display) Day(s *Session) string { return DayIn(s, d.local()) }

// local is the zone days are grouped in, nil for the sessions' own days.
// A local zone that agrees with the conference's throughout groups like it,
// so toggling changes nothing there.
func (d Display) local() *time.Location {
	if d.Local && d.differs {
		return d.Loc
	}
	return nil
}

// Date is the calendar day of an instant in the shown zone (YYYY-MM-DD).
func (d Display) Date(t time.Time) string { return d.In(t).Format(DateLayout) }

// Differs reports whether the conference's zone and the viewer's give
// different clock times on some conference day, which is when toggling
// changes anything.
func (d Display) Differs() bool { return d.differs }

// Name names the shown zone: "Europe/Berlin", "UTC+01:00" or "local time".
func (d Display) Name() string {
	if d.Local {
		return "local time"
	}
	return d.confName
}

// Label is what a header shows about the zone: "times in Europe/Berlin"
// when the shown zone is not the viewer's own, "" when it is (the local
// zone is shown, or the conference's zone agrees with it throughout).
func (d Display) Label() string {
	if d.Local || !d.differs {
		return ""
	}
	return "times in " + d.confName
}

// TimeRangeIn formats a session's time as "11:35–12:15" in loc, or in the
// session's own zone when loc is nil (which is what TimeRange does).
func TimeRangeIn(s *Session, loc *time.Location) string {
	if !s.Scheduled() {
		return NotAnnounced
	}
	start, end := s.Start, s.End
	if loc != nil {
		start, end = start.In(loc), end.In(loc)
	}
	return start.Format("15:04") + "–" + end.Format("15:04")
}

// DayIn is the day a session is grouped under when times show in loc: the
// date its start falls on there, or its own Date when loc is nil (the
// conference's zone) or it is unscheduled; "" for no session.
func DayIn(s *Session, loc *time.Location) string {
	if s == nil {
		return ""
	}
	if loc == nil || !s.Scheduled() {
		return s.Date
	}
	return s.Start.In(loc).Format(DateLayout)
}

// Show returns c as it shows in the shown zone. In the conference's own
// zone that is c itself. In the local zone it is a copy (c is left alone)
// whose scheduled sessions have their times in that zone, each filed under
// its day there (Day), in programme order: what the CLI's --local and the
// TUI's z list, group by day and print.
func (d Display) Show(c *Conference) *Conference {
	if !d.Local {
		return c
	}
	cc := *c
	cc.Sessions = append([]Session(nil), c.Sessions...)
	c = &cc
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Date = d.Day(s)
		if s.Scheduled() {
			s.Start, s.End = d.In(s.Start), d.In(s.End)
		}
	}
	c.sortSessions()
	return c
}
