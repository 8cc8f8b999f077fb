package tui

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/store"
)

// helpState is one screen in one state, made afresh for every key tried.
type helpState struct {
	name string
	kind string // states of one kind together bind what their help shows
	// typing: keys that are not bound are typed into a text field.
	typing bool
	// anyKey: every key that is not bound closes the page.
	anyKey bool
	make   func(t *testing.T) *Model
}

func helpStates() []helpState {
	model := func(t *testing.T, w, h int, starred ...string) *Model {
		return newModel(t, newMemStore(starred...), w, h)
	}
	// after is a model w×h after the keys.
	after := func(w, h int, keys ...string) func(t *testing.T) *Model {
		return func(t *testing.T) *Model {
			m := model(t, w, h)
			press(m, keys...)
			return m
		}
	}
	pushed := func(w, h int, page func(sh *shared) component) func(t *testing.T) *Model {
		return func(t *testing.T) *Model {
			m := model(t, w, h)
			send(m, pushMsg{page(m.sh)})
			return m
		}
	}
	speaker := func(sh *shared) string {
		for _, sp := range sh.conf.Speakers {
			if sp.Name == "Liz Fong-Jones" {
				return sp.ID
			}
		}
		return ""
	}
	return []helpState{
		{name: "sessions", kind: "sessions", make: func(t *testing.T) *Model { return model(t, 80, 24) }},
		{name: "sessions with search, chip and sort", kind: "sessions", make: func(t *testing.T) *Model {
			m := model(t, 80, 24)
			press(m, "/")
			typeText(m, "kube")
			press(m, "enter", "o")
			q := m.sh.query
			q.Rooms = []string{"Hall A1"}
			settle(m, sessions(m).setQuery(q, ""))
			m.status = ""
			return m
		}},
		{name: "sessions with tracks", kind: "sessions", make: func(t *testing.T) *Model {
			st := newMemStore()
			st.c = builtin.Conference() // changed below, so not the shared one
			for i := range st.c.Sessions {
				st.c.Sessions[i].Track = "Operations"
			}
			return newModel(t, st, 80, 24)
		}},
		{name: "sessions, nothing matches", kind: "sessions", make: func(t *testing.T) *Model {
			m := model(t, 80, 24)
			press(m, "/")
			typeText(m, "zzqqzz")
			press(m, "enter")
			return m
		}},
		{name: "search field", kind: "search", typing: true, make: after(80, 24, "/")},
		{name: "agenda, empty", kind: "agenda", make: after(80, 24, "tab")},
		{name: "agenda", kind: "agenda", make: func(t *testing.T) *Model {
			m := model(t, 80, 24, k8sID, "vlb19-struve-monitoring", "vlb19-gitops-101", "vlb19-gone-session")
			press(m, "tab")
			return m
		}},
		{name: "speakers", kind: "speakers", make: after(80, 24, "tab", "tab")},
		{name: "speakers with search", kind: "speakers", make: func(t *testing.T) *Model {
			m := after(80, 24, "tab", "tab", "/")(t)
			typeText(m, "jones")
			press(m, "enter")
			return m
		}},
		{name: "speakers, nothing matches", kind: "speakers", make: func(t *testing.T) *Model {
			m := after(80, 24, "tab", "tab", "/")(t)
			typeText(m, "zzqqzz")
			press(m, "enter")
			return m
		}},
		{name: "speaker search field", kind: "speaker search", typing: true, make: after(80, 24, "tab", "tab", "/")},
		{name: "timetable", kind: "timetable", make: func(t *testing.T) *Model {
			m := model(t, 80, 24)
			toTab(m, tabTimetable)
			return m
		}},
		{name: "timetable, wide", kind: "timetable", make: func(t *testing.T) *Model {
			m := model(t, 200, 50)
			toTab(m, tabTimetable)
			press(m, "]")
			return m
		}},
		{name: "timetable, nothing matches", kind: "timetable", make: func(t *testing.T) *Model {
			m := model(t, 80, 24)
			press(m, "/")
			typeText(m, "zzqqzz")
			press(m, "enter")
			toTab(m, tabTimetable)
			return m
		}},
		{name: "info", kind: "info", make: after(80, 40, "shift+tab")},
		{name: "info, scrolling", kind: "info", make: after(80, 12, "shift+tab")},
		{name: "session page", kind: "session page", make: pushed(80, 24, func(sh *shared) component { return newSessionPage(sh, k8sID) })},
		{name: "session page, fits", kind: "session page", make: pushed(100, 80, func(sh *shared) component { return newSessionPage(sh, k8sID) })},
		{name: "speaker page", kind: "speaker page", make: pushed(80, 24, func(sh *shared) component { return newSpeakerPage(sh, speaker(sh)) })},
		{name: "speaker page, scrolling", kind: "speaker page", make: pushed(60, 8, func(sh *shared) component { return newSpeakerPage(sh, speaker(sh)) })},
		{name: "filter panel", kind: "filter panel", make: after(80, 24, "f")},
		{name: "filter panel, sorted", kind: "filter panel", make: after(80, 24, "o", "f")},
		{name: "filter panel find field", kind: "filter find", typing: true, make: after(80, 24, "f", "/")},
		{name: "conference switcher", kind: "conference switcher", make: func(t *testing.T) *Model {
			m := model(t, 80, 24)
			m.sh.st.(*memStore).more = []store.ConferenceInfo{{Slug: "other", Name: "Other"}, {Slug: "third", Name: "Third"}}
			press(m, "c")
			return m
		}},
		{name: "what changed, empty", kind: "what changed", make: after(80, 24, "u")},
		{name: "what changed", kind: "what changed", make: func(t *testing.T) *Model {
			m := model(t, 80, 24, k8sID)
			withChanges(t, m)
			press(m, "u")
			return m
		}},
		{name: "note editor", kind: "note editor", typing: true, make: after(80, 24, "n")},
		{name: "now", kind: "now", make: func(t *testing.T) *Model {
			m := model(t, 80, 24, "vlb19-config-riskier-than-code")
			press(m, "shift+tab")
			return m
		}},
		{name: "now, narrow", kind: "now", make: func(t *testing.T) *Model {
			m := model(t, 40, 12)
			press(m, "shift+tab")
			return m
		}},
		{name: "now, after the conference", kind: "now", make: func(t *testing.T) *Model {
			m := modelAt(t, newMemStore(), 80, 24, afterConf, berlin)
			press(m, "shift+tab")
			return m
		}},
		{name: "now, seen from New York", kind: "now", make: func(t *testing.T) *Model {
			m := modelAt(t, newMemStore(), 80, 24, testNow, newYork)
			press(m, "shift+tab")
			return m
		}},
		{name: "sessions, seen from New York", kind: "sessions", make: func(t *testing.T) *Model {
			return modelAt(t, newMemStore(), 80, 24, testNow, newYork)
		}},
		{name: "help", kind: "help", anyKey: true, make: after(120, 40, "?")},
		{name: "help, scrolling", kind: "help", anyKey: true, make: after(40, 12, "?")},
	}
}

// allKeys is every key any binding of the program's KeyMap names, but
// ctrl+c, which quits everywhere.
func allKeys() []string {
	var keys []string
	v := reflect.ValueOf(DefaultKeyMap())
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			keys = append(keys, b.Keys()...)
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	return slices.DeleteFunc(keys, func(k string) bool { return k == "ctrl+c" })
}

func boundKeys(km keyMap) []string {
	var keys []string
	for _, b := range km.bound {
		keys = append(keys, b.Keys()...)
	}
	return keys
}

// look is what a key press can change: the screen, the pages, the tab, quitting.
func look(m *Model, quit bool) string {
	return fmt.Sprintf("%s\n%d pages, tab %d, quit %v", m.render(), len(m.stack), m.tab, quit)
}

// reacts reports whether pressing k changes what the person sees, right
// away or after moving down or to the end first.
func reacts(t *testing.T, st helpState, k string) bool {
	for _, before := range [][]string{nil, {"down"}, {"end"}} {
		m := st.make(t)
		press(m, before...)
		was := look(m, false)
		if look(m, press(m, k)) != was {
			return true
		}
	}
	return false
}

// The help honesty test, screen by screen: every key the help line shows is
// bound; every bound key does something; every key that is not bound does
// nothing; and the ? page shows exactly the keys some screen binds.
func TestHelpShowsExactlyTheBoundKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("presses every key on every screen")
	}
	everywhere := map[string]bool{}
	kinds := map[string][]helpState{}
	for _, st := range helpStates() {
		kinds[st.kind] = append(kinds[st.kind], st)
	}
	for _, st := range helpStates() {
		t.Run(st.name, func(t *testing.T) {
			m := st.make(t)
			km := m.focused().KeyMap()
			for _, b := range km.short {
				if !b.Enabled() || !km.binds(b) {
					t.Errorf("the help line shows %q (%v), which is not bound", b.Help().Key, b.Keys())
				}
			}
			for _, b := range km.bound {
				if b.Help().Key == "" || b.Help().Desc == "" {
					t.Errorf("bound key %v has no help text", b.Keys())
				}
			}
			bound := boundKeys(km)
			for _, k := range bound {
				everywhere[k] = true
			}
			if st.anyKey {
				return
			}
			for _, k := range allKeys() {
				if slices.Contains(bound, k) {
					continue
				}
				m := st.make(t)
				was, pages, tab := look(m, false), len(m.stack), m.tab
				quit := press(m, k)
				now := look(m, quit)
				if st.typing {
					// Typed into the field: the text may change, nothing else.
					if quit || len(m.stack) != pages || m.tab != tab {
						t.Errorf("%q, typed, quit or changed the page: %d pages, tab %d, quit %v", k, len(m.stack), m.tab, quit)
					}
					continue
				}
				if now != was {
					t.Errorf("%q is not in the help but does something:\n%s\n--- became ---\n%s", k, was, now)
				}
			}
		})
	}
	for kind, sts := range kinds {
		t.Run(kind+" bound keys react", func(t *testing.T) {
			seen := map[string]bool{}
			for _, st := range sts {
				m := st.make(t)
				for _, k := range boundKeys(m.focused().KeyMap()) {
					if seen[k] {
						continue
					}
					if reacts(t, st, k) {
						seen[k] = true
					}
				}
			}
			for _, st := range sts {
				m := st.make(t)
				for _, k := range boundKeys(m.focused().KeyMap()) {
					if !seen[k] {
						t.Errorf("%s: %q is in the help but does nothing", st.name, k)
						seen[k] = true
					}
				}
			}
		})
	}
	t.Run("the ? page", func(t *testing.T) {
		var shown []string
		for _, g := range DefaultKeyMap().FullHelp() {
			for _, b := range g {
				shown = append(shown, b.Keys()...)
			}
		}
		for k := range everywhere {
			if !slices.Contains(shown, k) {
				t.Errorf("%q is bound on some screen but not on the ? page", k)
			}
		}
		for _, k := range shown {
			if !everywhere[k] {
				t.Errorf("the ? page shows %q, which no screen binds", k)
			}
		}
	})
}
