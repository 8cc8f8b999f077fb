package tui

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/lineup-tui/lineup/data"
)

// lockHelperEnv names the store file the helper process locks.
const lockHelperEnv = "LINEUP_TUI_TEST_HOLD_LOCK"

// lockHold is how long the helper process holds the store's lock.
const lockHold = 3 * time.Second

// lockUntilStdinEnv, when set, makes the helper hold the lock until its
// standard input is closed instead of for lockHold.
const lockUntilStdinEnv = "LINEUP_TUI_TEST_HOLD_UNTIL_STDIN"

// holdLock is the helper process: it opens the store file with bbolt, which
// takes the file's lock, says so, holds it for lockHold (or until its
// standard input closes) and exits.
func holdLock() {
	db, err := bolt.Open(os.Getenv(lockHelperEnv), 0o600, &bolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "lock helper:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	if os.Getenv(lockUntilStdinEnv) != "" {
		io.Copy(io.Discard, os.Stdin)
	} else {
		time.Sleep(lockHold)
	}
	db.Close()
	os.Exit(0)
}

// timedModel runs the root model and remembers the slowest Update and View.
type timedModel struct {
	m       *Model
	mu      sync.Mutex
	slowest time.Duration
	what    string
}

func (tm *timedModel) note(d time.Duration, what string) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if d > tm.slowest {
		tm.slowest, tm.what = d, what
	}
}

func (tm *timedModel) Init() tea.Cmd { return tm.m.Init() }

func (tm *timedModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	start := time.Now()
	_, cmd := tm.m.Update(msg)
	tm.note(time.Since(start), fmt.Sprintf("Update(%T %v)", msg, msg))
	return tm, cmd
}

func (tm *timedModel) View() tea.View {
	start := time.Now()
	v := tm.m.View()
	tm.note(time.Since(start), "View")
	return v
}

// Another process holds the store's lock for 3 s while keys arrive: every
// key is answered at once (a write waits in the writer, the switcher says it
// is reading), and nothing typed is lost once the lock is free.
func TestKeysAnsweredWhileStoreLocked(t *testing.T) {
	st := openStore(t)
	m, err := New(st, data.BuiltinSlug, WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), lockHelperEnv+"="+st.Path())
	helper.Stderr = os.Stderr
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer helper.Wait()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("lock helper said %q, %v", line, err)
	}
	locked := time.Now()
	first := sessions(m).currentID()

	timed := &timedModel{m: m}
	tm := teatest.NewTestModel(t, timed, teatest.WithInitialTermSize(80, 24))
	waitFor := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Contains(b, []byte(want))
		}, teatest.WithDuration(lockHold/2), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor(k8s[:20]) // the title column may cut the rest
	// Rate and star the first session, sort (a view-state write), walk the
	// tabs, then open the conference switcher, which reads the store.
	for _, k := range []string{"5", "space", "o", "tab", "tab", "shift+tab", "shift+tab", "c"} {
		tm.Send(keyMsg(k))
	}
	waitFor("Reading the store")
	if held := time.Since(locked); held > lockHold-500*time.Millisecond {
		t.Fatalf("the keys took %v to be answered while the store was locked", held)
	}
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(4*lockHold))

	// A frozen Update waits at least the store's one-second lock timeout.
	if timed.slowest > 500*time.Millisecond {
		t.Errorf("slowest %s took %v while the store was locked", timed.what, timed.slowest)
	}
	m.Flush()
	mine, err := st.Personal(data.BuiltinSlug)
	if err != nil {
		t.Fatal(err)
	}
	if p := mine[first]; p.Rating != 5 || !p.Starred {
		t.Errorf("after the lock was freed the store has %+v for %s", p, first)
	}
}
