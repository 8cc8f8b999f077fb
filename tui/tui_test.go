package tui

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store/storetest"
)

// conference day, 13:00 in Berlin
var testNow = time.Date(2019, 11, 6, 12, 0, 0, 0, time.UTC)

// openStore opens a fresh store whose file is checked when the test ends.
var openStore = storetest.Open

func newModel(t testing.TB, st Store, w, h int) *Model {
	t.Helper()
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg turns "enter", "ctrl+s", "shift+tab", "a" … into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = m.Update(keyMsg(k))
	}
	return cmd
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

// gotoSession moves the list cursor onto the session with that title.
func gotoSession(t *testing.T, m *Model, title string) {
	t.Helper()
	press(m, "home")
	for range len(m.sessions.rows) {
		if s := m.sessions.current(); s != nil && s.Title == title {
			return
		}
		press(m, "down")
	}
	t.Fatalf("session %q not in the list", title)
}

const k8s = "Kubernetes the very hard way"

func TestGoldenSessions80x24(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	golden.RequireEqual(t, screen(m))
}

func TestGoldenSessions40x12(t *testing.T) {
	m := newModel(t, openStore(t), 40, 12)
	golden.RequireEqual(t, screen(m))
}

func TestGoldenSessionPage(t *testing.T) {
	m := newModel(t, openStore(t), 80, 40)
	gotoSession(t, m, k8s)
	press(m, "enter")
	golden.RequireEqual(t, screen(m))
}

func TestGoldenRatedSessionPage(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	gotoSession(t, m, k8s)
	press(m, "enter", "5", "space")
	golden.RequireEqual(t, screen(m))
}

func TestGoldenSpeakerPage(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	gotoSession(t, m, k8s)
	press(m, "enter", "end", "enter")
	if _, ok := m.stack[len(m.stack)-1].(*speakerPage); !ok {
		t.Fatalf("enter on the session page did not open the speaker: %T", m.stack[len(m.stack)-1])
	}
	golden.RequireEqual(t, screen(m))
}

func TestGoldenInfo(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "tab", "tab", "tab")
	golden.RequireEqual(t, screen(m))
}

func TestGoldenSearchHighlight(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "/")
	typeText(m, "kubernetes")
	golden.RequireEqual(t, screen(m))
}

// An agenda with a clash (two starred sessions at 11:35), a gap, an unscheduled
// session and an orphan (a rated id that is not in the schedule).
func TestGoldenAgenda(t *testing.T) {
	st := openStore(t)
	for _, id := range []string{"vlb19-k8s-very-hard-way", "vlb19-struve-monitoring", "vlb19-autoscaling-in-reality", "vlb19-gitops-101", "vlb19-gone-session"} {
		if err := st.SetStarred(data.BuiltinSlug, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetNote(data.BuiltinSlug, "vlb19-autoscaling-in-reality", "sit near the front"); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, st, 80, 24)
	press(m, "tab")
	out := plain(m)
	for _, want := range []string{"⚠ clash", "2 h 5 min free", "Starred, time not announced", "No longer in the schedule", "vlb19-gone-session", "✎ sit near the front"} {
		if !strings.Contains(out, want) {
			t.Errorf("agenda lacks %q:\n%s", want, out)
		}
	}
	golden.RequireEqual(t, screen(m))
}

func TestMain(m *testing.M) {
	// Golden views are drawn with colours on; NO_COLOR in the environment of
	// whoever runs the tests must not change them.
	os.Unsetenv("NO_COLOR")
	os.Exit(m.Run())
}

func TestNoColorUsesReverseVideo(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	m := newModel(t, openStore(t), 80, 24)
	if !m.sh.styles.noColor {
		t.Fatal("NO_COLOR not seen")
	}
	// The cursor row must stay visible without colours: reverse video (SGR 7).
	if !strings.Contains(screen(m), "\x1b[1;7m") && !strings.Contains(screen(m), "\x1b[7;1m") && !strings.Contains(screen(m), ";7m") {
		t.Fatalf("no reverse video on the cursor row:\n%q", screen(m))
	}
}
