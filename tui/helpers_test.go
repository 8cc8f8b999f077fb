package tui

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
	"github.com/lineup-tui/lineup/tui/links"
)

// The helpers every test of this package uses: a store in a temporary folder,
// a model on the built-in conference, typing keys, and drawing the screen.

func TestMain(m *testing.M) {
	if os.Getenv(lockHelperEnv) != "" {
		holdLock() // the helper process of TestKeysAnsweredWhileStoreLocked
		return
	}
	// Golden views are drawn with colours on; NO_COLOR in the environment of
	// whoever runs the tests must not change them.
	os.Unsetenv("NO_COLOR")
	os.Exit(m.Run())
}

// conference day, 13:00 in Berlin
var testNow = time.Date(2019, 11, 6, 12, 0, 0, 0, time.UTC)

// berlin is the zone of the built-in conference, the test viewer's zone
// unless a test says otherwise.
var berlin = data.LoadZone("Europe/Berlin")

const (
	k8s   = "Kubernetes the very hard way"
	k8sID = "vlb19-k8s-very-hard-way"
)

// openStore opens a fresh store in a temporary folder; its file must pass
// bbolt's consistency check when the test ends.
var openStore = storetest.Open

func newModel(t testing.TB, st Store, w, h int) *Model {
	t.Helper()
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithOpener(noBrowser), WithLocalZone(berlin))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// noBrowser is the opener of every test model: tests never start a browser.
func noBrowser(string) error { return links.ErrNoOpener }

// namedKeys are the keys keyMsg knows by name.
var namedKeys = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"space":     {Code: tea.KeySpace, Text: " "},
	"backspace": {Code: tea.KeyBackspace},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"pgdown":    {Code: tea.KeyPgDown},
	"pgup":      {Code: tea.KeyPgUp},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
}

// keyMsg turns "enter", "ctrl+s", "shift+tab", "a" … into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	if msg, ok := namedKeys[k]; ok {
		return msg
	}
	if mod, r, ok := strings.Cut(k, "+"); ok && mod == "ctrl" && len(r) == 1 {
		return tea.KeyPressMsg{Code: rune(r[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// press sends each key to the model as the program would, running the
// commands that answer at once (see settle). It reports whether the last
// key quit the program.
func press(m *Model, keys ...string) (quit bool) {
	for _, k := range keys {
		quit = send(m, keyMsg(k))
	}
	return quit
}

// settle does what Bubble Tea does with a command, for the commands that
// answer at once or read the store: the messages screens send the root,
// batches and sequences of them, loads and the wait for the writer. Their
// messages go back to Update, in order. Timers (the cursor's blink, the
// one-second check) are left alone. It reports whether the program quit.
func settle(m *Model, cmd tea.Cmd) (quit bool) {
	if cmd == nil {
		return false
	}
	if !runsAtOnce(m, cmd) {
		return false
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return false
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			quit = settle(m, c) || quit
		}
		return quit
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() { // a sequence
			quit = settle(m, v.Index(i).Interface().(tea.Cmd)) || quit
		}
		return quit
	}
	_, next := m.Update(msg)
	return settle(m, next)
}

// runsAtOnce reports whether cmd is one of the commands settle runs, told
// apart by the function they are made by.
func runsAtOnce(m *Model, cmd tea.Cmd) bool {
	pc := func(c tea.Cmd) uintptr { return reflect.ValueOf(c).Pointer() }
	got := pc(cmd)
	for _, c := range []tea.Cmd{
		tell(nil), tea.Batch(tell(1), tell(2)), batch(tell(1), tell(2)), sequence(tell(1), tell(2)), tea.Quit,
		loadConference(m.sh, ""), listConferences(nil), m.sh.w.flushed(0), showZone(m.sh, false),
		loadFull(m.sh), loadDetail(m.sh, ""),
	} {
		if pc(c) == got {
			return true
		}
	}
	return false
}

func typeText(m *Model, s string) {
	for _, r := range s {
		if r == ' ' {
			press(m, "space")
			continue
		}
		press(m, string(r))
	}
}

// screen renders the model as the ASCII colour profile shows it: no colours,
// but bold and underline (search matches) kept.
func screen(m *Model) string {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	w.WriteString(m.render())
	return buf.String()
}

func plain(m *Model) string { return ansi.Strip(m.render()) }

// sessions is the Sessions screen.
func sessions(m *Model) *sessionsModel { return m.tabs[tabSessions].c.(*sessionsModel) }

// The tabs, in the order screens lists them.
const (
	tabSessions = iota
	tabAgenda
	tabSpeakers
	tabTimetable
	tabInfo
	tabNow
)

// top is the page on top of the screen, nil when none.
func top(m *Model) component {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

// helpOpen reports whether the full help is showing.
func helpOpen(m *Model) bool {
	_, ok := top(m).(*helpPage)
	return ok
}

// gotoSession moves the list cursor onto the session with that title.
func gotoSession(t *testing.T, m *Model, title string) {
	t.Helper()
	press(m, "home")
	for range len(sessions(m).rows) {
		if s := sessions(m).current(); s != nil && s.Title == title {
			return
		}
		press(m, "down")
	}
	t.Fatalf("session %q not in the list", title)
}

// findMsg runs cmd (and the commands of a batch) until one yields a T.
func findMsg[T any](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	var zero T
	if cmd == nil {
		t.Fatalf("no command, wanted %T", zero)
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(3 * time.Second):
		// a tick that is still waiting: not what we want
		t.Fatalf("command did not return a %T", zero)
	}
	switch msg := msg.(type) {
	case T:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			ch := make(chan tea.Msg, 1)
			go func() { ch <- c() }()
			select {
			case got := <-ch:
				if v, ok := got.(T); ok {
					return v
				}
			case <-time.After(1500 * time.Millisecond):
			}
		}
	}
	t.Fatalf("no %T in %T", zero, msg)
	return zero
}

// send gives the model one message as the program would (see settle).
func send(m *Model, msg tea.Msg) (quit bool) {
	_, cmd := m.Update(msg)
	return settle(m, cmd)
}

// memStore is a Store in memory, for tests that make many models: the
// built-in conference, starred sessions of one's choosing, nothing on disk.
type memStore struct {
	mu   sync.Mutex
	c    *data.Conference
	mine map[string]data.Personal
	view []byte
	more []store.ConferenceInfo // listed, but cannot be opened
}

// builtinOnce is the built-in conference, read once; memStores share it,
// and nothing changes it.
var builtinOnce = sync.OnceValue(builtin.Conference)

func newMemStore(starred ...string) *memStore {
	s := &memStore{c: builtinOnce(), mine: map[string]data.Personal{}}
	for _, id := range starred {
		s.mine[id] = data.Personal{Starred: true}
	}
	return s
}

func (s *memStore) Path() string { return "" }

func (s *memStore) Conferences() ([]store.ConferenceInfo, error) {
	c := s.c
	return append([]store.ConferenceInfo{{Slug: c.Slug, Name: c.Name, Edition: c.Edition, Start: c.Start, End: c.End, Sessions: len(c.Sessions)}}, s.more...), nil
}

func (s *memStore) Conference(slug string) (*data.Conference, error) {
	if slug != s.c.Slug {
		return nil, os.ErrNotExist
	}
	return s.c, nil
}

func (s *memStore) Personal(string) (map[string]data.Personal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]data.Personal, len(s.mine))
	for id, p := range s.mine {
		out[id] = p
	}
	return out, nil
}

func (s *memStore) Others(string) (map[string]data.Tally, error) { return nil, nil }

func (s *memStore) UpdatePersonal(_, id string, fn func(*data.Personal)) (data.Personal, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.mine[id]
	fn(&p)
	s.mine[id] = p
	return p, nil
}

func (s *memStore) ViewState(string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.view, nil
}

func (s *memStore) SetViewState(_ string, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.view = b
	return nil
}

func (s *memStore) SetCurrent(string) error { return nil }
