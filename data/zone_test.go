package data_test

import (
	"testing"
	"time"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
)

// A conference in Berlin over the night clocks go back there (25 October
// 2026), seen from New York, where they go back a week later.
func dstConference(t *testing.T) *data.Conference {
	berlin := mustZone(t, "Europe/Berlin")
	c := &data.Conference{
		Slug: "dst", Name: "DST", TimeZone: "Europe/Berlin", Start: "2026-10-24", End: "2026-10-26",
		Rooms: []data.Room{{Name: "Main"}},
		Sessions: []data.Session{
			sess(t, berlin, "sat", "Main", "Saturday ten", "", "2026-10-24 10:00", "2026-10-24 10:45"),
			sess(t, berlin, "late", "Main", "Saturday late", "", "2026-10-24 23:30", "2026-10-25 00:30"),
			sess(t, berlin, "mon", "Main", "Monday ten", "", "2026-10-26 10:00", "2026-10-26 10:45"),
			sess(t, berlin, "night", "Main", "Monday night", "2026-10-25", "2026-10-26 01:30", "2026-10-26 02:00"),
		},
	}
	c.Prepare()
	return c
}

func TestDisplayAcrossDST(t *testing.T) {
	c := dstConference(t)
	ny := mustZone(t, "America/New_York")
	local := data.NewDisplay(c, true, ny)
	conf := data.NewDisplay(c, false, ny)
	for _, tc := range []struct {
		id                    string
		confRange, localRange string
		confDay, localDay     string
	}{
		// 10:00 CEST (+02:00) is 04:00 EDT (-04:00).
		{"sat", "10:00–10:45", "04:00–04:45", "2026-10-24", "2026-10-24"},
		// 10:00 CET (+01:00) is 05:00 EDT (-04:00): Berlin's clocks went back, New York's not yet.
		{"mon", "10:00–10:45", "05:00–05:45", "2026-10-26", "2026-10-26"},
		// 23:30 CEST on the 24th is 17:30 in New York, the same day.
		{"late", "23:30–00:30", "17:30–18:30", "2026-10-24", "2026-10-24"},
		// 01:30 CET on the 26th, filed under the 25th by the schedule, is
		// 20:30 on the 25th in New York: grouping follows the shown zone.
		{"night", "01:30–02:00", "20:30–21:00", "2026-10-25", "2026-10-25"},
	} {
		s := c.Session(tc.id)
		if got := conf.TimeRange(s); got != tc.confRange || got != data.TimeRange(s) {
			t.Errorf("%s in Berlin: %q (TimeRange %q), want %q", tc.id, got, data.TimeRange(s), tc.confRange)
		}
		if got := local.TimeRange(s); got != tc.localRange {
			t.Errorf("%s in New York: %q, want %q", tc.id, got, tc.localRange)
		}
		if got := conf.Day(s); got != tc.confDay {
			t.Errorf("%s day in Berlin: %s, want %s", tc.id, got, tc.confDay)
		}
		if got := local.Day(s); got != tc.localDay {
			t.Errorf("%s day in New York: %s, want %s", tc.id, got, tc.localDay)
		}
	}
	// The Berlin schedule files the night under the 25th; seen from Tokyo it
	// starts on the 26th at 09:30, and is grouped there.
	tokyo := data.NewDisplay(c, true, mustZone(t, "Asia/Tokyo"))
	if s := c.Session("night"); tokyo.Day(s) != "2026-10-26" || tokyo.TimeRange(s) != "09:30–10:00" {
		t.Errorf("Tokyo: %s %s", tokyo.Day(s), tokyo.TimeRange(s))
	}
	// A viewer in Berlin who toggles to local time sees the schedule's own
	// days: the night stays on the 25th.
	same := data.NewDisplay(c, true, mustZone(t, "Europe/Berlin"))
	if s := c.Session("night"); same.Day(s) != "2026-10-25" || same.TimeRange(s) != "01:30–02:00" || same.Label() != "" {
		t.Errorf("local zone equal to the conference's: %s %s %q", same.Day(s), same.TimeRange(s), same.Label())
	}
	if got := local.In(c.Session("mon").Start).Format(time.RFC3339); got != "2026-10-26T05:00:00-04:00" {
		t.Errorf("JSON time in the shown zone: %s", got)
	}
	if got := conf.In(c.Session("mon").Start).Format(time.RFC3339); got != "2026-10-26T10:00:00+01:00" {
		t.Errorf("JSON time in the conference zone: %s", got)
	}

	// Now & next groups its day in the shown zone too: at 20:45 on the 25th
	// in New York the night session runs on the 25th there.
	n := data.NowAndNext(c, nil, nil, instant(t, "2026-10-25T20:45:00-04:00"), local)
	if n.State != data.During || n.Day != "2026-10-25" || len(n.Rooms) != 1 || idOf(n.Rooms[0].Running) != "night" {
		t.Errorf("now in New York: %v %s %+v", n.State, n.Day, n.Rooms)
	}
	if got := n.At.Format("15:04 MST"); got != "20:45 EDT" {
		t.Errorf("now shown as %s", got)
	}
	if got := data.UpNextText(c.Session("mon"), n.At, local); got != "Mon 05:00 Main · Monday ten · in 8 h 15 min" {
		t.Errorf("next in New York: %q", got)
	}
}

func TestDisplayLabel(t *testing.T) {
	c := dstConference(t)
	ny := mustZone(t, "America/New_York")
	for _, tc := range []struct {
		name      string
		useLocal  bool
		local     *time.Location
		label, zn string
		differs   bool
	}{
		{"conference zone seen from New York", false, ny, "times in Europe/Berlin", "Europe/Berlin", true},
		{"local zone shown", true, ny, "", "local time", true},
		{"viewer in Berlin", false, mustZone(t, "Europe/Berlin"), "", "Europe/Berlin", false},
		// Paris keeps Berlin's clock all year: nothing to say.
		{"viewer in Paris", false, mustZone(t, "Europe/Paris"), "", "Europe/Berlin", false},
		// London is an hour behind throughout.
		{"viewer in London", false, mustZone(t, "Europe/London"), "times in Europe/Berlin", "Europe/Berlin", true},
	} {
		d := data.NewDisplay(c, tc.useLocal, tc.local)
		if d.Label() != tc.label || d.Name() != tc.zn || d.Differs() != tc.differs {
			t.Errorf("%s: label %q name %q differs %v", tc.name, d.Label(), d.Name(), d.Differs())
		}
	}
	// A file that gave offsets but no zone name.
	fixed := &data.Conference{TimeZone: "+01:00", Start: "2019-12-27"}
	if got := data.NewDisplay(fixed, false, time.UTC).Label(); got != "times in UTC+01:00" {
		t.Errorf("fixed offset: %q", got)
	}
}

// The default Display changes nothing: every session of the built-in
// conference keeps its time range and its day.
func TestDisplayDefaultIsUnchanged(t *testing.T) {
	c := builtin.Conference()
	for _, d := range []data.Display{{}, data.NewDisplay(c, false, time.UTC)} {
		for i := range c.Sessions {
			s := &c.Sessions[i]
			if d.TimeRange(s) != data.TimeRange(s) || d.Day(s) != s.Date || data.TimeRangeIn(s, nil) != data.TimeRange(s) || data.DayIn(s, nil) != s.Date {
				t.Fatalf("%s: %s %s, want %s %s", s.ID, d.TimeRange(s), d.Day(s), data.TimeRange(s), s.Date)
			}
		}
	}
	if data.DayIn(nil, time.UTC) != "" {
		t.Error("no session has no day")
	}
}
