package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// applyStoreChange does what a program does with StoreChangedMsg: it runs the
// read it asks for and gives its answer back.
func applyStoreChange(t *testing.T, m *Model) {
	t.Helper()
	_, cmd := m.Update(StoreChangedMsg{})
	if cmd == nil {
		t.Fatal("StoreChangedMsg asked for no read")
	}
	send(m, findMsg[reloadedMsg](t, cmd))
}

func TestRatingsOfOtherIdentitiesCombineAndNotesStayPrivate(t *testing.T) {
	base := openStore(t)
	ann, bob := base.As("SHA256:ann"), base.As("SHA256:bob")
	if err := bob.SetRating(data.BuiltinSlug, k8sID, 5); err != nil {
		t.Fatal(err)
	}
	if err := bob.SetNote(data.BuiltinSlug, k8sID, "bob's private note"); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, ann, 80, 30)
	gotoSession(t, m, k8s)
	press(m, "enter")
	out := plain(m)
	if !strings.Contains(out, "★★★★☆ 4.20 (5 ratings)") || strings.Contains(out, "you ★") {
		t.Fatalf("published 4.00 from 4 plus bob's 5 should show as 4.20 (5 ratings), not as ann's:\n%s", out)
	}
	if strings.Contains(out, "bob's private note") {
		t.Fatal("ann sees bob's note")
	}
	press(m, "3")
	if out := plain(m); !strings.Contains(out, "★★★★☆ 4.00 (6 ratings) · you ★★★☆☆") {
		t.Fatalf("after ann rates 3:\n%s", out)
	}
	m.Flush()
	// Bob changes his mind; ann's screen shows it after a StoreChangedMsg.
	if err := bob.SetRating(data.BuiltinSlug, k8sID, 1); err != nil {
		t.Fatal(err)
	}
	applyStoreChange(t, m)
	if out := plain(m); !strings.Contains(out, "★★★☆☆ 3.33 (6 ratings) · you ★★★☆☆") {
		t.Fatalf("after bob re-rates 1:\n%s", out)
	}
	if tl, _ := base.Tally(data.BuiltinSlug, k8sID); tl != (data.Tally{Count: 2, Sum: 4}) {
		t.Errorf("tally %+v: ann's and bob's ratings, each once", tl)
	}
	if p, _ := base.As(store.LocalIdentity).Personal(data.BuiltinSlug); len(p) != 0 {
		t.Errorf("the local identity got records: %+v", p)
	}
}

func TestWriteGateRefusesChanges(t *testing.T) {
	st := openStore(t)
	allow := 1
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithWriteGate(func() bool {
		allow--
		return allow >= 0
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	gotoSession(t, m, k8s)
	press(m, "4")
	press(m, "space")
	if p := m.sh.personal(k8sID); p.Rating != 4 || p.Starred {
		t.Fatalf("after one allowed change and one refused: %+v", p)
	}
	if !strings.Contains(plain(m), "too many changes at once") {
		t.Errorf("the refusal is not on the screen:\n%s", plain(m))
	}
	m.Flush()
	if p, _ := st.Personal(data.BuiltinSlug); p[k8sID].Starred || p[k8sID].Rating != 4 {
		t.Errorf("store has %+v", p[k8sID])
	}
}

func TestChangeNoticesReplaceTheFileWatch(t *testing.T) {
	st := openStore(t)
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }), WithChangeNotices(), WithNoColor(true))
	if err != nil {
		t.Fatal(err)
	}
	if !m.sh.styles.noColor {
		t.Error("WithNoColor(true) left colours on")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if err := st.As("SHA256:other").SetRating(data.BuiltinSlug, k8sID, 1); err != nil {
		t.Fatal(err)
	}
	_, cmd := m.Update(tickMsg{at: testNow, stamp: fileStamp{size: 1}})
	if m.reloading {
		t.Error("a tick read the store although changes come as notices")
	}
	_ = cmd
	applyStoreChange(t, m)
	if s := m.sh.conf.Session(k8sID); s.Others != (data.Tally{Count: 1, Sum: 1}) {
		t.Errorf("after the notice: others %+v", s.Others)
	}
	m.Close()
}
