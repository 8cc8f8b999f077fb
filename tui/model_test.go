package tui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/storetest"
)

func TestRateStarAndClearFromList(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 24)
	gotoSession(t, m, k8s)
	press(m, "4")
	if got := m.sh.personal(k8sID).Rating; got != 4 {
		t.Fatalf("rating in memory %d, want 4", got)
	}
	press(m, "space")
	if !m.sh.personal(k8sID).Starred {
		t.Fatal("space did not star")
	}
	if !regexp.MustCompile(`(?m)^★ +11:35–12:15 +Kubernetes`).MatchString(plain(m)) {
		t.Errorf("starred mark missing:\n%s", plain(m))
	}
	m.Flush()
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if p := mine[k8sID]; p.Rating != 4 || !p.Starred {
		t.Fatalf("store has %+v, want rating 4 and starred", p)
	}
	press(m, "0", "*")
	m.Flush()
	mine, _ = st.Personal(data.BuiltinSlug)
	if p, ok := mine[k8sID]; ok {
		t.Fatalf("0 and * should clear the record, store has %+v", p)
	}
}

func TestCombinedRatingOnPage(t *testing.T) {
	m := newModel(t, openStore(t), 80, 30)
	gotoSession(t, m, k8s)
	press(m, "enter")
	if !strings.Contains(plain(m), "★★★★☆ 4.00 (4 ratings)") {
		t.Fatalf("published rating missing:\n%s", plain(m))
	}
	press(m, "5")
	out := plain(m)
	if !strings.Contains(out, "★★★★☆ 4.20 (5 ratings) · you ★★★★★") {
		t.Fatalf("combined rating missing:\n%s", out)
	}
	// A session with no published rating shows the person's as a 1-rating average.
	press(m, "esc")
	gotoSession(t, m, "GitOps 101")
	press(m, "3", "enter")
	if !strings.Contains(plain(m), "★★★☆☆ 3.00 (1 rating) · you ★★★☆☆") {
		t.Fatalf("own rating as average missing:\n%s", plain(m))
	}
}

func TestNoteEditor(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 30)
	gotoSession(t, m, k8s)
	press(m, "n")
	if _, ok := m.stack[len(m.stack)-1].(*noteEditor); !ok {
		t.Fatal("n did not open the note editor")
	}
	typeText(m, "ask about etcd quorum")
	press(m, "q") // typed into the note, not quit
	press(m, "ctrl+s")
	if len(m.stack) != 0 {
		t.Fatal("ctrl+s did not close the editor")
	}
	if got := m.sh.personal(k8sID).Note; got != "ask about etcd quorumq" {
		t.Fatalf("note %q", got)
	}
	press(m, "enter")
	if !strings.Contains(plain(m), "Your note") || !strings.Contains(plain(m), "ask about etcd quorumq") {
		t.Errorf("note not on the page:\n%s", plain(m))
	}
	// esc cancels without changing it.
	press(m, "n", "x", "esc")
	if got := m.sh.personal(k8sID).Note; got != "ask about etcd quorumq" {
		t.Fatalf("esc changed the note to %q", got)
	}
	m.Flush()
	mine, _ := st.Personal(data.BuiltinSlug)
	if mine[k8sID].Note != "ask about etcd quorumq" {
		t.Fatalf("note not stored: %+v", mine[k8sID])
	}
}

func TestSearchTypingDeletingClearing(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	all := len(m.sh.hits)
	press(m, "/")
	typeText(m, "bjorn")
	if len(m.sh.hits) == 0 || len(m.sh.hits) >= all {
		t.Fatalf("'bjorn' gave %d of %d", len(m.sh.hits), all)
	}
	if got := m.sh.speakerNames(m.sh.hits[0].Session); got != "Björn Rabenstein" {
		t.Errorf("'bjorn' should rank Björn Rabenstein's session first, got %q", got)
	}
	if !strings.Contains(plain(m), "Björn Rabenstein") {
		t.Errorf("'bjorn' result not on screen:\n%s", plain(m))
	}
	press(m, "backspace")
	for range 4 {
		press(m, "backspace")
	}
	if len(m.sh.hits) != all {
		t.Fatalf("after deleting the text %d of %d", len(m.sh.hits), all)
	}
	typeText(m, "kubernetes")
	n := len(m.sh.hits)
	if !strings.Contains(plain(m), fmt.Sprintf("%d of %d", n, all)) {
		t.Errorf("result count missing:\n%s", plain(m))
	}
	press(m, "enter") // keep the filter, back to the list
	if sessions(m).searching || m.sh.query.Text != "kubernetes" || len(m.sh.hits) != n {
		t.Fatalf("enter should keep the filter: searching=%v text=%q hits=%d", sessions(m).searching, m.sh.query.Text, len(m.sh.hits))
	}
	press(m, "j") // list keys work again
	press(m, "/", "esc")
	if m.sh.query.Text != "" || len(m.sh.hits) != all {
		t.Fatalf("esc should clear: text=%q hits=%d", m.sh.query.Text, len(m.sh.hits))
	}
}

func TestFilterPanelAndChips(t *testing.T) {
	m := newModel(t, openStore(t), 80, 40)
	press(m, "f")
	p, ok := m.stack[0].(*filterPanel)
	if !ok {
		t.Fatal("f did not open the filter panel")
	}
	// Select room Hall A1 and room Hall A6 (OR), then type "session" (AND).
	sel := func(facet data.Facet, value string) {
		t.Helper()
		for i, it := range p.items {
			if it.facet == facet && it.value == value {
				p.nav.cursor = i
				press(m, "space")
				return
			}
		}
		t.Fatalf("no %s %s in the panel", facet, value)
	}
	sel(data.FacetRoom, "Hall A1")
	sel(data.FacetRoom, "Hall A6")
	if len(m.sh.hits) != 5 {
		t.Errorf("Hall A1 or Hall A6: %d sessions, want 5", len(m.sh.hits))
	}
	sel(data.FacetLevel, "Beginner")
	if len(m.sh.hits) != 2 {
		t.Errorf("(A1 or A6) and Beginner: %d sessions, want 2", len(m.sh.hits))
	}
	press(m, "esc")
	out := plain(m)
	for _, chip := range []string{"Hall A1 ×", "Hall A6 ×", "Beginner ×"} {
		if !strings.Contains(out, chip) {
			t.Errorf("chip %q missing:\n%s", chip, out)
		}
	}
	press(m, "x") // drop the last chip
	if strings.Contains(plain(m), "Beginner ×") || len(m.sh.hits) != 5 {
		t.Errorf("x should drop the level chip: %d hits\n%s", len(m.sh.hits), plain(m))
	}
	press(m, "X")
	if len(m.sh.query.Chips()) != 0 || len(m.sh.hits) != 33 {
		t.Errorf("X should clear: %v, %d", m.sh.query.Chips(), len(m.sh.hits))
	}
}

func TestHideRoomAndShowAgain(t *testing.T) {
	m := newModel(t, openStore(t), 80, 40)
	gotoSession(t, m, k8s)
	press(m, "R")
	for _, h := range m.sh.hits {
		if h.Session.Room == "Hall A1" {
			t.Fatalf("Hall A1 still listed: %s", h.Session.Title)
		}
	}
	press(m, "f")
	p := m.stack[0].(*filterPanel)
	for i, it := range p.items {
		if it.facet == data.FacetHiddenRoom && it.value == "Hall A1" {
			p.nav.cursor = i
		}
	}
	press(m, "space", "esc")
	if len(m.sh.query.HiddenRooms) != 0 || len(m.sh.hits) != 33 {
		t.Fatalf("room not shown again: %v %d", m.sh.query.HiddenRooms, len(m.sh.hits))
	}
}

func TestSortCycles(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "o")
	if m.sh.query.Sort != data.SortRating {
		t.Fatalf("sort %q", m.sh.query.Sort)
	}
	first := m.sh.hits[0].Session
	if avg, _ := m.sh.combined(first); avg != 5 {
		t.Errorf("by rating the first session should have 5.00, has %v (%s)", avg, first.Title)
	}
	press(m, "o")
	if m.sh.query.Sort != data.SortTitle || !strings.HasPrefix(m.sh.hits[0].Session.Title, "5 things") {
		t.Errorf("by title first is %q", m.sh.hits[0].Session.Title)
	}
	press(m, "o")
	if m.sh.query.Sort != "" {
		t.Errorf("sort should cycle back to time, is %q", m.sh.query.Sort)
	}
}

func TestViewStateRestoredOnRestart(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 24)
	press(m, "/")
	typeText(m, "kube")
	press(m, "enter", "o")
	m.Flush()
	m2 := newModel(t, st, 80, 24)
	if m2.sh.query.Text != "kube" || m2.sh.query.Sort != data.SortRating {
		t.Fatalf("restored query %+v", m2.sh.query)
	}
	if len(m2.sh.hits) != len(m.sh.hits) {
		t.Fatalf("restored %d hits, had %d", len(m2.sh.hits), len(m.sh.hits))
	}
}

func TestNavigationKeys(t *testing.T) {
	m := newModel(t, openStore(t), 80, 12)
	press(m, "home")
	first := sessions(m).current().Title
	press(m, "]")
	if d := sessions(m).current().Date; d != "2019-11-06" {
		t.Fatalf("] went to %s", d)
	}
	press(m, "]")
	if d := sessions(m).current().Date; d != "2019-11-07" {
		t.Fatalf("] ] went to %s", d)
	}
	press(m, "[", "[")
	if d := sessions(m).current().Date; d != "2019-11-05" {
		t.Fatalf("[ [ went to %s", d)
	}
	press(m, "end")
	if ids := m.Listed(); sessions(m).current().ID != ids[len(ids)-1] {
		t.Errorf("end is on %q, not the last session", sessions(m).current().Title)
	}
	press(m, "pgup", "pgup", "pgup", "pgup", "pgup")
	if got := sessions(m).current().Title; got != first {
		t.Errorf("pgup to the top gives %q, want %q", got, first)
	}
	press(m, "pgdown")
	if sessions(m).nav.offset == 0 {
		t.Error("pgdown did not scroll")
	}
	// The cursor is always on screen.
	if c, o := sessions(m).nav.cursor, sessions(m).nav.offset; c < o || c >= o+sessions(m).listHeight() {
		t.Errorf("cursor %d off screen (offset %d)", c, o)
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
}

func TestTabsHelpAndQuit(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	for i, want := range []int{tabAgenda, tabSpeakers, tabTimetable, tabInfo, tabNow, tabSessions} {
		press(m, "tab")
		if m.tab != want {
			t.Fatalf("tab %d: on %d, want %d", i, m.tab, want)
		}
	}
	press(m, "shift+tab")
	if m.tab != tabNow {
		t.Fatalf("shift+tab: on %d", m.tab)
	}
	press(m, "?")
	if !strings.Contains(plain(m), "Keys") {
		t.Fatalf("? shows no help:\n%s", plain(m))
	}
	press(m, "j")
	if len(m.stack) != 0 {
		t.Fatal("a key should close the help")
	}
	if !press(m, "q") {
		t.Fatal("q does not quit")
	}
}

func TestSpeakersScreen(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "tab", "tab")
	out := plain(m)
	if !strings.Contains(out, "Liz Fong-Jones") || !strings.Contains(out, "2 sessions") {
		t.Fatalf("speakers list:\n%s", out)
	}
	press(m, "enter")
	sp, ok := m.stack[0].(*speakerPage)
	if !ok || sp.id != "akshay-kumar" {
		t.Fatalf("enter opened %#v", m.stack)
	}
	press(m, "enter")
	if pg, ok := m.stack[1].(*sessionPage); !ok || pg.id != "vlb19-sre-classroom" {
		t.Fatalf("enter on the speaker's session opened %#v", m.stack[1])
	}
	press(m, "esc", "esc")
	if len(m.stack) != 0 || m.tab != tabSpeakers {
		t.Fatal("esc esc should return to the speakers list")
	}
}

func TestPageScrolls(t *testing.T) {
	m := newModel(t, openStore(t), 60, 12)
	gotoSession(t, m, k8s)
	press(m, "enter")
	pg := m.stack[0].(*sessionPage)
	press(m, "down", "down", "pgdown")
	if pg.pg.offset == 0 {
		t.Fatal("page did not scroll")
	}
	press(m, "end")
	if !strings.Contains(plain(m), "78929") {
		t.Errorf("end should show the link at the bottom:\n%s", plain(m))
	}
	press(m, "home")
	if pg.pg.offset != 0 {
		t.Error("home did not go to the top")
	}
}

// Another process changes the store; the open TUI shows it on its next refresh.
func TestSeesChangesFromAnotherProcess(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 24)
	other, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // let the file's mtime move
	if err := other.SetRating(data.BuiltinSlug, k8sID, 2); err != nil {
		t.Fatal(err)
	}
	_, cmd := m.Update(tickMsg{at: time.Now(), stamp: stampOf(st.Path())})
	msg := findMsg[reloadedMsg](t, cmd)
	m.Update(msg)
	if got := m.sh.personal(k8sID).Rating; got != 2 {
		t.Fatalf("after refresh rating %d, want 2", got)
	}
}

// findMsg runs cmd (and any batch inside) and returns the first T it yields.
// Every screen at every size from 1×1 up renders without panicking, and no
// line is wider than the terminal.
func TestResizeNeverGarbles(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "]")
	screens := []func(){
		func() {},
		func() { press(m, "enter") },
		func() { press(m, "esc", "tab") },
		func() { press(m, "tab") },
		func() { press(m, "enter") },
		func() { press(m, "esc", "tab") },
		func() { press(m, "tab", "f") },
	}
	for _, open := range screens {
		open()
		for _, size := range [][2]int{{1, 1}, {10, 3}, {19, 5}, {20, 6}, {33, 9}, {40, 12}, {57, 17}, {80, 24}, {132, 50}} {
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			out := m.render()
			lines := strings.Split(out, "\n")
			if len(lines) > max(size[1], 1) {
				t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d: line %d cells wide: %q", size[0], size[1], w, ansi.Strip(l))
				}
			}
		}
	}
}

// CJK and emoji titles keep the columns after the title aligned.
func TestWideCharactersAlign(t *testing.T) {
	st := openStore(t)
	c := builtin.Conference()
	c.Slug = "wide"
	for i := range c.Sessions {
		switch i % 3 {
		case 0:
			c.Sessions[i].Title = "日本語のセッションタイトルはとても長いです " + c.Sessions[i].Title
		case 1:
			c.Sessions[i].Title = "🚀🔥 " + c.Sessions[i].Title
		}
	}
	formats.Finish(c)
	if _, err := st.PutConference(c); err != nil {
		t.Fatal(err)
	}
	m, err := New(st, "wide", WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 90, Height: 40})
	col := -1
	for _, l := range strings.Split(plain(m), "\n") {
		if i := strings.Index(l, "Hall A1"); i >= 0 {
			at := ansi.StringWidth(l[:i])
			if col >= 0 && at != col {
				t.Errorf("room column at %d, want %d: %q", at, col, l)
			}
			col = at
		}
	}
	if col < 0 {
		t.Fatal("no row shows Hall A1")
	}
}

func TestTinyTerminal(t *testing.T) {
	m := newModel(t, openStore(t), 15, 4)
	if !strings.Contains(strings.ReplaceAll(plain(m), "\n", " "), "Terminal too small") {
		t.Fatalf("tiny terminal:\n%s", plain(m))
	}
	press(m, "j", "enter", "5") // keys still work and nothing panics
}

func TestViewStateIsJSON(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 24)
	press(m, "o")
	m.Flush()
	b, err := st.ViewState(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	var vs viewState
	if err := json.Unmarshal(b, &vs); err != nil || vs.Query.Sort != data.SortRating {
		t.Fatalf("view state %s: %v", b, err)
	}
}

func TestConferenceSwitcher(t *testing.T) {
	st := openStore(t)
	other := builtin.Conference()
	other.Slug, other.Name, other.Edition = "other-conf", "Other Conference", "Other 2026"
	other.Sessions = other.Sessions[:3]
	formats.Finish(other)
	if _, err := st.PutConference(other); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, st, 80, 24)
	press(m, "c")
	sw, ok := m.stack[0].(*confSwitcher)
	if !ok {
		t.Fatal("c did not open the conference switcher")
	}
	if !strings.Contains(plain(m), "Other 2026") || !strings.Contains(plain(m), "Velocity Berlin 2019") {
		t.Fatalf("switcher:\n%s", plain(m))
	}
	for i, c := range sw.confs {
		if c.Slug == "other-conf" {
			sw.nav.cursor = i
		}
	}
	press(m, "enter")
	if m.sh.conf.Slug != "other-conf" || len(m.sh.hits) != 3 || len(m.stack) != 0 {
		t.Fatalf("after switching: %s, %d hits, %d pages", m.sh.conf.Slug, len(m.sh.hits), len(m.stack))
	}
	m.Flush()
	if cur, _ := st.Current(); cur != "other-conf" {
		t.Errorf("current conference %q, want other-conf (the TUI opens the last used)", cur)
	}
}

// lockedOnce is a store whose first write finds the file locked.
type lockedOnce struct {
	Store
	failed bool
}

func (l *lockedOnce) UpdatePersonal(slug, id string, fn func(*data.Personal)) (data.Personal, error) {
	if !l.failed {
		l.failed = true
		return data.Personal{}, fmt.Errorf("%w: held by another process", store.ErrLocked)
	}
	return l.Store.UpdatePersonal(slug, id, fn)
}

func TestWriteRetriesWhileLocked(t *testing.T) {
	st := openStore(t)
	m := newModel(t, &lockedOnce{Store: st}, 80, 24)
	gotoSession(t, m, k8s)
	press(m, "3")
	m.Flush()
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if mine[k8sID].Rating != 3 {
		t.Fatalf("the rating was dropped after a locked write: %+v", mine[k8sID])
	}
}

func TestHidePastFollowsTheClock(t *testing.T) {
	now := time.Date(2019, 11, 6, 10, 0, 0, 0, time.UTC) // 11:00 in Berlin
	m, err := New(openStore(t), data.BuiltinSlug, WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.sh.query.HidePast = true
	m.sh.run()
	before := len(m.sh.hits)
	now = now.Add(3 * time.Hour) // 14:00: the 11:35 sessions are over
	m.Update(tickMsg{at: now, stamp: m.stamp})
	if len(m.sh.hits) >= before {
		t.Fatalf("hide-past kept %d of %d sessions after the clock moved", len(m.sh.hits), before)
	}
	for _, h := range m.sh.hits {
		if h.Session.ID == k8sID {
			t.Fatal("a session that ended is still listed")
		}
	}
}

// The list is laid out again whenever the hits change under it, wherever that
// happens, with the cursor on the last row (where stale rows would point past
// the new, shorter list).
func TestListFollowsHitsThatShrink(t *testing.T) {
	starTwo := func(t *testing.T, st *store.Store) {
		t.Helper()
		for _, id := range []string{k8sID, "vlb19-knative"} {
			if err := st.SetStarred(data.BuiltinSlug, id, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(t *testing.T, m *Model, want int) {
		t.Helper()
		out := plain(m) // must not panic
		if got := len(m.Listed()); got != want {
			t.Fatalf("%d sessions listed, want %d:\n%s", got, want, out)
		}
		if s := sessions(m).current(); want > 0 && s == nil {
			t.Fatalf("no session under the cursor:\n%s", out)
		}
		press(m, "j", "k", "enter") // keys on the new list work
	}
	t.Run("filter panel", func(t *testing.T) {
		st := openStore(t)
		starTwo(t, st)
		m := newModel(t, st, 80, 24)
		press(m, "G", "f")
		p := m.stack[0].(*filterPanel)
		for i, it := range p.items {
			if it.facet == "starred" {
				p.nav.cursor = i
			}
		}
		press(m, "space", "esc")
		check(t, m, 2)
	})
	t.Run("another process", func(t *testing.T) {
		st := openStore(t)
		starTwo(t, st)
		b, _ := json.Marshal(viewState{Query: data.Query{Starred: true}})
		if err := st.SetViewState(data.BuiltinSlug, b); err != nil {
			t.Fatal(err)
		}
		m := newModel(t, st, 80, 24)
		press(m, "G")
		other, _ := store.Open(st.Path())
		time.Sleep(10 * time.Millisecond)
		if err := other.SetStarred(data.BuiltinSlug, "vlb19-knative", false); err != nil {
			t.Fatal(err)
		}
		_, cmd := m.Update(tickMsg{at: time.Now(), stamp: stampOf(st.Path())})
		m.Update(findMsg[reloadedMsg](t, cmd))
		check(t, m, 1)
	})
	t.Run("agenda", func(t *testing.T) {
		st := openStore(t)
		starTwo(t, st)
		b, _ := json.Marshal(viewState{Query: data.Query{Starred: true}})
		st.SetViewState(data.BuiltinSlug, b)
		m := newModel(t, st, 80, 24)
		press(m, "G", "tab", "j", "space", "shift+tab")
		check(t, m, 1)
	})
	t.Run("hide past", func(t *testing.T) {
		now := time.Date(2019, 11, 6, 10, 0, 0, 0, time.UTC)
		m, err := New(openStore(t), data.BuiltinSlug, WithClock(func() time.Time { return now }))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(m.Flush)
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		press(m, "f")
		p := m.stack[0].(*filterPanel)
		for i, it := range p.items {
			if it.facet == "past" {
				p.nav.cursor = i
			}
		}
		press(m, "space", "esc", "G")
		before := len(m.Listed())
		now = time.Date(2019, 11, 7, 18, 0, 0, 0, time.UTC) // every timed session is over
		m.Update(tickMsg{at: now, stamp: m.stamp})
		if after := len(m.Listed()); after >= before {
			t.Fatalf("hide past kept %d of %d", after, before)
		}
		check(t, m, len(m.sh.hits))
	})
}

// A starred session that leaves the schedule stays in the agenda, named by
// the title it had.
func TestOrphanKeepsItsTitle(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 100, 24)
	gotoSession(t, m, k8s)
	press(m, "space")
	m.Flush()
	c := builtin.Conference()
	kept := c.Sessions[:0]
	for _, s := range c.Sessions {
		if s.ID != k8sID {
			kept = append(kept, s)
		}
	}
	c.Sessions = kept
	formats.Finish(c)
	ch, err := st.PutConference(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Orphans) != 1 || ch.Orphans[0] != k8sID {
		t.Fatalf("orphans %v", ch.Orphans)
	}
	m2 := newModel(t, st, 100, 24)
	press(m2, "tab")
	if out := plain(m2); !strings.Contains(out, "No longer in the schedule") || !strings.Contains(out, "✗ Kubernetes the very hard way ("+k8sID+")") {
		t.Fatalf("agenda:\n%s", out)
	}
}

func TestNoticesItsConferenceRemoved(t *testing.T) {
	st := openStore(t)
	other := builtin.Conference()
	other.Slug = "other"
	formats.Finish(other)
	if _, err := st.PutConference(other); err != nil {
		t.Fatal(err)
	}
	m, err := New(st, "other", WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	time.Sleep(10 * time.Millisecond)
	if err := st.RemoveConference("other", false); err != nil {
		t.Fatal(err)
	}
	_, cmd := m.Update(tickMsg{at: time.Now(), stamp: stampOf(st.Path())})
	m.Update(findMsg[reloadedMsg](t, cmd))
	if !strings.Contains(plain(m), "this conference was removed") {
		t.Fatalf("no notice:\n%s", plain(m))
	}
}

func TestClickChipsAndRows(t *testing.T) {
	m := newModel(t, openStore(t), 100, 30)
	settle(m, sessions(m).setQuery(data.Query{Rooms: []string{"Hall A1", "Hall A6"}, Levels: []string{"Beginner"}}, ""))
	line := strings.Split(plain(m), "\n")[1]
	x := strings.Index(line, "Hall A6") // a cell inside the second chip
	if x < 0 {
		t.Fatalf("chip line %q", line)
	}
	send(m, tea.MouseClickMsg{Button: tea.MouseLeft, X: ansi.StringWidth(line[:x]), Y: 1})
	if got := m.sh.query.Rooms; len(got) != 1 || got[0] != "Hall A1" || len(m.sh.query.Levels) != 1 {
		t.Fatalf("clicking the Hall A6 chip left %+v", m.sh.query)
	}
	// Rows start below the tabs and the chip line: click the second row, then
	// click it again to open it.
	rows := strings.Split(plain(m), "\n")
	y := -1
	for i, l := range rows {
		if strings.Contains(l, "Autoscaling") {
			y = i
		}
	}
	if y < 0 {
		t.Fatalf("no Autoscaling row:\n%s", plain(m))
	}
	send(m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 20, Y: y})
	if s := sessions(m).current(); s == nil || s.ID != "vlb19-autoscaling-in-reality" {
		t.Fatalf("click moved the cursor to %v", s)
	}
	send(m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 20, Y: y})
	if len(m.stack) != 1 {
		t.Fatal("a second click did not open the session")
	}
}

func TestTypingKeysAndHelpCloseKeys(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "/")
	typeText(m, "kj")
	if m.sh.query.Text != "kj" {
		t.Fatalf("j and k in the search field should be typed, query %q", m.sh.query.Text)
	}
	if strings.Contains(plain(m), "↓/j") {
		t.Errorf("the help line offers j while typing:\n%s", plain(m))
	}
	press(m, "esc", "?")
	if !helpOpen(m) {
		t.Fatal("? did not open the help")
	}
	if press(m, "q") || helpOpen(m) {
		t.Fatal("q on the help should close it, not quit")
	}
}

func TestDebugLog(t *testing.T) {
	var buf storetest.SyncBuffer
	m, err := New(openStore(t), data.BuiltinSlug, WithLog(&buf))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "/")
	typeText(m, "kube")
	press(m, "enter", "4")
	m.Flush()
	out := buf.String()
	for _, want := range []string{"loaded velocity-berlin-2019: 33 sessions", `query "kube"`, "write: <nil> in"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// On a small screen the help scrolls instead of cutting keys off, and every
// key of the keymap is on it.
func TestHelpScrollsOnSmallScreens(t *testing.T) {
	m := newModel(t, openStore(t), 40, 12)
	press(m, "?")
	hp := m.stack[0].(*helpPage)
	all := strings.Join(hp.pg.lines, "\n")
	for _, want := range []string{"next day", "prev speaker", "save note", "clear filters", "quit"} {
		if !strings.Contains(ansi.Strip(all), want) {
			t.Errorf("help lacks %q", want)
		}
	}
	press(m, "pgdown")
	if !helpOpen(m) || hp.pg.offset == 0 {
		t.Fatal("pgdown should scroll the help, not close it")
	}
	press(m, "x")
	if helpOpen(m) {
		t.Fatal("another key should close the help")
	}
}

// A status line or an error a screen sends stands in place of the help line
// until the next key.
func TestStatusAndErrorLastUntilTheNextKey(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	last := func() string {
		lines := strings.Split(plain(m), "\n")
		return lines[len(lines)-1]
	}
	help := last()
	send(m, statusMsg("saved it"))
	if last() != "saved it" {
		t.Fatalf("footer %q", last())
	}
	send(m, errMsg{fmt.Errorf("could not read it")})
	if last() != "could not read it" {
		t.Fatalf("footer %q", last())
	}
	press(m, "j")
	if last() != help {
		t.Fatalf("after a key the footer is %q, want the help line %q", last(), help)
	}
}

// A bracketed paste (one tea.PasteMsg, not keys) goes into the search field.
func TestPasteIntoSearch(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	all := len(m.sh.hits)
	press(m, "/")
	send(m, tea.PasteMsg{Content: "kube"})
	if m.sh.query.Text != "kube" || len(m.sh.hits) == 0 || len(m.sh.hits) >= all {
		t.Fatalf("after pasting kube: query %q, %d of %d", m.sh.query.Text, len(m.sh.hits), all)
	}
}

// The note editor never cuts a note: 64 KiB typed or pasted is saved whole,
// a paste that would go past it is refused with a message, and so is saving
// a note that is too long.
func TestNoteEditorKeepsLongNotes(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 30)
	gotoSession(t, m, k8s)
	press(m, "n")
	long := strings.Repeat("word ", 9000) + "\n" + strings.Repeat("line\n", 500) + "end" // 47.5 KB, 501 lines
	send(m, tea.PasteMsg{Content: long})
	press(m, "ctrl+s")
	if len(m.stack) != 0 {
		t.Fatalf("ctrl+s did not close the editor: %s", plain(m))
	}
	if got := m.sh.personal(k8sID).Note; got != strings.TrimSpace(long) {
		t.Fatalf("a %d-byte note was saved as %d bytes", len(long), len(got))
	}
	press(m, "n")
	send(m, tea.PasteMsg{Content: strings.Repeat("x", 100_000)})
	if !strings.Contains(plain(m), "not pasted") || !strings.Contains(plain(m), "64 KiB") {
		t.Errorf("a 100 KB paste was not refused with a message:\n%s", plain(m))
	}
	if e, ok := m.stack[len(m.stack)-1].(*noteEditor); !ok || e.ta.Value() != strings.TrimSpace(long) {
		t.Fatal("the refused paste changed the draft")
	}
	// Typed past the limit: marked too long, and ctrl+s refuses.
	e := m.stack[len(m.stack)-1].(*noteEditor)
	send(m, tea.PasteMsg{Content: strings.Repeat("y", data.MaxNoteBytes-len(e.ta.Value()))})
	if n := len(e.ta.Value()); n != data.MaxNoteBytes {
		t.Fatalf("a paste up to the limit: the draft is %d bytes", n)
	}
	press(m, "a")
	if !strings.Contains(plain(m), "too long") {
		t.Errorf("a note over the limit is not marked:\n%s", plain(m))
	}
	press(m, "ctrl+s")
	if len(m.stack) == 0 || !strings.Contains(plain(m), "at most 64 KiB") {
		t.Errorf("ctrl+s saved or closed a note over the limit:\n%s", plain(m))
	}
	m.Flush()
	mine, _ := st.Personal(data.BuiltinSlug)
	if mine[k8sID].Note != strings.TrimSpace(long) {
		t.Errorf("stored note of %d bytes", len(mine[k8sID].Note))
	}
}

// esc and ctrl+c in the note editor with changes typed ask first; pressed
// again, they discard the draft (esc) or quit (ctrl+c).
func TestNoteEditorAsksBeforeDroppingADraft(t *testing.T) {
	m := newModel(t, openStore(t), 80, 30)
	gotoSession(t, m, k8s)
	press(m, "n")
	typeText(m, "draft")
	if press(m, "ctrl+c") {
		t.Fatal("ctrl+c quit and dropped the draft")
	}
	if len(m.stack) == 0 || !strings.Contains(plain(m), "not saved") {
		t.Fatalf("ctrl+c did not ask:\n%s", plain(m))
	}
	press(m, "esc")
	if len(m.stack) == 0 {
		t.Fatal("esc dropped the draft without asking")
	}
	press(m, "esc")
	if len(m.stack) != 0 || m.sh.personal(k8sID).Note != "" {
		t.Fatal("esc twice did not discard the draft")
	}
	// Nothing typed: esc closes at once, ctrl+c quits at once.
	press(m, "n")
	press(m, "esc")
	if len(m.stack) != 0 {
		t.Fatal("esc with nothing typed did not close")
	}
	press(m, "n")
	typeText(m, "x")
	press(m, "ctrl+c")
	if !press(m, "ctrl+c") {
		t.Error("ctrl+c twice did not quit")
	}
}

// A paste goes into the Speakers search field too.
func TestPasteIntoSpeakerSearch(t *testing.T) {
	m := newModel(t, openStore(t), 80, 24)
	press(m, "tab", "tab", "/")
	send(m, tea.PasteMsg{Content: "rabenstein"})
	sp := m.tabs[tabSpeakers].c.(*speakersModel)
	if sp.search.Value() != "rabenstein" || len(sp.rows) != 1 {
		t.Fatalf("after pasting: %q, %d rows\n%s", sp.search.Value(), len(sp.rows), plain(m))
	}
}
