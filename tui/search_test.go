package tui

import (
	"fmt"
	"strings"
	"testing"
)

func speakersScreen(m *Model) *speakersModel { return m.tabs[tabSpeakers].c.(*speakersModel) }

// The Speakers screen searches names and companies as you type, with the
// sessions' rules: folding, word starts, fuzzy from four letters.
func TestSpeakersSearch(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	press(m, "tab", "tab", "/")
	sp := speakersScreen(m)
	if !sp.searching {
		t.Fatal("/ should open the search field")
	}
	all := len(sp.rows)
	typeText(m, "bjorn")
	if len(sp.rows) != 1 || m.sh.conf.Speakers[sp.rows[0].Index].Name != "Björn Rabenstein" {
		t.Fatalf("bjorn: %+v", sp.rows)
	}
	if out := plain(m); !strings.Contains(out, "/ bjorn") || !strings.Contains(out, fmt.Sprintf("1 of %d", all)) {
		t.Errorf("search line:\n%s", out)
	}
	if !strings.Contains(plain(m), "Björn Rabenstein") || sp.rows[0].Name == nil {
		t.Errorf("the name is not drawn, or not highlighted (%v):\n%s", sp.rows[0].Name, plain(m))
	}
	// Backspace edits the text (it is not "back" while typing).
	press(m, "backspace", "backspace", "backspace", "backspace", "backspace")
	typeText(m, "jones")
	if len(sp.rows) == 0 || m.sh.conf.Speakers[sp.rows[0].Index].Name != "Liz Fong-Jones" || len(sp.rows[0].Name) != 5 {
		t.Fatalf("jones: %+v", sp.rows)
	}
	// A company, and a misspelt name (letters left out).
	press(m, "esc", "/")
	typeText(m, "honeycomb")
	if len(sp.rows) == 0 || m.sh.conf.Speakers[sp.rows[0].Index].Name != "Liz Fong-Jones" {
		t.Errorf("honeycomb: %+v", sp.rows)
	}
	press(m, "esc", "/")
	typeText(m, "rabnstein")
	if len(sp.rows) != 1 || m.sh.conf.Speakers[sp.rows[0].Index].Name != "Björn Rabenstein" {
		t.Errorf("rabnstein: %+v", sp.rows)
	}
	// enter keeps the results; enter then opens the speaker; esc comes back
	// to the results, and esc again clears them.
	press(m, "enter")
	if sp.searching || len(sp.rows) != 1 {
		t.Fatalf("enter should keep the results: searching %v, %d rows", sp.searching, len(sp.rows))
	}
	press(m, "enter")
	if pg, ok := top(m).(*speakerPage); !ok || m.sh.conf.Speaker(pg.id).Name != "Björn Rabenstein" {
		t.Fatalf("enter opened %#v", top(m))
	}
	press(m, "esc")
	if len(m.stack) != 0 || len(sp.rows) != 1 {
		t.Fatalf("esc should close the page and keep the results: %d pages, %d rows", len(m.stack), len(sp.rows))
	}
	press(m, "esc")
	if len(sp.rows) != all || sp.search.Value() != "" {
		t.Errorf("esc should clear the search: %d of %d rows", len(sp.rows), all)
	}
	// Nothing found says so; ↓ moves through results while typing.
	press(m, "/")
	typeText(m, "zzqqzz")
	if !strings.Contains(plain(m), "No speakers match") {
		t.Errorf("no match:\n%s", plain(m))
	}
	press(m, "esc", "/")
	typeText(m, "an")
	if len(sp.rows) < 2 {
		t.Fatalf("an: %d rows", len(sp.rows))
	}
	press(m, "down")
	if sp.nav.cursor != 1 || sp.search.Value() != "an" {
		t.Errorf("↓ while typing: cursor %d, text %q", sp.nav.cursor, sp.search.Value())
	}
	// The field syntax works here too: the speakers of a session's track.
	press(m, "esc", "/")
	typeText(m, "type:keynote")
	for _, r := range sp.rows {
		found := false
		for _, s := range m.sh.conf.SessionsOf(m.sh.conf.Speakers[r.Index].ID) {
			found = found || strings.EqualFold(s.Type, "keynote")
		}
		if !found {
			t.Errorf("type:keynote lists %s, who gives no keynote", m.sh.conf.Speakers[r.Index].Name)
		}
	}
	if len(sp.rows) < 5 {
		t.Errorf("type:keynote: %d speakers", len(sp.rows))
	}
}

func filters(m *Model) *filterPanel { return top(m).(*filterPanel) }

// In the filter panel, / finds a value as you type its name, and enter
// picks it.
func TestFilterPanelFind(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	press(m, "f")
	p := filters(m)
	start := p.nav.cursor
	press(m, "/")
	if !p.finding {
		t.Fatal("/ should open the find field")
	}
	at := func() filterItem { return p.items[p.nav.cursor] }
	for _, tc := range []struct {
		typed string
		facet string
		label string
	}{
		{"h", "room", "Hall A1"},
		{"hall a6", "room", "Hall A6"},
		{"keyn", "type", "Keynote"},
		{"thursday", "day", ""},
		{"m1", "room", "M1"},
		{"intermed", "level", "Intermediate"},
		{"intrmediate", "level", "Intermediate"}, // a letter left out
	} {
		p.find.SetValue("")
		typeText(m, tc.typed)
		if it := at(); string(it.facet) != tc.facet || tc.label != "" && it.label != tc.label {
			t.Errorf("%q: cursor on %s %q", tc.typed, it.facet, it.label)
		}
		if !strings.Contains(plain(m), "find: "+tc.typed) {
			t.Errorf("%q: the field is not shown:\n%s", tc.typed, plain(m))
		}
	}
	// esc goes back to where the cursor was, and types nothing more.
	press(m, "esc")
	if p.finding || p.nav.cursor != start {
		t.Errorf("esc: finding %v, cursor %d, want %d", p.finding, p.nav.cursor, start)
	}
	// enter picks the value found: the room filter is on.
	press(m, "/")
	typeText(m, "hall a6")
	press(m, "enter")
	if p.finding || len(m.sh.query.Rooms) != 1 || m.sh.query.Rooms[0] != "Hall A6" {
		t.Fatalf("enter should pick Hall A6: finding %v, rooms %v", p.finding, m.sh.query.Rooms)
	}
	for _, h := range m.sh.hits {
		if h.Session.Room != "Hall A6" {
			t.Errorf("%s is not in Hall A6", h.Session.ID)
		}
	}
	// Nothing matching leaves the cursor where it is; enter on an empty
	// field picks nothing.
	press(m, "/")
	before := p.nav.cursor
	typeText(m, "zzqq")
	if p.nav.cursor != before {
		t.Errorf("zzqq moved the cursor")
	}
	press(m, "esc", "/", "enter")
	if len(m.sh.query.Rooms) != 1 {
		t.Errorf("enter with no text toggled something: %v", m.sh.query.Rooms)
	}
	// Keys that are letters are text while finding: f does not close the panel.
	press(m, "/")
	typeText(m, "f")
	if top(m) != p || p.find.Value() != "f" {
		t.Errorf("f while finding should be typed")
	}
}

// The ? page shows the search syntax beside the keys, at 80×24 without
// scrolling.
func TestHelpShowsSearchSyntax(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	press(m, "?")
	out := plain(m)
	for _, want := range []string{"kube lat", "a | b", "!a", "'a", "^a  a$", "title: speaker:", "track: room: type: day:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the ? page lacks %q:\n%s", want, out)
		}
	}
	if p := top(m).(*helpPage); p.pg.more(m.sh) {
		t.Errorf("the ? page no longer fits 80×24")
	}
}
