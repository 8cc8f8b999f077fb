package formats

import (
	"strings"
	"testing"
)

// checkOutputSafe is the check every reader's fuzz target makes: nothing a
// reader returns (any text field of the conference, a warning, the error)
// holds a control or bidi character, and one-line fields hold no newline.
func checkOutputSafe(t *testing.T, r *Result, err error) {
	t.Helper()
	checkSafeError(t, err)
	if r == nil {
		return
	}
	field := func(what, s string, multiline bool) {
		t.Helper()
		if rn, bad := unsafeRune(s); bad {
			t.Fatalf("%s holds %U: %q", what, rn, s)
		}
		if !multiline && strings.ContainsAny(s, "\n\r") {
			t.Fatalf("%s is not one line: %q", what, s)
		}
	}
	for _, w := range r.Warnings {
		field("warning", w, false)
	}
	c := r.Conference
	for _, s := range []string{c.Slug, c.Name, c.Edition, c.Start, c.End, c.TimeZone, c.City, c.Venue, c.URL, c.Source} {
		field("conference field", s, false)
	}
	field("notes", c.Notes, true)
	for _, s := range c.Sponsors {
		field("sponsor", s, false)
	}
	for _, x := range c.Contacts {
		field("contact", x.Email+x.Purpose, false)
	}
	for _, d := range c.Days {
		field("day", d.Date+d.Label, false)
	}
	for _, rm := range c.Rooms {
		field("room", rm.Name+rm.ID, false)
	}
	for _, tr := range c.Tracks {
		field("track", tr.Name+tr.Color, false)
	}
	for _, sp := range c.Speakers {
		field("speaker", sp.ID+sp.Name+sp.Company+sp.JobTitle+sp.URL, false)
		field("bio", sp.Bio, true)
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		for _, v := range []string{s.ID, s.Title, s.Subtitle, s.Date, s.Room, s.Track, s.Type, s.Level, s.Language, s.URL, s.FeedbackURL} {
			field("session "+s.ID, v, false)
		}
		field("abstract", s.Abstract, true)
		field("description", s.Description, true)
		for _, l := range [][]string{s.SpeakerIDs, s.Audience, s.Prerequisites, s.Outcomes} {
			for _, v := range l {
				field("session list item", v, false)
			}
		}
		for _, l := range s.Links {
			field("link", l.Title+l.URL, false)
		}
	}
}
