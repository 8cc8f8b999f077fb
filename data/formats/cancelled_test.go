package formats

import "testing"

// Schedules that mark a session as cancelled in a field of its own: the
// schedule2 state of schedule.json and iCalendar's STATUS.
func TestCancelledState(t *testing.T) {
	in := `{"schedule": {"version": "v", "conference": {"acronym": "st", "title": "States", "start": "2022-01-01T00:00:00+01:00",
	  "end": "2022-01-02T00:00:00+01:00", "time_zone_name": "Europe/Amsterdam",
	  "days": [{"index": 1, "date": "2022-01-01", "start": "2022-01-01T08:00:00+01:00", "end": "2022-01-01T20:00:00+01:00"}]},
	  "events": [
	    {"guid": "on", "start": "2022-01-01T10:00:00+01:00", "end": "2022-01-01T10:45:00+01:00", "title": "Held", "room": {"name": "Main"}, "state": "CONFIRMED"},
	    {"guid": "off", "start": "2022-01-01T11:00:00+01:00", "end": "2022-01-01T11:45:00+01:00", "title": "Not held", "room": {"name": "Main"}, "state": "canceled"},
	    {"guid": "gone", "start": "2022-01-01T12:00:00+01:00", "end": "2022-01-01T12:45:00+01:00", "title": "Withdrawn", "room": {"name": "Main"}, "state": "WITHDRAWN"},
	    {"guid": "plain", "start": "2022-01-01T13:00:00+01:00", "end": "2022-01-01T13:45:00+01:00", "title": "No state", "room": {"name": "Main"}}
	  ]}}`
	r, err := Parse([]byte(in), FormatAuto, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"on": false, "off": true, "gone": true, "plain": false} {
		if s := r.Conference.Session(id); s == nil || s.Cancelled != want {
			t.Errorf("%s: cancelled %v, want %v", id, s != nil && s.Cancelled, want)
		}
	}

	doc := icalDoc("",
		"UID:a\nSUMMARY:Held\nDTSTART:20250101T100000Z\nSTATUS:CONFIRMED\n",
		"UID:b\nSUMMARY:Not held\nDTSTART:20250101T110000Z\nSTATUS:cancelled\n")
	c := parseICalString(t, doc, Options{}).Conference
	if c.Session("a").Cancelled || !c.Session("b").Cancelled {
		t.Errorf("iCalendar STATUS: a %v, b %v", c.Session("a").Cancelled, c.Session("b").Cancelled)
	}
}
