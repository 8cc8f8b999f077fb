package tui

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/store"
)

// Another process holds the store's lock for longer than the writer used to
// try (5 tries of about a second): the rating stays pending, the footer says
// so, and once the lock is free the rating is in the store.
func TestChangeWaitsForALongLock(t *testing.T) {
	st := openStore(t)
	m := newModel(t, st, 80, 24)
	gotoSession(t, m, k8s)

	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), lockHelperEnv+"="+st.Path(), lockUntilStdinEnv+"=1")
	helper.Stderr = os.Stderr
	release, err := helper.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		release.Close()
		helper.Wait()
	}()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("lock helper said %q, %v", line, err)
	}

	press(m, "5")
	const pending = "1 change not saved yet · retrying"
	// The first try waits about a second for the lock before it fails.
	for start := time.Now(); !strings.Contains(plain(m), pending); time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 3*time.Second {
			t.Fatalf("the footer does not say the change is pending:\n%s", plain(m))
		}
	}
	// Longer than the writer's five tries before.
	for start := time.Now(); time.Since(start) < 6*time.Second; time.Sleep(250 * time.Millisecond) {
		if !strings.Contains(plain(m), pending) {
			t.Fatalf("after %v the footer no longer says the change is pending:\n%s", time.Since(start), plain(m))
		}
	}
	if !m.sh.w.busy() {
		t.Fatal("the writer dropped the change while the store was locked")
	}
	if got := m.sh.personal(k8sID).Rating; got != 5 {
		t.Errorf("the screen shows rating %d, want the pending 5", got)
	}

	release.Close()
	if err := helper.Wait(); err != nil {
		t.Fatal(err)
	}
	if !m.sh.w.idle(5 * time.Second) {
		t.Fatal("the change was not written within 5 s of the lock being freed")
	}
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if got := mine[k8sID].Rating; got != 5 {
		t.Errorf("after the lock was freed the store has rating %d, want 5", got)
	}
	if out := plain(m); strings.Contains(out, "not saved") {
		t.Errorf("the footer still says pending once written:\n%s", out)
	}
}

// failingStore writes nothing: every personal change fails with err.
type failingStore struct {
	Store
	err error
}

func (f failingStore) UpdatePersonal(string, string, func(*data.Personal)) (data.Personal, error) {
	return data.Personal{}, f.err
}

// Quitting while the store stays locked waits quitWait, then the program
// ends and says how many changes could not be saved.
func TestQuitWithChangesNotSaved(t *testing.T) {
	m := newModel(t, failingStore{openStore(t), store.ErrLocked}, 80, 24)
	m.sh.quitWait = 300 * time.Millisecond
	gotoSession(t, m, k8s)
	press(m, "5", "space")
	for start := time.Now(); !strings.Contains(plain(m), "2 changes not saved yet · retrying"); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > time.Second {
			t.Fatalf("the footer does not say the changes are pending:\n%s", plain(m))
		}
	}
	start := time.Now()
	if !press(m, "q") {
		t.Fatal("q did not quit")
	}
	if waited := time.Since(start); waited < m.sh.quitWait || waited > m.sh.quitWait+3*time.Second {
		t.Errorf("quit waited %v, want about %v", waited, m.sh.quitWait)
	}
	err := m.finish()
	if err == nil {
		t.Fatal("quit with changes not in the store and no error")
	}
	want := "2 changes could not be saved: the store is locked by another lineup"
	if !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("on exit: %q, want one line starting %q", err, want)
	}
	if notSaved(1).Error() != "1 change could not be saved: the store is locked by another lineup (an import or another terminal); make it again once that is done" {
		t.Errorf("one change: %q", notSaved(1))
	}
}

// Run's own path: the program ends and run returns the not-saved error.
func TestRunSaysChangesNotSaved(t *testing.T) {
	m := newModel(t, failingStore{openStore(t), store.ErrLocked}, 80, 24)
	m.sh.quitWait = 200 * time.Millisecond
	m.sh.rate(m.Listed()[0], 3)
	err := run(m, tea.WithInput(strings.NewReader("q")), tea.WithOutput(io.Discard), tea.WithWindowSize(80, 24))
	if err == nil || !strings.HasPrefix(err.Error(), "1 change could not be saved") {
		t.Fatalf("run returned %v, want the not-saved error", err)
	}
}

// A change refused for another reason is dropped, reported, and the screen
// reads the store again so it no longer shows it.
func TestRefusedChangeIsUndone(t *testing.T) {
	st := openStore(t)
	m := newModel(t, failingStore{st, errors.New("refused")}, 80, 24)
	gotoSession(t, m, k8s)
	press(m, "5")
	m.Flush()
	msg := (m.sh.w.listen())()
	send(m, msg)
	if !strings.Contains(plain(m), "could not save: refused") {
		t.Fatalf("the failure is not shown:\n%s", plain(m))
	}
	// What the next one-second check does: the file looks changed, so it
	// is read again.
	if stamp := stampOf(st.Path()); m.stamp == stamp {
		t.Fatal("the next check would not read the store again")
	}
	send(m, reload(m.sh, stampOf(st.Path()))())
	if got := m.sh.personal(k8sID).Rating; got != 0 {
		t.Errorf("after a refused write the screen shows rating %d, want 0", got)
	}
}
