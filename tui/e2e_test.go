package tui

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/lineup-tui/lineup/data"
)

// A whole program run: the list draws, a search narrows it, a session opens,
// a rating and a star land in the store, and q quits.
func TestEndToEnd(t *testing.T) {
	st := openStore(t)
	m, err := New(st, data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Contains(b, []byte(want))
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitFor("Kubernetes the very hard way")
	tm.Send(keyMsg("/"))
	tm.Type("very hard")
	tm.Send(keyMsg("enter")) // keep the search
	tm.Send(keyMsg("enter")) // open the session
	waitFor("Who is this for")
	tm.Send(keyMsg("4"))
	tm.Send(keyMsg("space"))
	waitFor("in your agenda")
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(*Model)
	final.Flush()
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if p := mine[k8sID]; p.Rating != 4 || !p.Starred {
		t.Fatalf("store has %+v after the run", p)
	}
	if final.sh.query.Text != "very hard" || len(final.sh.hits) != 1 {
		t.Errorf("search kept %q with %d hits", final.sh.query.Text, len(final.sh.hits))
	}
}
