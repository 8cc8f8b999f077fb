package tui

import (
	"strings"
	"testing"

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
