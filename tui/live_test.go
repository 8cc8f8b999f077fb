package tui

import (
	"bytes"
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/builtin"
	"github.com/lineup-tui/lineup/data/changes"
	"github.com/lineup-tui/lineup/data/fetch"
	"github.com/lineup-tui/lineup/data/formats"
	"github.com/lineup-tui/lineup/store"
	"github.com/lineup-tui/lineup/store/refresh"
	"github.com/lineup-tui/lineup/store/storetest"
)

// slowGetter is a download that waits for release, then gives body or err.
type slowGetter struct {
	release chan struct{}
	body    []byte
	err     error
}

func (g *slowGetter) Get(ctx context.Context, _ string, _ fetch.Validators) (*fetch.Result, error) {
	select {
	case <-g.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if g.err != nil {
		return nil, g.err
	}
	return &fetch.Result{Status: fetch.Changed, Body: g.body, Validators: fetch.Validators{SHA256: "next"}}, nil
}

// movedVersion is the built-in conference with the k8s session an hour later.
func movedVersion(t *testing.T) (*data.Conference, []byte) {
	t.Helper()
	c := builtin.Conference()
	s := c.Session(k8sID)
	s.Start, s.End = s.Start.Add(time.Hour), s.End.Add(time.Hour)
	var b bytes.Buffer
	if err := formats.EncodeLineup(&b, c); err != nil {
		t.Fatal(err)
	}
	return c, b.Bytes()
}

// liveModel is a model on a store whose built-in conference was fetched
// from a URL two hours before testNow, with k8s starred, refreshing
// through g.
func liveModel(t *testing.T, g refresh.Getter) (*Model, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	src := &store.Source{URL: "http://127.0.0.1:1/velocity.json", Format: "lineup"}
	if _, err := st.Replace(builtin.Conference(), store.ReplaceOptions{Source: src, At: testNow.Add(-2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(data.BuiltinSlug, k8sID, true); err != nil {
		t.Fatal(err)
	}
	r := func(ctx context.Context, slug string) (*refresh.Outcome, error) {
		return refresh.Run(ctx, st, g, slug, testNow)
	}
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithRefresh(r, 0), WithLocalZone(berlin))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	// Six tabs and "updated 2 h ago · Velocity Berlin 2019" need more than 80 columns.
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	return m, st
}

// r starts a refresh that the screen does not wait for: keys keep working
// while the download hangs, and the new schedule arrives as a message.
func TestRefreshKeyDoesNotBlock(t *testing.T) {
	_, body := movedVersion(t)
	g := &slowGetter{release: make(chan struct{}), body: body}
	m, _ := liveModel(t, g)
	if got := plain(m); !strings.Contains(got, "updated 2 h ago") {
		t.Fatalf("header before the refresh:\n%s", got)
	}

	start := time.Now()
	_, cmd := m.Update(keyMsg("r"))
	if d := time.Since(start); d > 100*time.Millisecond || cmd == nil {
		t.Fatalf("r took %v, command %v", d, cmd != nil)
	}
	if got := plain(m); !strings.Contains(got, "refreshing…") {
		t.Errorf("no sign of the refresh:\n%s", got)
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	// The download hangs; the screen still answers.
	before := sessions(m).nav.cursor
	start = time.Now()
	press(m, "j")
	if sessions(m).nav.cursor == before || time.Since(start) > 100*time.Millisecond {
		t.Error("a key did not work while the refresh was running")
	}
	press(m, "r")
	if !strings.Contains(plain(m), "already refreshing") {
		t.Errorf("a second r:\n%s", plain(m))
	}
	close(g.release)
	send(m, <-done)

	got := plain(m)
	for _, want := range []string{"★ moved: Kubernetes the very hard way: start Wed 11:35 → Wed 12:35", "updated just now"} {
		if !strings.Contains(got, want) {
			t.Errorf("after the refresh the screen lacks %q:\n%s", want, got)
		}
	}
	if s := m.sh.conf.Session(k8sID); !s.Start.Equal(builtin.Conference().Session(k8sID).Start.Add(time.Hour)) {
		t.Errorf("the new schedule is not open: %v", s.Start)
	}
	if !regexp.MustCompile(`★> +12:35–13:15 +Kubernetes the very hard`).MatchString(got) {
		t.Errorf("the moved starred session has no marker:\n%s", got)
	}
	press(m, "tab")
	if got := plain(m); !strings.Contains(got, " >12:35") {
		t.Errorf("the agenda does not mark the moved session:\n%s", got)
	}

	press(m, "u")
	p, ok := top(m).(*changesPage)
	if !ok || len(p.items) != 1 || !p.items[0].Starred {
		t.Fatalf("what changed page: %T %+v", top(m), p)
	}
	if got := plain(m); !strings.Contains(got, "★> moved     Kubernetes the very hard way: start Wed 11:35 → Wed 12:35") {
		t.Errorf("what changed:\n%s", got)
	}
	press(m, "enter")
	if sp, ok := top(m).(*sessionPage); !ok || sp.id != k8sID {
		t.Errorf("enter opened %T", top(m))
	}
}

// A failed refresh keeps the schedule as it was and the header says so.
func TestRefreshFailureKeepsSchedule(t *testing.T) {
	g := &slowGetter{release: make(chan struct{}), err: &fetch.Error{URL: "http://127.0.0.1:1/velocity.json", Kind: fetch.ErrStalled, Msg: "stalled: no data for 20s"}}
	close(g.release)
	m, st := liveModel(t, g)
	before, _ := st.Conference(data.BuiltinSlug)
	_, cmd := m.Update(keyMsg("r"))
	send(m, cmd())
	got := plain(m)
	if !strings.Contains(got, "refresh failed: stalled: no data for 20s; kept the schedule from 2 h ago") {
		t.Errorf("error line:\n%s", got)
	}
	press(m, "j")
	if got := plain(m); !strings.Contains(got, "offline · schedule from") {
		t.Errorf("header after a failed refresh:\n%s", got)
	}
	after, _ := st.Conference(data.BuiltinSlug)
	if !reflect.DeepEqual(before, after) {
		t.Error("a failed refresh changed the stored schedule")
	}
}

// Periodic refreshes: one on start, then one per tick of the conference
// still open; a tick for another opening is dropped.
func TestAutoRefresh(t *testing.T) {
	calls := make(chan string, 4)
	st := storetest.Open(t)
	st.Replace(builtin.Conference(), store.ReplaceOptions{Source: &store.Source{URL: "http://127.0.0.1:1/s"}, At: testNow})
	r := func(_ context.Context, slug string) (*refresh.Outcome, error) {
		calls <- slug
		return &refresh.Outcome{Slug: slug, Unchanged: true}, nil
	}
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithRefresh(r, 15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Flush)
	start := autoRefresh(m.sh)
	if start == nil {
		t.Fatal("no refresh on start")
	}
	for _, c := range start().(tea.BatchMsg) {
		if reflect.ValueOf(c).Pointer() == reflect.ValueOf(startRefresh(m.sh, false)).Pointer() {
			send(m, c())
		}
	}
	if got := <-calls; got != data.BuiltinSlug {
		t.Errorf("refreshed %q", got)
	}
	if cmd := m.refreshTicked(refreshTickMsg{gen: m.sh.opens + 1}); cmd != nil {
		t.Error("a stale tick started a refresh")
	}
	if cmd := m.refreshTicked(refreshTickMsg{gen: m.sh.opens}); cmd == nil {
		t.Error("a tick started no refresh")
	}
}

// withChanges gives m's conference a change set: k8s moved, a late
// addition, GitOps 101 cancelled. It returns the new version.
func withChanges(t *testing.T, m *Model) *data.Conference {
	t.Helper()
	next, _ := movedVersion(t)
	next.Sessions = append(next.Sessions, data.Session{ID: "late", Title: "Late addition", Date: "2019-11-06"})
	next.Session("vlb19-gitops-101").Title = "CANCELLED: GitOps 101"
	next.Prepare()
	set := changes.Compute(m.sh.conf, next, testNow.Add(-4*time.Minute))
	m.sh.live = liveInfo{sets: []*changes.Set{set}, latest: set}
	return next
}

// The markers in the session list follow the last change set.
func TestChangeMarks(t *testing.T) {
	m := newModel(t, newMemStore(), 80, 24)
	next := withChanges(t, m)
	for id, want := range map[string]string{k8sID: markMoved, "late": markAdded, "vlb19-gitops-101": markCancelled, "vlb19-struve-monitoring": " "} {
		if got := m.sh.changeMark(next.Session(id)); got != want {
			t.Errorf("%s: mark %q, want %q", id, got, want)
		}
	}
}
