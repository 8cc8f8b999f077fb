package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/clock"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/data/notify"
)

var newYork = data.LoadZone("America/New_York")

// Moments of the built-in conference (5–7 November 2019, Berlin).
var (
	beforeConf  = time.Date(2019, 11, 1, 8, 0, 0, 0, time.UTC)  // Friday before, 09:00 in Berlin
	betweenDays = time.Date(2019, 11, 5, 20, 0, 0, 0, time.UTC) // Tuesday, 21:00
	afterConf   = time.Date(2019, 11, 8, 8, 0, 0, 0, time.UTC)  // the Friday after
	k8sStart    = time.Date(2019, 11, 6, 10, 35, 0, 0, time.UTC)
)

// modelAt is a model on st at w×h whose clock says now, seen from loc.
func modelAt(t testing.TB, st Store, w, h int, now time.Time, loc *time.Location, opts ...Option) *Model {
	t.Helper()
	return modelWith(t, st, w, h, append([]Option{WithClock(clock.Fixed(now).Now), WithLocalZone(loc)}, opts...)...)
}

func modelWith(t testing.TB, st Store, w, h int, opts ...Option) *Model {
	t.Helper()
	m, err := New(st, data.BuiltinSlug, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func nowScreen(t *testing.T, m *Model) *nowModel {
	t.Helper()
	press(m, "shift+tab")
	n, ok := m.focused().(*nowModel)
	if !ok {
		t.Fatalf("shift+tab from Sessions shows %T", m.focused())
	}
	return n
}

// The Now screen at the moments that matter, at 80×24 and 40×12; one
// session is starred so that "next for you" and the room order show.
func TestGoldenNow(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   time.Time
	}{
		{"before", beforeConf},
		{"during", time.Date(2019, 11, 6, 13, 30, 0, 0, time.UTC)},
		{"between", betweenDays},
		{"after", afterConf},
	} {
		for _, size := range [][2]int{{80, 24}, {40, 12}} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, size[0], size[1]), func(t *testing.T) {
				m := modelAt(t, newMemStore("vlb19-config-riskier-than-code"), size[0], size[1], tc.at, berlin)
				nowScreen(t, m)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}

func TestNowScreenStates(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want []string
	}{
		{beforeConf, []string{"the conference starts in 4 days 4 h · Tuesday 5 November 13:30", "Hall A6        next 13:30 SRE classroom"}},
		{betweenDays, []string{"the next day starts in 14 h 35 min · Wednesday 6 November 11:35"}},
		{afterConf, []string{"this conference is over · it ended on Thursday 7 November 2019"}},
		{k8sStart.Add(15 * time.Minute), []string{"Wednesday 6 November · 11:50", "Kubernetes the very hard way", "25 min left", "in 2 h 30 min"}},
	} {
		m := modelAt(t, newMemStore(), 80, 24, tc.at, berlin)
		nowScreen(t, m)
		got := plain(m)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("at %v no %q in\n%s", tc.at, w, got)
			}
		}
	}
}

// The screen follows the clock's beat: time left counts down, a session
// that ended gives way to the next.
func TestNowFollowsTheClock(t *testing.T) {
	clk := clock.NewManual(k8sStart.Add(15 * time.Minute))
	m := modelWith(t, newMemStore(k8sID), 80, 24, WithClock(clk.Now), WithLocalZone(berlin))
	n := nowScreen(t, m)
	if got := plain(m); !strings.Contains(got, "★ Hall A1") || !strings.Contains(got, "25 min left") {
		t.Fatalf("at 11:50:\n%s", got)
	}
	if s := n.current(); s == nil || s.ID != k8sID {
		t.Fatalf("the cursor is on %v, want the starred room's running session", s)
	}
	clk.Advance(20 * time.Minute)
	send(m, clockMsg{})
	if got := plain(m); !strings.Contains(got, "5 min left") {
		t.Errorf("20 min later:\n%s", got)
	}
	clk.Advance(10 * time.Minute) // 12:20: over
	send(m, clockMsg{})
	if got := plain(m); strings.Contains(got, k8s) {
		t.Errorf("the session ended at 12:15 and still shows:\n%s", got)
	}
	// enter opens the focused session.
	press(m, "enter")
	p, ok := top(m).(*sessionPage)
	if !ok {
		t.Fatalf("enter opened %T", top(m))
	}
	if cur := n.current(); cur == nil || p.id != cur.ID {
		t.Errorf("enter opened %v, the cursor is on %v", p.id, cur)
	}
}

// 36C3's night sessions: a session from 23:00 to 01:00 runs across
// midnight, and its day stays the one it started on.
func TestNowAcrossMidnight(t *testing.T) {
	st := newMemStore()
	c := builtin.Conference()
	st.c = c
	s := &c.Sessions[0]
	for i := range c.Sessions {
		if c.Sessions[i].ID == k8sID {
			s = &c.Sessions[i]
		}
	}
	loc := c.Location()
	s.Start = time.Date(2019, 11, 6, 23, 0, 0, 0, loc)
	s.End = time.Date(2019, 11, 7, 1, 0, 0, 0, loc)
	c.Prepare()
	m := modelAt(t, st, 80, 24, time.Date(2019, 11, 7, 0, 30, 0, 0, loc), berlin)
	nowScreen(t, m)
	got := plain(m)
	for _, w := range []string{"Wednesday 6 November · 00:30", k8s, "30 min left"} {
		if !strings.Contains(got, w) {
			t.Errorf("no %q in\n%s", w, got)
		}
	}
}

// Sessions list: past sessions dimmed, running ones marked, . jumps to now.
func TestSessionsNowMarks(t *testing.T) {
	m := modelAt(t, newMemStore(), 80, 24, k8sStart.Add(15*time.Minute), berlin)
	got := plain(m)
	marked := false
	for _, l := range strings.Split(got, "\n") {
		marked = marked || (strings.HasPrefix(strings.TrimSpace(l), "▶") && strings.Contains(l, "11:35–12:15") && strings.Contains(l, "Kubernetes the very hard"))
	}
	if !marked {
		t.Errorf("the running session is not marked:\n%s", got)
	}
	press(m, ".")
	if s := sessions(m).current(); s == nil || !data.Running(s, k8sStart.Add(15*time.Minute)) {
		t.Errorf(". moved to %v, not to a running session", s)
	}
	// Ended sessions are drawn dim: the Tuesday tutorial row is dim, the
	// running one is not.
	view := m.render()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "SRE classroom") && !strings.Contains(l, "138;138;138m"+"SRE") {
			t.Errorf("past session not dim: %q", l)
		}
	}
	// After the conference there is nothing to jump to.
	m = modelAt(t, newMemStore(), 80, 24, afterConf, berlin)
	press(m, "down", ".")
	if !strings.Contains(m.status, "nothing listed runs now or later") {
		t.Errorf("status %q", m.status)
	}
}

// A Berlin conference across the end of summer time there (25 October
// 2026) seen from New York, where it ends on 1 November.
func dstStore() *memStore {
	loc := data.LoadZone("Europe/Berlin")
	c := &data.Conference{Slug: data.BuiltinSlug, Name: "DST 2026", TimeZone: "Europe/Berlin", Start: "2026-10-24", End: "2026-10-26"}
	add := func(id, title string, start time.Time) {
		c.Sessions = append(c.Sessions, data.Session{ID: id, Title: title, Room: "A", Start: start, End: start.Add(time.Hour), Date: start.Format(data.DateLayout)})
	}
	add("sat", "Saturday morning", time.Date(2026, 10, 24, 10, 0, 0, 0, loc))
	add("mon", "Monday morning", time.Date(2026, 10, 26, 10, 0, 0, 0, loc))
	add("night", "Just after midnight", time.Date(2026, 10, 26, 0, 30, 0, 0, loc))
	c.Prepare()
	st := newMemStore()
	st.c = c
	return st
}

func TestZoneToggleAcrossDST(t *testing.T) {
	st := dstStore()
	m := modelAt(t, st, 80, 24, time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC), newYork)
	got := plain(m)
	if !strings.Contains(strings.Split(got, "\n")[0], "times in Europe/Berlin") {
		t.Errorf("the header does not say the zone:\n%s", got)
	}
	for _, w := range []string{"10:00–11:00 Saturday morning", "Monday 26 October", "00:30–01:30 Just after midnight"} {
		if !strings.Contains(got, w) {
			t.Errorf("conference zone: no %q in\n%s", w, got)
		}
	}
	press(m, "z")
	got = plain(m)
	if strings.Contains(strings.Split(got, "\n")[0], "times in") {
		t.Errorf("the local zone is shown, yet the header names one:\n%s", got)
	}
	for _, w := range []string{"Saturday 24 October", "04:00–05:00 Saturday morning", "Sunday 25 October", "19:30–20:30 Just after midnight", "Monday 26 October", "05:00–06:00 Monday morning"} {
		if !strings.Contains(got, w) {
			t.Errorf("local zone: no %q in\n%s", w, got)
		}
	}
	// Remembered for the conference: a new program shows local time too.
	m.Flush()
	m2 := modelAt(t, st, 80, 24, time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC), newYork)
	if !m2.sh.disp.Local || !strings.Contains(plain(m2), "04:00–05:00 Saturday morning") {
		t.Errorf("the local zone was not remembered:\n%s", plain(m2))
	}
	// The Now screen follows the shown zone.
	m2.sh.now = clock.Fixed(time.Date(2026, 10, 26, 9, 30, 0, 0, time.UTC)).Now
	nowScreen(t, m2)
	if got := plain(m2); !strings.Contains(got, "Monday 26 October · 05:30") || !strings.Contains(got, "05:00 Monday morning") {
		t.Errorf("Now in New York:\n%s", got)
	}
	// And back.
	press(m2, "z")
	if got := plain(m2); !strings.Contains(got, "10:00 Monday morning") || !strings.Contains(got, "times in Europe/Berlin") {
		t.Errorf("back in Berlin:\n%s", got)
	}
}

// No z where the zones agree: toggling would change nothing.
func TestNoZoneKeyWhenZonesAgree(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	if m.focused().KeyMap().binds(m.sh.keys.Zone) {
		t.Error("z is bound though the viewer is in the conference's zone")
	}
}

func TestReminderBanner(t *testing.T) {
	clk := clock.NewManual(k8sStart.Add(-6 * time.Minute))
	m := modelWith(t, newMemStore(k8sID), 80, 24, WithClock(clk.Now), WithLocalZone(berlin))
	const banner = "starts in 4 min · Hall A1 · Kubernetes the very hard way"
	send(m, clockMsg{})
	if strings.Contains(plain(m), "starts in") {
		t.Fatalf("a banner 6 min before:\n%s", plain(m))
	}
	clk.Advance(2 * time.Minute)
	send(m, clockMsg{})
	if got := plain(m); !strings.Contains(got, banner) {
		t.Fatalf("no banner 4 min before:\n%s", got)
	}
	lines := strings.Split(plain(m), "\n")
	if len(lines) != 24 || !strings.Contains(lines[22], banner) {
		t.Errorf("the banner is not above the help line: %q", lines)
	}
	// It counts down as it is drawn, and goes once the session starts.
	clk.Advance(2 * time.Minute)
	if !strings.Contains(plain(m), "starts in 2 min") {
		t.Errorf("2 min before:\n%s", plain(m))
	}
	clk.Advance(3 * time.Minute)
	send(m, clockMsg{})
	if strings.Contains(plain(m), "starts in") {
		t.Errorf("banner after the start:\n%s", plain(m))
	}
	// Once only.
	clk.Set(k8sStart.Add(-3 * time.Minute))
	send(m, clockMsg{})
	if strings.Contains(plain(m), "starts in") {
		t.Errorf("the reminder fired twice:\n%s", plain(m))
	}
}

func TestReminderOffAndLead(t *testing.T) {
	at := clock.NewManual(k8sStart.Add(-4 * time.Minute))
	m := modelWith(t, newMemStore(k8sID), 80, 24, WithClock(at.Now), WithLocalZone(berlin), WithReminders(0))
	send(m, clockMsg{})
	if strings.Contains(plain(m), "starts in") {
		t.Error("a banner with reminders off")
	}
	at.Set(k8sStart.Add(-14 * time.Minute))
	m = modelWith(t, newMemStore(k8sID), 80, 24, WithClock(at.Now), WithLocalZone(berlin), WithReminders(15*time.Minute))
	send(m, clockMsg{})
	if !strings.Contains(plain(m), "starts in 14 min") {
		t.Errorf("no banner 14 min before with a 15 min lead:\n%s", plain(m))
	}
}

// A session moved by a new version of the schedule moves its reminder.
func TestReminderFollowsAMovedSession(t *testing.T) {
	st := newMemStore(k8sID)
	st.c = builtin.Conference()
	clk := clock.NewManual(k8sStart.Add(-4 * time.Minute))
	m := modelWith(t, st, 80, 24, WithClock(clk.Now), WithLocalZone(berlin))
	send(m, clockMsg{})
	if !strings.Contains(plain(m), "starts in 4 min") {
		t.Fatalf("no banner:\n%s", plain(m))
	}
	moved := builtin.Conference()
	for i := range moved.Sessions {
		if s := &moved.Sessions[i]; s.ID == k8sID {
			s.Start, s.End = s.Start.Add(time.Hour), s.End.Add(time.Hour)
		}
	}
	moved.Prepare()
	st.c = moved
	p, err := loadProgramme(st, moved.Slug, clk.Now(), m.sh.zone, m.sh.log)
	if err != nil {
		t.Fatal(err)
	}
	send(m, reloadedMsg{slug: moved.Slug, edits: m.sh.edits, prog: p})
	if strings.Contains(plain(m), "starts in") {
		t.Errorf("the banner stays for a session that moved an hour later:\n%s", plain(m))
	}
	clk.Advance(time.Hour)
	send(m, clockMsg{})
	if !strings.Contains(plain(m), "starts in 4 min · Hall A1") {
		t.Errorf("no banner at the new time:\n%s", plain(m))
	}
}

func TestReminderNotification(t *testing.T) {
	clk := clock.NewManual(k8sStart.Add(-4 * time.Minute))
	m := modelWith(t, newMemStore(k8sID), 80, 24, WithClock(clk.Now), WithLocalZone(berlin), WithNotifications(notify.OSC9))
	var raws []string
	var collect func(cmd tea.Cmd)
	collect = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.RawMsg:
			raws = append(raws, msg.Msg.(string))
		case tea.BatchMsg:
			for _, c := range msg {
				collect(c)
			}
		}
	}
	collect(m.remind())
	want := notify.Sequence(notify.OSC9, "lineup", "starts in 4 min · Hall A1 · Kubernetes the very hard way")
	if len(raws) != 1 || raws[0] != want {
		t.Errorf("sent %q, want %q", raws, want)
	}
	raws = nil
	collect(m.remind())
	if len(raws) != 0 {
		t.Errorf("sent again: %q", raws)
	}
}

// corpusFile is a file of ../shared/corpus beside the checkout; the test
// is skipped without it.
func corpusFile(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", filepath.FromSlash(rel)))
	if err != nil {
		tb.Skipf("corpus file %s: %v", rel, err)
	}
	return b
}

// BenchmarkNowScreenFOSDEM2026 is one beat of the Now screen on FOSDEM 2026
// (883 sessions, 30 rooms) on Saturday at 11:00: working out what is on,
// then drawing the screen at 120×40. Target: under 2 ms (of CPU time,
// cpu-ns/op: on a shared machine the wall clock says more about the others).
func BenchmarkNowScreenFOSDEM2026(b *testing.B) {
	r, err := formats.Parse(corpusFile(b, "frab-xml/fosdem-2026.xml"), formats.FormatAuto, formats.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st := openStore(b)
	if _, err := st.ImportConference(r.Conference); err != nil {
		b.Fatal(err)
	}
	c, _ := st.Conference(r.Conference.Slug)
	for i := 0; i < len(c.Sessions); i += 40 {
		if _, err := st.UpdatePersonal(c.Slug, c.Sessions[i].ID, func(p *data.Personal) { p.Starred = true }); err != nil {
			b.Fatal(err)
		}
	}
	at := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	m, err := New(st, c.Slug, WithClock(clock.Fixed(at).Now), WithLocalZone(c.Location()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "shift+tab")
	if n, ok := m.focused().(*nowModel); !ok || len(n.nn.Rooms) < 20 {
		b.Fatalf("not the Now screen with its rooms: %T", m.focused())
	}
	b.ReportAllocs()
	reportCPU(b, func() {
		m.Update(clockMsg{})
		_ = m.render()
	})
}
