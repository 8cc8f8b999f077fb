package tui

import (
	"strings"
	"testing"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
)

// hostile is text a reader might forget to clean: OSC 0 and OSC 52, a device
// status report, a cursor move, C1 CSI and OSC, bidi overrides, a carriage
// return, a tab and a NUL.
const hostile = "A\x1b]0;pwned\x07B\x1b]52;c;ZWNobyBoaQ==\x1b\\C\x1b[6nD\x1b[2;2HE\u009b2JF\u009d0;t\u009cG\u202eH\u2066I\rJ\x00K\tL"

// assertFrameSafe fails unless every escape in s is SGR or OSC 8, and s
// holds no other control (but newline), C1, bidi control or bad UTF-8.
func assertFrameSafe(t *testing.T, what, s string) {
	t.Helper()
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n, keep := frameEscape(s[i:])
			if !keep {
				t.Errorf("%s: escape %q drawn", what, s[i:i+n])
				return
			}
			i += n
			continue
		}
		r, n := rune(s[i]), 1
		if r >= 0x80 {
			r, n = decodeRune(s[i:])
		}
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: %U drawn at %d: %q", what, r, i, s[max(0, i-30):min(len(s), i+30)])
			return
		}
		i += n
	}
}

// Every screen and page of a conference whose text no reader cleaned: the
// frame the terminal receives holds styles and links, nothing else.
func TestFrameOfHostileConference(t *testing.T) {
	st := openStore(t)
	c := builtin.Conference()
	c.Name, c.Edition, c.City, c.Venue = hostile, hostile, hostile, hostile
	for i := range c.Days {
		c.Days[i].Label = hostile
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Title, s.Room, s.Track, s.Type, s.Level, s.Abstract, s.URL = hostile, hostile, hostile, hostile, hostile, hostile+"\n"+hostile, "https://example.org/"+hostile
	}
	for i := range c.Speakers {
		c.Speakers[i].Name, c.Speakers[i].Bio = hostile, hostile
	}
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNote(data.BuiltinSlug, c.Sessions[0].ID, "note \x1b]0;x\x07"+hostile); err != nil {
		t.Fatal(err)
	}
	st.SetStarred(data.BuiltinSlug, c.Sessions[0].ID, true)
	m := newModel(t, st, 100, 40)
	frame := func(what string) { assertFrameSafe(t, what, m.View().Content) }
	frame("sessions")
	press(m, "enter")
	frame("session page")
	press(m, "esc", "tab")
	frame("agenda")
	press(m, "tab")
	frame("speakers")
	press(m, "enter")
	frame("speaker page")
	press(m, "esc", "tab")
	frame("info")
	press(m, "tab", "f")
	frame("filters")
	if !strings.Contains(m.View().Content, "A") {
		t.Error("the frame lost the text itself")
	}
}

func TestSafeFrame(t *testing.T) {
	styled := "\x1b[1;31mred\x1b[m \x1b]8;;https://example.org\x07link\x1b]8;;\x07\n"
	if got := safeFrame(styled); got != styled {
		t.Errorf("styles or links changed: %q", got)
	}
	if got := safeFrame("a\x1b]0;t\x07b\x1b[6nc\u009b2Jd\u202ee\tf\rg\x00h\xffi"); got != "abcdefgh\uFFFDi" {
		t.Errorf("got %q", got)
	}
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			if r == 0xFFFD && !strings.HasPrefix(s, "\uFFFD") {
				n = 1
			}
			return r, n
		}
	}
	return 0xFFFD, 1
}

// A source URL with credentials, stored by an older lineup: the Info
// screen names it without them.
func TestInfoHidesCredentials(t *testing.T) {
	st := openStore(t)
	c := builtin.Conference()
	c.Source = "https://alice:s3cret@example.org/schedule.xml"
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, st, 100, 40)
	toTab(m, tabInfo)
	out := m.View().Content
	if !strings.Contains(out, "example.org/schedule.xml") || strings.Contains(out, "s3cret") || strings.Contains(out, "alice") {
		t.Errorf("Info screen:\n%s", plain(m))
	}
}
