package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
)

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
	toTab(m, tabInfo)
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
